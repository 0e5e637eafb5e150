import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes under /api/inspections/… (filled in by the inspections module). */
export function inspectionsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
