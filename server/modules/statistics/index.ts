import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/statistics/… (filled in by the statistics module). */
export function statisticsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
