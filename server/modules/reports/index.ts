import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { reportRoutes } from './reports.routes';

/** Routes under /api/reports/…: 巡察报告, 专题报告, feedback in order, 巡察建议书, 移交事项 and their documents. */
export function reportsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(reportRoutes(ctx));
  };
}

export { roundForActor, targetForActor } from './access';
export {
  assembleReport,
  editReport,
  hearReport,
  approveReport,
  reopenReport,
  recordFeedback,
  getTargetReport,
  listTargets,
  createSpecialReport,
  updateSpecialReport,
  deleteSpecialReport,
  listSpecialReports,
  type TargetReportDetail,
  type ReportOut,
} from './reports.service';
export {
  createSuggestion,
  updateSuggestion,
  sendSuggestion,
  replySuggestion,
  deleteSuggestion,
  listSuggestions,
  createTransferItem,
  completeTransferItem,
  deleteTransferItem,
  listTransferItems,
  listDepartments,
  type SuggestionOut,
  type TransferOut,
} from './tracking.service';
export { reportDocx, feedbackDocx, problemListDocx } from './reports.documents';
