import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { STATUS_BY_CODE } from '../../http/errors';
import { pageQuery } from '../../http/pagination';
import { attachmentHeader } from '../checklists';
import { ratingPageCsp } from '../rectification-ratings/ratings.page';
import { questionnaireErrorPage, questionnairePage } from './questionnaire.page';
import { publicClientKey } from '../public-reports/rate-limiter';
import * as svc from './questionnaires.service';

const idParams = z.object({ id: z.string().max(64) });
const slugParams = z.object({ slug: z.string().max(64) });
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function questionnaireRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['questionnaires'];
    const base = '/api/questionnaires';
    // Answers are limited in the service, in the database (the domain's questionnaire_answer and access_code
    // policies, across restarts and instances); the in-memory per-address cap here is flood protection only.
    // Public routes log nothing below warn, so no request line carries an address (decision 0009).
    const readConfig = { public: true, rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } };
    const answerConfig = { public: true, rateLimit: { max: Math.max(60, ctx.config.loginRatePerMinute), timeWindow: '1 minute' } };
    const quiet = { logLevel: 'warn' as const };

    // — staff —
    app.get(
      base,
      {
        schema: {
          tags,
          summary: '问卷列表（按标题或巡察对象搜索，按状态、轮次筛选）',
          querystring: z.object({ q: z.string().max(100).optional(), status: z.enum(['draft', 'published', 'closed']).optional(), roundId: z.string().uuid('轮次编号格式不正确').optional(), ...pageQuery }),
        },
      },
      async (req) => svc.list(ctx, actorOf(req), req.query),
    );
    app.post(base, { schema: { tags, summary: '新建问卷（从内置问卷或空白开始）', body: svc.createInput } }, async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body)));
    app.get(`${base}/:id`, { schema: { tags, summary: '问卷详情：题目、作答方式、发布后的链接和二维码', params: idParams } }, async (req) => svc.get(ctx, actorOf(req), req.params.id, origin(req)));
    app.put(`${base}/:id`, { schema: { tags, summary: '修改问卷（仅草稿）：题目、轮次和对象、作答方式、作答日期', params: idParams, body: svc.updateInput } }, async (req) =>
      svc.update(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(`${base}/:id/publish`, { schema: { tags, summary: '发布问卷（生成公开链接和二维码，题目不能再修改）', params: idParams } }, async (req) =>
      svc.publish(ctx, actorOf(req), req.params.id, origin(req)),
    );
    app.post(`${base}/:id/close`, { schema: { tags, summary: '结束问卷（不再接受作答）', params: idParams } }, async (req) => svc.close(ctx, actorOf(req), req.params.id));
    app.post(`${base}/:id/access-codes`, { schema: { tags, summary: '生成一次性验证码（只显示这一次，供打印纸质问卷）', params: idParams, body: svc.codesInput } }, async (req, reply) =>
      reply.status(201).send(await svc.generateCodes(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.get(`${base}/:id/results`, { schema: { tags, summary: '问卷结果：每题的选项计数和比例、评分均值、填空内容', params: idParams } }, async (req) => svc.results(ctx, actorOf(req), req.params.id));
    app.get(`${base}/:id/export`, { schema: { tags, summary: '导出全部答卷为 .xlsx', params: idParams } }, async (req, reply) => {
      const file = await svc.exportAnswers(ctx, actorOf(req), req.params.id);
      return reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', attachmentHeader(file.fileName)).send(file.buffer);
    });

    // — the public, no account —
    app.get('/api/public/questionnaires/:slug', { ...quiet, config: readConfig, schema: { tags: ['public'], summary: '公开问卷：题目和作答说明', params: slugParams, security: [] } }, async (req) =>
      svc.publicQuestionnaire(ctx, req.params.slug),
    );
    app.post(
      '/api/public/questionnaires/:slug',
      { ...quiet, config: answerConfig, schema: { tags: ['public'], summary: '提交问卷答案（不记名；每台设备或每个验证码只能作答一次）', params: slugParams, body: svc.answerInput, security: [] } },
      async (req) => svc.submitAnswers(ctx, req.log, publicClientKey(ctx, req.ip), req.params.slug, req.body),
    );
    app.get('/p/q/:slug', { ...quiet, config: readConfig, schema: { tags: ['public'], summary: '问卷作答页面（HTML）', params: slugParams, security: [] } }, async (req, reply) => {
      const nonce = randomBytes(16).toString('base64');
      reply.header('content-security-policy', ratingPageCsp(nonce)).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8');
      try {
        return reply.send(questionnairePage(req.params.slug, await svc.publicQuestionnaire(ctx, req.params.slug), nonce));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return reply.status(STATUS_BY_CODE[e.code]).send(questionnaireErrorPage(e.message, nonce));
      }
    });
  };
}
