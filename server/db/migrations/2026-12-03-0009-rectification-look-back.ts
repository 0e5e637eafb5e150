import { sql, type Kysely } from 'kysely';

/**
 * 回头看 (re-inspection of rectification): a target of a 回头看 round (round_targets.id, mode 'revisit')
 * with the reasons that put its village on the list and the round it was chosen from; one link per
 * original rectification item (and through it the finding) with the reasons behind that item and the
 * re-inspection's verdict (整改到位 / 整改不到位 / 虚假整改), comment, who and when, and the item's status
 * before and after the verdict's effect. A verdict is recorded once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table look_back_targets (
      target_id uuid primary key references round_targets(id) on delete cascade,
      round_id uuid not null references rounds(id) on delete cascade,
      source_round_id uuid references rounds(id) on delete set null,
      village_code text not null,
      town_code text not null,
      reasons jsonb not null default '[]',
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index look_back_targets_round on look_back_targets (round_id);
    create index look_back_targets_village on look_back_targets (village_code);

    create table look_back_links (
      id uuid primary key default gen_random_uuid(),
      target_id uuid not null references look_back_targets(target_id) on delete cascade,
      item_id uuid not null references rectification_items(id) on delete cascade,
      finding_id uuid not null references findings(id) on delete cascade,
      reasons jsonb not null default '[]',
      verdict text check (verdict in ('in_place', 'not_in_place', 'fake')),
      comment text not null default '',
      item_status_before text,
      item_status_after text,
      decided_by uuid references users(id),
      decided_by_name text not null default '',
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      unique (target_id, item_id)
    );
    create index look_back_links_item on look_back_links (item_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
