/**
 * The only SQL of the checklists area. Catalogue reads take the caller's scope: a catalogue is visible
 * when it is built in (scope ''), kept within the caller's scope, or kept by an office above it (a
 * county sees its city's lists).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { CatalogueContent, ItemInput } from '../../../domain/checklists/catalogue';
import type { DB } from '../../db/schema';
import type { Executor } from '../../http/context';

const visible = (scope: string) => (eb: ExpressionBuilder<DB, 'checklist_catalogues'>) =>
  eb.or([eb('checklist_catalogues.scope_code', '=', ''), eb('checklist_catalogues.scope_code', 'like', `${scope}%`), sql<boolean>`${scope} like checklist_catalogues.scope_code || '%'`]);

export interface CatalogueFilter {
  q?: string | undefined;
  kind?: 'common' | 'personalised' | undefined;
  archived?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listCatalogues(db: Executor, scope: string, f: CatalogueFilter) {
  let q = db.selectFrom('checklist_catalogues').where(visible(scope));
  if (f.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${f.q}%`), eb('description', 'like', `%${f.q}%`)]));
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.archived !== undefined) q = q.where('archived', '=', f.archived);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('archived')
      .orderBy(sql`case kind when 'common' then 0 else 1 end`)
      .orderBy('builtin', 'desc')
      .orderBy('name')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findCatalogue(db: Executor, scope: string, id: string) {
  return db.selectFrom('checklist_catalogues').selectAll().where('id', '=', id).where(visible(scope)).executeTakeFirst();
}

export function findCatalogueByName(db: Executor, scopeCode: string, name: string) {
  return db.selectFrom('checklist_catalogues').selectAll().where('scope_code', '=', scopeCode).where('name', '=', name).executeTakeFirst();
}

export function insertCatalogue(
  db: Executor,
  row: { scope_code: string; name: string; kind: string; match_tags: string[]; description: string; builtin: boolean; copied_from: string | null },
  now: Date,
) {
  return db
    .insertInto('checklist_catalogues')
    .values({ ...row, match_tags: JSON.stringify(row.match_tags), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateCatalogue(
  db: Executor,
  id: string,
  set: Partial<{ name: string; kind: string; match_tags: string[]; description: string; archived: boolean }>,
  now: Date,
) {
  const { match_tags, ...rest } = set;
  return db
    .updateTable('checklist_catalogues')
    .set({ ...rest, ...(match_tags ? { match_tags: JSON.stringify(match_tags) } : {}), updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Versions of catalogues, newest first, with item counts and who published them. */
export function versionsOf(db: Executor, catalogueIds: string[]) {
  if (catalogueIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('checklist_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .select([
      'v.id',
      'v.catalogue_id',
      'v.version',
      'v.status',
      'v.note',
      'v.published_at',
      'v.created_at',
      'u.display_name as published_by_name',
      sql<number>`(select count(*)::int from checklist_items i where i.version_id = v.id)`.as('item_count'),
      sql<number>`(select count(*)::int from checklist_aspects a where a.version_id = v.id)`.as('aspect_count'),
    ])
    .where('v.catalogue_id', 'in', catalogueIds)
    .orderBy('v.version', 'desc')
    .execute();
}

