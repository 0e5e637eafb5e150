import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes of 整改成效: effect rates with drill-down, the 100-point evaluation per town, .docx drafts. */
export function rectificationMetricsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
