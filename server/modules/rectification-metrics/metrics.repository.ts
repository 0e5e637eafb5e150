/**
 * SQL of 整改成效: the records behind the three rates (rectification items, transfer items, rating
 * answers) under the caller's item view, and the drill-down lists with the same conditions as the
 * domain's definitions (domain/rectification/metrics.ts), so a number and its list cannot disagree;
 * the evaluation model per office and the evaluations per round and town.
 *
 * Where records sit: an item at its village (or its town for a town-level finding); a transfer item at
 * its finding's village or town, or at the round's own scope when it has no finding (then it counts
 * for the round but for no town); a rating answer at its item.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor, Tx } from '../../http/context';
import type { ItemView } from '../rectification/items.repository';

export interface PlaceFilter {
  roundId?: string | undefined;
  townCode?: string | undefined;
  villageCode?: string | undefined;
}

/** The day after asOf at 00:00 in China: answers created before it were given by asOf. */
export const endOfChinaDay = (asOf: string): Date => new Date(new Date(`${asOf}T00:00:00+08:00`).getTime() + 86_400_000);

/** A town's code given as the "village": the town's own records (a town-level finding has no village). */
const townLevel = (code: string) => code.length === 9;

const and = (parts: RawBuilder<boolean>[]) => (parts.length ? sql<boolean>`${sql.join(parts, sql` and `)}` : sql<boolean>`true`);

/** Items (alias i, with t = round_targets, tm = teams) the view sees under the filter. */
function itemWhere(view: ItemView, f: PlaceFilter): RawBuilder<boolean> {
  const parts = [sql<boolean>`coalesce(i.village_code, i.town_code) like ${`${view.scope}%`}`];
  if (view.kind === 'team') parts.push(sql<boolean>`tm.org_id = ${view.orgId}`);
  if (f.roundId) parts.push(sql<boolean>`i.round_id = ${f.roundId}`);
  if (f.townCode) parts.push(sql<boolean>`i.town_code = ${f.townCode}`);
  if (f.villageCode) parts.push(townLevel(f.villageCode) ? sql<boolean>`(i.village_code is null and i.town_code = ${f.villageCode})` : sql<boolean>`i.village_code = ${f.villageCode}`);
  return and(parts);
}

const ITEM_FROM = sql`rectification_items i
  join round_targets t on t.id = i.target_id
  left join teams tm on tm.id = t.team_id`;

/** Transfer items (alias x, f = findings, ft = its target, ftm = its team, r = rounds) the view sees. */
function transferWhere(view: ItemView, f: PlaceFilter): RawBuilder<boolean> {
  const parts = [sql<boolean>`coalesce(f.village_code, f.town_code, r.scope_code) like ${`${view.scope}%`}`];
  if (view.kind === 'team') parts.push(sql<boolean>`ftm.org_id = ${view.orgId}`);
  if (f.roundId) parts.push(sql<boolean>`x.round_id = ${f.roundId}`);
  if (f.townCode) parts.push(sql<boolean>`f.town_code = ${f.townCode}`);
  if (f.villageCode) parts.push(townLevel(f.villageCode) ? sql<boolean>`(f.village_code is null and f.town_code = ${f.villageCode})` : sql<boolean>`f.village_code = ${f.villageCode}`);
  return and(parts);
}

const TRANSFER_FROM = sql`transfer_items x
  join rounds r on r.id = x.round_id
  left join findings f on f.id = x.finding_id
  left join round_targets ft on ft.id = f.target_id
  left join teams ftm on ftm.id = ft.team_id`;

// — facts for the rates —

export interface ItemFact {
  id: string;
  round_id: string;
  town_code: string;
  village_code: string | null;
  kind: string;
  deadline: string | null;
  closed_on: string | null;
}

export async function itemFacts(db: Executor, view: ItemView, f: PlaceFilter): Promise<ItemFact[]> {
  const { rows } = await sql<ItemFact>`
    select i.id, i.round_id, i.town_code, i.village_code, i.kind, i.deadline::text as deadline, i.closed_on::text as closed_on
    from ${ITEM_FROM} where ${itemWhere(view, f)}`.execute(db);
  return rows;
}

export interface TransferFact {
  id: string;
  round_id: string;
  town_code: string | null;
  village_code: string | null;
  sent_on: string | null;
  completed_on: string | null;
  due_on: string | null;
}

export async function transferFacts(db: Executor, view: ItemView, f: PlaceFilter): Promise<TransferFact[]> {
  const { rows } = await sql<TransferFact>`
    select x.id, x.round_id, f.town_code, f.village_code, x.sent_on::text as sent_on, x.completed_on::text as completed_on, x.due_on::text as due_on
    from ${TRANSFER_FROM} where ${transferWhere(view, f)}`.execute(db);
  return rows;
}

