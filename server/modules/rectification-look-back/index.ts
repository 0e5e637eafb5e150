import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes of 回头看: candidates from the rectification state, re-inspection rounds linked to the original items, verdicts. */
export function rectificationLookBackRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
