/**
 * Candidates for 回头看 (re-inspection of rectification, DOMAIN.md "评估/回头看"): villages whose
 * rectification state calls for another look. A village is a candidate for each of these reasons:
 *   overdue       — an open item past its due date (item.ts isOverdue);
 *   returned      — an item sent back (退回整改) at review or sign-off, or reopened after closure;
 *   unsatisfied   — the mass rating puts it on the list (rating.ts villageRatings);
 *   poor_grade    — the town's effect evaluation is 差 (evaluation.ts), for each of the town's villages.
 * The office chooses from this list when it creates a 回头看 round.
 */
import { isOverdue, type ItemStatus } from './item';

export const LOOK_BACK_REASONS = { overdue: '整改逾期', returned: '整改被退回', unsatisfied: '群众评议不满意过半', poor_grade: '整改成效评估为“差”' } as const;
export type LookBackReason = keyof typeof LOOK_BACK_REASONS;
export const LOOK_BACK_REASON_LIST = Object.keys(LOOK_BACK_REASONS) as LookBackReason[];

export interface LookBackCandidate {
  villageId: string;
  reasons: LookBackReason[];
  /** the items behind the overdue and returned reasons */
  itemIds: string[];
}

export function lookBackCandidates(
  input: {
    items: readonly { id: string; villageId: string | null; status: ItemStatus; dueOn: string | null }[];
    /** villages the rating puts on the list */
    unsatisfiedVillageIds?: readonly string[];
    /** villages of towns graded 差 */
    poorGradeVillageIds?: readonly string[];
  },
  today: string,
): LookBackCandidate[] {
  const byVillage = new Map<string, { reasons: Set<LookBackReason>; itemIds: Set<string> }>();
  const add = (villageId: string, reason: LookBackReason, itemId?: string) => {
    const entry = byVillage.get(villageId) ?? { reasons: new Set(), itemIds: new Set() };
    entry.reasons.add(reason);
    if (itemId) entry.itemIds.add(itemId);
    byVillage.set(villageId, entry);
  };
  for (const i of input.items) {
    if (!i.villageId) continue;
    if (isOverdue(i, today)) add(i.villageId, 'overdue', i.id);
    if (i.status === 'returned') add(i.villageId, 'returned', i.id);
  }
  for (const v of input.unsatisfiedVillageIds ?? []) add(v, 'unsatisfied');
  for (const v of input.poorGradeVillageIds ?? []) add(v, 'poor_grade');
  return [...byVillage]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([villageId, e]) => ({ villageId, reasons: LOOK_BACK_REASON_LIST.filter((r) => e.reasons.has(r)), itemIds: [...e.itemIds].sort() }));
}
