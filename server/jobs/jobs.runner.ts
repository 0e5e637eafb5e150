/**
 * The runner (decision 0011). Each app instance may run one: it claims queued jobs of the kinds
 * registered in its process with `for update skip locked` (one short statement, no transaction kept
 * open — on PGlite the one connection is handed out per statement, so a long handler never blocks
 * others), runs the handler outside any transaction, heartbeats every few seconds (which is also when
 * it sees a cancel request), writes progress throttled, and records the end.
 *
 * At start, running jobs whose runner is gone are failed with 服务重启，任务中断，请重新运行: on PGlite
 * every running job (one process owns the data directory), on PostgreSQL those whose heartbeat is
 * older than the stale limit (also checked while polling, for instances that die while others run).
 *
 * Tests do not start a runner: `runJobsUntilIdle` and `waitForJob` run jobs in-process, one at a time.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { finalState, isFinished, isJobStatus, isStale, JOB_MESSAGES, progressWriteDue, type RunOutcome } from '../../domain/jobs';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import type { AppContext } from '../http/context';
import { jobKind, registeredKinds, type JobRecord, type JobTools } from './jobs.registry';
import { trackLocal } from './jobs.local';
import * as repo from './jobs.repository';
import { readJob } from './jobs.service';

export type JobLog = (level: 'info' | 'warn' | 'error', message: string, err?: unknown) => void;

export interface RunnerOptions {
  /** Jobs run at once by this instance (0: the runner claims nothing). */
  concurrency: number;
  /** How often an idle runner looks for queued jobs. */
  pollMs?: number;
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this has lost its runner (PostgreSQL only). */
  staleMs?: number;
  /** At most one progress write per this interval and job. */
  progressIntervalMs?: number;
  log?: JobLog;
  /** This runner's name in claimed_by (default: host, process and a random part). */
  id?: string;
}

const DEFAULTS = { pollMs: 1_000, heartbeatMs: 5_000, staleMs: 60_000, progressIntervalMs: 500 };

const silent: JobLog = () => {};

/** The reason a signal was aborted: a user's cancel, the server stopping, or the job lost to a stale check. */
type AbortReason = 'cancel' | 'shutdown' | 'lost';

class CancelledError extends DomainError {
  constructor() {
    super('JOB_CANCELLED');
  }
}

export class JobRunner {
  readonly id: string;
  private readonly opts: Required<Omit<RunnerOptions, 'id' | 'log'>> & { log: JobLog };
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private pollTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private ticking: Promise<number> | null = null;
  private lastStaleCheck = 0;

  constructor(
    private readonly ctx: AppContext,
    opts: RunnerOptions,
  ) {
    this.id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.opts = {
      concurrency: opts.concurrency,
      pollMs: opts.pollMs ?? DEFAULTS.pollMs,
      heartbeatMs: opts.heartbeatMs ?? DEFAULTS.heartbeatMs,
      staleMs: opts.staleMs ?? DEFAULTS.staleMs,
      progressIntervalMs: opts.progressIntervalMs ?? DEFAULTS.progressIntervalMs,
      log: opts.log ?? silent,
    };
  }

  /** Recovers interrupted jobs, then polls. */
  async start(): Promise<void> {
    const failed = await recoverInterruptedJobs(this.ctx, { staleMs: this.opts.staleMs });
    if (failed.length) this.opts.log('warn', `任务：${failed.length} 个运行中的任务因服务重启而中断，已标记为失败`);
    this.lastStaleCheck = Date.now();
    if (this.opts.concurrency <= 0) return;
    const loop = async () => {
      if (this.stopping) return;
      try {
        await this.tick();
      } catch (e) {
        this.opts.log('error', '任务：领取任务失败', e);
      }
      if (!this.stopping) {
        this.pollTimer = setTimeout(() => void loop(), this.opts.pollMs);
        this.pollTimer.unref();
      }
    };
    void loop();
  }

  /**
   * Claims jobs while slots are free; each claimed job runs in the background. On PostgreSQL it also
   * fails the jobs of instances that stopped heartbeating. Returns how many were claimed.
   */
  async tick(): Promise<number> {
    if (this.ticking || this.stopping) return 0;
    this.ticking = this.claimWhileFree();
    try {
      return await this.ticking;
    } finally {
      this.ticking = null;
    }
  }

  private async claimWhileFree(): Promise<number> {
    if (this.ctx.dbKind === 'postgres' && Date.now() - this.lastStaleCheck > this.opts.staleMs / 2) {
      this.lastStaleCheck = Date.now();
      const failed = await recoverInterruptedJobs(this.ctx, { staleMs: this.opts.staleMs, singleProcess: false });
      if (failed.length) this.opts.log('warn', `任务：${failed.length} 个任务的运行实例已失联，已标记为失败`);
    }
    let claimed = 0;
    while (!this.stopping && this.active.size < this.opts.concurrency) {
      const row = await repo.claimJob(this.ctx.db, { runnerId: this.id, kinds: registeredKinds(), now: this.ctx.now() });
      if (!row) break;
      claimed++;
      this.track(row);
    }
    return claimed;
  }

