/** SQL of the jobs table: enqueue, the claim, heartbeats, progress, the end of a run, reads in a scope. */
import type { Executor, Tx } from '../http/context';

const like = (scope: string) => `${scope}%`;

const COLUMNS = [
  'j.id',
  'j.kind',
  'j.scope_code',
  'j.created_by',
  'j.status',
  'j.progress_done',
  'j.progress_total',
  'j.progress_text',
  'j.result',
  'j.error_code',
  'j.error_message',
  'j.cancel_requested',
  'j.claimed_by',
  'j.heartbeat_at',
  'j.attempt',
  'j.created_at',
  'j.started_at',
  'j.finished_at',
] as const;

/** A job as read for users: everything but the payload, with the creator's name. */
function base(db: Executor) {
  return db.selectFrom('jobs as j').leftJoin('users as u', 'u.id', 'j.created_by').select(COLUMNS).select('u.display_name as created_by_name');
}
export type JobRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export async function insertJob(db: Executor, row: { kind: string; scopeCode: string; createdBy: string | null; payload: unknown; now: Date }): Promise<string> {
  const r = await db
    .insertInto('jobs')
    .values({ kind: row.kind, scope_code: row.scopeCode, created_by: row.createdBy, payload: JSON.stringify(row.payload ?? {}), created_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const findJob = (db: Executor, id: string) => base(db).where('j.id', '=', id).executeTakeFirst();

export async function lockJob(tx: Tx, id: string) {
  return tx.selectFrom('jobs').select(['id', 'kind', 'scope_code', 'created_by', 'status', 'cancel_requested']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface JobListFilter {
  scopeCode: string;
  userId: string;
  /** kinds the caller may see in its scope besides its own jobs */
  visibleKinds: string[];
  kind?: string | undefined;
  status?: string | undefined;
}

export async function listJobs(db: Executor, f: JobListFilter, page: number, pageSize: number) {
  let q = base(db)
    .where('j.scope_code', 'like', like(f.scopeCode))
    .where((eb) => (f.visibleKinds.length ? eb.or([eb('j.created_by', '=', f.userId), eb('j.kind', 'in', f.visibleKinds)]) : eb('j.created_by', '=', f.userId)));
  if (f.kind) q = q.where('j.kind', '=', f.kind);
  if (f.status) q = q.where('j.status', '=', f.status);
  const total = await db
    .selectFrom(q.as('x'))
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy('j.created_at', 'desc')
    .orderBy('j.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

export async function cancelQueued(tx: Tx, id: string, now: Date, message: string) {
  await tx
    .updateTable('jobs')
    .set({ status: 'cancelled', cancel_requested: true, error_message: message, finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

export async function requestCancel(tx: Tx, id: string) {
  await tx.updateTable('jobs').set({ cancel_requested: true }).where('id', '=', id).where('status', '=', 'running').execute();
}

/** The row a runner claims: with its payload, which only the handler reads. */
export interface ClaimedRow {
  id: string;
  kind: string;
  scope_code: string;
  created_by: string | null;
  payload: unknown;
  attempt: number;
  created_at: Date;
  progress_done: number;
  progress_total: number | null;
  progress_text: string | null;
}

/**
 * Claims the oldest queued job of the given kinds (or the one job asked for) in one statement: the
 * subquery locks the row with `for update skip locked`, so concurrent claims on PostgreSQL each get a
 * different row and none waits on another; the update makes it ours. No transaction stays open.
 */
export async function claimJob(db: Executor, o: { runnerId: string; kinds: string[]; now: Date; onlyId?: string | undefined }): Promise<ClaimedRow | undefined> {
  if (o.kinds.length === 0) return undefined;
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', claimed_by: o.runnerId, started_at: o.now, heartbeat_at: o.now, attempt: eb('attempt', '+', 1) }))
    .where('id', '=', (eb) => {
      let q = eb.selectFrom('jobs').select('id').where('status', '=', 'queued').where('kind', 'in', o.kinds);
      if (o.onlyId) q = q.where('id', '=', o.onlyId);
      return q.orderBy('created_at').orderBy('id').limit(1).forUpdate().skipLocked();
    })
    .where('status', '=', 'queued')
    .returning(['id', 'kind', 'scope_code', 'created_by', 'payload', 'attempt', 'created_at', 'progress_done', 'progress_total', 'progress_text'])
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, progress_done: Number(row.progress_done), progress_total: row.progress_total === null ? null : Number(row.progress_total) };
}

/**
 * A heartbeat, with progress when given. Returns whether a cancel was requested, or undefined when
 * the job is no longer this runner's running job (it was declared stale by another instance).
 */
export async function beat(
  db: Executor,
  o: { id: string; runnerId: string; now: Date; progress?: { done: number; total: number | null; text: string | null } },
): Promise<boolean | undefined> {
  const r = await db
    .updateTable('jobs')
    .set({
      heartbeat_at: o.now,
      ...(o.progress ? { progress_done: o.progress.done, progress_total: o.progress.total, progress_text: o.progress.text } : {}),
    })
    .where('id', '=', o.id)
    .where('claimed_by', '=', o.runnerId)
    .where('status', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  return r?.cancel_requested;
}

export async function finishJob(
  db: Executor,
  o: {
    id: string;
    runnerId: string;
    now: Date;
    status: 'succeeded' | 'failed' | 'cancelled';
    result: unknown;
    errorCode: string | null;
    errorMessage: string | null;
    progress: { done: number; total: number | null; text: string | null };
  },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      status: o.status,
      result: o.result === undefined ? null : JSON.stringify(o.result),
      error_code: o.errorCode,
      error_message: o.errorMessage,
      finished_at: o.now,
      heartbeat_at: o.now,
      progress_done: o.progress.done,
      progress_total: o.progress.total,
      progress_text: o.progress.text,
    })
    .where('id', '=', o.id)
    .where('claimed_by', '=', o.runnerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function runningJobs(db: Executor) {
  return db.selectFrom('jobs').select(['id', 'heartbeat_at']).where('status', '=', 'running').execute();
}

/** Fails the given running jobs, re-checking in the statement that their heartbeat is still the stale one. */
export async function failInterrupted(db: Executor, o: { ids: string[]; now: Date; cutoff: Date | null; code: string; message: string }): Promise<string[]> {
  if (o.ids.length === 0) return [];
  let q = db
    .updateTable('jobs')
    .set({ status: 'failed', error_code: o.code, error_message: o.message, finished_at: o.now })
    .where('id', 'in', o.ids)
    .where('status', '=', 'running');
  if (o.cutoff) {
    const cutoff = o.cutoff;
    q = q.where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', cutoff)]));
  }
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

export async function jobStatus(db: Executor, id: string) {
  return db.selectFrom('jobs').select(['status']).where('id', '=', id).executeTakeFirst();
}
