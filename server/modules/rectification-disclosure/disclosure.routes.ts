import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { disclosurePublishInput, disclosureWithdrawInput, exemptionInput, exemptionRemoveInput } from '../../../domain/rectification';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { STATUS_BY_CODE } from '../../http/errors';
import { pageQuery } from '../../http/pagination';
import { DISCLOSURE_PAGE_CSP, disclosureErrorPage, disclosurePage } from './disclosure.page';
import * as svc from './disclosure.service';

const roundParams = z.object({ roundId: z.string().max(64) });
const itemParams = z.object({ itemId: z.string().max(64) });
const slugParams = z.object({ slug: z.string().max(100) });

export function disclosureRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rectification'];
    // a public read page: generous, but bounded per address
    const publicConfig = { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } };

    // — staff —
    app.get(
      '/api/rectification/disclosure/rounds/:roundId',
      { schema: { tags, summary: '整改情况公开：本轮公开状态、公开链接、已审批的版本', params: roundParams } },
      async (req) => svc.getDisclosure(ctx, actorOf(req), req.params.roundId),
    );
    app.get(
      '/api/rectification/disclosure/rounds/:roundId/items',
      { schema: { tags, summary: '整改情况公开：本轮整改事项是否可以公开及原因（分页）', params: roundParams, querystring: svc.candidatesQuery.extend(pageQuery) } },
      async (req) => svc.listCandidates(ctx, actorOf(req), req.params.roundId, req.query),
    );
    app.get(
      '/api/rectification/disclosure/rounds/:roundId/preview',
      { schema: { tags, summary: '预览公开内容（审批发布后公开页面显示的正是这些内容）及其校验值', params: roundParams } },
      async (req) => svc.previewDisclosure(ctx, actorOf(req), req.params.roundId),
    );
    app.post(
      '/api/rectification/disclosure/rounds/:roundId/publish',
      { schema: { tags, summary: '巡察办审批发布（或重新发布）预览过的公开内容', params: roundParams, body: disclosurePublishInput } },
      async (req) => svc.publishDisclosure(ctx, actorOf(req), req.params.roundId, req.body),
    );
    app.post(
      '/api/rectification/disclosure/rounds/:roundId/withdraw',
      { schema: { tags, summary: '撤回整改情况公开（须填写理由；公开页面随即不可访问）', params: roundParams, body: disclosureWithdrawInput } },
      async (req) => svc.withdrawDisclosure(ctx, actorOf(req), req.params.roundId, req.body),
    );
    app.get(
      '/api/rectification/disclosure/items/:itemId/exemptions',
      { schema: { tags, summary: '整改事项的不予公开标记记录（含已取消的）', params: itemParams } },
      async (req) => svc.exemptionHistory(ctx, actorOf(req), req.params.itemId),
    );
    app.post(
      '/api/rectification/disclosure/items/:itemId/exemption',
      { schema: { tags, summary: '标记整改事项不予公开（五种情形之一）', params: itemParams, body: exemptionInput } },
      async (req) => svc.markExempt(ctx, actorOf(req), req.params.itemId, req.body),
    );
    app.post(
      '/api/rectification/disclosure/items/:itemId/exemption/remove',
      { schema: { tags, summary: '取消不予公开标记（须填写理由）', params: itemParams, body: exemptionRemoveInput } },
      async (req) => svc.removeExemption(ctx, actorOf(req), req.params.itemId, req.body),
    );

    // — the public, no account —
    app.get(
      '/api/public/disclosure/:slug',
      { config: publicConfig, schema: { tags: ['public'], summary: '整改情况公开内容（经巡察办审批发布的版本）', params: slugParams, security: [] } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return svc.publicDisclosure(ctx, req.params.slug);
      },
    );
    app.get('/p/disclosure/:slug', { config: publicConfig, schema: { tags: ['public'], summary: '整改情况公开页面（HTML）', params: slugParams, security: [] } }, async (req, reply) => {
      // no-store: a withdrawal takes effect at once
      reply.header('content-security-policy', DISCLOSURE_PAGE_CSP).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8');
      try {
        return reply.send(disclosurePage(await svc.publicDisclosure(ctx, req.params.slug)));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return reply.status(STATUS_BY_CODE[e.code]).send(disclosureErrorPage(e.message));
      }
    });
  };
}
