import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { Actor, AppContext } from '../../http/context';
import { checkFileSize, contentDisposition, formatLimit, loadAttachment, MAX_FILE_BYTES } from './files.service';

/** Checks that the actor may read an owner's files; throws NOT_FOUND (never FORBIDDEN) otherwise. */
export type OwnerReadCheck = (ctx: AppContext, actor: Actor, ownerId: string) => Promise<void>;

/** Types a browser may show in place; everything else downloads. */
const INLINE = /^(image\/(jpeg|png|webp|gif)|application\/pdf|video\/(mp4|quicktime))$/;

/** Reads the one file of a multipart upload (field `file`); over the limit is FILE_TOO_LARGE naming the limit. */
export async function uploadedAttachment(req: FastifyRequest): Promise<{ buffer: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw new DomainError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件（字段名 file）');
  const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
  if (!part) throw new DomainError('VALIDATION_FAILED', '没有收到文件');
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError('FILE_TOO_LARGE', `文件过大：单个文件不超过 ${formatLimit(MAX_FILE_BYTES)}`, { limit: MAX_FILE_BYTES });
    }
    throw e;
  }
  checkFileSize(buffer.length);
  if (buffer.length === 0) throw new DomainError('VALIDATION_FAILED', '上传的文件是空的');
  return { buffer, fileName: part.filename || '附件' };
}

export const multipartDoc = { consumes: ['multipart/form-data'] };

/** GET /api/files/:attachmentId — access decided by the owner's rule, unknown owners are 404. */
export function filesRoutes(ctx: AppContext, ownerChecks: Record<string, OwnerReadCheck>) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/files/:attachmentId',
      {
        schema: {
          tags: ['files'],
          summary: '下载附件（按所属记录检查权限）',
          params: z.object({ attachmentId: z.string().max(64) }),
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const file = await loadAttachment(ctx.db, req.params.attachmentId);
        const notFound = new DomainError('NOT_FOUND', '附件不存在或无权查看');
        const check = file ? ownerChecks[file.ownerKind] : undefined;
        if (!file || !check) throw notFound;
        try {
          await check(ctx, actor, file.ownerId);
        } catch (e) {
          // out of scope or without the permission: the file does not exist for this caller
          if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) throw notFound;
          throw e;
        }
        const disposition = req.query.download === '1' || !INLINE.test(file.mime) ? 'attachment' : 'inline';
        return reply
          .header('content-type', file.mime)
          .header('content-length', String(file.content.length))
          .header('content-disposition', contentDisposition(file.fileName, disposition))
          .header('cache-control', 'private, max-age=3600')
          .header('etag', `"${file.sha256}"`)
          .send(file.content);
      },
    );
  };
}
