import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { contentDisposition } from '../files';
import { XLSX_MIME } from '../documents';
import * as hits from './hits.service';
import * as models from './models.service';
import * as runs from './runs.service';

const idParams = z.object({ id: z.string().max(64) });

/** 比对运行、疑点核实和模型库 under /api/analytics/…. */
export function runRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['大数据比对'];

    // — models —
    app.get('/api/analytics/models', { schema: { tags, summary: '比对模型库（说明、所需数据、参数及默认值、命中与准确率）', querystring: z.object({ roundId: z.string().uuid().optional() }) } }, async (req) => ({
      items: await models.listModels(ctx, actorOf(req), req.query),
    }));

    // — runs —
    app.post('/api/analytics/runs', { schema: { tags, summary: '运行比对模型（返回任务编号）', body: runs.runInput } }, async (req, reply) =>
      reply.status(202).send(await runs.createRun(ctx, actorOf(req), req.body)),
    );
    app.get('/api/analytics/runs', { schema: { tags, summary: '比对运行记录', querystring: z.object({ roundId: z.string().uuid().optional(), ...pageQuery }) } }, async (req) =>
      runs.listRuns(ctx, actorOf(req), req.query),
    );
    app.get('/api/analytics/runs/:id', { schema: { tags, summary: '比对运行详情（各模型结果、跳过原因）', params: idParams } }, async (req) => runs.getRun(ctx, actorOf(req), req.params.id));

    // — hits —
    app.get('/api/analytics/hits', { schema: { tags, summary: '比对疑点（按模型、村、乡镇、状态、轮次、巡察组筛选，搜索）', querystring: hits.hitListQuery.extend(pageQuery) } }, async (req) =>
      hits.listHits(ctx, actorOf(req), req.query),
    );
    app.get('/api/analytics/hits/by-village', { schema: { tags, summary: '按村汇总的疑点数和金额', querystring: hits.hitListQuery } }, async (req) => ({
      items: await hits.hitsByVillage(ctx, actorOf(req), req.query),
    }));
    app.get('/api/analytics/hits/export', { schema: { tags, summary: '导出比对疑点（.xlsx）', querystring: hits.hitListQuery } }, async (req, reply) => {
      const file = await hits.hitsXlsx(ctx, actorOf(req), req.query);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
    });
    app.get('/api/analytics/hits/:id', { schema: { tags, summary: '疑点详情（说明、证据）', params: idParams } }, async (req) => hits.getHit(ctx, actorOf(req), req.params.id));
    app.post('/api/analytics/hits/:id/confirm', { schema: { tags, summary: '确认疑点为问题底稿或问题线索', params: idParams, body: hits.confirmInput } }, async (req) =>
      hits.confirmHit(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/analytics/hits/:id/dismiss', { schema: { tags, summary: '排除疑点（须选择理由）', params: idParams, body: hits.dismissInput } }, async (req) =>
      hits.dismissHit(ctx, actorOf(req), req.params.id, req.body),
    );
    app.get('/api/analytics/hits/:id/rounds', { schema: { tags, summary: '临时比对疑点可分配的巡察轮次（该村为巡察对象的进行中轮次及其巡察组）', params: idParams } }, async (req) => ({
      items: await hits.assignableRounds(ctx, actorOf(req), req.params.id),
    }));
    app.post('/api/analytics/hits/:id/assign', { schema: { tags, summary: '把临时比对疑点分配到巡察轮次（巡察办），由该村的巡察组核实', params: idParams, body: hits.assignInput } }, async (req) =>
      hits.assignHit(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/analytics/hits/:id/reopen', { schema: { tags, summary: '重新打开已核实的疑点（巡察办）', params: idParams, body: hits.reopenInput } }, async (req) =>
      hits.reopenHit(ctx, actorOf(req), req.params.id, req.body),
    );
  };
}
