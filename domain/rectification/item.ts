/**
 * A rectification item (整改事项): one per finding fed back, its kind, responsible units, status table
 * and deadline rules. DOMAIN.md "Rectification — 整改"; the guard lists every refusal reason in Chinese.
 *
 *   drafting ──start (reporter: measures + deadline)──▶ in_progress ──submit (reporter, evidence)──▶ submitted
 *   (待制定措施)                                        (整改中)                                     (待核查)
 *        submitted ──accept (team/office reviewer)──▶ signing ──close (all parties + rating ok)──▶ closed
 *        submitted ──return (reviewer, reason)──▶ returned      (待销号审核)                          (已销号)
 *        signing   ──return (any signing party, reason)──▶ returned
 *        returned  ──submit (reporter, evidence)──▶ submitted        (退回整改)
 *        closed    ──reopen (office, reason: e.g. 回头看 found it fake)──▶ returned
 *
 * Evidence may be added (add_evidence) while the item is worked on and also while it is checked or
 * signed (补充材料 a reviewer asks for without sending it back): each addition raises the item's
 * evidence version, and sign-off.ts then ignores approvals given on an older version.
 * Progress reports (report_progress) and measure edits stay in place; the office may extend the
 * deadline (extend) of an open item with a reason. `approve` is a signing party's approval: it keeps
 * the item in signing (sign-off.ts records it against the evidence version); `close` is not a button
 * but the step the service takes when sign-off.ts says nothing blocks closure ("Closure rules, not a
 * button"), so its actor is the system.
 *
 * Deadlines by kind (decided here; DOMAIN.md names the kinds, not the rules):
 *   立行立改 immediate — a deadline is required, at most `immediateMaxDays` (30) after the start date;
 *   限期整改 limited   — a deadline is required, after the start date, at most `limitedMaxMonths` (12)
 *                        later (东海: "一般在半年内办结，原则上不超过一年");
 *   长期坚持 long-term — no final deadline; instead a periodic progress report every
 *                        `longTermReportMonths` (3, quarterly) counted from the start date. Alerts and
 *                        overdue flags run on the next periodic report date, and the item may still be
 *                        closed once the lasting mechanism (长效机制) is in place and signed off.
 */
import { z } from 'zod';
import { addMonths } from '../leads/deadline';
import { addDays, daysBetween, isIsoDate } from '../shared/calendar';
import type { SigningParty } from './sign-off';

export const ITEM_KINDS = { immediate: '立行立改', limited: '限期整改', long_term: '长期坚持' } as const;
export type ItemKind = keyof typeof ITEM_KINDS;
export const ITEM_KIND_LIST = Object.keys(ITEM_KINDS) as ItemKind[];

/** Who answers for the item: the town Party committee by default (整改责任主体, its secretary 第一责任人). */
export const RESPONSIBLE_UNIT_KINDS = { town: '镇（街道）党（工）委', village: '村（社区）党组织', department: '职能部门' } as const;
export type ResponsibleUnitKind = keyof typeof RESPONSIBLE_UNIT_KINDS;
export const RESPONSIBLE_UNIT_KIND_LIST = Object.keys(RESPONSIBLE_UNIT_KINDS) as ResponsibleUnitKind[];
export const DEFAULT_RESPONSIBLE_UNIT_KIND: ResponsibleUnitKind = 'town';

/** The role a unit plays in an item: one lead unit (牵头单位), any number of cooperating ones (配合单位). */
export const UNIT_ROLES = { lead: '牵头单位', cooperating: '配合单位' } as const;
export type UnitRole = keyof typeof UNIT_ROLES;

export const ITEM_STATUSES = {
  drafting: '待制定措施',
  in_progress: '整改中',
  submitted: '待核查',
  signing: '待销号审核',
  returned: '退回整改',
  closed: '已销号',
} as const;
export type ItemStatus = keyof typeof ITEM_STATUSES;
export const ITEM_STATUS_LIST = Object.keys(ITEM_STATUSES) as ItemStatus[];

export const ITEM_ACTIONS = {
  edit_measures: '修改整改措施',
  start: '确定措施并开始整改',
  report_progress: '报告整改进展',
  add_evidence: '补充佐证材料',
  submit: '申请销号',
  accept: '核查通过',
  approve: '销号审核通过',
  return: '退回整改',
  close: '销号',
  extend: '延长整改期限',
  reopen: '重新打开',
} as const;
export type ItemAction = keyof typeof ITEM_ACTIONS;
export const ITEM_ACTION_LIST = Object.keys(ITEM_ACTIONS) as ItemAction[];

/** Open = not closed: every open item counts for alerts, overdue flags and 回头看. */
export const isOpen = (s: ItemStatus): boolean => s !== 'closed';

