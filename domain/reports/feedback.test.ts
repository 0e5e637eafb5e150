import { describe, expect, it } from 'vitest';
import { feedbackProblems, feedbackSteps, type FeedbackFacts } from './feedback';

const villages = new Map([
  ['320481100002', '西湖村'],
  ['320481100001', '东湖村'],
]);
const base: FeedbackFacts = {
  target: { kind: 'town', name: '城关镇' },
  villageCode: null,
  fedBackOn: '2026-12-01',
  reportStatus: 'approved',
  villages,
  targetFeedbackOn: null,
  villageFeedbacks: new Map(),
  phaseProblem: null,
};

describe('feedback in order', () => {
  it('allows the town first, then its villages on or after that day', () => {
    expect(feedbackProblems(base)).toEqual([]);
    expect(feedbackProblems({ ...base, villageCode: '320481100001', targetFeedbackOn: '2026-12-01' })).toEqual([]);
    expect(feedbackProblems({ ...base, villageCode: '320481100001', targetFeedbackOn: '2026-11-30' })).toEqual([]);
  });
  it('refuses a village before its town, or dated earlier', () => {
    expect(feedbackProblems({ ...base, villageCode: '320481100001' })).toEqual(['须先向城关镇党委反馈，再向东湖村反馈']);
    expect(feedbackProblems({ ...base, villageCode: '320481100001', targetFeedbackOn: '2026-12-02' })).toEqual([
      '对东湖村的反馈日期（2026-12-01）不能早于对城关镇的反馈日期（2026-12-02）',
    ]);
  });
  it('refuses a village the target does not reach, twice the same unit, and a village on a village target', () => {
    expect(feedbackProblems({ ...base, villageCode: '320481999001', targetFeedbackOn: '2026-12-01' })).toEqual(['该村（社区）不在城关镇本轮巡察的范围内']);
    expect(feedbackProblems({ ...base, targetFeedbackOn: '2026-11-01' })).toEqual(['已登记对城关镇的反馈']);
    expect(feedbackProblems({ ...base, villageCode: '320481100001', targetFeedbackOn: '2026-11-01', villageFeedbacks: new Map([['320481100001', '2026-11-02']]) })).toEqual([
      '已登记对东湖村的反馈',
    ]);
    expect(feedbackProblems({ ...base, target: { kind: 'village', name: '东湖村' }, villageCode: '320481100001' })[0]).toContain('对它本身的反馈即为对该村的反馈');
  });
  it('waits for the approved report and the phase, all reasons together', () => {
    const reasons = feedbackProblems({ ...base, reportStatus: 'heard', villageCode: '320481100001', phaseProblem: '阶段不对' });
    expect(reasons).toEqual(['阶段不对', '城关镇的巡察报告尚未审定，报告审定后才能反馈', '须先向城关镇党委反馈，再向东湖村反馈']);
    expect(feedbackProblems({ ...base, reportStatus: null })).toEqual(['城关镇的巡察报告尚未起草，报告审定后才能反馈']);
  });
  it('lists the steps town first, villages by code; a village target has one step', () => {
    expect(feedbackSteps(base.target, villages).map((s) => s.unit)).toEqual(['城关镇', '东湖村', '西湖村']);
    expect(feedbackSteps({ kind: 'village', name: '东湖村' }, new Map())).toEqual([{ villageCode: null, unit: '东湖村' }]);
  });
});
