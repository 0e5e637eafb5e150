import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { archiveRouteList } from './archive.routes';

/** Routes under /api/archive/…: 立卷归档 — a target's case file by stage, completeness, .zip export with 目录.xlsx. */
export function archiveRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(archiveRouteList(ctx));
  };
}

export { getTargetArchive, roundOverview, exportTarget, exportRound, type ArchiveCounts, type ArchiveEntryOut } from './archive.service';
