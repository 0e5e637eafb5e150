/**
 * Intake (受理) of the public's reports: which inbox a report lands in, who handles it, and the
 * status table.
 *
 *   待处理 —受理→ 已受理 —关联底稿/线索→ 已转办 (links may be added)
 *   待处理/已受理 —合并→ 已合并 (into another report of the round, which carries on)
 *   待处理/已受理 —转交→ 已转交 (out of scope: 涉法涉诉, other bodies — with a reason and a reply)
 *   待处理/已受理/已转办 —办结答复→ 已办结
 *   已办结/已转交/已合并 —重新打开 (巡察办, with a reason)→ 待处理
 *
 * Inbox: while the team is on site (进驻, 了解) and up to the petition cut-off date of the 巡察公告, a
 * report lands with the team assigned to its target; otherwise with the office. The team keeps
 * handling its inbox through the 报告 phase (to link petitions to the findings it writes); after that
 * everything still open is the office's. The office does not triage a team's inbox while the team
 * handles it — it sees it, and it can reach the team.
 */
import { ROUND_PHASES, type RoundPhase } from '../planning/round';

export const REPORT_STATUSES = {
  received: '待处理',
  accepted: '已受理',
  linked: '已转办',
  merged: '已合并',
  forwarded: '已转交',
  closed: '已办结',
} as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;
export const REPORT_STATUS_LIST = Object.keys(REPORT_STATUSES) as ReportStatus[];
export const isReportStatus = (s: string): s is ReportStatus => s in REPORT_STATUSES;

/** What the reporter reads with the receipt: simpler, and never which finding or lead it became. */
export const PUBLIC_STATUSES: Readonly<Record<ReportStatus, string>> = {
  received: '已收到，等待处理',
  accepted: '已受理，正在核实',
  linked: '已受理，正在核实',
  merged: '已与反映同一问题的来件合并办理',
  forwarded: '不属于本次巡察受理范围，已转交有关部门',
  closed: '已办结',
};

/** Statuses in which nothing more happens unless the office reopens. */
export const FINISHED_STATUSES: readonly ReportStatus[] = ['merged', 'forwarded', 'closed'];
export const isFinished = (s: ReportStatus): boolean => FINISHED_STATUSES.includes(s);

export const TRIAGE_ACTIONS = {
  accept: '受理为信访件',
  link: '关联问题底稿或线索',
  merge: '合并重复来件',
  forward: '转交有关部门',
  close: '办结并答复',
  reopen: '重新打开',
} as const;
export type TriageAction = keyof typeof TRIAGE_ACTIONS;
export const TRIAGE_ACTION_LIST = Object.keys(TRIAGE_ACTIONS) as TriageAction[];

export const TRIAGE_TRANSITIONS: Readonly<Record<TriageAction, { from: readonly ReportStatus[]; to: ReportStatus }>> = {
  accept: { from: ['received'], to: 'accepted' },
  link: { from: ['accepted', 'linked'], to: 'linked' },
  merge: { from: ['received', 'accepted'], to: 'merged' },
  forward: { from: ['received', 'accepted'], to: 'forwarded' },
  close: { from: ['received', 'accepted', 'linked'], to: 'closed' },
  reopen: { from: ['closed', 'forwarded', 'merged'], to: 'received' },
};

const STATUS_HINT: Record<TriageAction, string> = {
  accept: '只有待处理的来件可以受理',
  link: '请先受理为信访件，再关联问题底稿或线索',
  merge: '只有待处理或已受理、尚未转办的来件可以合并',
  forward: '只有待处理或已受理、尚未转办的来件可以转交',
  close: '已合并、已转交或已办结的来件不能再办结',
  reopen: '只有已办结、已转交或已合并的来件可以重新打开',
};

/** Reasons a matter is outside the inspection's intake and is passed on (转交). */
export const FORWARD_REASONS = {
  litigation: '涉法涉诉事项，应通过法律程序解决',
  other_department: '属于其他部门职责范围',
  outside_targets: '反映对象不是本轮巡察的村（社区）“两委”班子及其成员',
  other_jurisdiction: '属于上级或其他地区管辖',
  petition_in_progress: '已进入信访程序正在办理',
  other: '其他原因',
} as const;
export type ForwardReason = keyof typeof FORWARD_REASONS;
export const FORWARD_REASON_LIST = Object.keys(FORWARD_REASONS) as ForwardReason[];

/** The round as the intake rules need it ('YYYY-MM-DD' China dates). */
export interface IntakeRound {
  phase: RoundPhase;
  /** last day of the on-site period, if planned */
  onSiteTo: string | null;
  /** the 信访 cut-off date printed on the 巡察公告; defaults to the last on-site day */
  petitionCutoff: string | null;
}

const TEAM_INTAKE_PHASES: readonly RoundPhase[] = ['entry', 'fact_finding'];
const TEAM_HANDLING_PHASES: readonly RoundPhase[] = ['entry', 'fact_finding', 'report'];

export type Inbox = { kind: 'team'; teamId: string } | { kind: 'office' };

/** Where a report arriving `today` for a target (with its assigned team, if any) lands. */
export function inboxFor(round: IntakeRound, targetTeamId: string | null, today: string): Inbox {
  const cutoff = round.petitionCutoff ?? round.onSiteTo;
  const open = TEAM_INTAKE_PHASES.includes(round.phase) && (cutoff === null || today <= cutoff);
  return open && targetTeamId !== null ? { kind: 'team', teamId: targetTeamId } : { kind: 'office' };
}

