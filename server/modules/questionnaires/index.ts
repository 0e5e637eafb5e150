import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes of 问卷: questionnaires built and published per round and target, anonymous answers, results. */
export function questionnairesRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
