/**
 * The rectification plan (整改方案) of a town for a round, and the rectification report that follows.
 * DOMAIN.md "The round, phase by phase" (整改: plan reviewed jointly; report within 2 months of
 * feedback under the 条例, locally 3 — so the months are a setting).
 *
 *   drafting ──submit (town)──▶ submitted ──accept by 巡察办, 纪委监委 and 组织部 (each once)──▶ accepted
 *   returned ──submit (town)──▶ submitted ──return (any of the three, comment)──▶ returned
 *
 * Each submission is reviewed afresh: a reviewer decides once per submission; the plan is accepted
 * only when the last of the three accepts, and one return sends it back with the comments (the
 * reviews of that submission end there). An accepted plan is final.
 *
 * The report (整改情况报告, with the 主要负责人组织落实情况) is due `reportMonths` calendar months after
 * the feedback date, clamped to month end (11-30 + 3 = 02-28/29), like domain/leads deadlines.
 */
import { z } from 'zod';
import { addMonths } from '../leads/deadline';
import { addDays, daysBetween } from '../shared/calendar';

export const PLAN_STATUSES = { drafting: '起草中', submitted: '待联审', returned: '退回修改', accepted: '联审通过' } as const;
export type PlanStatus = keyof typeof PLAN_STATUSES;
export const PLAN_STATUS_LIST = Object.keys(PLAN_STATUSES) as PlanStatus[];

export const PLAN_ACTIONS = { edit: '修改', submit: '报送联审', accept: '审核通过', return: '退回修改' } as const;
export type PlanAction = keyof typeof PLAN_ACTIONS;
export const PLAN_ACTION_LIST = Object.keys(PLAN_ACTIONS) as PlanAction[];

/** The joint reviewers of a plan. */
export const PLAN_REVIEWERS = { office: '巡察办', discipline: '纪委监委', organization: '组织部' } as const;
export type PlanReviewer = keyof typeof PLAN_REVIEWERS;
export const PLAN_REVIEWER_LIST = Object.keys(PLAN_REVIEWERS) as PlanReviewer[];

export interface PlanActor {
  /** a user of the plan's town who may write rectification */
  isTown: boolean;
  /** the reviewing body the user acts for, if any */
  reviewer: PlanReviewer | null;
}

export interface PlanReview {
  reviewer: PlanReviewer;
  decision: 'accepted' | 'returned';
  comment?: string;
}

export type PlanMove = { ok: true; to: PlanStatus } | { ok: false; reasons: string[] };

const name = (s: PlanStatus) => PLAN_STATUSES[s];

/**
 * May `actor` do `action` on a plan in `status`? `reviews` are the decisions already given on the
 * current submission; `comment` is the return comment; `hasContent` whether the plan has text or a file.
 */
export function planMove(
  status: PlanStatus,
  action: PlanAction,
  actor: PlanActor,
  facts: { reviews?: readonly PlanReview[]; comment?: string; hasContent?: boolean } = {},
): PlanMove {
  const reasons: string[] = [];
  const reviews = facts.reviews ?? [];
  let to: PlanStatus = status;
  switch (action) {
    case 'edit':
    case 'submit':
      if (!actor.isTown) reasons.push(`只有本镇（街道）可以${PLAN_ACTIONS[action]}整改方案`);
      if (status !== 'drafting' && status !== 'returned') reasons.push(`整改方案“${name(status)}”，不能${PLAN_ACTIONS[action]}`);
      if (action === 'submit') {
        if (facts.hasContent === false) reasons.push('整改方案内容为空，请填写或上传后再报送');
        to = 'submitted';
      }
      break;
    case 'accept':
    case 'return': {
      if (!actor.reviewer) reasons.push('只有巡察办、纪委监委、组织部可以联审整改方案');
      if (status !== 'submitted') reasons.push(`整改方案“${name(status)}”，不在联审中`);
      else if (actor.reviewer && reviews.some((r) => r.reviewer === actor.reviewer)) reasons.push(`${PLAN_REVIEWERS[actor.reviewer]}已审核本次报送的整改方案`);
      if (action === 'return') {
        if (!(facts.comment ?? '').trim()) reasons.push('退回须填写审核意见');
        to = 'returned';
      } else {
        const accepted = new Set(reviews.filter((r) => r.decision === 'accepted').map((r) => r.reviewer));
        if (actor.reviewer) accepted.add(actor.reviewer);
        to = PLAN_REVIEWER_LIST.every((r) => accepted.has(r)) ? 'accepted' : 'submitted';
      }
      break;
    }
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, to };
}

/** Reviewers still to decide on the current submission. */
export const pendingPlanReviewers = (reviews: readonly PlanReview[]): PlanReviewer[] => PLAN_REVIEWER_LIST.filter((r) => !reviews.some((x) => x.reviewer === r));

/* ---------------------------------------------------------------- the report and its due date */

export const DEFAULT_REPORT_MONTHS = 2;
/** The report is "due soon" this many days before its due date (the due day included). */
export const REPORT_DUE_SOON_DAYS = 15;

export const planSettingsInput = z.object(
  {
    reportMonths: z.number({ message: '整改报告期限应为整数月' }).int('整改报告期限应为整数月').min(1, '整改报告期限至少 1 个月').max(12, '整改报告期限最长 12 个月'),
  },
  { message: '请填写整改报告期限' },
);
export type PlanSettings = z.output<typeof planSettingsInput>;
export const DEFAULT_PLAN_SETTINGS: PlanSettings = { reportMonths: DEFAULT_REPORT_MONTHS };

export const reportDueOn = (feedbackOn: string, months: number = DEFAULT_REPORT_MONTHS): string => addMonths(feedbackOn, months);

export const REPORT_FLAGS = { ok: '正常', due_soon: '即将到期', overdue: '已逾期', submitted: '已报送', submitted_late: '逾期报送' } as const;
export type ReportFlag = keyof typeof REPORT_FLAGS;

export interface ReportDeadline {
  dueOn: string;
  /** days from today to the due date, negative when past */
  daysLeft: number;
  flag: ReportFlag;
}

/** The report's clock; null before the town has received feedback. */
export function reportDeadline(r: { feedbackOn: string | null; submittedOn: string | null }, today: string, months: number = DEFAULT_REPORT_MONTHS): ReportDeadline | null {
  if (!r.feedbackOn) return null;
  const dueOn = reportDueOn(r.feedbackOn, months);
  const daysLeft = daysBetween(today, dueOn);
  let flag: ReportFlag;
  if (r.submittedOn) flag = r.submittedOn > dueOn ? 'submitted_late' : 'submitted';
  else flag = daysLeft < 0 ? 'overdue' : daysLeft <= REPORT_DUE_SOON_DAYS ? 'due_soon' : 'ok';
  return { dueOn, daysLeft, flag };
}

/** Due-date window of unsubmitted reports with a flag, for queries; matches reportDeadline. */
export function reportFlagWindow(flag: 'due_soon' | 'overdue', today: string): { from: string | null; to: string | null } {
  return flag === 'overdue' ? { from: null, to: addDays(today, -1) } : { from: today, to: addDays(today, REPORT_DUE_SOON_DAYS) };
}
