import { z } from 'zod';
import { parseIdNumber } from '../shared/id-number';
import { idNumberField, optionalIdNumberField } from '../shared/zod-identifiers';

/** Canonical positions of village cadres (村"两委" and the supervision committee). */
export const CADRE_POSITIONS = [
  '书记',
  '副书记',
  '主任',
  '副主任',
  '委员',
  '村务监督委员会主任',
  '村务监督委员会委员',
  '报账员',
  '其他',
] as const;
export type CadrePosition = (typeof CADRE_POSITIONS)[number];

const POSITION_SYNONYMS: [RegExp, CadrePosition[]][] = [
  [/一肩挑/, ['书记', '主任']],
  [/(监委会|监督委员会|村监委|监委).*主任/, ['村务监督委员会主任']],
  [/(监委会|监督委员会|村监委|监委).*(委员|成员)/, ['村务监督委员会委员']],
  [/副书记/, ['副书记']],
  [/书记/, ['书记']],
  [/副主任/, ['副主任']],
  [/主任/, ['主任']],
  [/委员|支委|两委成员/, ['委员']],
  [/报账员|会计|出纳/, ['报账员']],
  [/其他|文书|专干|妇联|团支部|网格员/, ['其他']],
];

/** Parses a free-text position cell ("党支部书记、村委会主任", "一肩挑", "支委/会计") into canonical positions. */
export function parsePositions(text: string): { positions: CadrePosition[]; unknown: string[] } {
  const parts = text
    .split(/[、，,;；/\\\s]+|兼/)
    .map((p) => p.trim())
    .filter(Boolean);
  const positions = new Set<CadrePosition>();
  const unknown: string[] = [];
  for (const part of parts) {
    const hit = POSITION_SYNONYMS.find(([re]) => re.test(part));
    if (hit) hit[1].forEach((p) => positions.add(p));
    else unknown.push(part);
  }
  return { positions: CADRE_POSITIONS.filter((p) => positions.has(p)), unknown };
}

/** 一肩挑: the Party secretary is also the committee director. */
export const isOneShoulder = (positions: readonly string[]) => positions.includes('书记') && positions.includes('主任');

export const RELATIONS = ['配偶', '父亲', '母亲', '儿子', '女儿', '兄弟', '姐妹', '儿媳', '女婿', '配偶父母', '配偶兄弟姐妹', '其他'] as const;

export function normalizeRelation(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  if (/妻|夫|配偶|爱人|老婆|老公/.test(t) && !/父|母|兄|弟|姐|妹/.test(t)) return '配偶';
  if (/岳父|岳母|公公|婆婆|配偶的?(父|母)/.test(t)) return '配偶父母';
  if (/父/.test(t)) return '父亲';
  if (/母/.test(t)) return '母亲';
  if (/儿媳/.test(t)) return '儿媳';
  if (/女婿/.test(t)) return '女婿';
  if (/儿子|长子|次子|子$/.test(t)) return '儿子';
  if (/女儿|长女|次女|女$/.test(t)) return '女儿';
  if (/兄|弟|哥/.test(t)) return '兄弟';
  if (/姐|妹/.test(t)) return '姐妹';
  return RELATIONS.includes(t as (typeof RELATIONS)[number]) ? t : '其他';
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const relativeInput = z.object({
  name: z.string().trim().min(1, '请填写亲属姓名').max(40),
  idNumber: optionalIdNumberField,
  relation: z.string().trim().min(1, '请填写与本人关系').max(20),
});

export const cadreInput = z
  .object({
    name: z.string().trim().min(1, '请填写姓名').max(40),
    gender: z.enum(['男', '女']).nullable().optional(),
    idNumber: idNumberField,
    positions: z.array(z.enum(CADRE_POSITIONS)).min(1, '至少选择一个职务'),
    termStart: isoDate,
    termEnd: isoDate,
    phone: z
      .string()
      .trim()
      .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确')
      .nullable()
      .optional()
      .or(z.literal('').transform(() => null)),
    notes: z.string().max(2000).default(''),
    relatives: z.array(relativeInput).max(50).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.termStart && c.termEnd && c.termEnd < c.termStart) {
      ctx.addIssue({ code: 'custom', path: ['termEnd'], message: '任期届满日期不能早于任职日期' });
    }
    const derived = parseIdNumber(c.idNumber);
    if (derived.ok && c.gender && c.gender !== derived.gender) {
      ctx.addIssue({ code: 'custom', path: ['gender'], message: `性别与身份证号码不符（号码显示为${derived.gender}）` });
    }
  });
export type CadreInput = z.input<typeof cadreInput>;
export type Cadre = z.output<typeof cadreInput>;
