/**
 * A finding (问题): one working paper per problem (一事一底稿). Its shape, the lists it draws from
 * (三大问题, sources, kinds of supporting material) and the checks of its content that need no
 * database: the web form and the server validate with the same schemas.
 */
import { z } from 'zod';
import { isIsoDate, isoDateField } from '../shared/calendar';

/** The "三大问题" every finding is counted under. */
export const FINDING_CATEGORIES = {
  leadership: '党的领导弱化',
  party_building: '党的建设缺失',
  strict_governance: '全面从严治党不力',
} as const;
export type FindingCategory = keyof typeof FINDING_CATEGORIES;
export const FINDING_CATEGORY_LIST = Object.keys(FINDING_CATEGORIES) as FindingCategory[];

/** Where the team came upon the problem. */
export const FINDING_SOURCES = {
  talk: '个别谈话',
  record_review: '查阅资料',
  petition: '来信来访',
  household_visit: '走访农户',
  site_survey: '实地勘察',
  data_comparison: '数据比对',
} as const;
export type FindingSource = keyof typeof FINDING_SOURCES;
export const FINDING_SOURCE_LIST = Object.keys(FINDING_SOURCES) as FindingSource[];

/** Kinds of supporting material listed in a working paper. */
export const MATERIAL_KINDS = {
  document: '文件资料',
  talk_record: '谈话笔录',
  account: '账目凭证',
  photo: '照片影像',
  statement: '情况说明',
  other: '其他',
} as const;
export type MaterialKind = keyof typeof MATERIAL_KINDS;
export const MATERIAL_KIND_LIST = Object.keys(MATERIAL_KINDS) as MaterialKind[];

const uuid = (message: string) => z.string().uuid(message);

/** A person held responsible: a cadre of the village picked from the registry, or entered by hand. */
export const responsibleInput = z.object({
  cadreId: uuid('干部编号无效').nullable().optional(),
  name: z.string().trim().max(40, '姓名不超过 40 字').default(''),
  position: z.string().trim().max(60, '职务不超过 60 字').default(''),
}).refine((p) => Boolean(p.cadreId) || p.name.length > 0, { message: '请选择干部或填写姓名', path: ['name'] });
export type ResponsibleInput = z.output<typeof responsibleInput>;

/** Money in 元: not negative, at most two decimals; '' or null is "none". */
export const amountField = z
  .union([z.number(), z.string().trim()])
  .nullable()
  .optional()
  .transform((v, ctx): string | null => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: '涉及金额应为数字（元）' });
      return z.NEVER;
    }
    if (n < 0) {
      ctx.addIssue({ code: 'custom', message: '涉及金额不能为负数' });
      return z.NEVER;
    }
    if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) {
      ctx.addIssue({ code: 'custom', message: '涉及金额最多保留两位小数（元，精确到分）' });
      return z.NEVER;
    }
    if (n >= 1e15) {
      ctx.addIssue({ code: 'custom', message: '涉及金额过大' });
      return z.NEVER;
    }
    return n.toFixed(2);
  });

const optionalDate = z
  .string()
  .trim()
  .nullable()
  .optional()
  .transform((v, ctx): string | null => {
    if (!v) return null;
    if (!isIsoDate(v)) {
      ctx.addIssue({ code: 'custom', message: '日期应为有效的 YYYY-MM-DD 格式' });
      return z.NEVER;
    }
    return v;
  });

/** The content of a working paper: what create and update both carry. */
export const findingFields = z.object({
  checklistItemId: uuid('监督清单事项无效').nullable().optional().transform((v) => v ?? null),
  category: z.enum(FINDING_CATEGORY_LIST as [FindingCategory, ...FindingCategory[]], { message: '请选择问题类别（三大问题）' }),
  aspect: z.string().trim().max(60, '清单方面不超过 60 字').default(''),
  title: z.string().trim().min(1, '请填写问题名称').max(100, '问题名称不超过 100 字'),
  description: z.string().trim().min(1, '请填写问题描述').max(10000, '问题描述不超过 10000 字'),
  amount: amountField,
  responsible: z.array(responsibleInput).max(30, '责任人不超过 30 人').default([]),
  source: z.enum(FINDING_SOURCE_LIST as [FindingSource, ...FindingSource[]], { message: '请选择问题来源' }),
  foundOn: isoDateField,
  place: z.string().trim().max(200, '发现地点不超过 200 字').default(''),
  immediate: z.boolean().default(false),
  immediateNoticeNo: z.string().trim().max(60, '通知书文号不超过 60 字').nullable().optional().transform((v) => v || null),
  immediateFix: z.string().trim().max(5000, '整改情况不超过 5000 字').default(''),
  immediateFixedOn: optionalDate,
});
export type FindingFields = z.output<typeof findingFields>;

/** A new finding: on a village inspection, or (town-level problems) on a town target of the round. */
export const findingCreateInput = findingFields.extend({
  inspectionId: uuid('村级巡察无效').nullable().optional().transform((v) => v ?? null),
  targetId: uuid('巡察对象无效').nullable().optional().transform((v) => v ?? null),
});
export type FindingCreateInput = z.output<typeof findingCreateInput>;

export const findingUpdateInput = findingFields.extend({
  /** the version the editor started from; another save in between is a conflict */
  version: z.number().int().min(1),
});
export type FindingUpdateInput = z.output<typeof findingUpdateInput>;

export const materialInput = z.object({
  title: z.string().trim().min(1, '请填写材料名称').max(100, '材料名称不超过 100 字'),
  kind: z.enum(MATERIAL_KIND_LIST as [MaterialKind, ...MaterialKind[]], { message: '请选择材料类别' }).default('other'),
  description: z.string().trim().max(2000, '材料说明不超过 2000 字').default(''),
});
export type MaterialInput = z.output<typeof materialInput>;

/**
 * What is wrong with the content beyond the field shapes, given today in China: dates not in the
 * future, and a 立行立改 item with its notice number and a complete record of the fix.
 * Each problem names its field (`path` without `body.`).
 */
export function findingContentProblems(f: FindingFields, today: string): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (f.foundOn > today) out.push({ path: 'foundOn', message: `发现日期（${f.foundOn}）不能晚于今天` });
  if (f.immediate) {
    if (!f.immediateNoticeNo) out.push({ path: 'immediateNoticeNo', message: '立行立改事项须填写立行立改通知书文号' });
    if (f.immediateFixedOn) {
      if (f.immediateFixedOn > today) out.push({ path: 'immediateFixedOn', message: `整改完成日期（${f.immediateFixedOn}）不能晚于今天` });
      if (f.immediateFixedOn < f.foundOn) out.push({ path: 'immediateFixedOn', message: '整改完成日期不能早于发现日期' });
      if (!f.immediateFix) out.push({ path: 'immediateFix', message: '已填写整改完成日期，请同时填写整改情况' });
    } else if (f.immediateFix) {
      out.push({ path: 'immediateFixedOn', message: '已填写整改情况，请同时填写整改完成日期' });
    }
  }
  return out;
}

/** The fields of 立行立改 kept only when the item is flagged. */
export function normaliseImmediate<T extends FindingFields>(f: T): T {
  return f.immediate ? f : { ...f, immediateNoticeNo: null, immediateFix: '', immediateFixedOn: null };
}

/** 2026 第2轮 finding 7 → "2026-2-007" style number shown on papers: 第007号. */
export const findingNumberLabel = (n: number) => `第${String(n).padStart(3, '0')}号`;

/** What a client sends to create a finding (before parsing: amounts may be text). */
export type FindingCreateBody = z.input<typeof findingCreateInput>;
