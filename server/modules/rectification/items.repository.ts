/**
 * SQL of rectification items: the items with their finding, round, town and village names; the
 * history and the sign-off decisions; what generation needs (approved findings fed back, the town's
 * organisation and secretary). Every list is filtered by the caller's view (items.access.ts).
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor, Tx } from '../../http/context';

/** Which items a caller sees: by division scope, or (a team) the targets of teams linked to its organisation. */
export type ItemView = { kind: 'scope'; scope: string } | { kind: 'team'; scope: string; orgId: string };

export interface ItemFilter {
  roundId?: string | undefined;
  townCode?: string | undefined;
  villageCode?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  /** open items past their due date (today given) */
  overdueBefore?: string | undefined;
  q?: string | undefined;
}

type Q = SelectQueryBuilder<DB & { i: DB['rectification_items'] }, 'i', object>;

/** Items with their finding, round, target, team and place names: the join every rectification read starts from. */
export function itemsWithPlaces(db: Executor) {
  return db
    .selectFrom('rectification_items as i')
    .innerJoin('findings as f', 'f.id', 'i.finding_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .innerJoin('round_targets as t', 't.id', 'i.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('divisions as dt', 'dt.code', 'i.town_code')
    .leftJoin('divisions as dv', 'dv.code', 'i.village_code');
}

function scoped<T extends Q>(q: T, view: ItemView): T {
  // an item is placed at its village, or at its town when the finding is the town's own
  let out = q.where(sql<boolean>`coalesce(i.village_code, i.town_code) like ${`${view.scope}%`}`) as T;
  // a team sees its own targets' items, and those a 回头看 target assigned to it re-inspects
  if (view.kind === 'team') {
    out = out.where(
      sql<boolean>`(tm.org_id = ${view.orgId} or exists (
        select 1 from look_back_links xl join round_targets xt on xt.id = xl.target_id join teams xtm on xtm.id = xt.team_id
        where xl.item_id = i.id and xtm.org_id = ${view.orgId}))`,
    ) as T;
  }
  return out;
}

function filtered<T extends Q>(q: T, f: ItemFilter): T {
  let out = q;
  if (f.roundId) out = out.where('i.round_id', '=', f.roundId) as T;
  if (f.townCode) out = out.where('i.town_code', '=', f.townCode) as T;
  if (f.villageCode) out = out.where('i.village_code', '=', f.villageCode) as T;
  if (f.status) out = out.where('i.status', '=', f.status) as T;
  if (f.kind) out = out.where('i.kind', '=', f.kind) as T;
  if (f.overdueBefore) out = out.where('i.status', '<>', 'closed').where('i.due_on', '<', f.overdueBefore) as T;
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where(sql<boolean>`(f.title like ${like} or f.description like ${like} or i.measures like ${like} or i.responsible_unit_name like ${like})`) as T;
  }
  return out;
}

const COLUMNS = [
  'i.id',
  'i.finding_id',
  'i.round_id',
  'i.target_id',
  'i.village_code',
  'i.town_code',
  'i.number',
  'i.kind',
  'i.status',
  'i.responsible_unit_kind',
  'i.responsible_org_id',
  'i.responsible_unit_name',
  'i.responsible_leader',
  'i.handler',
  'i.lead_unit',
  'i.cooperating_units',
  'i.competent_department_org_id',
  'i.measures',
  'i.started_on',
  'i.deadline',
  'i.due_on',
  'i.last_report_on',
  'i.closed_on',
  'i.evidence_version',
  'i.required_parties',
  'i.sign_off_cycle',
  'i.version',
  'i.created_at',
  'i.updated_at',
  'f.title as finding_title',
  'f.description as finding_description',
  'f.category as finding_category',
  'f.number as finding_number',
  'r.year as round_year',
  'r.number as round_number',
  't.team_id as team_id',
  'tm.name as team_name',
  'tm.org_id as team_org_id',
] as const;

