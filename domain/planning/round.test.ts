import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isBackward,
  nextPhases,
  phaseAllowsOnSiteWork,
  ROUND_PHASE_LIST,
  ROUND_PHASES,
  type RoundFacts,
  type RoundPhase,
} from './round';

/** The table written out again by hand, so a slip in either copy fails. */
const ALLOWED: ReadonlySet<string> = new Set([
  'preparation>entry',
  'entry>fact_finding',
  'entry>preparation',
  'fact_finding>report',
  'report>feedback',
  'report>fact_finding',
  'feedback>transfer',
  'transfer>rectification',
  'rectification>evaluation',
  'evaluation>archived',
  'evaluation>rectification',
]);

const good: RoundFacts = {
  targets: 3,
  teams: [{ name: '第一巡察组', hasLeader: true, leaderAuthorised: true }],
  targetsWithoutTeam: [],
  targetsWithoutChecklist: [],
  avoidanceConflicts: [],
  inspectionsStarted: 0,
  unfinishedInspections: [],
  reportApproved: true,
  targetsWithoutFeedback: [],
  leadsNotTransferred: 0,
  rectificationReportsMissing: [],
  evaluationDone: true,
  reason: '领导小组要求补充了解',
};

const bad: RoundFacts = {
  targets: 0,
  teams: [
    { name: '第一巡察组', hasLeader: false, leaderAuthorised: false },
    { name: '第二巡察组', hasLeader: true, leaderAuthorised: false },
  ],
  targetsWithoutTeam: ['东风村', '红旗村'],
  targetsWithoutChecklist: ['东风村'],
  avoidanceConflicts: ['张三—东风村'],
  inspectionsStarted: 2,
  unfinishedInspections: ['东风村', '红旗村', '向阳社区'],
  reportApproved: false,
  targetsWithoutFeedback: ['城关镇'],
  leadsNotTransferred: 4,
  rectificationReportsMissing: ['城关镇党委'],
  evaluationDone: false,
  reason: '  ',
};

const BACK = '退回到之前的阶段须说明原因';

/** What each allowed move reports when every fact is against it. */
const UNMET_WHEN_BAD: Record<string, string[]> = {
  'preparation>entry': [
    '尚未确定巡察对象',
    '巡察组“第一巡察组”尚未确定组长',
    '巡察组“第二巡察组”的组长尚未取得本轮授权（一次一授权）',
    '2 个巡察对象尚未分配巡察组：东风村、红旗村',
    '1 个村（社区）尚未制定个性化监督清单：东风村',
    '有 1 项回避情形尚未处理：张三—东风村',
  ],
  'entry>fact_finding': [],
  'entry>preparation': [BACK, '已有 2 个村（社区）开始巡察，不能退回准备阶段'],
  'fact_finding>report': ['3 个村（社区）的巡察尚未完成：东风村、红旗村、向阳社区'],
  'report>feedback': ['巡察报告尚未审定（领导小组听取汇报、书记专题会研究）'],
  'report>fact_finding': [BACK],
  'feedback>transfer': ['1 个巡察对象尚未反馈：城关镇'],
  'transfer>rectification': ['还有 4 条问题线索尚未移交'],
  'rectification>evaluation': ['1 个整改责任单位尚未报送整改情况报告：城关镇党委'],
  'evaluation>archived': ['尚未完成整改成效评估'],
  // going back to 整改 re-opens it; leads were settled on the way forward
  'evaluation>rectification': [BACK],
};

const pairs = ROUND_PHASE_LIST.flatMap((from) => ROUND_PHASE_LIST.map((to) => [from, to] as [RoundPhase, RoundPhase]));

describe('round phase transitions: every (from, to) pair', () => {
  it('covers all 81 pairs and the hand-written table has only real phases', () => {
    expect(pairs).toHaveLength(81);
    for (const key of ALLOWED) {
      const [from, to] = key.split('>') as [RoundPhase, RoundPhase];
      expect(ROUND_PHASE_LIST).toContain(from);
      expect(ROUND_PHASE_LIST).toContain(to);
    }
    expect(Object.keys(UNMET_WHEN_BAD).sort()).toEqual([...ALLOWED].sort());
  });

  it.each(pairs)('%s → %s', (from, to) => {
    const key = `${from}>${to}`;
    expect(nextPhases(from).includes(to)).toBe(ALLOWED.has(key));
    if (!ALLOWED.has(key)) {
      const refusal = [`轮次不能从“${ROUND_PHASES[from]}”阶段转入“${ROUND_PHASES[to]}”阶段`];
      expect(canTransition(from, to, good)).toEqual(refusal);
      expect(canTransition(from, to, bad)).toEqual(refusal);
      return;
    }
    expect(canTransition(from, to, good)).toEqual([]);
    expect(canTransition(from, to, bad)).toEqual(UNMET_WHEN_BAD[key]);
  });
});

describe('round phase rules', () => {
  it('runs forward through every phase from 准备 to 立卷归档', () => {
    const seen: RoundPhase[] = ['preparation'];
    let at: RoundPhase = 'preparation';
    while (at !== 'archived') {
      const from: RoundPhase = at;
      const forward: RoundPhase[] = nextPhases(from).filter((p) => !isBackward(from, p));
      expect(forward).toHaveLength(1);
      at = forward[0]!;
      seen.push(at);
    }
    expect(seen).toEqual(ROUND_PHASE_LIST);
  });

  it('立卷归档 is final', () => {
    expect(nextPhases('archived')).toEqual([]);
  });

  it('nothing goes back past 反馈', () => {
    const feedback = ROUND_PHASE_LIST.indexOf('feedback');
    for (const [from, to] of pairs) {
      if (nextPhases(from).includes(to) && isBackward(from, to)) {
        expect(ROUND_PHASE_LIST.indexOf(to) >= feedback || ROUND_PHASE_LIST.indexOf(from) < feedback).toBe(true);
      }
    }
  });

  it('refuses entry without any team, and names at most five in a list', () => {
    const many = ['一村', '二村', '三村', '四村', '五村', '六村', '七村'];
    expect(canTransition('preparation', 'entry', { ...good, teams: [], targetsWithoutTeam: many })).toEqual([
      '尚未组建巡察组',
      '7 个巡察对象尚未分配巡察组：一村、二村、三村、四村、五村等',
    ]);
  });

  it('a backward move with a reason and no started villages is fine', () => {
    expect(canTransition('entry', 'preparation', { ...good, reason: '推迟进驻' })).toEqual([]);
    expect(canTransition('entry', 'preparation', { ...good, reason: null })).toEqual([BACK]);
  });

  it.each([
    ['preparation', false],
    ['entry', true],
    ['fact_finding', true],
    ['report', false],
    ['feedback', false],
    ['transfer', false],
    ['rectification', false],
    ['evaluation', false],
    ['archived', false],
  ] as const)('on-site work in %s: %s', (phase, allowed) => {
    expect(phaseAllowsOnSiteWork(phase)).toBe(allowed);
  });
});
