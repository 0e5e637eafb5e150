/**
 * Reads of one target's case file. Every query is bounded by a target id the service has already
 * checked with targetForActor (team users: their own team's targets only).
 */
import type { Executor } from '../../http/context';

export function inspectionsOf(db: Executor, targetId: string) {
  return db
    .selectFrom('village_inspections as i')
    .leftJoin('divisions as d', 'd.code', 'i.village_code')
    .select(['i.id', 'i.village_code', 'd.name', 'd.short_name'])
    .where('i.target_id', '=', targetId)
    .orderBy('i.village_code')
    .execute();
}

export function stepsOf(db: Executor, inspectionIds: readonly string[]) {
  if (inspectionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('inspection_steps').select(['inspection_id', 'step', 'done_on', 'notes']).where('inspection_id', 'in', [...inspectionIds]).orderBy('done_on').orderBy('step').execute();
}

export function workRecordsOf(db: Executor, inspectionIds: readonly string[]) {
  if (inspectionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('work_records as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.inspection_id', 'r.kind', 'r.date', 'r.place', 'r.notes', 'r.people', 'r.households', 'u.display_name as author'])
    .where('r.inspection_id', 'in', [...inspectionIds])
    .orderBy('r.date')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

export function preEntriesOf(db: Executor, targetId: string) {
  return db
    .selectFrom('pre_inspection_entries')
    .select(['id', 'village_code', 'kind', 'title', 'occurred_on'])
    .where('target_id', '=', targetId)
    .orderBy('occurred_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findingsOf(db: Executor, targetId: string) {
  return db
    .selectFrom('findings as f')
    .leftJoin('users as u', 'u.id', 'f.author_id')
    .select(['f.id', 'f.number', 'f.title', 'f.status', 'f.found_on', 'f.village_code', 'f.immediate', 'f.immediate_notice_no', 'u.display_name as author'])
    .where('f.target_id', '=', targetId)
    .orderBy('f.number')
    .execute();
}

export function materialsOf(db: Executor, findingIds: readonly string[]) {
  if (findingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('finding_materials').select(['id', 'finding_id', 'title', 'kind']).where('finding_id', 'in', [...findingIds]).orderBy('sort').orderBy('created_at').orderBy('id').execute();
}

export function leadsOf(db: Executor, targetId: string) {
  return db
    .selectFrom('leads as l')
    .innerJoin('rounds as r', 'r.id', 'l.round_id')
    .leftJoin('organisations as o', 'o.id', 'l.receiving_org_id')
    .select(['l.id', 'l.number', 'l.summary', 'l.status', 'l.transfer_letter_no', 'l.transferred_on', 'r.year', 'r.number as round_number', 'o.name as receiver'])
    .where('l.target_id', '=', targetId)
    .orderBy('l.number')
    .execute();
}

export function reportOf(db: Executor, targetId: string) {
  return db.selectFrom('round_reports').select(['id', 'title', 'status', 'approved_on']).where('target_id', '=', targetId).where('kind', '=', 'inspection').executeTakeFirst();
}

export function feedbacksOf(db: Executor, targetId: string) {
  return db.selectFrom('feedbacks').select(['village_code', 'fed_back_on']).where('target_id', '=', targetId).execute();
}

/** Attachments (without bytes) of owners of one kind, oldest first; sha256 and size name the blob. */
export function attachmentsOf(db: Executor, ownerKind: string, ownerIds: readonly string[]) {
  if (ownerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select(['a.id', 'a.owner_id', 'a.file_name', 'a.size', 'a.sha256', 'a.created_at', 'u.display_name as uploader'])
    .where('a.owner_kind', '=', ownerKind)
    .where('a.owner_id', 'in', [...ownerIds])
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

/** The round's targets the actor may see (teamIds null: all), in the round's order. */
export function targetsOf(db: Executor, roundId: string, teamIds: string[] | null) {
  let q = db
    .selectFrom('round_targets as t')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .select(['t.id', 't.kind', 't.code', 't.name', 't.sort', 't.team_id', 'tm.name as team_name'])
    .where('t.round_id', '=', roundId);
  if (teamIds) q = teamIds.length === 0 ? q.where('t.id', 'is', null) : q.where('t.team_id', 'in', teamIds);
  return q.orderBy('t.sort').orderBy('t.code').orderBy('t.id').execute();
}
