import { describe, expect, it } from 'vitest';
import { leadCreateInput, leadDisposeInput, leadOutcomeInput, leadReportInput, leadTransferInput, leadUpdateInput } from './inputs';

const msgs = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('lead inputs', () => {
  it('create needs a finding, an inspection or a target', () => {
    expect(msgs(leadCreateInput.safeParse({ authority: 'discipline' }))).toEqual(['请选择问题底稿或巡察对象']);
    expect(leadCreateInput.safeParse({ authority: 'discipline', findingId: '8f1c2d3e-4b5a-4c6d-8e7f-901234567890' }).success).toBe(true);
  });
  it('authority is one of three, in Chinese', () => {
    expect(msgs(leadCreateInput.safeParse({ authority: 'police', targetId: '8f1c2d3e-4b5a-4c6d-8e7f-901234567890' }))[0]).toContain('纪委监委');
  });
  it('persons: named, unique', () => {
    const base = { summary: '摘要', authority: 'organization' };
    expect(leadUpdateInput.safeParse({ ...base, persons: [{ name: '张三' }] }).success).toBe(true);
    expect(msgs(leadUpdateInput.safeParse({ ...base, persons: [{ name: '' }] }))).toEqual(['请填写被反映人姓名']);
    expect(msgs(leadUpdateInput.safeParse({ ...base, persons: [{ name: '张三' }, { name: '张三' }] }))[0]).toContain('不能重复');
    expect(leadUpdateInput.parse({ ...base, persons: [{ name: ' 张三 ' }] }).persons[0]).toEqual({ name: '张三', position: '' });
  });
  it('transfer: letter number and a real date', () => {
    expect(leadTransferInput.safeParse({ authority: 'discipline', letterNo: '溧巡移〔2026〕1号', transferredOn: '2026-11-20' }).success).toBe(true);
    expect(msgs(leadTransferInput.safeParse({ authority: 'discipline', letterNo: '', transferredOn: '2026-02-30' }))).toEqual(['请填写移交函文号', '日期应为有效的 YYYY-MM-DD 格式']);
  });
  it('disposition is one of the four ways', () => {
    expect(leadDisposeInput.safeParse({ disposition: 'preliminary_verification', dispositionOn: '2026-11-20', caseOpenedOn: null }).success).toBe(true);
    expect(msgs(leadDisposeInput.safeParse({ disposition: 'ignore', dispositionOn: '2026-11-20' }))[0]).toContain('谈话函询');
  });
  it('an outcome measure must belong to its kind', () => {
    const o = { personName: '张三', kind: 'party_sanction', measure: 'serious_warning', decidedOn: '2026-11-20' };
    expect(leadOutcomeInput.safeParse(o).success).toBe(true);
    expect(msgs(leadOutcomeInput.safeParse({ ...o, measure: 'demotion' }))).toEqual(['处理方式与处理类别不符']);
  });
  it('a report has substance', () => {
    expect(msgs(leadReportInput.safeParse({ handlingReport: '已处理', reportedOn: '2026-11-20' }))).toEqual(['办理情况报告不少于 10 个字']);
  });
});
