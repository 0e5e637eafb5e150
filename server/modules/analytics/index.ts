import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** 大数据比对: datasets, the comparison-model library, runs and suspicion points under /api/analytics/…. */
export function analyticsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
