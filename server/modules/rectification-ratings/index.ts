import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { ratingRoutes } from './ratings.routes';

/** Routes of 群众评议: staff under /api/rectification/ratings/…, the representative's /api/public/rating/:token and /p/rate/:token. */
export function rectificationRatingsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(ratingRoutes(ctx));
  };
}

export { ratingTallyForItem } from './ratings.service';
