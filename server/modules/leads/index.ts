import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { leadRoutes } from './leads.routes';

/** Routes under /api/leads/…: leads (问题线索), their transfer, disposition, outcomes and deadlines. */
export function leadsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(leadRoutes(ctx));
  };
}

export {
  createLead,
  updateLead,
  deleteLead,
  transferLead,
  recallLead,
  receiveLead,
  returnLead,
  disposeLead,
  addOutcome,
  deleteOutcome,
  reportLead,
  reopenLead,
  listLeads,
  getLead,
  leadSummary,
  ledgerRows,
  leadsLedger,
  transferLetter,
  addLeadAttachment,
  deleteLeadAttachment,
  checkLeadFileAccess,
  LEAD_FILE_OWNER,
  getLeadSettings,
  updateLeadSettings,
  reportMonths,
  type LeadOut,
  type OutcomeOut,
} from './leads.service';
export { countNotTransferred as countLeadsNotTransferred } from './leads.repository';
