import { describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_MODEL, evaluate, evaluationCountsInput, evaluationModelInput, gradeOf, satisfactionShortfall, type EvaluationGrade, type EvaluationModel } from './evaluation';

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
