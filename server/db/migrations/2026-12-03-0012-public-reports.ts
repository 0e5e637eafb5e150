import { sql, type Kysely } from 'kysely';

/**
 * 码上巡 (issue 6, decision 0009): poster codes per round × target and per team; the office's key
 * pair for sealing reporters' identities (private half only encrypted under the office passphrase);
 * the public's reports — China date only, no address, user agent or time of day, the identity sealed
 * or null, the receipt only as a peppered hash; the two-way messages; the public endpoints' rate-limit
 * log keyed by a daily hashed client key (never an address).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table public_report_codes (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      round_id uuid not null references rounds(id) on delete cascade,
      scope text not null check (scope in ('target', 'team')),
      target_id uuid references round_targets(id) on delete cascade,
      team_id uuid references teams(id) on delete cascade,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      check ((scope = 'target' and target_id is not null and team_id is null) or (scope = 'team' and team_id is not null and target_id is null))
    );
    create unique index public_report_codes_target on public_report_codes (round_id, target_id) where target_id is not null;
    create unique index public_report_codes_team on public_report_codes (round_id, team_id) where team_id is not null;

    create table public_report_keys (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      scope_code text not null,
      key_id text not null unique,
      public_key text not null,
      encrypted_private_key jsonb not null,
      active boolean not null default true,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    -- one active key per office
    create unique index public_report_keys_active on public_report_keys (org_id) where active;

    create table public_reports (
      id uuid primary key default gen_random_uuid(),
      -- order within a day, instead of a clock
      number bigserial not null unique,
      round_id uuid not null references rounds(id) on delete cascade,
      target_id uuid not null references round_targets(id) on delete cascade,
      village_code text not null,
      inbox_kind text not null check (inbox_kind in ('team', 'office')),
      inbox_team_id uuid references teams(id) on delete set null,
      category text not null,
      category_name text not null,
      description text not null,
      anonymous boolean not null,
      sealed_identity text,
      key_id text,
      receipt_hash text not null unique,
      submission_hash text unique,
      status text not null default 'received' check (status in ('received', 'accepted', 'linked', 'merged', 'forwarded', 'closed')),
      was_accepted boolean not null default false,
      received_on date not null,
      finished_on date,
      merged_into uuid references public_reports(id),
      forward_reason text,
      forward_body text,
      note text not null default '',
      check (anonymous = (sealed_identity is null))
    );
    create index public_reports_round on public_reports (round_id, target_id);

    create table public_report_messages (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references public_reports(id) on delete cascade,
      seq integer not null,
      author text not null check (author in ('reporter', 'team', 'office')),
      author_user_id uuid references users(id),
      author_name text not null default '',
      body text not null,
      on_date date not null,
      -- staff messages only: a reporter's message keeps the date
      at timestamptz,
      unique (report_id, seq)
    );

    create table public_rate_events (
      id bigserial primary key,
      policy text not null,
      client_key text not null,
      at_ms bigint not null
    );
    create index public_rate_events_client on public_rate_events (policy, client_key, at_ms);
    create index public_rate_events_global on public_rate_events (policy, at_ms);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
