/**
 * The status of a village inspection and the guard on finishing it.
 *
 *   未开始 → 进行中 → 已完成, and 已完成 → 进行中 to reopen (the report was sent back for more
 *   fact-finding), with a reason. Work happens only while the round is in 进驻 or 了解.
 *
 * Finishing lists every missing condition at once — a team fixes them in one go rather than one per
 * refusal. The office may finish anyway with a recorded reason (特批); the record keeps which
 * conditions the reason overrode. Who may override is the server's access rule, not this file's.
 */
import { z } from 'zod';
import { countWorkingDays, type Overrides } from '../shared/calendar';
import { type ChecklistCoverage } from './checklist-coverage';
import { INSPECTION_STEPS, missingMandatorySteps, type InspectionStep, type StepConfig } from './steps';
import { householdVisitQuota, PERSON_ROLES, visitPolicyInput, type TalkCoverage } from './work-records';

export const INSPECTION_STATUSES = {
  not_started: '未开始',
  in_progress: '进行中',
  completed: '已完成',
} as const;
export type InspectionStatus = keyof typeof INSPECTION_STATUSES;
export const INSPECTION_STATUS_LIST = Object.keys(INSPECTION_STATUSES) as InspectionStatus[];

export const INSPECTION_TRANSITIONS: Readonly<Record<InspectionStatus, readonly InspectionStatus[]>> = {
  not_started: ['in_progress'],
  in_progress: ['completed'],
  completed: ['in_progress'],
};

export const nextStatuses = (from: InspectionStatus): readonly InspectionStatus[] => INSPECTION_TRANSITIONS[from];

export const completionPolicyInput = z.object({
  visits: visitPolicyInput.prefault({}),
  /** require at least one talk with each of the 三老 and 两低 (off by default: not every village has a veteran) */
  requireTalkCoverage: z.boolean().default(false),
  /** an override's reason must have at least this many characters, punctuation and spaces not counted */
  overrideReasonMinLength: z.number().int('应为整数').min(1).max(500).default(10),
});
export type CompletionPolicy = z.output<typeof completionPolicyInput>;
export const DEFAULT_COMPLETION_POLICY: CompletionPolicy = completionPolicyInput.parse({});

/** What a round sets of the policy (the override rule stays the system's). */
export const roundCompletionPolicyInput = z.object({
  visits: visitPolicyInput.prefault({}),
  requireTalkCoverage: z.boolean().default(false),
});
export type RoundCompletionPolicy = z.output<typeof roundCompletionPolicyInput>;

/** The policy of a round from its stored settings; anything unreadable falls back to the defaults. */
export function completionPolicyOf(stored: unknown): CompletionPolicy {
  const r = roundCompletionPolicyInput.safeParse(stored ?? {});
  return r.success ? { ...DEFAULT_COMPLETION_POLICY, ...r.data } : DEFAULT_COMPLETION_POLICY;
}

export interface CompletionFacts {
  stepConfig: StepConfig;
  stepsDone: readonly InspectionStep[];
  checklist: ChecklistCoverage;
  /** the days the team worked in this village (day log / work records); only working days count */
  onSiteDates: readonly string[];
  minWorkingDays: number;
  calendarOverrides?: Overrides;
  /** the village's household count from its profile; null when unknown */
  households: number | null;
  householdsVisited: number;
  talks: TalkCoverage;
}

const MAX_NAMED = 5;
const names = (list: readonly string[]) =>
  list.length > MAX_NAMED ? `${list.slice(0, MAX_NAMED).join('、')}等` : list.join('、');

