import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/rectification/… (filled in by the rectification module). */
export function rectificationRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
