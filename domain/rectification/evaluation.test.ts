import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVALUATION_MODEL,
  evaluate,
  evaluationCountsInput,
  evaluationModelInput,
  evaluationSaveInput,
  gradeOf,
  satisfactionShortfall,
  suggestEvaluationCounts,
  type EvaluationFacts,
  type EvaluationGrade,
  type EvaluationModel,
} from './evaluation';

describe('整改成效评估', () => {
  it('the default model is four indicators weighted 15/15/60/10 and validates', () => {
    expect(DEFAULT_EVALUATION_MODEL.indicators.map((i) => [i.label, i.weight])).toEqual([
      ['组织领导', 15],
      ['责任落实', 15],
      ['整改任务完成', 60],
      ['群众满意', 10],
    ]);
    expect(evaluationModelInput.safeParse(DEFAULT_EVALUATION_MODEL).success).toBe(true);
  });

  it('no deductions is 100 and 好', () => {
    const r = evaluate({});
    expect(r.total).toBe(100);
    expect(r.grade).toBe('good');
    expect(r.secondRectification).toBe(false);
    expect(r.indicators.map((i) => i.score)).toEqual([15, 15, 60, 10]);
  });

  it('deducts per occurrence, caps a rule at its maximum and an indicator at its weight', () => {
    const r = evaluate({ lists_incomplete: 10, item_overdue: 3, item_fake: 1, satisfaction_shortfall: 7 });
    const by = Object.fromEntries(r.indicators.map((i) => [i.key, i]));
    expect(by.responsibility?.lines.find((l) => l.rule === 'lists_incomplete')).toMatchObject({ count: 10, deducted: 8 }); // 2 × 10 capped at 8
    expect(by.completion?.deducted).toBe(19); // 3 × 3 + 10
    expect(by.satisfaction?.deducted).toBe(3.5); // 7 × 0.5
    expect(r.total).toBe(100 - 8 - 19 - 3.5);
    expect(r.grade).toBe('average');
    expect(r.secondRectification).toBe(true);
    // an indicator never goes below zero
    const worst = evaluate({ item_fake: 100 });
    expect(worst.indicators.find((i) => i.key === 'completion')).toMatchObject({ deducted: 60, score: 0 });
    expect(worst.total).toBe(40);
    expect(worst.grade).toBe('poor');
    expect(worst.lookBack).toBe(true);
  });

  // total → grade with the default thresholds 90/80/60
  const grades: [number, EvaluationGrade, boolean][] = [
    [100, 'good', false],
    [90, 'good', false],
    [89.5, 'fairly_good', false],
    [80, 'fairly_good', false],
    [79.99, 'average', true],
    [60, 'average', true],
    [59.5, 'poor', true],
    [0, 'poor', true],
  ];
  it.each(grades)('%d → %s, second rectification %s', (total, grade, second) => {
    expect(gradeOf(total)).toBe(grade);
    expect(['average', 'poor'].includes(gradeOf(total))).toBe(second);
  });

  it('uses the office model: its weights, rules and thresholds', () => {
    const model: EvaluationModel = {
      indicators: [
        { key: 'tasks', label: '任务落实', weight: 70, rules: [{ key: 'overdue', label: '逾期', points: 10, maxPoints: null }] },
        { key: 'public', label: '满意度', weight: 30, rules: [{ key: 'complaint', label: '投诉', points: 5, maxPoints: 10 }] },
      ],
      thresholds: { good: 95, fairlyGood: 85, average: 70 },
    };
    expect(evaluationModelInput.safeParse(model).success).toBe(true);
    const r = evaluate({ overdue: 1, complaint: 5, item_fake: 2 }, model);
    expect(r.total).toBe(80); // 100 − 10 − 10 (capped)
    expect(r.grade).toBe('average');
    expect(r.unknownRules).toEqual(['item_fake']);
  });

  it('refuses a model whose weights do not sum to 100, duplicate codes or unordered thresholds', () => {
    const bad = {
      indicators: [
        { key: 'a', label: '甲', weight: 50, rules: [{ key: 'x', label: '扣', points: 1 }] },
        { key: 'b', label: '乙', weight: 40, rules: [{ key: 'x', label: '扣', points: 1 }] },
      ],
      thresholds: { good: 80, fairlyGood: 90, average: 60 },
    };
    const messages = evaluationModelInput.safeParse(bad).error?.issues.map((i) => i.message);
    expect(messages).toEqual(['等次分数线应依次降低：好 > 较好 > 一般', '各指标分值之和应为 100 分，现为 90 分', '编码“x”重复']);
    expect(evaluationCountsInput.safeParse({ x: -1 }).error?.issues[0]?.message).toBe('扣分次数不能为负');
  });

  it('satisfaction shortfall is whole percentage points below 90%', () => {
    expect(satisfactionShortfall(null)).toBe(0);
    expect(satisfactionShortfall(0.95)).toBe(0);
    expect(satisfactionShortfall(0.9)).toBe(0);
    expect(satisfactionShortfall(0.89)).toBe(1);
    expect(satisfactionShortfall(0.855)).toBe(4);
    expect(satisfactionShortfall(0.5)).toBe(40);
  });
});

