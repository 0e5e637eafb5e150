/**
 * Test world for checklists: 溧阳市 (320481) imported, a county office, two teams, a leading group;
 * one round in 准备 with two village targets (one per team) and their village inspections. Rounds,
 * targets and inspections are inserted directly: the planning services are not needed here.
 */
import { sql } from 'kysely';
import { DEFAULT_STEP_CONFIG } from '../../../domain/inspections/steps';
import { api, importCounty } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';

export const COUNTY = '320481';

export async function orgUser(t: TestApp, admin: string, kind: string, scopeCode: string, username: string, roles: string[]) {
  const org = await api(t, admin, 'POST', '/api/access/organisations', { kind, name: `${username}单位`, scopeCode });
  if (org.status !== 201) throw new Error(`org ${username}: ${JSON.stringify(org.body)}`);
  const user = await api(t, admin, 'POST', '/api/access/users', { username, displayName: `${username}姓名`, orgId: org.body.id, roles, password: 'Work@12345' });
  if (user.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(user.body)}`);
  await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
  return { cookie: await t.login(username, 'Work@12345'), orgId: org.body.id as string };
}

export async function setPhase(t: TestApp, roundId: string, phase: string) {
  await t.ctx.db.updateTable('rounds').set({ phase }).where('id', '=', roundId).execute();
}

export async function insertInspection(t: TestApp, roundId: string, village: string, teamId: string | null) {
  const v = await t.ctx.db.selectFrom('divisions').select(['name', 'parent_code']).where('code', '=', village).executeTakeFirstOrThrow();
  const now = new Date();
  const target = await t.ctx.db
    .insertInto('round_targets')
    .values({ round_id: roundId, kind: 'village', code: village, name: v.name, town_code: v.parent_code, mode: 'direct', team_id: teamId, min_working_days: null, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const insp = await t.ctx.db
    .insertInto('village_inspections')
    .values({
      round_id: roundId,
      target_id: target.id,
      village_code: village,
      town_code: v.parent_code!,
      checklist_ready_at: null,
      started_at: null,
      completed_at: null,
      override_reason: null,
      override_conditions: null,
      overridden_by: null,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return insp.id;
}

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
  const round = await t.ctx.db
    .insertInto('rounds')
    .values({
      scope_code: COUNTY,
      number: 2,
      year: 2026,
      start_date: '2026-12-01',
      end_date: '2026-12-31',
      phase: 'preparation',
      on_site_policy: JSON.stringify({ key: 10, ordinary: 3 }),
      steps: JSON.stringify(DEFAULT_STEP_CONFIG),
      copied_from: null,
      term_plan_id: null,
      report_approved_on: null,
      evaluation_done_on: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const team1 = await t.ctx.db.insertInto('teams').values({ round_id: round.id, org_id: a.orgId, name: '第一巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const team2 = await t.ctx.db.insertInto('teams').values({ round_id: round.id, org_id: b.orgId, name: '第二巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const inspA = await insertInspection(t, round.id, villageA, team1.id);
  const inspB = await insertInspection(t, round.id, villageB, team2.id);
  return { t, admin, office, teamA: a.cookie, teamB: b.cookie, leading, roundId: round.id, villageA, villageB, inspA, inspB };
}
