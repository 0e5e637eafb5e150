/**
 * Test world for checklists: 溧阳市 (320481) imported, a county office, two teams, a leading group;
 * one round in 准备 with two village targets (one per team) and their village inspections. Rounds,
 * targets and inspections are inserted directly: the planning services are not needed here.
 */
import { sql } from 'kysely';
import { api, importCounty } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { COUNTY, insertInspection, insertRound, orgUser } from '../../test/world';

export { COUNTY, orgUser, setPhase } from '../../test/world';




/** Sets a village's tags through the registry API, as an office would. */
export async function setTags(t: TestApp, cookie: string, village: string, tags: string[]) {
  const v = await api(t, cookie, 'GET', `/api/registry/villages/${village}`);
  if (v.status !== 200) throw new Error(`village ${village}: ${JSON.stringify(v.body)}`);
  const p = v.body.profile;
  const r = await api(t, cookie, 'PUT', `/api/registry/villages/${village}/profile`, { ...p, tags, version: p.version });
  if (r.status !== 200) throw new Error(`profile ${village}: ${JSON.stringify(r.body)}`);
}

export interface World {
  t: TestApp;
  admin: string;
  office: string;
  teamA: string;
  teamB: string;
  leading: string;
  roundId: string;
  villageA: string;
  villageB: string;
  inspA: string;
  inspB: string;
}

export async function createWorld(): Promise<World> {
  const t = await createTestApp();
  const admin = await t.login('admin');
  await importCounty(t, admin, COUNTY);
  const { rows } = await sql<{ code: string; parent_code: string }>`
    select code, parent_code from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(t.ctx.db);
  const villageA = rows[0]!.code;
  const villageB = rows.find((r) => r.parent_code !== rows[0]!.parent_code)!.code;
  const office = (await orgUser(t, admin, 'office', COUNTY, 'office1', ['office'])).cookie;
  const a = await orgUser(t, admin, 'team', COUNTY, 'teama', ['team_leader']);
  const b = await orgUser(t, admin, 'team', COUNTY, 'teamb', ['team_member']);
  const leading = (await orgUser(t, admin, 'leading_group', COUNTY, 'leader1', ['leading_group'])).cookie;
  const round = { id: await insertRound(t, { number: 2, phase: 'preparation', startDate: '2026-12-01' }) };
  const team1 = await t.ctx.db.insertInto('teams').values({ round_id: round.id, org_id: a.orgId, name: '第一巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const team2 = await t.ctx.db.insertInto('teams').values({ round_id: round.id, org_id: b.orgId, name: '第二巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const inspA = (await insertInspection(t, { roundId: round.id, village: villageA, teamId: team1.id })).inspectionId;
  const inspB = (await insertInspection(t, { roundId: round.id, village: villageB, teamId: team2.id })).inspectionId;
  return { t, admin, office, teamA: a.cookie, teamB: b.cookie, leading, roundId: round.id, villageA, villageB, inspA, inspB };
}
