import { sql, type Kysely } from 'kysely';

/**
 * Term plans, the official calendar's corrections, rounds with targets and teams, the people who
 * inspect, supervision checklists (versioned catalogues and each village's personalised list), the
 * village inspection workspace (steps, work records, pre-inspection file) and stored files.
 *
 * Scope: rows that belong to a county carry its 6-digit division code in `scope_code`; built-in
 * checklist catalogues carry '' (visible to every office). See docs/decisions/0003.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Corrections to the official calendar (years chinese-days does not know yet, late notices).
    create table calendar_overrides (
      date date primary key,
      kind text not null check (kind in ('workday', 'holiday')),
      note text not null default '',
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    );

    create table term_plans (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      name text not null,
      start_date date not null,
      end_date date not null,
      pace jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index term_plans_scope on term_plans (scope_code);

    create table rounds (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      term_plan_id uuid references term_plans(id),
      number integer not null,
      year integer not null,
      theme text not null default '',
      start_date date not null,
      end_date date not null,
      phase text not null default 'preparation',
      on_site_policy jsonb not null,
      steps jsonb not null,
      -- what finishing a village needs beyond steps, checklist and days: visit share, talk coverage
      completion_policy jsonb not null default '{}',
      copied_from uuid, -- no self-reference: backup restores a table's rows in any order
      -- facts the later phases need until the report and rectification areas record them themselves
      report_approved_on date,
      report_note text not null default '',
      evaluation_done_on date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (scope_code, year, number)
    );
    create index rounds_scope on rounds (scope_code);

    -- People who can be sent on inspection (the talent pool proper comes later).
    create table people (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      name text not null,
      gender text,
      id_number text,
      unit text not null default '',
      position text not null default '',
      expertise jsonb not null default '[]',
      home_town_code text,
      work_town_code text,
      phone text,
      user_id uuid references users(id),
      notes text not null default '',
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index people_scope on people (scope_code);
    create unique index people_id_number on people (scope_code, id_number) where id_number is not null;

    create table person_relatives (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      name text not null,
      id_number text,
      relation text not null,
      created_at timestamptz not null default now()
    );
    create index person_relatives_person on person_relatives (person_id);

    -- A team of one round; org_id links it to the organisation whose users work as this team.
    create table teams (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      org_id uuid references organisations(id),
      name text not null,
      sort integer not null default 0,
      auth_document_number text,
      auth_date date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (round_id, name)
    );
    create index teams_org on teams (org_id);

    create table team_members (
      team_id uuid not null references teams(id) on delete cascade,
      person_id uuid not null references people(id),
      role text not null check (role in ('leader', 'deputy', 'member')),
      avoidance_declared boolean not null default false,
      created_at timestamptz not null default now(),
      primary key (team_id, person_id)
    );
    create index team_members_person on team_members (person_id);

    create table round_targets (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      kind text not null check (kind in ('village', 'town', 'department')),
      code text not null,
      name text not null,
      town_code text,
      mode text not null,
      importance text not null default 'ordinary' check (importance in ('key', 'ordinary')),
      min_working_days integer,
      team_id uuid references teams(id) on delete set null,
      feedback_on date,
      sort integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (round_id, kind, code)
    );
    create index round_targets_team on round_targets (team_id);

    -- One workspace per village a target reaches (a village target: itself; 巡镇带村: the chosen villages).
    create table village_inspections (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      target_id uuid not null references round_targets(id) on delete cascade,
      village_code text not null references divisions(code),
      town_code text not null,
      status text not null default 'not_started',
      checklist_ready_at timestamptz,
      started_at timestamptz,
      completed_at timestamptz,
      override_reason text,
      override_conditions jsonb,
      overridden_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (target_id, village_code)
    );
    create index village_inspections_round on village_inspections (round_id);
    create index village_inspections_village on village_inspections (village_code);

    create table inspection_steps (
      inspection_id uuid not null references village_inspections(id) on delete cascade,
      step text not null,
      done_on date not null,
      notes text not null default '',
      recorded_by uuid references users(id),
      recorded_at timestamptz not null default now(),
      primary key (inspection_id, step)
    );

    create table work_records (
      id uuid primary key default gen_random_uuid(),
      inspection_id uuid not null references village_inspections(id) on delete cascade,
      kind text not null,
      date date not null,
      place text not null default '',
      notes text not null default '',
      people jsonb not null default '[]',
      households jsonb not null default '[]',
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index work_records_inspection on work_records (inspection_id, date);

    -- 巡前: what the office collected about a target's villages before entry.
    create table pre_inspection_entries (
      id uuid primary key default gen_random_uuid(),
      target_id uuid not null references round_targets(id) on delete cascade,
      village_code text,
      kind text not null,
      title text not null,
      content text not null default '',
      occurred_on date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index pre_inspection_target on pre_inspection_entries (target_id);

    -- Stored files, content-addressed: one row per distinct content, shared by every attachment of it.
    create table blobs (
      sha256 text primary key,
      size bigint not null,
      mime text not null,
      content bytea not null,
      created_at timestamptz not null default now()
    );

    create table attachments (
      id uuid primary key default gen_random_uuid(),
      owner_kind text not null,
      owner_id uuid not null,
      sha256 text not null references blobs(sha256),
      file_name text not null,
      mime text not null,
      size bigint not null,
      uploaded_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index attachments_owner on attachments (owner_kind, owner_id);

    -- Supervision checklists: catalogue → versions → aspects → items (with problem manifestations).
    create table checklist_catalogues (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      name text not null,
      kind text not null check (kind in ('common', 'personalised')),
      match_tags jsonb not null default '[]',
      description text not null default '',
      builtin boolean not null default false,
      archived boolean not null default false,
      -- a county's own edition of a (built-in) list: once published it stands in for the original.
      -- No foreign key: backups restore a table's rows in id order, a copy may come before its original.
      copied_from uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (scope_code, name)
    );

    create table checklist_versions (
      id uuid primary key default gen_random_uuid(),
      catalogue_id uuid not null references checklist_catalogues(id) on delete cascade,
      version integer not null,
      status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
      note text not null default '',
      published_at timestamptz,
      published_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (catalogue_id, version)
    );

    create table checklist_aspects (
      id uuid primary key default gen_random_uuid(),
      version_id uuid not null references checklist_versions(id) on delete cascade,
      sort integer not null default 0,
      name text not null
    );
    create index checklist_aspects_version on checklist_aspects (version_id);

    create table checklist_items (
      id uuid primary key default gen_random_uuid(),
      version_id uuid not null references checklist_versions(id) on delete cascade,
      aspect_id uuid not null references checklist_aspects(id) on delete cascade,
      sort integer not null default 0,
      title text not null,
      power_class text,
      village_traits jsonb not null default '[]',
      manifestations jsonb not null default '[]',
      basis text not null default ''
    );
    create index checklist_items_version on checklist_items (version_id);

    -- A village inspection's own list: copied from catalogues (and added by the team) before entry.
    create table inspection_checklist_items (
      id uuid primary key default gen_random_uuid(),
      inspection_id uuid not null references village_inspections(id) on delete cascade,
      source text not null check (source in ('common', 'personalised', 'team')),
      catalogue_name text,
      version_id uuid references checklist_versions(id),
      item_id uuid references checklist_items(id),
      sort integer not null default 0,
      aspect text not null,
      title text not null,
      power_class text,
      manifestations jsonb not null default '[]',
      result text not null default 'not_checked',
      note text not null default '',
      marked_by uuid references users(id),
      marked_at timestamptz,
      added_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index inspection_checklist_items_inspection on inspection_checklist_items (inspection_id, sort);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
