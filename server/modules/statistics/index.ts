import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { statisticsApiRoutes } from './statistics.routes';

/** Routes under /api/statistics/…: 巡察统计 (overview, village table, drill-down, .xlsx of every table). */
export function statisticsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(statisticsApiRoutes(ctx));
  };
}
