/**
 * The public side of 码上巡 (no account): resolve a poster's short code, take uploads (sniffed by
 * content, photos without metadata), take a report (identity sealed to the office key, receipt shown
 * once and stored only as a peppered hash), read a report's status and messages by receipt, add a
 * reporter's message. Nothing here stores or logs an address, a user agent, a time of day, the text or
 * an identity (decision 0009): rows carry the China date only, logs carry ids and counts.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { ATTACHMENT_KINDS, attachmentLimitLines, kindOfMime, METADATA_WARNING, sniffAttachment, stripMetadata } from '../../../domain/public-reports/attachments';
import { codeFromBytes, formatCode, parseCode, SHORT_CODE_SCOPES, type ShortCodeScope } from '../../../domain/public-reports/codes';
import { messageInput, publicThread, reporterMessageRefusal, type MessageAuthor } from '../../../domain/public-reports/messages';
import { categoryRefusal, chinaDay, DESCRIPTION_PRIVACY_HINT, neutralFileName, OTHER_CATEGORY, OTHER_CATEGORY_LABEL, reportInput, reportLogFields, storedReportFields } from '../../../domain/public-reports/report';
import { sealIdentity } from '../../../domain/public-reports/sealing';
import { hashCode, hashSubmissionId } from '../../../domain/public-reports/secrets';
import { inboxFor, isFinished, PUBLIC_STATUSES, type ReportStatus } from '../../../domain/public-reports/triage';
import type { RoundPhase } from '../../../domain/planning/round';
import { DomainError } from '../../../domain/shared/errors';
import type { AppContext, Executor } from '../../http/context';
import { insertBlobIfAbsent } from '../files/files.repository';
import { pepperOf } from '../../http/pepper';
import * as repo from './public-reports.repository';
import { intakeDatesOf, publicNoticeOf, type PublicNotice } from './notices.service';
import { countPublicFailure, enforcePublicLimit } from './rate-limiter';

export const UPLOAD_OWNER = 'public_report_upload';
export const REPORT_OWNER = 'public_report';
export const MESSAGE_OWNER = 'public_report_message';

const codeNotFound = () => new DomainError('NOT_FOUND', '扫码编号不存在或已停用，请核对海报上的编号');
const receiptNotFound = () => new DomainError('NOT_FOUND', '没有找到这个回执码对应的反映，请逐位核对');

const roundLabel = (r: { round_year: number; round_number: number }) => `${r.round_year}年第${r.round_number}轮巡察`;

/** A China-date instant at midnight: what public uploads carry instead of the time they arrived. */
const midnightOf = (day: string) => new Date(`${day}T00:00:00+08:00`);

// — the code on the poster —

export interface CodeView {
  code: string;
  codeShown: string;
  scope: ShortCodeScope;
  scopeName: string;
  roundLabel: string;
  teamName: string | null;
  /** the village preselected (target code) or the team's villages to choose from */
  targets: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  descriptionHint: string;
  attachmentLimits: string[];
  metadataWarning: string;
  /** whether a named report can be sealed (the office has set up its key) */
  namedAllowed: boolean;
  /** the 巡察公告's phone, mailbox and 信访 cut-off, once the office has filled them in */
  notice: PublicNotice | null;
}

export async function resolveCode(ctx: AppContext, input: string): Promise<CodeView> {
  const parsed = parseCode('short', input);
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', parsed.reason);
  const c = await repo.findCode(ctx.db, parsed.value);
  if (!c) throw codeNotFound();
  const targets =
    c.scope === 'target'
      ? [{ id: c.target_id!, name: c.target_name ?? '' }]
      : (await repo.targetsOfRound(ctx.db, c.round_id)).filter((t) => t.team_id === c.team_id).map((t) => ({ id: t.id, name: t.name }));
  const aspects = targets.length === 1 ? await repo.aspectsOfTarget(ctx.db, targets[0]!.id) : [];
  const key = await repo.activeKeyForScope(ctx.db, c.scope_code);
  return {
    code: c.code,
    codeShown: formatCode('short', c.code),
    scope: c.scope as ShortCodeScope,
    scopeName: SHORT_CODE_SCOPES[c.scope as ShortCodeScope],
    roundLabel: roundLabel(c),
    teamName: c.team_name,
    targets,
    categories: [...aspects.map((a) => ({ id: a.id, name: a.name })), { id: OTHER_CATEGORY, name: OTHER_CATEGORY_LABEL }],
    descriptionHint: DESCRIPTION_PRIVACY_HINT,
    attachmentLimits: attachmentLimitLines(),
    metadataWarning: METADATA_WARNING,
    namedAllowed: key !== undefined,
    notice: await publicNoticeOf(ctx.db, c, chinaDay(ctx.now())),
  };
}

