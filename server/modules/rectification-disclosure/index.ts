import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes of 整改情况公开: exemptions, office approval and the public page. */
export function rectificationDisclosureRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
