/** The inputs of the leads area: the web form and the server refuse alike. */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';
import { isOutcomeMeasure, LEAD_AUTHORITY_LIST, LEAD_DISPOSITION_LIST, OUTCOME_KIND_LIST, type LeadAuthority, type LeadDisposition, type OutcomeKind } from './lead';

const uuid = z.string().uuid('编号格式不正确');
const text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`);

/** A person concerned (被反映人): a cadre from the registry or entered freely. */
export const leadPersonInput = z.object({
  name: z.string().trim().min(1, '请填写被反映人姓名').max(40, '姓名不能超过 40 个字'),
  cadreId: uuid.nullable().optional(),
  position: text(80, '职务').default(''),
});
export type LeadPersonInput = z.output<typeof leadPersonInput>;

const persons = z
  .array(leadPersonInput)
  .max(50, '被反映人不能超过 50 人')
  .refine((list) => new Set(list.map((p) => p.name)).size === list.length, '被反映人姓名不能重复（同名请在姓名后注明区别）');

export const authorityField = z.enum(LEAD_AUTHORITY_LIST as [LeadAuthority, ...LeadAuthority[]], { message: '请选择移交方向（纪委监委、组织部或其他机关）' });

/** The team's content of a lead: what the receiver may not change. */
export const leadContentInput = z.object({
  summary: z.string().trim().min(1, '请填写问题线索摘要').max(4000, '摘要不能超过 4000 个字'),
  evidence: text(8000, '证据材料说明').default(''),
  persons,
  authority: authorityField,
  otherBody: text(100, '其他机关名称').nullable().optional(),
});

/**
 * Creating a lead: from a finding (village, town, summary and persons are copied when not given) or
 * directly on a village inspection or a round target of the team.
 */
export const leadCreateInput = z
  .object({
    findingId: uuid.optional(),
    inspectionId: uuid.optional(),
    targetId: uuid.optional(),
    summary: z.string().trim().max(4000, '摘要不能超过 4000 个字').optional(),
    evidence: text(8000, '证据材料说明').default(''),
    persons: persons.optional(),
    authority: authorityField,
    otherBody: text(100, '其他机关名称').nullable().optional(),
  })
  .refine((v) => Boolean(v.findingId || v.inspectionId || v.targetId), { message: '请选择问题底稿或巡察对象', path: ['inspectionId'] });
export type LeadCreateInput = z.output<typeof leadCreateInput>;

export const leadUpdateInput = leadContentInput.extend({ version: z.number().int().min(1).optional() });
export type LeadUpdateInput = z.output<typeof leadUpdateInput>;

export const leadTransferInput = z.object({
  authority: authorityField,
  receivingOrgId: uuid.nullable().optional(),
  otherBody: text(100, '其他机关名称').nullable().optional(),
  letterNo: z.string().trim().min(1, '请填写移交函文号').max(60, '文号不能超过 60 个字'),
  transferredOn: isoDateField,
});
export type LeadTransferInput = z.output<typeof leadTransferInput>;

export const leadRecallInput = z.object({ reason: z.string().trim().min(2, '请写明撤回原因').max(1000, '原因不能超过 1000 个字') });
export const leadReturnInput = z.object({ reason: z.string().trim().min(2, '请写明退回原因').max(1000, '原因不能超过 1000 个字') });
export const leadReopenInput = z.object({ reason: z.string().trim().min(2, '请写明重新打开的原因').max(1000, '原因不能超过 1000 个字') });

export const leadReceiveInput = z.object({
  receivedOn: isoDateField,
  receivedByName: z.string().trim().min(1, '请填写签收人姓名').max(40, '姓名不能超过 40 个字'),
});
export type LeadReceiveInput = z.output<typeof leadReceiveInput>;

export const leadDisposeInput = z.object({
  disposition: z.enum(LEAD_DISPOSITION_LIST as [LeadDisposition, ...LeadDisposition[]], { message: '请选择处置方式（谈话函询、初步核实、暂存待查、予以了结）' }),
  dispositionOn: isoDateField,
  caseOpenedOn: isoDateField.nullable().optional(),
});
export type LeadDisposeInput = z.output<typeof leadDisposeInput>;

export const leadOutcomeInput = z
  .object({
    personName: z.string().trim().min(1, '请选择被反映人').max(40),
    kind: z.enum(OUTCOME_KIND_LIST as [OutcomeKind, ...OutcomeKind[]], { message: '请选择处理类别' }),
    measure: z.string().trim().min(1, '请选择处理方式').max(40),
    decidedOn: isoDateField,
    note: text(1000, '说明').default(''),
  })
  .refine((v) => isOutcomeMeasure(v.kind, v.measure), { message: '处理方式与处理类别不符', path: ['measure'] });
export type LeadOutcomeInput = z.output<typeof leadOutcomeInput>;

export const leadReportInput = z.object({
  handlingReport: z.string().trim().min(10, '办理情况报告不少于 10 个字').max(8000, '报告不能超过 8000 个字'),
  reportedOn: isoDateField,
});
export type LeadReportInput = z.output<typeof leadReportInput>;
