/**
 * The archive test world: the reports world (town target of team A over two villages with three
 * approved findings and one draft; a village target per team) and builders that file materials the
 * way the other modules store them — steps, work records, attachments (blob + attachment rows),
 * finding materials, a transferred lead, the report and the feedback.
 */
import { createHash } from 'node:crypto';
import type { TestApp } from '../../test/harness';
import { createReportsWorld, type ReportsWorld } from '../reports/test-setup';

export { PNG, PDF } from '../inspections/test-setup';
export type { ReportsWorld };

export interface ArchiveWorld extends ReportsWorld {
  /** the town target's village inspections, v1 then v2 */
  insp: [string, string];
  v2Name: string;
}

export async function createArchiveWorld(): Promise<ArchiveWorld> {
  const w = await createReportsWorld();
  const rows = await w.t.ctx.db.selectFrom('village_inspections').select(['id', 'village_code']).where('target_id', '=', w.townTarget).orderBy('village_code').execute();
  const v2 = await w.t.ctx.db.selectFrom('divisions').select(['name', 'short_name']).where('code', '=', w.v2).executeTakeFirstOrThrow();
  return { ...w, insp: [rows[0]!.id, rows[1]!.id], v2Name: v2.short_name || v2.name };
}

export async function attach(t: TestApp, ownerKind: string, ownerId: string, fileName: string, content: Buffer, mime = 'image/png') {
  const sha256 = createHash('sha256').update(content).digest('hex');
  await t.ctx.db.insertInto('blobs').values({ sha256, size: content.length, mime, content }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  const r = await t.ctx.db.insertInto('attachments').values({ owner_kind: ownerKind, owner_id: ownerId, sha256, file_name: fileName, mime, size: content.length, uploaded_by: null }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function recordSteps(t: TestApp, inspectionId: string, steps: string[], date = '2026-11-02') {
  await t.ctx.db.insertInto('inspection_steps').values(steps.map((step) => ({ inspection_id: inspectionId, step, done_on: date, notes: '' }))).execute();
}

export async function workRecord(t: TestApp, inspectionId: string, kind: string, date: string, people: string[] = []) {
  const r = await t.ctx.db
    .insertInto('work_records')
    .values({ inspection_id: inspectionId, kind, date, place: '村委会', notes: '', people: JSON.stringify(people.map((name) => ({ name, roles: [], position: '' }))), households: '[]', created_by: null, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function material(t: TestApp, findingId: string, title: string) {
  const r = await t.ctx.db.insertInto('finding_materials').values({ finding_id: findingId, title, kind: 'document', created_by: null }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function transferredLead(t: TestApp, w: ArchiveWorld, o: { number: number; status?: string; letterNo?: string | null }) {
  const r = await t.ctx.db
    .insertInto('leads')
    .values({
      round_id: w.roundId,
      target_id: w.townTarget,
      inspection_id: w.insp[0],
      village_code: w.v1,
      town_code: w.townA,
      number: o.number,
      summary: '村会计涉嫌挪用集体资金',
      persons: JSON.stringify([{ name: '王五', position: '村会计' }]),
      authority: 'discipline',
      status: o.status ?? 'transferred',
      transfer_letter_no: o.letterNo === undefined ? '溧巡移〔2026〕1号' : o.letterNo,
      transferred_on: o.status === 'draft' ? null : '2026-11-15',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function approvedReport(t: TestApp, w: ArchiveWorld) {
  await t.ctx.db
    .insertInto('round_reports')
    .values({
      round_id: w.roundId,
      target_id: w.townTarget,
      kind: 'inspection',
      title: `关于巡察${w.townName}党组织情况的报告`,
      body: JSON.stringify([{ heading: '总体情况', paragraphs: ['巡察组进驻后开展了个别谈话和走访。'] }]),
      status: 'approved',
      heard_on: '2026-11-20',
      approved_on: '2026-11-21',
      updated_at: new Date(),
    })
    .execute();
}

export async function feedback(t: TestApp, w: ArchiveWorld, villageCode: string | null, date: string) {
  await t.ctx.db.insertInto('feedbacks').values({ round_id: w.roundId, target_id: w.townTarget, village_code: villageCode, fed_back_on: date, opinion: '总体评价', updated_at: new Date() }).execute();
}
