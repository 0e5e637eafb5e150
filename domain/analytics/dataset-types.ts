/**
 * 大数据比对 datasets as the API sends them: server/modules/analytics/datasets.service.ts returns these
 * shapes and web/src/api/analytics.ts reads them, so the type check proves that both sides agree.
 * Types only (instants are ISO strings: this is the JSON, not the row).
 */
import type { DatasetKindKey, FieldType } from './dataset-kinds';
import type { ColumnMapping, FieldSuggestion } from './mapping';

export type DatasetStatus = 'uploaded' | 'importing' | 'ready' | 'failed';
export type DatasetFormat = 'csv' | 'xlsx' | 'parquet';

/** A dataset in the list (GET /api/analytics/datasets) and after an upload or a confirmation. */
export interface Dataset {
  id: string;
  name: string;
  /** null until the import is confirmed */
  kind: DatasetKindKey | null;
  kindName: string | null;
  sourceName: string | null;
  fileName: string;
  fileSize: number;
  format: DatasetFormat;
  formatName: string;
  encoding: string | null;
  encodingName: string | null;
  delimiter: string | null;
  sheetName: string | null;
  headerRow: number | null;
  headerRowCount: number | null;
  headers: string[];
  mapping: ColumnMapping | null;
  status: DatasetStatus;
  statusName: string;
  rowCount: number | null;
  rejectedCount: number | null;
  flaggedCount: number | null;
  errorMessage: string | null;
  jobId: string | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** How often one problem occurred in one field. */
export interface IssueCount {
  field: string;
  label: string;
  issue: string;
  count: number;
}

/** One problem of one imported row, as the import stores it for the detail page and the issue list. */
export interface RowIssue {
  row: number;
  column: string;
  header: string;
  field: string;
  label: string;
  value: string;
  issue: string;
  /** the value was kept (flagged) rather than dropped */
  kept: boolean;
  rejected: boolean;
}

export interface IssueSummary {
  counts: IssueCount[];
  /** the first problems in row order */
  first: RowIssue[];
  total: number;
}

/** GET /api/analytics/datasets/:id */
export interface DatasetDetail extends Dataset {
  issues: IssueSummary | null;
  /** the fields of the dataset's kind */
  fields: { key: string; label: string; type: FieldType }[];
}

/** A row of the source file as it is. */
export interface GridRow {
  /** the row (CSV: line) number as the user sees it in the source */
  row: number;
  cells: string[];
}

/** What an upload shows before the import is confirmed (POST …/uploads and …/:id/preview). */
export interface DatasetPreview {
  dataset: Dataset;
  /** the header as detected (or chosen) */
  header: { row: number; rowCount: number; headers: string[]; titles: string[] };
  /** the first data rows under the header */
  rows: GridRow[];
  /** the first rows of the file as they are, for choosing another header row */
  rawRows: GridRow[];
  /** the mapping offered: saved for this source and headers, else suggested from the header texts */
  suggestion: { from: 'saved' | 'suggested'; kind: DatasetKindKey; sourceName: string | null; mapping: ColumnMapping; fields: FieldSuggestion[] };
  /** the text encodings the user may choose from */
  encodings: { value: string; label: string }[];
}

/** A normalised row of a ready dataset (GET …/:id/rows); DuckDB dates arrive as YYYY-MM-DD. */
export type DatasetRecord = Record<string, string | number | boolean | null>;
