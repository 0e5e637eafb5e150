/**
 * The phases of an inspection round (轮次) and the only ways between them.
 *
 * Forward the round follows county practice (DOMAIN.md "The round, phase by phase"):
 *   准备 → 进驻 → 了解 → 报告 → 反馈 → 移交 → 整改 → 评估/回头看 → 立卷归档.
 * Going back is allowed only where practice goes back, always with a recorded reason:
 *   进驻 → 准备   entry postponed before any village work has started;
 *   报告 → 了解   the leading group sends the report back for supplementary fact-finding (补充了解);
 *   评估 → 整改   the effect evaluation / 回头看 finds rectification not in place (整改不到位, 重新整改).
 * Nothing goes back past 反馈: once the town has been told, the findings are on record.
 * 整改情况公开 (disclosure) is a step inside 整改, not a phase of its own. 立卷归档 is final.
 */

export const ROUND_PHASES = {
  preparation: '准备',
  entry: '进驻',
  fact_finding: '了解',
  report: '报告',
  feedback: '反馈',
  transfer: '移交',
  rectification: '整改',
  evaluation: '评估/回头看',
  archived: '立卷归档',
} as const;
export type RoundPhase = keyof typeof ROUND_PHASES;
/** In the order a round runs through them. */
export const ROUND_PHASE_LIST = Object.keys(ROUND_PHASES) as RoundPhase[];

export const ROUND_TRANSITIONS: Readonly<Record<RoundPhase, readonly RoundPhase[]>> = {
  preparation: ['entry'],
  entry: ['fact_finding', 'preparation'],
  fact_finding: ['report'],
  report: ['feedback', 'fact_finding'],
  feedback: ['transfer'],
  transfer: ['rectification'],
  rectification: ['evaluation'],
  evaluation: ['archived', 'rectification'],
  archived: [],
};

export const nextPhases = (from: RoundPhase): readonly RoundPhase[] => ROUND_TRANSITIONS[from];

export const isPhaseTransitionAllowed = (from: RoundPhase, to: RoundPhase): boolean =>
  ROUND_TRANSITIONS[from].includes(to);

export const isBackward = (from: RoundPhase, to: RoundPhase): boolean =>
  ROUND_PHASE_LIST.indexOf(to) < ROUND_PHASE_LIST.indexOf(from);

/** Phases in which teams work in the villages (village inspections may start and finish). */
export function phaseAllowsOnSiteWork(phase: RoundPhase): boolean {
  switch (phase) {
    case 'entry':
    case 'fact_finding':
      return true;
    case 'preparation':
    case 'report':
    case 'feedback':
    case 'transfer':
    case 'rectification':
    case 'evaluation':
    case 'archived':
      return false;
  }
}

export interface RoundTeamFacts {
  name: string;
  hasLeader: boolean;
  /** 一次一授权: the leader's authorisation for this round, with its document number, is recorded */
  leaderAuthorised: boolean;
}

/** What the service knows about the round when asked to move it; names are for the messages. */
export interface RoundFacts {
  targets: number;
  teams: readonly RoundTeamFacts[];
  targetsWithoutTeam: readonly string[];
  /** villages without their personalised supervision list (个性化监督清单) */
  targetsWithoutChecklist: readonly string[];
  /** unresolved 回避 conflicts, e.g. "张三—东风村" */
  avoidanceConflicts: readonly string[];
  /** village inspections that have left 未开始 */
  inspectionsStarted: number;
  unfinishedInspections: readonly string[];
  /** the report was heard by the leading group and decided by the secretary's special meeting */
  reportApproved: boolean;
  targetsWithoutFeedback: readonly string[];
  leadsNotTransferred: number;
  /** units responsible for rectification that have not submitted their 整改情况报告 */
  rectificationReportsMissing: readonly string[];
  evaluationDone: boolean;
  /** why the round goes back; required for a backward move */
  reason?: string | null;
}

const MAX_NAMED = 5;

/** "甲、乙、丙" or "甲、乙、丙、丁、戊等" — messages name a few, the count says how many. */
function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMED).join('、');
  return list.length > MAX_NAMED ? `${shown}等` : shown;
}

/** The conditions of entering `to` from `from` that the facts do not meet. */
function unmetConditions(from: RoundPhase, to: RoundPhase, f: RoundFacts): string[] {
  const out: string[] = [];
  if (isBackward(from, to) && !f.reason?.trim()) out.push('退回到之前的阶段须说明原因');
  switch (to) {
    case 'preparation':
      if (f.inspectionsStarted > 0) out.push(`已有 ${f.inspectionsStarted} 个村（社区）开始巡察，不能退回准备阶段`);
      break;
    case 'entry':
      if (f.targets === 0) out.push('尚未确定巡察对象');
      if (f.teams.length === 0) out.push('尚未组建巡察组');
      for (const t of f.teams) {
        if (!t.hasLeader) out.push(`巡察组“${t.name}”尚未确定组长`);
        else if (!t.leaderAuthorised) out.push(`巡察组“${t.name}”的组长尚未取得本轮授权（一次一授权）`);
      }
      if (f.targetsWithoutTeam.length > 0)
        out.push(`${f.targetsWithoutTeam.length} 个巡察对象尚未分配巡察组：${names(f.targetsWithoutTeam)}`);
      if (f.targetsWithoutChecklist.length > 0)
        out.push(`${f.targetsWithoutChecklist.length} 个村（社区）尚未制定个性化监督清单：${names(f.targetsWithoutChecklist)}`);
      if (f.avoidanceConflicts.length > 0)
        out.push(`有 ${f.avoidanceConflicts.length} 项回避情形尚未处理：${names(f.avoidanceConflicts)}`);
      break;
    case 'fact_finding':
      // entering it from 进驻 needs nothing more; coming back from 报告 needs only the reason above
      break;
    case 'report':
      if (f.unfinishedInspections.length > 0)
        out.push(`${f.unfinishedInspections.length} 个村（社区）的巡察尚未完成：${names(f.unfinishedInspections)}`);
      break;
    case 'feedback':
      if (!f.reportApproved) out.push('巡察报告尚未审定（领导小组听取汇报、书记专题会研究）');
      break;
    case 'transfer':
      if (f.targetsWithoutFeedback.length > 0)
        out.push(`${f.targetsWithoutFeedback.length} 个巡察对象尚未反馈：${names(f.targetsWithoutFeedback)}`);
      break;
    case 'rectification':
      if (from === 'transfer' && f.leadsNotTransferred > 0) out.push(`还有 ${f.leadsNotTransferred} 条问题线索尚未移交`);
      break;
    case 'evaluation':
      if (f.rectificationReportsMissing.length > 0)
        out.push(
          `${f.rectificationReportsMissing.length} 个整改责任单位尚未报送整改情况报告：${names(f.rectificationReportsMissing)}`,
        );
      break;
    case 'archived':
      if (!f.evaluationDone) out.push('尚未完成整改成效评估');
      break;
  }
  return out;
}

/**
 * Every reason the round may not move from `from` to `to`, in Chinese; empty when it may.
 * A move the table does not have gets one reason and no condition checks.
 */
export function canTransition(from: RoundPhase, to: RoundPhase, facts: RoundFacts): string[] {
  if (!isPhaseTransitionAllowed(from, to)) {
    return [`轮次不能从“${ROUND_PHASES[from]}”阶段转入“${ROUND_PHASES[to]}”阶段`];
  }
  return unmetConditions(from, to, facts);
}
