/**
 * Use cases of jobs for users: enqueue (in the caller's transaction when it has one, so the job exists
 * only if the caller's work commits), read one, list the caller's scope, cancel. Every enqueue and
 * cancel writes an audit row; the payload is never shown, logged or audited (it may name files).
 *
 * Who sees a job: its creator, and users whose scope covers the job's scope and who hold the
 * permission of its kind. Anybody else gets 404 JOB_NOT_FOUND, like a job that does not exist.
 */
import { scopeCovers } from '../../domain/access/roles';
import { cancelDecision, isJobStatus, JOB_MESSAGES, JOB_STATUSES, percentOf, type JobStatus } from '../../domain/jobs';
import { DomainError, type FieldIssue } from '../../domain/shared/errors';
import type { Actor, AppContext, Tx } from '../http/context';
import { writeAudit } from '../modules/access';
import { jobKind, kindsVisibleWith } from './jobs.registry';
import { pokeLocal } from './jobs.local';
import * as repo from './jobs.repository';

const ENTITY = 'job';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('JOB_NOT_FOUND');

export interface EnqueueOptions {
  /** The caller's open transaction: the job row and its audit row are written in it. */
  tx?: Tx;
  /** The scope the job belongs to, within the actor's (default: the actor's scope). */
  scopeCode?: string;
}

/**
 * Queues a job of a registered kind and returns its id. With `opts.tx` (or a context whose `db` is a
 * transaction) the job appears only when that transaction commits; otherwise it is written in its own.
 */
export async function enqueueJob(ctx: AppContext, actor: Actor, kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string> {
  const def = jobKind(kind);
  if (!def) throw new Error(`job kind not registered: ${kind}`);
  if (def.permission && !actor.permissions.has(def.permission)) throw new DomainError('FORBIDDEN');
  const scopeCode = opts.scopeCode ?? actor.scopeCode;
  if (!scopeCovers(actor.scopeCode, scopeCode)) throw new DomainError('FORBIDDEN', '不能为本辖区以外创建任务');
  let input = payload;
  if (def.payload) {
    const r = def.payload.safeParse(payload);
    if (!r.success) {
      const issues: FieldIssue[] = r.error.issues.map((i) => ({ path: ['payload', ...i.path.map(String)].join('.'), message: i.message }));
      throw new DomainError('VALIDATION_FAILED', `任务参数有误：${[...new Set(issues.map((i) => i.message))].slice(0, 3).join('；')}`, issues);
    }
    input = r.data;
  }
  const write = async (tx: Tx) => {
    const id = await repo.insertJob(tx, { kind, scopeCode, createdBy: actor.userId, payload: input, now: ctx.now() });
    await writeAudit(tx, ctx, actor, { action: 'create', entity: ENTITY, entityId: id, scopeCode, after: { kind, label: def.label, status: 'queued' } });
    return id;
  };
  if (opts.tx) return write(opts.tx);
  if (ctx.db.isTransaction) return write(ctx.db as Tx);
  return ctx.db.transaction().execute(write);
}

export interface JobView {
  id: string;
  kind: string;
  kindLabel: string;
  status: JobStatus;
  statusLabel: string;
  progress: { done: number; total: number | null; text: string | null; percent: number | null };
  result: unknown;
  error: { code: string; message: string } | null;
  cancelRequested: boolean;
  scopeCode: string;
  createdBy: { id: string; name: string } | null;
  attempt: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function jobView(r: repo.JobRow): JobView {
  const status: JobStatus = isJobStatus(r.status) ? r.status : 'failed';
  const done = Number(r.progress_done);
  const total = r.progress_total === null ? null : Number(r.progress_total);
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: jobKind(r.kind)?.label ?? r.kind,
    status,
    statusLabel: JOB_STATUSES[status],
    progress: { done, total, text: r.progress_text, percent: percentOf(done, total, status) },
    result: status === 'succeeded' ? (r.result ?? null) : null,
    // a cancelled job keeps its Chinese note in error_message, but it is not an error
    error: status === 'failed' ? { code: r.error_code ?? 'INTERNAL', message: r.error_message ?? JOB_MESSAGES.internal } : null,
    cancelRequested: r.cancel_requested,
    scopeCode: r.scope_code,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    attempt: r.attempt,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** The one access rule of a job (see the file comment). */
export function canSeeJob(actor: Actor, job: { kind: string; scope_code: string; created_by: string | null }): boolean {
  if (job.created_by === actor.userId) return true;
  if (!scopeCovers(actor.scopeCode, job.scope_code)) return false;
  const permission = jobKind(job.kind)?.permission;
  return permission !== undefined && actor.permissions.has(permission);
}

/** A job without an access check: for the runner's helpers and server code that already decided access. */
export async function readJob(ctx: AppContext, id: string): Promise<JobView> {
  const row = UUID.test(id) ? await repo.findJob(ctx.db, id) : undefined;
  if (!row) throw notFound();
  return jobView(row);
}

export async function getJob(ctx: AppContext, actor: Actor, id: string): Promise<JobView> {
  if (!UUID.test(id)) throw notFound();
  const row = await repo.findJob(ctx.db, id);
  if (!row || !canSeeJob(actor, row)) throw notFound();
  return jobView(row);
}

export interface JobListQuery {
  kind?: string | undefined;
  status?: JobStatus | undefined;
  page: number;
  pageSize: number;
}

export async function listJobs(ctx: AppContext, actor: Actor, q: JobListQuery): Promise<{ items: JobView[]; total: number }> {
  const { items, total } = await repo.listJobs(
    ctx.db,
    { scopeCode: actor.scopeCode, userId: actor.userId, visibleKinds: kindsVisibleWith(actor.permissions), kind: q.kind, status: q.status },
    q.page,
    q.pageSize,
  );
  return { items: items.map(jobView), total };
}

/**
 * A queued job is cancelled at once. A running one is asked to stop: it ends `cancelled` when its
 * handler sees the request and stops (see JobTools). Asking again is harmless; a finished job refuses.
 */
export async function cancelJob(ctx: AppContext, actor: Actor, id: string): Promise<JobView> {
  if (!UUID.test(id)) throw notFound();
  await ctx.db.transaction().execute(async (tx) => {
    const job = await repo.lockJob(tx, id);
    if (!job || !canSeeJob(actor, job)) throw notFound();
    const status: JobStatus = isJobStatus(job.status) ? job.status : 'failed';
    const decision = cancelDecision(status, job.cancel_requested);
    switch (decision.kind) {
      case 'refuse':
        throw new DomainError('JOB_ALREADY_FINISHED', undefined, { status });
      case 'already_requested':
        return;
      case 'cancel_now':
        await repo.cancelQueued(tx, id, ctx.now(), JOB_MESSAGES.cancelled);
        await writeAudit(tx, ctx, actor, { action: 'cancel', entity: ENTITY, entityId: id, scopeCode: job.scope_code, before: { status }, after: { status: 'cancelled' } });
        return;
      case 'request':
        await repo.requestCancel(tx, id);
        await writeAudit(tx, ctx, actor, { action: 'cancel', entity: ENTITY, entityId: id, scopeCode: job.scope_code, before: { status }, after: { status, cancelRequested: true } });
        return;
    }
  });
  pokeLocal(id);
  return getJob(ctx, actor, id);
}
