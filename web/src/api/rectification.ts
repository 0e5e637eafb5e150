/**
 * Typed calls of rectification items (整改事项) and the query keys their pages share.
 * Shapes follow server/modules/rectification/items.routes.ts.
 */
import type { ItemAction, ItemKind, ItemStatus, ItemUpdateInput, ResponsibleUnitKind, SigningParty, UnitRef } from '../../../domain/rectification';
import { api, withQuery } from './client';
import type { Attachment } from './inspections';
import type { ListOf } from './types';

export interface RectItem {
  id: string;
  code: string;
  findingId: string;
  roundId: string;
  roundLabel: string;
  targetId: string;
  teamName: string | null;
  townCode: string;
  townName: string;
  villageCode: string | null;
  villageName: string | null;
  place: string;
  category: string;
  categoryName: string;
  problem: string;
  problemDetail: string;
  kind: ItemKind;
  kindName: string;
  status: ItemStatus;
  statusName: string;
  responsibleUnitKind: ResponsibleUnitKind;
  responsibleUnitKindName: string;
  responsibleOrgId: string | null;
  responsibleUnitName: string;
  responsibleLeader: string;
  handler: string;
  leadUnit: UnitRef;
  cooperatingUnits: UnitRef[];
  competentDepartmentOrgId: string | null;
  measures: string;
  startedOn: string | null;
  deadline: string | null;
  dueOn: string | null;
  overdue: boolean;
  alert: 'green' | 'yellow' | 'red' | null;
  lastReportOn: string | null;
  closedOn: string | null;
  evidenceVersion: number;
  version: number;
  actions: ItemAction[];
  updatedAt: string;
}

export interface RectItemEvent {
  id: string;
  action: string;
  actionName: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string;
  evidenceVersion: number;
  files: Attachment[];
  actorName: string;
  at: string;
}

export interface PartyApproval {
  actorName: string;
  evidenceVersion: number;
  at: string;
  /** given on the item's current evidence version */
  current: boolean;
}

export interface RectItemDetail extends RectItem {
  evidence: Attachment[];
  events: RectItemEvent[];
  signOff: {
    active: boolean;
    cycle: number;
    evidenceVersion: number;
    parties: { party: SigningParty; name: string; approval: PartyApproval | null }[];
    blockers: string[];
    history: { party: string; partyName: string; decision: 'approved' | 'returned'; evidenceVersion: number; reason: string; actorName: string; at: string; cycle: number }[];
  };
}

export interface RectItemFilter {
  roundId?: string;
  townCode?: string;
  villageCode?: string;
  status?: string;
  kind?: string;
  overdue?: '1';
  q?: string;
  page: number;
  pageSize: number;
}

export type StatusCounts = Record<ItemStatus | 'all', number>;

const path = (id: string) => `/api/rectification/items/${encodeURIComponent(id)}`;

export const rectKeys = {
  all: ['rectification', 'items'] as const,
  list: (f: RectItemFilter) => ['rectification', 'items', 'list', f] as const,
  detail: (id: string) => ['rectification', 'items', 'detail', id] as const,
  units: (id: string) => ['rectification', 'items', 'units', id] as const,
  signOffSettings: ['rectification', 'items', 'sign-off-settings'] as const,
  places: (roundId?: string) => ['rectification', 'items', 'places', roundId ?? ''] as const,
};

export const rectApi = {
  list: (f: RectItemFilter) => api.get<ListOf<RectItem> & { counts: StatusCounts }>('/api/rectification/items', { ...f }),
  places: (roundId?: string) => api.get<ListOf<{ code: string; name: string; villages: { code: string; name: string }[] }>>('/api/rectification/items/places', { roundId }),
  get: (id: string) => api.get<RectItemDetail>(path(id)),
  unitOptions: (id: string) => api.get<ListOf<{ id: string; kind: string; name: string }>>(`${path(id)}/unit-options`),
  update: (id: string, body: Partial<ItemUpdateInput> & { version: number }) => api.put<RectItemDetail>(path(id), body),
  start: (id: string, body: { measures: string; deadline: string | null }) => api.post<RectItemDetail>(`${path(id)}/start`, body),
  progress: (id: string, body: { text: string; reportedOn: string; evidenceFileIds: string[] }) => api.post<RectItemDetail>(`${path(id)}/progress`, body),
  /** one evidence file; answers the stored file (the newest event's) */
  upload: async (id: string, file: File): Promise<Attachment> => {
    const d = await api.upload<RectItemDetail>(`${path(id)}/evidence`, file);
    return d.events.at(-1)!.files[0]!;
  },
  submit: (id: string, note: string) => api.post<RectItemDetail>(`${path(id)}/submit`, { note }),
  accept: (id: string, comment: string) => api.post<RectItemDetail>(`${path(id)}/accept`, { comment }),
  approve: (id: string, evidenceVersion: number, comment: string) => api.post<RectItemDetail>(`${path(id)}/approve`, { evidenceVersion, comment }),
  returnItem: (id: string, reason: string) => api.post<RectItemDetail>(`${path(id)}/return`, { reason }),
  extend: (id: string, deadline: string, reason: string) => api.post<RectItemDetail>(`${path(id)}/extend`, { deadline, reason }),
  reopen: (id: string, reason: string) => api.post<RectItemDetail>(`${path(id)}/reopen`, { reason }),
  signOffSettings: () => api.get<{ requiredParties: SigningParty[]; ratingRequired: boolean }>('/api/rectification/sign-off-settings'),
  updateSignOffSettings: (body: { requiredParties: SigningParty[]; ratingRequired: boolean }) => api.put<{ requiredParties: SigningParty[]; ratingRequired: boolean }>('/api/rectification/sign-off-settings', body),
  generate: (roundId: string) => api.post<{ created: number; existing: number; eligible: number }>(`/api/rectification/rounds/${encodeURIComponent(roundId)}/generate-items`),
  /** plain links: the browser downloads with the session cookie */
  fileUrl: (attachmentId: string) => `/api/rectification/files/${encodeURIComponent(attachmentId)}`,
  ledgerUrl: (q: { roundId?: string; townCode?: string; villageCode?: string }) => withQuery('/api/rectification/items/ledger.xlsx', q),
};
