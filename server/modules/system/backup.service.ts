import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { DomainError } from '../../../domain/shared/errors';
import { currentMigration } from '../../db/database';
import { TABLE_ORDER, type DB } from '../../db/schema';

/**
 * Backups are gzipped JSON lines, the same for PGlite and PostgreSQL (a backup from one restores into
 * the other): a header line, then one line per row, tables in foreign-key order.
 */
const FORMAT = 'xuncha-backup/1';
const BATCH = 500;

interface Header {
  format: string;
  migration: string | null;
  createdAt: string;
  tables: Record<string, number>;
}

async function* rowsOf(db: Kysely<DB>, table: keyof DB) {
  // Parents first for the self-referencing organisations table.
  const order = table === 'organisations' ? 'created_at, id' : '1';
  let offset = 0;
  for (;;) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(order)} limit ${BATCH} offset ${offset}`.execute(db);
    if (rows.length === 0) return;
    yield* rows;
    offset += rows.length;
  }
}

export async function countRows(db: Kysely<DB>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLE_ORDER) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(rows[0]!.n);
  }
  return out;
}

export async function backupTo(db: Kysely<DB>, file: string, now: Date): Promise<Header> {
  const header: Header = { format: FORMAT, migration: await currentMigration(db), createdAt: now.toISOString(), tables: await countRows(db) };
  async function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const t of TABLE_ORDER) for await (const row of rowsOf(db, t)) yield `${JSON.stringify({ t, r: encodeBytes(row) })}\n`;
  }
  const tmp = `${file}.partial`;
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(tmp));
  fs.renameSync(tmp, file); // a failed backup never leaves a file that looks complete
  return header;
}

/** bytea values (Buffer on pg, Uint8Array on PGlite) travel as {"$base64": "…"} in the JSON lines. */
function encodeBytes(row: Record<string, unknown>): Record<string, unknown> {
  if (!Object.values(row).some((v) => v instanceof Uint8Array)) return row;
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? { $base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') } : v]),
  );
}

function decodeBytes(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if ('$base64' in v && typeof v.$base64 === 'string') return Buffer.from(v.$base64, 'base64');
  // Buffer.toJSON, in case a file was written by hand from a pg row
  if ('type' in v && v.type === 'Buffer' && 'data' in v && Array.isArray(v.data)) return Buffer.from(v.data as number[]);
  return v;
}

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const counts = await countRows(db);
  return Object.values(counts).every((n) => n === 0);
}

/** Reads the header of a backup file without restoring it. */
export async function readBackupHeader(file: string): Promise<Header> {
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    rl.close();
    return parseHeader(line);
  }
  throw new DomainError('VALIDATION_FAILED', '备份文件是空的');
}

function parseHeader(line: string): Header {
  let header: Header;
  try {
    header = JSON.parse(line);
  } catch {
    throw new DomainError('VALIDATION_FAILED', '不是 xuncha 备份文件');
  }
  if (header.format !== FORMAT) throw new DomainError('VALIDATION_FAILED', `不支持的备份格式：${String(header.format)}`);
  return header;
}

/**
 * Restores a backup in one transaction: with `replace`, existing rows are removed first (the
 * caller has confirmed); without it a non-empty database is refused. Row counts are checked
 * against the header before commit, so a truncated file restores nothing.
 */
export async function restoreFrom(db: Kysely<DB>, file: string, opts: { replace: boolean }): Promise<Header> {
  const migration = await currentMigration(db);
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const it = rl[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new DomainError('VALIDATION_FAILED', '备份文件是空的');
  const header = parseHeader(first.value);
  if (header.migration !== migration) {
    throw new DomainError('RESTORE_VERSION_MISMATCH', `备份的数据库版本为 ${header.migration}，当前程序为 ${migration}：请使用对应版本的程序恢复`);
  }
  if (!opts.replace && !(await isEmpty(db))) {
    throw new DomainError('RESTORE_TARGET_NOT_EMPTY', '目标数据库已有数据：确认覆盖后才能恢复（命令行加 --yes，或在提示时确认）');
  }
  const { rows: jsonCols } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema() and data_type in ('jsonb', 'json')`.execute(db);
  const isJson = new Set(jsonCols.map((c) => `${c.table_name}.${c.column_name}`));
  const { rows: byteCols } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema() and data_type = 'bytea'`.execute(db);
  const isBytes = new Set(byteCols.map((c) => `${c.table_name}.${c.column_name}`));
  await db.transaction().execute(async (trx) => {
    await sql`truncate ${sql.join(TABLE_ORDER.map((t) => sql.table(t)))} restart identity cascade`.execute(trx);
    const restored: Record<string, number> = {};
    let pending: { t: keyof DB; rows: Record<string, unknown>[] } | null = null;
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      const t = pending.t;
      const rows = pending.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v !== null && isJson.has(`${t}.${k}`) ? JSON.stringify(v) : isBytes.has(`${t}.${k}`) ? decodeBytes(v) : v])));
      await trx.insertInto(pending.t).values(rows as never).execute();
      restored[pending.t] = (restored[pending.t] ?? 0) + rows.length;
      pending.rows = [];
    };
    for (let next = await it.next(); !next.done; next = await it.next()) {
      if (!next.value) continue;
      const { t, r } = JSON.parse(next.value) as { t: keyof DB; r: Record<string, unknown> };
      if (!TABLE_ORDER.includes(t)) throw new DomainError('VALIDATION_FAILED', `备份文件包含未知的表：${t}`);
      if (pending && pending.t !== t) await flush();
      if (!pending || pending.t !== t) pending = { t, rows: [] };
      pending.rows.push(r);
      if (pending.rows.length >= BATCH) await flush();
    }
    await flush();
    for (const t of TABLE_ORDER) {
      if ((restored[t] ?? 0) !== (header.tables[t] ?? 0)) {
        throw new DomainError('VALIDATION_FAILED', `备份文件不完整：表 ${t} 应有 ${header.tables[t] ?? 0} 行，读到 ${restored[t] ?? 0} 行。未恢复任何数据`);
      }
    }
    // Serial counters continue after the restored rows.
    await sql`select setval(pg_get_serial_sequence('audit_log', 'seq'), greatest(coalesce((select max(seq) from audit_log), 0), 1), (select count(*) > 0 from audit_log))`.execute(trx);
    await sql`select setval(pg_get_serial_sequence('classification_tags', 'id'), greatest(coalesce((select max(id) from classification_tags), 0), 1), (select count(*) > 0 from classification_tags))`.execute(trx);
  });
  return header;
}
