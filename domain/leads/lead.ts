/**
 * A lead (问题线索): a suspicion of a discipline or law violation by named persons, transferred by
 * cadre-management authority to the discipline commission (纪委监委), the organisation department
 * (组织部) or — for 涉法涉诉 and other matters outside both — to another body, which reports its
 * handling within a configurable number of months.
 *
 *   草稿 —移交→ 已移交 —接收→ 已接收 —处置→ 已处置 —报告办结→ 已办结
 *   已移交 —撤回 (sender) / 退回 (receiver)→ 草稿;  已处置 —更正处置→ 已处置;  已办结 —重新打开→ 已处置
 *
 * Who acts: the sender (the round's team or the office) drafts, edits, transfers and recalls; the
 * receiver (the receiving organisation; for authority 'other' the sender records on the outside
 * body's behalf) receives, returns, disposes, records outcomes and reports. The server decides who
 * the actor is; this file decides what each side may do in each status and why not, in Chinese.
 */

export const LEAD_AUTHORITIES = {
  discipline: '纪委监委',
  organization: '组织部',
  other: '其他机关（涉法涉诉等）',
} as const;
export type LeadAuthority = keyof typeof LEAD_AUTHORITIES;
export const LEAD_AUTHORITY_LIST = Object.keys(LEAD_AUTHORITIES) as LeadAuthority[];

/** The organisation kind that receives a lead of each authority; 'other' goes to a body outside the system. */
export const RECEIVER_KIND: Record<LeadAuthority, 'discipline' | 'organization' | null> = {
  discipline: 'discipline',
  organization: 'organization',
  other: null,
};

export const LEAD_DISPOSITIONS = {
  talk_inquiry: '谈话函询',
  preliminary_verification: '初步核实',
  hold: '暂存待查',
  close: '予以了结',
} as const;
export type LeadDisposition = keyof typeof LEAD_DISPOSITIONS;
export const LEAD_DISPOSITION_LIST = Object.keys(LEAD_DISPOSITIONS) as LeadDisposition[];

/** Outcome kinds and their measures, as data: the web pickers and the server's check read the same table. */
export const OUTCOME_KINDS = {
  party_sanction: { name: '党纪处分', measures: { warning: '警告', serious_warning: '严重警告', removal_from_post: '撤销党内职务', probation: '留党察看', expulsion: '开除党籍' } },
  government_sanction: { name: '政务处分', measures: { warning: '警告', demerit: '记过', major_demerit: '记大过', demotion: '降级', dismissal: '撤职', expulsion: '开除' } },
  organisational: { name: '组织处理', measures: { admonition: '诫勉谈话', criticism_education: '批评教育', self_examination: '责令检查', circulated_criticism: '通报批评' } },
  judicial: { name: '移送司法机关', measures: { transfer_to_judiciary: '移送司法机关' } },
} as const satisfies Record<string, { name: string; measures: Record<string, string> }>;
export type OutcomeKind = keyof typeof OUTCOME_KINDS;
export const OUTCOME_KIND_LIST = Object.keys(OUTCOME_KINDS) as OutcomeKind[];

export const isOutcomeMeasure = (kind: string, measure: string): boolean =>
  kind in OUTCOME_KINDS && measure in OUTCOME_KINDS[kind as OutcomeKind].measures;

export function measureName(kind: string, measure: string): string {
  if (!isOutcomeMeasure(kind, measure)) return measure;
  return (OUTCOME_KINDS[kind as OutcomeKind].measures as Record<string, string>)[measure]!;
}
export const outcomeKindName = (kind: string): string => (kind in OUTCOME_KINDS ? OUTCOME_KINDS[kind as OutcomeKind].name : kind);

export const LEAD_STATUSES = {
  draft: '草稿',
  transferred: '已移交',
  received: '已接收',
  disposed: '已处置',
  closed: '已办结',
} as const;
export type LeadStatus = keyof typeof LEAD_STATUSES;
export const LEAD_STATUS_LIST = Object.keys(LEAD_STATUSES) as LeadStatus[];

export type LeadSide = 'sender' | 'receiver';