export interface RatingFact {
  id: string;
  item_id: string;
  round_id: string;
  town_code: string;
  village_code: string | null;
  answer: string;
  category: string;
  created_at: Date;
}

export async function ratingFacts(db: Executor, view: ItemView, f: PlaceFilter): Promise<RatingFact[]> {
  const { rows } = await sql<RatingFact>`
    select a.id, a.item_id, i.round_id, i.town_code, i.village_code, a.answer, p.category, a.created_at
    from rating_answers a
    join rating_representatives p on p.id = a.representative_id
    join ${ITEM_FROM} on i.id = a.item_id
    where ${itemWhere(view, f)}`.execute(db);
  return rows;
}

// — drill-down lists (same conditions as domain/rectification/metrics.ts) —

export type ItemClass = 'due' | 'on_time' | 'late' | 'open';
export type TransferClass = 'transferred' | 'completed' | 'pending';
export type RatingClass = 'all' | 'satisfied' | 'unsatisfied';

function itemClassSql(c: ItemClass, asOf: string): RawBuilder<boolean> {
  const closed = sql<boolean>`(i.closed_on is not null and i.closed_on <= ${asOf}::date)`;
  const due = sql<boolean>`(i.kind <> 'long_term' and i.deadline is not null and (i.deadline <= ${asOf}::date or ${closed}))`;
  switch (c) {
    case 'due':
      return due;
    case 'on_time':
      return sql<boolean>`(${due} and ${closed} and i.closed_on <= i.deadline)`;
    case 'late':
      return sql<boolean>`(${due} and ${closed} and i.closed_on > i.deadline)`;
    case 'open':
      return sql<boolean>`(${due} and not ${closed})`;
  }
}

const placeNames = sql`coalesce(nullif(dt.short_name, ''), dt.name) as town_name, coalesce(nullif(dv.short_name, ''), dv.name) as village_name`;

export interface ItemRecordRow {
  id: string;
  round_id: string;
  round_year: number;
  round_number: number;
  number: number;
  title: string;
  kind: string;
  status: string;
  town_code: string;
  village_code: string | null;
  town_name: string | null;
  village_name: string | null;
  responsible_unit_name: string;
  measures: string;
  deadline: string | null;
  closed_on: string | null;
}

export async function itemRecords(db: Executor, view: ItemView, f: PlaceFilter, c: ItemClass, asOf: string, page: { page: number; pageSize: number }) {
  const where = sql<boolean>`${itemWhere(view, f)} and ${itemClassSql(c, asOf)}`;
  const { rows } = await sql<ItemRecordRow>`
    select i.id, i.round_id, r.year as round_year, r.number as round_number, i.number, fd.title, i.kind, i.status, i.town_code, i.village_code, ${placeNames},
      i.responsible_unit_name, i.measures, i.deadline::text as deadline, i.closed_on::text as closed_on
    from ${ITEM_FROM}
    join rounds r on r.id = i.round_id
    join findings fd on fd.id = i.finding_id
    left join divisions dt on dt.code = i.town_code
    left join divisions dv on dv.code = i.village_code
    where ${where}
    order by r.year desc, r.number desc, i.number
    limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`.execute(db);
  const total = await sql<{ n: string }>`select count(*) as n from ${ITEM_FROM} where ${where}`.execute(db);
  return { rows, total: Number(total.rows[0]?.n ?? 0) };
}

export interface TransferRecordRow {
  id: string;
  round_id: string;
  round_year: number;
  round_number: number;
  title: string;
  department_name: string | null;
  town_code: string | null;
  village_code: string | null;
  town_name: string | null;
  village_name: string | null;
  sent_on: string | null;
  due_on: string | null;
  completed_on: string | null;
  result: string;
}

function transferClassSql(c: TransferClass, asOf: string): RawBuilder<boolean> {
  const transferred = sql<boolean>`(x.sent_on is not null and x.sent_on <= ${asOf}::date)`;
  const completed = sql<boolean>`(x.completed_on is not null and x.completed_on <= ${asOf}::date)`;
  if (c === 'transferred') return transferred;
  if (c === 'completed') return sql<boolean>`(${transferred} and ${completed})`;
  return sql<boolean>`(${transferred} and not ${completed})`;
}

