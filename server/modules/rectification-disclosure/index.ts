import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { disclosureRoutes } from './disclosure.routes';

/** Routes of 整改情况公开: staff under /api/rectification/disclosure/…, the public /api/public/disclosure/:slug and /p/disclosure/:slug. */
export function rectificationDisclosureRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(disclosureRoutes(ctx));
  };
}