export const LEAD_ACTIONS = {
  edit: '修改',
  delete: '删除',
  transfer: '移交',
  recall: '撤回移交',
  receive: '签收',
  return: '退回',
  dispose: '登记处置',
  outcome: '登记处理结果',
  report: '报告办理情况并办结',
  reopen: '重新打开',
} as const;
export type LeadAction = keyof typeof LEAD_ACTIONS;
export const LEAD_ACTION_LIST = Object.keys(LEAD_ACTIONS) as LeadAction[];

/** The transition table: in which statuses each action is open, which side takes it, and where it leads. */
export const LEAD_TRANSITIONS: Readonly<Record<LeadAction, { from: readonly LeadStatus[]; by: LeadSide; to: LeadStatus | null }>> = {
  edit: { from: ['draft'], by: 'sender', to: null },
  delete: { from: ['draft'], by: 'sender', to: null },
  transfer: { from: ['draft'], by: 'sender', to: 'transferred' },
  recall: { from: ['transferred'], by: 'sender', to: 'draft' },
  receive: { from: ['transferred'], by: 'receiver', to: 'received' },
  return: { from: ['transferred'], by: 'receiver', to: 'draft' },
  dispose: { from: ['received', 'disposed'], by: 'receiver', to: 'disposed' },
  outcome: { from: ['disposed'], by: 'receiver', to: null },
  report: { from: ['disposed'], by: 'receiver', to: 'closed' },
  reopen: { from: ['closed'], by: 'receiver', to: 'disposed' },
};

const STATUS_HINT: Record<LeadAction, string> = {
  edit: '只有草稿状态的问题线索可以修改；已移交的请先撤回',
  delete: '只有草稿状态的问题线索可以删除',
  transfer: '只有草稿状态的问题线索可以移交',
  recall: '只有已移交、尚未签收的问题线索可以撤回',
  receive: '只有已移交、尚未签收的问题线索可以签收',
  return: '只有已移交、尚未签收的问题线索可以退回',
  dispose: '签收后才能登记处置方式',
  outcome: '登记处置方式后、办结前才能登记处理结果',
  report: '登记处置方式后才能报告办理情况并办结',
  reopen: '只有已办结的问题线索可以重新打开',
};

/** Why `side` may not take `action` on a lead in `status`, or null when the table allows it. */
export function actionRefusal(status: LeadStatus, action: LeadAction, side: LeadSide, authority?: LeadAuthority): string | null {
  const t = LEAD_TRANSITIONS[action];
  // a body outside the system disposes in its own terms: its report may close the lead straight after receipt
  if (authority === 'other' && action === 'report' && status === 'received' && side === 'receiver') return null;
  if (t.by !== side) {
    return t.by === 'sender'
      ? `“${LEAD_ACTIONS[action]}”由移交方（巡察组或巡察办）办理，接收单位不能${LEAD_ACTIONS[action]}`
      : `“${LEAD_ACTIONS[action]}”由接收单位办理，移交方不能代为${LEAD_ACTIONS[action]}`;
  }
  if (!t.from.includes(status)) return `${STATUS_HINT[action]}（当前状态：${LEAD_STATUSES[status]}）`;
  return null;
}

/** Actions the side may take now (for buttons). */
export const availableActions = (status: LeadStatus, side: LeadSide, authority?: LeadAuthority): LeadAction[] =>
  LEAD_ACTION_LIST.filter((a) => actionRefusal(status, a, side, authority) === null);

export const isLeadStatus = (s: string): s is LeadStatus => s in LEAD_STATUSES;

// — guards with the facts each step needs; each returns every reason at once —

export interface TransferFacts {
  authority: LeadAuthority;
  otherBody: string | null | undefined;
  /** the receiving organisation as found, or null when none named / not found */
  receivingOrg: { kind: string; scopeCode: string; disabled: boolean } | null;
  receivingOrgNamed: boolean;
  /** division code of the lead (village, or town when the lead has no village) */
  leadCode: string;
  letterNo: string;
  transferredOn: string;
  today: string;
  persons: number;
  summary: string;
}

