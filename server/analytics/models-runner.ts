/**
 * Runs a comparison model's SQL on DuckDB or on PostgreSQL (pg, PGlite or the app's Kysely) and
 * returns the rows as plain values that compare equal across engines:
 * - integers (INTEGER, BIGINT, HUGEINT, int8) → number (a string only beyond 2^53, on both engines);
 * - DECIMAL / NUMERIC → number; DOUBLE / float8 → number;
 * - DATE → 'YYYY-MM-DD'; TIMESTAMP → ISO text; BOOLEAN → boolean; NULL → null.
 *
 * Parameters are always bound as positional values (model.ts bindParams), never spliced into SQL.
 * A custom model's SQL additionally runs, on DuckDB, in a sandbox instance whose external access is
 * off (no files, no network, no ATTACH/COPY/INSTALL) with the configuration locked after the dataset
 * views are set up; on PostgreSQL inside a READ ONLY transaction.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { checkCustomSql } from '../../domain/analytics/models/custom';
import { type ComparisonModel, type ParamValues, prepareModel } from '../../domain/analytics/models/model';

export type ResultRow = Record<string, unknown>;

export interface ModelRunResult {
  columns: string[];
  rows: ResultRow[];
  params: ParamValues;
}

export interface RunOptions {
  /** the run's date, for date parameters defaulting to 'today' (YYYY-MM-DD) */
  today?: string;
  signal?: AbortSignal;
}

const toSafeNumber = (v: bigint | string | number): number | string => {
  const n = typeof v === 'number' ? v : Number(v);
  if (Number.isSafeInteger(n) || (!Number.isInteger(n) && Number.isFinite(n))) return n;
  return String(v);
};

/** A Date from a driver as the calendar date it was built from (pg builds local midnight). */
const dateText = (d: Date) =>
  `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Normalises one value whose engine type is unknown (Kysely rows). */
export function normaliseLoose(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return toSafeNumber(v);
  if (v instanceof Date) {
    return v.getHours() === 0 && v.getMinutes() === 0 && v.getSeconds() === 0 && v.getMilliseconds() === 0 ? dateText(v) : v.toISOString();
  }
  return v;
}

// ————————————————————————————————————————— DuckDB

function duckCell(type: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(type)) return toSafeNumber(v as string | number);
  if (type.startsWith('DECIMAL') || type === 'DOUBLE' || type === 'FLOAT') return typeof v === 'string' ? Number(v) : v;
  return v;
}

async function readDuck(conn: DuckDBConnection, sql: string, values: DuckDBValue[]): Promise<{ columns: string[]; rows: ResultRow[] }> {
  const reader = await conn.runAndReadAll(sql, values);
  const columns = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  const json = reader.getRowObjectsJson();
  const rows = json.map((r) => {
    const out: ResultRow = {};
    columns.forEach((c, i) => {
      out[c] = duckCell(types[i]!, r[c]);
    });
    return out;
  });
  return { columns, rows };
}

/** Runs a model on a DuckDB connection where the ds_<kind> relations exist. */
export async function runModelOnDuckDB(
  conn: DuckDBConnection,
  model: Pick<ComparisonModel, 'sql' | 'params'>,
  input: Record<string, unknown> | undefined,
  opts: RunOptions = {},
): Promise<ModelRunResult> {
  const bound = prepareModel(model, input, 'duckdb', { today: opts.today });
  opts.signal?.throwIfAborted();
  const interrupt = () => conn.interrupt();
  opts.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    const { columns, rows } = await readDuck(conn, bound.sql, bound.values);
    return { columns, rows, params: bound.params };
  } finally {
    opts.signal?.removeEventListener('abort', interrupt);
  }
}

export interface DuckSandbox {
  conn: DuckDBConnection;
  close(): void;
}

/**
 * A DuckDB instance for user-written model SQL: extensions never load, `setup` creates the ds_<kind>
 * views (reading only under `allowedDirectories`), then external access is switched off and the
 * configuration locked, so even SQL that slipped past the validator cannot read or write files,
 * attach databases or change settings.
 */
export async function openDuckSandbox(opts: {
  setup: (conn: DuckDBConnection) => Promise<void>;
  allowedDirectories?: string[];
  threads?: number;
  memoryLimit?: string;
  /** where large queries spill (a directory of the sandbox's own); none when absent */
  tempDirectory?: string;
}): Promise<DuckSandbox> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
  if (opts.threads !== undefined) config.threads = String(opts.threads);
  if (opts.memoryLimit !== undefined) config.memory_limit = opts.memoryLimit;
  // DuckDB allows its temp directory even with external access off, and the default is `.tmp` under
  // the working directory: without a directory of its own for spilling, the sandbox gets none.
  config.temp_directory = opts.tempDirectory ?? '';
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  const close = () => {
    conn.closeSync();
    instance.closeSync();
  };
  try {
    const dirs = (opts.allowedDirectories ?? []).map((d) => `'${d.replaceAll("'", "''")}'`).join(', ');
    await conn.run(`SET allowed_directories = [${dirs}]`);
    await opts.setup(conn);
    await conn.run('SET enable_external_access = false');
    await conn.run('SET lock_configuration = true');
  } catch (e) {
    close();
    throw e;
  }
  return { conn, close };
}

// ————————————————————————————————————————— PostgreSQL

export interface PgField {
  name: string;
  dataTypeID: number;
}

