/**
 * Typed calls of the links between the public's reports and findings / leads (码上巡 关联). Shapes follow
 * server/modules/public-reports/links.service.ts.
 */
import type { ReportStatus } from '../../../domain/public-reports/triage';
import { api } from './client';
import type { ReportDetail } from './public-reports';

export interface ReportLink {
  id: string;
  kind: 'finding' | 'lead';
  targetId: string;
  label: string;
  title: string;
  statusName: string;
  link: string;
  linkedAt: string;
  linkedByName: string | null;
  live: boolean;
  unlinkedAt: string | null;
  unlinkedByName: string | null;
  unlinkReason: string | null;
}

/** A report as the inbox reads it, with its links. */
export type LinkedReportDetail = ReportDetail & { links: ReportLink[]; canUnlink: boolean };

export interface LinkCandidate {
  id: string;
  label: string;
  title: string;
  statusName: string;
  townLevel: boolean;
  linked: boolean;
}

export interface SourceReport {
  id: string;
  number: number;
  label: string;
  categoryName: string;
  receivedOn: string;
  status: ReportStatus;
  statusName: string;
  targetName: string;
  linkedOn: string;
  link: string | null;
}

export const reportLinkKeys = {
  candidates: (reportId: string, q: string) => ['public-reports', 'link-candidates', reportId, q] as const,
  sources: (by: { findingId: string } | { leadId: string }) => ['public-reports', 'sources', by] as const,
};

const r = (id: string) => `/api/public-reports/reports/${id}`;

export const reportLinksApi = {
  candidates: (reportId: string, q: string) => api.get<{ findings: LinkCandidate[]; leads: LinkCandidate[] }>(`${r(reportId)}/link-candidates`, q ? { q } : {}),
  link: (reportId: string, findingIds: string[], leadIds: string[]) => api.post<LinkedReportDetail>(`${r(reportId)}/links`, { findingIds, leadIds }),
  unlink: (reportId: string, linkId: string, reason: string) => api.post<LinkedReportDetail>(`${r(reportId)}/links/${linkId}/unlink`, { reason }),
  sources: (by: { findingId: string } | { leadId: string }) => api.get<{ items: SourceReport[]; total: number }>('/api/public-reports/links', by),
};