export function transferProblems(f: TransferFacts): string[] {
  const out: string[] = [];
  const kind = RECEIVER_KIND[f.authority];
  if (kind === null) {
    if (!f.otherBody?.trim()) out.push('移交其他机关时应写明接收机关名称');
    if (f.receivingOrgNamed) out.push('移交其他机关时不应选择本系统内的接收单位');
  } else if (!f.receivingOrgNamed) {
    out.push(`请选择接收的${LEAD_AUTHORITIES[f.authority]}单位`);
  } else if (!f.receivingOrg) {
    out.push('接收单位不存在或不在本辖区');
  } else {
    if (f.receivingOrg.kind !== kind) out.push(`按干部管理权限移交${LEAD_AUTHORITIES[f.authority]}，接收单位应为${LEAD_AUTHORITIES[f.authority]}`);
    if (!f.leadCode.startsWith(f.receivingOrg.scopeCode)) out.push('接收单位的管辖范围不包括该村（社区）');
    if (f.receivingOrg.disabled) out.push('接收单位已停用');
  }
  if (!f.letterNo.trim()) out.push('请填写移交函文号');
  if (f.transferredOn > f.today) out.push(`移交日期（${f.transferredOn}）不能晚于今天`);
  if (f.persons === 0) out.push('请至少登记一名被反映人');
  if (!f.summary.trim()) out.push('请填写问题线索摘要');
  return out;
}

export function receiveProblems(f: { receivedOn: string; transferredOn: string | null; today: string; receivedByName: string }): string[] {
  const out: string[] = [];
  if (!f.receivedByName.trim()) out.push('请填写签收人姓名');
  if (f.receivedOn > f.today) out.push(`签收日期（${f.receivedOn}）不能晚于今天`);
  if (f.transferredOn && f.receivedOn < f.transferredOn) out.push(`签收日期（${f.receivedOn}）不能早于移交日期（${f.transferredOn}）`);
  return out;
}

export function disposeProblems(f: { dispositionOn: string; caseOpenedOn: string | null | undefined; receivedOn: string | null; today: string }): string[] {
  const out: string[] = [];
  if (f.dispositionOn > f.today) out.push(`处置日期（${f.dispositionOn}）不能晚于今天`);
  if (f.receivedOn && f.dispositionOn < f.receivedOn) out.push(`处置日期（${f.dispositionOn}）不能早于签收日期（${f.receivedOn}）`);
  if (f.caseOpenedOn) {
    if (f.caseOpenedOn > f.today) out.push(`立案日期（${f.caseOpenedOn}）不能晚于今天`);
    if (f.receivedOn && f.caseOpenedOn < f.receivedOn) out.push(`立案日期（${f.caseOpenedOn}）不能早于签收日期（${f.receivedOn}）`);
  }
  return out;
}

export function outcomeProblems(f: { personName: string; persons: readonly string[]; kind: string; measure: string; decidedOn: string; receivedOn: string | null; today: string }): string[] {
  const out: string[] = [];
  if (!f.persons.includes(f.personName)) out.push(`“${f.personName}”不是该线索登记的被反映人`);
  if (!isOutcomeMeasure(f.kind, f.measure)) out.push(`处理方式“${f.measure}”不属于“${outcomeKindName(f.kind)}”`);
  if (f.decidedOn > f.today) out.push(`处理决定日期（${f.decidedOn}）不能晚于今天`);
  if (f.receivedOn && f.decidedOn < f.receivedOn) out.push(`处理决定日期（${f.decidedOn}）不能早于签收日期（${f.receivedOn}）`);
  return out;
}

/** Closing needs the handling report; a case opened (立案) needs at least one outcome recorded. */
export function reportProblems(f: { handlingReport: string; reportedOn: string; dispositionOn: string | null; today: string; caseOpened: boolean; outcomes: number }): string[] {
  const out: string[] = [];
  if (f.handlingReport.trim().length < 10) out.push('请填写办理情况报告（不少于 10 个字）');
  if (f.reportedOn > f.today) out.push(`报告日期（${f.reportedOn}）不能晚于今天`);
  if (f.dispositionOn && f.reportedOn < f.dispositionOn) out.push(`报告日期（${f.reportedOn}）不能早于处置日期（${f.dispositionOn}）`);
  if (f.caseOpened && f.outcomes === 0) out.push('已立案的问题线索，办结前应登记处理结果');
  return out;
}
