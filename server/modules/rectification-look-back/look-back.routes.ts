import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lookBackCreateInput, lookBackVerdictInput } from '../../../domain/rectification';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import * as svc from './look-back.service';

const filters = {
  roundId: z.string().uuid('轮次编号格式不正确').optional(),
  townCode: z.string().regex(/^\d{9}$/, '镇（街道）代码应为 9 位数字').optional(),
};
const targetParams = z.object({ targetId: z.string().max(64) });
const linkParams = z.object({ linkId: z.string().max(64) });
const itemParams = z.object({ itemId: z.string().max(64) });

export function lookBackRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rectification'];

    app.get(
      '/api/rectification/look-back/candidates',
      { schema: { tags, summary: '回头看名单：因整改逾期、被退回、群众评议不满意过半需要回头看的村（社区）及其事项（按来源轮次、镇筛选）', querystring: z.object({ ...filters, ...pageQuery }) } },
      async (req) => svc.listCandidates(ctx, actorOf(req), req.query),
    );
    app.post(
      '/api/rectification/look-back',
      { schema: { tags, summary: '创建回头看：为所选村（社区）新建回头看轮次（或加入准备阶段的已有轮次），每村一个“回头看”巡察对象，关联其原整改事项和问题', body: lookBackCreateInput } },
      async (req, reply) => reply.status(201).send(await svc.createLookBack(ctx, actorOf(req), req.body)),
    );
    app.get('/api/rectification/look-back/rounds', { schema: { tags, summary: '有回头看对象的轮次' } }, async (req) => svc.listLookBackRounds(ctx, actorOf(req)));
    app.get(
      '/api/rectification/look-back/targets',
      { schema: { tags, summary: '回头看对象列表（按轮次、镇筛选），附复查结论统计', querystring: z.object({ ...filters, ...pageQuery }) } },
      async (req) => svc.listTargets(ctx, actorOf(req), req.query),
    );
    app.get('/api/rectification/look-back/targets/:targetId', { schema: { tags, summary: '回头看对象：关联的原整改事项和问题、当前状态、复查结论', params: targetParams } }, async (req) =>
      svc.getTarget(ctx, actorOf(req), req.params.targetId),
    );
    app.post(
      '/api/rectification/look-back/links/:linkId/verdict',
      { schema: { tags, summary: '作出复查结论（整改到位 / 整改不到位 / 虚假整改）；不到位或虚假整改的已销号事项重新打开、待核查或待销号审核的退回整改', params: linkParams, body: lookBackVerdictInput } },
      async (req) => svc.recordVerdict(ctx, actorOf(req), req.params.linkId, req.body),
    );
    app.get('/api/rectification/look-back/items/:itemId', { schema: { tags, summary: '整改事项的回头看记录', params: itemParams } }, async (req) => svc.itemLookBacks(ctx, actorOf(req), req.params.itemId));
  };
}
