/**
 * The links between the public's reports (码上巡) and findings / leads as the API sends them:
 * server/modules/public-reports/links.service.ts returns these shapes and
 * web/src/api/public-report-links.ts reads them, so the type check proves that both sides agree.
 * Types only (instants are ISO strings, days YYYY-MM-DD: this is the JSON). Nothing here names who
 * reported or what was written.
 */
import type { ReportStatus } from './triage';

/** A link of a report, live or unlinked (kept with the reason), as the inbox shows it. */
export interface ReportLink {
  id: string;
  kind: 'finding' | 'lead';
  targetId: string;
  /** 问题底稿第001号 / 问题线索第001号 */
  label: string;
  title: string;
  statusName: string;
  /** the finding's or the lead's page */
  link: string;
  linkedAt: string;
  linkedByName: string | null;
  live: boolean;
  unlinkedAt: string | null;
  unlinkedByName: string | null;
  unlinkReason: string | null;
}

/** A finding or lead of the report's round and village (or a town-level one of its town) to link. */
export interface LinkCandidate {
  id: string;
  label: string;
  title: string;
  statusName: string;
  /** a town-level finding or lead (no village) */
  townLevel: boolean;
  /** already linked live to this report */
  linked: boolean;
}

/** GET /api/public-reports/reports/:id/link-candidates */
export interface LinkCandidates {
  findings: LinkCandidate[];
  leads: LinkCandidate[];
}

/** A report that fed a finding or lead, as the finding's and the lead's pages list it (GET /api/public-reports/links). */
export interface SourceReport {
  id: string;
  number: number;
  label: string;
  categoryName: string;
  /** YYYY-MM-DD */
  receivedOn: string;
  status: ReportStatus;
  statusName: string;
  targetName: string;
  /** YYYY-MM-DD (China) */
  linkedOn: string;
  /** the inbox item, when the caller may open it */
  link: string | null;
}
