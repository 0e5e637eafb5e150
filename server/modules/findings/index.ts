import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/findings/… (filled in by the findings module). */
export function findingsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
