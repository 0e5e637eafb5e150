/**
 * SQL of 回头看: the rectification items and rating answers the candidates are computed from, the
 * 回头看 targets (round_targets of mode 'revisit' with their reasons) and their links to the original
 * items and findings with the verdicts. Every read takes the caller's view, like the items module:
 * division scope, or (a team) only what its teams are assigned to.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';
import { itemsWithPlaces } from '../rectification/items.repository';

/** Which rows a caller sees: by division scope, or (a team) those of teams linked to its organisation. */
export type LookBackView = { kind: 'scope'; scope: string } | { kind: 'team'; scope: string; orgId: string };

const like = (scope: string) => `${scope}%`;
const placeName = (alias: string) => sql<string | null>`coalesce(nullif(${sql.ref(`${alias}.short_name`)}, ''), ${sql.ref(`${alias}.name`)})`;

// — what the candidates are computed from —

function items(db: Executor) {
  return itemsWithPlaces(db)
    .select([
      'i.id',
      'i.finding_id',
      'i.round_id',
      'i.village_code',
      'i.town_code',
      'i.number',
      'i.status',
      'i.due_on',
      'i.closed_on',
      'f.title as finding_title',
      'f.category as finding_category',
      'r.year as round_year',
      'r.number as round_number',
    ])
    .select(placeName('dt').as('town_name'))
    .select(placeName('dv').as('village_name'));
}
export type CandidateItemRow = Awaited<ReturnType<ReturnType<typeof items>['execute']>>[number];

/** Village items the view sees (a town-level item has no village and never makes a candidate). */
export function candidateItems(db: Executor, view: LookBackView, f: { roundId?: string | undefined; townCode?: string | undefined; villageCodes?: readonly string[] | undefined }) {
  let q = items(db).where('i.village_code', 'is not', null).where('i.village_code', 'like', like(view.scope));
  if (view.kind === 'team') q = q.where('tm.org_id', '=', view.orgId);
  if (f.roundId) q = q.where('i.round_id', '=', f.roundId);
  if (f.townCode) q = q.where('i.town_code', '=', f.townCode);
  if (f.villageCodes) q = f.villageCodes.length > 0 ? q.where('i.village_code', 'in', [...f.villageCodes]) : q.where(sql<boolean>`false`);
  return q.orderBy('i.village_code').orderBy('r.year').orderBy('r.number').orderBy('i.number').execute();
}

/** Every rating answer given on these items (rating.ts decides which make an unsatisfied majority). */
export function ratingAnswersOf(db: Executor, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rating_answers as a')
    .innerJoin('rating_representatives as p', 'p.id', 'a.representative_id')
    .innerJoin('rating_sessions as s', 's.id', 'p.session_id')
    .select(['a.item_id', 'a.answer', 'p.category', 's.village_code'])
    .where('a.item_id', 'in', [...itemIds])
    .execute();
}

/** Towns whose confirmed effect evaluation (整改成效评估) of a round is graded 差, per round. */
export function poorGrades(db: Executor, scope: string, roundId: string | undefined) {
  let q = db
    .selectFrom('rectification_evaluations')
    .select(['round_id', 'town_code'])
    .where('status', '=', 'confirmed')
    .where('grade', '=', 'poor')
    // a town under the caller's scope, or the town over a village caller
    .where((eb) => eb.or([eb('town_code', 'like', like(scope)), eb(sql<string>`${scope}`, 'like', sql<string>`town_code || '%'`)]));
  if (roundId) q = q.where('round_id', '=', roundId);
  return q.execute();
}

