/**
 * Checklist coverage: every item of the village's supervision list (监督清单) is marked 无问题,
 * 发现问题 or 未检查, with a note. An item nobody has marked is 未检查 — the list cannot look
 * complete by omission.
 */
import { z } from 'zod';

export const CHECK_RESULTS = {
  no_problem: '无问题',
  problem_found: '发现问题',
  not_checked: '未检查',
} as const;
export type CheckResult = keyof typeof CHECK_RESULTS;

export const checkMarkInput = z
  .object({
    itemId: z.string().min(1).max(64),
    result: z.enum(['no_problem', 'problem_found', 'not_checked'], { message: '请选择检查结果' }),
    note: z.string().trim().max(2000).default(''),
  })
  .superRefine((m, ctx) => {
    // the finding itself is recorded separately; the note says where to look
    if (m.result === 'problem_found' && m.note === '')
      ctx.addIssue({ code: 'custom', path: ['note'], message: '发现问题的事项请简要说明' });
  });
export type CheckMark = z.output<typeof checkMarkInput>;

export interface ChecklistItemRef {
  id: string;
  title: string;
}

export interface ChecklistCoverage {
  total: number;
  noProblem: number;
  problemFound: number;
  notChecked: number;
  /** share of items checked, 0–100 with one decimal; null for an empty list */
  percentChecked: number | null;
  /** the items still 未检查, in list order */
  notCheckedItems: ChecklistItemRef[];
  /** marks for items not on the list (the list changed after marking) */
  strayMarks: string[];
}

/** Coverage of `items` by `marks`; the latest mark of an item counts. */
export function checklistCoverage(items: readonly ChecklistItemRef[], marks: readonly CheckMark[]): ChecklistCoverage {
  const latest = new Map(marks.map((m) => [m.itemId, m.result]));
  const onList = new Set(items.map((i) => i.id));
  const resultOf = (id: string): CheckResult => latest.get(id) ?? 'not_checked';
  const count = (r: CheckResult) => items.filter((i) => resultOf(i.id) === r).length;
  const notCheckedItems = items.filter((i) => resultOf(i.id) === 'not_checked');
  const total = items.length;
  const checked = total - notCheckedItems.length;
  return {
    total,
    noProblem: count('no_problem'),
    problemFound: count('problem_found'),
    notChecked: notCheckedItems.length,
    percentChecked: total === 0 ? null : Math.round((checked * 1000) / total) / 10,
    notCheckedItems: notCheckedItems.map(({ id, title }) => ({ id, title })),
    strayMarks: [...latest.keys()].filter((id) => !onList.has(id)),
  };
}
