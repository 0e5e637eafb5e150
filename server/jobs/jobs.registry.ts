/**
 * Job kinds, registered by the modules that own the work (dataset import, model runs …) when they
 * are loaded. A runner claims only kinds registered in its own process, so instances running
 * different versions never take a job they cannot run.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Permission } from '../../domain/access/roles';
import type { AppContext } from '../http/context';
import type { DB } from '../db/schema';

/** What a handler gets to know about its job. The payload is its input; it is never shown to users. */
export interface JobRecord<P = unknown> {
  id: string;
  kind: string;
  scopeCode: string;
  createdBy: string | null;
  payload: P;
  /** 1 on the first run (jobs are not retried automatically: a user re-runs a failed one). */
  attempt: number;
  createdAt: Date;
}

/**
 * The tools of a running handler.
 *
 * The cancellation contract: when a user cancels a running job, `signal` is aborted as soon as the
 * runner sees the request (at the next heartbeat or progress write). A handler must then stop soon,
 * undo or clean up what it made outside the database (temporary files, half-written Parquet, a
 * staging table) and throw — `throwIfCancelled()` throws the right error. Database writes belong in
 * transactions that commit only complete work, so stopping between them leaves nothing half done.
 * A handler that ignores the signal runs to its end, and its job then counts as succeeded.
 */
export interface JobTools {
  ctx: AppContext;
  db: Kysely<DB>;
  signal: AbortSignal;
  /**
   * Reports progress for the bar: `done` of `total` (leave `total` out while it is unknown) and a
   * Chinese line such as 已读取 120,000 / 1,000,000 行 (`countText` in domain/jobs builds it).
   * `total` or `text` left undefined keep their previous value. Writes are throttled (the first at
   * once, then at most one per interval, the last value always written), so call it as often as
   * convenient. It returns at once and the write happens in the background, so it is safe inside the
   * handler's own transaction (on PGlite, awaiting a write of the outer database there would wait on
   * itself). It never rejects: a negative or non-finite number is logged and skipped, a failed write logged.
   */
  progress(done: number, total?: number | null, text?: string | null): Promise<void>;
  /** Throws JOB_CANCELLED once a cancel was seen; call it between units of work. */
  throwIfCancelled(): void;
  /** Server log, for the operator. Never pass it payload secrets or personal data. */
  log(message: string, err?: unknown): void;
}

export interface JobKindDefinition<P = unknown, R = unknown> {
  /** What users see, e.g. 导入比对数据. */
  label: string;
  /**
   * Who may enqueue it, and who besides its creator may see and cancel it in the creator's scope.
   * Without one, only its creator sees it.
   */
  permission?: Permission;
  /** Checked at enqueue: bad input is refused there (VALIDATION_FAILED, paths under `payload`). */
  payload?: z.ZodType<P>;
  /**
   * The work. Runs outside any transaction of the runner; returns the result users may see (plain
   * JSON: ids, counts, Chinese summaries — nothing secret). A DomainError fails the job with its code
   * and Chinese message; any other error fails it as INTERNAL with a generic message.
   */
  run(job: JobRecord<P>, tools: JobTools): Promise<R>;
}

const KIND_NAME = /^[a-z][a-z0-9_.-]{1,63}$/;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const kinds = new Map<string, JobKindDefinition<any, any>>();

export function registerJobKind<P, R>(kind: string, def: JobKindDefinition<P, R>): void {
  if (!KIND_NAME.test(kind)) throw new Error(`invalid job kind name: ${kind}`);
  if (kinds.has(kind)) throw new Error(`job kind registered twice: ${kind}`);
  if (!def.label.trim()) throw new Error(`job kind ${kind} needs a label`);
  kinds.set(kind, def);
}

export function jobKind(kind: string): JobKindDefinition | undefined {
  return kinds.get(kind);
}

export function registeredKinds(): string[] {
  return [...kinds.keys()];
}

/** Kinds whose permission the holder has: their jobs in the holder's scope are visible to it. */
export function kindsVisibleWith(permissions: ReadonlySet<Permission>): string[] {
  return [...kinds.entries()].filter(([, d]) => d.permission !== undefined && permissions.has(d.permission)).map(([k]) => k);
}
