/**
 * Typed calls of 大数据比对 runs, suspicion points (疑点) and the model library, and the query keys
 * their pages share. The answers' shapes are the domain's, the ones the server's services return: hits
 * in domain/analytics/hit-types.ts (hits.service.ts), runs in run-types.ts (runs.service.ts), the model
 * library and the custom models in model-types.ts (models.service.ts, custom-models.service.ts).
 */
import type { AssignableRound, DismissReason, Hit, HitDetail, HitStatus, VillageGroup } from '../../../domain/analytics/hit-types';
import type { CustomModel, DatasetRelation, ModelInfo, ModelStats } from '../../../domain/analytics/model-types';
import type { ModelParam } from '../../../domain/analytics/models/model';
import type { ModelOutcome, Run, RunStatus } from '../../../domain/analytics/run-types';
import { downloadExport } from './archive';
import { api } from './client';
import type { ListOf } from './types';

export type { AssignableRound, DismissReason, Hit, HitDetail, HitStatus, VillageGroup };
export type { CustomModel, DatasetRelation, ModelInfo, ModelOutcome, ModelStats, Run, RunStatus };

export const HIT_STATUS_OPTIONS: { value: HitStatus; label: string; color: string }[] = [
  { value: 'pending', label: '待核实', color: 'processing' },
  { value: 'confirmed', label: '已确认', color: 'error' },
  { value: 'dismissed', label: '已排除', color: 'default' },
];
export const DISMISS_REASON_OPTIONS: { value: DismissReason; label: string }[] = [
  { value: 'data_error', label: '数据错误' },
  { value: 'already_handled', label: '已处理过' },
  { value: 'eligible', label: '核实后符合规定' },
  { value: 'other', label: '其他' },
];

export interface RunBody {
  roundId?: string | null;
  label?: string;
  datasetIds: string[];
  modelKeys?: string[];
  params?: Record<string, Record<string, string | number>>;
  villageCodes?: string[];
  townCodes?: string[];
}

export interface HitFilter {
  model?: string;
  villageCode?: string;
  townCode?: string;
  status?: HitStatus;
  roundId?: string;
  teamId?: string;
  runId?: string;
  q?: string;
}

export type ConfirmBody =
  | { as: 'finding'; category?: 'leadership' | 'party_building' | 'strict_governance'; title?: string; note?: string }
  | { as: 'lead'; authority: 'discipline' | 'organization' | 'other'; otherBody?: string | null; note?: string };

export const runsKeys = {
  all: ['analytics', 'runs'] as const,
  models: (roundId?: string) => ['analytics', 'runs', 'models', roundId ?? null] as const,
  runs: (page: number) => ['analytics', 'runs', 'list', page] as const,
  run: (id: string) => ['analytics', 'runs', 'one', id] as const,
  hits: (f: HitFilter, page: number, pageSize: number) => ['analytics', 'runs', 'hits', f, page, pageSize] as const,
  groups: (f: HitFilter) => ['analytics', 'runs', 'groups', f] as const,
  hit: (id: string) => ['analytics', 'runs', 'hit', id] as const,
  assignable: (id: string) => ['analytics', 'runs', 'hit', id, 'rounds'] as const,
};

const hit = (id: string) => `/api/analytics/hits/${encodeURIComponent(id)}`;

export const runsApi = {
  models: (roundId?: string) => api.get<{ items: ModelInfo[] }>('/api/analytics/models', { roundId }),
  create: (body: RunBody) => api.post<{ jobId: string; run: Run }>('/api/analytics/runs', body),
  list: (page: number, pageSize = 10) => api.get<ListOf<Run>>('/api/analytics/runs', { page, pageSize }),
  get: (id: string) => api.get<Run>(`/api/analytics/runs/${encodeURIComponent(id)}`),
  hits: (f: HitFilter, page: number, pageSize: number) => api.get<ListOf<Hit>>('/api/analytics/hits', { ...f, page, pageSize }),
  groups: (f: HitFilter) => api.get<{ items: VillageGroup[] }>('/api/analytics/hits/by-village', { ...f }),
  hit: (id: string) => api.get<HitDetail>(hit(id)),
  confirm: (id: string, body: ConfirmBody) => api.post<HitDetail>(`${hit(id)}/confirm`, body),
  dismiss: (id: string, body: { reason: DismissReason; text?: string }) => api.post<HitDetail>(`${hit(id)}/dismiss`, body),
  reopen: (id: string, reason: string) => api.post<HitDetail>(`${hit(id)}/reopen`, { reason }),
  /** the open rounds in which an ad-hoc hit's village is a target, with the team inspecting it */
  assignable: (id: string) => api.get<{ items: AssignableRound[] }>(`${hit(id)}/rounds`),
  assign: (id: string, roundId: string) => api.post<HitDetail>(`${hit(id)}/assign`, { roundId }),
  exportHits: (f: HitFilter) => {
    const q = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    return downloadExport(`/api/analytics/hits/export${q.size ? `?${q}` : ''}`, '比对疑点.xlsx');
  },
};

/** 元 with two decimals from fen. */
export const yuanOf = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`);

// — 自定义比对模型 —

export interface CustomModelBody {
  name: string;
  description: string;
  category: string;
  params: ModelParam[];
  sql: string;
  hitKey: string[];
  villageColumn: string;
  amountColumn?: string | null;
  explainTemplate: string;
}

const custom = (id: string) => `/api/analytics/custom-models/${encodeURIComponent(id)}`;

export const customModelsApi = {
  list: () => api.get<{ items: CustomModel[] }>('/api/analytics/custom-models'),
  relations: () => api.get<{ items: DatasetRelation[] }>('/api/analytics/custom-models/relations'),
  check: (body: CustomModelBody) => api.post<{ columns: string[]; requires: string[] }>('/api/analytics/custom-models/check', body),
  create: (body: CustomModelBody) => api.post<CustomModel>('/api/analytics/custom-models', body),
  update: (id: string, body: CustomModelBody & { version: number }) => api.put<CustomModel>(custom(id), body),
  disable: (id: string, version: number) => api.post<CustomModel>(`${custom(id)}/disable`, { version }),
  enable: (id: string, version: number) => api.post<CustomModel>(`${custom(id)}/enable`, { version }),
};
