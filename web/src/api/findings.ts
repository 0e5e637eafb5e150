/**
 * Typed calls of findings (问题底稿) and the query keys their pages share.
 * Shapes follow server/modules/findings/findings.routes.ts.
 */
import type { FindingCategory, FindingCreateBody, FindingSource, MaterialInput, MaterialKind } from '../../../domain/findings/finding';
import type { FindingAction, FindingStatus, ReviewDecision, ReviewStep } from '../../../domain/findings/review';
import type { RoundPhase } from '../../../domain/planning/round';
import { api } from './client';
import type { Attachment } from './inspections';
import type { ListOf } from './types';

export interface FindingRow {
  id: string;
  number: number;
  numberLabel: string;
  roundId: string;
  roundLabel: string;
  targetName: string;
  teamName: string | null;
  inspectionId: string | null;
  checklistItemId: string | null;
  villageCode: string | null;
  villageName: string | null;
  townCode: string;
  townName: string;
  category: FindingCategory;
  categoryName: string;
  aspect: string;
  title: string;
  amount: string | null;
  source: FindingSource;
  sourceName: string;
  foundOn: string;
  immediate: boolean;
  immediateNoticeNo: string | null;
  immediateFixedOn: string | null;
  status: FindingStatus;
  statusName: string;
  authorName: string | null;
  updatedAt: string;
}

export interface FindingList extends ListOf<FindingRow> {
  counts: Partial<Record<FindingStatus, number>>;
}

export interface FindingFilter {
  roundId?: string;
  status?: string;
  villageCode?: string;
  townCode?: string;
  category?: string;
  immediate?: 'true' | 'false';
  inspectionId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface Responsible {
  cadreId: string | null;
  name: string;
  position: string;
}

export interface FindingReview {
  id: string;
  step: ReviewStep;
  stepName: string;
  decision: ReviewDecision;
  decisionName: string;
  comment: string;
  reviewerName: string;
  at: string;
}

export interface FindingMaterial {
  id: string;
  sort: number;
  title: string;
  kind: MaterialKind;
  kindName: string;
  description: string;
  attachments: Attachment[];
}

export interface FindingDetail {
  id: string;
  number: number;
  numberLabel: string;
  round: { id: string; label: string; phase: RoundPhase; phaseName: string };
  target: { id: string; kind: string; name: string };
  team: { id: string; name: string } | null;
  inspectionId: string | null;
  villageCode: string | null;
  villageName: string | null;
  townCode: string;
  townName: string;
  checklistItem: { id: string; aspect: string; title: string; result: string } | null;
  category: FindingCategory;
  categoryName: string;
  aspect: string;
  title: string;
  description: string;
  amount: string | null;
  responsible: Responsible[];
  source: FindingSource;
  sourceName: string;
  foundOn: string;
  place: string;
  immediate: boolean;
  immediateNoticeNo: string | null;
  immediateFix: string;
  immediateFixedOn: string | null;
  status: FindingStatus;
  statusName: string;
  authorId: string | null;
  authorName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  reviews: FindingReview[];
  materials: FindingMaterial[];
  actions: FindingAction[];
  phaseOpen: boolean;
}

/** What the form sends (the server's own schema input; amounts as text from the input box). */
export type FindingBody = FindingCreateBody;

export const findingKeys = {
  all: ['findings'] as const,
  list: (f: FindingFilter) => ['findings', 'list', f] as const,
  one: (id: string) => ['findings', id] as const,
  townTargets: ['findings', 'town-targets'] as const,
};

const base = (id: string) => `/api/findings/${encodeURIComponent(id)}`;

export interface TownTargetOption {
  id: string;
  name: string;
  code: string;
  roundId: string;
  roundLabel: string;
  teamName: string | null;
}

export const findingsApi = {
  list: (f: FindingFilter) => api.get<FindingList>('/api/findings', { ...f }),
  townTargets: () => api.get<ListOf<TownTargetOption>>('/api/findings/town-targets'),
  get: (id: string) => api.get<FindingDetail>(base(id)),
  create: (body: FindingBody) => api.post<FindingDetail>('/api/findings', body),
  update: (id: string, body: FindingBody & { version: number }) => api.put<FindingDetail>(base(id), body),
  remove: (id: string) => api.delete<{ ok: true }>(base(id)),
  submit: (id: string) => api.post<FindingDetail>(`${base(id)}/submit`, {}),
  review: (id: string, decision: 'approve' | 'return', comment: string) => api.post<FindingDetail>(`${base(id)}/review`, { decision, comment }),
  reopen: (id: string, reason: string) => api.post<FindingDetail>(`${base(id)}/reopen`, { reason }),
  addMaterial: (id: string, body: MaterialInput) => api.post<FindingDetail>(`${base(id)}/materials`, body),
  updateMaterial: (id: string, materialId: string, body: MaterialInput) => api.put<FindingDetail>(`${base(id)}/materials/${encodeURIComponent(materialId)}`, body),
  removeMaterial: (id: string, materialId: string) => api.delete<FindingDetail>(`${base(id)}/materials/${encodeURIComponent(materialId)}`),
  uploadMaterialFile: (id: string, materialId: string, file: File) => api.upload<Attachment>(`${base(id)}/materials/${encodeURIComponent(materialId)}/attachments`, file),
  removeMaterialFile: (id: string, materialId: string, attachmentId: string) =>
    api.delete<{ ok: true }>(`${base(id)}/materials/${encodeURIComponent(materialId)}/attachments/${encodeURIComponent(attachmentId)}`),
};

/** Downloads of the official documents (the server names the files). */
export const findingDocuments = {
  workingPaper: (id: string) => `${base(id)}/working-paper.docx`,
  immediateNotice: (id: string) => `${base(id)}/immediate-notice.docx`,
  ledger: (roundId: string) => `/api/findings/ledger.xlsx?roundId=${encodeURIComponent(roundId)}`,
};
