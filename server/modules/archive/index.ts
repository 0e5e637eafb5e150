import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/archive/… (filled in by the archive module). */
export function archiveRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
