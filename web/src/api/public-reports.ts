/**
 * Typed calls of 码上巡 (staff side) and the query keys its page shares. Shapes follow
 * server/modules/public-reports/public-reports.routes.ts; the inbox's report shapes are the domain's
 * (domain/public-reports/report-types.ts), the ones server/modules/public-reports/inbox.service.ts returns.
 */
import type { Identity } from '../../../domain/public-reports/identity';
import type { PosterText } from '../../../domain/public-reports/notice';
import type { ReportDetail, ReportSummary as ReportRow } from '../../../domain/public-reports/report-types';
import type { ForwardReason, ReportStatus, TriageAction } from '../../../domain/public-reports/triage';
import { api } from './client';
import type { ListOf } from './types';

export interface KeyStatus {
  exists: boolean;
  keyId: string | null;
  createdAt: string | null;
  canSetUp: boolean;
}

export interface PosterCode {
  id: string;
  code: string;
  codeShown: string;
  scope: 'target' | 'team';
  scopeName: string;
  name: string;
  teamName: string | null;
  path: string;
  url: string;
  qrCode: string;
}

export type { ReportDetail, ReportRow };

export interface ReportFilter {
  roundId?: string;
  status?: ReportStatus;
  q?: string;
  awaiting?: 'true';
  page: number;
  pageSize: number;
}

export interface TriageBody {
  action: Exclude<TriageAction, 'link'>;
  intoId?: string;
  reason?: ForwardReason;
  note?: string;
  body?: string;
  reply?: string;
}

export const publicReportKeys = {
  all: ['public-reports'] as const,
  key: () => ['public-reports', 'key'] as const,
  codes: (roundId: string) => ['public-reports', 'codes', roundId] as const,
  list: (f: ReportFilter) => ['public-reports', 'list', f] as const,
  report: (id: string) => ['public-reports', 'report', id] as const,
};

const r = (id: string) => `/api/public-reports/reports/${id}`;

export const publicReportsApi = {
  key: () => api.get<KeyStatus>('/api/public-reports/key'),
  setUpKey: (passphrase: string, confirm: string) => api.post<KeyStatus>('/api/public-reports/key', { passphrase, confirm }),
  codes: (roundId: string) => api.get<ListOf<PosterCode>>('/api/public-reports/codes', { roundId }),
  generateCodes: (roundId: string) => api.post<ListOf<PosterCode> & { created: number }>('/api/public-reports/codes', { roundId }),
  list: (f: ReportFilter) => api.get<ListOf<ReportRow>>('/api/public-reports/reports', { ...f }),
  report: (id: string) => api.get<ReportDetail>(r(id)),
  reply: (id: string, body: string) => api.post<ReportDetail>(`${r(id)}/messages`, { body }),
  triage: (id: string, body: TriageBody) => api.post<ReportDetail>(`${r(id)}/triage`, body),
  reveal: (id: string, reason: string, passphrase: string) => api.post<{ identity: Identity; keyId: string }>(`${r(id)}/reveal`, { reason, passphrase }),
  attachmentUrl: (id: string, attachmentId: string) => `${r(id)}/attachments/${attachmentId}`,
};

// — 巡察公告: notice facts per round × team, posters —

export interface PublicNotice {
  teamId: string;
  teamName: string;
  saved: boolean;
  phone: string;
  mailbox: string;
  email: string | null;
  receptionPlace: string | null;
  receptionHours: string | null;
  onSiteFrom: string;
  onSiteTo: string;
  petitionCutoff: string;
  version: number | null;
  updatedByName: string | null;
  updatedAt: string | null;
  targets: { id: string; name: string; hasCode: boolean }[];
}

export interface PublicNotices {
  roundId: string;
  roundLabel: string;
  startDate: string;
  endDate: string;
  canEdit: boolean;
  items: PublicNotice[];
  total: number;
}

export interface NoticeBody {
  phone: string;
  mailbox: string;
  email?: string | null;
  receptionPlace?: string | null;
  receptionHours?: string | null;
  onSiteFrom: string;
  onSiteTo: string;
  petitionCutoff: string;
  version?: number;
}

export interface PosterPage {
  targetId: string;
  targetName: string;
  teamName: string;
  code: string;
  codeShown: string;
  url: string;
  qrCode: string;
  text: PosterText;
}

export const noticeKeys = {
  notices: (roundId: string) => ['public-reports', 'notices', roundId] as const,
  posters: (roundId: string, targetId?: string) => ['public-reports', 'posters', roundId, targetId ?? 'all'] as const,
};

export const noticesApi = {
  notices: (roundId: string) => api.get<PublicNotices>('/api/public-reports/notices', { roundId }),
  saveNotice: (roundId: string, teamId: string, body: NoticeBody) => api.put<PublicNotice>(`/api/public-reports/notices/${roundId}/${teamId}`, body),
  posters: (roundId: string, targetId?: string) => api.get<{ roundLabel: string; items: PosterPage[]; total: number }>('/api/public-reports/poster-pages', targetId ? { roundId, targetId } : { roundId }),
  roundDocxUrl: (roundId: string) => `/api/public-reports/posters?roundId=${encodeURIComponent(roundId)}`,
  targetDocxUrl: (targetId: string) => `/api/public-reports/posters/${targetId}.docx`,
};
