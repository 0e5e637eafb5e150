/**
 * The pre-inspection file (巡前资料): what the office collected about a target's villages before entry
 * — petitions, audit results, earlier findings and the state of their rectification — shown to the
 * team on the village's workspace.
 */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';

export const PRE_FILE_KINDS = {
  petition: '信访举报',
  audit: '审计结果',
  earlier_finding: '以往巡察发现问题',
  rectification: '整改情况',
  other: '其他',
} as const;
export type PreFileKind = keyof typeof PRE_FILE_KINDS;
export const PRE_FILE_KIND_LIST = Object.keys(PRE_FILE_KINDS) as PreFileKind[];

export const preFileEntryInput = z.object({
  kind: z.enum(PRE_FILE_KIND_LIST as [PreFileKind, ...PreFileKind[]], { message: '请选择资料类别' }),
  title: z.string().trim().min(1, '请填写标题').max(200, '标题不超过 200 字'),
  content: z.string().trim().max(20_000, '内容不超过 20000 字').default(''),
  occurredOn: isoDateField.nullish(),
});
export type PreFileEntryInput = z.input<typeof preFileEntryInput>;
export type PreFileEntry = z.output<typeof preFileEntryInput>;
