import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/planning/… (filled in by the planning module). */
export function planningRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
