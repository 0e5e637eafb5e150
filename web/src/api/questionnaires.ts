/**
 * Typed calls of 问卷 and the query keys its page shares. Shapes follow
 * server/modules/questionnaires/questionnaires.routes.ts; definitions and results are the domain's types.
 */
import type { AccessMode, QuestionnaireDefinition, QuestionnaireDefinitionInput, QuestionnaireKind, QuestionResult } from '../../../domain/public-reports/questionnaires';
import { downloadExport } from './archive';
import { api } from './client';
import type { ListOf } from './types';

export type QuestionnaireStatus = 'draft' | 'published' | 'closed';

export interface Questionnaire {
  id: string;
  kind: QuestionnaireKind;
  kindName: string;
  title: string;
  status: QuestionnaireStatus;
  statusName: string;
  accessMode: AccessMode;
  accessModeName: string;
  roundId: string | null;
  roundLabel: string | null;
  targetId: string | null;
  targetName: string | null;
  opensOn: string;
  closesOn: string;
  publishedAt: string | null;
  closedAt: string | null;
  answers: number;
  codes: number;
  codesUsed: number;
  version: number;
  link: string | null;
}

export interface QuestionnaireDetail {
  questionnaire: Questionnaire;
  definition: QuestionnaireDefinition;
  /** the public page's address and its QR code, once published */
  url: string | null;
  qrCode: string | null;
}

export interface Placement {
  roundId?: string | null;
  targetId?: string | null;
  accessMode: AccessMode;
  opensOn: string;
  closesOn: string;
}

export interface CreateBody extends Placement {
  kind: QuestionnaireKind;
  from: 'default' | 'blank';
}

export interface UpdateBody extends Placement {
  definition: QuestionnaireDefinitionInput;
  version?: number;
}

export interface QuestionnaireResults {
  questionnaire: Questionnaire;
  respondents: number;
  questions: QuestionResult[];
}

export interface IssuedCodes {
  batch: number;
  title: string;
  codes: string[];
}

export interface QuestionnaireFilter {
  q?: string;
  status?: QuestionnaireStatus;
  page: number;
  pageSize: number;
}

const BASE = '/api/questionnaires';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const questionnaireKeys = {
  all: ['questionnaires'] as const,
  list: (f: QuestionnaireFilter) => ['questionnaires', 'list', f] as const,
  one: (id: string) => ['questionnaires', 'one', id] as const,
  results: (id: string) => ['questionnaires', 'results', id] as const,
};

export const questionnairesApi = {
  list: (f: QuestionnaireFilter) => api.get<ListOf<Questionnaire>>(BASE, { ...f }),
  get: (id: string) => api.get<QuestionnaireDetail>(one(id)),
  create: (body: CreateBody) => api.post<Questionnaire>(BASE, body),
  update: (id: string, body: UpdateBody) => api.put<{ questionnaire: Questionnaire; definition: QuestionnaireDefinition }>(one(id), body),
  publish: (id: string) => api.post<QuestionnaireDetail>(`${one(id)}/publish`),
  close: (id: string) => api.post<Questionnaire>(`${one(id)}/close`),
  codes: (id: string, count: number) => api.post<IssuedCodes>(`${one(id)}/access-codes`, { count }),
  results: (id: string) => api.get<QuestionnaireResults>(`${one(id)}/results`),
  exportAnswers: (id: string, title: string) => downloadExport(`${one(id)}/export`, `${title}-答卷.xlsx`),
};
