/**
 * Typed calls of 整改成效: the three rates with their numerators and denominators, the records behind
 * each number, the evaluation model, the evaluations per town and the two .docx drafts. Shapes follow
 * server/modules/rectification-metrics/metrics.routes.ts.
 */
import type { EvaluationGrade, EvaluationModel, EvaluationResult, RatingAnswer } from '../../../domain/rectification';
import { api } from './client';
import type { ListOf } from './types';

export interface Rates {
  rectified: { due: number; closedOnTime: number; closedLate: number; open: number; rate: number | null };
  transfers: { transferred: number; completed: number; pending: number; rate: number | null };
  satisfaction: { answers: number; satisfied: number; basicallySatisfied: number; unsatisfied: number; rate: number | null };
}

export type GroupBy = 'round' | 'town' | 'village';

export interface RatesResult {
  asOf: string;
  groupBy: GroupBy;
  total: Rates;
  /** key: round id, town code, village code (a town's code for its own town-level records), '' for transfers placed nowhere */
  groups: { key: string; name: string; rates: Rates }[];
}

export interface PlaceQuery {
  roundId?: string;
  townCode?: string;
  villageCode?: string;
  asOf?: string;
}

export interface MetricOptions {
  today: string;
  rounds: { id: string; label: string }[];
  towns: { code: string; name: string; villages: { code: string; name: string }[] }[];
}

export type Measure = 'items' | 'transfers' | 'ratings';
export type DrillClass = { items: 'due' | 'on_time' | 'late' | 'open'; transfers: 'transferred' | 'completed' | 'pending'; ratings: 'all' | 'satisfied' | 'unsatisfied' };

export interface ItemRecord {
  id: string;
  code: string;
  roundLabel: string;
  problem: string;
  place: string;
  kindName: string;
  statusName: string;
  responsibleUnitName: string;
  deadline: string | null;
  closedOn: string | null;
  outcome: string;
}
export interface TransferRecord {
  id: string;
  roundLabel: string;
  title: string;
  departmentName: string;
  place: string;
  sentOn: string | null;
  dueOn: string | null;
  completedOn: string | null;
  result: string;
}
export interface RatingRecord {
  id: string;
  itemId: string;
  code: string;
  problem: string;
  place: string;
  answer: RatingAnswer;
  answerName: string;
  categoryName: string;
  comment: string;
  ratedOn: string;
}
export type DrillRecord = ItemRecord | TransferRecord | RatingRecord;

export interface DrillQuery extends PlaceQuery {
  measure: Measure;
  class: string;
  page: number;
  pageSize: number;
}

export interface ModelOut {
  model: EvaluationModel;
  isDefault: boolean;
  canEdit: boolean;
}

export interface EvaluationSummary {
  status: 'draft' | 'confirmed';
  statusName: string;
  asOf: string;
  total: number;
  grade: EvaluationGrade;
  gradeName: string;
  secondRectification: boolean;
  confirmedOn: string | null;
  version: number;
}

export interface EvaluationRow {
  townCode: string;
  townName: string;
  evaluation: EvaluationSummary | null;
}

export interface EvaluationDetail {
  round: { id: string; label: string };
  townCode: string;
  townName: string;
  asOf: string;
  status: 'new' | 'draft' | 'confirmed';
  canEdit: boolean;
  canConfirm: boolean;
  version: number;
  model: EvaluationModel;
  suggested: Record<string, { count: number; basis: string }>;
  counts: Record<string, number>;
  notes: Record<string, string>;
  conclusion: string;
  result: EvaluationResult;
  saved: EvaluationSummary | null;
  rates: Rates;
}

export interface EvaluationSave {
  asOf: string;
  counts: Record<string, number>;
  notes: Record<string, string>;
  conclusion: string;
  version: number;
}

export const metricsKeys = {
  all: ['rectification', 'metrics'] as const,
  options: (roundId?: string) => ['rectification', 'metrics', 'options', roundId ?? ''] as const,
  rates: (q: PlaceQuery & { groupBy?: GroupBy }) => ['rectification', 'metrics', 'rates', q] as const,
  records: (q: DrillQuery) => ['rectification', 'metrics', 'records', q] as const,
  model: ['rectification', 'metrics', 'model'] as const,
  evaluations: (roundId: string, page: number) => ['rectification', 'metrics', 'evaluations', roundId, page] as const,
  evaluation: (roundId: string, townCode: string, asOf?: string) => ['rectification', 'metrics', 'evaluation', roundId, townCode, asOf ?? ''] as const,
};

const ev = (roundId: string, townCode: string) => `/api/rectification/metrics/evaluations/${encodeURIComponent(roundId)}/${encodeURIComponent(townCode)}`;

export const metricsApi = {
  options: (roundId?: string) => api.get<MetricOptions>('/api/rectification/metrics/options', { roundId }),
  rates: (q: PlaceQuery & { groupBy?: GroupBy }) => api.get<RatesResult>('/api/rectification/metrics', { ...q }),
  records: (q: DrillQuery) => api.get<ListOf<DrillRecord> & { asOf: string; measure: Measure }>('/api/rectification/metrics/records', { ...q }),
  model: () => api.get<ModelOut>('/api/rectification/metrics/evaluation-model'),
  updateModel: (model: EvaluationModel) => api.put<ModelOut>('/api/rectification/metrics/evaluation-model', model),
  evaluations: (roundId: string, page: number, pageSize: number) =>
    api.get<ListOf<EvaluationRow> & { round: { id: string; label: string }; canEdit: boolean }>('/api/rectification/metrics/evaluations', { roundId, page, pageSize }),
  evaluation: (roundId: string, townCode: string, asOf?: string) => api.get<EvaluationDetail>(ev(roundId, townCode), { asOf }),
  saveEvaluation: (roundId: string, townCode: string, body: EvaluationSave) => api.put<EvaluationSummary>(ev(roundId, townCode), body),
  confirmEvaluation: (roundId: string, townCode: string, version: number) => api.post<EvaluationSummary>(`${ev(roundId, townCode)}/confirm`, { version }),
};

/** Downloads: plain links, the browser sends the session cookie (the server names the files). */
export const metricsDocuments = {
  report: (roundId: string, townCode: string, asOf?: string) => `${ev(roundId, townCode)}/report.docx${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
  evaluation: (roundId: string, townCode: string) => `${ev(roundId, townCode)}/evaluation.docx`,
};
