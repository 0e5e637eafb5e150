import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';

/** Routes of 码上巡: poster codes, the public report page and API, receipts and messages, the teams' and office's inbox. */
export function publicReportsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
