/**
 * 整改成效评估: a 100-point deduction model per town (DOMAIN.md "评估/回头看"; research/cn_platforms.md
 * §5.2). The default is 扶风县's shape — four indicators weighted 15/15/60/10: 组织领导, 责任落实,
 * 整改任务完成 (including 移交线索 handling and "双公开"), 群众满意 — with deduction rules as data.
 * The rule wording and points below are ours, built from the items the research names (plan, 销号
 * of the lists, the 台账, report filing and publication); the office edits them.
 *
 * Scoring: each rule deducts `points` per occurrence, capped at the rule's `maxPoints` when set; an
 * indicator never loses more than its weight (its score stays ≥ 0). Total = sum of indicator scores.
 * Grades 好/较好/一般/差 by thresholds, default ≥ 90 好, ≥ 80 较好, ≥ 60 一般, else 差: the research
 * names the grades but no cut-offs, so these are the usual bands of a 百分制 assessment, editable.
 * 一般 or 差 means a second rectification (二次整改, 镇安县), and 差 puts the unit on the 回头看 list.
 */
import { z } from 'zod';

/** An object input; a body that is not an object at all gets a Chinese message too. */
const form = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { message: '提交的内容格式不正确' });

export const EVALUATION_GRADES = { good: '好', fairly_good: '较好', average: '一般', poor: '差' } as const;
export type EvaluationGrade = keyof typeof EVALUATION_GRADES;
export const EVALUATION_GRADE_LIST = Object.keys(EVALUATION_GRADES) as EvaluationGrade[];

const key = z
  .string({ message: '请填写编码' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '编码应为小写字母开头的字母、数字或下划线，不超过 40 位');
const points = (what: string) => z.number({ message: `${what}应为数字` }).positive(`${what}应大于 0`).max(100, `${what}不能超过 100 分`);

export const deductionRuleInput = form({
  key,
  label: z.string({ message: '请填写扣分项' }).trim().min(1, '请填写扣分项').max(200, '扣分项不超过 200 字'),
  /** deducted per occurrence */
  points: points('每次扣分'),
  /** cap for this rule; none means only the indicator's weight caps it */
  maxPoints: points('扣分上限').nullable().default(null),
});
export type DeductionRule = z.output<typeof deductionRuleInput>;

export const indicatorInput = form({
  key,
  label: z.string({ message: '请填写指标名称' }).trim().min(1, '请填写指标名称').max(40, '指标名称不超过 40 字'),
  weight: z.number({ message: '分值应为数字' }).positive('分值应大于 0').max(100, '分值不能超过 100'),
  rules: z.array(deductionRuleInput, { message: '请填写扣分规则' }).min(1, '每个指标至少有一项扣分规则').max(50, '扣分规则不超过 50 项'),
});
export type Indicator = z.output<typeof indicatorInput>;

const line = (grade: string) => z.number({ message: `请填写${grade}的分数线` }).min(0, `${grade}的分数线应在 0 到 100 之间`).max(100, `${grade}的分数线应在 0 到 100 之间`);
export const gradeThresholdsInput = form({
  good: line('“好”'),
  fairlyGood: line('“较好”'),
  average: line('“一般”'),
}).refine((t) => t.good > t.fairlyGood && t.fairlyGood > t.average, { message: '等次分数线应依次降低：好 > 较好 > 一般' });
export type GradeThresholds = z.output<typeof gradeThresholdsInput>;

export const evaluationModelInput = form({
  indicators: z.array(indicatorInput, { message: '请填写评估指标' }).min(1, '至少一个评估指标').max(20, '评估指标不超过 20 个'),
  thresholds: gradeThresholdsInput,
}).superRefine((m, ctx) => {
  const total = m.indicators.reduce((s, i) => s + i.weight, 0);
  if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `各指标分值之和应为 100 分，现为 ${total} 分` });
  const keys = m.indicators.flatMap((i) => [i.key, ...i.rules.map((r) => r.key)]);
  const dup = keys.find((k, idx) => keys.indexOf(k) !== idx);
  if (dup) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `编码“${dup}”重复` });
});
export type EvaluationModel = z.output<typeof evaluationModelInput>;

const rule = (k: string, label: string, pts: number, max: number | null = null): DeductionRule => ({ key: k, label, points: pts, maxPoints: max });

