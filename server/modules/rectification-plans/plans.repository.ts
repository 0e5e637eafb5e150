/** The only SQL of the rectification plans: plans, their reviews, the town reports and village feedback. */
import { sql, type Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor, Tx } from '../../http/context';

export type PlanRow = Selectable<DB['rectification_plans']>;
export type PlanReviewRow = Selectable<DB['rectification_plan_reviews']>;
export type TownReportRow = Selectable<DB['rectification_town_reports']>;
export type VillageFeedbackRow = Selectable<DB['rectification_village_feedbacks']>;
export type RoundRow = Selectable<DB['rounds']>;

export const findRound = (db: Executor, id: string) => db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();

/** Rounds with village inspections inside `scope` (newest first), optionally only those where the org has a team. */
export async function listRounds(db: Executor, scope: string, teamOrgId: string | null, page: { page: number; pageSize: number }) {
  let q = db
    .selectFrom('rounds')
    .where((eb) => eb.exists(eb.selectFrom('village_inspections').select('village_inspections.id').whereRef('village_inspections.round_id', '=', 'rounds.id').where('village_inspections.village_code', 'like', `${scope}%`)));
  if (teamOrgId) q = q.where((eb) => eb.exists(eb.selectFrom('teams').select('teams.id').whereRef('teams.round_id', '=', 'rounds.id').where('teams.org_id', '=', teamOrgId)));
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll('rounds')
    .orderBy('rounds.year', 'desc')
    .orderBy('rounds.number', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total };
}

/** The round's town and village targets with the town each belongs to. */
export function roundTargets(db: Executor, roundId: string) {
  return db
    .selectFrom('round_targets')
    .select(['id', 'kind', 'code', 'town_code', 'feedback_on', 'team_id'])
    .where('round_id', '=', roundId)
    .where('kind', 'in', ['town', 'village'])
    .execute();
}

/** The villages the round reaches in each town (from its village inspections). */
export function roundVillages(db: Executor, roundId: string) {
  return db.selectFrom('village_inspections').select(['village_code', 'town_code']).distinct().where('round_id', '=', roundId).orderBy('village_code').execute();
}

export async function divisionNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const list = [...new Set(codes)];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('code', 'in', list).execute();
  return new Map(rows.map((r) => [r.code, r.short_name || r.name]));
}

export function teamIdsOf(db: Executor, roundId: string, orgId: string) {
  return db.selectFrom('teams').select('id').where('round_id', '=', roundId).where('org_id', '=', orgId).execute();
}

// — plans —

export const plansOfRound = (db: Executor, roundId: string) => db.selectFrom('rectification_plans').selectAll().where('round_id', '=', roundId).execute();

export function findPlan(db: Executor, roundId: string, townCode: string, lock = false) {
  let q = db.selectFrom('rectification_plans').selectAll().where('round_id', '=', roundId).where('town_code', '=', townCode);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const findPlanById = (db: Executor, id: string) => db.selectFrom('rectification_plans').selectAll().where('id', '=', id).executeTakeFirst();

export function insertPlan(tx: Tx, v: { round_id: string; town_code: string; content: string; created_by: string; updated_at: Date }) {
  return tx.insertInto('rectification_plans').values(v).returningAll().executeTakeFirstOrThrow();
}

export function updatePlan(tx: Tx, id: string, set: Partial<Pick<PlanRow, 'status' | 'content' | 'submission_no' | 'submitted_on' | 'accepted_on'>> & { updated_at: Date }) {
  return tx
    .updateTable('rectification_plans')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function reviewsOf(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([] as PlanReviewRow[]);
  return db.selectFrom('rectification_plan_reviews').selectAll().where('plan_id', 'in', planIds).orderBy('at').orderBy('id').execute();
}

export function insertReview(tx: Tx, v: { plan_id: string; submission_no: number; reviewer: string; decision: string; comment: string; actor_id: string; actor_name: string; at: Date }) {
  return tx.insertInto('rectification_plan_reviews').values(v).returningAll().executeTakeFirstOrThrow();
}

// — town reports —

export const reportsOfRound = (db: Executor, roundId: string) => db.selectFrom('rectification_town_reports').selectAll().where('round_id', '=', roundId).execute();

export const findReport = (db: Executor, roundId: string, townCode: string) =>
  db.selectFrom('rectification_town_reports').selectAll().where('round_id', '=', roundId).where('town_code', '=', townCode).executeTakeFirst();

export const findReportById = (db: Executor, id: string) => db.selectFrom('rectification_town_reports').selectAll().where('id', '=', id).executeTakeFirst();

export function upsertReport(tx: Tx, v: { round_id: string; town_code: string; submitted_on: string; content: string; leader_implementation: string; created_by: string; updated_at: Date }) {
  return tx
    .insertInto('rectification_town_reports')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['round_id', 'town_code']).doUpdateSet({ submitted_on: v.submitted_on, content: v.content, leader_implementation: v.leader_implementation, updated_at: v.updated_at }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

// — village feedback —

export const villageFeedbacksOfRound = (db: Executor, roundId: string) =>
  db.selectFrom('rectification_village_feedbacks').selectAll().where('round_id', '=', roundId).orderBy('village_code').execute();

export const findVillageFeedback = (db: Executor, roundId: string, villageCode: string) =>
  db.selectFrom('rectification_village_feedbacks').selectAll().where('round_id', '=', roundId).where('village_code', '=', villageCode).executeTakeFirst();

export function upsertVillageFeedback(
  tx: Tx,
  v: { round_id: string; town_code: string; village_code: string; fed_back_on: string; attendees: string; content: string; created_by: string; updated_at: Date },
) {
  return tx
    .insertInto('rectification_village_feedbacks')
    .values(v)
    .onConflict((oc) => oc.columns(['round_id', 'village_code']).doUpdateSet({ fed_back_on: v.fed_back_on, attendees: v.attendees, content: v.content, updated_at: v.updated_at }))
    .returningAll()
    .executeTakeFirstOrThrow();
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