// — uploads before the report —

export interface UploadOut {
  uploadId: string;
  fileName: string;
  mime: string;
  size: number;
}

export async function upload(ctx: AppContext, file: { buffer: Uint8Array; fileName: string }): Promise<UploadOut> {
  const sniff = sniffAttachment(file.buffer, file.fileName);
  if (!sniff.ok) throw new DomainError('FILE_TYPE_NOT_ALLOWED', sniff.reason);
  const { bytes } = stripMetadata(file.buffer, sniff.mime);
  const sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  const day = chinaDay(ctx.now());
  const row = await ctx.db.transaction().execute(async (tx) => {
    await insertBlobIfAbsent(tx, { sha256, size: bytes.length, mime: sniff.mime, content: bytes });
    return tx
      .insertInto('attachments')
      .values({ owner_kind: UPLOAD_OWNER, owner_id: randomUUID(), sha256, file_name: `附件.${sniff.ext}`, mime: sniff.mime, size: bytes.length, uploaded_by: null, created_at: midnightOf(day) })
      .returning(['id', 'size'])
      .executeTakeFirstOrThrow();
  });
  return { uploadId: row.id, fileName: file.fileName.split(/[\\/]/).pop() || `附件.${sniff.ext}`, mime: sniff.mime, size: Number(row.size) };
}

// — the report —

export const submitInput = z.object({
  /** the village chosen on a team's poster; a village's poster preselects its own */
  targetId: z.string().uuid('请选择反映的村（社区）').optional(),
  report: reportInput,
});
export type SubmitInput = z.output<typeof submitInput>;

export interface SubmitOut {
  receipt: string;
  receivedOn: string;
  status: string;
  /** true when this was a resend of a report already received */
  repeated: boolean;
}

/**
 * The receipt of a submission: drawn from an HMAC of the page's random submission id under the pepper,
 * so a resend after a dropped answer gets the same receipt back (the page keeps the id until it has
 * shown the receipt), while nobody without the pepper and the id can compute it.
 */
function receiptOf(pepper: Buffer, submissionId: string): string {
  for (let i = 0; ; i++) {
    const bytes = createHmac('sha256', pepper).update(`receipt:${i}:${submissionId.toLowerCase()}`, 'utf8').digest();
    const code = codeFromBytes('receipt', bytes);
    if (code !== null) return code;
  }
}

