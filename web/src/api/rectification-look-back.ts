/**
 * Typed calls of 回头看 (re-inspection of rectification) and the query keys its pages share. Shapes follow
 * server/modules/rectification-look-back/look-back.service.ts.
 */
import type { ItemStatus } from '../../../domain/rectification/item';
import type { LookBackReason, LookBackVerdict } from '../../../domain/rectification/look-back';
import type { RoundPhase } from '../../../domain/planning/round';
import { api } from './client';
import type { ListOf } from './types';

export interface ReasonOut {
  reason: LookBackReason;
  name: string;
}

export interface CandidateItem {
  id: string;
  code: string;
  title: string;
  roundLabel: string;
  status: ItemStatus;
  statusName: string;
  dueOn: string | null;
  overdue: boolean;
  reasons: ReasonOut[];
}

export interface Candidate {
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string;
  reasons: ReasonOut[];
  /** every item of the village under the filter: the new target links them all */
  itemCount: number;
  /** the items behind the reasons */
  items: CandidateItem[];
  lookBacks: { roundId: string; roundLabel: string; targetId: string; pending: number; phaseName: string }[];
}

export interface LookBackTarget {
  targetId: string;
  roundId: string;
  roundLabel: string;
  roundTheme: string;
  roundPhase: RoundPhase;
  roundPhaseName: string;
  startDate: string;
  endDate: string;
  sourceRoundId: string | null;
  sourceRoundLabel: string | null;
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string;
  teamName: string | null;
  reasons: ReasonOut[];
  counts: { links: number; pending: number; in_place: number; not_in_place: number; fake: number };
  createdAt: string;
}

export interface LookBackLink {
  id: string;
  targetId: string;
  roundId: string;
  roundLabel: string;
  itemId: string;
  itemCode: string;
  itemRoundLabel: string;
  findingId: string;
  findingTitle: string;
  findingDescription: string;
  categoryName: string;
  measures: string;
  itemStatus: ItemStatus;
  itemStatusName: string;
  dueOn: string | null;
  closedOn: string | null;
  reasons: ReasonOut[];
  verdict: LookBackVerdict | null;
  verdictName: string;
  comment: string;
  itemStatusBefore: ItemStatus | null;
  itemStatusAfter: ItemStatus | null;
  itemStatusBeforeName: string | null;
  itemStatusAfterName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  /** what each verdict would do to the item now */
  effects: Record<LookBackVerdict, string>;
}

export interface LookBackTargetDetail extends LookBackTarget {
  canRecord: boolean;
  links: LookBackLink[];
}

export interface LookBackCreateBody {
  sourceRoundId: string | null;
  villageCodes: string[];
  round?: { year: number; number: number; theme: string; startDate: string; endDate: string };
  existingRoundId?: string;
}

export interface LookBackCreated {
  roundId: string;
  roundLabel: string;
  targets: { targetId: string; villageCode: string; villageName: string; items: number }[];
}

export interface CandidateFilter {
  roundId?: string | undefined;
  townCode?: string | undefined;
  page: number;
  pageSize: number;
}

const BASE = '/api/rectification/look-back';

export const lookBackKeys = {
  all: ['rectification-look-back'] as const,
  candidates: (f: CandidateFilter) => ['rectification-look-back', 'candidates', f] as const,
  targets: (f: CandidateFilter) => ['rectification-look-back', 'targets', f] as const,
  rounds: () => ['rectification-look-back', 'rounds'] as const,
  target: (id: string) => ['rectification-look-back', 'target', id] as const,
  item: (id: string) => ['rectification-look-back', 'item', id] as const,
};

export const lookBackApi = {
  candidates: (f: CandidateFilter) => api.get<ListOf<Candidate>>(`${BASE}/candidates`, { ...f }),
  create: (body: LookBackCreateBody) => api.post<LookBackCreated>(BASE, body),
  rounds: () => api.get<ListOf<{ roundId: string; roundLabel: string; theme: string; targets: number }>>(`${BASE}/rounds`),
  targets: (f: CandidateFilter) => api.get<ListOf<LookBackTarget>>(`${BASE}/targets`, { ...f }),
  target: (id: string) => api.get<LookBackTargetDetail>(`${BASE}/targets/${encodeURIComponent(id)}`),
  verdict: (linkId: string, body: { verdict: LookBackVerdict; comment: string }) => api.post<LookBackTargetDetail>(`${BASE}/links/${encodeURIComponent(linkId)}/verdict`, body),
  ofItem: (itemId: string) => api.get<ListOf<LookBackLink>>(`${BASE}/items/${encodeURIComponent(itemId)}`),
};
