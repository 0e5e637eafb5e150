import { sql, type Kysely } from 'kysely';

/**
 * 整改成效评估: the office's 100-point deduction model (one per office organisation; the domain's
 * default until the office saves one) and one evaluation per round and town. An evaluation keeps the
 * model it was scored with, the counts the data suggested and the counts the office entered (with a
 * note per rule), the score, the grade and the 二次整改 flag; it is a draft until the office confirms it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rectification_evaluation_models (
      org_id uuid primary key references organisations(id) on delete cascade,
      model jsonb not null,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    );

    create table rectification_evaluations (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      town_code text not null,
      status text not null default 'draft' check (status in ('draft', 'confirmed')),
      as_of date not null,
      model jsonb not null,
      suggested jsonb not null default '{}',
      counts jsonb not null default '{}',
      notes jsonb not null default '{}',
      conclusion text not null default '',
      total double precision not null,
      grade text not null check (grade in ('good', 'fairly_good', 'average', 'poor')),
      second_rectification boolean not null,
      confirmed_on date,
      confirmed_by uuid references users(id),
      confirmed_by_name text not null default '',
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (round_id, town_code)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
