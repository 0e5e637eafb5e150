/**
 * Test world for the inspection workspace: 溧阳市 (320481) imported, an office, two teams, a leading
 * group and a town user; one round (2026年第2轮, in 了解) with two village targets, one per team, and
 * their village inspections. Rows are inserted directly (the planning services are not needed).
 */
import { sql } from 'kysely';
import { importCounty, townUser } from '../../test/fixtures';
import { COUNTY, insertInspection, insertRound, orgUser } from '../../test/world';

export { COUNTY, insertInspection, insertRound, orgUser, setHouseholds, setPhase } from '../../test/world';
import { createTestApp, type TestApp } from '../../test/harness';



export interface World {
  t: TestApp;
  admin: string;
  office: string;
  teamA: string;
  teamB: string;
  leading: string;
  town: string;
  teamAOrg: string;
  teamBOrg: string;
  roundId: string;
  teamAId: string;
  teamBId: string;
  villageA: string;
  villageB: string;
  townA: string;
  targetA: string;
  inspA: string;
  inspB: string;
}





export async function insertChecklist(t: TestApp, inspectionId: string, titles: string[]) {
  const rows = await t.ctx.db
    .insertInto('inspection_checklist_items')
    .values(titles.map((title, i) => ({ inspection_id: inspectionId, source: 'common', aspect: '党的建设', title, sort: i, manifestations: '[]' })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function markAll(t: TestApp, inspectionId: string) {
  await t.ctx.db.updateTable('inspection_checklist_items').set({ result: 'no_problem' }).where('inspection_id', '=', inspectionId).execute();
}

/** Villages of the county in code order (for further targets). */
export async function villages(t: TestApp): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`select code from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(t.ctx.db);
  return rows.map((r) => r.code);
}

export async function createWorld(): Promise<World> {
  const t = await createTestApp();
  const admin = await t.login('admin');
  await importCounty(t, admin, COUNTY);
  const { rows } = await sql<{ code: string; parent_code: string }>`
    select code, parent_code from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(t.ctx.db);
  const villageA = rows[0]!.code;
  const townA = rows[0]!.parent_code;
  const villageB = rows.find((r) => r.parent_code !== townA)!.code;
  const office = (await orgUser(t, admin, 'office', COUNTY, 'office1', ['office'])).cookie;
  const a = await orgUser(t, admin, 'team', COUNTY, 'teama', ['team_leader']);
  const b = await orgUser(t, admin, 'team', COUNTY, 'teamb', ['team_member']);
  const leading = (await orgUser(t, admin, 'leading_group', COUNTY, 'leader1', ['leading_group'])).cookie;
  const town = (await townUser(t, admin, townA, 'towna')).cookie;
  const roundId = await insertRound(t, { number: 2 });
  const team1 = await t.ctx.db.insertInto('teams').values({ round_id: roundId, org_id: a.orgId, name: '第一巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const team2 = await t.ctx.db.insertInto('teams').values({ round_id: roundId, org_id: b.orgId, name: '第二巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const A = await insertInspection(t, { roundId, village: villageA, teamId: team1.id });
  const B = await insertInspection(t, { roundId, village: villageB, teamId: team2.id });
  return {
    t,
    admin,
    office,
    teamA: a.cookie,
    teamB: b.cookie,
    leading,
    town,
    teamAOrg: a.orgId,
    teamBOrg: b.orgId,
    roundId,
    teamAId: team1.id,
    teamBId: team2.id,
    villageA,
    villageB,
    townA,
    targetA: A.targetId,
    inspA: A.inspectionId,
    inspB: B.inspectionId,
  };
}

export const talk = (date: string, name: string, roles: string[]) => ({ kind: 'talk', date, place: '村委会', notes: '谈话要点', people: [{ name, roles }] });
export const visit = (date: string, heads: { head: string; roles?: string[] }[]) => ({
  kind: 'visit',
  date,
  households: heads.map((h) => ({ head: h.head, address: '', roles: h.roles ?? [] })),
});

/** A tiny valid PNG (1×1). */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
/** The smallest PDF file-type recognises. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
