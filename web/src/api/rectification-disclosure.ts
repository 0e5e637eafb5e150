/**
 * Typed calls of 整改情况公开 and the query keys the page shares. Shapes follow
 * server/modules/rectification-disclosure/disclosure.routes.ts.
 */
import type { DisclosureSnapshot, DisclosureStatus, ExemptionReason } from '../../../domain/rectification/disclosure';
import type { ItemStatus } from '../../../domain/rectification/item';
import { api } from './client';
import type { ListOf } from './types';

export interface DisclosureCandidate {
  id: string;
  code: string;
  townCode: string;
  townName: string;
  villageCode: string | null;
  place: string;
  problem: string;
  status: ItemStatus;
  statusName: string;
  closedOn: string | null;
  publishable: boolean;
  /** why the item stays off the page; empty when publishable */
  problems: string[];
  exemption: { reason: ExemptionReason; reasonName: string; note: string; byName: string; at: string } | null;
}

export interface CandidateList extends ListOf<DisclosureCandidate> {
  counts: { all: number; publishable: number; exempt: number };
  towns: { code: string; name: string }[];
  canManage: boolean;
}

export interface DisclosureState {
  roundId: string;
  roundLabel: string;
  status: DisclosureStatus;
  statusName: string;
  path: string | null;
  version: number;
  publishedAt: string | null;
  approvedByName: string | null;
  publishedItems: number;
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawReason: string | null;
  /** the office only: what would be published now differs from the published version */
  changed: boolean | null;
  versions: { version: number; items: number; approvedByName: string; approvedAt: string }[];
  canManage: boolean;
}

export interface DisclosurePreview {
  snapshot: DisclosureSnapshot;
  contentHash: string;
  withheld: { exempt: number; notClosed: number; total: number };
}

export interface ExemptionRecord {
  id: string;
  reason: ExemptionReason;
  reasonName: string;
  note: string;
  byName: string;
  at: string;
  removedAt: string | null;
  removedByName: string | null;
  removedReason: string | null;
}

export interface CandidateFilter {
  publishable?: 'yes' | 'no' | undefined;
  townCode?: string | undefined;
  page: number;
  pageSize: number;
}

const BASE = '/api/rectification/disclosure';
const round = (id: string) => `${BASE}/rounds/${encodeURIComponent(id)}`;
const item = (id: string) => `${BASE}/items/${encodeURIComponent(id)}`;

export const disclosureKeys = {
  all: ['rectification-disclosure'] as const,
  state: (roundId: string) => ['rectification-disclosure', 'state', roundId] as const,
  items: (roundId: string, f: CandidateFilter) => ['rectification-disclosure', 'items', roundId, f] as const,
  preview: (roundId: string) => ['rectification-disclosure', 'preview', roundId] as const,
  exemptions: (itemId: string) => ['rectification-disclosure', 'exemptions', itemId] as const,
};

export const disclosureApi = {
  state: (roundId: string) => api.get<DisclosureState>(round(roundId)),
  items: (roundId: string, f: CandidateFilter) => api.get<CandidateList>(`${round(roundId)}/items`, { ...f }),
  preview: (roundId: string) => api.get<DisclosurePreview>(`${round(roundId)}/preview`),
  publish: (roundId: string, contentHash: string) => api.post<DisclosureState>(`${round(roundId)}/publish`, { contentHash }),
  withdraw: (roundId: string, reason: string) => api.post<DisclosureState>(`${round(roundId)}/withdraw`, { reason }),
  exemptions: (itemId: string) => api.get<ListOf<ExemptionRecord>>(`${item(itemId)}/exemptions`),
  markExempt: (itemId: string, body: { reason: ExemptionReason; note: string }) => api.post<DisclosureCandidate>(`${item(itemId)}/exemption`, body),
  removeExemption: (itemId: string, reason: string) => api.post<DisclosureCandidate>(`${item(itemId)}/exemption/remove`, { reason }),
};
