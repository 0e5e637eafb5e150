/**
 * SQL of 三色预警, to-do entries and the office's interventions. Item visibility reuses the items
 * module's view (a town sees its own items, a team its targets' items).
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';
import type { ItemView } from '../rectification/items.repository';

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The item filter of a view, on an `i` alias of rectification_items joined with `tm` (teams). */
function viewSql(view: ItemView) {
  const scope = sql<boolean>`coalesce(i.village_code, i.town_code) like ${`${view.scope}%`}`;
  return view.kind === 'team' ? sql<boolean>`(${scope} and tm.org_id = ${view.orgId})` : scope;
}

// — the job —

/** Open items with a due date on or before `until` (further off items get no alert yet). */
export function openItemsDueBy(db: Executor, until: string) {
  return db
    .selectFrom('rectification_items')
    .select(['id', 'status', 'due_on', 'town_code', 'village_code', 'responsible_org_id', 'responsible_unit_name', 'responsible_leader', 'handler', 'lead_unit'])
    .where('status', '<>', 'closed')
    .where('due_on', 'is not', null)
    .where('due_on', '<=', until)
    .orderBy('due_on')
    .execute();
}
export type JobItem = Awaited<ReturnType<typeof openItemsDueBy>>[number];

export function sentAlerts(db: Executor, itemIds: string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('rectification_alerts').select(['item_id', 'level', 'due_on']).where('item_id', 'in', itemIds).execute();
}

/** Inserts the alert unless its key exists; the new id, or null when another run sent it. */
export async function insertAlert(tx: Tx, row: { item_id: string; level: string; due_on: string; days_left: number; key: string; recipients: unknown[]; created_at: Date }): Promise<string | null> {
  const out = await tx
    .insertInto('rectification_alerts')
    .values({ ...row, recipients: JSON.stringify(row.recipients) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return out?.id ?? null;
}

export function activeUsersOf(db: Executor, orgIds: string[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name', 'org_id']).where('org_id', 'in', orgIds).where('disabled', '=', false).execute();
}

/** The town Party committee's organisations by town code (an item's fallback unit). */
export function townOrgs(db: Executor, townCodes: string[]) {
  if (townCodes.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'name', 'scope_code']).where('kind', '=', 'town').where('disabled', '=', false).where('scope_code', 'in', townCodes).execute();
}

export function orgsById(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'name', 'kind', 'scope_code']).where('id', 'in', ids).where('disabled', '=', false).execute();
}

export async function insertTodos(tx: Tx, rows: { user_id: string; item_id: string; alert_id: string | null; intervention_id: string | null; created_at: Date }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const out = await tx.insertInto('rectification_todos').values(rows).onConflict((oc) => oc.doNothing()).returning('id').execute();
  return out.length;
}

// — the board —

export interface BoardFilter {
  roundId?: string | undefined;
  townCode?: string | undefined;
  q?: string | undefined;
}

/** Date bounds of the levels for today: red due < today; yellow ≤ yellowUntil; green ≤ greenUntil. */
export interface LevelBounds {
  today: string;
  yellowUntil: string;
  greenUntil: string;
}

const levelSql = (b: LevelBounds) =>
  sql<string>`case when i.due_on < ${b.today} then 'red' when i.due_on <= ${b.yellowUntil} then 'yellow' else 'green' end`;