export async function transferRecords(db: Executor, view: ItemView, f: PlaceFilter, c: TransferClass, asOf: string, page: { page: number; pageSize: number }) {
  const where = sql<boolean>`${transferWhere(view, f)} and ${transferClassSql(c, asOf)}`;
  const { rows } = await sql<TransferRecordRow>`
    select x.id, x.round_id, r.year as round_year, r.number as round_number, x.title, o.name as department_name, f.town_code, f.village_code, ${placeNames},
      x.sent_on::text as sent_on, x.due_on::text as due_on, x.completed_on::text as completed_on, x.result
    from ${TRANSFER_FROM}
    left join organisations o on o.id = x.department_org_id
    left join divisions dt on dt.code = f.town_code
    left join divisions dv on dv.code = f.village_code
    where ${where}
    order by x.sent_on, x.created_at, x.id
    limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`.execute(db);
  const total = await sql<{ n: string }>`select count(*) as n from ${TRANSFER_FROM} where ${where}`.execute(db);
  return { rows, total: Number(total.rows[0]?.n ?? 0) };
}

export interface RatingRecordRow {
  id: string;
  item_id: string;
  round_year: number;
  round_number: number;
  number: number;
  title: string;
  town_code: string;
  village_code: string | null;
  town_name: string | null;
  village_name: string | null;
  answer: string;
  category: string;
  comment: string;
  created_at: Date;
}

export async function ratingRecords(db: Executor, view: ItemView, f: PlaceFilter, c: RatingClass, asOf: string, page: { page: number; pageSize: number }) {
  const parts = [itemWhere(view, f), sql<boolean>`a.created_at < ${endOfChinaDay(asOf)}`];
  if (c === 'satisfied') parts.push(sql<boolean>`a.answer <> 'unsatisfied'`);
  if (c === 'unsatisfied') parts.push(sql<boolean>`a.answer = 'unsatisfied'`);
  const where = and(parts);
  const from = sql`rating_answers a
    join rating_representatives p on p.id = a.representative_id
    join ${ITEM_FROM} on i.id = a.item_id`;
  const { rows } = await sql<RatingRecordRow>`
    select a.id, a.item_id, r.year as round_year, r.number as round_number, i.number, fd.title, i.town_code, i.village_code, ${placeNames},
      a.answer, p.category, a.comment, a.created_at
    from ${from}
    join rounds r on r.id = i.round_id
    join findings fd on fd.id = i.finding_id
    left join divisions dt on dt.code = i.town_code
    left join divisions dv on dv.code = i.village_code
    where ${where}
    order by r.year desc, r.number desc, i.number, a.created_at, a.id
    limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`.execute(db);
  const total = await sql<{ n: string }>`select count(*) as n from ${from} where ${where}`.execute(db);
  return { rows, total: Number(total.rows[0]?.n ?? 0) };
}

// — names and options —

export async function roundsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('rounds').select(['id', 'year', 'number', 'scope_code']).where('id', 'in', ids).execute();
}

export async function roundById(db: Executor, id: string) {
  return db.selectFrom('rounds').select(['id', 'year', 'number', 'scope_code', 'phase']).where('id', '=', id).executeTakeFirst();
}

export async function divisionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.short_name || r.name]));
}

/** Rounds, towns and villages that have items the view sees (the filters' options). */
export async function placesOf(db: Executor, view: ItemView, f: PlaceFilter) {
  const { rows } = await sql<{ round_id: string; town_code: string; village_code: string | null }>`
    select distinct i.round_id, i.town_code, i.village_code from ${ITEM_FROM} where ${itemWhere(view, { roundId: f.roundId })}`.execute(db);
  return rows;
}

/** The towns of a round's targets (a town target, or the town of a village target). */
export async function roundTowns(db: Executor, roundId: string): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`
    select distinct case when kind = 'town' then code else town_code end as code from round_targets
    where round_id = ${roundId} and (kind = 'town' or town_code is not null)
    union select distinct town_code as code from rectification_items where round_id = ${roundId}
    order by code`.execute(db);
  return rows.map((r) => r.code).filter(Boolean);
}

/** The town's feedback date as the plans module defines it: its town target's, else the first of its village targets'. */
export async function townFeedbackOn(db: Executor, roundId: string, townCode: string): Promise<string | null> {
  const { rows } = await sql<{ kind: string; feedback_on: string | null }>`
    select kind, feedback_on::text as feedback_on from round_targets
    where round_id = ${roundId} and ((kind = 'town' and code = ${townCode}) or (kind <> 'town' and town_code = ${townCode}))`.execute(db);
  const town = rows.find((r) => r.kind === 'town');
  if (town) return town.feedback_on;
  const dates = rows.map((r) => r.feedback_on).filter((d): d is string => Boolean(d)).sort();
  return dates[0] ?? null;
}

