import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { latestMigration, migrationProvider } from './migrations';
import type { DB } from './schema';
import { PGliteDialect } from './pglite-dialect';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Shown to a second process that finds the data directory locked. */
  purpose: string;
  /** For tests: a PGlite instance made elsewhere (e.g. cloned from a migrated template). */
  pglite?: PGlite;
}

// pg returns int8 (counts, bigserial) as strings; PGlite returns numbers. Make them agree.
pg.types.setTypeParser(20, (v) => Number(v));
// Dates (no time zone) stay as 'YYYY-MM-DD' strings on both drivers.
pg.types.setTypeParser(1082, (v) => v);

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection the server ends (restart, failover, an administrator's terminate) is dropped from the
    // pool and replaced on the next query; unhandled, pg's 'error' event would end the whole process.
    pool.on('error', (err) => console.warn(`PostgreSQL 空闲连接已断开，将自动重连：${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`select 1`.execute(db);
    } catch (e) {
      await db.destroy();
      throw new Error(`无法连接 PostgreSQL 数据库（DATABASE_URL）：${(e as Error).message}`, { cause: e });
    }
    return { db, kind: 'postgres', close: () => db.destroy() };
  }

  let lock: DataDirLock | undefined;
  let pglite = opts.pglite;
  if (!pglite) {
    lock = lockDataDir(opts.dataDir, opts.purpose);
    try {
      pglite = await PGlite.create({
        dataDir: path.join(opts.dataDir, 'pglite'),
        parsers: { 1082: (v: string) => v },
      });
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  const owned = pglite;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(owned) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!owned.closed) await owned.close();
      lock?.release();
    },
  };
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String((error as Error)?.message ?? error)}`);
  }
  return latestMigration;
}

export async function currentMigration(db: Kysely<DB>): Promise<string | null> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt).at(-1)?.name ?? null;
}
