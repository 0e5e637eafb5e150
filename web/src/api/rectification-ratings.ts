/**
 * Typed calls of 群众评议 (mass rating of rectification) and the query keys the pages share. Shapes follow
 * server/modules/rectification-ratings/ratings.routes.ts.
 */
import type { ItemStatus } from '../../../domain/rectification/item';
import type { RepresentativeInput } from '../../../domain/rectification/inputs';
import type { RatingAnswer, RatingTally, RepresentativeCategory } from '../../../domain/rectification/rating';
import { api } from './client';
import type { ListOf } from './types';

export interface RatingVillage {
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string;
  items: number;
  sessions: number;
  openSessionId: string | null;
  /** 群众满意率 over every answer of the round's sessions; null before any answer */
  satisfactionRate: number | null;
  /** an item rated unsatisfied by the majority puts the village on the 回头看 list */
  lookBack: boolean;
}

export interface RatingSession {
  id: string;
  roundId: string;
  roundLabel: string;
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string;
  status: 'open' | 'closed';
  statusName: string;
  openedOn: string;
  closesOn: string;
  closedOn: string | null;
  representatives: number;
  rated: number;
}

export type RepresentativeStatus = 'pending' | 'rated' | 'revoked';

export interface Representative {
  id: string;
  name: string;
  category: RepresentativeCategory;
  categoryName: string;
  phone: string | null;
  status: RepresentativeStatus;
  statusName: string;
  usedAt: string | null;
  revokedAt: string | null;
  expiresAt: string;
}

export type TallyOut = RatingTally & { verdictName: string };

export interface RatedItem {
  id: string;
  code: string;
  title: string;
  status: ItemStatus;
  statusName: string;
  tally: TallyOut;
  comments: { answer: RatingAnswer; answerName: string; comment: string }[];
}

export interface RatingSessionDetail {
  session: RatingSession;
  representatives: Representative[];
  canManage: boolean;
  items: RatedItem[];
  village: { tally: TallyOut; unsatisfiedItemIds: string[]; lookBack: boolean };
}

/** A one-time link as issued: shown once, never again. */
export interface IssuedLink {
  representativeId: string;
  name: string;
  category: RepresentativeCategory;
  categoryName: string;
  link: string;
  url: string;
  qrCode: string;
}

export interface SessionCreateBody {
  roundId: string;
  villageCode: string;
  closesOn: string;
  representatives: RepresentativeInput[];
}

const BASE = '/api/rectification/ratings';
const session = (id: string) => `${BASE}/sessions/${encodeURIComponent(id)}`;

export const ratingKeys = {
  all: ['rectification-ratings'] as const,
  villages: (roundId: string) => ['rectification-ratings', 'villages', roundId] as const,
  sessions: (roundId: string, villageCode: string) => ['rectification-ratings', 'sessions', roundId, villageCode] as const,
  session: (id: string) => ['rectification-ratings', 'session', id] as const,
};

export const ratingsApi = {
  villages: (roundId: string) => api.get<ListOf<RatingVillage>>(`${BASE}/villages`, { roundId }),
  sessions: (roundId: string, villageCode: string) => api.get<ListOf<RatingSession>>(`${BASE}/sessions`, { roundId, villageCode, pageSize: 100 }),
  session: (id: string) => api.get<RatingSessionDetail>(session(id)),
  create: (body: SessionCreateBody) => api.post<{ session: RatingSession; links: IssuedLink[] }>(`${BASE}/sessions`, body),
  addRepresentatives: (id: string, representatives: RepresentativeInput[]) => api.post<{ links: IssuedLink[] }>(`${session(id)}/representatives`, { representatives }),
  revoke: (id: string, repId: string) => api.post<Representative>(`${session(id)}/representatives/${encodeURIComponent(repId)}/revoke`),
  reissue: (id: string, repId: string) => api.post<IssuedLink>(`${session(id)}/representatives/${encodeURIComponent(repId)}/reissue`),
  close: (id: string) => api.post<RatingSession>(`${session(id)}/close`),
};