/** What the guard needs to know about the person acting; the server fills it from roles and scope. */
export interface ItemActor {
  /** may report rectification (town or village user) */
  canReport: boolean;
  /** belongs to the item's responsible unit, or to the town over a village or department item */
  ofResponsibleUnit: boolean;
  /** team of the round or the office: checks the completion claim before sign-off */
  canReview: boolean;
  /** the signing party the user acts for, when it is one of the item's required parties */
  signingParty: SigningParty | null;
  /** the office: extends deadlines and reopens closed items */
  canManage: boolean;
  /** the scheduled/automatic step after sign-off; only it may close */
  isSystem?: boolean;
}

export interface ItemFacts {
  kind: ItemKind;
  measures: string;
  deadline: string | null;
  /** pieces of evidence attached to the current version */
  evidenceCount: number;
  /** reason, comment or progress text the action carries */
  comment?: string;
  /** new deadline for extend */
  newDeadline?: string | null;
  /** what still blocks closure, from sign-off.ts closureBlockers (close only) */
  closureBlockers?: string[];
}

export type ItemMove = { ok: true; to: ItemStatus } | { ok: false; reasons: string[] };

const name = (s: ItemStatus) => ITEM_STATUSES[s];
const MEASURE_EDITABLE: readonly ItemStatus[] = ['drafting', 'in_progress', 'returned'];
const REPORTABLE: readonly ItemStatus[] = ['in_progress', 'returned'];
const EVIDENCE_OPEN: readonly ItemStatus[] = ['in_progress', 'returned', 'submitted', 'signing'];

/**
 * May `actor` do `action` on an item in `status`? Refusals list every reason, in Chinese.
 */
export function itemMove(status: ItemStatus, action: ItemAction, actor: ItemActor, facts: ItemFacts): ItemMove {
  const reasons: string[] = [];
  const comment = (facts.comment ?? '').trim();
  const reporter = (what: string) => {
    if (!actor.canReport) reasons.push(`没有${what}的权限`);
    else if (!actor.ofResponsibleUnit) reasons.push(`只有责任单位可以${what}`);
  };
  let to: ItemStatus = status;
  switch (action) {
    case 'edit_measures':
      reporter('修改整改措施');
      if (!MEASURE_EDITABLE.includes(status)) reasons.push(`整改事项“${name(status)}”，不能修改整改措施`);
      break;
    case 'start':
      reporter('确定整改措施');
      if (status !== 'drafting') reasons.push(`整改事项“${name(status)}”，已开始整改`);
      if (!facts.measures.trim()) reasons.push('请先填写整改措施');
      reasons.push(...deadlineShapeProblems(facts.kind, facts.deadline));
      to = 'in_progress';
      break;
    case 'report_progress':
      reporter('报告整改进展');
      if (!REPORTABLE.includes(status)) reasons.push(`整改事项“${name(status)}”，不能报告进展`);
      if (!comment) reasons.push('请填写整改进展情况');
      break;
    case 'add_evidence':
      reporter('补充佐证材料');
      if (!EVIDENCE_OPEN.includes(status)) reasons.push(status === 'drafting' ? '请先确定整改措施并开始整改，再上传佐证材料' : '整改事项已销号，不能再补充佐证材料');
      break;
    case 'submit':
      reporter('申请销号');
      if (!REPORTABLE.includes(status)) reasons.push(`整改事项“${name(status)}”，不能申请销号`);
      if (facts.evidenceCount <= 0) reasons.push('申请销号须上传整改佐证材料');
      to = 'submitted';
      break;
    case 'accept':
      if (!actor.canReview) reasons.push('只有巡察组或巡察办可以核查整改情况');
      if (status !== 'submitted') reasons.push(`整改事项“${name(status)}”，不在核查中`);
      to = 'signing';
      break;
    case 'approve':
      if (!actor.signingParty) reasons.push('只有销号审核单位可以审核销号');
      if (status !== 'signing') reasons.push(`整改事项“${name(status)}”，不在销号审核中`);
      break;
    case 'return':
      if (status === 'submitted') {
        if (!actor.canReview) reasons.push('只有巡察组或巡察办可以退回待核查的整改事项');
      } else if (status === 'signing') {
        if (!actor.signingParty) reasons.push('只有销号审核单位可以退回待销号审核的整改事项');
      } else {
        reasons.push(`整改事项“${name(status)}”，不在核查或销号审核中，不能退回`);
      }
      if (!comment) reasons.push('退回须说明理由');
      to = 'returned';
      break;
    case 'close':
      if (!actor.isSystem) reasons.push('销号由系统在各方审核通过后自动完成，不能手工操作');
      if (status !== 'signing') reasons.push(`整改事项“${name(status)}”，不在销号审核中`);
      reasons.push(...(facts.closureBlockers ?? []));
      to = 'closed';
      break;
    case 'extend':
      if (!actor.canManage) reasons.push('只有巡察办可以延长整改期限');
      if (!isOpen(status)) reasons.push('整改事项已销号，不能延长期限');
      if (facts.kind === 'long_term') reasons.push('长期坚持类整改事项没有最终期限，无需延期');
      else if (!facts.newDeadline || !isIsoDate(facts.newDeadline)) reasons.push('请填写新的整改期限');
      else if (facts.deadline && facts.newDeadline <= facts.deadline) reasons.push(`新的整改期限应晚于原期限（${facts.deadline}）`);
      if (!comment) reasons.push('延期须说明理由');
      break;
    case 'reopen':
      if (!actor.canManage) reasons.push('只有巡察办可以重新打开已销号的整改事项');
      if (status !== 'closed') reasons.push(`整改事项“${name(status)}”，只有已销号的才需要重新打开`);
      if (!comment) reasons.push('重新打开须说明理由');
      to = 'returned';
      break;
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, to };
}

