import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      name text not null,
      parent_id uuid references organisations(id),
      level text not null,
      scope_code text not null,
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index organisations_name_unique on organisations (scope_code, name);

    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique,
      display_name text not null,
      org_id uuid not null references organisations(id),
      roles jsonb not null default '[]',
      password_hash text not null,
      must_change_password boolean not null default false,
      totp_secret text,
      totp_pending_secret text,
      failed_logins integer not null default 0,
      last_failed_at timestamptz,
      locked_until timestamptz,
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index users_org on users (org_id);

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index sessions_user on sessions (user_id);

    create table audit_log (
      seq bigserial primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_name text not null,
      org_id uuid,
      scope_code text not null,
      action text not null,
      entity text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      prev_hash text not null,
      hash text not null
    );
    create index audit_entity on audit_log (entity, entity_id);
    create index audit_scope on audit_log (scope_code text_pattern_ops);

    create table divisions (
      code text primary key,
      name text not null,
      short_name text not null,
      level smallint not null,
      parent_code text,
      county_code text,
      kind text,
      initials text not null default '',
      source text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index divisions_parent on divisions (parent_code);
    create index divisions_county_level on divisions (county_code, level);

    create table classification_tags (
      id serial primary key,
      name text not null unique,
      category text not null,
      description text not null default '',
      sort integer not null default 0,
      builtin boolean not null default false
    );

    create table village_profiles (
      village_code text primary key references divisions(code),
      tags jsonb not null default '[]',
      party_members integer,
      households integer,
      population integer,
      collective_assets numeric(18,2),
      annual_income numeric(18,2),
      annual_expenditure numeric(18,2),
      petitions_last_year integer,
      collective_credit_code text,
      notes text not null default '',
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table cadres (
      id uuid primary key default gen_random_uuid(),
      village_code text not null references divisions(code),
      name text not null,
      gender text,
      id_number text not null,
      positions jsonb not null default '[]',
      term_start date,
      term_end date,
      phone text,
      notes text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (village_code, id_number)
    );
    create index cadres_id_number on cadres (id_number);

    create table cadre_relatives (
      id uuid primary key default gen_random_uuid(),
      cadre_id uuid not null references cadres(id) on delete cascade,
      name text not null,
      id_number text,
      relation text not null,
      created_at timestamptz not null default now()
    );
    create index cadre_relatives_cadre on cadre_relatives (cadre_id);
    create index cadre_relatives_id_number on cadre_relatives (id_number);

    create table import_batches (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      created_by uuid not null references users(id),
      scope_code text not null,
      file_name text not null,
      status text not null,
      summary jsonb not null,
      valid_rows jsonb not null,
      error_rows jsonb not null,
      created_at timestamptz not null default now(),
      confirmed_at timestamptz
    );

    create table app_meta (
      key text primary key,
      value jsonb not null
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('foundation migration cannot be reverted');
}
