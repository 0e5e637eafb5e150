import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { planRoutes } from './plans.routes';

/** Routes under /api/rectification/plans/…: 整改方案 and its joint review, 整改情况报告, 镇向村反馈. */
export function rectificationPlansRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(planRoutes(ctx));
  };
}

export { reportMonths as planReportMonths, reviewerOf as planReviewerOf, PLAN_OWNER, TOWN_REPORT_OWNER, type TownDetail } from './plans.service';