/** Every condition for finishing that is not met, in Chinese; empty when the inspection may finish. */
export function completionBlockers(f: CompletionFacts, policy: CompletionPolicy = DEFAULT_COMPLETION_POLICY): string[] {
  const out: string[] = [];
  for (const s of missingMandatorySteps(f.stepConfig, f.stepsDone)) out.push(`尚未完成必经环节“${INSPECTION_STEPS[s]}”`);

  if (f.checklist.total === 0) out.push('尚未制定监督清单');
  else if (f.checklist.notChecked > 0)
    out.push(`监督清单还有 ${f.checklist.notChecked} 项未检查：${names(f.checklist.notCheckedItems.map((i) => i.title))}`);

  const days = countWorkingDays(f.onSiteDates, f.calendarOverrides);
  if (days < f.minWorkingDays) out.push(`在村工作 ${days} 个工作日，少于最低要求的 ${f.minWorkingDays} 个工作日`);

  const quota = householdVisitQuota(f.households, policy.visits);
  if (quota === null) out.push('未登记本村（社区）户数，无法核定应走访户数');
  else if (f.householdsVisited < quota)
    out.push(
      `已走访 ${f.householdsVisited} 户，少于应走访的 ${quota} 户（全村 ${f.households} 户的 ${policy.visits.householdPercent}%）`,
    );

  if (policy.requireTalkCoverage) {
    if (f.talks.sanLao.missing.length > 0)
      out.push(`“三老”尚未谈到：${f.talks.sanLao.missing.map((r) => PERSON_ROLES[r]).join('、')}`);
    if (f.talks.liangDi.missing.length > 0)
      out.push(`“两低”尚未谈到：${f.talks.liangDi.missing.map((r) => PERSON_ROLES[r]).join('、')}`);
  }
  return out;
}

/** Characters that carry meaning: no whitespace, punctuation or symbols ("。。。。" is not a reason). */
export const meaningfulLength = (text: string): number => [...text].filter((ch) => !/[\s\p{P}\p{S}]/u.test(ch)).length;

/** What is wrong with an override's reason; empty when it is acceptable. */
export function overrideReasonProblems(reason: string | null | undefined, policy: CompletionPolicy = DEFAULT_COMPLETION_POLICY): string[] {
  const n = meaningfulLength(reason ?? '');
  if (n === 0) return ['请填写特批理由'];
  if (n < policy.overrideReasonMinLength) return [`特批理由不少于 ${policy.overrideReasonMinLength} 个字`];
  return [];
}

export type CompletionDecision =
  | { ok: true; override: null }
  | { ok: true; override: { reason: string; overriddenConditions: string[] } }
  | { ok: false; reasons: string[] };

/**
 * May the inspection finish? Without blockers, yes (an override given anyway is not recorded); with
 * blockers, only with an acceptable override, which is returned for the audit record.
 */
export function decideCompletion(
  blockers: readonly string[],
  override: { reason: string } | null,
  policy: CompletionPolicy = DEFAULT_COMPLETION_POLICY,
): CompletionDecision {
  if (blockers.length === 0) return { ok: true, override: null };
  if (!override) return { ok: false, reasons: [...blockers] };
  const problems = overrideReasonProblems(override.reason, policy);
  if (problems.length > 0) return { ok: false, reasons: problems };
  return { ok: true, override: { reason: override.reason.trim(), overriddenConditions: [...blockers] } };
}

export interface InspectionTransitionFacts {
  /** the round is in 进驻 or 了解 (planning/round.ts phaseAllowsOnSiteWork) */
  roundAllowsOnSiteWork: boolean;
  /** completionBlockers() of the inspection now */
  blockers: readonly string[];
  override?: { reason: string } | null;
  /** why a finished inspection is reopened */
  reason?: string | null;
}

/** Every reason the inspection may not move from `from` to `to`; empty when it may. */
export function canTransitionInspection(
  from: InspectionStatus,
  to: InspectionStatus,
  f: InspectionTransitionFacts,
  policy: CompletionPolicy = DEFAULT_COMPLETION_POLICY,
): string[] {
  if (!INSPECTION_TRANSITIONS[from].includes(to)) {
    return [`村级巡察不能从“${INSPECTION_STATUSES[from]}”变为“${INSPECTION_STATUSES[to]}”`];
  }
  const out: string[] = [];
  if (!f.roundAllowsOnSiteWork) out.push('本轮巡察不在进驻或了解阶段，不能开展村级巡察工作');
  switch (to) {
    case 'not_started':
      break;
    case 'in_progress':
      if (from === 'completed' && !f.reason?.trim()) out.push('重新打开已完成的村级巡察须说明原因');
      break;
    case 'completed': {
      const d = decideCompletion(f.blockers, f.override ?? null, policy);
      if (!d.ok) out.push(...d.reasons);
      break;
    }
  }
  return out;
}