export const DEFAULT_EVALUATION_MODEL: EvaluationModel = {
  indicators: [
    {
      key: 'leadership',
      label: '组织领导',
      weight: 15,
      rules: [
        rule('no_special_meeting', '未及时召开专题会议研究部署整改工作', 5),
        rule('no_democratic_life_meeting', '未召开整改专题民主生活会（组织生活会）', 5),
        rule('head_not_leading', '主要负责人未履行第一责任人职责、未亲自研究推动', 5),
      ],
    },
    {
      key: 'responsibility',
      label: '责任落实',
      weight: 15,
      rules: [
        rule('plan_late', '整改方案未按期报送或未通过联审', 5),
        rule('lists_incomplete', '"三清单一台账"不健全（每缺一项）', 2, 8),
        rule('no_named_responsible', '整改事项未明确责任领导、牵头单位或完成时限（每项）', 1, 7),
      ],
    },
    {
      key: 'completion',
      label: '整改任务完成',
      weight: 60,
      rules: [
        rule('item_overdue', '整改事项逾期未完成（每项）', 3),
        rule('item_fake', '虚假整改、敷衍整改、纸面整改（每项）', 10),
        rule('item_returned', '整改事项被退回重新整改（每项）', 1, 10),
        rule('lead_overdue', '移交问题线索未按期办结或反馈（每件）', 5),
        rule('report_late', '整改情况报告未按期报送', 5),
        rule('not_disclosed', '整改情况未按规定公开（"双公开"）', 5),
      ],
    },
    {
      key: 'satisfaction',
      label: '群众满意',
      weight: 10,
      rules: [
        rule('satisfaction_shortfall', '群众满意率低于 90%（每低 1 个百分点）', 0.5),
        rule('item_rated_unsatisfied', '整改事项群众评议不满意过半（每项）', 2),
      ],
    },
  ],
  thresholds: { good: 90, fairlyGood: 80, average: 60 },
};

/** Occurrences per rule key (how many times each deduction applies), entered or computed by the server. */
export const evaluationCountsInput = z.record(
  z.string({ message: '扣分项编码无效' }),
  z.number({ message: '扣分次数应为整数' }).int('扣分次数应为整数').min(0, '扣分次数不能为负').max(10000, '扣分次数过大'),
  { message: '请填写各扣分项的次数' },
);
export type EvaluationCounts = z.output<typeof evaluationCountsInput>;

export interface DeductionLine {
  rule: string;
  label: string;
  count: number;
  deducted: number;
}
export interface IndicatorScore {
  key: string;
  label: string;
  weight: number;
  deducted: number;
  score: number;
  lines: DeductionLine[];
}
export interface EvaluationResult {
  indicators: IndicatorScore[];
  total: number;
  grade: EvaluationGrade;
  secondRectification: boolean;
  lookBack: boolean;
  /** counts given for rule keys the model does not have (a stale form), so the caller can refuse */
  unknownRules: string[];
}

/** Rounded to 2 decimals to keep 0.5-point rules exact in sums. */
const round2 = (n: number) => Math.round(n * 100) / 100;

export function gradeOf(total: number, t: GradeThresholds = DEFAULT_EVALUATION_MODEL.thresholds): EvaluationGrade {
  if (total >= t.good) return 'good';
  if (total >= t.fairlyGood) return 'fairly_good';
  if (total >= t.average) return 'average';
  return 'poor';
}

export const needsSecondRectification = (g: EvaluationGrade): boolean => g === 'average' || g === 'poor';

export function evaluate(counts: EvaluationCounts, model: EvaluationModel = DEFAULT_EVALUATION_MODEL): EvaluationResult {
  const known = new Set(model.indicators.flatMap((i) => i.rules.map((r) => r.key)));
  const indicators = model.indicators.map((ind): IndicatorScore => {
    const lines = ind.rules.map((r): DeductionLine => {
      const count = counts[r.key] ?? 0;
      const raw = round2(count * r.points);
      return { rule: r.key, label: r.label, count, deducted: r.maxPoints === null ? raw : Math.min(raw, r.maxPoints) };
    });
    const deducted = Math.min(ind.weight, round2(lines.reduce((s, l) => s + l.deducted, 0)));
    return { key: ind.key, label: ind.label, weight: ind.weight, deducted, score: round2(ind.weight - deducted), lines };
  });
  const total = round2(indicators.reduce((s, i) => s + i.score, 0));
  const grade = gradeOf(total, model.thresholds);
  return {
    indicators,
    total,
    grade,
    secondRectification: needsSecondRectification(grade),
    lookBack: grade === 'poor',
    unknownRules: Object.keys(counts).filter((k) => !known.has(k)).sort(),
  };
}

/** Whole percentage points below the target rate (a part point is not counted) (the count for `satisfaction_shortfall`); 0 when unrated. */
export function satisfactionShortfall(rate: number | null, target = 0.9): number {
  if (rate === null || rate >= target) return 0;
  // round first: (0.9 - 0.89) * 100 is 1.0000000000000009 in floating point
  return Math.floor(round2((target - rate) * 100) + 1e-9);
}

/* ---------------------------------------------------------------- what the records suggest */