describe('what the records suggest', () => {
  const facts: EvaluationFacts = {
    asOf: '2026-12-01',
    itemsOpenOverdue: 2,
    itemsClosedLate: 1,
    itemsReturned: 3,
    itemsFake: 0,
    itemsUnnamed: 1,
    transfersOverdue: 2,
    planAccepted: false,
    reportFlag: 'submitted_late',
    satisfactionRate: 0.855,
    itemsRatedUnsatisfied: 1,
  };

  it('counts the rules the data can tell, with the reason beside each', () => {
    const s = suggestEvaluationCounts(facts);
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.count]))).toEqual({
      plan_late: 1,
      no_named_responsible: 1,
      item_overdue: 3,
      item_fake: 0,
      item_returned: 3,
      lead_overdue: 2,
      report_late: 1,
      satisfaction_shortfall: 4, // 85.5% is 4.5 points below 90%: whole points only
      item_rated_unsatisfied: 1,
    });
    expect(s.item_overdue?.basis).toBe('截至2026-12-01逾期未完成 2 项，逾期后完成 1 项');
    expect(s.report_late?.basis).toBe('整改情况报告逾期报送');
    expect(s.satisfaction_shortfall?.basis).toBe('群众满意率 85.5%');
    // rules the office decides are not suggested
    expect(s.no_special_meeting).toBeUndefined();
  });

  it('a report on time, an accepted plan and no ratings deduct nothing', () => {
    const s = suggestEvaluationCounts({ ...facts, planAccepted: true, reportFlag: 'submitted', satisfactionRate: null });
    expect([s.plan_late?.count, s.report_late?.count, s.satisfaction_shortfall?.count]).toEqual([0, 0, 0]);
    expect(s.satisfaction_shortfall?.basis).toBe('尚无群众评议');
    expect(suggestEvaluationCounts({ ...facts, reportFlag: 'overdue' }).report_late?.count).toBe(1);
    expect(suggestEvaluationCounts({ ...facts, reportFlag: null }).report_late?.count).toBe(0);
  });

  it('suggests only for rules the office model has', () => {
    const model: EvaluationModel = {
      indicators: [{ key: 'tasks', label: '任务落实', weight: 100, rules: [{ key: 'item_overdue', label: '逾期', points: 10, maxPoints: null }] }],
      thresholds: { good: 90, fairlyGood: 80, average: 60 },
    };
    expect(Object.keys(suggestEvaluationCounts(facts, model))).toEqual(['item_overdue']);
  });

  it('the save form: Chinese messages, notes and conclusion default empty', () => {
    expect(evaluationSaveInput.parse({ asOf: '2026-12-01', counts: { item_overdue: 2 }, version: 0 })).toEqual({ asOf: '2026-12-01', counts: { item_overdue: 2 }, notes: {}, conclusion: '', version: 0 });
    const bad = evaluationSaveInput.safeParse({ asOf: '12/01', counts: { item_overdue: 1.5 }, version: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['评估截止日期格式应为 YYYY-MM-DD', '扣分次数应为整数']);
  });
});
