/** The inputs of the reports area: the web forms and the server refuse alike. */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';

const text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`);
const required = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);
const villageCode = z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字');

export const reportSectionInput = z.object({
  heading: required(100, '章节标题'),
  paragraphs: z.array(text(8000, '段落')).max(500, '段落不能超过 500 段'),
});

export const reportEditInput = z.object({
  title: required(200, '报告标题'),
  body: z.array(reportSectionInput).min(1, '报告至少要有一节').max(100, '报告不能超过 100 节'),
  /** The version the editor started from: a stale save is refused (409). */
  version: z.number().int().min(1),
});
export type ReportEditInput = z.output<typeof reportEditInput>;

export const specialReportInput = z.object({
  title: required(200, '专题报告标题'),
  body: z.array(reportSectionInput).min(1, '报告至少要有一节').max(100, '报告不能超过 100 节'),
});
export type SpecialReportInput = z.output<typeof specialReportInput>;

export const hearingInput = z.object({
  heardOn: isoDateField,
  note: text(4000, '听取意见').default(''),
});
export type HearingInput = z.output<typeof hearingInput>;

export const approveInput = z.object({ approvedOn: isoDateField });
export const reopenInput = z.object({ reason: required(2000, '重新打开的原因') });

export const feedbackInput = z.object({
  /** null or absent: the feedback to the target itself (the town); otherwise one village of it. */
  villageCode: villageCode.nullable().optional().transform((v) => v ?? null),
  fedBackOn: isoDateField,
  opinion: required(8000, '反馈意见'),
  attendees: text(1000, '参加人员').default(''),
});
export type FeedbackInput = z.output<typeof feedbackInput>;

export const suggestionInput = z.object({
  departmentOrgId: z.string().uuid('请选择职能部门'),
  title: required(200, '建议书事由'),
  content: required(8000, '发现的问题'),
  measures: z.array(required(2000, '具体建议')).min(1, '请至少填写一条具体建议').max(30, '具体建议不能超过 30 条'),
});
export type SuggestionInput = z.output<typeof suggestionInput>;

export const suggestionSendInput = z.object({
  sentOn: isoDateField,
  /** Absent: 30 days after sending (DEFAULT_REPLY_DAYS). */
  replyDueOn: isoDateField.nullable().optional(),
}).refine((s) => !s.replyDueOn || s.replyDueOn >= s.sentOn, { message: '回复期限不能早于发出日期', path: ['replyDueOn'] });
export type SuggestionSendInput = z.output<typeof suggestionSendInput>;

export const suggestionReplyInput = z.object({
  reply: required(8000, '回复内容'),
  repliedOn: isoDateField,
});

export const transferItemInput = z.object({
  departmentOrgId: z.string().uuid('请选择承办部门'),
  findingId: z.string().uuid('问题底稿编号无效').nullable().optional().transform((v) => v ?? null),
  title: required(200, '移交事项'),
  content: text(8000, '事项内容').default(''),
  sentOn: isoDateField,
  dueOn: isoDateField.nullable().optional().transform((v) => v ?? null),
}).refine((t) => !t.dueOn || t.dueOn >= t.sentOn, { message: '办理期限不能早于移交日期', path: ['dueOn'] });
export type TransferItemInput = z.output<typeof transferItemInput>;

export const transferCompleteInput = z.object({
  result: required(8000, '办理结果'),
  completedOn: isoDateField,
});