/** What the records of a round and town say, as of a date, for the rules the data can count. */
export interface EvaluationFacts {
  asOf: string;
  /** items due and not closed by asOf */
  itemsOpenOverdue: number;
  /** items closed after their deadline */
  itemsClosedLate: number;
  /** items ever sent back (退回整改) */
  itemsReturned: number;
  /** items with a 约谈/问责 for fake rectification */
  itemsFake: number;
  /** items without a responsible leader, a lead unit, or (except 长期坚持) a deadline */
  itemsUnnamed: number;
  /** transfer items open past their due date, or completed after it */
  transfersOverdue: number;
  /** the plan's joint review passed by asOf */
  planAccepted: boolean;
  /** the report's clock (plan.ts reportDeadline flag), null before feedback */
  reportFlag: 'ok' | 'due_soon' | 'overdue' | 'submitted' | 'submitted_late' | null;
  satisfactionRate: number | null;
  /** items whose raters are unsatisfied by a majority */
  itemsRatedUnsatisfied: number;
}

export interface SuggestedCount {
  count: number;
  /** why, in a sentence the office reads beside the count */
  basis: string;
}

const pct = (r: number) => `${(Math.round(r * 1000) / 10).toFixed(1)}%`;

/**
 * Counts for the default model's rules the records can tell (the rest — meetings, the lists, the
 * 双公开 — are the office's to enter). Only keys the given model has are returned, so an office model
 * that renamed or dropped a rule gets no stale suggestion.
 */
export function suggestEvaluationCounts(f: EvaluationFacts, model: EvaluationModel = DEFAULT_EVALUATION_MODEL): Record<string, SuggestedCount> {
  const all: Record<string, SuggestedCount> = {
    plan_late: { count: f.planAccepted ? 0 : 1, basis: f.planAccepted ? '整改方案已通过联审' : `截至${f.asOf}整改方案未通过联审` },
    no_named_responsible: { count: f.itemsUnnamed, basis: `${f.itemsUnnamed} 项整改事项未明确责任领导、牵头单位或完成时限` },
    item_overdue: {
      count: f.itemsOpenOverdue + f.itemsClosedLate,
      basis: `截至${f.asOf}逾期未完成 ${f.itemsOpenOverdue} 项，逾期后完成 ${f.itemsClosedLate} 项`,
    },
    item_fake: { count: f.itemsFake, basis: `因虚假整改被约谈或问责的事项 ${f.itemsFake} 项` },
    item_returned: { count: f.itemsReturned, basis: `被退回重新整改的事项 ${f.itemsReturned} 项` },
    lead_overdue: { count: f.transfersOverdue, basis: `移交事项逾期未办结或逾期办结 ${f.transfersOverdue} 件` },
    report_late: {
      count: f.reportFlag === 'overdue' || f.reportFlag === 'submitted_late' ? 1 : 0,
      basis:
        f.reportFlag === null
          ? '尚未反馈，整改情况报告未到期'
          : f.reportFlag === 'overdue'
            ? '整改情况报告逾期未报送'
            : f.reportFlag === 'submitted_late'
              ? '整改情况报告逾期报送'
              : f.reportFlag === 'submitted'
                ? '整改情况报告按期报送'
                : '整改情况报告尚未到期',
    },
    satisfaction_shortfall: {
      count: satisfactionShortfall(f.satisfactionRate),
      basis: f.satisfactionRate === null ? '尚无群众评议' : `群众满意率 ${pct(f.satisfactionRate)}`,
    },
    item_rated_unsatisfied: { count: f.itemsRatedUnsatisfied, basis: `群众评议不满意过半的事项 ${f.itemsRatedUnsatisfied} 项` },
  };
  const known = new Set(model.indicators.flatMap((i) => i.rules.map((r) => r.key)));
  return Object.fromEntries(Object.entries(all).filter(([k]) => known.has(k)));
}

export const EVALUATION_STATUSES = { draft: '草稿', confirmed: '已确认' } as const;
export type EvaluationStatus = keyof typeof EVALUATION_STATUSES;

/** What the office saves for a round and town: counts per rule, a note per rule, the conclusion. */
export const evaluationSaveInput = form({
  asOf: z.string({ message: '请填写评估截止日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '评估截止日期格式应为 YYYY-MM-DD'),
  counts: evaluationCountsInput,
  notes: z.record(z.string({ message: '扣分项编码无效' }), z.string({ message: '说明应为文字' }).trim().max(500, '每项说明不超过 500 字'), { message: '说明格式不正确' }).default({}),
  conclusion: z.string({ message: '评估结论应为文字' }).trim().max(5000, '评估结论不超过 5000 字').default(''),
  /** the version the form was opened on (0 for a new evaluation), to refuse overwriting another's change */
  version: z.number({ message: '版本号应为整数' }).int('版本号应为整数').min(0, '版本号无效'),
});
export type EvaluationSaveInput = z.output<typeof evaluationSaveInput>;
