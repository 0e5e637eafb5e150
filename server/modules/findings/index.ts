import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { findingRoutes } from './findings.routes';

/** Routes under /api/findings/… (the files of supporting materials download through /api/files, see inspections/index.ts). */
export function findingsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(findingRoutes(ctx));
  };
}

export { findingForActor, townTargetForActor, type FindingPlace } from './access';
export {
  createFinding,
  updateFinding,
  deleteFinding,
  submitFinding,
  reviewFinding,
  reopenFinding,
  addMaterial,
  updateMaterial,
  deleteMaterial,
  addMaterialAttachment,
  deleteMaterialAttachment,
  checkMaterialFileAccess,
  getFinding,
  listFindings,
  FINDING_MATERIAL_OWNER,
  FINDING_PHASES,
  type FindingDetail,
} from './findings.service';
export { workingPaper, immediateNotice } from './findings.documents';
