/** SQL of 码上巡: poster codes, the office key, reports, messages and the rate-limit log. */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';

// — poster codes —

export function findCode(db: Executor, code: string) {
  return db
    .selectFrom('public_report_codes as c')
    .innerJoin('rounds as r', 'r.id', 'c.round_id')
    .leftJoin('round_targets as t', 't.id', 'c.target_id')
    .leftJoin('teams as tm', 'tm.id', 'c.team_id')
    .select(['c.id', 'c.code', 'c.scope', 'c.round_id', 'c.target_id', 'c.team_id', 'r.year as round_year', 'r.number as round_number', 'r.phase', 'r.scope_code', 't.name as target_name', 'tm.name as team_name'])
    .where('c.code', '=', code)
    .executeTakeFirst();
}

export function codesOfRound(db: Executor, roundId: string) {
  return db
    .selectFrom('public_report_codes as c')
    .leftJoin('round_targets as t', 't.id', 'c.target_id')
    .leftJoin('teams as tm', 'tm.id', 'c.team_id')
    .select(['c.id', 'c.code', 'c.scope', 'c.target_id', 'c.team_id', 't.name as target_name', 't.code as target_code', 't.kind as target_kind', 't.team_id as target_team_id', 'tm.name as team_name', 't.sort as target_sort', 'tm.sort as team_sort'])
    .where('c.round_id', '=', roundId)
    .orderBy('c.scope') // villages first, then teams
    .orderBy(sql`coalesce(t.sort, tm.sort)`)
    .orderBy('c.code')
    .execute();
}

export function targetsOfRound(db: Executor, roundId: string) {
  return db.selectFrom('round_targets').select(['id', 'name', 'code', 'team_id', 'kind']).where('round_id', '=', roundId).orderBy('sort').orderBy('name').execute();
}

export function teamsOfRound(db: Executor, roundId: string) {
  return db.selectFrom('teams').select(['id', 'name', 'org_id']).where('round_id', '=', roundId).orderBy('sort').orderBy('name').execute();
}

export function insertCode(tx: Tx, row: { code: string; round_id: string; scope: 'target' | 'team'; target_id: string | null; team_id: string | null; created_by: string }) {
  return tx.insertInto('public_report_codes').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
}

/** Checklist aspects of a target's village inspection: the report categories besides 其他. */
export function aspectsOfTarget(db: Executor, targetId: string) {
  return db
    .selectFrom('village_inspections as vi')
    .innerJoin('inspection_checklist_items as ici', 'ici.inspection_id', 'vi.id')
    .innerJoin('checklist_items as ci', 'ci.id', 'ici.item_id')
    .innerJoin('checklist_aspects as ca', 'ca.id', 'ci.aspect_id')
    .select(['ca.id', 'ca.name', 'ca.sort'])
    .distinct()
    .where('vi.target_id', '=', targetId)
    .orderBy('ca.sort')
    .orderBy('ca.name')
    .execute();
}

// — office key —

export function activeKeyForScope(db: Executor, roundScope: string) {
  // the office whose scope covers the round; the nearest one if several
  return db
    .selectFrom('public_report_keys')
    .selectAll()
    .where('active', '=', true)
    .where(sql<boolean>`${roundScope} like scope_code || '%'`)
    .orderBy(sql`length(scope_code)`, 'desc')
    .executeTakeFirst();
}

export function activeKeyOfOrg(db: Executor, orgId: string) {
  return db.selectFrom('public_report_keys').selectAll().where('org_id', '=', orgId).where('active', '=', true).executeTakeFirst();
}

