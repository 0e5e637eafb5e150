/**
 * The reports test world: the inspection world (office, two teams, leading group, town user, a round
 * with one village target per team) plus a town target of team A reaching two villages of its town,
 * approved findings on it (and one draft), and a department organisation with a user.
 */
import { sql } from 'kysely';
import type { TestApp } from '../../test/harness';
import { COUNTY, orgUser } from '../../test/world';
import { createWorld, type World } from '../inspections/test-setup';

export { setPhase } from '../../test/world';

export interface ReportsWorld extends World {
  townTarget: string;
  townName: string;
  v1: string;
  v2: string;
  v1Name: string;
  /** A village of the county the town target does not reach. */
  outside: string;
  department: string;
  departmentOrgId: string;
  approved: string[];
  draft: string;
}

let numbers = 0;
export async function insertFinding(t: TestApp, o: { roundId: string; targetId: string; inspectionId: string | null; village: string | null; town: string; status: string; category?: string; amount?: string | null; title?: string }) {
  numbers += 1;
  const row = await t.ctx.db
    .insertInto('findings')
    .values({
      round_id: o.roundId,
      target_id: o.targetId,
      inspection_id: o.inspectionId,
      village_code: o.village,
      town_code: o.town,
      number: numbers,
      category: o.category ?? 'leadership',
      title: o.title ?? `问题${numbers}`,
      description: `问题${numbers}的具体表现`,
      amount: o.amount ?? null,
      responsible: JSON.stringify([{ name: '王五', position: '村会计' }]),
      source: 'record_review',
      found_on: '2026-11-10',
      status: o.status,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createReportsWorld(): Promise<ReportsWorld> {
  const w = await createWorld();
  const { t } = w;
  const { rows } = await sql<{ code: string; name: string }>`
    select code, coalesce(nullif(short_name, ''), name) as name from divisions where parent_code = ${w.townA} and level = 5 order by code`.execute(t.ctx.db);
  const v1 = rows[1]!.code;
  const v2 = rows[2]!.code;
  const town = await t.ctx.db.selectFrom('divisions').select(['name', 'short_name']).where('code', '=', w.townA).executeTakeFirstOrThrow();
  const townName = town.short_name || town.name;
  const target = await t.ctx.db
    .insertInto('round_targets')
    .values({ round_id: w.roundId, kind: 'town', code: w.townA, name: townName, town_code: w.townA, mode: 'direct', team_id: w.teamAId, min_working_days: null, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const insp: string[] = [];
  for (const v of [v1, v2]) {
    const r = await t.ctx.db
      .insertInto('village_inspections')
      .values({ round_id: w.roundId, target_id: target.id, village_code: v, town_code: w.townA, status: 'completed', checklist_ready_at: null, started_at: null, completed_at: null, override_reason: null, override_conditions: null, overridden_by: null, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    insp.push(r.id);
  }
  const base = { roundId: w.roundId, targetId: target.id, town: w.townA };
  const approved = [
    await insertFinding(t, { ...base, inspectionId: insp[0]!, village: v1, status: 'approved', amount: '36800.50', title: '集体资金支出未经民主决策' }),
    await insertFinding(t, { ...base, inspectionId: insp[0]!, village: v1, status: 'approved', category: 'party_building', title: '三会一课记录不全' }),
    await insertFinding(t, { ...base, inspectionId: insp[1]!, village: v2, status: 'approved', amount: '1200', title: '误工补贴发放不规范' }),
  ];
  const draft = await insertFinding(t, { ...base, inspectionId: insp[1]!, village: v2, status: 'draft', title: '尚在草稿的问题' });
  const outside = (await sql<{ code: string }>`select code from divisions where county_code = ${COUNTY} and level = 5 and parent_code <> ${w.townA} order by code limit 1`.execute(t.ctx.db)).rows[0]!.code;
  const dept = await orgUser(t, w.admin, 'department', COUNTY, 'minzheng', ['department']);
  return { ...w, townTarget: target.id, townName, v1, v2, v1Name: rows[1]!.name, outside, department: dept.cookie, departmentOrgId: dept.orgId, approved, draft };
}
