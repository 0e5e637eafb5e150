import { describe, expect, it } from 'vitest';
import { checklistCoverage } from './checklist-coverage';
import {
  canTransitionInspection,
  completionBlockers,
  completionPolicyInput,
  decideCompletion,
  INSPECTION_STATUS_LIST,
  INSPECTION_STATUSES,
  nextStatuses,
  overrideReasonProblems,
  type CompletionFacts,
  type InspectionStatus,
  type InspectionTransitionFacts,
} from './completion';
import { DEFAULT_STEP_CONFIG } from './steps';
import { talkCoverage, workRecordInput } from './work-records';

const items = [
  { id: 'a', title: '“三资”管理' },
  { id: 'b', title: '惠农补贴' },
];

const ready: CompletionFacts = {
  stepConfig: DEFAULT_STEP_CONFIG,
  stepsDone: ['meeting', 'individual_talks', 'record_review', 'petitions', 'feedback'],
  checklist: checklistCoverage(items, [
    { itemId: 'a', result: 'no_problem', note: '' },
    { itemId: 'b', result: 'problem_found', note: '冒领' },
  ]),
  // 2025-01-26 is the Sunday worked before the Spring Festival
  onSiteDates: ['2025-01-24', '2025-01-26', '2025-01-27'],
  minWorkingDays: 3,
  households: 245,
  householdsVisited: 25,
  talks: talkCoverage([]),
};

describe('completionBlockers: each condition on its own', () => {
  it('a complete inspection has none', () => {
    expect(completionBlockers(ready)).toEqual([]);
  });

  it.each<[string, Partial<CompletionFacts>, string[]]>([
    ['a mandatory step missing', { stepsDone: ['meeting', 'individual_talks', 'record_review', 'petitions', 'briefing'] }, ['尚未完成必经环节“集中反馈”']],
    [
      'two mandatory steps missing, each named',
      { stepsDone: ['individual_talks', 'record_review', 'petitions'] },
      ['尚未完成必经环节“见面沟通”', '尚未完成必经环节“集中反馈”'],
    ],
    ['a checklist item 未检查', { checklist: checklistCoverage(items, [{ itemId: 'a', result: 'no_problem', note: '' }]) }, ['监督清单还有 1 项未检查：惠农补贴']],
    ['no checklist at all', { checklist: checklistCoverage([], []) }, ['尚未制定监督清单']],
    [
      'days on the holiday do not count',
      { onSiteDates: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-29'] },
      ['在村工作 1 个工作日，少于最低要求的 3 个工作日'],
    ],
    [
      'a Saturday on site is not a working day',
      { onSiteDates: ['2025-03-07', '2025-03-08'], minWorkingDays: 2 },
      ['在村工作 1 个工作日，少于最低要求的 2 个工作日'],
    ],
    ['visits below 10%', { householdsVisited: 24 }, ['已走访 24 户，少于应走访的 25 户（全村 245 户的 10%）']],
    ['household count unknown', { households: null }, ['未登记本村（社区）户数，无法核定应走访户数']],
  ])('%s', (_name, change, blockers) => {
    expect(completionBlockers({ ...ready, ...change })).toEqual(blockers);
  });

  it('the office’s calendar corrections count', () => {
    const facts = { ...ready, calendarOverrides: [{ date: '2025-01-27', kind: 'holiday' as const, note: '县庆' }] };
    expect(completionBlockers(facts)).toEqual(['在村工作 2 个工作日，少于最低要求的 3 个工作日']);
  });

  it('lists every missing condition at once, in a stable order', () => {
    expect(
      completionBlockers({
        ...ready,
        stepsDone: [],
        checklist: checklistCoverage(items, []),
        onSiteDates: [],
        minWorkingDays: 10,
        householdsVisited: 3,
      }),
    ).toEqual([
      '尚未完成必经环节“见面沟通”',
      '尚未完成必经环节“个别谈话”',
      '尚未完成必经环节“查阅资料”',
      '尚未完成必经环节“受理信访”',
      '尚未完成必经环节“集中反馈”',
      '监督清单还有 2 项未检查：“三资”管理、惠农补贴',
      '在村工作 0 个工作日，少于最低要求的 10 个工作日',
      '已走访 3 户，少于应走访的 25 户（全村 245 户的 10%）',
    ]);
  });

  it('names at most five unchecked items', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ id: `i${i}`, title: `事项${i + 1}` }));
    expect(completionBlockers({ ...ready, checklist: checklistCoverage(many, []) })).toEqual([
      '监督清单还有 7 项未检查：事项1、事项2、事项3、事项4、事项5等',
    ]);
  });

  it('talk coverage of the 三老 and 两低 is required only when the policy says so', () => {
    const strict = completionPolicyInput.parse({ requireTalkCoverage: true });
    const talks = talkCoverage([
      workRecordInput.parse({ kind: 'talk', date: '2025-01-24', people: [{ name: '老赵', roles: ['old_party_member', 'subsistence'] }] }),
    ]);
    expect(completionBlockers({ ...ready, talks })).toEqual([]);
    expect(completionBlockers({ ...ready, talks }, strict)).toEqual(['“三老”尚未谈到：老干部、老军人', '“两低”尚未谈到：低收入户']);
  });

  it('the visit percentage is policy', () => {
    const p = completionPolicyInput.parse({ visits: { householdPercent: 20 } });
    expect(completionBlockers(ready, p)).toEqual(['已走访 25 户，少于应走访的 49 户（全村 245 户的 20%）']);
  });
});

