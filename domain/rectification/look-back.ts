/**
 * 回头看 (re-inspection of rectification, DOMAIN.md "评估/回头看"): which villages call for another look,
 * and what the re-inspection's verdict on each original item does.
 *
 * Candidates. A village is a candidate for each of these reasons:
 *   overdue       — an open item past its due date (item.ts isOverdue);
 *   returned      — an item sent back (退回整改) at review or sign-off, or reopened after closure;
 *   unsatisfied   — the mass rating puts it on the list (rating.ts villageRatings: an item with an
 *                   unsatisfied majority);
 *   poor_grade    — the town's effect evaluation is 差 (evaluation.ts), for each of the town's villages.
 * The office chooses from this list when it creates a 回头看 round: one target per chosen village in
 * mode 'revisit', linked to every rectification item of the village (closed ones included: a 回头看
 * exists to find rectification that was closed but not done); the items behind a reason carry it.
 *
 * Verdicts. The team of the 回头看 target (or the office) records one verdict per linked item:
 *   in_place      整改到位   — the item stays as it is;
 *   not_in_place  整改不到位 — see below;
 *   fake          虚假整改   — as not_in_place (and it is what 约谈/问责 for fake rectification cite).
 * The effect of not_in_place or fake depends on the item's status (lookBackVerdictEffect):
 *   closed                        → reopen: closed ──reopen──▶ returned (退回整改) with the verdict as reason;
 *   submitted, signing            → return: the completion claim is contradicted, so the item goes back to
 *                                   退回整改 instead of being signed off on the same evidence;
 *   drafting, in_progress, returned → keep_open: still being worked on; the verdict is written to its
 *                                   history and the deadline and alerts keep running.
 * The verdict acts with the office's authority (the office created the 回头看 round), so these moves are
 * checked with the office's rights in item.ts. A verdict is final once recorded: its effect on the item
 * cannot be undone by changing it, and the item's own status table takes over from there.
 */
import { z } from 'zod';
import { isIsoDate } from '../shared/calendar';
import { isOverdue, type ItemStatus } from './item';

export const LOOK_BACK_REASONS = { overdue: '整改逾期', returned: '整改被退回', unsatisfied: '群众评议不满意过半', poor_grade: '整改成效评估为“差”' } as const;
export type LookBackReason = keyof typeof LOOK_BACK_REASONS;
export const LOOK_BACK_REASON_LIST = Object.keys(LOOK_BACK_REASONS) as LookBackReason[];

export interface LookBackCandidate {
  villageId: string;
  reasons: LookBackReason[];
  /** the items behind the overdue, returned and unsatisfied reasons */
  itemIds: string[];
  /** per item behind a reason, its reasons in list order */
  itemReasons: Record<string, LookBackReason[]>;
}

export function lookBackCandidates(
  input: {
    items: readonly { id: string; villageId: string | null; status: ItemStatus; dueOn: string | null }[];
    /** villages the rating puts on the list (without the items: use unsatisfiedItems for those) */
    unsatisfiedVillageIds?: readonly string[];
    /** items rated unsatisfied by the majority, with their village */
    unsatisfiedItems?: readonly { id: string; villageId: string }[];
    /** villages of towns graded 差 */
    poorGradeVillageIds?: readonly string[];
  },
  today: string,
): LookBackCandidate[] {
  const byVillage = new Map<string, { reasons: Set<LookBackReason>; items: Map<string, Set<LookBackReason>> }>();
  const add = (villageId: string, reason: LookBackReason, itemId?: string) => {
    const entry = byVillage.get(villageId) ?? { reasons: new Set(), items: new Map() };
    entry.reasons.add(reason);
    if (itemId) entry.items.set(itemId, (entry.items.get(itemId) ?? new Set()).add(reason));
    byVillage.set(villageId, entry);
  };
  for (const i of input.items) {
    if (!i.villageId) continue;
    if (isOverdue(i, today)) add(i.villageId, 'overdue', i.id);
    if (i.status === 'returned') add(i.villageId, 'returned', i.id);
  }
  for (const v of input.unsatisfiedVillageIds ?? []) add(v, 'unsatisfied');
  for (const i of input.unsatisfiedItems ?? []) add(i.villageId, 'unsatisfied', i.id);
  for (const v of input.poorGradeVillageIds ?? []) add(v, 'poor_grade');
  const ordered = (s: Set<LookBackReason>) => LOOK_BACK_REASON_LIST.filter((r) => s.has(r));
  return [...byVillage]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([villageId, e]) => {
      const itemIds = [...e.items.keys()].sort();
      return { villageId, reasons: ordered(e.reasons), itemIds, itemReasons: Object.fromEntries(itemIds.map((id) => [id, ordered(e.items.get(id)!)])) };
    });
}

/* ---------------------------------------------------------------- verdicts */

export const LOOK_BACK_VERDICTS = { in_place: '整改到位', not_in_place: '整改不到位', fake: '虚假整改' } as const;
export type LookBackVerdict = keyof typeof LOOK_BACK_VERDICTS;
export const LOOK_BACK_VERDICT_LIST = Object.keys(LOOK_BACK_VERDICTS) as LookBackVerdict[];
/** A linked item before its verdict. */
export const LOOK_BACK_PENDING = '待复查';

