/**
 * Typed calls of reports and feedback (巡察报告, 专题报告, feedback in order, 巡察建议书, 移交事项) and the
 * query keys their components share. Shapes follow server/modules/reports/reports.routes.ts.
 */
import type { FeedbackInput, HearingInput, SpecialReportInput, SuggestionInput, SuggestionSendInput, TransferItemInput } from '../../../domain/reports/inputs';
import type { ReportAction, ReportSection, ReportStatus } from '../../../domain/reports/report';
import type { Clock, SuggestionStatus, TransferStatus } from '../../../domain/reports/tracking';
import { api, withQuery } from './client';
import type { ListOf } from './types';

export interface ReportTargetRow {
  id: string;
  kind: string;
  code: string;
  name: string;
  teamName: string | null;
  reportStatus: ReportStatus | null;
  reportStatusName: string;
  approvedFindings: number;
  feedbackOn: string | null;
  villageFeedbacks: number;
}

export interface ReportOut {
  id: string;
  kind: 'inspection' | 'special';
  title: string;
  body: ReportSection[];
  status: ReportStatus;
  statusName: string;
  heardOn: string | null;
  heardNote: string;
  approvedOn: string | null;
  approvedBy: string | null;
  createdBy: string | null;
  version: number;
  updatedAt: string;
  actions: ReportAction[];
}

export interface FeedbackOut {
  id: string;
  villageCode: string | null;
  unit: string;
  fedBackOn: string;
  opinion: string;
  attendees: string;
}

export interface TargetReportDetail {
  round: { id: string; label: string; phase: string; phaseName: string };
  target: { id: string; kind: string; code: string; name: string; teamName: string | null; feedbackOn: string | null };
  report: ReportOut | null;
  summary: { count: number; amount: string; immediate: number; groups: { category: string; categoryName: string; count: number; amount: string }[] };
  feedback: { villageCode: string | null; unit: string; feedback: FeedbackOut | null; problems: string[]; approvedFindings: number }[];
  villages: { code: string; name: string; approvedFindings: number }[];
  canWrite: boolean;
  canApprove: boolean;
}

export interface SuggestionOut {
  id: string;
  roundId: string;
  number: number;
  numberLabel: string;
  departmentOrgId: string;
  department: string;
  title: string;
  content: string;
  measures: string[];
  sentOn: string | null;
  replyDueOn: string | null;
  reply: string;
  repliedOn: string | null;
  status: SuggestionStatus;
  statusName: string;
  clock: Clock;
  clockName: string;
}

export interface TransferOut {
  id: string;
  roundId: string;
  numberLabel: string;
  departmentOrgId: string;
  department: string;
  finding: { id: string; title: string; villageCode: string | null; amount: string | null } | null;
  title: string;
  content: string;
  sentOn: string | null;
  dueOn: string | null;
  status: TransferStatus;
  statusName: string;
  result: string;
  completedOn: string | null;
  clock: Clock;
  clockName: string;
}

export interface Page {
  page: number;
  pageSize: number;
}

const r = (roundId: string) => `/api/reports/rounds/${encodeURIComponent(roundId)}`;
const t = (roundId: string, targetId: string) => `${r(roundId)}/targets/${encodeURIComponent(targetId)}`;

export const reportKeys = {
  all: ['reports'] as const,
  targets: (roundId: string, page: Page) => ['reports', roundId, 'targets', page] as const,
  target: (roundId: string, targetId: string) => ['reports', roundId, 'target', targetId] as const,
  specials: (roundId: string, page: Page) => ['reports', roundId, 'specials', page] as const,
  suggestions: (roundId: string, page: Page) => ['reports', roundId, 'suggestions', page] as const,
  transfers: (roundId: string, query: Page & { status?: TransferStatus }) => ['reports', roundId, 'transfers', query] as const,
  departments: (roundId: string) => ['reports', roundId, 'departments'] as const,
};

