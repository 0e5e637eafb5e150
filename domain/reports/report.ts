/**
 * Reports of a round (巡察报告 per target, 专题报告 on common problems): their statuses, the only ways
 * between them, the phases in which they are written, and the assembly of a report's sections from
 * the approved findings (grouped by category and village, with counts and money). Pure: the web and
 * the server decide alike.
 *
 *   draft ──hear (leading group's hearing recorded)──▶ heard ──approve (office)──▶ approved
 *     ▲  re-assemble / edit while draft or heard                                   │
 *     └──────────────────────── reopen (office, reason; the hearing is to be held again) ◀┘
 */
import { FINDING_CATEGORIES, FINDING_CATEGORY_LIST, type FindingCategory } from '../findings/finding';
import { ROUND_PHASES, ROUND_PHASE_LIST, type RoundPhase } from '../planning/round';

export const REPORT_STATUSES = {
  draft: '草稿',
  heard: '领导小组已听取',
  approved: '已审定',
} as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;
export const REPORT_STATUS_LIST = Object.keys(REPORT_STATUSES) as ReportStatus[];

export const REPORT_KINDS = { inspection: '巡察报告', special: '专题报告' } as const;
export type ReportKind = keyof typeof REPORT_KINDS;

export type ReportAction = 'assemble' | 'edit' | 'hear' | 'approve' | 'reopen';
export const REPORT_ACTIONS: Record<ReportAction, string> = {
  assemble: '重新汇总',
  edit: '修改',
  hear: '登记领导小组听取汇报',
  approve: '审定',
  reopen: '重新打开',
};

export interface ReportActor {
  canWrite: boolean;
  canApprove: boolean;
}

const TRANSITIONS: Record<ReportAction, { from: readonly ReportStatus[]; to: ReportStatus | null }> = {
  assemble: { from: ['draft', 'heard'], to: 'draft' },
  edit: { from: ['draft', 'heard'], to: null },
  hear: { from: ['draft', 'heard'], to: 'heard' },
  approve: { from: ['heard'], to: 'approved' },
  reopen: { from: ['approved'], to: 'draft' },
};

/** Why `action` is refused on a report in `status` (empty when allowed). */
export function reportActionProblems(status: ReportStatus, action: ReportAction, actor: ReportActor): string[] {
  const reasons: string[] = [];
  const needsApprove = action === 'hear' || action === 'approve' || action === 'reopen';
  if (needsApprove && !actor.canApprove) reasons.push(`只有巡察办可以${REPORT_ACTIONS[action]}巡察报告`);
  if (!needsApprove && !actor.canWrite) reasons.push(`没有${REPORT_ACTIONS[action]}巡察报告的权限`);
  if (!TRANSITIONS[action].from.includes(status)) {
    if (status === 'approved') reasons.push('巡察报告已审定，不能修改；如需修改，请巡察办说明原因后重新打开');
    else if (action === 'approve') reasons.push('领导小组尚未听取汇报，不能审定；请先登记听取汇报的日期和意见');
    else reasons.push(`巡察报告“${REPORT_STATUSES[status]}”，不能${REPORT_ACTIONS[action]}`);
  }
  return reasons;
}

/** The status after `action` (the caller has checked reportActionProblems). */
export function reportStatusAfter(status: ReportStatus, action: ReportAction): ReportStatus {
  return TRANSITIONS[action].to ?? status;
}

export function allowedReportActions(status: ReportStatus, actor: ReportActor): ReportAction[] {
  return (Object.keys(TRANSITIONS) as ReportAction[]).filter((a) => reportActionProblems(status, a, actor).length === 0);
}

/** Reports are written from 报告 onward, until the round is filed (立卷归档). */
export const REPORT_PHASES: readonly RoundPhase[] = ['report', 'feedback', 'transfer', 'rectification', 'evaluation'];
/** Feedback is recorded from 反馈 onward, until the round is filed. */
export const FEEDBACK_PHASES: readonly RoundPhase[] = ['feedback', 'transfer', 'rectification', 'evaluation'];

/** The refusal for a round in `phase`, or null when `allowed` includes it. */
export function phaseProblem(phase: RoundPhase, allowed: readonly RoundPhase[], what: string): string | null {
  if (allowed.includes(phase)) return null;
  const names = allowed.map((p) => ROUND_PHASES[p]);
  const first = ROUND_PHASE_LIST.indexOf(allowed[0]!);
  const when = ROUND_PHASE_LIST.indexOf(phase) < first ? `尚未进入“${names[0]}”阶段` : '已立卷归档';
  return `本轮巡察处于“${ROUND_PHASES[phase] ?? phase}”阶段（${when}），${what}须在${names[0]}阶段及以后（立卷归档前）进行`;
}

// — assembling a report from approved findings —

