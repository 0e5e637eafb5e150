import { sql } from 'kysely';
import type { Executor } from '../../http/context';
import { LEVEL } from '../../../domain/registry/village';

/** Every read takes the caller's scope (a division-code prefix) and filters by it. */
const inScope = (scope: string) => `${scope}%`;

// --- divisions -----------------------------------------------------------------------------

export function findDivisions(db: Executor, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('divisions').selectAll().where('code', 'in', codes).execute();
}

export function findDivision(db: Executor, scope: string, code: string) {
  return db.selectFrom('divisions').selectAll().where('code', '=', code).where('code', 'like', inScope(scope)).executeTakeFirst();
}

export interface DivisionUpsert {
  code: string;
  name: string;
  short_name: string;
  level: number;
  parent_code: string | null;
  county_code: string | null;
  kind: string | null;
  initials: string;
  source: string;
}

export function insertDivision(db: Executor, row: DivisionUpsert, now: Date) {
  return db.insertInto('divisions').values({ ...row, updated_at: now }).execute();
}

export function updateDivision(db: Executor, row: DivisionUpsert, now: Date) {
  return db
    .updateTable('divisions')
    .set({ name: row.name, short_name: row.short_name, kind: row.kind, initials: row.initials, source: row.source, parent_code: row.parent_code, updated_at: now })
    .where('code', '=', row.code)
    .execute();
}

/** Counties imported so far, within scope (a town user sees its own county's name only). */
export function listCounties(db: Executor, scope: string) {
  const countyScope = scope.slice(0, 6);
  return db
    .selectFrom('divisions as c')
    .leftJoin('divisions as p', 'p.code', 'c.parent_code')
    .select([
      'c.code',
      'c.name',
      'p.name as city_name',
      sql<number>`(select count(*) from divisions t where t.county_code = c.code and t.level = ${LEVEL.town} and t.code like ${inScope(scope)})`.as('towns'),
      sql<number>`(select count(*) from divisions v where v.county_code = c.code and v.level = ${LEVEL.village} and v.code like ${inScope(scope)})`.as('villages'),
    ])
    .where('c.level', '=', LEVEL.county)
    .where((eb) => eb.or([eb('c.code', 'like', inScope(scope)), eb('c.code', '=', countyScope)]))
    .orderBy('c.code')
    .execute();
}

export function listTowns(db: Executor, scope: string, county: string) {
  return db
    .selectFrom('divisions as t')
    .select([
      't.code',
      't.name',
      't.kind',
      't.initials',
      sql<number>`(select count(*) from divisions v where v.parent_code = t.code and v.code like ${inScope(scope)})`.as('villages'),
    ])
    .where('t.level', '=', LEVEL.town)
    .where('t.county_code', '=', county)
    // a village user sees the town it belongs to
    .where((eb) => eb.or([eb('t.code', 'like', inScope(scope)), sql<boolean>`${scope} like t.code || '%'`]))
    .orderBy('t.code')
    .execute();
}

