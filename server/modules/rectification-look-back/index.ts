import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { lookBackRoutes } from './look-back.routes';

/** Routes of 回头看 under /api/rectification/look-back/…: candidates, creation, targets with their links, verdicts. */
export function rectificationLookBackRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(lookBackRoutes(ctx));
  };
}