/** An approved finding as the assembly needs it; amount in 元. */
export interface ReportSourceFinding {
  numberLabel: string;
  category: FindingCategory | string;
  villageCode: string | null;
  /** The village's name, or the town's for town-level problems. */
  unitName: string;
  title: string;
  description: string;
  amount: number | null;
  immediate: boolean;
}

export interface UnitGroup {
  villageCode: string | null;
  unitName: string;
  count: number;
  amount: number;
  findings: ReportSourceFinding[];
}

export interface CategoryGroup {
  category: string;
  categoryName: string;
  count: number;
  amount: number;
  immediate: number;
  units: UnitGroup[];
}

export interface ReportSummary {
  count: number;
  amount: number;
  immediate: number;
  groups: CategoryGroup[];
}

const categoryName = (c: string) => FINDING_CATEGORIES[c as FindingCategory] ?? c;
const rank = (c: string) => {
  const i = FINDING_CATEGORY_LIST.indexOf(c as FindingCategory);
  return i < 0 ? FINDING_CATEGORY_LIST.length : i;
};
/** Money is summed in fen so 0.1 + 0.2 stays 0.30. */
const cents = (a: number | null) => Math.round((a ?? 0) * 100);

/** Groups approved findings by category (三大问题 order) and, inside, by unit (town-level first, then villages by code). */
export function groupReportFindings(findings: readonly ReportSourceFinding[]): ReportSummary {
  const byCat = new Map<string, { f: ReportSourceFinding[] }>();
  for (const f of findings) {
    const g = byCat.get(f.category) ?? { f: [] };
    g.f.push(f);
    byCat.set(f.category, g);
  }
  const groups: CategoryGroup[] = [...byCat.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, { f }]) => {
      const units = new Map<string, UnitGroup>();
      for (const x of f) {
        const key = x.villageCode ?? '';
        const u = units.get(key) ?? { villageCode: x.villageCode, unitName: x.unitName, count: 0, amount: 0, findings: [] };
        u.count += 1;
        u.amount = (cents(u.amount) + cents(x.amount)) / 100;
        u.findings.push(x);
        units.set(key, u);
      }
      return {
        category,
        categoryName: categoryName(category),
        count: f.length,
        amount: f.reduce((s, x) => s + cents(x.amount), 0) / 100,
        immediate: f.filter((x) => x.immediate).length,
        units: [...units.values()].sort((a, b) => (a.villageCode ?? '').localeCompare(b.villageCode ?? '')),
      };
    });
  return {
    count: findings.length,
    amount: findings.reduce((s, x) => s + cents(x.amount), 0) / 100,
    immediate: findings.filter((x) => x.immediate).length,
    groups,
  };
}

/** 12,345.60 元 → "12345.60元"; amounts in the text read as in the official documents. */
export function amountText(amount: number): string {
  return amount >= 10000 ? `${(amount / 10000).toFixed(2).replace(/\.?0+$/, '')}万元` : `${amount.toFixed(2).replace(/\.00$/, '')}元`;
}

export interface ReportSection {
  heading: string;
  paragraphs: string[];
}

/** The draft text of a 巡察报告: an overview, then one section per category with a paragraph per unit and per problem. */
export function assembleReportSections(unit: string, findings: readonly ReportSourceFinding[]): ReportSection[] {
  const s = groupReportFindings(findings);
  const overview = [`巡察组对${unit}党组织开展巡察，共发现问题${s.count}个${s.amount > 0 ? `，涉及金额${amountText(s.amount)}` : ''}${s.immediate > 0 ? `，其中立行立改${s.immediate}个` : ''}。`];
  if (s.count === 0) overview.push('经审定的问题底稿中未发现问题。');
  const sections: ReportSection[] = [{ heading: '巡察发现问题总体情况', paragraphs: overview }];
  for (const g of s.groups) {
    const paragraphs: string[] = [`${g.categoryName}方面问题${g.count}个${g.amount > 0 ? `，涉及金额${amountText(g.amount)}` : ''}。`];
    for (const u of g.units) {
      paragraphs.push(`${u.unitName}${u.count}个${u.amount > 0 ? `，涉及金额${amountText(u.amount)}` : ''}：`);
      for (const f of u.findings) {
        const text = f.description.trim().replace(/[。；;，,]$/, '');
        paragraphs.push(`${f.title}（底稿${f.numberLabel}）：${text}${f.amount ? `，涉及金额${amountText(f.amount)}` : ''}${f.immediate ? '，已列入立行立改' : ''}。`);
      }
    }
    sections.push({ heading: `${g.categoryName}方面`, paragraphs });
  }
  sections.push({
    heading: '意见建议',
    paragraphs: ['建议被巡察党组织对照巡察反馈问题，逐项制定整改措施，明确责任人和整改时限；乡镇党委切实履行整改主体责任，加强督促指导，确保问题整改到位。'],
  });
  return sections;
}