export function keyById(db: Executor, keyId: string) {
  return db.selectFrom('public_report_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();
}

// — reports —

const reportColumns = [
  'p.id',
  'p.number',
  'p.round_id',
  'p.target_id',
  'p.village_code',
  'p.inbox_kind',
  'p.inbox_team_id',
  'p.category',
  'p.category_name',
  'p.description',
  'p.anonymous',
  'p.sealed_identity',
  'p.key_id',
  'p.status',
  'p.was_accepted',
  'p.received_on',
  'p.finished_on',
  'p.merged_into',
  'p.forward_reason',
  'p.forward_body',
  'r.year as round_year',
  'r.number as round_number',
  'r.phase',
  'r.scope_code',
  't.name as target_name',
  't.team_id as target_team_id',
  'tm.name as team_name',
] as const;

function reportQuery(db: Executor) {
  return db
    .selectFrom('public_reports as p')
    .innerJoin('rounds as r', 'r.id', 'p.round_id')
    .innerJoin('round_targets as t', 't.id', 'p.target_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .select(reportColumns);
}
export type ReportRow = NonNullable<Awaited<ReturnType<ReturnType<typeof reportQuery>['executeTakeFirst']>>>;

export const findReport = (db: Executor, id: string) => reportQuery(db).where('p.id', '=', id).executeTakeFirst();
export const findReportForUpdate = (tx: Tx, id: string) => reportQuery(tx).where('p.id', '=', id).forUpdate('p').executeTakeFirst();
export const findReportByReceipt = (db: Executor, receiptHash: string) => reportQuery(db).where('p.receipt_hash', '=', receiptHash).executeTakeFirst();
export const findReportBySubmission = (db: Executor, submissionHash: string) =>
  db.selectFrom('public_reports').select(['id', 'receipt_hash', 'received_on', 'status']).where('submission_hash', '=', submissionHash).executeTakeFirst();

export interface ReportFilter {
  scope: string;
  /** a team user's teams; null for the office */
  teamIds: string[] | null;
  roundId?: string;
  status?: string;
  q?: string;
  awaiting?: boolean;
}

function filtered(db: Executor, f: ReportFilter) {
  let q = reportQuery(db).where('r.scope_code', 'like', `${f.scope}%`);
  if (f.teamIds !== null) q = f.teamIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('t.team_id', 'in', f.teamIds);
  if (f.roundId) q = q.where('p.round_id', '=', f.roundId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('p.description', 'like', like), eb('t.name', 'like', like), eb('p.category_name', 'like', like)]));
  }
  if (f.awaiting) {
    q = q.where(sql<boolean>`(select m.author from public_report_messages m where m.report_id = p.id order by m.seq desc limit 1) = 'reporter'`);
  }
  return q;
}

export async function listReports(db: Executor, f: ReportFilter, page: number, pageSize: number) {
  const base = filtered(db, f);
  const [items, count] = await Promise.all([
    base
      .select(sql<string | null>`(select m.author from public_report_messages m where m.report_id = p.id order by m.seq desc limit 1)`.as('last_author'))
      .select(sql<string>`(select count(*) from public_report_messages m where m.report_id = p.id)`.as('messages'))
      .orderBy('p.number', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, f).clearSelect().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export function insertReport(
  tx: Tx,
  row: {
    round_id: string;
    target_id: string;
    village_code: string;
    inbox_kind: 'team' | 'office';
    inbox_team_id: string | null;
    category: string;
    category_name: string;
    description: string;
    anonymous: boolean;
    sealed_identity: string | null;
    key_id: string | null;
    receipt_hash: string;
    submission_hash: string;
    received_on: string;
  },
) {
  return tx.insertInto('public_reports').values(row).returning(['id', 'number']).executeTakeFirstOrThrow();
}

export function updateReport(
  tx: Tx,
  id: string,
  set: Partial<{ status: string; was_accepted: boolean; finished_on: string | null; merged_into: string | null; forward_reason: string | null; forward_body: string | null; note: string }>,
) {
  return tx.updateTable('public_reports').set(set).where('id', '=', id).execute();
}

// — messages —

export function messagesOf(db: Executor, reportId: string) {
  return db.selectFrom('public_report_messages').selectAll().where('report_id', '=', reportId).orderBy('seq').execute();
}

export async function insertMessage(tx: Tx, row: { report_id: string; author: string; author_user_id: string | null; author_name: string; body: string; on_date: string; at: Date | null }) {
  // the report row is locked by the caller, so max(seq)+1 cannot collide
  const last = await tx.selectFrom('public_report_messages').select(sql<number>`coalesce(max(seq), 0)`.as('seq')).where('report_id', '=', row.report_id).executeTakeFirstOrThrow();
  return tx.insertInto('public_report_messages').values({ ...row, seq: Number(last.seq) + 1 }).returning(['id', 'seq']).executeTakeFirstOrThrow();
}

export async function reporterMessagesOn(db: Executor, reportId: string, day: string): Promise<number> {
  const r = await db
    .selectFrom('public_report_messages')
    .select(sql<string>`count(*)`.as('n'))
    .where('report_id', '=', reportId)
    .where('author', '=', 'reporter')
    .where('on_date', '=', day)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// — rate-limit log —

export async function rateHistory(db: Executor, policy: string, clientKey: string, clientSince: number, globalSince: number) {
  const [client, global] = await Promise.all([
    db.selectFrom('public_rate_events').select('at_ms').where('policy', '=', policy).where('client_key', '=', clientKey).where('at_ms', '>', clientSince).execute(),
    db.selectFrom('public_rate_events').select('at_ms').where('policy', '=', policy).where('at_ms', '>', globalSince).execute(),
  ]);
  return { client: client.map((r) => Number(r.at_ms)), global: global.map((r) => Number(r.at_ms)) };
}

export async function recordRateEvent(db: Executor, policy: string, clientKey: string, atMs: number, keepSince: number) {
  await db.insertInto('public_rate_events').values({ policy, client_key: clientKey, at_ms: atMs }).execute();
  // the log only needs the longest window; old rows go as new ones come
  await db.deleteFrom('public_rate_events').where('policy', '=', policy).where('at_ms', '<', keepSince).execute();
}