export async function submit(ctx: AppContext, log: FastifyBaseLogger, clientKey: string, codeInput: string, input: SubmitInput): Promise<SubmitOut> {
  const parsed = parseCode('short', codeInput);
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', parsed.reason);
  const c = await repo.findCode(ctx.db, parsed.value);
  if (!c) throw codeNotFound();
  const targets = await repo.targetsOfRound(ctx.db, c.round_id);
  const targetId = c.scope === 'target' ? c.target_id! : input.targetId;
  const target = targets.find((t) => t.id === targetId && (c.scope === 'target' || t.team_id === c.team_id));
  if (!target) throw new DomainError('VALIDATION_FAILED', '请选择反映的村（社区）', [{ path: 'targetId', message: '请选择反映的村（社区）' }]);
  const report = input.report;
  const pepper = pepperOf(ctx);
  const submissionHash = hashSubmissionId(pepper, target.id, report.submissionId);
  const receipt = receiptOf(pepper, report.submissionId);
  const receiptHash = hashCode(pepper, 'receipt', receipt);

  // a resend of a report that arrived: the same receipt, nothing stored twice, not counted
  const earlier = await repo.findReportBySubmission(ctx.db, submissionHash);
  if (earlier && earlier.receipt_hash === receiptHash) {
    return { receipt: formatCode('receipt', receipt), receivedOn: earlier.received_on, status: PUBLIC_STATUSES[earlier.status as ReportStatus], repeated: true };
  }
  await enforcePublicLimit(ctx, log, 'report_submit', clientKey, true);

  const aspects = await repo.aspectsOfTarget(ctx.db, target.id);
  const refusal = categoryRefusal(report.category, aspects.map((a) => a.id));
  if (refusal) throw new DomainError('VALIDATION_FAILED', refusal, [{ path: 'report.category', message: refusal }]);
  const categoryName = report.category === OTHER_CATEGORY ? OTHER_CATEGORY_LABEL : aspects.find((a) => a.id === report.category)!.name;

  let sealed: string | null = null;
  let keyId: string | null = null;
  if (report.identity !== null) {
    const key = await repo.activeKeyForScope(ctx.db, c.scope_code);
    if (!key) throw new DomainError('PUBLIC_REPORT_KEY_MISSING', '巡察办尚未设置身份信息加密密钥，暂不能实名反映；您可以选择匿名反映，或通过海报上的电话、信箱反映');
    sealed = sealIdentity(report.identity, key.public_key);
    keyId = key.key_id;
  }

  const stored = storedReportFields(report, { receivedAt: ctx.now() });
  // the 信访 cut-off of the 巡察公告 of the target's team: after it, reports land with the office
  const round = { phase: c.phase as RoundPhase, ...(await intakeDatesOf(ctx.db, target.id)) };
  const inbox = inboxFor(round, target.team_id, stored.receivedOn);

  const created = await ctx.db.transaction().execute(async (tx) => {
    const row = await repo.insertReport(tx, {
      round_id: c.round_id,
      target_id: target.id,
      village_code: target.code,
      inbox_kind: inbox.kind,
      inbox_team_id: inbox.kind === 'team' ? inbox.teamId : null,
      category: stored.category,
      category_name: categoryName,
      description: stored.description,
      anonymous: sealed === null,
      sealed_identity: sealed,
      key_id: keyId,
      receipt_hash: receiptHash,
      submission_hash: submissionHash,
      received_on: stored.receivedOn,
    });
    for (const a of stored.attachments) {
      const moved = await tx
        .updateTable('attachments')
        .set({ owner_kind: REPORT_OWNER, owner_id: row.id, file_name: a.fileName })
        .where('id', '=', a.uploadId)
        .where('owner_kind', '=', UPLOAD_OWNER)
        .where('mime', '=', a.mime)
        .returning('id')
        .executeTakeFirst();
      if (!moved) throw new DomainError('VALIDATION_FAILED', '有附件已失效，请重新上传后再提交', [{ path: 'report.attachments', message: '有附件已失效，请重新上传' }]);
    }
    return row;
  });
  // only after the commit: the receipt is the reporter's proof that the report is kept
  log.info(reportLogFields({ reportId: created.id, targetId: target.id, attachments: stored.attachments.length, anonymous: sealed === null }), 'public report received');
  return { receipt: formatCode('receipt', receipt), receivedOn: stored.receivedOn, status: PUBLIC_STATUSES.received, repeated: false };
}

// — by receipt —

export const receiptInput = z.object({ receipt: z.string({ message: '请输入回执码' }).max(100, '回执码过长') });
export const reporterMessageBody = z.object({ receipt: z.string({ message: '请输入回执码' }).max(100, '回执码过长'), message: messageInput });

export interface ReceiptView {
  roundLabel: string;
  targetName: string;
  categoryName: string;
  description: string;
  receivedOn: string;
  status: string;
  finished: boolean;
  messages: { author: string; body: string; on: string; attachments: number }[];
  canPost: boolean;
  postRefusal: string | null;
}