/** The buttons a user may see now (the server checks again with the real facts). */
export function allowedItemActions(status: ItemStatus, actor: ItemActor, facts: ItemFacts): ItemAction[] {
  return ITEM_ACTION_LIST.filter((a) => itemMove(status, a, actor, { comment: 'x', newDeadline: '9999-12-31', ...facts }).ok);
}

/* ---------------------------------------------------------------- deadlines by kind */

export const itemDeadlineSettingsInput = z
  .object(
    {
      immediateMaxDays: z.number({ message: '立行立改期限应为整数天' }).int('立行立改期限应为整数天').min(1, '立行立改期限至少 1 天').max(90, '立行立改期限最长 90 天').default(30),
      limitedMaxMonths: z.number({ message: '限期整改期限应为整数月' }).int('限期整改期限应为整数月').min(1, '限期整改期限至少 1 个月').max(36, '限期整改期限最长 36 个月').default(12),
      longTermReportMonths: z.number({ message: '长期坚持报告周期应为整数月' }).int('长期坚持报告周期应为整数月').min(1, '报告周期至少 1 个月').max(12, '报告周期最长 12 个月').default(3),
    },
    { message: '请填写整改期限设置' },
  )
  .default({ immediateMaxDays: 30, limitedMaxMonths: 12, longTermReportMonths: 3 });
export type ItemDeadlineSettings = z.output<typeof itemDeadlineSettingsInput>;
export const DEFAULT_ITEM_DEADLINE_SETTINGS: ItemDeadlineSettings = { immediateMaxDays: 30, limitedMaxMonths: 12, longTermReportMonths: 3 };

/** Deadline present or absent as the kind requires (the shape, without the start date). */
export function deadlineShapeProblems(kind: ItemKind, deadline: string | null): string[] {
  if (kind === 'long_term') return deadline ? ['长期坚持类整改事项不设最终期限，实行定期报告'] : [];
  if (!deadline) return [`${ITEM_KINDS[kind]}事项须确定整改期限`];
  if (!isIsoDate(deadline)) return ['整改期限应为有效日期'];
  return [];
}

/** Every problem with an item's deadline given the start date (the day the measures are set). */
export function itemDeadlineProblems(kind: ItemKind, deadline: string | null, startOn: string, s: ItemDeadlineSettings = DEFAULT_ITEM_DEADLINE_SETTINGS): string[] {
  const shape = deadlineShapeProblems(kind, deadline);
  if (shape.length > 0 || !deadline) return shape;
  if (deadline < startOn) return [`整改期限（${deadline}）不能早于开始整改日期（${startOn}）`];
  if (kind === 'immediate' && daysBetween(startOn, deadline) > s.immediateMaxDays) {
    return [`立行立改事项应在 ${s.immediateMaxDays} 天内完成，期限最迟为 ${addDays(startOn, s.immediateMaxDays)}；需要更长时间的请改为限期整改`];
  }
  if (kind === 'limited' && deadline > addMonths(startOn, s.limitedMaxMonths)) {
    return [`限期整改期限原则上不超过 ${s.limitedMaxMonths} 个月（最迟 ${addMonths(startOn, s.limitedMaxMonths)}）；确需长期推进的请改为长期坚持`];
  }
  return [];
}

/**
 * The date the item is next measured against: the final deadline for 立行立改 and 限期整改. For 长期坚持
 * the periodic report dates are start + k × period (k = 1, 2, …); period k runs from the day after
 * due(k-1) to due(k). With no report since the start the next date is due(1); a report falling in
 * period j answers that period, so the next date is due(j + 1) — if that has passed, the item is
 * overdue for its periodic report. Null for a 长期坚持 item not yet started.
 */
export function nextDueOn(
  item: { kind: ItemKind; deadline: string | null; startedOn: string | null; lastReportOn?: string | null },
  s: ItemDeadlineSettings = DEFAULT_ITEM_DEADLINE_SETTINGS,
): string | null {
  if (item.kind !== 'long_term') return item.deadline;
  if (!item.startedOn) return null;
  const due = (k: number) => addMonths(item.startedOn as string, k * s.longTermReportMonths);
  const last = item.lastReportOn ?? null;
  if (!last || last <= item.startedOn) return due(1);
  let j = 1;
  while (last > due(j)) j += 1;
  return due(j + 1);
}

/** Overdue: open and past its next due date (the due day itself is not overdue). */
export function isOverdue(item: { status: ItemStatus; dueOn: string | null }, today: string): boolean {
  return isOpen(item.status) && item.dueOn !== null && today > item.dueOn;
}
