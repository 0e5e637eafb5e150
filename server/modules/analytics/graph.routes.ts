import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildGraph, graphQuery, suggestSubjects, suggestQuery } from '../../analytics/graph';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';

/** 大数据比对 关系图谱: the graph of a cadre or company behind the suspicion points. */
export function graphRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['大数据比对'];
    app.get(
      '/api/analytics/graph',
      { schema: { tags, summary: '关系图谱（干部或企业的亲属、企业、付款、合同、投标、补贴和疑点）', querystring: graphQuery } },
      async (req) => buildGraph(ctx, actorOf(req), req.query),
    );
    app.get('/api/analytics/graph/subjects', { schema: { tags, summary: '关系图谱的查询对象建议（村干部及亲属）', querystring: suggestQuery } }, async (req) => ({
      items: await suggestSubjects(ctx, actorOf(req), req.query.q),
    }));
  };
}
