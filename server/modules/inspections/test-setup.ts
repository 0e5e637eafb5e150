/**
 * Test world for the inspection workspace: 溧阳市 (320481) imported, an office, two teams, a leading
 * group and a town user; one round (2026年第2轮, in 了解) with two village targets, one per team, and
 * their village inspections. Rows are inserted directly (the planning services are not needed).
 */
import { sql } from 'kysely';
import { DEFAULT_STEP_CONFIG, type StepConfig } from '../../../domain/inspections/steps';
import { api, importCounty, townUser } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';

export const COUNTY = '320481';

export async function orgUser(t: TestApp, admin: string, kind: string, scopeCode: string, username: string, roles: string[]) {
  const org = await api(t, admin, 'POST', '/api/access/organisations', { kind, name: `${username}单位`, scopeCode });
  if (org.status !== 201) throw new Error(`org ${username}: ${JSON.stringify(org.body)}`);
  const user = await api(t, admin, 'POST', '/api/access/users', { username, displayName: `${username}姓名`, orgId: org.body.id, roles, password: 'Work@12345' });
  if (user.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(user.body)}`);
  await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
  return { cookie: await t.login(username, 'Work@12345'), orgId: org.body.id as string, userId: user.body.user.id as string };
}

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

export async function setHouseholds(t: TestApp, village: string, households: number | null, extra: { petitions?: number; tags?: string[] } = {}) {
  await t.ctx.db
    .insertInto('village_profiles')
    .values({ village_code: village, tags: JSON.stringify(extra.tags ?? []), households, petitions_last_year: extra.petitions ?? null, party_members: null, population: null })
    .onConflict((oc) => oc.column('village_code').doUpdateSet({ households, petitions_last_year: extra.petitions ?? null, tags: JSON.stringify(extra.tags ?? []) }))
    .execute();
}

export async function setPhase(t: TestApp, roundId: string, phase: string) {
  await t.ctx.db.updateTable('rounds').set({ phase }).where('id', '=', roundId).execute();
}

export async function insertRound(t: TestApp, o: { number: number; year?: number; phase?: string; steps?: Partial<StepConfig> }) {
  const r = await t.ctx.db
    .insertInto('rounds')
    .values({
      scope_code: COUNTY,
      number: o.number,
      year: o.year ?? 2026,
      theme: '',
      start_date: `${o.year ?? 2026}-09-01`,
      end_date: `${o.year ?? 2026}-12-31`,
      phase: o.phase ?? 'fact_finding',
      on_site_policy: JSON.stringify({ key: 10, ordinary: 3 }),
      steps: JSON.stringify({ ...DEFAULT_STEP_CONFIG, ...o.steps }),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertInspection(
  t: TestApp,
  o: { roundId: string; village: string; teamId: string | null; importance?: 'key' | 'ordinary'; minWorkingDays?: number | null; status?: string; completedAt?: Date },
) {
  const v = await t.ctx.db.selectFrom('divisions').select(['name', 'parent_code']).where('code', '=', o.village).executeTakeFirstOrThrow();
  const target = await t.ctx.db
    .insertInto('round_targets')
    .values({
      round_id: o.roundId,
      kind: 'village',
      code: o.village,
      name: v.name,
      town_code: v.parent_code,
      mode: 'direct',
      importance: o.importance ?? 'ordinary',
      min_working_days: o.minWorkingDays ?? null,
      team_id: o.teamId,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const insp = await t.ctx.db
    .insertInto('village_inspections')
    .values({
      round_id: o.roundId,
      target_id: target.id,
      village_code: o.village,
      town_code: v.parent_code!,
      status: o.status ?? 'not_started',
      completed_at: o.completedAt ?? null,
      checklist_ready_at: null,
      started_at: null,
      override_reason: null,
      override_conditions: null,
      overridden_by: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { targetId: target.id, inspectionId: insp.id };
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
