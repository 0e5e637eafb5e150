/**
 * The 大数据比对 model library (模型库) and the custom models (自定义比对模型) as the API sends them:
 * server/modules/analytics/models.service.ts and custom-models.service.ts return these shapes and
 * web/src/api/analytics-runs.ts reads them, so the type check proves that both sides agree.
 * Types only (instants are ISO strings: this is the JSON, not the row).
 */
import type { DatasetKindKey } from './dataset-kinds';
import type { DismissReason } from './hit-types';
import type { ModelCategory, ModelParam } from './models/model';

/** How a model has done in the caller's scope (optionally one round) across runs. */
export interface ModelStats {
  hits: number;
  pending: number;
  verified: number;
  confirmed: number;
  dismissed: number;
  dismissedBy: Record<DismissReason, number>;
  /** confirmed / verified; null before anything was verified */
  precision: number | null;
  amountFen: number;
  confirmedAmountFen: number;
  runs: number;
}

/** A data kind a model needs; label is the kind's Chinese name (the key itself for an unknown kind). */
export interface ModelRequirement {
  key: string;
  label: string;
  fromRegistry: boolean;
}

/** A model of the library, built-in or custom (GET /api/analytics/models). */
export interface ModelInfo {
  key: string;
  name: string;
  description: string;
  category: ModelCategory;
  categoryName: string;
  requires: ModelRequirement[];
  params: ModelParam[];
  stats: ModelStats;
  /** a user-defined model (自定义), with whether it is still offered for runs */
  custom?: { enabled: boolean };
}

/** A custom model with its definition (GET /api/analytics/custom-models and every write's answer). */
export interface CustomModel {
  id: string;
  key: string;
  name: string;
  description: string;
  category: ModelCategory;
  categoryName: string;
  /** the dataset kinds its SQL reads */
  requires: string[];
  params: ModelParam[];
  sql: string;
  hitKey: string[];
  villageColumn: string;
  amountColumn: string | null;
  explainTemplate: string;
  enabled: boolean;
  version: number;
  /** the scope the model was defined at (a city's model runs for all its counties) */
  scopeCode: string;
  scopeName: string | null;
  /** false for a model of a scope above the user's: shown and run, changed only there */
  editable: boolean;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A ds_<kind> relation a custom model's SQL can read, with its stored columns (GET /api/analytics/custom-models/relations). */
export interface DatasetRelation {
  /** ds_<kind> */
  name: string;
  kind: DatasetKindKey;
  label: string;
  columns: { name: string; type: string; label: string }[];
}