/** Runs one parameterised statement; `readOnly` wraps it in a READ ONLY transaction. */
export type PgExecutor = (sql: string, values: unknown[], opts: { readOnly: boolean }) => Promise<{ rows: ResultRow[]; fields?: PgField[] }>;

const INT_OIDS = new Set([20, 21, 23, 26]);
const NUMERIC_OIDS = new Set([700, 701, 1700]);
const RAW_TEXT_OIDS = [20, 1700, 1082, 1114, 1184];

function pgCell(oid: number | undefined, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (oid !== undefined && INT_OIDS.has(oid)) return toSafeNumber(v as string | number | bigint);
  if (oid !== undefined && NUMERIC_OIDS.has(oid)) return typeof v === 'string' ? Number(v) : v;
  if (oid === 1114 || oid === 1184) return typeof v === 'string' ? new Date(v.replace(' ', 'T')).toISOString() : normaliseLoose(v);
  return normaliseLoose(v);
}

interface PgClientLike {
  query(config: { text: string; values: unknown[]; types: { getTypeParser: (oid: number, format?: string) => (v: string) => unknown } }): Promise<{ rows: ResultRow[]; fields: PgField[] }>;
  query(text: string): Promise<unknown>;
}

/** An executor on one pg client (pg.Client or a client checked out of a pg.Pool). */
export function pgClientExecutor(client: PgClientLike): PgExecutor {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      RAW_TEXT_OIDS.includes(oid) ? (v: string) => v : (pg.types.getTypeParser(oid, (format ?? 'text') as 'text') as (v: string) => unknown),
  };
  return async (text, values, { readOnly }) => {
    if (!readOnly) return client.query({ text, values, types });
    await client.query('BEGIN TRANSACTION READ ONLY');
    try {
      return await client.query({ text, values, types });
    } finally {
      await client.query('ROLLBACK');
    }
  };
}

interface PgliteLike {
  query<T>(sql: string, params?: unknown[], opts?: { parsers?: Record<number, (v: string, typeId: number) => unknown> }): Promise<{ rows: T[]; fields: { name: string; dataTypeID: number }[] }>;
  transaction<T>(fn: (tx: { exec(sql: string): Promise<unknown>; query: PgliteLike['query'] }) => Promise<T>): Promise<T>;
}

/** An executor on a PGlite instance. */
export function pgliteExecutor(pglite: PgliteLike): PgExecutor {
  const parsers = Object.fromEntries(RAW_TEXT_OIDS.map((oid) => [oid, (v: string) => v]));
  return async (sql, values, { readOnly }) => {
    if (!readOnly) return pglite.query<ResultRow>(sql, values, { parsers });
    return pglite.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION READ ONLY');
      return tx.query<ResultRow>(sql, values, { parsers });
    });
  };
}

/**
 * An executor on the app's Kysely database. Rows come without column types, so values are
 * normalised by their JS type (the app's drivers already give int8 as numbers and dates as text).
 */
export function kyselyExecutor<DB>(db: Kysely<DB>): PgExecutor {
  return async (sql, values, { readOnly }) => {
    const run = async (conn: Kysely<DB>) => (await conn.executeQuery<ResultRow>(CompiledQuery.raw(sql, values))).rows;
    if (!readOnly) return { rows: await run(db) };
    return {
      rows: await db.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw('SET TRANSACTION READ ONLY'));
        return run(tx);
      }),
    };
  };
}

/** Runs a model on PostgreSQL where the ds_<kind> relations exist (tables or views). */
export async function runModelOnPostgres(
  exec: PgExecutor,
  model: Pick<ComparisonModel, 'sql' | 'params'>,
  input: Record<string, unknown> | undefined,
  opts: RunOptions & { readOnly?: boolean } = {},
): Promise<ModelRunResult> {
  const bound = prepareModel(model, input, 'postgres', { today: opts.today });
  opts.signal?.throwIfAborted();
  const res = await exec(bound.sql, bound.values, { readOnly: opts.readOnly ?? false });
  const oids = new Map((res.fields ?? []).map((f) => [f.name, f.dataTypeID]));
  const columns = res.fields ? res.fields.map((f) => f.name) : Object.keys(res.rows[0] ?? {});
  const rows = res.rows.map((r) => {
    const out: ResultRow = {};
    for (const c of columns) out[c] = pgCell(oids.get(c), r[c]);
    return out;
  });
  return { columns, rows, params: bound.params };
}


/**
 * Runs a user-defined model: its SQL is checked again (it may have been stored by an older version
 * of the check), then run in the DuckDB sandbox.
 */
export async function runCustomModelOnDuckDB(
  sandbox: DuckSandbox,
  model: Pick<ComparisonModel, 'sql' | 'params'>,
  input: Record<string, unknown> | undefined,
  opts: RunOptions = {},
): Promise<ModelRunResult> {
  checkCustomSql(model.sql, model.params);
  return runModelOnDuckDB(sandbox.conn, model, input, opts);
}

/** Runs a user-defined model on PostgreSQL: checked again, then inside a READ ONLY transaction. */
export async function runCustomModelOnPostgres(
  exec: PgExecutor,
  model: Pick<ComparisonModel, 'sql' | 'params'>,
  input: Record<string, unknown> | undefined,
  opts: RunOptions = {},
): Promise<ModelRunResult> {
  checkCustomSql(model.sql, model.params);
  return runModelOnPostgres(exec, model, input, { ...opts, readOnly: true });
}