/** 回头看 targets already made for these villages, with how many linked items still await a verdict. */
export function lookBacksOfVillages(db: Executor, villageCodes: readonly string[]) {
  if (villageCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('look_back_targets as lt')
    .innerJoin('rounds as r', 'r.id', 'lt.round_id')
    .select(['lt.target_id', 'lt.round_id', 'lt.village_code', 'r.year as round_year', 'r.number as round_number', 'r.phase'])
    .select(sql<string>`(select count(*) from look_back_links l where l.target_id = lt.target_id and l.verdict is null)`.as('pending'))
    .where('lt.village_code', 'in', [...villageCodes])
    .orderBy('r.year')
    .orderBy('r.number')
    .execute();
}

export function roundById(db: Executor, id: string) {
  return db.selectFrom('rounds').select(['id', 'year', 'number', 'scope_code', 'phase']).where('id', '=', id).executeTakeFirst();
}

// — writes of creation —

export async function insertTarget(tx: Tx, v: { targetId: string; roundId: string; sourceRoundId: string | null; villageCode: string; townCode: string; reasons: string[]; createdBy: string; at: Date }) {
  await tx
    .insertInto('look_back_targets')
    .values({ target_id: v.targetId, round_id: v.roundId, source_round_id: v.sourceRoundId, village_code: v.villageCode, town_code: v.townCode, reasons: JSON.stringify(v.reasons), created_by: v.createdBy, created_at: v.at })
    .execute();
}

export async function insertLinks(tx: Tx, targetId: string, links: { itemId: string; findingId: string; reasons: string[] }[], at: Date) {
  if (links.length === 0) return;
  await tx
    .insertInto('look_back_links')
    .values(links.map((l) => ({ target_id: targetId, item_id: l.itemId, finding_id: l.findingId, reasons: JSON.stringify(l.reasons), created_at: at })))
    .execute();
}

// — 回头看 targets and their links —

function targets(db: Executor) {
  return db
    .selectFrom('look_back_targets as lt')
    .innerJoin('round_targets as t', 't.id', 'lt.target_id')
    .innerJoin('rounds as r', 'r.id', 'lt.round_id')
    .leftJoin('rounds as sr', 'sr.id', 'lt.source_round_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('divisions as dt', 'dt.code', 'lt.town_code')
    .leftJoin('divisions as dv', 'dv.code', 'lt.village_code')
    .select([
      'lt.target_id',
      'lt.round_id',
      'lt.source_round_id',
      'lt.village_code',
      'lt.town_code',
      'lt.reasons',
      'lt.created_at',
      'r.year as round_year',
      'r.number as round_number',
      'r.theme as round_theme',
      'r.phase as round_phase',
      'r.start_date',
      'r.end_date',
      'sr.year as source_year',
      'sr.number as source_number',
      't.mode',
      'tm.name as team_name',
      'tm.org_id as team_org_id',
    ])
    .select(placeName('dt').as('town_name'))
    .select(placeName('dv').as('village_name'))
    .select(sql<string>`(select count(*) from look_back_links l where l.target_id = lt.target_id)`.as('links'))
    .select(sql<string>`(select count(*) from look_back_links l where l.target_id = lt.target_id and l.verdict is null)`.as('pending'))
    .select(sql<string>`(select count(*) from look_back_links l where l.target_id = lt.target_id and l.verdict = 'in_place')`.as('in_place'))
    .select(sql<string>`(select count(*) from look_back_links l where l.target_id = lt.target_id and l.verdict = 'not_in_place')`.as('not_in_place'))
    .select(sql<string>`(select count(*) from look_back_links l where l.target_id = lt.target_id and l.verdict = 'fake')`.as('fake'));
}
export type TargetRow = Awaited<ReturnType<ReturnType<typeof targets>['executeTakeFirstOrThrow']>>;

function scopedTargets(db: Executor, view: LookBackView) {
  const q = targets(db).where('lt.village_code', 'like', like(view.scope));
  return view.kind === 'team' ? q.where('tm.org_id', '=', view.orgId) : q;
}

export async function listTargets(db: Executor, view: LookBackView, f: { roundId?: string | undefined; townCode?: string | undefined }, page: number, pageSize: number) {
  let q = scopedTargets(db, view);
  if (f.roundId) q = q.where('lt.round_id', '=', f.roundId);
  if (f.townCode) q = q.where('lt.town_code', '=', f.townCode);
  const [rows, total] = await Promise.all([
    q.orderBy('r.year', 'desc').orderBy('r.number', 'desc').orderBy('lt.village_code').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findTarget(db: Executor, view: LookBackView, targetId: string) {
  return scopedTargets(db, view).where('lt.target_id', '=', targetId).executeTakeFirst();
}

/** 回头看 rounds with targets the view sees (the page's round filter). */
export function lookBackRounds(db: Executor, view: LookBackView) {
  return scopedTargets(db, view)
    .clearSelect()
    .select(['lt.round_id', 'r.year as round_year', 'r.number as round_number', 'r.theme as round_theme'])
    .select((eb) => eb.fn.countAll<string>().as('targets'))
    .groupBy(['lt.round_id', 'r.year', 'r.number', 'r.theme'])
    .orderBy('r.year', 'desc')
    .orderBy('r.number', 'desc')
    .execute();
}

function links(db: Executor) {
  return db
    .selectFrom('look_back_links as l')
    .innerJoin('look_back_targets as lt', 'lt.target_id', 'l.target_id')
    .innerJoin('rectification_items as i', 'i.id', 'l.item_id')
    .innerJoin('findings as f', 'f.id', 'l.finding_id')
    .innerJoin('rounds as ir', 'ir.id', 'i.round_id')
    .innerJoin('rounds as r', 'r.id', 'lt.round_id')
    .select([
      'l.id',
      'l.target_id',
      'l.item_id',
      'l.finding_id',
      'l.reasons',
      'l.verdict',
      'l.comment',
      'l.item_status_before',
      'l.item_status_after',
      'l.decided_by_name',
      'l.decided_at',
      'lt.round_id',
      'lt.village_code',
      'r.year as round_year',
      'r.number as round_number',
      'i.number as item_number',
      'i.status as item_status',
      'i.due_on as item_due_on',
      'i.closed_on as item_closed_on',
      'i.measures as item_measures',
      'ir.year as item_round_year',
      'ir.number as item_round_number',
      'f.title as finding_title',
      'f.category as finding_category',
      'f.description as finding_description',
    ]);
}
export type LinkRow = Awaited<ReturnType<ReturnType<typeof links>['executeTakeFirstOrThrow']>>;

export function linksOfTarget(db: Executor, targetId: string) {
  return links(db).where('l.target_id', '=', targetId).orderBy('ir.year').orderBy('ir.number').orderBy('i.number').execute();
}

export function linksOfItem(db: Executor, itemId: string) {
  return links(db).where('l.item_id', '=', itemId).orderBy('r.year').orderBy('r.number').execute();
}

export function findLink(db: Executor, id: string) {
  return links(db).where('l.id', '=', id).executeTakeFirst();
}

export async function lockLink(tx: Tx, id: string): Promise<void> {
  await sql`select id from look_back_links where id = ${id} for update`.execute(tx);
}

export async function recordVerdict(tx: Tx, id: string, v: { verdict: string; comment: string; before: string; after: string; byId: string; byName: string; at: Date }) {
  await tx
    .updateTable('look_back_links')
    .set({ verdict: v.verdict, comment: v.comment, item_status_before: v.before, item_status_after: v.after, decided_by: v.byId, decided_by_name: v.byName, decided_at: v.at })
    .where('id', '=', id)
    .where('verdict', 'is', null)
    .execute();
}
