/**
 * SQL of the links between the public's reports and findings / leads, and the per-village counts of
 * reports. Imports nothing of other modules, so the inspections and statistics modules may read it.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';

export interface LinkRow {
  id: string;
  report_id: string;
  finding_id: string | null;
  lead_id: string | null;
  linked_at: Date;
  linked_by_name: string | null;
  unlinked_at: Date | null;
  unlinked_by_name: string | null;
  unlink_reason: string | null;
  finding_number: number | null;
  finding_title: string | null;
  finding_status: string | null;
  lead_number: number | null;
  lead_summary: string | null;
  lead_status: string | null;
}

/** Every link of a report (live first, then the removed ones, newest first). */
export function linksOfReport(db: Executor, reportId: string): Promise<LinkRow[]> {
  return db
    .selectFrom('public_report_links as k')
    .leftJoin('findings as f', 'f.id', 'k.finding_id')
    .leftJoin('leads as l', 'l.id', 'k.lead_id')
    .leftJoin('users as ub', 'ub.id', 'k.linked_by')
    .leftJoin('users as uu', 'uu.id', 'k.unlinked_by')
    .select([
      'k.id',
      'k.report_id',
      'k.finding_id',
      'k.lead_id',
      'k.linked_at',
      'ub.display_name as linked_by_name',
      'k.unlinked_at',
      'uu.display_name as unlinked_by_name',
      'k.unlink_reason',
      'f.number as finding_number',
      'f.title as finding_title',
      'f.status as finding_status',
      'l.number as lead_number',
      'l.summary as lead_summary',
      'l.status as lead_status',
    ])
    .where('k.report_id', '=', reportId)
    .orderBy(sql`k.unlinked_at is not null`)
    .orderBy('k.linked_at', 'desc')
    .orderBy('k.id')
    .execute() as Promise<LinkRow[]>;
}

export async function liveLinkCount(db: Executor, reportId: string): Promise<number> {
  const r = await db.selectFrom('public_report_links').select(sql<string>`count(*)`.as('n')).where('report_id', '=', reportId).where('unlinked_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertLink(tx: Tx, row: { report_id: string; finding_id: string | null; lead_id: string | null; linked_by: string; linked_at: Date }) {
  return tx.insertInto('public_report_links').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findLiveLink(db: Executor, reportId: string, linkId: string) {
  return db.selectFrom('public_report_links').selectAll().where('id', '=', linkId).where('report_id', '=', reportId).where('unlinked_at', 'is', null).executeTakeFirst();
}

export function unlink(tx: Tx, id: string, set: { unlinked_by: string; unlinked_at: Date; unlink_reason: string }) {
  return tx.updateTable('public_report_links').set(set).where('id', '=', id).execute();
}

/** Findings and leads of a round by id, with where they are (for the same-round, same-village rule). */
export function findingsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('findings').select(['id', 'round_id', 'village_code', 'town_code', 'number', 'title']).where('id', 'in', ids).execute();
}
export function leadsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('leads').select(['id', 'round_id', 'village_code', 'town_code', 'number', 'summary']).where('id', 'in', ids).execute();
}

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What a report may be linked to: the round's findings and leads of the report's village, and the
 * town-level ones (no village) of its town; `q` matches the number or the title / summary.
 */
export async function candidates(db: Executor, p: { roundId: string; villageCode: string; townCode: string; wholeTown: boolean; q?: string | undefined; limit: number }) {
  const n = p.q && /^\d{1,6}$/.test(p.q) ? Number(p.q) : null;
  let fq = db
    .selectFrom('findings as f')
    .select(['f.id', 'f.number', 'f.title', 'f.status', 'f.village_code'])
    .where('f.round_id', '=', p.roundId)
    .where((eb) =>
      p.wholeTown ? eb('f.town_code', '=', p.townCode) : eb.or([eb('f.village_code', '=', p.villageCode), eb.and([eb('f.village_code', 'is', null), eb('f.town_code', '=', p.townCode)])]),
    );
  let lq = db
    .selectFrom('leads as l')
    .select(['l.id', 'l.number', 'l.summary', 'l.status', 'l.village_code'])
    .where('l.round_id', '=', p.roundId)
    .where((eb) =>
      p.wholeTown ? eb('l.town_code', '=', p.townCode) : eb.or([eb('l.village_code', '=', p.villageCode), eb.and([eb('l.village_code', 'is', null), eb('l.town_code', '=', p.townCode)])]),
    );
  if (p.q) {
    const like = escapeLike(p.q);
    fq = fq.where((eb) => (n !== null ? eb.or([eb('f.number', '=', n), eb('f.title', 'like', like)]) : eb('f.title', 'like', like)));
    lq = lq.where((eb) => (n !== null ? eb.or([eb('l.number', '=', n), eb('l.summary', 'like', like)]) : eb('l.summary', 'like', like)));
  }
  const [findings, leads] = await Promise.all([fq.orderBy('f.number').limit(p.limit).execute(), lq.orderBy('l.number').limit(p.limit).execute()]);
  return { findings, leads };
}

/** The reports linked (live) to a finding or a lead: no description, no identity. */
export function reportsLinkedTo(db: Executor, by: { findingId: string } | { leadId: string }) {
  let q = db
    .selectFrom('public_report_links as k')
    .innerJoin('public_reports as p', 'p.id', 'k.report_id')
    .innerJoin('rounds as r', 'r.id', 'p.round_id')
    .innerJoin('round_targets as t', 't.id', 'p.target_id')
    .select(['p.id', 'p.number', 'p.category_name', 'p.received_on', 'p.status', 'p.round_id', 'r.scope_code', 't.name as target_name', 't.team_id as target_team_id', 'k.linked_at'])
    .where('k.unlinked_at', 'is', null);
  q = 'findingId' in by ? q.where('k.finding_id', '=', by.findingId) : q.where('k.lead_id', '=', by.leadId);
  return q.orderBy('p.number').execute();
}

// — counts —

/** One round's reports of a village, by status and whether they were ever accepted (for intakeCounts). */
export function reportStatusesOfVillage(db: Executor, roundId: string, villageCode: string) {
  return db.selectFrom('public_reports').select(['village_code', 'status', 'was_accepted']).where('round_id', '=', roundId).where('village_code', '=', villageCode).execute();
}
