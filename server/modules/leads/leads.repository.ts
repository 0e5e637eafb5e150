/** The SQL of the leads area (问题线索): the only place that reads and writes leads and lead_outcomes. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor, Tx } from '../../http/context';

export type LeadRow = Selectable<DB['leads']>;
export type OutcomeRow = Selectable<DB['lead_outcomes']>;

/** Who sees which leads: one of three views, decided by the service from the actor. */
export type LeadView =
  | { kind: 'scope'; scope: string } // office and leading group: every lead their scope covers
  | { kind: 'team'; scope: string; orgId: string } // team users: leads of their team's targets
  | { kind: 'receiver'; orgId: string }; // discipline / organisation: leads transferred to them

export interface LeadFilter {
  roundId?: string | undefined;
  status?: string | undefined;
  authority?: string | undefined;
  q?: string | undefined;
  /** leads without a report whose due date lies in [from, to] */
  due?: { from: string | null; to: string | null } | undefined;
}

function base(db: Executor, view: LeadView) {
  let q = db
    .selectFrom('leads as l')
    .innerJoin('rounds as r', 'r.id', 'l.round_id')
    .innerJoin('round_targets as t', 't.id', 'l.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('divisions as v', 'v.code', 'l.village_code')
    .leftJoin('divisions as town', 'town.code', 'l.town_code')
    .leftJoin('organisations as ro', 'ro.id', 'l.receiving_org_id');
  if (view.kind === 'receiver') q = q.where('l.receiving_org_id', '=', view.orgId);
  else {
    q = q.where(sql<boolean>`coalesce(l.village_code, l.town_code) like ${`${view.scope}%`}`);
    if (view.kind === 'team') q = q.where('tm.org_id', '=', view.orgId);
  }
  return q;
}

const COLUMNS = [
  'l.id',
  'l.round_id',
  'l.target_id',
  'l.inspection_id',
  'l.finding_id',
  'l.village_code',
  'l.town_code',
  'l.number',
  'l.summary',
  'l.evidence',
  'l.persons',
  'l.authority',
  'l.other_body',
  'l.receiving_org_id',
  'l.status',
  'l.transfer_letter_no',
  'l.transferred_on',
  'l.transferred_by',
  'l.received_on',
  'l.received_by_name',
  'l.due_on',
  'l.disposition',
  'l.disposition_on',
  'l.case_opened_on',
  'l.handling_report',
  'l.reported_on',
  'l.closed_on',
  'l.version',
  'l.created_by',
  'l.created_at',
  'l.updated_at',
  'r.year as round_year',
  'r.number as round_number',
  'v.short_name as village_name',
  'town.name as town_name',
  'ro.name as receiving_org_name',
  'tm.name as team_name',
  't.name as target_name',
] as const;

function filtered(db: Executor, view: LeadView, f: LeadFilter) {
  let q = base(db, view);
  if (f.roundId) q = q.where('l.round_id', '=', f.roundId);
  if (f.status) q = q.where('l.status', '=', f.status);
  if (f.authority) q = q.where('l.authority', '=', f.authority);
  if (f.due) {
    q = q.where('l.due_on', 'is not', null).where('l.reported_on', 'is', null);
    if (f.due.from) q = q.where('l.due_on', '>=', f.due.from);
    if (f.due.to) q = q.where('l.due_on', '<=', f.due.to);
  }
  if (f.q?.trim()) {
    const term = `%${f.q.trim()}%`;
    q = q.where((eb) =>
      eb.or([eb('l.summary', 'ilike', term), eb(sql`l.persons::text`, 'ilike', term), eb('v.name', 'like', term), eb('l.transfer_letter_no', 'ilike', term)]),
    );
  }
  return q;
}

export async function listLeads(db: Executor, view: LeadView, f: LeadFilter & { page: number; pageSize: number }) {
  const q = filtered(db, view, f);
  const [items, total] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy('r.year', 'desc')
      .orderBy('r.number', 'desc')
      .orderBy('l.number', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type LeadListRow = Awaited<ReturnType<typeof listLeads>>['items'][number];

/** Every lead of a view (for the ledger); bounded by the caller's filter. */
export function allLeads(db: Executor, view: LeadView, f: LeadFilter) {
  return filtered(db, view, f).select(COLUMNS).orderBy('r.year').orderBy('r.number').orderBy('l.number').execute();
}

export function findLead(db: Executor, view: LeadView, id: string) {
  return base(db, view).select(COLUMNS).where('l.id', '=', id).executeTakeFirst();
}

/** Counts for the summary: per status, and the deadline windows among unreported transferred leads. */
export async function countLeads(db: Executor, view: LeadView, f: LeadFilter, today: string, soonTo: string) {
  const row = await filtered(db, view, f)
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`count(*) filter (where l.status = 'draft')`.as('draft'),
      sql<number>`count(*) filter (where l.status = 'transferred')`.as('transferred'),
      sql<number>`count(*) filter (where l.status = 'received')`.as('received'),
      sql<number>`count(*) filter (where l.status = 'disposed')`.as('disposed'),
      sql<number>`count(*) filter (where l.status = 'closed')`.as('closed'),
      sql<number>`count(*) filter (where l.due_on is not null and l.reported_on is null and l.due_on < ${today})`.as('overdue'),
      sql<number>`count(*) filter (where l.due_on is not null and l.reported_on is null and l.due_on >= ${today} and l.due_on <= ${soonTo})`.as('due_soon'),
      sql<number>`count(*) filter (where l.case_opened_on is not null)`.as('cases'),
    ])
    .executeTakeFirstOrThrow();
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Record<keyof typeof row, number>;
}

export async function lockLead(tx: Tx, id: string): Promise<void> {
  await sql`select id from leads where id = ${id} for update`.execute(tx);
}

/**
 * The next number of a round's leads, the round locked so two creations cannot take the same one:
 * one more than any number ever given, so a deleted draft's number (perhaps on a printed preview) is not reused.
 */
export async function nextLeadNumber(tx: Tx, roundId: string): Promise<number> {
  await sql`select id from rounds where id = ${roundId} for update`.execute(tx);
  const counter = await tx.selectFrom('lead_numbers').select('last_number').where('round_id', '=', roundId).executeTakeFirst();
  const max = await tx.selectFrom('leads').select(sql<number | null>`max(number)`.as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow();
  const next = Math.max(counter?.last_number ?? 0, Number(max.n ?? 0)) + 1;
  await tx
    .insertInto('lead_numbers')
    .values({ round_id: roundId, last_number: next })
    .onConflict((oc) => oc.column('round_id').doUpdateSet({ last_number: next }))
    .execute();
  return next;
}

export function insertLead(tx: Tx, values: Insertable<DB['leads']>) {
  return tx.insertInto('leads').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateLead(tx: Tx, id: string, values: Updateable<DB['leads']>) {
  return tx
    .updateTable('leads')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteLead(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('leads').where('id', '=', id).execute();
}

export function outcomesOf(db: Executor, leadId: string) {
  return db.selectFrom('lead_outcomes').selectAll().where('lead_id', '=', leadId).orderBy('decided_on').orderBy('created_at').execute();
}

export function countOutcomes(db: Executor, leadId: string) {
  return db.selectFrom('lead_outcomes').select(sql<number>`count(*)`.as('n')).where('lead_id', '=', leadId).executeTakeFirstOrThrow();
}

export function insertOutcome(tx: Tx, values: Insertable<DB['lead_outcomes']>) {
  return tx.insertInto('lead_outcomes').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findOutcome(db: Executor, leadId: string, id: string) {
  return db.selectFrom('lead_outcomes').selectAll().where('lead_id', '=', leadId).where('id', '=', id).executeTakeFirst();
}

export async function deleteOutcome(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('lead_outcomes').where('id', '=', id).execute();
}

// — what a lead is made from: targets, inspections, findings, cadres, organisations —

export function targetWithTeam(db: Executor, targetId: string) {
  return db
    .selectFrom('round_targets as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .select(['t.id', 't.round_id', 't.kind', 't.code', 't.town_code', 'tm.org_id as team_org_id', 'r.scope_code as round_scope', 'r.phase'])
    .where('t.id', '=', targetId)
    .executeTakeFirst();
}

export function inspectionById(db: Executor, id: string) {
  return db.selectFrom('village_inspections').select(['id', 'target_id', 'village_code', 'town_code', 'round_id']).where('id', '=', id).executeTakeFirst();
}

/** The village inspection of a target for one village (a town target reaches several). */
export function inspectionOf(db: Executor, targetId: string, villageCode: string) {
  return db.selectFrom('village_inspections').select(['id']).where('target_id', '=', targetId).where('village_code', '=', villageCode).executeTakeFirst();
}

export function findingById(db: Executor, id: string) {
  return db
    .selectFrom('findings')
    .select(['id', 'round_id', 'target_id', 'inspection_id', 'village_code', 'town_code', 'title', 'description', 'responsible', 'number'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function cadresByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('cadres').select(['id', 'name', 'village_code', 'positions']).where('id', 'in', ids).execute();
}

export function organisationById(db: Executor, id: string) {
  return db.selectFrom('organisations').select(['id', 'kind', 'name', 'scope_code', 'disabled']).where('id', '=', id).executeTakeFirst();
}

// — the setting —

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

export function historyOf(db: Executor, leadId: string) {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_name', 'action', 'after', 'before'])
    .where('entity', '=', 'leads.lead')
    .where('entity_id', '=', leadId)
    .orderBy('seq')
    .execute();
}

export function userWithOrg(db: Executor, id: string | null) {
  if (!id) return Promise.resolve(undefined);
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.display_name', 'o.name as org_name'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** Leads of a round still with the team (drafts, and returned ones, which go back to draft): not yet transferred. */
export async function countNotTransferred(db: Executor, roundId: string): Promise<number> {
  const r = await db.selectFrom('leads').select(sql<number>`count(*)::int`.as('n')).where('round_id', '=', roundId).where('status', '=', 'draft').executeTakeFirstOrThrow();
  return Number(r.n);
}
