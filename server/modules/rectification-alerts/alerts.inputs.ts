/** Inputs of the alerts module beyond the domain's: the form of accountability and its document number. */
import { z } from 'zod';
import { interventionInput } from '../../../domain/rectification';

/** 问责方式 (中国共产党问责条例 第八条): for Party organisations 检查、通报、改组; for cadres also 诫勉、组织调整或组织处理、纪律处分. */
export const ACCOUNTABILITY_KINDS = {
  inspection: '责令作出书面检查',
  notice: '通报',
  reorganise: '改组',
  admonish: '诫勉',
  organisational: '组织调整或者组织处理',
  discipline: '纪律处分',
} as const;
export type AccountabilityKind = keyof typeof ACCOUNTABILITY_KINDS;
export const ACCOUNTABILITY_KIND_LIST = Object.keys(ACCOUNTABILITY_KINDS) as AccountabilityKind[];

export const interventionBody = interventionInput
  .extend({
    accountabilityKind: z.enum(ACCOUNTABILITY_KIND_LIST as [AccountabilityKind, ...AccountabilityKind[]], { message: '请选择问责方式' }).nullable().default(null),
    decisionNo: z.string({ message: '决定文号应为文字' }).trim().max(60, '决定文号不能超过 60 个字').default(''),
  })
  .refine((v) => v.kind !== 'accountability' || v.accountabilityKind !== null, { message: '请选择问责方式', path: ['accountabilityKind'] })
  .refine((v) => v.kind !== 'accountability' || v.decisionNo.length > 0, { message: '请填写问责决定文号', path: ['decisionNo'] });
export type InterventionBody = z.output<typeof interventionBody>;
