import { sql, type Kysely } from 'kysely';

/**
 * 自定义比对模型: models the office writes as parameterised SQL over the ds_<kind> datasets (checked
 * read-only by domain/analytics/models/custom.ts and by a dry run before they are stored), run like
 * the built-in ones. `key` ('custom_<short id>') is what runs and hits refer to, unique per scope;
 * `version` guards concurrent edits; a disabled model is kept (its hits still name it) but no longer
 * offered for runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_custom_models (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      key text not null,
      name text not null,
      description text not null,
      category text not null,
      requires jsonb not null,
      params jsonb not null,
      sql text not null,
      hit_key jsonb not null,
      village_column text not null,
      amount_column text,
      explain_template text not null,
      enabled boolean not null default true,
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_by uuid references users(id),
      updated_at timestamptz not null default now(),
      unique (scope_code, key)
    );
    create index analytics_custom_models_scope on analytics_custom_models (scope_code, enabled);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
