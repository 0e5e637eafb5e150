import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { metricsRoutes } from './metrics.routes';

/** Routes of 整改成效: effect rates with drill-down, the 100-point evaluation per town, .docx drafts. */
export function rectificationMetricsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(metricsRoutes(ctx));
  };
}
