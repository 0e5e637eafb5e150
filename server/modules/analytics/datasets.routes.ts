import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { removeWork, uploadFile } from '../../analytics/store';
import { contentDisposition } from '../files';
import * as svc from './datasets.service';

const idParams = z.object({ id: z.string().max(64) });
const multipartDoc = { consumes: ['multipart/form-data'] };

const formatSize = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 1)} GB` : `${Math.round(bytes / 1024 / 1024)} MB`);

/**
 * Streams the one file of a multipart upload (field `file`) to the dataset's work directory, never
 * holding it in memory; over the configured cap (not the app-wide 20 MB) is FILE_TOO_LARGE.
 */
async function receiveUpload(ctx: AppContext, req: FastifyRequest): Promise<{ id: string; fileName: string; size: number }> {
  if (!req.isMultipart()) throw new DomainError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件（字段名 file）');
  const limit = ctx.config.analyticsUploadMaxBytes;
  const part = await req.file({ limits: { fileSize: limit, files: 1 } });
  if (!part) throw new DomainError('VALIDATION_FAILED', '没有收到文件');
  const engine = svc.engineOf(ctx);
  const id = svc.newUploadId();
  const target = uploadFile(engine, id);
  try {
    await pipeline(part.file, fs.createWriteStream(target));
    if (part.file.truncated) throw new DomainError('FILE_TOO_LARGE', `文件过大：比对数据文件不超过 ${formatSize(limit)}（可由 XUNCHA_ANALYTICS_UPLOAD_MAX_MB 调整）`, { limit });
  } catch (e) {
    removeWork(engine, id);
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('FILE_TOO_LARGE', `文件过大：比对数据文件不超过 ${formatSize(limit)}`, { limit });
    throw e;
  }
  const size = fs.statSync(target).size;
  return { id, fileName: (part.filename || '数据文件').slice(0, 200), size };
}

export function datasetRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['大数据比对'];
    const base = '/api/analytics/datasets';

    app.get(
      base,
      {
        schema: {
          tags,
          summary: '比对数据集列表（按名称、来源搜索，按数据类型、状态筛选）',
          querystring: z.object({ q: z.string().max(100).optional(), kind: z.string().max(40).optional(), status: z.enum(['uploaded', 'importing', 'ready', 'failed']).optional(), ...pageQuery }),
        },
      },
      async (req) => svc.listDatasets(ctx, actorOf(req), req.query),
    );
    app.post(`${base}/uploads`, { schema: { tags, summary: '上传数据文件（CSV、.xlsx、Parquet），返回识别结果、前 20 行和建议的字段对应', ...multipartDoc } }, async (req, reply) => {
      const actor = actorOf(req);
      if (!actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '只有巡察办可以导入比对数据');
      const upload = await receiveUpload(ctx, req);
      return reply.status(201).send(await svc.createUpload(ctx, actor, upload));
    });
    app.post(`${base}/:id/preview`, { schema: { tags, summary: '重新识别：改变文件编码、工作表或表头行后的预览', params: idParams, body: svc.layoutInput } }, async (req) =>
      svc.previewUpload(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(`${base}/:id/import`, { schema: { tags, summary: '确认数据类型、来源和字段对应，开始导入（返回任务编号）', params: idParams, body: svc.confirmInput } }, async (req, reply) =>
      reply.status(202).send(await svc.confirmImport(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.get(`${base}/:id`, { schema: { tags, summary: '数据集详情：识别方式、字段对应、行数和问题汇总', params: idParams } }, async (req) => svc.getDataset(ctx, actorOf(req), req.params.id));
    app.get(
      `${base}/:id/rows`,
      { schema: { tags, summary: '规范化后的数据（分页）', params: idParams, querystring: z.object({ flagged: z.enum(['true', 'false']).optional(), ...pageQuery }) } },
      async (req) => svc.datasetRows(ctx, actorOf(req), req.params.id, { page: req.query.page, pageSize: req.query.pageSize, flagged: req.query.flagged === 'true' }),
    );
    app.get(`${base}/:id/issues.xlsx`, { schema: { tags, summary: '下载问题行清单（.xlsx）', params: idParams } }, async (req, reply) => {
      const file = await svc.issuesWorkbook(ctx, actorOf(req), req.params.id);
      return reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
    });
    app.delete(`${base}/:id`, { schema: { tags, summary: '删除数据集（连同其数据文件）', params: idParams } }, async (req, reply) => {
      await svc.deleteDataset(ctx, actorOf(req), req.params.id);
      return reply.status(204).send();
    });
  };
}
