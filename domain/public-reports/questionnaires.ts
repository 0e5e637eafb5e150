/**
 * Questionnaires the public answers by QR code (扫码问卷): 民主测评 on entry, satisfaction surveys, and
 * the inspected unit's anonymous evaluation of the team (文安县 "双码运行、反向测评"; 隆德县 a code per
 * inspected object). A definition is sections of questions — single choice, multiple choice (min/max),
 * rating (1–5 or 1–10), free text (max length) — each required or optional.
 *
 * Replay protection: in the open mode one answer per device token (the page keeps a random token in
 * local storage; the server stores only its peppered hash per questionnaire); for a controlled sample
 * the office prints one-time access codes (codes.ts alphabet, stored hashed) and each code answers
 * once — whatever the device, since one phone at the village office may serve many people.
 *
 * Results are pure aggregations per question: counts, percentages, the mean of ratings, the texts.
 */
import { z } from 'zod';
import type { FieldIssue } from '../shared/errors';
import { parseCode, type CodeParseResult } from './codes';

export const QUESTIONNAIRE_KINDS = {
  democratic_evaluation: '民主测评',
  satisfaction: '满意度调查',
  team_evaluation: '被巡察单位评价巡察组',
} as const;
export type QuestionnaireKind = keyof typeof QUESTIONNAIRE_KINDS;
export const QUESTIONNAIRE_KIND_LIST = Object.keys(QUESTIONNAIRE_KINDS) as QuestionnaireKind[];

export const QUESTION_TYPES = { single: '单选', multiple: '多选', rating: '评分', text: '填空' } as const;
export type QuestionType = keyof typeof QUESTION_TYPES;

export const ACCESS_MODES = { open: '扫码作答（每台设备限答一次）', code: '凭一次性验证码作答（抽样）' } as const;
export type AccessMode = keyof typeof ACCESS_MODES;

const LIMITS = { options: 20, questions: 200, sections: 20, text: 2000 } as const;

