/**
 * A report from the public (群众反映) made through a poster's code: the input the page sends, and the
 * rule for what of it is stored.
 *
 * What is stored (decision 0009): the target and round (from the code), the category, the
 * description, the attachments (sniffed, photos without metadata), the sealed identity of a named
 * reporter, the hash of the receipt, and the China date it arrived — to the day. Never the network
 * address, the user agent, other request headers, cookies, the precise time, the page's draft id or
 * the device token: together with a village's small population, a timestamp or a phone model is enough
 * to tell who reported. Ordering within a day uses the database sequence, not a clock.
 */
import { z } from 'zod';
import { MAX_ATTACHMENTS, MAX_TOTAL_ATTACHMENT_BYTES, ALL_ATTACHMENT_MIMES, ATTACHMENT_KINDS, formatBytes, kindOfMime, type AttachmentKind, type AttachmentMime } from './attachments';
import { identityInput, isEmptyIdentity, type Identity, type IdentityInput } from './identity';

/** Category of a report: a checklist aspect of the target (its id) or 其他. */
export const OTHER_CATEGORY = 'other';
export const OTHER_CATEGORY_LABEL = '其他';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DESCRIPTION_MIN = 10;
/** Shown beside the description: the text is read by the team as it is, only the identity fields are sealed. */
export const DESCRIPTION_PRIVACY_HINT = '请只写反映的问题，不要在描述中写自己的姓名、电话或住址；需要联系您的，请选择实名并填写在下方（加密保存）。';
export const DESCRIPTION_MAX = 5000;

/** A file already uploaded through the intake (sniffed on arrival), as the report refers to it. */
export const attachmentRefInput = z.object({
  /** the upload's id handed back by the server when the file arrived */
  uploadId: z.string().uuid('附件标识无效，请重新上传'),
  fileName: z.string().trim().min(1, '附件缺少文件名').max(200, '文件名不超过 200 个字符'),
  mime: z.enum(ALL_ATTACHMENT_MIMES as [AttachmentMime, ...AttachmentMime[]], { message: '附件类型不允许' }),
  size: z.number().int().positive('附件是空文件'),
});
export type AttachmentRef = z.output<typeof attachmentRefInput>;

export const attachmentListInput = z
  .array(attachmentRefInput)
  .max(MAX_ATTACHMENTS, `最多上传 ${MAX_ATTACHMENTS} 个附件`)
  .default([])
  .superRefine((list, ctx) => {
    list.forEach((a, i) => {
      const kind = kindOfMime(a.mime)!;
      const max = ATTACHMENT_KINDS[kind].maxBytes;
      if (a.size > max) ctx.addIssue({ code: 'custom', path: [i, 'size'], message: `“${a.fileName}”过大：${ATTACHMENT_KINDS[kind].label}每个不超过 ${formatBytes(max)}` });
    });
    const total = list.reduce((n, a) => n + a.size, 0);
    if (total > MAX_TOTAL_ATTACHMENT_BYTES) ctx.addIssue({ code: 'custom', message: `附件合计不超过 ${formatBytes(MAX_TOTAL_ATTACHMENT_BYTES)}` });
    if (new Set(list.map((a) => a.uploadId)).size !== list.length) ctx.addIssue({ code: 'custom', message: '同一个附件不能添加两次' });
  });

