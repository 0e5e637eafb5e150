/**
 * 大数据比对 runs as the API sends them: server/modules/analytics/runs.service.ts returns these shapes
 * (the outcomes are the ones server/analytics/run.ts stores on the run) and
 * web/src/api/analytics-runs.ts reads them, so the type check proves that both sides agree.
 * Types only (instants are ISO strings: this is the JSON, not the row).
 */
import type { DatasetKindKey } from './dataset-kinds';
import type { ParamValues } from './models/model';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What one model of a run did (stored on the run when it ends). */
export interface ModelOutcome {
  key: string;
  name: string;
  status: 'done' | 'skipped';
  /** Chinese note: why a model was skipped, or that its hits were cut */
  note: string | null;
  /** result rows of the model (before the village filter) */
  rows: number;
  /** hits of this run after the village filter */
  hits: number;
  created: number;
  refreshed: number;
  /** already verified (confirmed or dismissed): left as they were */
  verified: number;
  amountFen: number;
  durationMs: number;
}

/** A model of a run with the parameters it ran with. */
export interface RunModel {
  key: string;
  name: string;
  params: ParamValues;
}

/** A dataset a run read; a deleted one keeps its id with the name （已删除的数据集）. */
export interface RunDataset {
  id: string;
  name: string;
  /** the dataset's kind, or null for a deleted dataset (or a kind this version does not know) */
  kind: DatasetKindKey | null;
  kindName: string | null;
}

/** A run (GET /api/analytics/runs, GET /api/analytics/runs/:id, and POST /api/analytics/runs as `run`). */
export interface Run {
  id: string;
  label: string;
  roundId: string | null;
  roundName: string | null;
  models: RunModel[];
  datasets: RunDataset[];
  villageCodes: string[] | null;
  jobId: string | null;
  status: RunStatus;
  statusName: string;
  /** per model, once the run has ended */
  results: ModelOutcome[] | null;
  hits: number | null;
  errorMessage: string | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
}
