/**
 * Jobs (decision 0011): the statuses and the rules of moving between them, shared by the server's
 * runner and the web's progress bar. Pure: no clock (times are passed in), no I/O.
 *
 *   queued ──claim──▶ running ──handler returns──▶ succeeded
 *     │                 │ ──handler throws──────▶ failed
 *     │                 │ ──cancel seen, handler stops──▶ cancelled
 *     │                 └─ runner gone (stale heartbeat, restart) ──▶ failed (JOB_INTERRUPTED)
 *     └──cancel──▶ cancelled (at once: nothing ran)
 */

export const JOB_STATUSES = {
  queued: '排队中',
  running: '运行中',
  succeeded: '已完成',
  failed: '失败',
  cancelled: '已取消',
} as const;
export type JobStatus = keyof typeof JOB_STATUSES;
export const JOB_STATUS_LIST = Object.keys(JOB_STATUSES) as JobStatus[];

export const isJobStatus = (s: string): s is JobStatus => s in JOB_STATUSES;

export function isFinished(status: JobStatus): boolean {
  switch (status) {
    case 'queued':
    case 'running':
      return false;
    case 'succeeded':
    case 'failed':
    case 'cancelled':
      return true;
  }
}

/** What a cancel request does to a job in a status. */
export type CancelDecision =
  | { kind: 'cancel_now' } // queued: nothing ran, it ends at once
  | { kind: 'request' } // running: the handler is asked and ends the job when it has cleaned up
  | { kind: 'already_requested' } // running, asked before: nothing more to do (idempotent)
  | { kind: 'refuse' }; // finished: JOB_ALREADY_FINISHED

export function cancelDecision(status: JobStatus, cancelRequested: boolean): CancelDecision {
  switch (status) {
    case 'queued':
      return { kind: 'cancel_now' };
    case 'running':
      return cancelRequested ? { kind: 'already_requested' } : { kind: 'request' };
    case 'succeeded':
    case 'failed':
    case 'cancelled':
      return { kind: 'refuse' };
  }
}

/** How a handler's run ended, as the runner saw it. */
export type RunOutcome =
  | { kind: 'returned' }
  | { kind: 'threw'; cancelRequested: boolean; domainCode: string | null; message: string | null };

export interface FinalState {
  status: Extract<JobStatus, 'succeeded' | 'failed' | 'cancelled'>;
  errorCode: string | null;
  errorMessage: string | null;
}

export const JOB_MESSAGES = {
  interrupted: '服务重启，任务中断，请重新运行',
  stopped: '服务停止，任务中断，请重新运行',
  internal: '任务运行出错，请稍后重试或联系管理员',
  cancelled: '任务已取消',
} as const;

/**
 * The final state of a run. A handler that returns succeeded, even if a cancel came too late to stop
 * it (its work is done and committed). A handler that throws after a cancel was requested ended
 * because of it: cancelled, whatever it threw. Otherwise a domain error keeps its code and Chinese
 * message; anything else is INTERNAL with a generic message (the stack goes to the log only).
 */
export function finalState(outcome: RunOutcome): FinalState {
  if (outcome.kind === 'returned') return { status: 'succeeded', errorCode: null, errorMessage: null };
  if (outcome.cancelRequested) return { status: 'cancelled', errorCode: null, errorMessage: JOB_MESSAGES.cancelled };
  // (a handler that says JOB_CANCELLED without being asked is a bug: it fails as INTERNAL)
  if (outcome.domainCode && outcome.domainCode !== 'JOB_CANCELLED' && outcome.message) {
    return { status: 'failed', errorCode: outcome.domainCode, errorMessage: outcome.message };
  }
  return { status: 'failed', errorCode: 'INTERNAL', errorMessage: JOB_MESSAGES.internal };
}

/**
 * Whether a running job's runner is gone. On PGlite one process owns the data directory, so at start
 * every running job was left by a process that is no more. On PostgreSQL another instance may be
 * running it: only a heartbeat older than the limit says its runner died.
 */
export function isStale(job: { status: JobStatus; heartbeatAt: Date | null }, now: Date, opts: { staleMs: number; singleProcess: boolean }): boolean {
  if (job.status !== 'running') return false;
  if (opts.singleProcess) return true;
  if (!job.heartbeatAt) return true;
  return now.getTime() - job.heartbeatAt.getTime() > opts.staleMs;
}

/** Progress writes are throttled: at most one per interval; the first one always goes. */
export function progressWriteDue(lastWriteMs: number | null, nowMs: number, minIntervalMs: number): boolean {
  return lastWriteMs === null || nowMs - lastWriteMs >= minIntervalMs;
}

/** 120000 → 120,000 (as the progress text shows counts). */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac ? `.${frac}` : '');
}

/** A progress line like 已读取 120,000 / 1,000,000 行 (or 已读取 120,000 行 when the total is unknown). */
export function countText(verb: string, done: number, total: number | null | undefined, unit: string): string {
  return total === null || total === undefined ? `${verb} ${groupDigits(done)} ${unit}` : `${verb} ${groupDigits(done)} / ${groupDigits(total)} ${unit}`;
}

/** Whole percent for the bar: null while the total is unknown; never 100 before the job has finished. */
export function percentOf(done: number, total: number | null, status: JobStatus): number | null {
  if (status === 'succeeded') return 100;
  if (total === null || total <= 0) return null;
  const p = Math.floor((Math.max(0, Math.min(done, total)) / total) * 100);
  return isFinished(status) ? p : Math.min(p, 99);
}

/** Elapsed time as 1 小时 2 分 3 秒 / 2 分 3 秒 / 3 秒. */
export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} 小时 ${m} 分 ${sec} 秒`;
  if (m > 0) return `${m} 分 ${sec} 秒`;
  return `${sec} 秒`;
}
