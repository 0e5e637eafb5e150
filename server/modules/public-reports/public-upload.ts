/**
 * Reading the one file of a public upload (码上巡) against the limits the page declares per kind
 * (domain/public-reports/attachments.ts: photos 10 MB, videos 50 MB, documents 20 MB) instead of the
 * app-wide multipart cap for staff uploads. The kind is the one the file name claims (the content must
 * agree later, or the upload is refused anyway); a name without a known extension gets the largest
 * limit and the sniffer decides. The stream is read chunk by chunk and abandoned as soon as it passes
 * the limit, so an oversized file never sits in memory whole; an accepted one is held once (it is
 * sniffed, stripped of photo metadata and stored as one blob).
 */
import type { FastifyRequest } from 'fastify';
import { ATTACHMENT_KIND_LIST, ATTACHMENT_KINDS, formatBytes, type AttachmentKind } from '../../../domain/public-reports/attachments';
import { DomainError } from '../../../domain/shared/errors';

/** The largest per-kind limit: the multipart parser's own cap for this route. */
export const PUBLIC_UPLOAD_MAX_BYTES = Math.max(...ATTACHMENT_KIND_LIST.map((k) => ATTACHMENT_KINDS[k].maxBytes));

const KIND_BY_EXTENSION = new Map<string, AttachmentKind>(
  ATTACHMENT_KIND_LIST.flatMap((k) => Object.values(ATTACHMENT_KINDS[k].types as Record<string, readonly string[]>).flat().map((e) => [e, k] as const)),
);

/** The limit for a file name: its claimed kind's, or the largest. */
export function uploadLimitFor(fileName: string): { bytes: number; label: string | null } {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const ext = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
  const kind = KIND_BY_EXTENSION.get(ext);
  return kind ? { bytes: ATTACHMENT_KINDS[kind].maxBytes, label: ATTACHMENT_KINDS[kind].label } : { bytes: PUBLIC_UPLOAD_MAX_BYTES, label: null };
}

const tooLarge = (name: string, limit: { bytes: number; label: string | null }) =>
  new DomainError('FILE_TOO_LARGE', `“${name}”过大：${limit.label ? `${limit.label}每个` : '单个文件'}不超过 ${formatBytes(limit.bytes)}`, { limit: limit.bytes });

export async function publicUploadedFile(req: FastifyRequest): Promise<{ buffer: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw new DomainError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件（字段名 file）');
  // one byte over the largest limit lets us tell "exactly at the limit" from "over it"
  const part = await req.file({ limits: { fileSize: PUBLIC_UPLOAD_MAX_BYTES + 1, files: 1 }, throwFileSizeLimit: false });
  if (!part) throw new DomainError('VALIDATION_FAILED', '没有收到文件');
  const fileName = (part.filename || '附件').split(/[\\/]/).pop() || '附件';
  const limit = uploadLimitFor(fileName);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    size += (chunk as Buffer).length;
    if (size > limit.bytes) {
      chunks.length = 0;
      part.file.destroy();
      throw tooLarge(fileName, limit);
    }
    chunks.push(chunk as Buffer);
  }
  if (part.file.truncated) throw tooLarge(fileName, limit);
  if (size === 0) throw new DomainError('VALIDATION_FAILED', '上传的文件是空的');
  return { buffer: Buffer.concat(chunks, size), fileName };
}