export const LOOK_BACK_EFFECTS = { none: '维持原状态', reopen: '重新打开，退回整改', return: '退回整改', keep_open: '继续整改' } as const;
export type LookBackEffect = keyof typeof LOOK_BACK_EFFECTS;

/** What a verdict does to an item in `status` (see the header). */
export function lookBackVerdictEffect(verdict: LookBackVerdict, status: ItemStatus): LookBackEffect {
  if (verdict === 'in_place') return 'none';
  switch (status) {
    case 'closed':
      return 'reopen';
    case 'submitted':
    case 'signing':
      return 'return';
    case 'drafting':
    case 'in_progress':
    case 'returned':
      return 'keep_open';
  }
}

export interface LookBackVerdictActor {
  /** the office (rectification.manage) over the village */
  isOffice: boolean;
  /** a user of the team assigned to the 回头看 target, allowed to review rectification */
  isTargetTeam: boolean;
}

/** Why this verdict may not be recorded now, in Chinese; empty when it may. */
export function lookBackVerdictProblems(link: { verdict: LookBackVerdict | null }, actor: LookBackVerdictActor, verdict: LookBackVerdict, comment: string): string[] {
  const reasons: string[] = [];
  if (!actor.isOffice && !actor.isTargetTeam) reasons.push('只有承担该回头看对象的巡察组或巡察办可以作出复查结论');
  if (link.verdict) reasons.push(`该整改事项已作出复查结论“${LOOK_BACK_VERDICTS[link.verdict]}”，不能重复认定`);
  if (verdict !== 'in_place' && !comment.trim()) reasons.push(`认定“${LOOK_BACK_VERDICTS[verdict]}”须写明复查发现的问题`);
  return reasons;
}

/** The text an item's history and the reopen/return reason carry. */
export function lookBackHistoryText(verdict: LookBackVerdict, roundLabel: string, comment: string): string {
  const c = comment.trim();
  return `${roundLabel}回头看认定“${LOOK_BACK_VERDICTS[verdict]}”${c ? `：${c}` : ''}`;
}

/* ---------------------------------------------------------------- inputs */

export const LOOK_BACK_DEFAULT_THEME = '整改落实情况回头看';

const villageCode = z.string({ message: '请选择村（社区）' }).regex(/^\d{12}$/, '村（社区）代码应为 12 位数字');
const date = (what: string) => z.string({ message: `请选择${what}` }).trim().refine(isIsoDate, `${what}应为有效的 YYYY-MM-DD 格式`);
const uuid = (what: string) => z.string({ message: `请选择${what}` }).uuid(`${what}编号格式不正确`);

export const lookBackNewRoundInput = z
  .object(
    {
      year: z.number({ message: '请填写年度' }).int('年度应为整数').min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年'),
      number: z.number({ message: '请填写轮次编号' }).int('轮次编号应为整数').min(1, '轮次编号从 1 开始').max(999, '轮次编号不超过 999'),
      theme: z.string({ message: '主题应为文字' }).trim().max(200, '主题不超过 200 个字').default(LOOK_BACK_DEFAULT_THEME),
      startDate: date('开始日期'),
      endDate: date('结束日期'),
    },
    { message: '请填写新轮次的信息' },
  )
  .refine((r) => r.endDate >= r.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期' });

/**
 * The office's choice: villages from the candidates (of one source round, or of every round), and
 * either a new round or an existing one still in 准备.
 */
export const lookBackCreateInput = z
  .object(
    {
      sourceRoundId: uuid('来源轮次').nullable().default(null),
      villageCodes: z.array(villageCode, { message: '请选择村（社区）' }).min(1, '请至少选择一个村（社区）').max(200, '一次最多选择 200 个村（社区）'),
      round: lookBackNewRoundInput.optional(),
      existingRoundId: uuid('已有轮次').optional(),
    },
    { message: '提交的内容格式不正确' },
  )
  .refine((v) => new Set(v.villageCodes).size === v.villageCodes.length, { path: ['villageCodes'], message: '村（社区）不能重复' })
  .refine((v) => (v.round ? 1 : 0) + (v.existingRoundId ? 1 : 0) === 1, { path: ['round'], message: '请新建轮次，或选择一个准备阶段的已有轮次（二选一）' });
export type LookBackCreateInput = z.output<typeof lookBackCreateInput>;

export const lookBackVerdictInput = z.object(
  {
    verdict: z.enum(LOOK_BACK_VERDICT_LIST as [LookBackVerdict, ...LookBackVerdict[]], { message: '请选择复查结论' }),
    comment: z.string({ message: '复查意见应为文字' }).trim().max(2000, '复查意见不能超过 2000 个字').default(''),
  },
  { message: '提交的内容格式不正确' },
);
export type LookBackVerdictInput = z.output<typeof lookBackVerdictInput>;