const idField = z.string({ message: '缺少编号' }).regex(/^[A-Za-z0-9_-]{1,40}$/, '编号只能使用字母、数字、下划线和短横线，不超过 40 个字符');
const label = (what: string, max: number) => z.string({ message: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}不超过 ${max} 字`);

const optionSchema = z.object({ id: idField, label: label('选项内容', 100) });
const base = {
  id: idField,
  text: label('题目', 300),
  required: z.boolean().default(true),
  help: z.string().trim().max(300, '题目说明不超过 300 字').default(''),
};
const options = z.array(optionSchema).min(2, '每道选择题至少 2 个选项').max(LIMITS.options, `每道选择题不超过 ${LIMITS.options} 个选项`);

export const questionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ ...base, type: z.literal('single'), options }),
    z.object({ ...base, type: z.literal('multiple'), options, min: z.number().int().min(0).default(0), max: z.number().int().min(1, '最多可选项数至少为 1').optional() }),
    z.object({
      ...base,
      type: z.literal('rating'),
      scale: z.union([z.literal(5), z.literal(10)], { message: '评分只能是 1–5 分或 1–10 分' }),
      lowLabel: z.string().trim().max(20, '评分两端说明不超过 20 字').default('很不满意'),
      highLabel: z.string().trim().max(20, '评分两端说明不超过 20 字').default('很满意'),
    }),
    z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(LIMITS.text, `填空题字数上限不超过 ${LIMITS.text}`).default(500) }),
  ],
  { message: '题型只能是单选、多选、评分或填空' },
);
export type QuestionInput = z.input<typeof questionSchema>;
export type Question = z.output<typeof questionSchema>;

const sectionSchema = z.object({
  id: idField,
  title: label('分组标题', 100),
  description: z.string().trim().max(500, '分组说明不超过 500 字').default(''),
  questions: z.array(questionSchema).min(1, '每个分组至少 1 道题'),
});

export const questionnaireDefinition = z
  .object({
    kind: z.enum(QUESTIONNAIRE_KIND_LIST as [QuestionnaireKind, ...QuestionnaireKind[]], { message: '请选择问卷类型' }),
    title: label('问卷标题', 100),
    intro: z.string().trim().max(1000, '问卷说明不超过 1000 字').default(''),
    sections: z.array(sectionSchema).min(1, '问卷至少要有 1 个分组').max(LIMITS.sections, `分组不超过 ${LIMITS.sections} 个`),
  })
  .superRefine((d, ctx) => {
    const sectionIds = new Set<string>();
    const questionIds = new Set<string>();
    let count = 0;
    d.sections.forEach((s, si) => {
      if (sectionIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: `分组编号“${s.id}”重复` });
      sectionIds.add(s.id);
      s.questions.forEach((q, qi) => {
        count++;
        const path = ['sections', si, 'questions', qi];
        if (questionIds.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `题目编号“${q.id}”重复` });
        questionIds.add(q.id);
        if (q.type === 'single' || q.type === 'multiple') {
          const ids = q.options.map((o) => o.id);
          const labels = q.options.map((o) => o.label);
          if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `“${q.text}”的选项编号重复` });
          if (new Set(labels).size !== labels.length) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `“${q.text}”有重复的选项` });
        }
        if (q.type === 'multiple') {
          const max = q.max ?? q.options.length;
          if (max > q.options.length) ctx.addIssue({ code: 'custom', path: [...path, 'max'], message: `“${q.text}”最多可选 ${max} 项，但只有 ${q.options.length} 个选项` });
          if (q.min > max) ctx.addIssue({ code: 'custom', path: [...path, 'min'], message: `“${q.text}”至少选择的项数不能大于最多可选的项数` });
          if (q.required && q.min === 0) ctx.addIssue({ code: 'custom', path: [...path, 'min'], message: `“${q.text}”是必答题，至少应选 1 项` });
        }
      });
    });
    if (count > LIMITS.questions) ctx.addIssue({ code: 'custom', path: ['sections'], message: `题目总数不超过 ${LIMITS.questions} 道` });
  });
export type QuestionnaireDefinitionInput = z.input<typeof questionnaireDefinition>;
export type QuestionnaireDefinition = z.output<typeof questionnaireDefinition>;

export const questionsOf = (d: QuestionnaireDefinition): Question[] => d.sections.flatMap((s) => s.questions);

/** The largest number of options a multiple-choice question may take. */
const maxOf = (q: Extract<Question, { type: 'multiple' }>) => q.max ?? q.options.length;

// — answers —

export type Answer = string | string[] | number;
export type AnswerSet = Record<string, Answer>;

export type AnswerCheck = { ok: true; answers: AnswerSet } | { ok: false; issues: FieldIssue[] };

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Check an answer set against the definition: every required question answered, choices among the
 * options, counts within min/max, ratings in the scale, texts within their length. Returns every issue
 * at once (path = question id), or the cleaned answers (blank optional answers left out).
 */
export function checkAnswers(d: QuestionnaireDefinition, raw: Record<string, unknown>): AnswerCheck {
  const issues: FieldIssue[] = [];
  const out: AnswerSet = {};
  const known = new Set<string>();
  for (const q of questionsOf(d)) {
    known.add(q.id);
    const v = raw[q.id];
    const issue = (message: string) => issues.push({ path: q.id, message: `“${q.text}”${message}` });
    if (isBlank(v)) {
      if (q.required) issue(q.type === 'text' ? '为必填题，请填写' : '为必答题，请作答');
      continue;
    }
    switch (q.type) {
      case 'single': {
        if (typeof v !== 'string' || !q.options.some((o) => o.id === v)) issue('的答案不是本题的选项');
        else out[q.id] = v;
        break;
      }
      case 'multiple': {
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
          issue('的答案格式不正确');
          break;
        }
        const chosen = [...new Set(v as string[])];
        if (chosen.some((x) => !q.options.some((o) => o.id === x))) issue('的答案含有不是本题的选项');
        else if (chosen.length < q.min) issue(`至少选择 ${q.min} 项`);
        else if (chosen.length > maxOf(q)) issue(`最多选择 ${maxOf(q)} 项`);
        // stored in the definition's order, so equal answers look equal
        else out[q.id] = q.options.map((o) => o.id).filter((id) => chosen.includes(id));
        break;
      }
      case 'rating': {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > q.scale) issue(`的评分应为 1 到 ${q.scale} 的整数`);
        else out[q.id] = v;
        break;
      }
      case 'text': {
        if (typeof v !== 'string') {
          issue('的答案格式不正确');
          break;
        }
        const t = v.replace(/\r\n?/g, '\n').trim();
        if ([...t].length > q.maxLength) issue(`不超过 ${q.maxLength} 字`);
        else out[q.id] = t;
        break;
      }
    }
  }
  for (const k of Object.keys(raw)) if (!known.has(k)) issues.push({ path: k, message: '问卷中没有这道题，请刷新页面后重新作答' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: out };
}

// — replay protection —

export type AccessCodeState = 'unknown' | 'unused' | 'used' | 'revoked';

export interface AnswerGateFacts {
  mode: AccessMode;
  /** the questionnaire's answering window ('YYYY-MM-DD', inclusive) and today */
  opensOn: string;
  closesOn: string;
  today: string;
  published: boolean;
  /** open mode: whether the page sent a device token, and whether its hash already answered */
  deviceToken: boolean;
  deviceAlreadyAnswered: boolean;
  /** code mode: the state of the code typed (null when none was typed) */
  accessCode: AccessCodeState | null;
}

/** Why an answer may not be accepted now, or null. The server records the device or code in the same transaction. */
export function answerRefusal(f: AnswerGateFacts): string | null {
  if (!f.published) return '该问卷尚未发布或已停用';
  if (f.today < f.opensOn) return `该问卷自 ${f.opensOn} 起开始作答`;
  if (f.today > f.closesOn) return `该问卷已于 ${f.closesOn} 截止，感谢关注`;
  if (f.mode === 'open') {
    if (!f.deviceToken) return '无法识别本设备：请允许浏览器保存网站数据（不要使用无痕模式）后重试';
    if (f.deviceAlreadyAnswered) return '本设备已提交过这份问卷，每台设备只能作答一次，感谢参与';
    return null;
  }
  switch (f.accessCode) {
    case null:
      return '请输入纸质问卷上的验证码';
    case 'unknown':
      return '验证码不正确，请核对后重新输入';
    case 'used':
      return '该验证码已经使用过，每个验证码只能作答一次';
    case 'revoked':
      return '该验证码已作废';
    case 'unused':
      return null;
  }
}

/** Read an access code typed from paper (same alphabet and check as every other code). */
export const parseAccessCode = (input: string): CodeParseResult => parseCode('access', input);

// — results —

export interface OptionCount {
  id: string;
  label: string;
  count: number;
  /** share of the respondents to this question, one decimal; null when nobody answered */
  percent: number | null;
}

export type QuestionResult =
  | { type: 'single' | 'multiple'; id: string; text: string; responses: number; skipped: number; options: OptionCount[] }
  | { type: 'rating'; id: string; text: string; responses: number; skipped: number; scale: 5 | 10; mean: number | null; distribution: OptionCount[] }
  | { type: 'text'; id: string; text: string; responses: number; skipped: number; texts: string[] };

const percent = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1000) / 10);

/** Results per question over accepted answer sets (already checked). */
export function aggregateAnswers(d: QuestionnaireDefinition, sets: readonly AnswerSet[]): { respondents: number; questions: QuestionResult[] } {
  const questions = questionsOf(d).map((q): QuestionResult => {
    const values = sets.map((s) => s[q.id]).filter((v): v is Answer => v !== undefined);
    const responses = values.length;
    const skipped = sets.length - responses;
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const counts = new Map(q.options.map((o) => [o.id, 0]));
        for (const v of values) for (const id of Array.isArray(v) ? v : [v as string]) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
        return { type: q.type, id: q.id, text: q.text, responses, skipped, options: q.options.map((o) => ({ id: o.id, label: o.label, count: counts.get(o.id)!, percent: percent(counts.get(o.id)!, responses) })) };
      }
      case 'rating': {
        const nums = values.filter((v): v is number => typeof v === 'number');
        const mean = nums.length === 0 ? null : Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100;
        const distribution = Array.from({ length: q.scale }, (_, i) => {
          const count = nums.filter((n) => n === i + 1).length;
          return { id: String(i + 1), label: `${i + 1} 分`, count, percent: percent(count, nums.length) };
        });
        return { type: 'rating', id: q.id, text: q.text, responses, skipped, scale: q.scale, mean, distribution };
      }
      case 'text':
        return { type: 'text', id: q.id, text: q.text, responses, skipped, texts: values.filter((v): v is string => typeof v === 'string' && v !== '') };
    }
  });
  return { respondents: sets.length, questions };
}

/** Share (%) of the answers to a single-choice question that chose one of `favourable` (e.g. 好 and 较好). */
export function favourableRate(result: QuestionResult, favourable: readonly string[]): number | null {
  if (result.type !== 'single') return null;
  const n = result.options.filter((o) => favourable.includes(o.id)).reduce((a, o) => a + o.count, 0);
  return percent(n, result.responses);
}
