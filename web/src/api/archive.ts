/**
 * Typed calls of 立卷归档 (the case file of a round's targets) and the .zip exports. Shapes follow
 * server/modules/archive/archive.routes.ts.
 */
import type { ArchiveStage } from '../../../domain/archive/archive';
import { ApiError, request } from './client';
import type { ListOf } from './types';

export interface ArchiveCounts {
  files: number;
  records: number;
  findings: number;
  approvedFindings: number;
  leads: number;
  transferredLeads: number;
}

export interface ArchiveTargetRow {
  id: string;
  kind: string;
  code: string;
  name: string;
  teamName: string | null;
  counts: ArchiveCounts;
  complete: boolean;
  missingCount: number;
  /** the first few reasons */
  missing: string[];
}

export interface ArchiveEntry {
  seq: number;
  stage: ArchiveStage;
  stageName: string;
  title: string;
  fileName: string;
  date: string | null;
  responsible: string;
  type: string;
  typeName: string;
  /** null for generated documents until they are exported */
  size: number | null;
  sha256: string | null;
  zipPath: string;
  download: string;
}

export interface TargetArchive {
  round: { id: string; label: string };
  target: { id: string; kind: string; code: string; name: string; teamName: string | null };
  stages: { stage: ArchiveStage; name: string; folder: string; entries: ArchiveEntry[] }[];
  complete: boolean;
  missing: string[];
  counts: ArchiveCounts;
}

export interface Page {
  page: number;
  pageSize: number;
}

const r = (roundId: string) => `/api/archive/rounds/${encodeURIComponent(roundId)}`;
const t = (roundId: string, targetId: string) => `${r(roundId)}/targets/${encodeURIComponent(targetId)}`;

export const archiveKeys = {
  all: ['archive'] as const,
  targets: (roundId: string, page: Page) => ['archive', roundId, 'targets', page] as const,
  target: (roundId: string, targetId: string) => ['archive', roundId, 'target', targetId] as const,
};

export const archiveApi = {
  targets: (roundId: string, page: Page) => request<ListOf<ArchiveTargetRow> & { round: { id: string; label: string; phase: string } }>('GET', `${r(roundId)}/targets`, { query: { ...page } }),
  target: (roundId: string, targetId: string) => request<TargetArchive>('GET', t(roundId, targetId)),
};

export const archiveDownloads = {
  target: (roundId: string, targetId: string) => `${t(roundId, targetId)}/archive.zip`,
  round: (roundId: string) => `${r(roundId)}/archive.zip`,
};

/** The file name the server gives in Content-Disposition (RFC 5987 form first). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? fallback;
}

/**
 * Fetches an export and saves it. A refusal (nothing to export, no access) arrives as JSON and is thrown
 * as an ApiError with the server's Chinese message, instead of the browser saving the error as a file.
 */
export async function downloadExport(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { code?: string; message?: string; details?: unknown } | null;
    throw new ApiError(res.status, data?.code ?? 'INTERNAL', data?.message ?? `导出失败（HTTP ${res.status}），请稍后再试`, data?.details);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
