/**
 * Typed calls of 大数据比对 datasets and the query keys their pages share. The answers' shapes are the
 * domain's (domain/analytics/dataset-types.ts), the ones server/modules/analytics/datasets.service.ts
 * returns; kinds and mappings too.
 */
import type { DatasetKindKey } from '../../../domain/analytics/dataset-kinds';
import type { Dataset, DatasetDetail, DatasetPreview, DatasetRecord, DatasetStatus, GridRow, IssueSummary, RowIssue } from '../../../domain/analytics/dataset-types';
import type { ColumnMapping } from '../../../domain/analytics/mapping';
import { downloadExport } from './archive';
import { api, ApiError } from './client';
import type { ListOf } from './types';

export type { Dataset, DatasetDetail, DatasetPreview, DatasetRecord, DatasetStatus, GridRow, IssueSummary, RowIssue };

export interface LayoutBody {
  encoding?: string;
  sheetName?: string;
  headerRow?: number;
  headerRowCount?: 1 | 2;
}

export interface ConfirmBody {
  kind: DatasetKindKey;
  name: string;
  sourceName: string;
  mapping: ColumnMapping;
}

export interface DatasetFilter {
  q?: string;
  kind?: string;
  status?: DatasetStatus;
  page: number;
  pageSize: number;
}

const BASE = '/api/analytics/datasets';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const analyticsKeys = {
  all: ['analytics', 'datasets'] as const,
  list: (f: DatasetFilter) => ['analytics', 'datasets', 'list', f] as const,
  one: (id: string) => ['analytics', 'datasets', 'one', id] as const,
  rows: (id: string, page: number, pageSize: number, flagged: boolean) => ['analytics', 'datasets', 'rows', id, page, pageSize, flagged] as const,
};

export const analyticsApi = {
  list: (f: DatasetFilter) => api.get<ListOf<Dataset>>(BASE, { ...f }),
  get: (id: string) => api.get<DatasetDetail>(one(id)),
  upload: (file: File) => api.upload<DatasetPreview>(`${BASE}/uploads`, file),
  preview: (id: string, body: LayoutBody) => api.post<DatasetPreview>(`${one(id)}/preview`, body),
  confirm: (id: string, body: ConfirmBody) => api.post<{ jobId: string; dataset: Dataset }>(`${one(id)}/import`, body),
  rows: (id: string, page: number, pageSize: number, flagged: boolean) => api.get<ListOf<DatasetRecord>>(`${one(id)}/rows`, { page, pageSize, flagged: flagged ? 'true' : undefined }),
  remove: (id: string) => api.delete<void>(one(id)),
  downloadIssues: (id: string, name: string) => downloadExport(`${one(id)}/issues.xlsx`, `${name}-问题行.xlsx`),
};

export const formatBytes = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * Uploads a dataset file with upload progress (files run to several GB, so fetch's silence is not
 * enough). Errors arrive as the API's `{code, message}` and become ApiError like every other call.
 */
export function uploadDataset(file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<DatasetPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/uploads`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    xhr.onload = () => {
      let data: { code?: string; message?: string; details?: unknown } | null = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // handled below
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) resolve(data as unknown as DatasetPreview);
      else if (xhr.status === 413 && !data?.message) reject(new ApiError(413, 'FILE_TOO_LARGE', '文件过大，超过了服务器允许的上限'));
      else reject(new ApiError(xhr.status, data?.code ?? 'INTERNAL', data?.message ?? `上传失败（HTTP ${xhr.status}），请稍后再试`, data?.details));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
