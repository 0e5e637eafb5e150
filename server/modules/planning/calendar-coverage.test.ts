import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, importCounty } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { COUNTY, TOWN_DAITOU, TOWN_SHANGHUANG, V_DAITOU, V_DAIXI, V_POWEI, V_YUJIABA, ok, orgUser, setInspectionStatus } from './planning.test-helpers';

describe('the official calendar with the office’s corrections', () => {
  let t: TestApp;
  let office: string;
  let team: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin');
    await importCounty(t, admin, COUNTY);
    office = (await orgUser(t, admin, 'office', COUNTY, 'caloffice', ['office'])).cookie;
    team = (await orgUser(t, admin, 'team', COUNTY, 'calteam', ['team_member'])).cookie;
  });
  afterAll(async () => t.close());

  it('counts working days across the 2025 Spring Festival with the 调休 Sunday and Saturday worked', async () => {
    const r = await ok(api(t, office, 'GET', '/api/planning/calendar/working-days?from=2025-01-26&to=2025-02-14'));
    expect(r.workingDays).toBe(11);
    expect(r.dates.slice(0, 7)).toEqual(['2025-01-26', '2025-01-27', '2025-02-05', '2025-02-06', '2025-02-07', '2025-02-08', '2025-02-10']);
    expect(r.warnings).toEqual([]);
    // a key village entered on 2025-01-27 reaches its 10 working days on 2025-02-14
    const round = await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2025, startDate: '2025-01-27', endDate: '2025-02-28' }), 201);
    const target = await ok(api(t, office, 'POST', `/api/planning/rounds/${round.id}/targets`, { kind: 'village', code: V_DAIXI, mode: 'direct', importance: 'key' }), 201);
    expect(target.earliestFinish).toBe('2025-02-14');

    // the office declares 2025-02-10 a local rest day: the stay ends one working day later
    const set = await ok(api(t, office, 'PUT', '/api/planning/calendar/overrides/2025-02-10', { kind: 'holiday', note: '县里统一安排休息' }));
    expect(set.day).toEqual({ date: '2025-02-10', working: false, source: 'override', name: '县里统一安排休息' });
    const after = await ok(api(t, office, 'GET', `/api/planning/rounds/${round.id}`));
    expect(after.targets[0].earliestFinish).toBe('2025-02-17');
    expect((await ok(api(t, office, 'GET', '/api/planning/calendar/working-days?from=2025-01-26&to=2025-02-14'))).workingDays).toBe(10);
    await ok(api(t, office, 'DELETE', '/api/planning/calendar/overrides/2025-02-10'));
    expect((await ok(api(t, office, 'GET', `/api/planning/rounds/${round.id}`))).targets[0].earliestFinish).toBe('2025-02-14');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'planning.calendar_override').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('counts National Day 2025: 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11 worked', async () => {
    const r = await ok(api(t, office, 'GET', '/api/planning/calendar/working-days?from=2025-09-27&to=2025-10-12'));
    expect(r.dates).toEqual(['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11']);
    const year = await ok(api(t, office, 'GET', '/api/planning/calendar?year=2025'));
    expect(year.days).toHaveLength(365);
    expect(year.known).toBe(true);
    expect(year.unknownYearWarning).toBeNull();
    const day = (d: string) => year.days.find((x: { date: string }) => x.date === d);
    expect(day('2025-10-01')).toMatchObject({ working: false, source: 'statutory_holiday', name: '国庆节' });
    expect(day('2025-10-11')).toMatchObject({ working: true, source: 'adjusted_workday' });
  });

  it('warns for a year the package does not know, and lets the office fill it in', async () => {
    const y = await ok(api(t, office, 'GET', '/api/planning/calendar?year=2031'));
    expect(y.known).toBe(false);
    expect(y.unknownYearWarning).toContain('系统尚未收录 2031 年的法定节假日和调休安排');
    const jan1 = y.days.find((x: { date: string }) => x.date === '2031-01-01');
    expect(jan1).toMatchObject({ working: true, source: 'weekday' });
    await ok(api(t, office, 'PUT', '/api/planning/calendar/overrides/2031-01-01', { kind: 'holiday', note: '元旦' }));
    const again = await ok(api(t, office, 'GET', '/api/planning/calendar?year=2031'));
    expect(again.days.find((x: { date: string }) => x.date === '2031-01-01')).toMatchObject({ working: false, source: 'override', name: '元旦' });
    expect(again.overrides).toEqual([{ date: '2031-01-01', kind: 'holiday', kindName: '休息', note: '元旦' }]);
    const wd = await ok(api(t, office, 'GET', '/api/planning/calendar/working-days?from=2030-12-30&to=2031-01-02'));
    expect(wd.workingDays).toBe(3);
    expect(wd.warnings).toHaveLength(2);
    const round = await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2031, startDate: '2031-03-03', endDate: '2031-04-30' }), 201);
    expect(round.calendarWarnings).toEqual([y.unknownYearWarning]);
    const known = await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2026, startDate: '2026-03-02', endDate: '2026-04-30' }), 201);
    expect(known.calendarWarnings).toEqual([]);
  });

  it('lets only calendar.write change the calendar', async () => {
    const r = await api(t, team, 'PUT', '/api/planning/calendar/overrides/2031-01-02', { kind: 'holiday' });
    expect(r.status).toBe(403);
    const bad = await api(t, office, 'PUT', '/api/planning/calendar/overrides/2031-02-30', { kind: 'holiday' });
    expect(bad.status).toBe(400);
    const missing = await api(t, office, 'DELETE', '/api/planning/calendar/overrides/2031-03-03');
    expect(missing.status).toBe(404);
  });
});

