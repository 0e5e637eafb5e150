import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/context';

/** Long work as rows of the jobs table: progress, cancel, and the in-process runner. */
export function jobsRoutes(_ctx: AppContext) {
  return async (_fastify: FastifyInstance) => {};
}
