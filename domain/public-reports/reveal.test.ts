import { describe, expect, it } from 'vitest';
import { ROLE_LIST } from '../access/roles';
import { revealAuditFields, revealInput, revealRefusal } from './reveal';

describe('who may reveal', () => {
  it.each(ROLE_LIST)('role %s', (role) => {
    const r = revealRefusal({ roles: [role], anonymous: false, sealed: true });
    if (role === 'office') expect(r).toBeNull();
    else expect(r).toBe('只有巡察办工作人员可以查看反映人身份；系统管理员和巡察组不能查看');
  });

  it('an office user who is also admin may; an anonymous report has nothing to reveal', () => {
    expect(revealRefusal({ roles: ['admin', 'office'], anonymous: false, sealed: true })).toBeNull();
    expect(revealRefusal({ roles: ['office'], anonymous: true, sealed: false })).toBe('该来件为匿名反映，没有可查看的身份信息');
  });
});

describe('reveal input and audit', () => {
  it('wants a real reason and the passphrase', () => {
    const r = revealInput.safeParse({ reason: '核实', passphrase: '' });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['请具体说明查看反映人身份的理由（至少 10 个字），理由将记入审计日志', '请输入身份信息密钥口令']);
    expect(revealInput.parse({ reason: '  需电话联系反映人核实修路合同的具体情况  ', passphrase: 'x' }).reason).toBe('需电话联系反映人核实修路合同的具体情况');
  });

  it('audits who, which and why — nothing else', () => {
    const a = revealAuditFields({ reportId: 'r1', userId: 'u1', reason: ' 需电话联系反映人核实情况 ', keyId: 'k1' });
    expect(a).toEqual({ action: 'public_report.reveal_identity', reportId: 'r1', userId: 'u1', reason: '需电话联系反映人核实情况', keyId: 'k1' });
  });
});
