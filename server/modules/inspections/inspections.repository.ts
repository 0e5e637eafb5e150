/** The SQL of the village inspection workspace. */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';

/** Locks the inspection row for the rest of the transaction (status changes and writes queue up). */
export async function lockInspection(tx: Tx, id: string): Promise<void> {
  await sql`select id from village_inspections where id = ${id} for update`.execute(tx);
}

export interface InspectionFilter {
  scope: string;
  /** team users: only targets of teams linked to this organisation */
  teamOrgId: string | null;
  roundId?: string | undefined;
  status?: string | undefined;
  townCode?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listInspections(db: Executor, f: InspectionFilter) {
  let q = db
    .selectFrom('village_inspections as vi')
    .innerJoin('rounds as r', 'r.id', 'vi.round_id')
    .innerJoin('round_targets as t', 't.id', 'vi.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .innerJoin('divisions as v', 'v.code', 'vi.village_code')
    .leftJoin('divisions as town', 'town.code', 'vi.town_code')
    .where('vi.village_code', 'like', `${f.scope}%`);
  if (f.teamOrgId !== null) q = q.where('tm.org_id', '=', f.teamOrgId);
  if (f.roundId) q = q.where('vi.round_id', '=', f.roundId);
  if (f.status) q = q.where('vi.status', '=', f.status);
  if (f.townCode) q = q.where('vi.town_code', '=', f.townCode);
  if (f.q) {
    const term = f.q.trim();
    q = /^[a-zA-Z]+$/.test(term)
      ? q.where('v.initials', 'like', `%${term.toLowerCase()}%`)
      : q.where((eb) => eb.or([eb('v.name', 'like', `%${term}%`), eb('vi.village_code', 'like', `${term}%`), eb('t.name', 'like', `%${term}%`)]));
  }
  const items = await q
    .select([
      'vi.id',
      'vi.round_id',
      'vi.target_id',
      'vi.village_code',
      'vi.town_code',
      'vi.status',
      'vi.completed_at',
      'v.short_name as village_name',
      'town.name as town_name',
      'r.year',
      'r.number',
      'r.on_site_policy',
      't.mode',
      't.importance',
      't.min_working_days',
      't.team_id',
      'tm.name as team_name',
    ])
    .orderBy('r.year', 'desc')
    .orderBy('r.number', 'desc')
    .orderBy('vi.village_code')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

/** Distinct on-site dates (work records ∪ done steps) per inspection. */
export async function onSiteDatesOf(db: Executor, inspectionIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (inspectionIds.length === 0) return out;
  const ids = [...inspectionIds];
  const records = await db.selectFrom('work_records').select(['inspection_id', 'date']).distinct().where('inspection_id', 'in', ids).execute();
  const steps = await db.selectFrom('inspection_steps').select(['inspection_id', 'done_on as date']).where('inspection_id', 'in', ids).execute();
  for (const r of [...records, ...steps]) {
    const list = out.get(r.inspection_id) ?? [];
    if (!list.includes(r.date)) list.push(r.date);
    out.set(r.inspection_id, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

export function stepsOf(db: Executor, inspectionId: string) {
  return db.selectFrom('inspection_steps').selectAll().where('inspection_id', '=', inspectionId).execute();
}

export function findStep(db: Executor, inspectionId: string, step: string) {
  return db.selectFrom('inspection_steps').selectAll().where('inspection_id', '=', inspectionId).where('step', '=', step).executeTakeFirst();
}

export async function upsertStep(tx: Tx, row: { inspection_id: string; step: string; done_on: string; notes: string; recorded_by: string; recorded_at: Date }) {
  return tx
    .insertInto('inspection_steps')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['inspection_id', 'step']).doUpdateSet({ done_on: row.done_on, notes: row.notes, recorded_by: row.recorded_by, recorded_at: row.recorded_at }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteStep(tx: Tx, inspectionId: string, step: string): Promise<void> {
  await tx.deleteFrom('inspection_steps').where('inspection_id', '=', inspectionId).where('step', '=', step).execute();
}

export function allRecordsOf(db: Executor, inspectionId: string) {
  return db.selectFrom('work_records').selectAll().where('inspection_id', '=', inspectionId).orderBy('date').orderBy('created_at').execute();
}

export async function pageOfRecords(db: Executor, inspectionId: string, f: { kind?: string | undefined; page: number; pageSize: number }) {
  let q = db.selectFrom('work_records as w').leftJoin('users as u', 'u.id', 'w.created_by').where('w.inspection_id', '=', inspectionId);
  if (f.kind) q = q.where('w.kind', '=', f.kind);
  const items = await q
    .selectAll('w')
    .select('u.display_name as created_by_name')
    .orderBy('w.date', 'desc')
    .orderBy('w.created_at', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export function findRecord(db: Executor, inspectionId: string, recordId: string) {
  return db
    .selectFrom('work_records as w')
    .leftJoin('users as u', 'u.id', 'w.created_by')
    .selectAll('w')
    .select('u.display_name as created_by_name')
    .where('w.inspection_id', '=', inspectionId)
    .where('w.id', '=', recordId)
    .executeTakeFirst();
}

export function findRecordById(db: Executor, recordId: string) {
  return db.selectFrom('work_records').select(['id', 'inspection_id']).where('id', '=', recordId).executeTakeFirst();
}

export interface RecordValues {
  kind: string;
  date: string;
  place: string;
  notes: string;
  people: string;
  households: string;
}

export function insertRecord(tx: Tx, row: RecordValues & { inspection_id: string; created_by: string; created_at: Date; updated_at: Date }) {
  return tx.insertInto('work_records').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateRecord(tx: Tx, id: string, values: RecordValues & { updated_at: Date }): Promise<void> {
  await tx.updateTable('work_records').set(values).where('id', '=', id).execute();
}

export async function deleteRecord(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('work_records').where('id', '=', id).execute();
}

export function checklistItemsOf(db: Executor, inspectionId: string) {
  return db
    .selectFrom('inspection_checklist_items')
    .select(['id', 'title', 'result', 'note'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('sort')
    .orderBy('created_at')
    .execute();
}

export function villageFacts(db: Executor, villageCode: string) {
  return db
    .selectFrom('divisions as v')
    .leftJoin('divisions as town', 'town.code', 'v.parent_code')
    .leftJoin('village_profiles as p', 'p.village_code', 'v.code')
    .select(['v.short_name as village_name', 'town.name as town_name', 'p.households', 'p.petitions_last_year', 'p.tags'])
    .where('v.code', '=', villageCode)
    .executeTakeFirst();
}

export async function userName(db: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name ?? null;
}

export async function updateInspection(
  tx: Tx,
  id: string,
  values: {
    status: string;
    started_at?: Date | null;
    completed_at?: Date | null;
    override_reason?: string | null;
    override_conditions?: string | null;
    overridden_by?: string | null;
    updated_at: Date;
  },
) {
  return tx
    .updateTable('village_inspections')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Other rounds' inspections of the same village, newest first. */
export function earlierInspections(db: Executor, villageCode: string, excludeRoundId: string) {
  return db
    .selectFrom('village_inspections as vi')
    .innerJoin('rounds as r', 'r.id', 'vi.round_id')
    .select(['vi.id', 'vi.status', 'vi.completed_at', 'r.year', 'r.number', 'r.start_date'])
    .where('vi.village_code', '=', villageCode)
    .where('vi.round_id', '!=', excludeRoundId)
    .orderBy('r.start_date', 'desc')
    .execute();
}

// — pre-inspection file —

/** Entries about the whole target (village_code null) or about this village. */
export function preEntriesFor(db: Executor, targetId: string, villageCode: string) {
  return db
    .selectFrom('pre_inspection_entries as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .selectAll('e')
    .select('u.display_name as created_by_name')
    .where('e.target_id', '=', targetId)
    .where((eb) => eb.or([eb('e.village_code', 'is', null), eb('e.village_code', '=', villageCode)]))
    .orderBy(sql`e.occurred_on desc nulls last`)
    .orderBy('e.created_at', 'desc')
    .execute();
}

export function findPreEntry(db: Executor, entryId: string) {
  return db
    .selectFrom('pre_inspection_entries as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .selectAll('e')
    .select('u.display_name as created_by_name')
    .where('e.id', '=', entryId)
    .executeTakeFirst();
}

export interface PreEntryValues {
  kind: string;
  title: string;
  content: string;
  occurred_on: string | null;
}

export function insertPreEntry(tx: Tx, row: PreEntryValues & { target_id: string; village_code: string | null; created_by: string; created_at: Date; updated_at: Date }) {
  return tx.insertInto('pre_inspection_entries').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updatePreEntry(tx: Tx, id: string, values: PreEntryValues & { updated_at: Date }): Promise<void> {
  await tx.updateTable('pre_inspection_entries').set(values).where('id', '=', id).execute();
}

export async function deletePreEntry(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('pre_inspection_entries').where('id', '=', id).execute();
}

/** Inspections a pre-inspection entry is shown on: its target's, limited to its village when it names one. */
export function inspectionIdsForEntry(db: Executor, targetId: string, villageCode: string | null) {
  let q = db.selectFrom('village_inspections').select('id').where('target_id', '=', targetId);
  if (villageCode) q = q.where('village_code', '=', villageCode);
  return q.execute();
}

export async function roundScopeOfTarget(db: Executor, targetId: string): Promise<string | null> {
  const r = await db
    .selectFrom('round_targets as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .select('r.scope_code')
    .where('t.id', '=', targetId)
    .executeTakeFirst();
  return r?.scope_code ?? null;
}
