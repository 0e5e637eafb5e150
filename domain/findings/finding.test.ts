import { describe, expect, it } from 'vitest';
import { findingContentProblems, findingCreateInput, findingFields, materialInput, normaliseImmediate } from './finding';

const base = {
  category: 'leadership',
  title: '集体资金未经民主程序使用',
  description: '2025年村集体支出 3 笔未经“四议两公开”',
  source: 'record_review',
  foundOn: '2026-11-10',
};

describe('finding content', () => {
  it('accepts a minimal paper and fills defaults', () => {
    const f = findingFields.parse(base);
    expect(f).toMatchObject({ aspect: '', amount: null, responsible: [], place: '', immediate: false, immediateNoticeNo: null, immediateFixedOn: null, checklistItemId: null });
  });

  it('amount: 元 with at most two decimals, not negative; strings from the form are read too', () => {
    expect(findingFields.parse({ ...base, amount: 1234.5 }).amount).toBe('1234.50');
    expect(findingFields.parse({ ...base, amount: '0.01' }).amount).toBe('0.01');
    expect(findingFields.parse({ ...base, amount: '' }).amount).toBeNull();
    expect(findingFields.parse({ ...base, amount: 0 }).amount).toBe('0.00');
    const neg = findingFields.safeParse({ ...base, amount: -1 });
    expect(neg.success).toBe(false);
    expect(neg.error?.issues[0]?.message).toBe('涉及金额不能为负数');
    expect(findingFields.safeParse({ ...base, amount: 1.234 }).error?.issues[0]?.message).toBe('涉及金额最多保留两位小数（元，精确到分）');
    expect(findingFields.safeParse({ ...base, amount: 'abc' }).error?.issues[0]?.message).toBe('涉及金额应为数字（元）');
  });

  it('refuses unknown categories and sources in Chinese', () => {
    const r = findingFields.safeParse({ ...base, category: 'x', source: 'y' });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['请选择问题类别（三大问题）', '请选择问题来源']);
  });

  it('responsible: a cadre by id or a name by hand, not neither', () => {
    const ok = findingFields.parse({ ...base, responsible: [{ name: '张三', position: '村会计' }, { cadreId: '00000000-0000-4000-8000-000000000001' }] });
    expect(ok.responsible).toHaveLength(2);
    const bad = findingFields.safeParse({ ...base, responsible: [{ position: '主任' }] });
    expect(bad.error?.issues[0]).toMatchObject({ message: '请选择干部或填写姓名', path: ['responsible', 0, 'name'] });
  });

  it('create carries an inspection or a target', () => {
    expect(findingCreateInput.parse({ ...base, inspectionId: '00000000-0000-4000-8000-000000000001' })).toMatchObject({ targetId: null });
  });

  it('立行立改: notice number required, the fix recorded as a pair, no future dates', () => {
    const today = '2026-11-22';
    const p = (x: object) => findingContentProblems(findingFields.parse({ ...base, ...x }), today);
    expect(p({})).toEqual([]);
    expect(p({ foundOn: '2026-11-23' })).toEqual([{ path: 'foundOn', message: '发现日期（2026-11-23）不能晚于今天' }]);
    expect(p({ immediate: true })).toEqual([{ path: 'immediateNoticeNo', message: '立行立改事项须填写立行立改通知书文号' }]);
    expect(p({ immediate: true, immediateNoticeNo: '溧巡立改〔2026〕1号' })).toEqual([]);
    expect(p({ immediate: true, immediateNoticeNo: 'x', immediateFixedOn: '2026-11-23', immediateFix: '已退回' })).toEqual([
      { path: 'immediateFixedOn', message: '整改完成日期（2026-11-23）不能晚于今天' },
    ]);
    expect(p({ immediate: true, immediateNoticeNo: 'x', immediateFixedOn: '2026-11-01', immediateFix: '已退回' })).toEqual([
      { path: 'immediateFixedOn', message: '整改完成日期不能早于发现日期' },
    ]);
    expect(p({ immediate: true, immediateNoticeNo: 'x', immediateFixedOn: '2026-11-20' })).toEqual([{ path: 'immediateFix', message: '已填写整改完成日期，请同时填写整改情况' }]);
    expect(p({ immediate: true, immediateNoticeNo: 'x', immediateFix: '已整改' })).toEqual([{ path: 'immediateFixedOn', message: '已填写整改情况，请同时填写整改完成日期' }]);
    // not flagged: the 立行立改 fields are dropped, not checked
    expect(p({ immediateFixedOn: '2030-01-01' })).toEqual([]);
    expect(normaliseImmediate(findingFields.parse({ ...base, immediateNoticeNo: 'x', immediateFix: 'y' }))).toMatchObject({ immediateNoticeNo: null, immediateFix: '' });
  });

  it('materials need a title', () => {
    expect(materialInput.parse({ title: '记账凭证' })).toEqual({ title: '记账凭证', kind: 'other', description: '' });
    expect(materialInput.safeParse({ title: ' ' }).error?.issues[0]?.message).toBe('请填写材料名称');
  });
});
