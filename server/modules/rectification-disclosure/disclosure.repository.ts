/**
 * SQL of 整改情况公开: a round's items with their current exemption mark (staff reads filtered by the
 * caller's view, like the items), cadre names to keep off the page, exemption marks with their history,
 * the round's disclosure and its approved versions, and the public read by slug.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';
import { itemsWithPlaces } from '../rectification/items.repository';

/** Which items a caller sees: by division scope, or (a team) the targets of teams linked to its organisation. */
export type DisclosureView = { kind: 'scope'; scope: string } | { kind: 'team'; scope: string; orgId: string } | { kind: 'all' };

export function roundById(db: Executor, id: string) {
  return db
    .selectFrom('rounds as r')
    .leftJoin('divisions as d', 'd.code', 'r.scope_code')
    .select(['r.id', 'r.scope_code', 'r.year', 'r.number', 'd.name as area_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RoundRow = NonNullable<Awaited<ReturnType<typeof roundById>>>;

/** A round's items the view covers, with finding, places, people (to redact) and the live exemption. */
export function roundItems(db: Executor, view: DisclosureView, roundId: string) {
  let q = itemsWithPlaces(db)
    .leftJoin('rectification_exemptions as e', (j) => j.onRef('e.item_id', '=', 'i.id').on('e.removed_at', 'is', null))
    .select([
      'i.id',
      'i.number',
      'i.kind',
      'i.status',
      'i.town_code',
      'i.village_code',
      'i.measures',
      'i.closed_on',
      'i.responsible_leader',
      'i.handler',
      'f.title as finding_title',
      'f.category as finding_category',
      'r.year as round_year',
      'r.number as round_number',
      'e.id as exemption_id',
      'e.reason as exemption_reason',
      'e.note as exemption_note',
      'e.created_by_name as exemption_by',
      'e.created_at as exemption_at',
    ])
    .select(sql<string | null>`coalesce(nullif(dt.short_name, ''), dt.name)`.as('town_name'))
    .select(sql<string | null>`coalesce(nullif(dv.short_name, ''), dv.name)`.as('village_name'))
    .where('i.round_id', '=', roundId);
  if (view.kind !== 'all') q = q.where(sql<boolean>`coalesce(i.village_code, i.town_code) like ${`${view.scope}%`}`);
  if (view.kind === 'team') q = q.where('tm.org_id', '=', view.orgId);
  return q.orderBy('i.number').execute();
}
export type ItemRow = Awaited<ReturnType<typeof roundItems>>[number];

export function itemById(db: Executor, view: DisclosureView, id: string) {
  let q = db
    .selectFrom('rectification_items as i')
    .innerJoin('round_targets as t', 't.id', 'i.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select(['i.id', 'i.round_id', 'i.number', 'i.status', 'i.town_code', 'i.village_code', 'r.scope_code as round_scope'])
    .where('i.id', '=', id);
  if (view.kind !== 'all') q = q.where(sql<boolean>`coalesce(i.village_code, i.town_code) like ${`${view.scope}%`}`);
  if (view.kind === 'team') q = q.where('tm.org_id', '=', view.orgId);
  return q.executeTakeFirst();
}

/** Names of the registered cadres of the given villages and towns (the town's cadres are keyed by its code). */
export async function cadreNames(db: Executor, codes: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (codes.length === 0) return out;
  const rows = await db.selectFrom('cadres').select(['village_code', 'name']).where('village_code', 'in', codes).execute();
  for (const r of rows) out.set(r.village_code, [...(out.get(r.village_code) ?? []), r.name]);
  return out;
}

// — exemptions —

export async function lockItem(tx: Tx, id: string): Promise<void> {
  await sql`select id from rectification_items where id = ${id} for update`.execute(tx);
}

export function liveExemption(db: Executor, itemId: string) {
  return db.selectFrom('rectification_exemptions').selectAll().where('item_id', '=', itemId).where('removed_at', 'is', null).executeTakeFirst();
}

export function exemptionsOf(db: Executor, itemId: string) {
  return db.selectFrom('rectification_exemptions').selectAll().where('item_id', '=', itemId).orderBy('created_at').orderBy('id').execute();
}

export async function insertExemption(tx: Tx, v: { itemId: string; reason: string; note: string; by: string; byName: string; at: Date }) {
  const row = await tx
    .insertInto('rectification_exemptions')
    .values({ item_id: v.itemId, reason: v.reason, note: v.note, created_by: v.by, created_by_name: v.byName, created_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function removeExemption(tx: Tx, id: string, v: { reason: string; by: string; byName: string; at: Date }) {
  await tx.updateTable('rectification_exemptions').set({ removed_at: v.at, removed_by: v.by, removed_by_name: v.byName, removed_reason: v.reason }).where('id', '=', id).where('removed_at', 'is', null).execute();
}

// — disclosures —

export function disclosureOfRound(db: Executor, roundId: string) {
  return db.selectFrom('rectification_disclosures').selectAll().where('round_id', '=', roundId).executeTakeFirst();
}
export type DisclosureRow = NonNullable<Awaited<ReturnType<typeof disclosureOfRound>>>;

export async function lockRound(tx: Tx, roundId: string): Promise<void> {
  // serialises two approvals of the same round (the disclosure row may not exist yet)
  await sql`select id from rounds where id = ${roundId} for update`.execute(tx);
}

export async function insertDisclosure(tx: Tx, v: { roundId: string; slug: string; by: string; at: Date }) {
  const row = await tx
    .insertInto('rectification_disclosures')
    .values({ round_id: v.roundId, slug: v.slug, status: 'published', version: 0, created_by: v.by, created_at: v.at, updated_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setPublished(tx: Tx, id: string, version: number, at: Date) {
  await tx
    .updateTable('rectification_disclosures')
    .set({ status: 'published', version, withdrawn_at: null, withdrawn_by: null, withdrawn_by_name: '', withdraw_reason: '', updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setWithdrawn(tx: Tx, id: string, v: { reason: string; by: string; byName: string; at: Date }) {
  await tx
    .updateTable('rectification_disclosures')
    .set({ status: 'withdrawn', withdrawn_at: v.at, withdrawn_by: v.by, withdrawn_by_name: v.byName, withdraw_reason: v.reason, updated_at: v.at })
    .where('id', '=', id)
    .execute();
}

export async function insertVersion(tx: Tx, v: { disclosureId: string; version: number; snapshot: unknown; contentHash: string; items: number; by: string; byName: string; at: Date }) {
  await tx
    .insertInto('rectification_disclosure_versions')
    .values({ disclosure_id: v.disclosureId, version: v.version, snapshot: JSON.stringify(v.snapshot), content_hash: v.contentHash, items: v.items, approved_by: v.by, approved_by_name: v.byName, approved_at: v.at })
    .execute();
}

export function versionsOf(db: Executor, disclosureId: string) {
  return db
    .selectFrom('rectification_disclosure_versions')
    .select(['id', 'version', 'content_hash', 'items', 'approved_by_name', 'approved_at'])
    .where('disclosure_id', '=', disclosureId)
    .orderBy('version', 'desc')
    .execute();
}

/** The published snapshot behind a slug; nothing for an unknown or withdrawn disclosure. */
export function publishedBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('rectification_disclosures as d')
    .innerJoin('rectification_disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version', '=', 'd.version'))
    .select(['d.id', 'd.version', 'v.snapshot', 'v.approved_at'])
    .where('d.slug', '=', slug)
    .where('d.status', '=', 'published')
    .executeTakeFirst();
}
