import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import * as custom from './custom-models.service';

const idParams = z.object({ id: z.string().max(64) });

/** 自定义比对模型 under /api/analytics/custom-models/…. */
export function customModelRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['大数据比对'];

    app.get('/api/analytics/custom-models', { schema: { tags, summary: '自定义比对模型列表' } }, async (req) => ({ items: await custom.listCustomModels(ctx, actorOf(req)) }));
    app.get('/api/analytics/custom-models/relations', { schema: { tags, summary: '自定义模型可查询的数据集（ds_…）及其列' } }, async () => ({ items: custom.relations() }));
    app.post('/api/analytics/custom-models/check', { schema: { tags, summary: '检查并试运行自定义模型（返回查询结果的列）', body: custom.customModelInput } }, async (req) =>
      custom.checkCustomModel(ctx, actorOf(req), req.body),
    );
    app.get('/api/analytics/custom-models/:id', { schema: { tags, summary: '自定义比对模型详情', params: idParams } }, async (req) => custom.getCustomModel(ctx, actorOf(req), req.params.id));
    app.post('/api/analytics/custom-models', { schema: { tags, summary: '新建自定义比对模型（巡察办）', body: custom.customModelInput } }, async (req, reply) =>
      reply.status(201).send(await custom.createCustomModel(ctx, actorOf(req), req.body)),
    );
    app.put('/api/analytics/custom-models/:id', { schema: { tags, summary: '修改自定义比对模型（须带版本号）', params: idParams, body: custom.customModelUpdate } }, async (req) =>
      custom.updateCustomModel(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/analytics/custom-models/:id/disable', { schema: { tags, summary: '停用自定义比对模型', params: idParams, body: custom.versionInput } }, async (req) =>
      custom.setCustomModelEnabled(ctx, actorOf(req), req.params.id, false, req.body.version),
    );
    app.post('/api/analytics/custom-models/:id/enable', { schema: { tags, summary: '重新启用自定义比对模型', params: idParams, body: custom.versionInput } }, async (req) =>
      custom.setCustomModelEnabled(ctx, actorOf(req), req.params.id, true, req.body.version),
    );
  };
}
