/**
 * Typed calls of jobs (long work: imports, model runs) and the polling hook the progress bar uses.
 * Shapes follow server/jobs/jobs.routes.ts and jobs.service.ts (JobView).
 */
import { useQuery } from '@tanstack/react-query';
import { isFinished, type JobStatus } from '../../../domain/jobs/states';
import { api } from './client';
import type { ListOf } from './types';

export type { JobStatus };

export interface Job<R = unknown> {
  id: string;
  kind: string;
  kindLabel: string;
  status: JobStatus;
  statusLabel: string;
  progress: { done: number; total: number | null; text: string | null; percent: number | null };
  /** what the handler returned, once succeeded */
  result: R | null;
  error: { code: string; message: string } | null;
  cancelRequested: boolean;
  scopeCode: string;
  createdBy: { id: string; name: string } | null;
  attempt: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobFilter {
  kind?: string;
  status?: JobStatus;
  page: number;
  pageSize: number;
}

export const jobKeys = {
  all: ['jobs'] as const,
  one: (id: string) => ['jobs', 'one', id] as const,
  list: (f: JobFilter) => ['jobs', 'list', f] as const,
};

export const jobsApi = {
  get: <R = unknown>(id: string, signal?: AbortSignal) => api.get<Job<R>>(`/api/jobs/${encodeURIComponent(id)}`, undefined, signal),
  list: (f: JobFilter) => api.get<ListOf<Job>>('/api/jobs', { ...f }),
  cancel: (id: string) => api.post<Job>(`/api/jobs/${encodeURIComponent(id)}/cancel`),
};

/** How often a queued or running job is asked about. */
export const JOB_POLL_MS = 1_000;

export const jobActive = (job: Pick<Job, 'status'> | undefined) => job !== undefined && !isFinished(job.status);

/** How long until the next poll of a job: every second until it has finished; never after an error. */
export function jobPollInterval(job: Pick<Job, 'status'> | undefined, error: unknown): number | false {
  if (error) return false;
  return job === undefined || jobActive(job) ? JOB_POLL_MS : false;
}

/**
 * A job, polled every second while queued or running; polling stops once it has finished (and while
 * there is no id). Errors (a 404 for a job one may not see) stop it too.
 */
export function useJob<R = unknown>(id: string | null | undefined) {
  return useQuery({
    queryKey: jobKeys.one(id ?? ''),
    queryFn: ({ signal }) => jobsApi.get<R>(id!, signal),
    enabled: !!id,
    staleTime: 0,
    refetchInterval: (query) => jobPollInterval(query.state.data, query.state.error),
    refetchIntervalInBackground: true,
  });
}
