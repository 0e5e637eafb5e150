import { describe, expect, it } from 'vitest';
import { PRE_FILE_KIND_LIST, PRE_FILE_KINDS, preFileEntryInput } from './pre-file';

describe('pre-inspection file entries', () => {
  it('has a Chinese name for every kind', () => {
    expect(PRE_FILE_KIND_LIST).toEqual(['petition', 'audit', 'earlier_finding', 'rectification', 'other']);
    for (const k of PRE_FILE_KIND_LIST) expect(PRE_FILE_KINDS[k]).toMatch(/\p{Script=Han}/u);
  });

  it.each([
    [{ kind: 'audit', title: '  2025 年审计报告 ' }, { kind: 'audit', title: '2025 年审计报告', content: '' }],
    [{ kind: 'petition', title: '来信', content: '反映问题', occurredOn: '2026-03-05' }, { occurredOn: '2026-03-05' }],
    [{ kind: 'other', title: 'x', occurredOn: null }, { occurredOn: null }],
  ])('accepts %j', (input, expected) => {
    expect(preFileEntryInput.parse(input)).toMatchObject(expected);
  });

  it.each([
    [{ kind: 'gossip', title: 'x' }, '请选择资料类别'],
    [{ kind: 'audit', title: '   ' }, '请填写标题'],
    [{ kind: 'audit', title: 'x', occurredOn: '2026-02-30' }, '日期应为有效的 YYYY-MM-DD 格式'],
    [{ kind: 'audit', title: 'x'.repeat(201) }, '标题不超过 200 字'],
  ])('refuses %j with “%s”', (input, message) => {
    const r = preFileEntryInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });
});
