/**
 * Typed calls of the links between the public's reports and findings / leads (码上巡 关联). The answers'
 * shapes are the domain's (domain/public-reports/link-types.ts), the ones
 * server/modules/public-reports/links.service.ts returns.
 */
import type { LinkCandidate, LinkCandidates, ReportLink, SourceReport } from '../../../domain/public-reports/link-types';
import { api } from './client';
import type { ReportDetail } from './public-reports';

export type { LinkCandidate, ReportLink, SourceReport };

/** A report as the inbox reads it, with its links (the domain's ReportDetail carries them). */
export type LinkedReportDetail = ReportDetail;

export const reportLinkKeys = {
  candidates: (reportId: string, q: string) => ['public-reports', 'link-candidates', reportId, q] as const,
  sources: (by: { findingId: string } | { leadId: string }) => ['public-reports', 'sources', by] as const,
};

const r = (id: string) => `/api/public-reports/reports/${id}`;

export const reportLinksApi = {
  candidates: (reportId: string, q: string) => api.get<LinkCandidates>(`${r(reportId)}/link-candidates`, q ? { q } : {}),
  link: (reportId: string, findingIds: string[], leadIds: string[]) => api.post<LinkedReportDetail>(`${r(reportId)}/links`, { findingIds, leadIds }),
  unlink: (reportId: string, linkId: string, reason: string) => api.post<LinkedReportDetail>(`${r(reportId)}/links/${linkId}/unlink`, { reason }),
  sources: (by: { findingId: string } | { leadId: string }) => api.get<{ items: SourceReport[]; total: number }>('/api/public-reports/links', by),
};
