import { sql, type Kysely } from 'kysely';

/**
 * 大数据比对 datasets (decision 0012): the catalogue row of each imported dataset — its data lives as
 * Parquet under `<data dir>/analytics/datasets/<id>/`, never in this database. A row starts
 * `uploaded` (file received, preview shown, mapping not yet confirmed), becomes `importing` when
 * the office confirms the mapping (with the job that runs it), then `ready` or `failed`; only
 * `ready` datasets are read by models. `issues` summarises row-level problems (counts per kind and
 * the first ones); the full list is `issues.parquet` beside the data.
 *
 * analytics_mappings keeps, per organisation scope, source (县民政局低保发放 …) and header
 * signature, the column mapping last confirmed, so the next file of that source is mapped for the user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_datasets (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      kind text,
      name text not null,
      source_name text,
      file_name text not null,
      file_size bigint not null,
      format text not null check (format in ('csv', 'xlsx', 'parquet')),
      encoding text,
      delimiter text,
      sheet_name text,
      header_row integer,
      header_row_count integer,
      headers jsonb,
      mapping jsonb,
      status text not null default 'uploaded' check (status in ('uploaded', 'importing', 'ready', 'failed')),
      row_count bigint,
      rejected_count bigint,
      flagged_count bigint,
      issues jsonb,
      error_code text,
      error_message text,
      job_id uuid,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index analytics_datasets_scope on analytics_datasets (scope_code, created_at);
    create index analytics_datasets_kind on analytics_datasets (scope_code, kind, status);

    create table analytics_mappings (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      kind text not null,
      source_name text not null,
      headers_signature text not null,
      headers jsonb not null,
      mapping jsonb not null,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now(),
      unique (scope_code, source_name, headers_signature)
    );
    create index analytics_mappings_signature on analytics_mappings (scope_code, headers_signature, updated_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
