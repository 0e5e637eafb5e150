import { sql } from 'kysely';
import type { AppContext } from './http/context';
import { migrateToLatest, openDatabase, type Database } from './db/database';
import type { Config } from './config';
import { ensureBootstrapAdmin } from './modules/access';
import { seedDefaultTags } from './modules/registry';
import { seedDefaultChecklists } from './modules/checklists';
import { PEPPER_MISMATCH_HELP, pepperFingerprint, pepperOf } from './http/pepper';

/** Opens the configured database and brings it to the current schema and first-run state. */
export async function openContext(config: Config, purpose: string): Promise<{ ctx: AppContext; database: Database; migration: string }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose });
  try {
    const migration = await migrateToLatest(database.db);
    const ctx: AppContext = { db: database.db, dbKind: database.kind, config, now: () => new Date() };
    return { ctx, database, migration };
  } catch (e) {
    await database.close();
    throw e;
  }
}

const FIRST_RUN_LOCK = 7_240_002; // advisory lock key: one instance at a time seeds a PostgreSQL database
let inProcess: Promise<unknown> = Promise.resolve();

/**
 * First-run data: default classification tags, the built-in checklists and the administrator. Safe to
 * call on every start. On PostgreSQL several instances may start together on one empty database: a
 * session advisory lock makes the others wait until the first has seeded, then they find it done.
 * (PGlite is single-process: the data-directory lock already keeps a second process out.)
 */
export async function firstRun(ctx: AppContext): Promise<{ generatedPassword?: string; created: boolean }> {
  if (ctx.dbKind !== 'postgres') {
    // one process: queue the calls
    const run = inProcess.then(() => seedFirstRun(ctx));
    inProcess = run.catch(() => undefined);
    return run;
  }
  return ctx.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${FIRST_RUN_LOCK})`.execute(conn);
    try {
      return await seedFirstRun(ctx);
    } finally {
      await sql`select pg_advisory_unlock(${FIRST_RUN_LOCK})`.execute(conn);
    }
  });
}

async function seedFirstRun(ctx: AppContext): Promise<{ generatedPassword?: string; created: boolean }> {
  const seeded = await ctx.db.selectFrom('app_meta').select('key').where('key', '=', 'default_tags_seeded').executeTakeFirst();
  if (!seeded) {
    await ctx.db.transaction().execute(async (trx) => {
      await seedDefaultTags(trx);
      await trx.insertInto('app_meta').values({ key: 'default_tags_seeded', value: 'true' }).execute();
    });
  }
  await seedDefaultChecklists(ctx.db, ctx.now);
  return ensureBootstrapAdmin(ctx);
}

const PEPPER_KEY = 'codes_pepper_fingerprint';

export class PepperMismatchError extends Error {
  constructor() {
    super(PEPPER_MISMATCH_HELP);
    this.name = 'PepperMismatchError';
  }
}

/**
 * The pepper this instance reads must be the one the database's receipts were hashed with. The first
 * start records its fingerprint; later starts compare (several instances on one empty database race
 * on the insert and all compare against the winner). `accept` records the current pepper instead —
 * for an operator whose original file is lost, after which earlier receipts no longer match.
 */
export async function checkPepper(ctx: AppContext, opts: { accept?: boolean } = {}): Promise<'recorded' | 'matches' | 'accepted'> {
  const fingerprint = pepperFingerprint(pepperOf(ctx));
  const value = JSON.stringify(fingerprint);
  const inserted = await ctx.db
    .insertInto('app_meta')
    .values({ key: PEPPER_KEY, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return 'recorded';
  const row = await ctx.db.selectFrom('app_meta').select('value').where('key', '=', PEPPER_KEY).executeTakeFirstOrThrow();
  if (row.value === fingerprint) return 'matches';
  if (!opts.accept) throw new PepperMismatchError();
  await ctx.db.updateTable('app_meta').set({ value }).where('key', '=', PEPPER_KEY).execute();
  return 'accepted';
}
