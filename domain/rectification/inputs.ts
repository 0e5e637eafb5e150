/** The inputs of the rectification area: the web form and the server refuse alike, in Chinese. */
import { z } from 'zod';
import { isIsoDate } from '../shared/calendar';
import { exemptionInput } from './disclosure';
import { ITEM_KIND_LIST, RESPONSIBLE_UNIT_KIND_LIST, type ItemKind, type ResponsibleUnitKind } from './item';
import { RATING_ANSWER_LIST, REPRESENTATIVE_CATEGORY_LIST, type RatingAnswer, type RepresentativeCategory } from './rating';

/** An object input; a body that is not an object at all gets a Chinese message too. */
const form = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { message: '提交的内容格式不正确' });

export { exemptionInput };

// every required field says in Chinese what is missing (zod's own messages are English)
const uuid = z.string({ message: '编号格式不正确' }).uuid('编号格式不正确');
const text = (max: number, what: string) => z.string({ message: `${what}应为文字` }).trim().max(max, `${what}不能超过 ${max} 个字`);
const required = (max: number, what: string) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字`);
const reason = (what: string) => z.string({ message: `请写明${what}` }).trim().min(2, `请写明${what}`).max(1000, `${what}不能超过 1000 个字`);
const date = (what: string) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .refine(isIsoDate, '日期应为有效的 YYYY-MM-DD 格式');

export const itemKindField = z.enum(ITEM_KIND_LIST as [ItemKind, ...ItemKind[]], { message: '请选择整改类型（立行立改、限期整改或长期坚持）' });
export const responsibleUnitKindField = z.enum(RESPONSIBLE_UNIT_KIND_LIST as [ResponsibleUnitKind, ...ResponsibleUnitKind[]], {
  message: '请选择责任单位类型（镇党委、村党组织或职能部门）',
});

/** A unit named on an item: an organisation of the system, or only a name (a department without accounts). */
export const unitRefInput = z.object(
  {
    orgId: uuid.nullable().default(null),
    name: required(60, '单位名称'),
  },
  { message: '请填写单位' },
);
export type UnitRef = z.output<typeof unitRefInput>;

const itemFields = {
  kind: itemKindField,
  /** the town Party committee unless a village or department is assigned */
  responsibleUnitKind: responsibleUnitKindField.default('town'),
  responsibleOrgId: uuid.nullable().default(null),
  leadUnit: unitRefInput,
  cooperatingUnits: z
    .array(unitRefInput, { message: '配合单位应为列表' })
    .max(20, '配合单位不能超过 20 个')
    .refine((l) => new Set(l.map((u) => u.name)).size === l.length, '配合单位不能重复')
    .default([]),
  /** 第一责任人 / 责任领导 and the person handling the item (经办人) */
  responsibleLeader: required(40, '责任领导'),
  handler: text(40, '经办人姓名').default(''),
  measures: text(4000, '整改措施').default(''),
  deadline: date('整改期限').nullable().default(null),
  /** the competent department that signs off (主管部门), when it has accounts */
  competentDepartmentOrgId: uuid.nullable().default(null),
};

const noLongTermDeadline = (v: { kind: ItemKind; deadline: string | null }) => !(v.kind === 'long_term' && v.deadline);
const longTermIssue = { message: '长期坚持类整改事项不设最终期限，实行定期报告', path: ['deadline'] };
const unitNotBoth = (v: { leadUnit: UnitRef; cooperatingUnits: UnitRef[] }) => !v.cooperatingUnits.some((u) => u.name === v.leadUnit.name);
const unitIssue = { message: '牵头单位不能同时作为配合单位', path: ['cooperatingUnits'] };
const needsOrg = (v: { responsibleUnitKind: ResponsibleUnitKind; responsibleOrgId: string | null }) => v.responsibleUnitKind === 'town' || v.responsibleOrgId !== null;
const orgIssue = { message: '责任单位为村或职能部门时，请选择具体单位', path: ['responsibleOrgId'] };

export const itemUpdateInput = form({ ...itemFields, version: z.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号应为整数').optional() })
  .refine(noLongTermDeadline, longTermIssue)
  .refine(unitNotBoth, unitIssue)
  .refine(needsOrg, orgIssue);
export type ItemUpdateInput = z.output<typeof itemUpdateInput>;

/** A progress report; evidence files are uploaded first and referenced here. */
export const itemProgressInput = form({
  text: required(4000, '整改进展情况'),
  reportedOn: date('报告日期'),
  evidenceFileIds: z.array(uuid, { message: '佐证材料应为列表' }).max(50, '一次最多附 50 个佐证材料').default([]),
});
export type ItemProgressInput = z.output<typeof itemProgressInput>;

export const itemSubmitInput = form({ note: text(2000, '说明').default('') });
export const itemReturnInput = form({ reason: reason('退回理由') });
export const itemReopenInput = form({ reason: reason('重新打开的理由') });
export const itemExtendInput = form({ deadline: date('新的整改期限'), reason: reason('延期理由') });
export type ItemExtendInput = z.output<typeof itemExtendInput>;

/** A signing party's approval names the evidence version the reviewer saw. */
export const signOffApproveInput = form({
  evidenceVersion: z.number({ message: '材料版本号应为整数' }).int('材料版本号应为整数').min(1, '材料版本号应为整数'),
  comment: text(1000, '审核意见').default(''),
});
export type SignOffApproveInput = z.output<typeof signOffApproveInput>;
export const signOffReturnInput = form({ reason: reason('退回理由') });


/* ---------------------------------------------------------------- plans and reports */

export const planReviewInput = form({
    decision: z.enum(['accepted', 'returned'], { message: '请选择“通过”或“退回修改”' }),
    comment: text(2000, '审核意见').default(''),
  })
  .refine((v) => v.decision === 'accepted' || v.comment.length > 0, { message: '退回须填写审核意见', path: ['comment'] });
export type PlanReviewInput = z.output<typeof planReviewInput>;

/** The 整改情况报告 with the 主要负责人组织落实情况 the 条例 asks for. */
export const rectificationReportInput = form({
  submittedOn: date('报送日期'),
  content: required(50000, '整改情况报告'),
  leaderImplementation: required(20000, '主要负责人组织落实情况'),
  fileId: uuid.nullable().default(null),
});
export type RectificationReportInput = z.output<typeof rectificationReportInput>;


/* ---------------------------------------------------------------- reminders, talks, accountability */

export const INTERVENTION_KINDS = { reminder: '督促提醒', talk: '约谈', accountability: '问责' } as const;
export type InterventionKind = keyof typeof INTERVENTION_KINDS;
export const INTERVENTION_KIND_LIST = Object.keys(INTERVENTION_KINDS) as InterventionKind[];
export const INTERVENTION_GROUNDS = { overdue: '逾期未整改', fake: '虚假整改、敷衍整改', other: '其他' } as const;
export type InterventionGround = keyof typeof INTERVENTION_GROUNDS;
export const INTERVENTION_GROUND_LIST = Object.keys(INTERVENTION_GROUNDS) as InterventionGround[];

export const interventionInput = form({
  kind: z.enum(INTERVENTION_KIND_LIST as [InterventionKind, ...InterventionKind[]], { message: '请选择督促提醒、约谈或问责' }),
  ground: z.enum(INTERVENTION_GROUND_LIST as [InterventionGround, ...InterventionGround[]], { message: '请选择事由（逾期、虚假整改或其他）' }),
  itemIds: z.array(uuid, { message: '请选择相关整改事项' }).min(1, '请选择相关整改事项').max(200, '一次最多关联 200 个整改事项'),
  happenedOn: date('日期'),
  persons: required(500, '约谈或问责对象'),
  content: required(4000, '内容或决定'),
});
export type InterventionInput = z.output<typeof interventionInput>;

/* ---------------------------------------------------------------- mass rating */

export const representativeInput = form({
  name: required(40, '群众代表姓名'),
  category: z.enum(REPRESENTATIVE_CATEGORY_LIST as [RepresentativeCategory, ...RepresentativeCategory[]], {
    message: '请选择代表类别（老党员、致富带头人、普通农民、返乡青年、乡镇企业主）',
  }),
  phone: z
    .string({ message: '手机号码应为 11 位数字' })
    .trim()
    .regex(/^1\d{10}$/, '手机号码应为 11 位数字')
    .nullable()
    .default(null),
});
export type RepresentativeInput = z.output<typeof representativeInput>;

/** What a representative sends from the one-time link: one answer per item, a comment when unsatisfied. */
export const ratingSubmitInput = form({
  answers: z
    .array(
      z
        .object(
          {
            itemId: uuid,
            answer: z.enum(RATING_ANSWER_LIST as [RatingAnswer, ...RatingAnswer[]], { message: '请选择满意、基本满意或不满意' }),
            comment: text(500, '意见').default(''),
          },
          { message: '评议内容无效' },
        )
        .refine((a) => a.answer !== 'unsatisfied' || a.comment.length > 0, { message: '选择“不满意”时请写明意见', path: ['comment'] }),
      { message: '请至少评议一项整改事项' },
    )
    .min(1, '请至少评议一项整改事项')
    .max(500, '评议事项过多')
    .refine((l) => new Set(l.map((a) => a.itemId)).size === l.length, '同一整改事项只能评议一次'),
});
export type RatingSubmitInput = z.output<typeof ratingSubmitInput>;

