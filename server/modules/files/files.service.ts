/**
 * Stored files: the type is decided by the content (magic bytes), never by the name a browser sends;
 * content is stored once per sha256 (blobs) and every upload is an attachment row naming its owner
 * (a work record, a pre-inspection entry …). Who may read an attachment is the owner's rule: the
 * caller of `loadAttachment` checks it (see files.routes.ts).
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import * as repo from './files.repository';

/** The largest file accepted; @fastify/multipart in server/app.ts cuts uploads at the same size. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const formatLimit = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export interface AttachmentOut {
  id: string;
  fileName: string;
  mime: string;
  size: number;
}

export interface Owner {
  ownerKind: string;
  ownerId: string;
  /** audit scope of the owner (a village or county code) */
  scopeCode: string;
}

const extensionOf = (name: string) => (name.includes('.') ? name.split('.').pop()!.toLowerCase() : '');

/** Detected type → stored MIME type (and, for container formats, the extensions we accept with it). */
const DIRECT: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  tif: 'image/tiff',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};
/** Legacy Office and WPS files are Compound File Binary containers: the name tells which. */
const CFB_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
};
/** Zip containers the detector could not name further: accepted only under an Office or OFD name. */
const ZIP_BY_EXTENSION: Record<string, string> = {
  docx: DIRECT.docx!,
  xlsx: DIRECT.xlsx!,
  pptx: DIRECT.pptx!,
  ofd: 'application/ofd',
};
const OFFICE_ZIP = new Set(['docx', 'xlsx', 'pptx']);

const ALLOWED_HINT = '允许：JPG/PNG/WEBP/GIF/HEIC/TIFF 图片、PDF、Word/Excel/PowerPoint/WPS 文档、OFD、MP4/MOV 短视频';

/** The MIME type to store for `buffer` named `fileName`, or a refusal naming what was detected. */
export async function checkFileType(buffer: Uint8Array, fileName: string): Promise<string> {
  const detected = await fileTypeFromBuffer(buffer);
  const ext = extensionOf(fileName);
  const refuse = (what: string) =>
    new DomainError('FILE_TYPE_NOT_ALLOWED', `不允许上传此类型的文件（按内容检测为：${what}）。${ALLOWED_HINT}`, { detected: what, fileName });
  if (!detected) throw refuse('无法识别的类型或纯文本');
  if (detected.ext === 'cfb') {
    const mime = CFB_BY_EXTENSION[ext];
    if (!mime) throw refuse('复合文档（CFB），但文件名不是 .doc/.xls/.ppt/.wps/.et');
    return mime;
  }
  if (detected.ext === 'zip') {
    const mime = ZIP_BY_EXTENSION[ext];
    if (!mime) throw refuse('ZIP 压缩包');
    return mime;
  }
  const mime = DIRECT[detected.ext];
  if (!mime) throw refuse(`${detected.ext}（${detected.mime}）`);
  // An Office document under another Office name would open in the wrong program.
  if (OFFICE_ZIP.has(detected.ext) && OFFICE_ZIP.has(ext) && ext !== detected.ext) throw refuse(`${detected.ext}，与文件名 .${ext} 不符`);
  return mime;
}

export function checkFileSize(size: number, limit = MAX_FILE_BYTES): void {
  if (size > limit) {
    throw new DomainError('FILE_TOO_LARGE', `文件过大：单个文件不超过 ${formatLimit(limit)}（本文件 ${(size / 1024 / 1024).toFixed(1)} MB）`, { limit, size });
  }
}

/** A file name safe to store and send back: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200);
  return clean || '附件';
}

const attachmentOut = (r: { id: string; file_name: string; mime: string; size: number | string }): AttachmentOut => ({
  id: r.id,
  fileName: r.file_name,
  mime: r.mime,
  size: Number(r.size),
});

/**
 * Stores one uploaded file for an owner inside the caller's transaction: type by content, size
 * limit, one blob per content (an identical upload adds an attachment, not a second copy), audited.
 */
