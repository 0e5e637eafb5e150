import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/reports/… (filled in by the reports module). */
export function reportsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