  /** Claims one queued job (that one, when an id is given) and runs it to its end. Null when there was none. */
  async runOne(onlyId?: string): Promise<string | null> {
    const row = await repo.claimJob(this.ctx.db, { runnerId: this.id, kinds: registeredKinds(), now: this.ctx.now(), onlyId });
    if (!row) return null;
    await this.track(row);
    return row.id;
  }

  /**
   * Stops claiming, asks running handlers to stop (their signal aborts) and waits up to `graceMs` for
   * them; those that stopped are failed with 服务停止，任务中断，请重新运行. Any still running when
   * the grace ends are left to the stale rules of the next start.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    // a claim in flight finishes first, so the job it took is among those asked to stop
    await this.ticking?.catch(() => 0);
    const running = [...this.active.values()];
    for (const r of running) r.controller.abort('shutdown' satisfies AbortReason);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(running.map((r) => r.done)), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  get activeCount(): number {
    return this.active.size;
  }

  private track(row: repo.ClaimedRow): Promise<void> {
    const controller = new AbortController();
    const done = this.execute(row, controller)
      .catch((e) => this.opts.log('error', `任务 ${row.id}（${row.kind}）：记录结果失败`, e))
      .finally(() => this.active.delete(row.id));
    this.active.set(row.id, { controller, done });
    return done;
  }

  private async execute(row: repo.ClaimedRow, controller: AbortController): Promise<void> {
    const { ctx, opts } = this;
    const def = jobKind(row.kind);
    const progress = { done: row.progress_done, total: row.progress_total, text: row.progress_text };
    let lastWrite: number | null = null;
    let flushTimer: NodeJS.Timeout | null = null;
    let writes: Promise<void> = Promise.resolve();
    let dirty = false;

    const abort = (reason: AbortReason) => {
      if (!controller.signal.aborted) controller.abort(reason);
    };
    const seen = (cancel: boolean | undefined) => {
      if (cancel === undefined) abort('lost');
      else if (cancel) abort('cancel');
    };
    // Writes of one job are serialised, so a heartbeat never overtakes a newer progress write.
    const write = (withProgress: boolean) => {
      writes = writes
        .then(async () => {
          const snapshot = withProgress ? { ...progress } : undefined;
          if (withProgress) {
            dirty = false;
            lastWrite = Date.now();
          }
          seen(await repo.beat(ctx.db, { id: row.id, runnerId: this.id, now: ctx.now(), ...(snapshot ? { progress: snapshot } : {}) }));
        })
        .catch((e) => opts.log('warn', `任务 ${row.id}：心跳或进度写入失败`, e));
      return writes;
    };
    const heartbeat = setInterval(() => void write(dirty), opts.heartbeatMs);
    heartbeat.unref();
    const untrack = trackLocal(row.id, () => void write(dirty));

    const tools: JobTools = {
      ctx,
      db: ctx.db,
      signal: controller.signal,
      progress: async (done, total, text) => {
        // never rejects (handlers often call it without awaiting): a bad number is logged and skipped
        const badTotal = total !== undefined && total !== null && (!Number.isFinite(total) || total < 0);
        if (!Number.isFinite(done) || done < 0 || badTotal) {
          opts.log('warn', `任务 ${row.id}（${row.kind}）：进度数值无效（${done} / ${total}），已忽略`);
          return;
        }
        progress.done = Math.floor(done);
        if (total !== undefined) progress.total = total === null ? null : Math.floor(total);
        if (text !== undefined) progress.text = text;
        dirty = true;
        // The write is not awaited: a handler inside its own transaction would otherwise wait on itself on
        // PGlite's one connection. Writes run in order behind the handler's statements.
        if (progressWriteDue(lastWrite, Date.now(), opts.progressIntervalMs)) {
          if (flushTimer) clearTimeout(flushTimer);
          flushTimer = null;
          void write(true);
        } else if (!flushTimer) {
          flushTimer = setTimeout(() => {
            flushTimer = null;
            if (dirty) void write(true);
          }, opts.progressIntervalMs - (Date.now() - (lastWrite ?? 0)));
          flushTimer.unref();
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new CancelledError();
      },
      log: (message, err) => opts.log(err ? 'error' : 'info', `任务 ${row.id}（${row.kind}）：${message}`, err),
    };

    let outcome: RunOutcome;
    let result: unknown = null;
    try {
      if (!def) throw new Error(`job kind not registered: ${row.kind}`);
      const job: JobRecord = { id: row.id, kind: row.kind, scopeCode: row.scope_code, createdBy: row.created_by, payload: row.payload, attempt: row.attempt, createdAt: row.created_at };
      result = await def.run(job, tools);
      // the result must be plain JSON: a value that cannot be stored fails the job here, not at the write
      result = result === undefined ? null : JSON.parse(JSON.stringify(result));
      outcome = { kind: 'returned' };
    } catch (e) {
      const reason = controller.signal.aborted ? (controller.signal.reason as AbortReason) : null;
      if (!isDomainError(e) && reason !== 'cancel') opts.log('error', `任务 ${row.id}（${row.kind}）运行出错`, e);
      outcome = { kind: 'threw', cancelRequested: reason === 'cancel', domainCode: isDomainError(e) ? e.code : null, message: isDomainError(e) ? e.message : null };
    } finally {
      clearInterval(heartbeat);
      untrack();
      if (flushTimer) clearTimeout(flushTimer);
    }
    await writes;

    let final = finalState(outcome);
    if (outcome.kind === 'threw' && controller.signal.reason === 'shutdown') {
      final = { status: 'failed', errorCode: 'JOB_INTERRUPTED', errorMessage: JOB_MESSAGES.stopped };
    }
    const recorded = await repo.finishJob(ctx.db, { id: row.id, runnerId: this.id, now: ctx.now(), ...final, result: final.status === 'succeeded' ? result : null, progress });
    if (!recorded) opts.log('warn', `任务 ${row.id}（${row.kind}）已不归本实例运行（可能被判定为失联），结果未记录`);
  }
}

/**
 * Fails running jobs whose runner is gone (see the file comment). `singleProcess` defaults to the
 * database kind: PGlite has one process, so every running job found at start is interrupted.
 */
export async function recoverInterruptedJobs(ctx: AppContext, o: { staleMs?: number; singleProcess?: boolean } = {}): Promise<string[]> {
  const staleMs = o.staleMs ?? DEFAULTS.staleMs;
  const singleProcess = o.singleProcess ?? ctx.dbKind === 'pglite';
  const now = ctx.now();
  const running = await repo.runningJobs(ctx.db);
  const stale = running.filter((r) => isStale({ status: 'running', heartbeatAt: r.heartbeat_at }, now, { staleMs, singleProcess }));
  return repo.failInterrupted(ctx.db, {
    ids: stale.map((r) => r.id),
    now,
    cutoff: singleProcess ? null : new Date(now.getTime() - staleMs),
    code: 'JOB_INTERRUPTED',
    message: JOB_MESSAGES.interrupted,
  });
}

/** Starts the server's runner; the returned function stops it (waiting briefly for running handlers). */
export async function startJobRunner(ctx: AppContext, opts: RunnerOptions): Promise<{ runner: JobRunner; stop: (graceMs?: number) => Promise<void> }> {
  const runner = new JobRunner(ctx, opts);
  await runner.start();
  return { runner, stop: (graceMs) => runner.stop(graceMs) };
}

export interface InProcessOptions {
  heartbeatMs?: number;
  progressIntervalMs?: number;
  log?: JobLog;
}

/**
 * For tests and the CLI: runs queued jobs in this process, one after another, until none is left
 * (jobs that handlers enqueue run too). Returns how many ran.
 */
export async function runJobsUntilIdle(ctx: AppContext, o: InProcessOptions & { maxJobs?: number } = {}): Promise<number> {
  const runner = new JobRunner(ctx, { concurrency: 1, ...o });
  const max = o.maxJobs ?? 1_000;
  let n = 0;
  while (n < max && (await runner.runOne())) n++;
  return n;
}

/**
 * For tests: runs the job in this process if it is still queued, or waits for whoever runs it, and
 * returns it once finished. Call it without awaiting to look at a job while its handler runs.
 */
export async function waitForJob(ctx: AppContext, id: string, o: InProcessOptions & { timeoutMs?: number; pollMs?: number } = {}) {
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  const runner = new JobRunner(ctx, { concurrency: 1, ...o });
  for (;;) {
    const current = await repo.jobStatus(ctx.db, id);
    if (!current) throw new DomainError('JOB_NOT_FOUND');
    if (isJobStatus(current.status) && isFinished(current.status)) return readJob(ctx, id);
    // queued: run it here (unless its kind is not registered in this process, or another runner just took it)
    if (current.status !== 'queued' || !(await runner.runOne(id))) {
      if (Date.now() > deadline) throw new Error(`job ${id} did not finish within the timeout`);
      await new Promise((r) => setTimeout(r, o.pollMs ?? 20));
    }
  }
}
