/**
 * The planning area's SQL: term plans, the calendar's corrections, rounds, targets, village inspections,
 * people and teams. Every read of a county-owned row takes the caller's scope (a division-code prefix).
 */
import { sql, type Insertable, type Updateable } from 'kysely';
import { LEVEL } from '../../../domain/registry/village';
import type { DB } from '../../db/schema';
import type { Executor } from '../../http/context';

const inScope = (scope: string) => `${scope}%`;

// --- divisions and organisations -----------------------------------------------------------

export function findDivision(db: Executor, code: string) {
  return db.selectFrom('divisions').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findDivisions(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('divisions').selectAll().where('code', 'in', [...codes]).execute();
}

/** Villages of a county with their town's name (for coverage). */
export function countyVillages(db: Executor, county: string) {
  return db
    .selectFrom('divisions as v')
    .innerJoin('divisions as t', 't.code', 'v.parent_code')
    .select(['v.code', 'v.short_name as name', 'v.parent_code as town_code', 't.name as town_name'])
    .where('v.level', '=', LEVEL.village)
    .where('v.county_code', '=', county)
    .orderBy('v.code')
    .execute();
}

export function findOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisations(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'name', 'kind', 'scope_code']).where('id', 'in', [...ids]).execute();
}

// --- calendar ------------------------------------------------------------------------------

export function listCalendarOverrides(db: Executor, from?: string, to?: string) {
  let q = db.selectFrom('calendar_overrides').select(['date', 'kind', 'note']);
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  return q.orderBy('date').execute();
}

export function findCalendarOverride(db: Executor, date: string) {
  return db.selectFrom('calendar_overrides').select(['date', 'kind', 'note']).where('date', '=', date).executeTakeFirst();
}