export function planOf(db: Executor, roundId: string, townCode: string) {
  return db.selectFrom('rectification_plans').select(['status', 'submitted_on', 'accepted_on', 'content']).where('round_id', '=', roundId).where('town_code', '=', townCode).executeTakeFirst();
}

export function townReportOf(db: Executor, roundId: string, townCode: string) {
  return db
    .selectFrom('rectification_town_reports')
    .select(['submitted_on', 'content', 'leader_implementation'])
    .where('round_id', '=', roundId)
    .where('town_code', '=', townCode)
    .executeTakeFirst();
}

/** Items of a round and town with what the evaluation and the report need. */
export async function townItems(db: Executor, roundId: string, townCode: string) {
  const { rows } = await sql<{
    id: string;
    number: number;
    title: string;
    village_code: string | null;
    village_name: string | null;
    kind: string;
    status: string;
    responsible_unit_name: string;
    responsible_leader: string;
    lead_unit_name: string;
    measures: string;
    deadline: string | null;
    closed_on: string | null;
    returned: boolean;
    last_report: string | null;
  }>`
    select i.id, i.number, fd.title, i.village_code, coalesce(nullif(dv.short_name, ''), dv.name) as village_name, i.kind, i.status,
      i.responsible_unit_name, i.responsible_leader, coalesce(i.lead_unit->>'name', '') as lead_unit_name, i.measures,
      i.deadline::text as deadline, i.closed_on::text as closed_on,
      exists (select 1 from rectification_item_events e where e.item_id = i.id and e.action = 'return') as returned,
      (select e.comment from rectification_item_events e where e.item_id = i.id and e.action = 'report_progress' order by e.n desc limit 1) as last_report
    from rectification_items i
    join findings fd on fd.id = i.finding_id
    left join divisions dv on dv.code = i.village_code
    where i.round_id = ${roundId} and i.town_code = ${townCode}
    order by i.number`.execute(db);
  return rows;
}

// — the evaluation model and evaluations —

export async function officeOver(db: Executor, scopeCode: string) {
  const { rows } = await sql<{ id: string; name: string; scope_code: string }>`
    select id, name, scope_code from organisations
    where kind = 'office' and disabled = false and ${scopeCode} like scope_code || '%'
    order by length(scope_code) desc, created_at limit 1`.execute(db);
  return rows[0] ?? null;
}

export function modelOf(db: Executor, orgId: string) {
  return db.selectFrom('rectification_evaluation_models').select(['model']).where('org_id', '=', orgId).executeTakeFirst();
}

export async function saveModel(tx: Tx, orgId: string, model: unknown, by: string, at: Date) {
  const json = JSON.stringify(model);
  await tx
    .insertInto('rectification_evaluation_models')
    .values({ org_id: orgId, model: json, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ model: json, updated_by: by, updated_at: at }))
    .execute();
}

export function evaluationsOfRound(db: Executor, roundId: string) {
  return db.selectFrom('rectification_evaluations').selectAll().where('round_id', '=', roundId).execute();
}

export function findEvaluation(db: Executor, roundId: string, townCode: string) {
  return db.selectFrom('rectification_evaluations').selectAll().where('round_id', '=', roundId).where('town_code', '=', townCode).executeTakeFirst();
}

export function lockEvaluation(tx: Tx, roundId: string, townCode: string) {
  return tx.selectFrom('rectification_evaluations').selectAll().where('round_id', '=', roundId).where('town_code', '=', townCode).forUpdate().executeTakeFirst();
}

export type EvaluationRow = NonNullable<Awaited<ReturnType<typeof findEvaluation>>>;

export async function insertEvaluation(tx: Tx, v: Omit<Parameters<ReturnType<Tx['insertInto']>['values']>[0], never> & object) {
  return tx
    .insertInto('rectification_evaluations')
    .values(v as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateEvaluation(tx: Tx, id: string, set: Record<string, unknown>) {
  return tx
    .updateTable('rectification_evaluations')
    .set({ ...set, version: sql`version + 1` } as never)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Items of the round and town on which the office recorded a 约谈 or 问责 for fake rectification. */
export async function fakeItemCount(db: Executor, roundId: string, townCode: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(distinct ii.item_id) as n from rectification_intervention_items ii
    join rectification_interventions v on v.id = ii.intervention_id
    join rectification_items i on i.id = ii.item_id
    where v.ground = 'fake' and i.round_id = ${roundId} and i.town_code = ${townCode}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
