import { sql, type Kysely } from 'kysely';

/**
 * 码上巡 links (issue 6 item 5): an accepted report of the public linked to the finding (问题底稿) or
 * lead (问题线索) of the same round it fed. Exactly one of finding_id / lead_id per row. Unlinking is
 * soft (unlinked_at/by/reason) so the history stays; at most one live link per report × finding and
 * per report × lead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table public_report_links (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references public_reports(id) on delete cascade,
      finding_id uuid references findings(id) on delete cascade,
      lead_id uuid references leads(id) on delete cascade,
      linked_by uuid references users(id),
      linked_at timestamptz not null default now(),
      unlinked_by uuid references users(id),
      unlinked_at timestamptz,
      unlink_reason text,
      check ((finding_id is null) <> (lead_id is null)),
      check ((unlinked_at is null) = (unlink_reason is null))
    );
    create unique index public_report_links_live_finding on public_report_links (report_id, finding_id) where finding_id is not null and unlinked_at is null;
    create unique index public_report_links_live_lead on public_report_links (report_id, lead_id) where lead_id is not null and unlinked_at is null;
    create index public_report_links_finding on public_report_links (finding_id) where finding_id is not null;
    create index public_report_links_lead on public_report_links (lead_id) where lead_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