function rows(db: Executor) {
  return itemsWithPlaces(db)
    .select([...COLUMNS])
    .select(sql<string | null>`coalesce(nullif(dt.short_name, ''), dt.name)`.as('town_name'))
    .select(sql<string | null>`coalesce(nullif(dv.short_name, ''), dv.name)`.as('village_name'));
}

export type ItemRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

export async function listItems(db: Executor, view: ItemView, f: ItemFilter, page: number, pageSize: number) {
  const q = filtered(scoped(rows(db) as unknown as Q, view), f) as unknown as ReturnType<typeof rows>;
  const items = await q
    .orderBy('r.year', 'desc')
    .orderBy('r.number', 'desc')
    .orderBy('i.number')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const countQ = filtered(scoped(itemsWithPlaces(db) as unknown as Q, view), f) as unknown as ReturnType<typeof itemsWithPlaces>;
  const total = await countQ.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function allItems(db: Executor, view: ItemView, f: ItemFilter) {
  const q = filtered(scoped(rows(db) as unknown as Q, view), f) as unknown as ReturnType<typeof rows>;
  return q.orderBy('i.number').execute();
}

/** Counts per status under the filter (its own status filter left out: the tabs show every status). */
export async function countByStatus(db: Executor, view: ItemView, f: ItemFilter) {
  const q = filtered(scoped(itemsWithPlaces(db) as unknown as Q, view), { ...f, status: undefined }) as unknown as ReturnType<typeof itemsWithPlaces>;
  return q.select(['i.status']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy('i.status').execute();
}

/** Towns and villages that have items the caller sees (the list's place filters). */
export function placesOf(db: Executor, view: ItemView, roundId: string | undefined) {
  const q = scoped(itemsWithPlaces(db) as unknown as Q, view) as unknown as ReturnType<typeof itemsWithPlaces>;
  return (roundId ? q.where('i.round_id', '=', roundId) : q)
    .select(['i.town_code', 'i.village_code'])
    .select(sql<string | null>`coalesce(nullif(dt.short_name, ''), dt.name)`.as('town_name'))
    .select(sql<string | null>`coalesce(nullif(dv.short_name, ''), dv.name)`.as('village_name'))
    .distinct()
    .orderBy('i.town_code')
    .orderBy('i.village_code')
    .execute();
}

export function findItem(db: Executor, view: ItemView, id: string) {
  return (scoped(rows(db) as unknown as Q, view) as unknown as ReturnType<typeof rows>).where('i.id', '=', id).executeTakeFirst();
}

export async function lockItem(tx: Tx, id: string): Promise<void> {
  await sql`select id from rectification_items where id = ${id} for update`.execute(tx);
}

export async function updateItem(tx: Tx, id: string, set: Partial<Record<keyof DB['rectification_items'], unknown>>) {
  await tx
    .updateTable('rectification_items')
    .set({ ...(set as object), version: sql`version + 1`, updated_at: new Date() } as never)
    .where('id', '=', id)
    .execute();
}

export async function insertEvent(
  tx: Tx,
  e: { item_id: string; action: string; from_status: string | null; to_status: string | null; comment: string; evidence_version: number; file_ids: string[]; actor_id: string | null; actor_name: string; at: Date },
) {
  const n = await nextN(tx, 'rectification_item_events', e.item_id);
  await tx
    .insertInto('rectification_item_events')
    .values({ ...e, n, file_ids: JSON.stringify(e.file_ids) })
    .execute();
}

/** The next position in an item's history; the caller holds the item's row lock. */
async function nextN(tx: Tx, table: 'rectification_item_events' | 'rectification_sign_offs', itemId: string): Promise<number> {
  const r = await tx.selectFrom(table).select((eb) => eb.fn.max('n').as('n')).where('item_id', '=', itemId).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export function eventsOf(db: Executor, itemId: string) {
  return db.selectFrom('rectification_item_events').selectAll().where('item_id', '=', itemId).orderBy('n').execute();
}

export function signOffsOf(db: Executor, itemId: string) {
  return db.selectFrom('rectification_sign_offs').selectAll().where('item_id', '=', itemId).orderBy('n').execute();
}

export async function insertSignOff(
  tx: Tx,
  s: { item_id: string; cycle: number; party: string; evidence_version: number; decision: string; reason: string; actor_id: string | null; actor_name: string; at: Date },
) {
  const n = await nextN(tx, 'rectification_sign_offs', s.item_id);
  await tx.insertInto('rectification_sign_offs').values({ ...s, n }).execute();
}

/** Latest report date among the item's progress reports (for 长期坚持 periodic due dates). */
export async function evidenceCount(db: Executor, itemId: string, ownerKind: string): Promise<number> {
  const r = await db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('owner_kind', '=', ownerKind).where('owner_id', '=', itemId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function evidenceIds(db: Executor, itemId: string, ownerKind: string) {
  return db.selectFrom('attachments').select('id').where('owner_kind', '=', ownerKind).where('owner_id', '=', itemId).execute();
}

// — generation —

export function roundById(db: Executor, id: string) {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Approved findings of a round whose feedback has been recorded: a village's finding once that
 * village's feedback on its target is recorded (for a village target, the target's own feedback);
 * a town-level finding once the town's own feedback is recorded.
 */
export function fedBackFindings(db: Executor, roundId: string, scope: string) {
  return db
    .selectFrom('findings as f')
    .innerJoin('round_targets as t', 't.id', 'f.target_id')
    .select(['f.id', 'f.round_id', 'f.target_id', 'f.village_code', 'f.town_code', 'f.number', 'f.immediate'])
    .where('f.round_id', '=', roundId)
    .where('f.status', '=', 'approved')
    .where(sql<boolean>`coalesce(f.village_code, f.town_code) like ${`${scope}%`}`)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('feedbacks as fb')
          .select('fb.id')
          .whereRef('fb.target_id', '=', 'f.target_id')
          .where(sql<boolean>`(case when t.kind = 'village' then fb.village_code is null else coalesce(fb.village_code, '') = coalesce(f.village_code, '') end)`),
      ),
    )
    .orderBy('f.number')
    .execute();
}

export async function existingItemFindings(db: Executor, findingIds: string[]): Promise<Set<string>> {
  if (findingIds.length === 0) return new Set();
  const r = await db.selectFrom('rectification_items').select('finding_id').where('finding_id', 'in', findingIds).execute();
  return new Set(r.map((x) => x.finding_id));
}

export function townOrg(db: Executor, townCode: string) {
  return db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'town').where('scope_code', '=', townCode).where('disabled', '=', false).orderBy('created_at').executeTakeFirst();
}

export function divisionName(db: Executor, code: string) {
  return db.selectFrom('divisions').select(['name', 'short_name']).where('code', '=', code).executeTakeFirst();
}

/** The town's Party secretary if the registry holds the town's cadres (cadres keyed by the town's code). */
export async function townSecretary(db: Executor, townCode: string): Promise<string | null> {
  const r = await sql<{ name: string }>`
    select name from cadres where village_code = ${townCode} and positions::text like ${'%书记%'} order by created_at limit 1`.execute(db);
  return r.rows[0]?.name ?? null;
}

export async function insertItem(tx: Tx, v: Parameters<ReturnType<Tx['insertInto']>['values']>[0] & object) {
  return tx
    .insertInto('rectification_items')
    .values(v as never)
    .onConflict((oc) => oc.column('finding_id').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export function orgById(db: Executor, id: string) {
  return db.selectFrom('organisations').select(['id', 'kind', 'name', 'scope_code', 'disabled']).where('id', '=', id).executeTakeFirst();
}

/** Organisations an item's units can name: villages of the town and departments over it. */
export function unitOptions(db: Executor, townCode: string, countyScope: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'kind', 'name', 'scope_code'])
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'village'), eb('scope_code', 'like', `${townCode}%`)]),
        eb.and([eb('kind', 'in', ['department', 'town']), eb(sql<string>`${townCode}`, 'like', sql<string>`scope_code || '%'`), eb('scope_code', 'like', `${countyScope}%`)]),
      ]),
    )
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await tx
    .insertInto('app_meta')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}
