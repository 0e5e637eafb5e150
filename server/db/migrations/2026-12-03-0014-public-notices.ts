import { sql, type Kysely } from 'kysely';

/**
 * 巡察公告 facts per round × team (issue 6 item 1): the phone, postal mailbox, optional e-mail and
 * reception place/hours printed on the posters, the on-site period and the 信访 cut-off date. The
 * cut-off decides whether a public report lands with the team or with the office
 * (domain/public-reports/triage.ts inboxFor). Who changed it last is kept here; every change is also
 * an audit row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table public_notices (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references rounds(id) on delete cascade,
      team_id uuid not null references teams(id) on delete cascade,
      phone text not null,
      mailbox text not null,
      email text,
      reception_place text,
      reception_hours text,
      on_site_from date not null,
      on_site_to date not null,
      petition_cutoff date not null,
      version integer not null default 1,
      updated_by uuid references users(id),
      updated_by_name text not null,
      updated_at timestamptz not null default now(),
      unique (round_id, team_id),
      check (on_site_to >= on_site_from),
      check (petition_cutoff >= on_site_from)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
