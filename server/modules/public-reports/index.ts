import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { publicReportRoutes } from './public-reports.routes';

export { startUploadSweepTimer, sweepOrphanUploads } from './uploads-sweep';

/** Routes of 码上巡: poster codes, the public report page and API, receipts and messages, the teams' and office's inbox. */
export function publicReportsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(publicReportRoutes(ctx));
  };
}