describe('term plan coverage', () => {
  let t: TestApp;
  let office: string;
  let admin: string;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-11-22T02:00:00Z') });
    admin = await t.login('admin');
    await importCounty(t, admin, COUNTY);
    office = (await orgUser(t, admin, 'office', COUNTY, 'covoffice', ['office'])).cookie;
  });
  afterAll(async () => t.close());

  it('needs a county when the office covers more than one, and validates the term', async () => {
    const noCounty = await api(t, admin, 'POST', '/api/planning/term-plans', { name: '第十五届', startDate: '2022-01-01', endDate: '2026-12-31' });
    expect(noCounty.status).toBe(400);
    expect(noCounty.body.message).toBe('请选择区县');
    const backwards = await api(t, office, 'POST', '/api/planning/term-plans', { name: '倒置', startDate: '2026-01-01', endDate: '2022-12-31' });
    expect(backwards.status).toBe(400);
    const plan = await ok(api(t, admin, 'POST', '/api/planning/term-plans', { countyCode: COUNTY, name: '十四届县委巡察规划', startDate: '2022-01-01', endDate: '2026-12-31' }), 201);
    expect(plan).toMatchObject({ countyCode: COUNTY, countyName: '溧阳市', pace: { everyVillagePerTerm: true, minAnnualPercent: 20 } });
    planId = plan.id;
    const edited = await ok(api(t, office, 'PUT', `/api/planning/term-plans/${planId}`, { name: '十四届县委巡察工作规划', startDate: '2022-01-01', endDate: '2026-12-31', pace: { minAnnualPercent: 20 } }));
    expect(edited.version).toBe(2);
  });

  it('counts inspected, planned and not planned per town and year, and warns with the numbers', async () => {
    const r2024 = await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2024, startDate: '2024-04-01', endDate: '2024-05-31' }), 201);
    for (const code of [V_DAIXI, V_DAITOU, V_YUJIABA]) await ok(api(t, office, 'POST', `/api/planning/rounds/${r2024.id}/targets`, { kind: 'village', code, mode: 'direct' }), 201);
    await setInspectionStatus(t, r2024.id, V_DAIXI, 'completed', new Date('2024-05-10T20:00:00Z'));
    // 01:00 on 1 January 2025 in China: counts for 2025, not 2024
    await setInspectionStatus(t, r2024.id, V_DAITOU, 'completed', new Date('2024-12-31T17:00:00Z'));
    const r2026 = await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2026, startDate: '2026-12-01', endDate: '2026-12-31' }), 201);
    await ok(api(t, office, 'POST', `/api/planning/rounds/${r2026.id}/targets`, { kind: 'town', code: TOWN_SHANGHUANG, mode: 'town_with_villages', villageCodes: [V_POWEI] }), 201);
    await ok(api(t, office, 'POST', `/api/planning/rounds/${r2026.id}/targets`, { kind: 'village', code: V_DAIXI, mode: 'revisit' }), 201);

    const { coverage, today } = await ok(api(t, office, 'GET', `/api/planning/term-plans/${planId}/coverage`));
    expect(today).toBe('2026-11-22');
    expect(coverage).toMatchObject({ villages: 244, inspected: 2, planned: 2, notPlanned: 240, annualPace: 49, remaining: 242, yearsLeft: 1, capacityLeft: 49 });
    expect(coverage.warnings).toEqual(['剩余 242 个村（社区）未巡察，按每年至少 20% 的节奏，剩余 1 年最多可覆盖 49 个']);
    const year = (y: number) => coverage.years.find((x: { year: number }) => x.year === y);
    expect(year(2024)).toMatchObject({ inspected: 1, planned: 1, status: 'past', belowPace: true });
    expect(year(2025)).toMatchObject({ inspected: 1, planned: 0 });
    expect(year(2026)).toMatchObject({ inspected: 0, planned: 2, status: 'current' });
    const town = (c: string) => coverage.towns.find((x: { townCode: string }) => x.townCode === c);
    expect(town(TOWN_DAITOU)).toMatchObject({ townName: '埭头镇', villages: 8, inspected: 2, planned: 1, notPlanned: 5 });
    expect(town(TOWN_SHANGHUANG)).toMatchObject({ townName: '上黄镇', villages: 9, inspected: 0, planned: 1, notPlanned: 8 });
  });
});
