/** SQL of 大数据比对 datasets and saved mappings. Every read takes the caller's division scope. */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';

const like = (scope: string) => `${scope}%`;
const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

function base(db: Executor) {
  return db
    .selectFrom('analytics_datasets as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .selectAll('d')
    .select(['u.display_name as created_by_name']);
}
export type DatasetRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export interface DatasetFilter {
  scope: string;
  q?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
}

export async function listDatasets(db: Executor, f: DatasetFilter, page: number, pageSize: number) {
  let q = base(db).where('d.scope_code', 'like', like(f.scope));
  if (f.q) {
    const text = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('d.name', 'ilike', text), eb('d.source_name', 'ilike', text), eb('d.file_name', 'ilike', text)]));
  }
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.status) q = q.where('d.status', '=', f.status);
  const total = await db
    .selectFrom(q.as('x'))
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q.orderBy('d.created_at', 'desc').orderBy('d.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items, total: Number(total.n) };
}

export const findDataset = (db: Executor, scope: string, id: string) => base(db).where('d.scope_code', 'like', like(scope)).where('d.id', '=', id).executeTakeFirst();
export const findDatasetById = (db: Executor, id: string) => base(db).where('d.id', '=', id).executeTakeFirst();

export async function lockDataset(tx: Tx, id: string): Promise<void> {
  await sql`select id from analytics_datasets where id = ${id} for update`.execute(tx);
}

export async function insertDataset(
  db: Executor,
  row: {
    id: string;
    scope_code: string;
    name: string;
    file_name: string;
    file_size: number;
    format: string;
    encoding: string | null;
    delimiter: string | null;
    sheet_name: string | null;
    header_row: number | null;
    header_row_count: number | null;
    headers: unknown;
    created_by: string;
    now: Date;
  },
) {
  const { now, headers, ...rest } = row;
  return db
    .insertInto('analytics_datasets')
    .values({ ...rest, headers: JSON.stringify(headers), status: 'uploaded', created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateDataset(
  db: Executor,
  id: string,
  patch: Partial<{
    kind: string;
    name: string;
    source_name: string;
    encoding: string | null;
    delimiter: string | null;
    sheet_name: string | null;
    header_row: number | null;
    header_row_count: number | null;
    headers: unknown;
    mapping: unknown;
    status: string;
    row_count: number | null;
    rejected_count: number | null;
    flagged_count: number | null;
    issues: unknown;
    error_code: string | null;
    error_message: string | null;
    job_id: string | null;
    finished_at: Date | null;
  }>,
  now: Date,
) {
  const { headers, mapping, issues, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest, updated_at: now };
  if (headers !== undefined) values.headers = JSON.stringify(headers);
  if (mapping !== undefined) values.mapping = JSON.stringify(mapping);
  if (issues !== undefined) values.issues = JSON.stringify(issues);
  return db.updateTable('analytics_datasets').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteDataset(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('analytics_datasets').where('id', '=', id).execute();
}

/**
 * Imports whose job ended without the handler marking the dataset (the server stopped or died
 * mid-import, and the jobs runner failed the job at start): marked failed with the job's message.
 * Returns their ids so the caller removes their files.
 */
export async function settleInterrupted(db: Executor, scope: string, now: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    update analytics_datasets d
       set status = 'failed',
           error_code = coalesce(j.error_code, 'JOB_INTERRUPTED'),
           error_message = coalesce(j.error_message, '导入中断，请重新上传文件'),
           finished_at = ${now},
           updated_at = ${now}
      from jobs j
     where j.id = d.job_id and d.status = 'importing' and d.scope_code like ${like(scope)} and j.status in ('failed', 'cancelled')
    returning d.id`.execute(db);
  return rows.map((r) => r.id);
}

/** Ids whose work directory is still needed: uploads awaiting their mapping and running imports. */
export async function idsWithWork(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('analytics_datasets').select('id').where('status', 'in', ['uploaded', 'importing']).execute();
  return new Set(rows.map((r) => r.id));
}

// — saved mappings —

/** The mapping last saved for these headers in the scope: of the named source first, else of any source. */
export async function findMapping(db: Executor, scope: string, signature: string, sourceName?: string) {
  let q = db.selectFrom('analytics_mappings').selectAll().where('scope_code', '=', scope).where('headers_signature', '=', signature);
  if (sourceName) q = q.orderBy(sql`case when source_name = ${sourceName} then 0 else 1 end`);
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
}

export async function saveMapping(
  db: Executor,
  row: { scope_code: string; kind: string; source_name: string; headers_signature: string; headers: unknown; mapping: unknown; updated_by: string; now: Date },
) {
  const values = {
    scope_code: row.scope_code,
    kind: row.kind,
    source_name: row.source_name,
    headers_signature: row.headers_signature,
    headers: JSON.stringify(row.headers),
    mapping: JSON.stringify(row.mapping),
    updated_by: row.updated_by,
    updated_at: row.now,
  };
  await db
    .insertInto('analytics_mappings')
    .values(values)
    .onConflict((oc) => oc.columns(['scope_code', 'source_name', 'headers_signature']).doUpdateSet({ kind: values.kind, headers: values.headers, mapping: values.mapping, updated_by: values.updated_by, updated_at: values.updated_at }))
    .execute();
}

/** Source names used before in the scope (for the source field's suggestions). */
export async function sourceNames(db: Executor, scope: string) {
  const rows = await db.selectFrom('analytics_mappings').select(['source_name', 'kind']).where('scope_code', '=', scope).orderBy('updated_at', 'desc').limit(100).execute();
  return rows;
}