const description = z
  .string({ message: '请填写反映的问题' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .refine((s) => [...s].length >= DESCRIPTION_MIN, `请把问题说具体些：至少 ${DESCRIPTION_MIN} 个字（什么人、什么事、什么时间、在哪里）`)
      .refine((s) => [...s].length <= DESCRIPTION_MAX, `问题描述不超过 ${DESCRIPTION_MAX} 字；材料较多的可作为附件上传`),
  );

export const reportInput = z
  .object({
    /** the page's random id for this submission: a resend after a dropped connection is the same report */
    submissionId: z.string().uuid('提交标识无效，请刷新页面后重试'),
    anonymous: z.boolean({ message: '请选择匿名或实名反映' }),
    // checked below, and only for a named report: what was typed before switching to anonymous is ignored
    identity: z.unknown().optional(),
    category: z.string({ message: '请选择问题类别' }).refine((s) => s === OTHER_CATEGORY || UUID.test(s), '请选择问题类别'),
    description,
    attachments: attachmentListInput,
  })
  .transform((r, ctx) => {
    if (r.anonymous) return { ...r, identity: null };
    const parsed = identityInput.safeParse(r.identity ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['identity', ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    const identity: Identity = parsed.data;
    if (identity.name === null && identity.phone === null) {
      ctx.addIssue({ code: 'custom', path: ['identity', 'name'], message: '实名反映请至少填写姓名或联系电话；不愿留下的请选择匿名' });
      return z.NEVER;
    }
    return { ...r, identity: isEmptyIdentity(identity) ? null : identity };
  });
export type ReportInput = Omit<z.input<typeof reportInput>, 'identity'> & { identity?: IdentityInput };
export type ParsedReport = Omit<z.output<typeof reportInput>, 'identity'> & { identity: Identity | null };

/** The category must be one of the target's aspects or 其他. */
export function categoryRefusal(category: string, aspectIds: readonly string[]): string | null {
  if (category === OTHER_CATEGORY || aspectIds.includes(category)) return null;
  return '所选问题类别不属于该村（社区）的监督清单，请重新选择';
}

/** Request facts the server has at hand; listed so that the stored rule can be seen to drop them. */
export interface RequestFacts {
  receivedAt: Date;
  ip?: string;
  userAgent?: string;
  headers?: Record<string, unknown>;
}

export interface StoredReportFields {
  category: string;
  description: string;
  anonymous: boolean;
  /** China calendar date 'YYYY-MM-DD' — no time of day */
  receivedOn: string;
  attachments: { uploadId: string; kind: AttachmentKind; mime: AttachmentMime; size: number; fileName: string }[];
  /** whether a sealed identity goes with the report (the box itself is made by sealing.ts) */
  hasIdentity: boolean;
}

/** China date of an instant (UTC+8, no daylight saving). */
export const chinaDay = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Photos named by the phone carry the time they were taken (IMG_20261203_081523.jpg): keep only the extension. */
export function neutralFileName(fileName: string, index: number, ext: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const revealing = /\d{6,}|IMG|DSC|VID|PXL|MVIMG|Screenshot|微信图片|mmexport|wx_camera/i.test(base);
  return revealing || base === '' ? `附件${index + 1}.${ext}` : base;
}

/**
 * The fields of a report to store, built from the parsed input and the request — by listing what goes
 * in, not by deleting what must not, so a field added to the request later cannot slip through.
 */
export function storedReportFields(report: ParsedReport, request: RequestFacts): StoredReportFields {
  return {
    category: report.category,
    description: report.description,
    anonymous: report.anonymous,
    receivedOn: chinaDay(request.receivedAt),
    attachments: report.attachments.map((a, i) => {
      const kind = kindOfMime(a.mime)!;
      const ext = (ATTACHMENT_KINDS[kind].types as Record<string, readonly string[]>)[a.mime]![0]!;
      return { uploadId: a.uploadId, kind, mime: a.mime, size: a.size, fileName: neutralFileName(a.fileName, i, ext) };
    }),
    hasIdentity: report.identity !== null,
  };
}

/** Keys that must never appear in anything stored or logged about a public report. */
export const NEVER_STORED_KEYS = ['ip', 'ipAddress', 'remoteAddress', 'userAgent', 'user-agent', 'headers', 'cookie', 'cookies', 'receipt', 'receiptCode', 'deviceToken', 'submissionId', 'identity', 'name', 'phone', 'idNumber', 'description'] as const;

/**
 * A log-safe summary of a report event: ids and counts only. Report text, identity, receipt and
 * request facts never reach a log line.
 */
export function reportLogFields(e: { reportId: string; targetId: string; attachments: number; anonymous: boolean }): Record<string, string | number | boolean> {
  return { reportId: e.reportId, targetId: e.targetId, attachments: e.attachments, anonymous: e.anonymous };
}
