/** The SQL of findings (问题底稿), their reviews and supporting materials. */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';

/** Serialises numbering in a round: the round row is locked for the rest of the transaction. */
export async function lockRound(tx: Tx, roundId: string): Promise<void> {
  await sql`select id from rounds where id = ${roundId} for update`.execute(tx);
}

export async function lockFinding(tx: Tx, id: string): Promise<void> {
  await sql`select id from findings where id = ${id} for update`.execute(tx);
}

/** The next number of the round (call with the round locked): one more than any number ever given. */
export async function nextNumber(tx: Tx, roundId: string): Promise<number> {
  const counter = await tx.selectFrom('finding_numbers').select('last_number').where('round_id', '=', roundId).executeTakeFirst();
  const max = await tx.selectFrom('findings').select(sql<number | null>`max(number)`.as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow();
  const next = Math.max(counter?.last_number ?? 0, Number(max.n ?? 0)) + 1;
  await tx
    .insertInto('finding_numbers')
    .values({ round_id: roundId, last_number: next })
    .onConflict((oc) => oc.column('round_id').doUpdateSet({ last_number: next }))
    .execute();
  return next;
}

export interface FindingFilter {
  scope: string;
  teamOrgId: string | null;
  roundId?: string | undefined;
  status?: string | undefined;
  villageCode?: string | undefined;
  townCode?: string | undefined;
  category?: string | undefined;
  immediate?: boolean | undefined;
  inspectionId?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Executor, f: FindingFilter, withStatus: boolean) {
  let q = db
    .selectFrom('findings as f')
    .innerJoin('rounds as r', 'r.id', 'f.round_id')
    .innerJoin('round_targets as t', 't.id', 'f.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('divisions as v', 'v.code', 'f.village_code')
    .leftJoin('divisions as town', 'town.code', 'f.town_code')
    .leftJoin('users as u', 'u.id', 'f.author_id')
    .where(sql<boolean>`coalesce(f.village_code, f.town_code) like ${`${f.scope}%`}`);
  if (f.teamOrgId !== null) q = q.where('tm.org_id', '=', f.teamOrgId);
  if (f.roundId) q = q.where('f.round_id', '=', f.roundId);
  if (withStatus && f.status) q = q.where('f.status', '=', f.status);
  if (f.villageCode) q = q.where('f.village_code', '=', f.villageCode);
  if (f.townCode) q = q.where('f.town_code', '=', f.townCode);
  if (f.category) q = q.where('f.category', '=', f.category);
  if (f.immediate !== undefined) q = q.where('f.immediate', '=', f.immediate);
  if (f.inspectionId) q = q.where('f.inspection_id', '=', f.inspectionId);
  if (f.q?.trim()) {
    const term = `%${f.q.trim()}%`;
    q = q.where((eb) => eb.or([eb('f.title', 'like', term), eb('f.description', 'like', term), eb('v.name', 'like', term), eb(sql`f.responsible::text`, 'like', term)]));
  }
  return q;
}

const LIST_COLUMNS = [
  'f.id',
  'f.round_id',
  'f.target_id',
  'f.inspection_id',
  'f.checklist_item_id',
  'f.number',
  'f.village_code',
  'f.town_code',
  'f.category',
  'f.aspect',
  'f.title',
  'f.amount',
  'f.source',
  'f.found_on',
  'f.immediate',
  'f.immediate_notice_no',
  'f.immediate_fixed_on',
  'f.status',
  'f.author_id',
  'f.updated_at',
  'r.year',
  'r.number as round_number',
  't.name as target_name',
  'tm.name as team_name',
  'v.short_name as village_name',
  'town.name as town_name',
  'u.display_name as author_name',
] as const;

export async function listFindings(db: Executor, f: FindingFilter, page: { page: number; pageSize: number }) {
  const q = filtered(db, f, true);
  const items = await q
    .select([...LIST_COLUMNS])
    .orderBy('r.year', 'desc')
    .orderBy('r.number', 'desc')
    .orderBy('f.number', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const counts = await filtered(db, f, false).select(['f.status', sql<number>`count(*)`.as('n')]).groupBy('f.status').execute();
  return { items, total: Number(total.n), counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Record<string, number> };
}

/** Every finding of the filter, oldest number first (the ledger). */
export async function allFindings(db: Executor, f: FindingFilter) {
  return filtered(db, f, true)
    .select([...LIST_COLUMNS, 'f.description', 'f.responsible', 'f.place', 'f.immediate_fix'])
    .orderBy('r.year')
    .orderBy('r.number')
    .orderBy('f.number')
    .execute();
}

export async function reviewsOf(db: Executor, findingId: string) {
  return db.selectFrom('finding_reviews').selectAll().where('finding_id', '=', findingId).orderBy('at').orderBy('id').execute();
}

export async function materialsOf(db: Executor, findingId: string) {
  return db.selectFrom('finding_materials').selectAll().where('finding_id', '=', findingId).orderBy('sort').orderBy('created_at').execute();
}

export async function findMaterial(db: Executor, findingId: string, materialId: string) {
  return db.selectFrom('finding_materials').selectAll().where('finding_id', '=', findingId).where('id', '=', materialId).executeTakeFirst();
}

export async function materialById(db: Executor, materialId: string) {
  return db.selectFrom('finding_materials').selectAll().where('id', '=', materialId).executeTakeFirst();
}

export async function divisionNames(db: Executor, codes: (string | null)[]) {
  const list = codes.filter((c): c is string => Boolean(c));
  if (list.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('code', 'in', list).execute();
  return new Map(rows.map((r) => [r.code, r.short_name || r.name]));
}

/**
 * The team's shape for a paper's review (decision 0007): whether an active 副组长 account other than the
 * author is in the team's organisation, and whether the author is the team's 组长.
 */
export async function reviewShape(db: Executor, teamOrgId: string | null, authorId: string | null): Promise<{ deputyAvailable: boolean; authorIsLeader: boolean }> {
  if (!teamOrgId) return { deputyAvailable: true, authorIsLeader: false };
  const users = await db
    .selectFrom('users')
    .select(['id', sql<boolean>`roles @> '["team_deputy"]'::jsonb`.as('deputy'), sql<boolean>`roles @> '["team_leader"]'::jsonb`.as('leader')])
    .where('org_id', '=', teamOrgId)
    .where('disabled', '=', false)
    .execute();
  return {
    deputyAvailable: users.some((u) => u.deputy && u.id !== authorId),
    authorIsLeader: users.some((u) => u.leader && u.id === authorId),
  };
}

export async function userName(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const u = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return u?.display_name ?? null;
}

export async function checklistItem(db: Executor, id: string) {
  return db.selectFrom('inspection_checklist_items').select(['id', 'inspection_id', 'aspect', 'title', 'result']).where('id', '=', id).executeTakeFirst();
}

export async function cadresByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('cadres').select(['id', 'village_code', 'name', 'positions']).where('id', 'in', ids).execute();
}

/** Town targets of rounds in a writing phase, within the scope (and, for a team, assigned to it): where town-level problems go. */
export async function writableTownTargets(db: Executor, scope: string, teamOrgId: string | null, phases: readonly string[]) {
  let q = db
    .selectFrom('round_targets as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .select(['t.id', 't.name', 't.code', 'r.id as round_id', 'r.year', 'r.number', 'tm.name as team_name'])
    .where('t.kind', '=', 'town')
    .where('t.code', 'like', `${scope}%`)
    .where('r.phase', 'in', [...phases]);
  if (teamOrgId !== null) q = q.where('tm.org_id', '=', teamOrgId);
  return q.orderBy('r.year', 'desc').orderBy('r.number', 'desc').orderBy('t.code').execute();
}
