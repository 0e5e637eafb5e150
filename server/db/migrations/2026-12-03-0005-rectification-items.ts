import { sql, type Kysely } from 'kysely';

/**
 * Rectification items (整改事项): one per approved finding fed back, with its responsible units,
 * measures, deadline and status (domain/rectification/item.ts); the item's history (progress reports,
 * evidence, reviews, returns); and the sign-off decisions of the required parties (四方联审), each
 * against the evidence version the reviewer saw. Evidence files are attachments (owner kind
 * 'rectification_evidence', owner = the item).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rectification_items (
      id uuid primary key default gen_random_uuid(),
      finding_id uuid not null unique references findings(id) on delete cascade,
      round_id uuid not null references rounds(id) on delete cascade,
      target_id uuid not null references round_targets(id) on delete cascade,
      village_code text,
      town_code text not null,
      number integer not null,
      kind text not null check (kind in ('immediate', 'limited', 'long_term')),
      status text not null default 'drafting',
      responsible_unit_kind text not null default 'town' check (responsible_unit_kind in ('town', 'village', 'department')),
      responsible_org_id uuid references organisations(id),
      responsible_unit_name text not null,
      -- 第一责任人 (the town secretary by default) and the person handling the item
      responsible_leader text not null default '',
      handler text not null default '',
      lead_unit jsonb not null,
      cooperating_units jsonb not null default '[]',
      competent_department_org_id uuid references organisations(id),
      measures text not null default '',
      started_on date,
      deadline date,
      -- the next date the item is measured against (nextDueOn): the deadline, or the next periodic report
      due_on date,
      last_report_on date,
      closed_on date,
      evidence_version integer not null default 0,
      -- the parties required when the item entered sign-off, and which pass through sign-off this is
      required_parties jsonb not null default '[]',
      sign_off_cycle integer not null default 0,
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index rectification_items_round on rectification_items (round_id, status);
    create index rectification_items_town on rectification_items (town_code, status);

    create table rectification_item_events (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references rectification_items(id) on delete cascade,
      -- order within the item (the item row is locked while writing): clocks may tie
      n integer not null,
      action text not null,
      from_status text,
      to_status text,
      comment text not null default '',
      evidence_version integer not null default 0,
      file_ids jsonb not null default '[]',
      actor_id uuid references users(id),
      actor_name text not null,
      at timestamptz not null default now()
    );
    create unique index rectification_item_events_item on rectification_item_events (item_id, n);

    create table rectification_sign_offs (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references rectification_items(id) on delete cascade,
      n integer not null,
      cycle integer not null,
      party text not null check (party in ('office', 'discipline', 'organization', 'department')),
      evidence_version integer not null,
      decision text not null check (decision in ('approved', 'returned')),
      reason text not null default '',
      actor_id uuid references users(id),
      actor_name text not null,
      at timestamptz not null default now()
    );
    create unique index rectification_sign_offs_item on rectification_sign_offs (item_id, n);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
