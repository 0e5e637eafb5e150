import { sql, type Kysely } from 'kysely';

/**
 * Reports (巡察报告 per target, 专题报告 on common problems) with the leading group's hearing, feedback in
 * order (the town first, then each of its villages), 巡察建议书 to departments with their replies, and
 * transfer items (移交事项) tracked to completion.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table round_reports (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      -- the target reported on (a town or a village); null for a 专题报告 across targets
      target_id uuid references round_targets(id) on delete cascade,
      kind text not null check (kind in ('inspection', 'special')),
      title text not null,
      body jsonb not null default '[]',
      status text not null default 'draft',
      heard_on date,
      heard_note text not null default '',
      approved_on date,
      approved_by uuid references users(id),
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index round_reports_round on round_reports (round_id);
    -- one 巡察报告 per target
    create unique index round_reports_target on round_reports (target_id) where kind = 'inspection';

    create table feedbacks (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      target_id uuid not null references round_targets(id) on delete cascade,
      -- null: the feedback to the target itself (the town); otherwise to one village of it
      village_code text,
      fed_back_on date not null,
      opinion text not null default '',
      attendees text not null default '',
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index feedbacks_target_village on feedbacks (target_id, coalesce(village_code, ''));

    create table suggestions (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      department_org_id uuid not null references organisations(id),
      number integer not null,
      title text not null,
      content text not null,
      -- the 具体建议, one per item
      measures jsonb not null default '[]',
      sent_on date,
      reply_due_on date,
      reply text not null default '',
      replied_on date,
      status text not null default 'draft',
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (round_id, number)
    );

    create table transfer_items (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      department_org_id uuid not null references organisations(id),
      finding_id uuid references findings(id) on delete set null,
      title text not null,
      content text not null default '',
      sent_on date,
      due_on date,
      status text not null default 'open',
      result text not null default '',
      completed_on date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index transfer_items_round on transfer_items (round_id, status);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
