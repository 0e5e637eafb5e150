import { sql, type Kysely } from 'kysely';

/**
 * 问卷: questionnaires (definition validated by domain/public-reports/questionnaires.ts), optionally
 * for a round and one of its targets, published under a random public slug; one-time paper access
 * codes (only their peppered hash); anonymous answers with the China date only — no address, no user
 * agent, no time of day. Replay protection is in the unique indexes: one answer per device-token hash
 * per questionnaire, one per access code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table questionnaires (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      round_id uuid references rounds(id) on delete set null,
      target_id uuid references round_targets(id) on delete set null,
      kind text not null check (kind in ('democratic_evaluation', 'satisfaction', 'team_evaluation')),
      title text not null,
      definition jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'published', 'closed')),
      access_mode text not null default 'open' check (access_mode in ('open', 'code')),
      slug text unique,
      opens_on date not null,
      closes_on date not null,
      published_at timestamptz,
      closed_at timestamptz,
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_on >= opens_on)
    );
    create index questionnaires_scope on questionnaires (scope_code);
    create index questionnaires_round on questionnaires (round_id);

    create table questionnaire_access_codes (
      id uuid primary key default gen_random_uuid(),
      questionnaire_id uuid not null references questionnaires(id) on delete cascade,
      code_hash text not null unique,
      batch integer not null,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index questionnaire_access_codes_q on questionnaire_access_codes (questionnaire_id);

    create table questionnaire_answers (
      id uuid primary key default gen_random_uuid(),
      questionnaire_id uuid not null references questionnaires(id) on delete cascade,
      answers jsonb not null,
      answered_on date not null,
      device_hash text,
      access_code_id uuid unique references questionnaire_access_codes(id),
      check ((device_hash is null) <> (access_code_id is null)),
      unique (questionnaire_id, device_hash)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