async function byReceipt(ctx: AppContext, log: FastifyBaseLogger, clientKey: string, input: string) {
  const parsed = parseCode('receipt', input);
  // a typo caught by the check character is not a guess: it is not counted
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', parsed.reason, [{ path: 'receipt', message: parsed.reason }]);
  await enforcePublicLimit(ctx, log, 'receipt_lookup', clientKey, false);
  const row = await repo.findReportByReceipt(ctx.db, hashCode(pepperOf(ctx), 'receipt', parsed.value));
  if (!row) {
    await countPublicFailure(ctx, log, 'receipt_lookup', clientKey);
    throw receiptNotFound();
  }
  return row;
}

async function threadView(db: Executor, reportId: string) {
  const messages = await repo.messagesOf(db, reportId);
  return messages.map((m) => ({ seq: m.seq, author: m.author as MessageAuthor, body: m.body, on: m.on_date, attachments: 0 }));
}

export async function readByReceipt(ctx: AppContext, log: FastifyBaseLogger, clientKey: string, receipt: string): Promise<ReceiptView> {
  const row = await byReceipt(ctx, log, clientKey, receipt);
  const today = chinaDay(ctx.now());
  const status = row.status as ReportStatus;
  const postRefusal = reporterMessageRefusal({ status, finishedOn: row.finished_on, today, reporterMessagesToday: await repo.reporterMessagesOn(ctx.db, row.id, today) });
  return {
    roundLabel: roundLabel(row),
    targetName: row.target_name,
    categoryName: row.category_name,
    description: row.description,
    receivedOn: row.received_on,
    status: PUBLIC_STATUSES[status],
    finished: isFinished(status),
    messages: publicThread(await threadView(ctx.db, row.id)),
    canPost: postRefusal === null,
    postRefusal,
  };
}

export async function postByReceipt(ctx: AppContext, log: FastifyBaseLogger, clientKey: string, receipt: string, message: z.output<typeof messageInput>): Promise<ReceiptView> {
  const row = await byReceipt(ctx, log, clientKey, receipt);
  await enforcePublicLimit(ctx, log, 'message_post', clientKey, true);
  const today = chinaDay(ctx.now());
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.findReportForUpdate(tx, row.id);
    const refusal = reporterMessageRefusal({ status: locked!.status as ReportStatus, finishedOn: locked!.finished_on, today, reporterMessagesToday: await repo.reporterMessagesOn(tx, row.id, today) });
    if (refusal) throw new DomainError('CONFLICT', refusal);
    // a reporter's message keeps the date only; material sent with it joins the report's attachments
    const count = await tx.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('owner_kind', '=', REPORT_OWNER).where('owner_id', '=', row.id).executeTakeFirstOrThrow();
    let n = Number(count.n);
    const names: string[] = [];
    for (const a of message.attachments) {
      const ext = (ATTACHMENT_KINDS[kindOfMime(a.mime)!].types as Record<string, readonly string[]>)[a.mime]![0]!;
      const fileName = neutralFileName(a.fileName, n++, ext);
      const moved = await tx
        .updateTable('attachments')
        .set({ owner_kind: REPORT_OWNER, owner_id: row.id, file_name: fileName })
        .where('id', '=', a.uploadId)
        .where('owner_kind', '=', UPLOAD_OWNER)
        .where('mime', '=', a.mime)
        .returning('id')
        .executeTakeFirst();
      if (!moved) throw new DomainError('VALIDATION_FAILED', '有附件已失效，请重新上传后再发送', [{ path: 'message.attachments', message: '有附件已失效，请重新上传' }]);
      names.push(fileName);
    }
    const body = names.length > 0 ? `${message.body}${message.body ? '\n' : ''}（补充材料：${names.join('、')}）` : message.body;
    await repo.insertMessage(tx, { report_id: row.id, author: 'reporter', author_user_id: null, author_name: '', body, on_date: today, at: null });
  });
  log.info({ reportId: row.id, message: 'reporter' }, 'public report message');
  return readByReceipt(ctx, log, clientKey, receipt);
}

/** For the page: a fresh submission id when the browser cannot make one. */
export const freshSubmissionId = () => randomUUID();