export interface VillageFilter {
  scope: string;
  county?: string | undefined;
  town?: string | undefined;
  q?: string | undefined;
  kind?: string | undefined;
  tag?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listVillages(db: Executor, f: VillageFilter) {
  let q = db
    .selectFrom('divisions as v')
    .innerJoin('divisions as t', 't.code', 'v.parent_code')
    .leftJoin('village_profiles as p', 'p.village_code', 'v.code')
    .where('v.level', '=', LEVEL.village)
    .where('v.code', 'like', inScope(f.scope));
  if (f.county) q = q.where('v.county_code', '=', f.county);
  if (f.town) q = q.where('v.parent_code', '=', f.town);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.tag) q = q.where(sql<boolean>`coalesce(p.tags, '[]'::jsonb) @> ${JSON.stringify([f.tag])}::jsonb`);
  if (f.q) {
    const term = f.q.trim();
    const latin = /^[a-zA-Z]+$/.test(term);
    q = latin
      ? q.where('v.initials', 'like', `%${term.toLowerCase()}%`)
      : q.where((eb) => eb.or([eb('v.name', 'like', `%${term}%`), eb('v.code', 'like', `${term}%`)]));
  }
  const [items, total] = await Promise.all([
    q
      .select([
        'v.code',
        'v.name',
        'v.short_name',
        'v.kind',
        'v.initials',
        'v.parent_code as town_code',
        't.name as town_name',
        'p.tags',
        'p.households',
        'p.party_members',
        sql<number>`(select count(*) from cadres c where c.village_code = v.code)`.as('cadres'),
      ])
      .orderBy('v.code')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** All villages in scope (for import name matching). */
export function villagesForMatching(db: Executor, scope: string) {
  return db
    .selectFrom('divisions as v')
    .innerJoin('divisions as t', 't.code', 'v.parent_code')
    .select(['v.code', 'v.name', 't.name as town_name'])
    .where('v.level', '=', LEVEL.village)
    .where('v.code', 'like', inScope(scope))
    .execute();
}

// --- profiles ------------------------------------------------------------------------------

export function findProfile(db: Executor, code: string) {
  return db.selectFrom('village_profiles').selectAll().where('village_code', '=', code).executeTakeFirst();
}

export function insertProfile(db: Executor, code: string, now: Date) {
  return db
    .insertInto('village_profiles')
    .values({
      village_code: code,
      tags: '[]',
      party_members: null,
      households: null,
      population: null,
      collective_assets: null,
      annual_income: null,
      annual_expenditure: null,
      petitions_last_year: null,
      collective_credit_code: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('village_code').doNothing())
    .execute();
}

// --- tags ----------------------------------------------------------------------------------

export function listTags(db: Executor) {
  return db.selectFrom('classification_tags').selectAll().orderBy('category').orderBy('sort').orderBy('id').execute();
}

// --- cadres --------------------------------------------------------------------------------

export function listCadres(db: Executor, scope: string, villageCode: string) {
  return db
    .selectFrom('cadres')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('village_code', 'like', inScope(scope))
    .orderBy('created_at')
    .orderBy('name')
    .execute();
}

export function findCadre(db: Executor, scope: string, id: string) {
  return db.selectFrom('cadres').selectAll().where('id', '=', id).where('village_code', 'like', inScope(scope)).executeTakeFirst();
}

export function findCadreByIdNumber(db: Executor, villageCode: string, idNumber: string) {
  return db.selectFrom('cadres').selectAll().where('village_code', '=', villageCode).where('id_number', '=', idNumber).executeTakeFirst();
}

export function listRelatives(db: Executor, cadreIds: string[]) {
  if (cadreIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('cadre_relatives').selectAll().where('cadre_id', 'in', cadreIds).orderBy('created_at').orderBy('name').execute();
}

// --- import batches ------------------------------------------------------------------------

export function findImportBatch(db: Executor, id: string, userId: string) {
  return db.selectFrom('import_batches').selectAll().where('id', '=', id).where('created_by', '=', userId).executeTakeFirst();
}

export function updateProfile(db: Executor, code: string, set: Record<string, unknown>, expectedVersion: number, now: Date) {
  return db
    .updateTable('village_profiles')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('village_code', '=', code)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export interface CadreWrite {
  village_code: string;
  name: string;
  gender: string | null;
  id_number: string;
  positions: string;
  term_start: string | null;
  term_end: string | null;
  phone: string | null;
  notes: string;
}

export function insertCadre(db: Executor, row: CadreWrite, now: Date) {
  return db.insertInto('cadres').values({ ...row, updated_at: now }).returningAll().executeTakeFirstOrThrow();
}

export function updateCadre(db: Executor, id: string, row: CadreWrite, now: Date) {
  return db.updateTable('cadres').set({ ...row, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteCadre(db: Executor, id: string) {
  await db.deleteFrom('cadre_relatives').where('cadre_id', '=', id).execute();
  await db.deleteFrom('cadres').where('id', '=', id).execute();
}

export async function replaceRelatives(db: Executor, cadreId: string, relatives: { name: string; id_number: string | null; relation: string }[]) {
  await db.deleteFrom('cadre_relatives').where('cadre_id', '=', cadreId).execute();
  if (relatives.length === 0) return [];
  return db
    .insertInto('cadre_relatives')
    .values(relatives.map((r) => ({ ...r, cadre_id: cadreId })))
    .returningAll()
    .execute();
}

export function insertTag(db: Executor, row: { name: string; category: string; description: string; builtin: boolean; sort: number }) {
  return db.insertInto('classification_tags').values(row).onConflict((oc) => oc.column('name').doNothing()).returningAll().executeTakeFirst();
}

export function findTag(db: Executor, id: number) {
  return db.selectFrom('classification_tags').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deleteTag(db: Executor, id: number) {
  return db.deleteFrom('classification_tags').where('id', '=', id).execute();
}

export async function countProfilesWithTag(db: Executor, name: string): Promise<number> {
  const r = await db
    .selectFrom('village_profiles')
    .select(sql<number>`count(*)`.as('n'))
    .where(sql<boolean>`tags @> ${JSON.stringify([name])}::jsonb`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertImportBatch(
  db: Executor,
  row: { kind: string; created_by: string; scope_code: string; file_name: string; summary: unknown; valid_rows: unknown[]; error_rows: unknown[] },
) {
  return db
    .insertInto('import_batches')
    .values({
      ...row,
      status: 'preview',
      summary: JSON.stringify(row.summary),
      valid_rows: JSON.stringify(row.valid_rows),
      error_rows: JSON.stringify(row.error_rows),
      confirmed_at: null,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export function markImportConfirmed(db: Executor, id: string, now: Date) {
  return db.updateTable('import_batches').set({ status: 'confirmed', confirmed_at: now }).where('id', '=', id).where('status', '=', 'preview').executeTakeFirst();
}

export async function countDivisions(db: Executor): Promise<number> {
  const r = await db.selectFrom('divisions').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

