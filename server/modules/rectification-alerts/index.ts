import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { alertRoutes } from './alerts.routes';

/** Routes of 三色预警: the office's board and settings, each user's to-do list, reminders, talks and accountability. */
export function rectificationAlertsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(alertRoutes(ctx));
  };
}

export { runAlerts, startAlertTimer, type AlertRunResult } from './alerts.service';
