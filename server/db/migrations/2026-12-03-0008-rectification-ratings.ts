import { sql, type Kysely } from 'kysely';

/**
 * Mass rating of rectification (群众评议): a session per round and village; named representatives,
 * each with a one-time link whose token is stored only as its SHA-256 (a re-issue revokes the old row
 * and adds a new one); one answer per representative and item, written in the transaction that marks
 * the token used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rating_sessions (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      village_code text not null,
      town_code text not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      opened_on date not null,
      closes_on date not null,
      closed_on date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index rating_sessions_round on rating_sessions (round_id, village_code);

    create table rating_representatives (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references rating_sessions(id) on delete cascade,
      name text not null,
      category text not null check (category in ('old_party_member', 'wealth_leader', 'farmer', 'returning_youth', 'entrepreneur')),
      phone text,
      token_hash text not null unique,
      used_at timestamptz,
      revoked_at timestamptz,
      expires_at timestamptz not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index rating_representatives_session on rating_representatives (session_id);
    -- a name appears once among the live links of a session (a re-issue revokes the old row first)
    create unique index rating_representatives_live_name on rating_representatives (session_id, name) where revoked_at is null;

    create table rating_answers (
      id uuid primary key default gen_random_uuid(),
      representative_id uuid not null references rating_representatives(id) on delete cascade,
      item_id uuid not null references rectification_items(id) on delete cascade,
      answer text not null check (answer in ('satisfied', 'basically_satisfied', 'unsatisfied')),
      comment text not null default '',
      created_at timestamptz not null default now(),
      unique (representative_id, item_id)
    );
    create index rating_answers_item on rating_answers (item_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