function boardBase(db: Executor, view: ItemView, f: BoardFilter, b: LevelBounds) {
  let q = db
    .selectFrom('rectification_items as i')
    .innerJoin('findings as f', 'f.id', 'i.finding_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .innerJoin('round_targets as t', 't.id', 'i.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('divisions as dt', 'dt.code', 'i.town_code')
    .leftJoin('divisions as dv', 'dv.code', 'i.village_code')
    .where(viewSql(view))
    .where('i.status', '<>', 'closed')
    .where('i.due_on', 'is not', null)
    .where('i.due_on', '<=', b.greenUntil);
  if (f.roundId) q = q.where('i.round_id', '=', f.roundId);
  if (f.townCode) q = q.where('i.town_code', '=', f.townCode);
  if (f.q) q = q.where(sql<boolean>`(f.title like ${like(f.q)} or i.responsible_unit_name like ${like(f.q)} or i.handler like ${like(f.q)})`);
  return q;
}

export async function board(db: Executor, view: ItemView, f: BoardFilter, b: LevelBounds, level: string | undefined, page: number, pageSize: number) {
  const lv = levelSql(b);
  const base = boardBase(db, view, f, b);
  const leveled = level ? base.where(sql<boolean>`${lv} = ${level}`) : base;
  const items = await leveled
    .select([
      'i.id',
      'i.number',
      'i.round_id',
      'i.status',
      'i.kind',
      'i.due_on',
      'i.town_code',
      'i.village_code',
      'i.responsible_unit_name',
      'i.responsible_leader',
      'i.handler',
      'i.lead_unit',
      'f.title as finding_title',
      'r.year as round_year',
      'r.number as round_number',
    ])
    .select(lv.as('alert_level'))
    .select(sql<string | null>`coalesce(nullif(dt.short_name, ''), dt.name)`.as('town_name'))
    .select(sql<string | null>`coalesce(nullif(dv.short_name, ''), dv.name)`.as('village_name'))
    .select(sql<string | null>`(select a.level from rectification_alerts a where a.item_id = i.id and a.due_on = i.due_on order by case a.level when 'red' then 3 when 'yellow' then 2 else 1 end desc limit 1)`.as('sent_level'))
    .select(sql<string>`(select count(*) from rectification_intervention_items x where x.item_id = i.id)`.as('interventions'))
    .orderBy('i.due_on')
    .orderBy('i.number')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await leveled.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  // counts per town and level ignore the level filter: the board shows every colour
  const towns = await base
    .select(['i.town_code'])
    .select(sql<string | null>`max(coalesce(nullif(dt.short_name, ''), dt.name))`.as('town_name'))
    .select(lv.as('alert_level'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    // by the output alias: the expression carries bind parameters, which would not match a repeated copy
    .groupBy(['i.town_code', sql`alert_level`])
    .orderBy('i.town_code')
    .execute();
  return { items, total: Number(total.n), towns };
}
export type BoardRow = Awaited<ReturnType<typeof board>>['items'][number];

// — to-do —

function todoBase(db: Executor, userId: string) {
  return db
    .selectFrom('rectification_todos as td')
    .innerJoin('rectification_items as i', 'i.id', 'td.item_id')
    .innerJoin('findings as f', 'f.id', 'i.finding_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .leftJoin('rectification_alerts as a', 'a.id', 'td.alert_id')
    .leftJoin('rectification_interventions as iv', 'iv.id', 'td.intervention_id')
    .leftJoin('divisions as dt', 'dt.code', 'i.town_code')
    .leftJoin('divisions as dv', 'dv.code', 'i.village_code')
    .where('td.user_id', '=', userId);
}

export async function todos(db: Executor, userId: string, unreadOnly: boolean, page: number, pageSize: number) {
  const base = unreadOnly ? todoBase(db, userId).where('td.read_at', 'is', null) : todoBase(db, userId);
  const items = await base
    .select([
      'td.id',
      'td.read_at',
      'td.created_at',
      'td.alert_id',
      'td.intervention_id',
      'i.id as item_id',
      'i.number',
      'i.status',
      'i.due_on as item_due_on',
      'f.title as finding_title',
      'r.year as round_year',
      'r.number as round_number',
      'a.level',
      'a.due_on',
      'a.days_left',
      'a.recipients',
      'iv.kind as intervention_kind',
      'iv.content as intervention_content',
      'iv.created_by_name',
    ])
    .select(sql<string | null>`coalesce(nullif(dt.short_name, ''), dt.name)`.as('town_name'))
    .select(sql<string | null>`coalesce(nullif(dv.short_name, ''), dv.name)`.as('village_name'))
    .orderBy(sql`td.read_at is null`, 'desc')
    .orderBy('td.created_at', 'desc')
    .orderBy('td.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const unread = await todoBase(db, userId).where('td.read_at', 'is', null).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n), unread: Number(unread.n) };
}
export type TodoRow = Awaited<ReturnType<typeof todos>>['items'][number];

export async function markRead(tx: Tx, userId: string, ids: string[] | 'all', at: Date): Promise<number> {
  let q = tx.updateTable('rectification_todos').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const out = await q.returning('id').execute();
  return out.length;
}

export function findTodo(db: Executor, userId: string, id: string) {
  return db.selectFrom('rectification_todos').select(['id', 'read_at', 'item_id']).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

// — interventions —

export interface InterventionFilter {
  itemId?: string | undefined;
  roundId?: string | undefined;
  kind?: string | undefined;
}

export async function interventions(db: Executor, view: ItemView, f: InterventionFilter, page: number, pageSize: number) {
  // an intervention is listed when one of its items is visible (and matches the item or round asked for)
  let visible = db
    .selectFrom('rectification_intervention_items as x')
    .innerJoin('rectification_items as i', 'i.id', 'x.item_id')
    .innerJoin('round_targets as t', 't.id', 'i.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .select('x.intervention_id')
    .where(viewSql(view));
  if (f.itemId) visible = visible.where('i.id', '=', f.itemId);
  if (f.roundId) visible = visible.where('i.round_id', '=', f.roundId);
  let base = db.selectFrom('rectification_interventions as v').where('v.id', 'in', visible);
  if (f.kind) base = base.where('v.kind', '=', f.kind);
  const items = await base
    .selectAll('v')
    .orderBy('v.happened_on', 'desc')
    .orderBy('v.created_at', 'desc')
    .orderBy('v.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export function interventionItems(db: Executor, view: ItemView, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rectification_intervention_items as x')
    .innerJoin('rectification_items as i', 'i.id', 'x.item_id')
    .innerJoin('findings as f', 'f.id', 'i.finding_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .innerJoin('round_targets as t', 't.id', 'i.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .select(['x.intervention_id', 'i.id', 'i.number', 'r.year as round_year', 'r.number as round_number', 'f.title as finding_title'])
    .where('x.intervention_id', 'in', ids)
    .where(viewSql(view))
    .orderBy('i.number')
    .execute();
}

/** Items by id within the view (the ones an intervention may link). */
export function visibleItems(db: Executor, view: ItemView, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rectification_items as i')
    .innerJoin('round_targets as t', 't.id', 'i.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .select(['i.id', 'i.status', 'i.town_code', 'i.village_code', 'i.responsible_org_id'])
    .where('i.id', 'in', ids)
    .where(viewSql(view))
    .execute();
}
