import { describe, expect, it } from 'vitest';
import { checklistCoverage, checkMarkInput, type CheckMark } from './checklist-coverage';

const items = [
  { id: 'i1', title: '“三资”管理' },
  { id: 'i2', title: '惠农补贴发放' },
  { id: 'i3', title: '工程招投标' },
  { id: 'i4', title: '村务公开' },
];
const mark = (itemId: string, result: CheckMark['result'], note = '说明'): CheckMark => ({ itemId, result, note });

describe('checklistCoverage', () => {
  it('an item nobody marked is 未检查', () => {
    expect(checklistCoverage(items, [])).toEqual({
      total: 4,
      noProblem: 0,
      problemFound: 0,
      notChecked: 4,
      percentChecked: 0,
      notCheckedItems: items,
      strayMarks: [],
    });
  });

  it('counts each result and lists what is left, in list order', () => {
    const c = checklistCoverage(items, [mark('i3', 'problem_found'), mark('i1', 'no_problem'), mark('i4', 'not_checked')]);
    expect(c).toMatchObject({ total: 4, noProblem: 1, problemFound: 1, notChecked: 2, percentChecked: 50 });
    expect(c.notCheckedItems.map((i) => i.id)).toEqual(['i2', 'i4']);
  });

  it('the latest mark of an item counts', () => {
    const c = checklistCoverage(items, [mark('i1', 'problem_found'), mark('i1', 'no_problem')]);
    expect(c).toMatchObject({ noProblem: 1, problemFound: 0, notChecked: 3 });
  });

  it('rounds the share to one decimal and reports marks for items no longer listed', () => {
    const three = items.slice(0, 3);
    const c = checklistCoverage(three, [mark('i1', 'no_problem'), mark('gone', 'no_problem')]);
    expect(c.percentChecked).toBe(33.3);
    expect(c.strayMarks).toEqual(['gone']);
    expect(c.notChecked).toBe(2);
  });

  it('an empty list has no share', () => {
    expect(checklistCoverage([], []).percentChecked).toBeNull();
  });
});

describe('checkMarkInput', () => {
  it('requires a note when a problem was found', () => {
    const r = checkMarkInput.safeParse({ itemId: 'i1', result: 'problem_found', note: '  ' });
    expect(r.error?.issues[0]?.message).toBe('发现问题的事项请简要说明');
    expect(checkMarkInput.parse({ itemId: 'i1', result: 'no_problem' }).note).toBe('');
  });

  it('refuses an unknown result', () => {
    expect(checkMarkInput.safeParse({ itemId: 'i1', result: 'maybe' }).error?.issues[0]?.message).toBe('请选择检查结果');
  });
});
