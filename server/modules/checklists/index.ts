import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/checklists/… (filled in by the checklists module). */
export function checklistsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
