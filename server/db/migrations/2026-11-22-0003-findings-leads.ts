import { sql, type Kysely } from 'kysely';

/**
 * Findings (问题, one working paper each) with their three-step review and supporting materials, and
 * leads (问题线索) with their transfer, the receiving body's disposition and the outcome per person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table findings (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      target_id uuid not null references round_targets(id) on delete cascade,
      inspection_id uuid references village_inspections(id) on delete set null,
      village_code text,
      town_code text not null,
      -- per round, given at creation and never reused
      number integer not null,
      checklist_item_id uuid references inspection_checklist_items(id) on delete set null,
      category text not null,
      aspect text not null default '',
      title text not null,
      description text not null,
      amount numeric(18,2),
      responsible jsonb not null default '[]',
      source text not null,
      found_on date not null,
      place text not null default '',
      -- 立行立改: fixed during the round, with its notice and the record of the fix
      immediate boolean not null default false,
      immediate_notice_no text,
      immediate_fix text not null default '',
      immediate_fixed_on date,
      status text not null default 'draft',
      author_id uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (round_id, number)
    );
    create index findings_round on findings (round_id, status);
    create index findings_village on findings (village_code);

    -- the last finding number given in a round: deleted drafts keep their number used
    create table finding_numbers (
      round_id uuid primary key references rounds(id) on delete cascade,
      last_number integer not null
    );

    create table finding_reviews (
      id uuid primary key default gen_random_uuid(),
      finding_id uuid not null references findings(id) on delete cascade,
      step text not null,
      decision text not null,
      comment text not null default '',
      reviewer_id uuid references users(id),
      reviewer_name text not null,
      at timestamptz not null default now()
    );
    create index finding_reviews_finding on finding_reviews (finding_id, at);

    -- The list of supporting materials of a working paper; files hang off each as attachments.
    create table finding_materials (
      id uuid primary key default gen_random_uuid(),
      finding_id uuid not null references findings(id) on delete cascade,
      sort integer not null default 0,
      title text not null,
      kind text not null default 'other',
      description text not null default '',
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index finding_materials_finding on finding_materials (finding_id, sort);

    create table leads (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      -- the round's target (and village inspection) whose team found it: decides who of the teams may see it
      target_id uuid not null references round_targets(id) on delete cascade,
      inspection_id uuid references village_inspections(id) on delete set null,
      finding_id uuid references findings(id) on delete set null,
      village_code text,
      town_code text not null,
      number integer not null,
      summary text not null,
      evidence text not null default '',
      persons jsonb not null default '[]',
      -- who may handle it by cadre-management authority: discipline, organisation, or another body
      authority text not null,
      other_body text,
      receiving_org_id uuid references organisations(id),
      status text not null default 'draft',
      transfer_letter_no text,
      transferred_on date,
      transferred_by uuid references users(id),
      received_on date,
      received_by_name text,
      due_on date,
      disposition text,
      disposition_on date,
      case_opened_on date,
      handling_report text not null default '',
      reported_on date,
      closed_on date,
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (round_id, number)
    );
    create index leads_round on leads (round_id, status);
    create index leads_receiver on leads (receiving_org_id, status);

    -- the last lead number given in a round: deleted drafts keep their number used
    create table lead_numbers (
      round_id uuid primary key references rounds(id) on delete cascade,
      last_number integer not null
    );

    create table lead_outcomes (
      id uuid primary key default gen_random_uuid(),
      lead_id uuid not null references leads(id) on delete cascade,
      person_name text not null,
      cadre_id uuid references cadres(id) on delete set null,
      kind text not null,
      measure text not null,
      decided_on date not null,
      note text not null default '',
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index lead_outcomes_lead on lead_outcomes (lead_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