export const reportsApi = {
  targets: (roundId: string, page: Page) => api.get<ListOf<ReportTargetRow>>(`${r(roundId)}/targets`, { ...page }),
  target: (roundId: string, targetId: string) => api.get<TargetReportDetail>(t(roundId, targetId)),
  assemble: (roundId: string, targetId: string) => api.post<TargetReportDetail>(`${t(roundId, targetId)}/report`),
  edit: (roundId: string, targetId: string, body: { title: string; body: ReportSection[]; version: number }) => api.put<TargetReportDetail>(`${t(roundId, targetId)}/report`, body),
  hear: (roundId: string, targetId: string, body: HearingInput) => api.post<TargetReportDetail>(`${t(roundId, targetId)}/report/hear`, body),
  approve: (roundId: string, targetId: string, approvedOn: string) => api.post<TargetReportDetail>(`${t(roundId, targetId)}/report/approve`, { approvedOn }),
  reopen: (roundId: string, targetId: string, reason: string) => api.post<TargetReportDetail>(`${t(roundId, targetId)}/report/reopen`, { reason }),
  feedback: (roundId: string, targetId: string, body: FeedbackInput) => api.post<TargetReportDetail>(`${t(roundId, targetId)}/feedback`, body),

  specials: (roundId: string, page: Page) => api.get<ListOf<ReportOut>>(`${r(roundId)}/special-reports`, { ...page }),
  createSpecial: (roundId: string, body: SpecialReportInput) => api.post<ReportOut>(`${r(roundId)}/special-reports`, body),
  updateSpecial: (id: string, body: SpecialReportInput & { version: number }) => api.put<ReportOut>(`/api/reports/special-reports/${encodeURIComponent(id)}`, body),
  removeSpecial: (id: string) => api.delete<{ ok: true }>(`/api/reports/special-reports/${encodeURIComponent(id)}`),

  departments: (roundId: string) => api.get<ListOf<{ id: string; name: string }>>(`${r(roundId)}/departments`),

  suggestions: (roundId: string, page: Page) => api.get<ListOf<SuggestionOut>>(`${r(roundId)}/suggestions`, { ...page }),
  createSuggestion: (roundId: string, body: SuggestionInput) => api.post<SuggestionOut>(`${r(roundId)}/suggestions`, body),
  updateSuggestion: (id: string, body: SuggestionInput) => api.put<SuggestionOut>(`/api/reports/suggestions/${encodeURIComponent(id)}`, body),
  sendSuggestion: (id: string, body: SuggestionSendInput) => api.post<SuggestionOut>(`/api/reports/suggestions/${encodeURIComponent(id)}/send`, body),
  replySuggestion: (id: string, body: { reply: string; repliedOn: string }) => api.post<SuggestionOut>(`/api/reports/suggestions/${encodeURIComponent(id)}/reply`, body),
  removeSuggestion: (id: string) => api.delete<{ ok: true }>(`/api/reports/suggestions/${encodeURIComponent(id)}`),

  transfers: (roundId: string, query: Page & { status?: TransferStatus }) => api.get<ListOf<TransferOut>>(`${r(roundId)}/transfer-items`, { ...query }),
  createTransfer: (roundId: string, body: TransferItemInput) => api.post<TransferOut>(`${r(roundId)}/transfer-items`, body),
  completeTransfer: (id: string, body: { result: string; completedOn: string }) => api.post<TransferOut>(`/api/reports/transfer-items/${encodeURIComponent(id)}/complete`, body),
  removeTransfer: (id: string) => api.delete<{ ok: true }>(`/api/reports/transfer-items/${encodeURIComponent(id)}`),
};

/** Downloads of the official documents: plain links, the browser sends the session cookie (the server names the files). */
export const reportDocuments = {
  report: (roundId: string, targetId: string) => `${t(roundId, targetId)}/report.docx`,
  feedback: (roundId: string, targetId: string) => `${t(roundId, targetId)}/feedback.docx`,
  problemList: (roundId: string, targetId: string, villageCode: string) => `${t(roundId, targetId)}/villages/${encodeURIComponent(villageCode)}/problem-list.docx`,
  letter: (id: string) => `/api/reports/suggestions/${encodeURIComponent(id)}/letter.docx`,
  ledger: (roundId: string) => withQuery(`${r(roundId)}/transfer-items.xlsx`),
};
