/** SQL of the 巡察公告 facts (public_notices) and what the posters read with them. */
import type { Executor, Tx } from '../../http/context';

export function roundById(db: Executor, roundId: string) {
  return db.selectFrom('rounds').select(['id', 'scope_code', 'year', 'number', 'phase', 'start_date', 'end_date']).where('id', '=', roundId).executeTakeFirst();
}

export function teamsOfRound(db: Executor, roundId: string) {
  return db.selectFrom('teams').select(['id', 'name', 'org_id', 'sort']).where('round_id', '=', roundId).orderBy('sort').orderBy('name').execute();
}

export function noticesOfRound(db: Executor, roundId: string) {
  return db.selectFrom('public_notices').selectAll().where('round_id', '=', roundId).execute();
}

export function findNotice(db: Executor, roundId: string, teamId: string) {
  return db.selectFrom('public_notices').selectAll().where('round_id', '=', roundId).where('team_id', '=', teamId).executeTakeFirst();
}

export function findNoticeForUpdate(tx: Tx, roundId: string, teamId: string) {
  return tx.selectFrom('public_notices').selectAll().where('round_id', '=', roundId).where('team_id', '=', teamId).forUpdate().executeTakeFirst();
}

export interface NoticeValues {
  phone: string;
  mailbox: string;
  email: string | null;
  reception_place: string | null;
  reception_hours: string | null;
  on_site_from: string;
  on_site_to: string;
  petition_cutoff: string;
  updated_by: string;
  updated_by_name: string;
  updated_at: Date;
}

/** Inserts the notice unless another writer got there first (then undefined: the caller reports a conflict). */
export function insertNotice(tx: Tx, roundId: string, teamId: string, v: NoticeValues) {
  return tx
    .insertInto('public_notices')
    .values({ round_id: roundId, team_id: teamId, ...v })
    .onConflict((oc) => oc.columns(['round_id', 'team_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function updateNotice(tx: Tx, id: string, version: number, v: NoticeValues) {
  return tx
    .updateTable('public_notices')
    .set({ ...v, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The notice of the team assigned to a target: what the intake's cut-off reads. */
export function noticeOfTarget(db: Executor, targetId: string) {
  return db
    .selectFrom('round_targets as t')
    .innerJoin('public_notices as n', (j) => j.onRef('n.round_id', '=', 't.round_id').onRef('n.team_id', '=', 't.team_id'))
    .select(['n.team_id', 'n.phone', 'n.mailbox', 'n.on_site_from', 'n.on_site_to', 'n.petition_cutoff'])
    .where('t.id', '=', targetId)
    .executeTakeFirst();
}

/** The county's name for the committee on the poster (the round's scope is a county code). */
export async function divisionName(db: Executor, code: string): Promise<string | null> {
  const d = await db.selectFrom('divisions').select('name').where('code', '=', code).executeTakeFirst();
  return d?.name ?? null;
}

/** Targets of a round with what their posters need: short name, team, and the target's poster code. */
export function posterTargets(db: Executor, roundId: string, targetId?: string) {
  let q = db
    .selectFrom('round_targets as t')
    .leftJoin('divisions as d', 'd.code', 't.code')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('public_report_codes as c', (j) => j.onRef('c.target_id', '=', 't.id').on('c.scope', '=', 'target'))
    .select(['t.id', 't.kind', 't.name', 't.code as division_code', 'd.short_name', 't.team_id', 'tm.name as team_name', 'c.code'])
    .where('t.round_id', '=', roundId);
  if (targetId) q = q.where('t.id', '=', targetId);
  return q.orderBy('t.sort').orderBy('t.name').execute();
}
