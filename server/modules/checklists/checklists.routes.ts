import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { aspectInput, catalogueMetaInput, itemInput, reorderInput, teamItemInput } from '../../../domain/checklists/catalogue';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { uploadedFile } from '../registry';
import * as cat from './catalogues.service';
import * as list from './inspection-checklist.service';

const uuid = z.string().uuid('编号格式不正确');
const catalogueParams = z.object({ id: uuid });
const versionParams = z.object({ id: uuid, versionId: uuid });
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Content-Disposition for a Chinese file name (RFC 6266 / 5987), with an ASCII fallback. */
export const attachmentHeader = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function checklistsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['checklists'];
    const base = '/api/checklists/catalogues';

    app.get(
      base,
      {
        schema: {
          tags,
          summary: '监督清单列表（系统预置和本单位的清单）',
          querystring: z.object({ q: z.string().trim().max(40).optional(), kind: z.enum(['common', 'personalised']).optional(), archived: boolQuery.optional(), ...pageQuery }),
        },
      },
      async (req) => cat.listCatalogues(ctx, actorOf(req), req.query),
    );
    app.post(base, { schema: { tags, summary: '新建监督清单（同时建立第 1 版草稿）', body: catalogueMetaInput } }, async (req, reply) =>
      reply.status(201).send(await cat.createCatalogue(ctx, actorOf(req), req.body)),
    );
    app.post(
      `${base}/import`,
      {
        schema: {
          tags,
          summary: '从 .xlsx 导入监督清单：新建清单，或带 catalogueId 导入到该清单的草稿；全部正确才导入',
          querystring: z.object({
            catalogueId: uuid.optional(),
            name: z.string().trim().min(1).max(60).optional(),
            kind: z.enum(['common', 'personalised']).optional(),
            dryRun: boolQuery.optional(),
          }),
          consumes: ['multipart/form-data'],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const r = await cat.importCatalogue(ctx, actor, await uploadedFile(req), req.query);
        return reply.status(r.dryRun ? 200 : 201).send(r);
      },
    );
    app.get(`${base}/:id`, { schema: { tags, summary: '监督清单及其版本', params: catalogueParams } }, async (req) => cat.getCatalogue(ctx, actorOf(req), req.params.id));
    app.put(`${base}/:id`, { schema: { tags, summary: '修改清单名称、类型、适用标签和说明', params: catalogueParams, body: catalogueMetaInput } }, async (req) =>
      cat.updateCatalogue(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(
      `${base}/:id/archive`,
      { schema: { tags, summary: '停用（归档）或恢复清单：停用的清单不再用于生成村级清单', params: catalogueParams, body: z.object({ archived: z.boolean() }) } },
      async (req) => cat.archiveCatalogue(ctx, actorOf(req), req.params.id, req.body.archived),
    );
    app.post(
      `${base}/:id/copy`,
      { schema: { tags, summary: '复制为本单位清单（草稿）；发布后在本辖区代替原清单', params: catalogueParams, body: z.object({ name: z.string().trim().max(60).optional() }).default({}) } },
      async (req, reply) => reply.status(201).send(await cat.copyCatalogue(ctx, actorOf(req), req.params.id, req.body.name)),
    );
    app.post(`${base}/:id/drafts`, { schema: { tags, summary: '由最新版本新建草稿', params: catalogueParams } }, async (req, reply) =>
      reply.status(201).send(await cat.createDraft(ctx, actorOf(req), req.params.id)),
    );
    app.get(`${base}/:id/versions/:versionId`, { schema: { tags, summary: '清单版本内容：方面 → 事项 → 问题表现', params: versionParams } }, async (req) =>
      cat.getVersion(ctx, actorOf(req), req.params.id, req.params.versionId),
    );
    app.post(
      `${base}/:id/versions/:versionId/publish`,
      { schema: { tags, summary: '发布草稿（原已发布版本停用）', params: versionParams, body: z.object({ note: z.string().max(500).optional() }).default({}) } },
      async (req) => cat.publishVersion(ctx, actorOf(req), req.params.id, req.params.versionId, req.body.note),
    );
    app.get(`${base}/:id/versions/:versionId/export`, { schema: { tags, summary: '导出清单版本为 .xlsx', params: versionParams } }, async (req, reply) => {
      const file = await cat.exportVersion(ctx, actorOf(req), req.params.id, req.params.versionId);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', attachmentHeader(file.fileName))
        .send(file.buffer);
    });
    app.post(`${base}/:id/versions/:versionId/aspects`, { schema: { tags, summary: '草稿：新增方面', params: versionParams, body: aspectInput } }, async (req) =>
      cat.addAspect(ctx, actorOf(req), req.params.id, req.params.versionId, req.body),
    );
    app.put(
      `${base}/:id/versions/:versionId/aspects/:aspectId`,
      { schema: { tags, summary: '草稿：修改方面', params: versionParams.extend({ aspectId: uuid }), body: aspectInput } },
      async (req) => cat.updateAspect(ctx, actorOf(req), req.params.id, req.params.versionId, req.params.aspectId, req.body),
    );
    app.delete(
      `${base}/:id/versions/:versionId/aspects/:aspectId`,
      { schema: { tags, summary: '草稿：删除方面及其事项', params: versionParams.extend({ aspectId: uuid }) } },
      async (req) => cat.deleteAspect(ctx, actorOf(req), req.params.id, req.params.versionId, req.params.aspectId),
    );
    app.post(
      `${base}/:id/versions/:versionId/aspects/:aspectId/items`,
      { schema: { tags, summary: '草稿：新增事项', params: versionParams.extend({ aspectId: uuid }), body: itemInput } },
      async (req) => cat.addItem(ctx, actorOf(req), req.params.id, req.params.versionId, req.params.aspectId, req.body),
    );
    app.put(
      `${base}/:id/versions/:versionId/items/:itemId`,
      { schema: { tags, summary: '草稿：修改事项（aspectId 移到另一方面）', params: versionParams.extend({ itemId: uuid }), body: itemInput.extend({ aspectId: uuid.optional() }) } },
      async (req) => cat.updateItem(ctx, actorOf(req), req.params.id, req.params.versionId, req.params.itemId, req.body),
    );
    app.delete(
      `${base}/:id/versions/:versionId/items/:itemId`,
      { schema: { tags, summary: '草稿：删除事项', params: versionParams.extend({ itemId: uuid }) } },
      async (req) => cat.deleteItem(ctx, actorOf(req), req.params.id, req.params.versionId, req.params.itemId),
    );
    app.put(`${base}/:id/versions/:versionId/order`, { schema: { tags, summary: '草稿：调整方面和事项的顺序', params: versionParams, body: reorderInput } }, async (req) =>
      cat.reorderDraft(ctx, actorOf(req), req.params.id, req.params.versionId, req.body),
    );

    app.post(
      '/api/checklists/rounds/:roundId/generate',
      { schema: { tags, summary: '为本轮全部村级巡察生成个性化监督清单（进驻前）', params: z.object({ roundId: uuid }) } },
      async (req) => list.generateRoundChecklists(ctx, actorOf(req), req.params.roundId),
    );

    // A village inspection's own list (the workspace's 监督清单 tab).
    const itags = ['inspections'];
    const inspection = z.object({ id: uuid });
    app.get('/api/inspections/:id/checklist', { schema: { tags: itags, summary: '村级巡察的个性化监督清单及检查覆盖情况', params: inspection } }, async (req) =>
      list.getInspectionChecklist(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/inspections/:id/checklist/generate',
      { schema: { tags: itags, summary: '按“1+X”生成（或重新生成）个性化监督清单（进驻前）', params: inspection } },
      async (req) => list.generateInspectionChecklist(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/inspections/:id/checklist/items',
      { schema: { tags: itags, summary: '巡察组增加清单事项（进驻前）', params: inspection, body: teamItemInput } },
      async (req, reply) => reply.status(201).send(await list.addTeamChecklistItem(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.delete(
      '/api/inspections/:id/checklist/items/:itemId',
      { schema: { tags: itags, summary: '删除本组增加的事项（进驻前）', params: inspection.extend({ itemId: uuid }) } },
      async (req) => {
        await list.removeTeamChecklistItem(ctx, actorOf(req), req.params.id, req.params.itemId);
        return { ok: true };
      },
    );
    app.put(
      '/api/inspections/:id/checklist/items/:itemId/mark',
      {
        schema: {
          tags: itags,
          summary: '标记检查结果：无问题 / 发现问题 / 未检查',
          params: inspection.extend({ itemId: uuid }),
          body: z.object({ result: z.enum(['no_problem', 'problem_found', 'not_checked'], { message: '请选择检查结果' }), note: z.string().max(2000).optional() }),
        },
      },
      async (req) => list.markChecklistItem(ctx, actorOf(req), req.params.id, req.params.itemId, req.body),
    );
  };
}
