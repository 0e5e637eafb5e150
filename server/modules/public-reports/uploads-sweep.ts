/**
 * Orphan public uploads: a villager's page uploads a file before the report is sent
 * (`POST /api/public/reports/uploads`, owner kind `public_report_upload`); submitting the report or a
 * message by receipt moves it to the report. An upload never attached — the page was closed, the report
 * refused — would stay forever, with its blob. This sweep deletes them, with their blobs when no other
 * attachment shares the content (decision 0004), in batches, each batch in one transaction.
 *
 * Age: a public upload keeps only the China date it arrived (`created_at` is that day's midnight, decision
 * 0009), so "older than 24 hours" is decided on the day: an upload is swept once its whole day lies more
 * than 24 hours back (created_at ≤ now − 48 h). Every swept upload is thus at least 24 hours old; none is
 * kept longer than 48 hours.
 *
 * Runs at start and hourly inside the server (like the 三色预警 timer; several instances may run it at
 * once: rows are taken with SKIP LOCKED and the delete re-checks that the row is still an upload), and
 * as `xuncha uploads sweep`. Logs counts only.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../http/context';
import { UPLOAD_OWNER } from './intake.service';

export const ORPHAN_UPLOAD_MIN_AGE_MS = 24 * 3600_000;
const DAY_MS = 24 * 3600_000;
export const SWEEP_BATCH = 200;
export const SWEEP_INTERVAL_MS = 3600_000;

export interface SweepResult {
  /** upload rows deleted */
  uploads: number;
  /** blobs deleted with them (content no other attachment uses) */
  blobs: number;
  /** bytes of the deleted blobs */
  bytes: number;
}

/** The created_at at or before which an unattached upload is swept at `now`. */
export function sweepCutoff(now: Date): Date {
  return new Date(now.getTime() - ORPHAN_UPLOAD_MIN_AGE_MS - DAY_MS);
}

/** One batch in one transaction; returns what it deleted. */
async function sweepBatch(ctx: AppContext, cutoff: Date, batch: number): Promise<SweepResult & { taken: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('attachments')
      .select('id')
      .where('owner_kind', '=', UPLOAD_OWNER)
      .where('created_at', '<=', cutoff)
      .orderBy('created_at')
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return { taken: 0, uploads: 0, blobs: 0, bytes: 0 };
    // attached in the meantime (the owner kind moved to the report): not deleted
    const deleted = await tx
      .deleteFrom('attachments')
      .where('id', 'in', rows.map((r) => r.id))
      .where('owner_kind', '=', UPLOAD_OWNER)
      .returning('sha256')
      .execute();
    const hashes = [...new Set(deleted.map((d) => d.sha256))];
    let blobs = 0;
    let bytes = 0;
    if (hashes.length > 0) {
      const gone = await tx
        .deleteFrom('blobs')
        .where('sha256', 'in', hashes)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('attachments as a').select(sql<number>`1`.as('one')).whereRef('a.sha256', '=', 'blobs.sha256'))))
        .returning('size')
        .execute();
      blobs = gone.length;
      bytes = gone.reduce((s, g) => s + Number(g.size), 0);
    }
    return { taken: rows.length, uploads: deleted.length, blobs, bytes };
  });
}

/** Deletes every unattached public upload whose day ended more than 24 hours before `ctx.now()`. */
export async function sweepOrphanUploads(ctx: AppContext, opts: { batch?: number } = {}): Promise<SweepResult> {
  const batch = opts.batch ?? SWEEP_BATCH;
  const cutoff = sweepCutoff(ctx.now());
  const total: SweepResult = { uploads: 0, blobs: 0, bytes: 0 };
  for (;;) {
    const r = await sweepBatch(ctx, cutoff, batch);
    total.uploads += r.uploads;
    total.blobs += r.blobs;
    total.bytes += r.bytes;
    if (r.taken < batch) return total;
  }
}

/** The server's sweep timer. */
export interface UploadSweepTimer {
  /** Stops the timer; resolves once a run in progress, if any, has finished (so the database can close). */
  stop(): Promise<void>;
  /** Resolves once the run in progress, if any, has finished (at once when none is running). */
  idle(): Promise<void>;
}

/**
 * The in-process timer: a first sweep shortly after start, then every hour; runs never overlap (a tick
 * while one runs is skipped), a failure is logged and the next tick tries again.
 */
export function startUploadSweepTimer(ctx: AppContext, log: (msg: string, err?: unknown) => void, opts: { firstAfterMs?: number; everyMs?: number } = {}): UploadSweepTimer {
  let running: Promise<void> | null = null;
  const run = async () => {
    try {
      const r = await sweepOrphanUploads(ctx);
      if (r.uploads > 0) log(`清理未提交的群众上传附件：${r.uploads} 个（释放文件内容 ${r.blobs} 份，${r.bytes} 字节）`);
    } catch (e) {
      log('清理未提交的群众上传附件失败', e);
    }
  };
  const tick = () => {
    if (running) return;
    running = run().finally(() => {
      running = null;
    });
  };
  const first = setTimeout(tick, opts.firstAfterMs ?? 10_000);
  const timer = setInterval(tick, opts.everyMs ?? SWEEP_INTERVAL_MS);
  first.unref();
  timer.unref();
  const idle = async () => {
    await running;
  };
  return {
    idle,
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await idle();
    },
  };
}