export async function upsertCalendarOverride(db: Executor, row: { date: string; kind: string; note: string; updated_by: string; updated_at: Date }) {
  await db
    .insertInto('calendar_overrides')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, note: row.note, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

export function deleteCalendarOverride(db: Executor, date: string) {
  return db.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
}

// --- term plans ----------------------------------------------------------------------------

export function listTermPlans(db: Executor, scope: string) {
  return db.selectFrom('term_plans').selectAll().where('scope_code', 'like', inScope(scope)).orderBy('start_date', 'desc').execute();
}

export function findTermPlan(db: Executor, scope: string, id: string) {
  return db.selectFrom('term_plans').selectAll().where('id', '=', id).where('scope_code', 'like', inScope(scope)).executeTakeFirst();
}

export function insertTermPlan(db: Executor, row: Insertable<DB['term_plans']>) {
  return db.insertInto('term_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateTermPlan(db: Executor, id: string, set: Updateable<DB['term_plans']>) {
  return db
    .updateTable('term_plans')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every village inspection of the county's rounds, for coverage. */
export function countyInspections(db: Executor, county: string) {
  return db
    .selectFrom('village_inspections as i')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select(['i.village_code', 'i.status', 'i.completed_at', 'r.start_date'])
    .where('r.scope_code', '=', county)
    .execute();
}

// --- rounds --------------------------------------------------------------------------------

export interface RoundFilter {
  scope: string;
  /** a team's organisation: only rounds it serves in */
  teamOrgId?: string | undefined;
  year?: number | undefined;
  phase?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listRounds(db: Executor, f: RoundFilter) {
  let q = db.selectFrom('rounds as r').where('r.scope_code', 'like', inScope(f.scope));
  if (f.teamOrgId) {
    const org = f.teamOrgId;
    q = q.where((eb) => eb.exists(eb.selectFrom('teams as tm').select('tm.id').whereRef('tm.round_id', '=', 'r.id').where('tm.org_id', '=', org)));
  }
  if (f.year) q = q.where('r.year', '=', f.year);
  if (f.phase) q = q.where('r.phase', '=', f.phase);
  if (f.q?.trim()) q = q.where('r.theme', 'like', `%${f.q.trim()}%`);
  const [items, total] = await Promise.all([
    q
      .selectAll('r')
      .select([
        sql<number>`(select count(*) from round_targets t where t.round_id = r.id)`.as('targets'),
        sql<number>`(select count(*) from village_inspections i where i.round_id = r.id)`.as('villages'),
        sql<number>`(select count(*) from teams tm where tm.round_id = r.id)`.as('teams'),
      ])
      .orderBy('r.year', 'desc')
      .orderBy('r.number', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findRound(db: Executor, scope: string, id: string) {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).where('scope_code', 'like', inScope(scope)).executeTakeFirst();
}

export async function roundHasTeamOfOrg(db: Executor, roundId: string, orgId: string) {
  const row = await db.selectFrom('teams').select('id').where('round_id', '=', roundId).where('org_id', '=', orgId).executeTakeFirst();
  return row !== undefined;
}

export function findRoundByNumber(db: Executor, scope: string, year: number, number: number) {
  return db.selectFrom('rounds').select('id').where('scope_code', '=', scope).where('year', '=', year).where('number', '=', number).executeTakeFirst();
}

export function insertRound(db: Executor, row: Insertable<DB['rounds']>) {
  return db.insertInto('rounds').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateRound(db: Executor, id: string, set: Updateable<DB['rounds']>) {
  return db
    .updateTable('rounds')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- targets and village inspections -------------------------------------------------------

export function listTargets(db: Executor, roundId: string, teamOrgId?: string) {
  let q = db
    .selectFrom('round_targets as t')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .selectAll('t')
    .select(['tm.name as team_name', 'tm.org_id as team_org_id'])
    .where('t.round_id', '=', roundId);
  if (teamOrgId) q = q.where('tm.org_id', '=', teamOrgId);
  return q.orderBy('t.sort').orderBy('t.created_at').execute();
}

export function findTarget(db: Executor, roundId: string, id: string) {
  return db.selectFrom('round_targets').selectAll().where('round_id', '=', roundId).where('id', '=', id).executeTakeFirst();
}

export function findTargetByCode(db: Executor, roundId: string, kind: string, code: string) {
  return db.selectFrom('round_targets').select('id').where('round_id', '=', roundId).where('kind', '=', kind).where('code', '=', code).executeTakeFirst();
}

export function insertTarget(db: Executor, row: Insertable<DB['round_targets']>) {
  return db.insertInto('round_targets').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateTarget(db: Executor, id: string, set: Updateable<DB['round_targets']>) {
  return db.updateTable('round_targets').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteTarget(db: Executor, id: string) {
  return db.deleteFrom('round_targets').where('id', '=', id).execute();
}

export function maxTargetSort(db: Executor, roundId: string) {
  return db
    .selectFrom('round_targets')
    .select(sql<number>`coalesce(max(sort), 0)`.as('m'))
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.m));
}

/** The village inspections of targets, with village and town names. */
export function inspectionsOfTargets(db: Executor, targetIds: readonly string[]) {
  if (targetIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('village_inspections as i')
    .innerJoin('divisions as v', 'v.code', 'i.village_code')
    .leftJoin('divisions as tw', 'tw.code', 'i.town_code')
    .select([
      'i.id',
      'i.target_id',
      'i.village_code',
      'i.town_code',
      'i.status',
      'i.completed_at',
      'v.short_name as village_name',
      'tw.name as town_name',
      sql<number>`(select count(*) from inspection_checklist_items c where c.inspection_id = i.id)`.as('checklist_items'),
    ])
    .where('i.target_id', 'in', [...targetIds])
    .orderBy('i.village_code')
    .execute();
}

export function insertInspections(db: Executor, rows: Insertable<DB['village_inspections']>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('village_inspections').values(rows).execute();
}

export function deleteInspections(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve();
  return db.deleteFrom('village_inspections').where('id', 'in', [...ids]).execute();
}

/** Cadres of villages with their relatives, for 回避. */
export async function cadresOfVillages(db: Executor, villageCodes: readonly string[]) {
  if (villageCodes.length === 0) return [];
  const cadres = await db
    .selectFrom('cadres')
    .select(['id', 'village_code', 'name', 'id_number', 'positions'])
    .where('village_code', 'in', [...villageCodes])
    .execute();
  const relatives =
    cadres.length === 0
      ? []
      : await db
          .selectFrom('cadre_relatives')
          .select(['cadre_id', 'name', 'id_number', 'relation'])
          .where(
            'cadre_id',
            'in',
            cadres.map((c) => c.id),
          )
          .execute();
  return cadres.map((c) => ({ ...c, relatives: relatives.filter((r) => r.cadre_id === c.id) }));
}

// --- people --------------------------------------------------------------------------------

export interface PeopleFilter {
  scope: string;
  q?: string | undefined;
  expertise?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listPeople(db: Executor, f: PeopleFilter) {
  let q = db.selectFrom('people as p').where('p.scope_code', 'like', inScope(f.scope));
  if (f.q?.trim()) {
    const term = `%${f.q.trim()}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'like', term), eb('p.unit', 'like', term)]));
  }
  if (f.expertise) q = q.where(sql<boolean>`p.expertise @> ${JSON.stringify([f.expertise])}::jsonb`);
  const [items, total] = await Promise.all([
    q.selectAll('p').orderBy('p.name').orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findPerson(db: Executor, scope: string, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).where('scope_code', 'like', inScope(scope)).executeTakeFirst();
}

export function findPeople(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').selectAll().where('id', 'in', [...ids]).execute();
}

export function findPersonByIdNumber(db: Executor, scope: string, idNumber: string) {
  return db.selectFrom('people').select(['id', 'name']).where('scope_code', '=', scope).where('id_number', '=', idNumber).executeTakeFirst();
}

export function relativesOf(db: Executor, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person_relatives')
    .select(['person_id', 'name', 'id_number', 'relation'])
    .where('person_id', 'in', [...personIds])
    .orderBy('created_at')
    .execute();
}

export function insertPerson(db: Executor, row: Insertable<DB['people']>) {
  return db.insertInto('people').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePerson(db: Executor, id: string, set: Updateable<DB['people']>) {
  return db.updateTable('people').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function replaceRelatives(db: Executor, personId: string, relatives: { name: string; id_number: string | null; relation: string }[]) {
  await db.deleteFrom('person_relatives').where('person_id', '=', personId).execute();
  if (relatives.length > 0) await db.insertInto('person_relatives').values(relatives.map((r) => ({ ...r, person_id: personId }))).execute();
}

export function deletePerson(db: Executor, id: string) {
  return db.deleteFrom('people').where('id', '=', id).execute();
}

/** The teams a person serves on, with the round. */
export function teamsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .select(['t.id', 't.name', 'r.year', 'r.number', 'm.role'])
    .where('m.person_id', '=', personId)
    .execute();
}

// --- teams ---------------------------------------------------------------------------------

export function listTeams(db: Executor, roundId: string, orgId?: string) {
  let q = db
    .selectFrom('teams as t')
    .leftJoin('organisations as o', 'o.id', 't.org_id')
    .selectAll('t')
    .select('o.name as org_name')
    .where('t.round_id', '=', roundId);
  if (orgId) q = q.where('t.org_id', '=', orgId);
  return q.orderBy('t.sort').orderBy('t.name').execute();
}

export function findTeam(db: Executor, roundId: string, id: string) {
  return db.selectFrom('teams').selectAll().where('round_id', '=', roundId).where('id', '=', id).executeTakeFirst();
}

export function findTeamByName(db: Executor, roundId: string, name: string) {
  return db.selectFrom('teams').select('id').where('round_id', '=', roundId).where('name', '=', name).executeTakeFirst();
}

export function insertTeam(db: Executor, row: Insertable<DB['teams']>) {
  return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateTeam(db: Executor, id: string, set: Updateable<DB['teams']>) {
  return db.updateTable('teams').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteTeam(db: Executor, id: string) {
  return db.deleteFrom('teams').where('id', '=', id).execute();
}

export function membersOfTeams(db: Executor, teamIds: readonly string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('team_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.team_id', 'm.person_id', 'm.role', 'm.avoidance_declared', 'p.name', 'p.unit', 'p.expertise'])
    .where('m.team_id', 'in', [...teamIds])
    // leader, deputies, members; in the order they joined (a copied team joins at once: then by name)
    .orderBy(sql`case m.role when 'leader' then 0 when 'deputy' then 1 else 2 end`)
    .orderBy('m.created_at')
    .orderBy('p.name')
    .execute();
}

export function insertMember(db: Executor, row: Insertable<DB['team_members']>) {
  return db.insertInto('team_members').values(row).execute();
}

export function deleteMember(db: Executor, teamId: string, personId: string) {
  return db.deleteFrom('team_members').where('team_id', '=', teamId).where('person_id', '=', personId).executeTakeFirst();
}

/** The team of the round the person is already on, if any. */
export function memberTeamInRound(db: Executor, roundId: string, personId: string) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select(['t.id', 't.name'])
    .where('t.round_id', '=', roundId)
    .where('m.person_id', '=', personId)
    .executeTakeFirst();
}

// --- schedule ------------------------------------------------------------------------------

export async function listSchedule(db: Executor, f: { scope: string; year?: number | undefined; page: number; pageSize: number }) {
  let q = db
    .selectFrom('village_inspections as i')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .innerJoin('round_targets as t', 't.id', 'i.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .innerJoin('divisions as v', 'v.code', 'i.village_code')
    .leftJoin('divisions as tw', 'tw.code', 'i.town_code')
    .where('i.village_code', 'like', inScope(f.scope));
  if (f.year) q = q.where('r.year', '=', f.year);
  const [items, total] = await Promise.all([
    q
      .select([
        'i.id',
        'i.village_code',
        'i.town_code',
        'i.status',
        'v.short_name as village_name',
        'tw.name as town_name',
        't.mode',
        'r.id as round_id',
        'r.year',
        'r.number',
        'r.start_date',
        'r.end_date',
        'tm.name as team_name',
      ])
      .orderBy('r.start_date', 'desc')
      .orderBy('i.village_code')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
