/**
 * Typed calls of leads (问题线索) and the query keys their pages share.
 * Shapes follow server/modules/leads/leads.routes.ts.
 */
import type { Deadline } from '../../../domain/leads/deadline';
import type { LeadCreateInput, LeadDisposeInput, LeadOutcomeInput, LeadReceiveInput, LeadReportInput, LeadTransferInput, LeadUpdateInput } from '../../../domain/leads/inputs';
import type { LeadAction, LeadAuthority, LeadDisposition, LeadStatus } from '../../../domain/leads/lead';
import { api, withQuery } from './client';
import type { Attachment } from './inspections';
import type { ListOf } from './types';

export interface LeadPerson {
  name: string;
  cadreId: string | null;
  position: string;
}

export interface Lead {
  id: string;
  number: number;
  code: string;
  roundId: string;
  roundLabel: string;
  targetId: string;
  targetName: string;
  teamName: string | null;
  inspectionId: string | null;
  findingId: string | null;
  villageCode: string | null;
  villageName: string | null;
  townCode: string;
  townName: string | null;
  summary: string;
  evidence: string;
  persons: LeadPerson[];
  authority: LeadAuthority;
  authorityName: string;
  otherBody: string | null;
  receivingOrgId: string | null;
  receivingOrgName: string | null;
  receiverName: string | null;
  status: LeadStatus;
  statusName: string;
  letterNo: string | null;
  transferredOn: string | null;
  receivedOn: string | null;
  receivedByName: string | null;
  disposition: LeadDisposition | null;
  dispositionName: string | null;
  dispositionOn: string | null;
  caseOpenedOn: string | null;
  handlingReport: string;
  reportedOn: string | null;
  closedOn: string | null;
  deadline: Deadline | null;
  version: number;
  actions: LeadAction[];
  createdAt: string;
  updatedAt: string;
}

export interface LeadOutcome {
  id: string;
  personName: string;
  cadreId: string | null;
  kind: string;
  kindName: string;
  measure: string;
  measureName: string;
  decidedOn: string;
  note: string;
}

export interface LeadHistoryEntry {
  at: string;
  actorName: string;
  action: string;
  actionName: string;
  reason: string | null;
}

export interface LeadDetail extends Lead {
  attachments: Attachment[];
  /** whether the user may add or remove files now */
  canAttach: boolean;
  outcomes: LeadOutcome[];
  history: LeadHistoryEntry[];
}

export interface LeadFilter {
  roundId?: string;
  status?: string;
  flag?: string;
  authority?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface LeadSummary {
  total: number;
  byStatus: Record<LeadStatus, number>;
  dueSoon: number;
  overdue: number;
  cases: number;
  reportMonths: number;
  dueSoonDays: number;
  today: string;
}

export interface LeadSettings {
  reportMonths: number;
  dueSoonDays: number;
}

const path = (id: string) => `/api/leads/${encodeURIComponent(id)}`;

export const leadKeys = {
  all: ['leads'] as const,
  list: (f: LeadFilter) => ['leads', 'list', f] as const,
  summary: (roundId?: string) => ['leads', 'summary', roundId ?? ''] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  settings: ['leads', 'settings'] as const,
};

export const leadsApi = {
  list: (f: LeadFilter) => api.get<ListOf<Lead>>('/api/leads', { ...f }),
  summary: (roundId?: string) => api.get<LeadSummary>('/api/leads/summary', { roundId }),
  get: (id: string) => api.get<LeadDetail>(path(id)),
  create: (body: Partial<LeadCreateInput> & Pick<LeadCreateInput, 'authority'>) => api.post<Lead>('/api/leads', body),
  update: (id: string, body: LeadUpdateInput) => api.put<Lead>(path(id), body),
  remove: (id: string) => api.delete<{ ok: true }>(path(id)),
  transfer: (id: string, body: LeadTransferInput) => api.post<Lead>(`${path(id)}/transfer`, body),
  recall: (id: string, reason: string) => api.post<Lead>(`${path(id)}/recall`, { reason }),
  receive: (id: string, body: LeadReceiveInput) => api.post<Lead>(`${path(id)}/receive`, body),
  returnLead: (id: string, reason: string) => api.post<Lead | { id: string; status: 'draft' }>(`${path(id)}/return`, { reason }),
  dispose: (id: string, body: LeadDisposeInput) => api.post<Lead>(`${path(id)}/dispose`, body),
  addOutcome: (id: string, body: Omit<LeadOutcomeInput, 'note'> & { note?: string }) => api.post<Lead>(`${path(id)}/outcomes`, body),
  deleteOutcome: (id: string, outcomeId: string) => api.delete<Lead>(`${path(id)}/outcomes/${encodeURIComponent(outcomeId)}`),
  report: (id: string, body: LeadReportInput) => api.post<Lead>(`${path(id)}/report`, body),
  reopen: (id: string, reason: string) => api.post<Lead>(`${path(id)}/reopen`, { reason }),
  upload: (id: string, file: File) => api.upload<Attachment>(`${path(id)}/attachments`, file),
  deleteAttachment: (id: string, attachmentId: string) => api.delete<{ ok: true }>(`${path(id)}/attachments/${encodeURIComponent(attachmentId)}`),
  settings: () => api.get<LeadSettings>('/api/leads/settings'),
  updateSettings: (reportMonths: number) => api.put<LeadSettings>('/api/leads/settings', { reportMonths }),
  /** plain links: the browser downloads with the session cookie */
  transferLetterUrl: (id: string) => `${path(id)}/transfer-letter.docx`,
  ledgerUrl: (roundId?: string) => withQuery('/api/leads/ledger.xlsx', { roundId }),
};

/** What the create page shows of the finding a lead comes from (GET /api/findings/:id, read only). */
export interface FindingBrief {
  id: string;
  numberLabel: string;
  title: string;
  villageName: string | null;
  townName: string;
}
export const findingBrief = (id: string) => api.get<FindingBrief>(`/api/findings/${encodeURIComponent(id)}`);

/** Village inspections the user may work (team: its own), as options for a lead made without a finding. */
export async function inspectionOptions(): Promise<{ value: string; label: string; villageCode: string }[]> {
  const list = await api.get<ListOf<{ id: string; roundLabel: string; villageName: string; townName: string; villageCode: string }>>('/api/inspections', { page: 1, pageSize: 500 });
  return list.items.map((i) => ({ value: i.id, label: `${i.roundLabel} · ${i.townName}${i.villageName}`, villageCode: i.villageCode }));
}
