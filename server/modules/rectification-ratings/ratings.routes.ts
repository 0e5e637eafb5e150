import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ratingSubmitInput } from '../../../domain/rectification';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { STATUS_BY_CODE } from '../../http/errors';
import { pageQuery } from '../../http/pagination';
import { ratingErrorPage, ratingPage, ratingPageCsp } from './ratings.page';
import * as svc from './ratings.service';

const sessionId = z.object({ id: z.string().max(64) });
const repParams = z.object({ id: z.string().max(64), repId: z.string().max(64) });
const tokenParams = z.object({ token: z.string().max(200) });
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function ratingRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rectification'];
    // the public link is guessed at no faster than a login
    const publicConfig = { public: true, rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } };

    // — staff —
    app.get(
      '/api/rectification/ratings/villages',
      { schema: { tags, summary: '群众评议：本轮有整改事项的村（社区）及其评议场次', querystring: z.object({ roundId: z.string({ message: '请选择巡察轮次' }).max(64) }) } },
      async (req) => svc.listRoundVillages(ctx, actorOf(req), req.query.roundId),
    );
    app.get(
      '/api/rectification/ratings/sessions',
      {
        schema: {
          tags,
          summary: '群众评议场次列表（按轮次、村筛选）',
          querystring: z.object({
            roundId: z.string().uuid('轮次编号格式不正确').optional(),
            villageCode: z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字').optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.listSessions(ctx, actorOf(req), req.query),
    );
    app.post(
      '/api/rectification/ratings/sessions',
      { schema: { tags, summary: '组织群众评议：为本轮某村（社区）的整改事项添加群众代表，生成一次性评议链接和二维码（只显示这一次）', body: svc.sessionCreateInput } },
      async (req, reply) => reply.status(201).send(await svc.createSession(ctx, actorOf(req), req.body, origin(req))),
    );
    app.get('/api/rectification/ratings/sessions/:id', { schema: { tags, summary: '群众评议详情：群众代表、各事项评议结果、群众满意率、回头看标记', params: sessionId } }, async (req) =>
      svc.getSession(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/rectification/ratings/sessions/:id/representatives',
      { schema: { tags, summary: '添加群众代表（生成一次性评议链接和二维码）', params: sessionId, body: svc.representativesAddInput } },
      async (req, reply) => reply.status(201).send(await svc.addRepresentatives(ctx, actorOf(req), req.params.id, req.body, origin(req))),
    );
    app.post('/api/rectification/ratings/sessions/:id/representatives/:repId/revoke', { schema: { tags, summary: '作废群众代表的评议链接（尚未评议的）', params: repParams } }, async (req) =>
      svc.revokeRepresentative(ctx, actorOf(req), req.params.id, req.params.repId),
    );
    app.post('/api/rectification/ratings/sessions/:id/representatives/:repId/reissue', { schema: { tags, summary: '重新生成评议链接（原链接作废）', params: repParams } }, async (req) =>
      svc.reissueRepresentative(ctx, actorOf(req), req.params.id, req.params.repId, origin(req)),
    );
    app.post('/api/rectification/ratings/sessions/:id/close', { schema: { tags, summary: '结束群众评议（未使用的链接随之失效）', params: sessionId } }, async (req) =>
      svc.closeSession(ctx, actorOf(req), req.params.id),
    );

    // — the representative, no account —
    app.get('/api/public/rating/:token', { config: publicConfig, schema: { tags: ['public'], summary: '群众代表查看待评议的整改事项（一次性链接）', params: tokenParams, security: [] } }, async (req) =>
      svc.publicRating(ctx, req.params.token),
    );
    app.post(
      '/api/public/rating/:token',
      { config: publicConfig, schema: { tags: ['public'], summary: '群众代表提交评议（全部事项一次提交，每个链接只能提交一次）', params: tokenParams, body: ratingSubmitInput, security: [] } },
      async (req) => svc.submitRating(ctx, req.params.token, req.body),
    );
    app.get('/p/rate/:token', { config: publicConfig, schema: { tags: ['public'], summary: '群众代表评议页面（HTML）', params: tokenParams, security: [] } }, async (req, reply) => {
      const nonce = randomBytes(16).toString('base64');
      reply.header('content-security-policy', ratingPageCsp(nonce)).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8');
      try {
        const view = await svc.publicRating(ctx, req.params.token);
        return reply.send(ratingPage(req.params.token, view, nonce));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return reply.status(STATUS_BY_CODE[e.code]).send(ratingErrorPage(e.message, nonce));
      }
    });
  };
}