/** Who handles a report in `inbox` now: a team's inbox passes to the office after the 报告 phase. */
export function handlerOf(inbox: Inbox, phase: RoundPhase): Inbox {
  return inbox.kind === 'team' && TEAM_HANDLING_PHASES.includes(phase) ? inbox : { kind: 'office' };
}

export type IntakeActor = { kind: 'team'; teamId: string } | { kind: 'office' } | { kind: 'other' };

/** Why `actor` may not take `action` on a report in `status` sitting in `inbox`, or null. */
export function triageRefusal(action: TriageAction, status: ReportStatus, actor: IntakeActor, inbox: Inbox, phase: RoundPhase): string | null {
  if (actor.kind === 'other') return '只有巡察组或巡察办可以处理群众来件';
  const handler = handlerOf(inbox, phase);
  if (action === 'reopen' && actor.kind !== 'office') return '重新打开来件由巡察办办理';
  if (action !== 'reopen') {
    if (actor.kind === 'team' && (handler.kind !== 'team' || handler.teamId !== actor.teamId)) {
      return inbox.kind === 'team' && inbox.teamId === actor.teamId
        ? `本轮巡察已进入“${ROUND_PHASES[phase]}”阶段，未办结的来件已转由巡察办处理`
        : '该来件不在本组收件箱，由负责该村（社区）的巡察组或巡察办处理';
    }
    if (actor.kind === 'office' && handler.kind === 'team') return '巡察期间该来件由负责该村（社区）的巡察组处理，巡察办可查看并督促';
  }
  const t = TRIAGE_TRANSITIONS[action];
  if (!t.from.includes(status)) return `${STATUS_HINT[action]}（当前状态：${REPORT_STATUSES[status]}）`;
  return null;
}


/** Actions `actor` may take now (for buttons). */
export const availableTriageActions = (status: ReportStatus, actor: IntakeActor, inbox: Inbox, phase: RoundPhase): TriageAction[] =>
  TRIAGE_ACTION_LIST.filter((a) => triageRefusal(a, status, actor, inbox, phase) === null);

// — the facts each step needs; each guard returns every problem at once —

export const REPLY_MIN = 5;
export const REPLY_MAX = 2000;

function replyProblems(reply: string | null | undefined, what: string): string[] {
  const n = [...(reply ?? '').trim()].length;
  if (n === 0) return [`请填写给反映人的${what}答复`];
  if (n < REPLY_MIN) return [`答复过短：至少 ${REPLY_MIN} 个字`];
  if (n > REPLY_MAX) return [`答复不超过 ${REPLY_MAX} 字`];
  return [];
}

export function linkProblems(f: { findingIds: readonly string[]; leadIds: readonly string[]; alreadyLinked: readonly string[] }): string[] {
  const ids = [...f.findingIds, ...f.leadIds];
  if (ids.length === 0) return ['请选择要关联的问题底稿或问题线索'];
  const again = ids.filter((id) => f.alreadyLinked.includes(id));
  return again.length > 0 ? ['所选问题底稿或线索已经关联过'] : [];
}

export interface MergeFacts {
  reportId: string;
  roundId: string;
  into: { id: string; roundId: string; status: ReportStatus } | null;
}

export function mergeProblems(f: MergeFacts): string[] {
  if (!f.into) return ['要合并到的来件不存在或无权查看'];
  const out: string[] = [];
  if (f.into.id === f.reportId) out.push('不能把来件合并到它自己');
  if (f.into.roundId !== f.roundId) out.push('只能合并到本轮巡察的来件');
  if (isFinished(f.into.status)) out.push(`要合并到的来件${REPORT_STATUSES[f.into.status]}，请合并到仍在办理的来件`);
  return out;
}

export function forwardProblems(f: { reason: string; note: string | null | undefined; body: string | null | undefined; reply: string | null | undefined }): string[] {
  const out: string[] = [];
  if (!(f.reason in FORWARD_REASONS)) out.push('请选择转交理由');
  if (f.reason === 'other' && !f.note?.trim()) out.push('选择“其他原因”时请写明理由');
  if (!f.body?.trim()) out.push('请填写转交的部门或机关');
  else if ([...f.body.trim()].length > 100) out.push('转交部门名称不超过 100 字');
  out.push(...replyProblems(f.reply, '转交'));
  return out;
}

export const closeProblems = (f: { reply: string | null | undefined }): string[] => replyProblems(f.reply, '办结');

export function reopenProblems(f: { reason: string | null | undefined }): string[] {
  const n = [...(f.reason ?? '').trim()].length;
  return n < 5 ? ['请写明重新打开的理由（至少 5 个字）'] : [];
}

// — counts per village for the pre-inspection file and statistics —

export interface IntakeCount {
  total: number;
  byStatus: Record<ReportStatus, number>;
  /** reports that became petitions (accepted, linked, or closed after acceptance) */
  petitions: number;
}

export function intakeCounts(reports: readonly { villageCode: string; status: ReportStatus; wasAccepted: boolean }[]): Map<string, IntakeCount> {
  const out = new Map<string, IntakeCount>();
  for (const r of reports) {
    let c = out.get(r.villageCode);
    if (!c) {
      c = { total: 0, byStatus: Object.fromEntries(REPORT_STATUS_LIST.map((s) => [s, 0])) as Record<ReportStatus, number>, petitions: 0 };
      out.set(r.villageCode, c);
    }
    c.total++;
    c.byStatus[r.status]++;
    if (r.wasAccepted || r.status === 'accepted' || r.status === 'linked') c.petitions++;
  }
  return out;
}
