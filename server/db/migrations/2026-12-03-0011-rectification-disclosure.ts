import { sql, type Kysely } from 'kysely';

/**
 * 整改情况公开: items marked exempt from disclosure (one of the five reasons; removing a mark keeps the
 * row with who, when and why), one disclosure per round with its public slug and status, and every
 * version the office approved as a frozen snapshot — the public page reads only the snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rectification_exemptions (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references rectification_items(id) on delete cascade,
      reason text not null check (reason in ('state_secret', 'case_pending', 'hype_risk', 'petition_risk', 'major_sensitive')),
      note text not null default '',
      created_by uuid references users(id),
      created_by_name text not null default '',
      created_at timestamptz not null default now(),
      removed_at timestamptz,
      removed_by uuid references users(id),
      removed_by_name text not null default '',
      removed_reason text not null default ''
    );
    -- one live mark per item; removed marks stay as history
    create unique index rectification_exemptions_live on rectification_exemptions (item_id) where removed_at is null;

    create table rectification_disclosures (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null unique references rounds(id) on delete cascade,
      slug text not null unique,
      status text not null check (status in ('published', 'withdrawn')),
      version integer not null default 0,
      withdrawn_at timestamptz,
      withdrawn_by uuid references users(id),
      withdrawn_by_name text not null default '',
      withdraw_reason text not null default '',
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table rectification_disclosure_versions (
      id uuid primary key default gen_random_uuid(),
      disclosure_id uuid not null references rectification_disclosures(id) on delete cascade,
      version integer not null,
      snapshot jsonb not null,
      content_hash text not null,
      items integer not null,
      approved_by uuid references users(id),
      approved_by_name text not null default '',
      approved_at timestamptz not null default now(),
      unique (disclosure_id, version)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