export async function storeFile(
  tx: Tx,
  ctx: Pick<AppContext, 'now'>,
  actor: Actor,
  file: { buffer: Uint8Array; fileName: string },
  owner: Owner,
): Promise<AttachmentOut> {
  checkFileSize(file.buffer.length);
  if (file.buffer.length === 0) throw new DomainError('VALIDATION_FAILED', '上传的文件是空的');
  const mime = await checkFileType(file.buffer, file.fileName);
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  const fileName = cleanFileName(file.fileName);
  const newBlob = await repo.insertBlobIfAbsent(tx, { sha256, size: file.buffer.length, mime, content: file.buffer });
  const row = await repo.insertAttachment(tx, {
    owner_kind: owner.ownerKind,
    owner_id: owner.ownerId,
    sha256,
    file_name: fileName,
    mime,
    size: file.buffer.length,
    uploaded_by: actor.userId,
  });
  const out = attachmentOut(row);
  await writeAudit(tx, ctx, actor, {
    action: 'create',
    entity: 'files.attachment',
    entityId: row.id,
    scopeCode: owner.scopeCode,
    after: { ...out, sha256, ownerKind: owner.ownerKind, ownerId: owner.ownerId, newBlob },
  });
  return out;
}

/** Attachments of owners, grouped by owner id, oldest first. */
export async function attachmentsOf(db: Executor, ownerKind: string, ownerIds: readonly string[]): Promise<Map<string, AttachmentOut[]>> {
  const out = new Map<string, AttachmentOut[]>();
  if (ownerIds.length === 0) return out;
  for (const r of await repo.listAttachments(db, ownerKind, ownerIds)) {
    const list = out.get(r.owner_id) ?? [];
    list.push(attachmentOut(r));
    out.set(r.owner_id, list);
  }
  return out;
}

/**
 * Removes one attachment of an owner (and its blob when nothing else uses the content), audited.
 * A wrong owner is NOT_FOUND.
 */
export async function deleteAttachment(tx: Tx, ctx: Pick<AppContext, 'now'>, actor: Actor, attachmentId: string, owner: Owner): Promise<void> {
  const row = await repo.findAttachment(tx, attachmentId);
  if (!row || row.owner_kind !== owner.ownerKind || row.owner_id !== owner.ownerId) throw new DomainError('NOT_FOUND', '附件不存在');
  await repo.deleteAttachmentRow(tx, attachmentId);
  const blobRemoved = await repo.deleteBlobIfUnused(tx, row.sha256);
  await writeAudit(tx, ctx, actor, {
    action: 'delete',
    entity: 'files.attachment',
    entityId: attachmentId,
    scopeCode: owner.scopeCode,
    before: { ...attachmentOut(row), sha256: row.sha256, ownerKind: row.owner_kind, ownerId: row.owner_id, blobRemoved },
  });
}

/** Removes every attachment of an owner that is itself being deleted (same transaction, no audit rows of their own). */
export async function deleteAttachmentsOf(tx: Tx, ownerKind: string, ownerId: string): Promise<AttachmentOut[]> {
  const rows = await repo.listAttachments(tx, ownerKind, [ownerId]);
  for (const r of rows) {
    await repo.deleteAttachmentRow(tx, r.id);
    await repo.deleteBlobIfUnused(tx, r.sha256);
  }
  return rows.map(attachmentOut);
}

export interface StoredFile extends AttachmentOut {
  ownerKind: string;
  ownerId: string;
  sha256: string;
  content: Buffer;
}

/** An attachment with its bytes, or null. The caller checks access through the owner. */
export async function loadAttachment(db: Executor, attachmentId: string): Promise<StoredFile | null> {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!UUID.test(attachmentId)) return null;
  const row = await repo.findAttachmentWithContent(db, attachmentId);
  if (!row) return null;
  const c = row.content;
  return {
    ...attachmentOut(row),
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    sha256: row.sha256,
    // pg hands out a Buffer, PGlite a Uint8Array: one shape for the callers
    content: Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength),
  };
}

/** RFC 6266 / RFC 5987 Content-Disposition: an ASCII fallback and the real (Chinese) name. */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
