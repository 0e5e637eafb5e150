/**
 * SQL of mass rating (群众评议): sessions per round and village, representatives with the hash of their
 * one-time token, answers. Staff reads take the caller's view (division scope; a team also only the
 * villages of its teams' targets), like the rectification items.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor, Tx } from '../../http/context';

export type RatingView = { kind: 'scope'; scope: string } | { kind: 'team'; scope: string; orgId: string };

const like = (scope: string) => `${scope}%`;

/** A team sees a round's village when one of its teams' targets carries an item there. */
function teamReaches(orgId: string, roundRef: string, villageRef: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from rectification_items xi
      join round_targets xt on xt.id = xi.target_id
      join teams xtm on xtm.id = xt.team_id
    where xi.round_id = ${sql.ref(roundRef)} and xi.village_code = ${sql.ref(villageRef)} and xtm.org_id = ${orgId})`;
}

// — items of a village of a round —

export function villageItems(db: Executor, roundId: string, villageCode: string) {
  return db
    .selectFrom('rectification_items as i')
    .innerJoin('findings as f', 'f.id', 'i.finding_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select(['i.id', 'i.number', 'i.status', 'i.measures', 'i.closed_on', 'i.town_code', 'i.village_code', 'f.title as finding_title', 'r.year as round_year', 'r.number as round_number'])
    .where('i.round_id', '=', roundId)
    .where('i.village_code', '=', villageCode)
    .orderBy('i.number')
    .execute();
}

/** Villages of a round with rectification items the view covers, with item counts. */
export function roundVillages(db: Executor, view: RatingView, roundId: string) {
  let q = db
    .selectFrom('rectification_items as i')
    .leftJoin('divisions as dv', 'dv.code', 'i.village_code')
    .leftJoin('divisions as dt', 'dt.code', 'i.town_code')
    .select(['i.village_code', 'i.town_code'])
    .select(sql<string | null>`coalesce(nullif(max(dv.short_name), ''), max(dv.name))`.as('village_name'))
    .select(sql<string | null>`coalesce(nullif(max(dt.short_name), ''), max(dt.name))`.as('town_name'))
    .select((eb) => eb.fn.countAll<string>().as('items'))
    .where('i.round_id', '=', roundId)
    .where('i.village_code', 'is not', null)
    .where('i.village_code', 'like', like(view.scope));
  if (view.kind === 'team') q = q.where(teamReaches(view.orgId, 'i.round_id', 'i.village_code'));
  return q.groupBy(['i.village_code', 'i.town_code']).orderBy('i.village_code').execute();
}

export async function villageCovered(db: Executor, view: RatingView, roundId: string, villageCode: string): Promise<boolean> {
  const rows = await roundVillages(db, view, roundId);
  return rows.some((r) => r.village_code === villageCode);
}

// — sessions —

function sessions(db: Executor) {
  return db
    .selectFrom('rating_sessions as s')
    .innerJoin('rounds as r', 'r.id', 's.round_id')
    .leftJoin('divisions as dv', 'dv.code', 's.village_code')
    .leftJoin('divisions as dt', 'dt.code', 's.town_code')
    .select(['s.id', 's.round_id', 's.village_code', 's.town_code', 's.status', 's.opened_on', 's.closes_on', 's.closed_on', 's.created_at', 'r.year as round_year', 'r.number as round_number'])
    .select(sql<string | null>`coalesce(nullif(dv.short_name, ''), dv.name)`.as('village_name'))
    .select(sql<string | null>`coalesce(nullif(dt.short_name, ''), dt.name)`.as('town_name'))
    .select(sql<string>`(select count(*) from rating_representatives p where p.session_id = s.id and p.revoked_at is null)`.as('representatives'))
    .select(sql<string>`(select count(*) from rating_representatives p where p.session_id = s.id and p.used_at is not null)`.as('rated'));
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessions>['executeTakeFirstOrThrow']>>;

export async function listSessions(db: Executor, view: RatingView, f: { roundId?: string | undefined; villageCode?: string | undefined }, page: number, pageSize: number) {
  let q = sessions(db).where('s.village_code', 'like', like(view.scope));
  if (view.kind === 'team') q = q.where(teamReaches(view.orgId, 's.round_id', 's.village_code'));
  if (f.roundId) q = q.where('s.round_id', '=', f.roundId);
  if (f.villageCode) q = q.where('s.village_code', '=', f.villageCode);
  const all = await q.orderBy('s.created_at', 'desc').orderBy('s.id').execute();
  return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
}

export function findSession(db: Executor, view: RatingView, id: string) {
  let q = sessions(db).where('s.id', '=', id).where('s.village_code', 'like', like(view.scope));
  if (view.kind === 'team') q = q.where(teamReaches(view.orgId, 's.round_id', 's.village_code'));
  return q.executeTakeFirst();
}

export function findSessionById(db: Executor, id: string) {
  return sessions(db).where('s.id', '=', id).executeTakeFirst();
}

export function openSessionOf(db: Executor, roundId: string, villageCode: string) {
  return db.selectFrom('rating_sessions').select('id').where('round_id', '=', roundId).where('village_code', '=', villageCode).where('status', '=', 'open').executeTakeFirst();
}

export async function insertSession(tx: Tx, v: { roundId: string; villageCode: string; townCode: string; openedOn: string; closesOn: string; createdBy: string; at: Date }) {
  const row = await tx
    .insertInto('rating_sessions')
    .values({ round_id: v.roundId, village_code: v.villageCode, town_code: v.townCode, opened_on: v.openedOn, closes_on: v.closesOn, created_by: v.createdBy, created_at: v.at, updated_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function lockSession(tx: Tx, id: string): Promise<void> {
  await sql`select id from rating_sessions where id = ${id} for update`.execute(tx);
}

export async function closeSession(tx: Tx, id: string, on: string, at: Date) {
  await tx.updateTable('rating_sessions').set({ status: 'closed', closed_on: on, updated_at: at }).where('id', '=', id).execute();
}

// — representatives —

export function representativesOf(db: Executor, sessionId: string) {
  return db
    .selectFrom('rating_representatives')
    .select(['id', 'session_id', 'name', 'category', 'phone', 'used_at', 'revoked_at', 'expires_at', 'created_at'])
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('name')
    // a revoked link before the one that replaced it
    .orderBy(sql`revoked_at is null`)
    .orderBy('id')
    .execute();
}
export type RepresentativeRow = Awaited<ReturnType<typeof representativesOf>>[number];

export function findRepresentative(db: Executor, sessionId: string, id: string) {
  return db
    .selectFrom('rating_representatives')
    .select(['id', 'session_id', 'name', 'category', 'phone', 'used_at', 'revoked_at', 'expires_at', 'created_at'])
    .where('session_id', '=', sessionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRepresentative(tx: Tx, v: { sessionId: string; name: string; category: string; phone: string | null; tokenHash: string; expiresAt: Date; createdBy: string; at: Date }) {
  const row = await tx
    .insertInto('rating_representatives')
    .values({ session_id: v.sessionId, name: v.name, category: v.category, phone: v.phone, token_hash: v.tokenHash, expires_at: v.expiresAt, created_by: v.createdBy, created_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function revokeRepresentative(tx: Tx, id: string, at: Date) {
  await tx.updateTable('rating_representatives').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** The representative behind a token hash, with the session; locked when in a transaction that writes. */
export async function representativeByHash(db: Executor, tokenHash: string, lock: boolean) {
  if (lock) await sql`select id from rating_representatives where token_hash = ${tokenHash} for update`.execute(db);
  return db
    .selectFrom('rating_representatives as p')
    .innerJoin('rating_sessions as s', 's.id', 'p.session_id')
    .leftJoin('divisions as dv', 'dv.code', 's.village_code')
    .leftJoin('divisions as dt', 'dt.code', 's.town_code')
    .select(['p.id', 'p.name', 'p.category', 'p.used_at', 'p.revoked_at', 'p.expires_at', 's.id as session_id', 's.round_id', 's.village_code', 's.town_code', 's.status', 's.closes_on'])
    .select(sql<string | null>`coalesce(nullif(dv.short_name, ''), dv.name)`.as('village_name'))
    .select(sql<string | null>`coalesce(nullif(dt.short_name, ''), dt.name)`.as('town_name'))
    .where('p.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the token used; the guard on used_at makes a second submission find nothing to update. */
export async function markUsed(tx: Tx, id: string, at: Date): Promise<boolean> {
  const rows = await tx.updateTable('rating_representatives').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).returning('id').execute();
  return rows.length === 1;
}

// — answers —

export async function insertAnswers(tx: Tx, representativeId: string, answers: { itemId: string; answer: string; comment: string }[], at: Date) {
  await tx
    .insertInto('rating_answers')
    .values(answers.map((a) => ({ representative_id: representativeId, item_id: a.itemId, answer: a.answer, comment: a.comment, created_at: at })))
    .execute();
}

function answers(db: Executor) {
  return db
    .selectFrom('rating_answers as a')
    .innerJoin('rating_representatives as p', 'p.id', 'a.representative_id')
    .innerJoin('rating_sessions as s', 's.id', 'p.session_id')
    .select(['a.item_id', 'a.answer', 'a.comment', 'p.category', 's.village_code', 'a.representative_id']);
}

export function answersOfSession(db: Executor, sessionId: string) {
  return answers(db).where('s.id', '=', sessionId).orderBy('a.created_at').orderBy('a.id').execute();
}

export function answersOfRound(db: Executor, roundId: string) {
  return answers(db).where('s.round_id', '=', roundId).execute();
}

export function answersOfItem(db: Executor, itemId: string) {
  return answers(db).where('a.item_id', '=', itemId).execute();
}
