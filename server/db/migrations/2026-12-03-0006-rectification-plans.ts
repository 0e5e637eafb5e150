import { sql, type Kysely } from 'kysely';

/**
 * The town's 整改方案 per round with the joint review by 巡察办, 纪委监委 and 组织部 (one decision per
 * party and submission), the town's 整改情况报告 (its due date is computed from the feedback date and
 * the office's setting, so it is not stored) and the town's feedback to each of its villages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rectification_plans (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      town_code text not null,
      status text not null default 'drafting' check (status in ('drafting', 'submitted', 'returned', 'accepted')),
      content text not null default '',
      -- how many times the plan was submitted; reviews belong to one submission
      submission_no integer not null default 0,
      submitted_on date,
      accepted_on date,
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index rectification_plans_round_town on rectification_plans (round_id, town_code);

    create table rectification_plan_reviews (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references rectification_plans(id) on delete cascade,
      submission_no integer not null,
      reviewer text not null check (reviewer in ('office', 'discipline', 'organization')),
      decision text not null check (decision in ('accepted', 'returned')),
      comment text not null default '',
      actor_id uuid references users(id),
      actor_name text not null default '',
      at timestamptz not null default now()
    );
    -- each party decides once per submission
    create unique index rectification_plan_reviews_once on rectification_plan_reviews (plan_id, submission_no, reviewer);

    create table rectification_town_reports (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      town_code text not null,
      submitted_on date not null,
      content text not null,
      leader_implementation text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index rectification_town_reports_round_town on rectification_town_reports (round_id, town_code);

    create table rectification_village_feedbacks (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      town_code text not null,
      village_code text not null,
      fed_back_on date not null,
      attendees text not null default '',
      content text not null default '',
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index rectification_village_feedbacks_round_village on rectification_village_feedbacks (round_id, village_code);
    create index rectification_village_feedbacks_town on rectification_village_feedbacks (round_id, town_code);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