export function findVersion(db: Executor, catalogueId: string, versionId: string, lock = false) {
  let q = db.selectFrom('checklist_versions').selectAll().where('id', '=', versionId).where('catalogue_id', '=', catalogueId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function latestVersion(db: Executor, catalogueId: string, status?: 'published' | 'draft') {
  let q = db.selectFrom('checklist_versions').selectAll().where('catalogue_id', '=', catalogueId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function insertVersion(db: Executor, catalogueId: string, note: string, now: Date) {
  const max = await db
    .selectFrom('checklist_versions')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
    .where('catalogue_id', '=', catalogueId)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('checklist_versions')
    .values({ catalogue_id: catalogueId, version: Number(max.v) + 1, status: 'draft', note, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function setVersionStatus(db: Executor, id: string, set: { status: string; published_at?: Date; published_by?: string | null }) {
  return db.updateTable('checklist_versions').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function retirePublished(db: Executor, catalogueId: string) {
  return db.updateTable('checklist_versions').set({ status: 'retired' }).where('catalogue_id', '=', catalogueId).where('status', '=', 'published').returning(['id', 'version']).execute();
}

export async function loadTree(db: Executor, versionIds: string[]) {
  if (versionIds.length === 0) return { aspects: [], items: [] };
  const [aspects, items] = await Promise.all([
    db.selectFrom('checklist_aspects').selectAll().where('version_id', 'in', versionIds).orderBy('sort').orderBy('name').execute(),
    db.selectFrom('checklist_items').selectAll().where('version_id', 'in', versionIds).orderBy('sort').orderBy('title').execute(),
  ]);
  return { aspects, items };
}

export async function insertContent(db: Executor, versionId: string, content: CatalogueContent) {
  for (const [ai, aspect] of content.entries()) {
    const a = await insertAspect(db, versionId, aspect.name, ai);
    for (const [ii, item] of aspect.items.entries()) await insertItem(db, versionId, a.id, item, ii);
  }
}

export function clearContent(db: Executor, versionId: string) {
  return db.deleteFrom('checklist_aspects').where('version_id', '=', versionId).execute();
}

export function insertAspect(db: Executor, versionId: string, name: string, sort: number) {
  return db.insertInto('checklist_aspects').values({ version_id: versionId, name, sort }).returningAll().executeTakeFirstOrThrow();
}

export function findAspect(db: Executor, versionId: string, id: string) {
  return db.selectFrom('checklist_aspects').selectAll().where('id', '=', id).where('version_id', '=', versionId).executeTakeFirst();
}

export function nextSort(db: Executor, table: 'checklist_aspects' | 'checklist_items', versionId: string, aspectId?: string) {
  let q = db.selectFrom(table).select(sql<number>`coalesce(max(sort) + 1, 0)::int`.as('s')).where('version_id', '=', versionId);
  if (aspectId) q = q.where('aspect_id' as never, '=', aspectId as never);
  return q.executeTakeFirstOrThrow().then((r) => Number(r.s));
}

export function updateAspect(db: Executor, id: string, set: { name?: string; sort?: number }) {
  return db.updateTable('checklist_aspects').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteAspect(db: Executor, id: string) {
  return db.deleteFrom('checklist_aspects').where('id', '=', id).execute();
}

const itemValues = (item: ItemInput) => ({
  title: item.title,
  power_class: item.powerClass,
  village_traits: JSON.stringify(item.villageTraits),
  manifestations: JSON.stringify(item.manifestations),
  basis: item.basis,
});

export function insertItem(db: Executor, versionId: string, aspectId: string, item: ItemInput, sort: number) {
  return db
    .insertInto('checklist_items')
    .values({ version_id: versionId, aspect_id: aspectId, sort, ...itemValues(item) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findItem(db: Executor, versionId: string, id: string) {
  return db.selectFrom('checklist_items').selectAll().where('id', '=', id).where('version_id', '=', versionId).executeTakeFirst();
}

export function updateItem(db: Executor, id: string, item: ItemInput, move?: { aspectId: string; sort: number }) {
  return db
    .updateTable('checklist_items')
    .set({ ...itemValues(item), ...(move ? { aspect_id: move.aspectId, sort: move.sort } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function moveItem(db: Executor, id: string, aspectId: string, sort: number) {
  return db.updateTable('checklist_items').set({ aspect_id: aspectId, sort }).where('id', '=', id).execute();
}

export function deleteItem(db: Executor, id: string) {
  return db.deleteFrom('checklist_items').where('id', '=', id).execute();
}

// --- a village inspection's own list -------------------------------------------------------

/** Catalogues that may feed a village's list: not archived, built in or kept by an office above the village. */
export async function feedingCatalogues(db: Executor, villageCode: string) {
  return db
    .selectFrom('checklist_catalogues as c')
    .select([
      'c.id',
      'c.name',
      'c.kind',
      'c.match_tags',
      'c.scope_code',
      'c.copied_from',
      (eb) =>
        eb
          .selectFrom('checklist_versions as v')
          .select('v.id')
          .whereRef('v.catalogue_id', '=', 'c.id')
          .where('v.status', '=', 'published')
          .orderBy('v.version', 'desc')
          .limit(1)
          .as('published_version_id'),
    ])
    .where('c.archived', '=', false)
    .where(sql<boolean>`${villageCode} like c.scope_code || '%'`)
    .execute();
}

export function villageTags(db: Executor, villageCode: string) {
  return db
    .selectFrom('village_profiles')
    .select('tags')
    .where('village_code', '=', villageCode)
    .executeTakeFirst()
    .then((r) => r?.tags ?? []);
}

export function listItems(db: Executor, inspectionId: string) {
  return db
    .selectFrom('inspection_checklist_items as i')
    .leftJoin('users as u', 'u.id', 'i.marked_by')
    .leftJoin('checklist_versions as v', 'v.id', 'i.version_id')
    .selectAll('i')
    .select(['u.display_name as marked_by_name', 'v.version as catalogue_version'])
    .where('i.inspection_id', '=', inspectionId)
    .orderBy(sql`case i.source when 'common' then 0 when 'personalised' then 1 else 2 end`)
    .orderBy('i.sort')
    .orderBy('i.created_at')
    .execute();
}

export function findListItem(db: Executor, inspectionId: string, id: string) {
  return db.selectFrom('inspection_checklist_items').selectAll().where('id', '=', id).where('inspection_id', '=', inspectionId).executeTakeFirst();
}

export interface ListItemInsert {
  inspection_id: string;
  source: string;
  catalogue_name: string | null;
  version_id: string | null;
  item_id: string | null;
  sort: number;
  aspect: string;
  title: string;
  power_class: string | null;
  manifestations: string[];
  added_by: string | null;
}

export function insertListItems(db: Executor, rows: ListItemInsert[], now: Date) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('inspection_checklist_items')
    .values(rows.map((r) => ({ ...r, manifestations: JSON.stringify(r.manifestations), created_at: now })))
    .returningAll()
    .execute();
}

export function deleteListItems(db: Executor, inspectionId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.deleteFrom('inspection_checklist_items').where('inspection_id', '=', inspectionId).where('id', 'in', ids).execute();
}

export function maxListSort(db: Executor, inspectionId: string) {
  return db
    .selectFrom('inspection_checklist_items')
    .select(sql<number>`coalesce(max(sort), -1)::int`.as('s'))
    .where('inspection_id', '=', inspectionId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.s));
}

export function markListItem(db: Executor, id: string, set: { result: string; note: string; marked_by: string | null; marked_at: Date | null }) {
  return db.updateTable('inspection_checklist_items').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function setChecklistReady(db: Executor, inspectionId: string, now: Date) {
  return db.updateTable('village_inspections').set({ checklist_ready_at: now, updated_at: now }).where('id', '=', inspectionId).execute();
}

export function roundInScope(db: Executor, scope: string, roundId: string) {
  return db.selectFrom('rounds').selectAll().where('id', '=', roundId).where('scope_code', 'like', `${scope}%`).executeTakeFirst();
}

export function inspectionIdsOfRound(db: Executor, roundId: string) {
  return db.selectFrom('village_inspections').select('id').where('round_id', '=', roundId).orderBy('village_code').execute();
}

export function seededMarker(db: Executor, key: string) {
  return db.selectFrom('app_meta').select('key').where('key', '=', key).executeTakeFirst();
}

export function setSeededMarker(db: Executor, key: string) {
  return db.insertInto('app_meta').values({ key, value: JSON.stringify(true) }).onConflict((oc) => oc.column('key').doNothing()).execute();
}
