import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { questionnaireRoutes } from './questionnaires.routes';

/** Routes of 问卷: staff under /api/questionnaires/…, the public's /api/public/questionnaires/:slug and /p/q/:slug. */
export function questionnairesRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(questionnaireRoutes(ctx));
  };
}