describe('the office override', () => {
  it.each([
    [null, ['请填写特批理由']],
    ['', ['请填写特批理由']],
    ['。。。。。。。。。。。。', ['请填写特批理由']],
    ['村里户数不准', ['特批理由不少于 10 个字']],
    ['  村 里 户 数 不 准 确 ，  ', ['特批理由不少于 10 个字']],
    ['村档案所记户数含已迁出户，实际户数待核', []],
  ])('reason %j', (reason, problems) => {
    expect(overrideReasonProblems(reason)).toEqual(problems);
  });

  it('records which conditions the reason overrode', () => {
    const blockers = ['已走访 3 户，少于应走访的 25 户（全村 245 户的 10%）'];
    expect(decideCompletion(blockers, { reason: '  村档案所记户数含已迁出户，实际户数待核 ' })).toEqual({
      ok: true,
      override: { reason: '村档案所记户数含已迁出户，实际户数待核', overriddenConditions: blockers },
    });
  });

  it('refuses a weak reason and, without one, repeats the blockers', () => {
    expect(decideCompletion(['x'], { reason: '特批' })).toEqual({ ok: false, reasons: ['特批理由不少于 10 个字'] });
    expect(decideCompletion(['x', 'y'], null)).toEqual({ ok: false, reasons: ['x', 'y'] });
  });

  it('nothing to override means no override is recorded', () => {
    expect(decideCompletion([], { reason: '无' })).toEqual({ ok: true, override: null });
  });

  it('the minimum length is policy', () => {
    expect(overrideReasonProblems('户数待核', completionPolicyInput.parse({ overrideReasonMinLength: 4 }))).toEqual([]);
  });
});

/** The status table written out again by hand. */
const ALLOWED = new Set(['not_started>in_progress', 'in_progress>completed', 'completed>in_progress']);

const clear: InspectionTransitionFacts = { roundAllowsOnSiteWork: true, blockers: [], override: null, reason: '报告退回补充了解' };
const blocked: InspectionTransitionFacts = { roundAllowsOnSiteWork: false, blockers: ['尚未制定监督清单'], override: null, reason: ' ' };

const ROUND = '本轮巡察不在进驻或了解阶段，不能开展村级巡察工作';
const UNMET_WHEN_BLOCKED: Record<string, string[]> = {
  'not_started>in_progress': [ROUND],
  'in_progress>completed': [ROUND, '尚未制定监督清单'],
  'completed>in_progress': [ROUND, '重新打开已完成的村级巡察须说明原因'],
};

const pairs = INSPECTION_STATUS_LIST.flatMap((f) => INSPECTION_STATUS_LIST.map((t) => [f, t] as [InspectionStatus, InspectionStatus]));

describe('inspection status transitions: every (from, to) pair', () => {
  it('covers all 9 pairs', () => {
    expect(pairs).toHaveLength(9);
    expect(Object.keys(UNMET_WHEN_BLOCKED).sort()).toEqual([...ALLOWED].sort());
  });

  it.each(pairs)('%s → %s', (from, to) => {
    const key = `${from}>${to}`;
    expect(nextStatuses(from).includes(to)).toBe(ALLOWED.has(key));
    if (!ALLOWED.has(key)) {
      const refusal = [`村级巡察不能从“${INSPECTION_STATUSES[from]}”变为“${INSPECTION_STATUSES[to]}”`];
      expect(canTransitionInspection(from, to, clear)).toEqual(refusal);
      expect(canTransitionInspection(from, to, blocked)).toEqual(refusal);
      return;
    }
    expect(canTransitionInspection(from, to, clear)).toEqual([]);
    expect(canTransitionInspection(from, to, blocked)).toEqual(UNMET_WHEN_BLOCKED[key]);
  });

  it('已完成 is reachable with blockers only through an acceptable override', () => {
    const facts = { ...clear, blockers: ['尚未制定监督清单'] };
    expect(canTransitionInspection('in_progress', 'completed', facts)).toEqual(['尚未制定监督清单']);
    expect(canTransitionInspection('in_progress', 'completed', { ...facts, override: { reason: '太忙' } })).toEqual(['特批理由不少于 10 个字']);
    expect(canTransitionInspection('in_progress', 'completed', { ...facts, override: { reason: '该村清单并入镇级清单统一检查，已逐项核实' } })).toEqual([]);
  });
});
