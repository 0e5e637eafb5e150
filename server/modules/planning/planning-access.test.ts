import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, idNumber, importCounty, townUser } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { COUNTY, TOWN_DAITOU, V_DAITOU, V_DAIXI, V_POWEI, ok, orgUser } from './planning.test-helpers';

/**
 * Route by route: the office sees all of its county, a team only the rounds and targets of its own
 * team, a town only the schedule of its villages, another county's office nothing.
 */
const ZHAO_ID = idNumber('320481', '19800101', 17);

describe('planning access: office, own team, town schedule, other county', () => {
  let t: TestApp;
  let office: string;
  let otherOffice: string;
  let teamA: { cookie: string; orgId: string };
  let teamB: { cookie: string; orgId: string };
  let town: string;
  let r1: string;
  let r2: string;
  let targetA: string;
  let targetOther: string;
  let teamIdA: string;
  let personId: string;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin');
    await importCounty(t, admin, COUNTY);
    office = (await orgUser(t, admin, 'office', COUNTY, 'accoffice', ['office'])).cookie;
    otherOffice = (await orgUser(t, admin, 'office', '320482', 'jtoffice', ['office'])).cookie;
    teamA = await orgUser(t, admin, 'team', COUNTY, 'accteama', ['team_leader']);
    teamB = await orgUser(t, admin, 'team', COUNTY, 'accteamb', ['team_member']);
    town = (await townUser(t, admin, TOWN_DAITOU, 'acctown')).cookie;

    planId = (await ok(api(t, office, 'POST', '/api/planning/term-plans', { name: '规划', startDate: '2022-01-01', endDate: '2026-12-31' }), 201)).id;
    r1 = (await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2026, theme: '第一轮', startDate: '2026-12-01', endDate: '2026-12-31' }), 201)).id;
    r2 = (await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 2, year: 2026, theme: '第二轮', startDate: '2026-12-01', endDate: '2026-12-31' }), 201)).id;
    teamIdA = (await ok(api(t, office, 'POST', `/api/planning/rounds/${r1}/teams`, { name: '第一组', orgId: teamA.orgId }), 201)).id;
    const other = (await ok(api(t, office, 'POST', `/api/planning/rounds/${r1}/teams`, { name: '第二组' }), 201)).id;
    targetA = (await ok(api(t, office, 'POST', `/api/planning/rounds/${r1}/targets`, { kind: 'village', code: V_DAIXI, mode: 'direct', teamId: teamIdA }), 201)).id;
    targetOther = (await ok(api(t, office, 'POST', `/api/planning/rounds/${r1}/targets`, { kind: 'village', code: V_POWEI, mode: 'direct', teamId: other }), 201)).id;
    await ok(api(t, office, 'POST', `/api/planning/rounds/${r2}/targets`, { kind: 'village', code: V_DAITOU, mode: 'special' }), 201);
    personId = (await ok(api(t, office, 'POST', '/api/planning/people', { name: '赵一', idNumber: ZHAO_ID }), 201)).id;
  });
  afterAll(async () => t.close());

  it('GET /api/planning/rounds: office all, team its own, other team none, town and other county nothing', async () => {
    const labels = async (cookie: string) => (await ok(api(t, cookie, 'GET', '/api/planning/rounds'))).items.map((r: { label: string }) => r.label);
    expect(await labels(office)).toEqual(['2026年第2轮', '2026年第1轮']);
    expect(await labels(teamA.cookie)).toEqual(['2026年第1轮']);
    expect(await labels(teamB.cookie)).toEqual([]);
    expect(await labels(otherOffice)).toEqual([]);
    expect((await api(t, town, 'GET', '/api/planning/rounds')).status).toBe(404);
  });

  it('GET /api/planning/rounds/:id: a team sees only its own targets and team; others 404', async () => {
    const full = await ok(api(t, office, 'GET', `/api/planning/rounds/${r1}`));
    expect(full.targets.map((x: { id: string }) => x.id)).toEqual([targetA, targetOther]);
    expect(full.canWrite).toBe(true);
    const own = await ok(api(t, teamA.cookie, 'GET', `/api/planning/rounds/${r1}`));
    expect(own.targets.map((x: { id: string }) => x.id)).toEqual([targetA]);
    expect(own.teams.map((x: { name: string }) => x.name)).toEqual(['第一组']);
    expect(own.canWrite).toBe(false);
    for (const [cookie, id] of [
      [teamA.cookie, r2],
      [teamB.cookie, r1],
      [town, r1],
      [otherOffice, r1],
      [office, '00000000-0000-0000-0000-000000000000'],
      [office, 'not-a-uuid'],
    ] as const) {
      const r = await api(t, cookie, 'GET', `/api/planning/rounds/${id}`);
      expect(r.status, id).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('埭西');
    }
    const teams = await ok(api(t, teamA.cookie, 'GET', `/api/planning/rounds/${r1}/teams`));
    expect(teams.total).toBe(1);
    expect((await api(t, town, 'GET', `/api/planning/rounds/${r1}/teams`)).status).toBe(404);
  });

  it('refuses every planning write to a team (403), a town (403) and another county (404)', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', '/api/planning/rounds', { number: 3, year: 2026, startDate: '2026-12-01', endDate: '2026-12-31' }],
      ['PUT', `/api/planning/rounds/${r1}`, { number: 1, year: 2026, theme: 'x', startDate: '2026-12-01', endDate: '2026-12-31' }],
      ['POST', `/api/planning/rounds/${r1}/phase`, { to: 'entry' }],
      ['POST', `/api/planning/rounds/${r1}/targets`, { kind: 'village', code: V_DAITOU, mode: 'direct' }],
      ['PUT', `/api/planning/rounds/${r1}/targets/${targetA}`, { mode: 'special' }],
      ['DELETE', `/api/planning/rounds/${r1}/targets/${targetA}`, undefined],
      ['PUT', `/api/planning/rounds/${r1}/targets/${targetA}/team`, { teamId: null }],
      ['POST', `/api/planning/rounds/${r1}/teams`, { name: '第九组' }],
      ['POST', `/api/planning/rounds/${r1}/teams/${teamIdA}/members`, { personId, role: 'member' }],
      ['PUT', `/api/planning/rounds/${r1}/milestones`, { reportApprovedOn: '2026-12-30' }],
      ['POST', `/api/planning/rounds/${r1}/copy`, { number: 5, year: 2027, startDate: '2027-01-04', endDate: '2027-01-31' }],
      ['POST', '/api/planning/people', { name: '钱二' }],
      ['DELETE', `/api/planning/people/${personId}`, undefined],
      ['POST', '/api/planning/term-plans', { name: 'x', startDate: '2027-01-01', endDate: '2031-12-31' }],
    ];
    for (const [method, url, body] of writes) {
      for (const cookie of [teamA.cookie, town]) {
        const r = await api(t, cookie, method as 'POST', url, body);
        expect(r.status, `${method} ${url}`).toBe(403);
      }
    }
    for (const [method, url, body] of writes.filter(([, url]) => url.includes(r1) || url.includes(personId))) {
      const r = await api(t, otherOffice, method as 'POST', url, body);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    const still = await ok(api(t, office, 'GET', `/api/planning/rounds/${r1}`));
    expect(still.targets).toHaveLength(2);
    expect(still.phase).toBe('preparation');
  });

  it('GET /api/planning/schedule: the town sees its villages scheduled, nothing of the contents', async () => {
    const s = await ok(api(t, town, 'GET', '/api/planning/schedule'));
    expect(s.total).toBe(2);
    expect(s.items.map((i: { villageName: string; roundLabel: string }) => `${i.roundLabel}${i.villageName}`).sort()).toEqual(['2026年第1轮埭西村', '2026年第2轮埭头村']);
    expect(Object.keys(s.items[0]).sort()).toEqual(
      ['id', 'roundId', 'roundLabel', 'villageCode', 'villageName', 'townCode', 'townName', 'mode', 'modeName', 'startDate', 'endDate', 'teamName', 'status', 'statusName'].sort(),
    );
    const office2 = await ok(api(t, office, 'GET', '/api/planning/schedule'));
    expect(office2.total).toBe(3);
    expect((await ok(api(t, otherOffice, 'GET', '/api/planning/schedule'))).total).toBe(0);
    expect((await api(t, teamA.cookie, 'GET', '/api/planning/schedule')).status).toBe(403);
  });

  it('term plans and people: office only; a team sees people with masked ID numbers, the town nothing', async () => {
    expect((await ok(api(t, office, 'GET', '/api/planning/term-plans'))).total).toBe(1);
    expect((await api(t, teamA.cookie, 'GET', `/api/planning/term-plans/${planId}/coverage`)).status).toBe(404);
    expect((await api(t, town, 'GET', `/api/planning/term-plans/${planId}`)).status).toBe(404);
    expect((await api(t, otherOffice, 'GET', `/api/planning/term-plans/${planId}`)).status).toBe(404);
    expect((await ok(api(t, otherOffice, 'GET', '/api/planning/term-plans'))).total).toBe(0);

    const seen = await ok(api(t, teamA.cookie, 'GET', '/api/planning/people'));
    expect(seen.items[0].idNumber).toBe(`320481********${ZHAO_ID.slice(-4)}`);
    expect((await ok(api(t, office, 'GET', '/api/planning/people?q=赵'))).items[0].idNumber).toBe(ZHAO_ID);
    expect((await api(t, town, 'GET', '/api/planning/people')).status).toBe(404);
    expect((await api(t, otherOffice, 'GET', `/api/planning/people/${personId}`)).status).toBe(404);
    expect((await ok(api(t, otherOffice, 'GET', '/api/planning/people'))).total).toBe(0);
  });

  it('the calendar is readable by planning readers only', async () => {
    expect((await api(t, teamA.cookie, 'GET', '/api/planning/calendar?year=2026')).status).toBe(200);
    expect((await api(t, town, 'GET', '/api/planning/calendar?year=2026')).status).toBe(403);
  });
});
