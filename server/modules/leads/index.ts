import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/leads/… (filled in by the leads module). */
export function leadsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
