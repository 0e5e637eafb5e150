import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { filesRoutes } from '../files';
import { checkMaterialFileAccess, FINDING_MATERIAL_OWNER } from '../findings';
import { checkLeadFileAccess, LEAD_FILE_OWNER } from '../leads';
import { inspectionRoutes } from './inspections.routes';
import { checkWorkRecordFileAccess, WORK_RECORD_OWNER } from './inspections.service';
import { checkPreEntryFileAccess, PRE_ENTRY_OWNER } from './pre-file.service';

/** Routes under /api/inspections/… and the download of their files, /api/files/:attachmentId. */
export function inspectionsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(inspectionRoutes(ctx));
    await fastify.register(
      filesRoutes(ctx, {
        [WORK_RECORD_OWNER]: checkWorkRecordFileAccess,
        [PRE_ENTRY_OWNER]: checkPreEntryFileAccess,
        [FINDING_MATERIAL_OWNER]: checkMaterialFileAccess,
        [LEAD_FILE_OWNER]: checkLeadFileAccess,
      }),
    );
  };
}

export { inspectionForActor, actsAsTeam, type InspectionAccess } from './access';
export {
  startInspection,
  recordStep,
  undoStep,
  addWorkRecord,
  updateWorkRecord,
  deleteWorkRecord,
  addRecordAttachment,
  deleteRecordAttachment,
  transitionInspection,
  getWorkspace,
  listInspections,
  listWorkRecords,
  inspectionFacts,
  type Workspace,
  type WorkRecordOut,
  type TransitionBody,
  WORK_RECORD_OWNER,
} from './inspections.service';
export {
  addPreInspectionEntry,
  updatePreInspectionEntry,
  deletePreInspectionEntry,
  addPreEntryAttachment,
  deletePreEntryAttachment,
  getPreFile,
  PRE_ENTRY_OWNER,
} from './pre-file.service';
