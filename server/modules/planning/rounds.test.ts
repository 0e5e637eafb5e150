import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, idNumber, importCounty } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import {
  COUNTY,
  TOWN_DAITOU,
  TOWN_SHANGHUANG,
  V_DAIXI,
  V_POWEI,
  V_SHUIMUSHAN,
  V_XUXI,
  giveChecklists,
  ok,
  orgUser,
  setInspectionStatus,
} from './planning.test-helpers';

const CADRE_ID = idNumber('320481', '19680315', 11);

describe('rounds: targets, teams with 回避, the phase guard, locking and copying', () => {
  let t: TestApp;
  let office: string;
  let teamOrgId: string;
  let roundId: string;
  const people: Record<string, string> = {};
  const targets: Record<string, string> = {};
  let teamId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin');
    await importCounty(t, admin, COUNTY);
    office = (await orgUser(t, admin, 'office', COUNTY, 'lyoffice', ['office'])).cookie;
    teamOrgId = (await orgUser(t, admin, 'team', COUNTY, 'lyteam1', ['team_leader'])).orgId;
    // 坡圩村's secretary, whose ID number a person below declares as his brother's
    await ok(api(t, admin, 'POST', `/api/registry/villages/${V_POWEI}/cadres`, { name: '王建国', idNumber: CADRE_ID, positions: ['书记'] }), 201);
    const person = async (key: string, body: Record<string, unknown>) => {
      people[key] = (await ok(api(t, office, 'POST', '/api/planning/people', { unit: '县委巡察办', ...body }), 201)).id;
    };
    await person('leader', { name: '周正', expertise: ['党务'] });
    await person('deputy', { name: '吴敏', expertise: ['财务'] });
    await person('homeDaitou', { name: '陈埭', homeTownCode: TOWN_DAITOU });
    await person('relative', { name: '王建军', relatives: [{ name: '王建国', idNumber: CADRE_ID, relation: '兄弟' }] });
    await person('worksShanghuang', { name: '沈上', workTownCode: TOWN_SHANGHUANG });
    await person('sameName', { name: '李同', relatives: [{ name: '王建国', relation: '配偶父母' }] });
    await person('second', { name: '孙二' });
  });
  afterAll(async () => t.close());

  it('creates a round in 准备 with the default on-site policy and steps', async () => {
    const r = await ok(api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2026, theme: '村级巡察', startDate: '2026-12-01', endDate: '2026-12-31' }), 201);
    roundId = r.id;
    expect(r).toMatchObject({ label: '2026年第1轮', phase: 'preparation', phaseName: '准备', countyCode: COUNTY, onSitePolicy: { key: 10, ordinary: 3 } });
    expect(r.steps.meeting).toBe('mandatory');
    expect(r.nextPhases).toEqual([{ phase: 'entry', name: '进驻', backward: false }]);
    const dup = await api(t, office, 'POST', '/api/planning/rounds', { number: 1, year: 2026, startDate: '2026-12-01', endDate: '2026-12-31' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('2026年第1轮已存在');
  });

  it('refuses a move the table does not have, and lists every unmet condition of 进驻', async () => {
    const jump = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/phase`, { to: 'report' });
    expect(jump.status).toBe(409);
    expect(jump.body.code).toBe('ROUND_PHASE_TRANSITION_NOT_ALLOWED');
    expect(jump.body.details.reasons).toEqual(['轮次不能从“准备”阶段转入“报告”阶段']);
    const empty = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/phase`, { to: 'entry' });
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('ROUND_PHASE_CONDITIONS_UNMET');
    expect(empty.body.details.reasons).toEqual(['尚未确定巡察对象', '尚未组建巡察组']);
  });

  it('adds village, town and department targets with their villages and earliest finish', async () => {
    const daixi = await ok(api(t, office, 'POST', `/api/planning/rounds/${roundId}/targets`, { kind: 'village', code: V_DAIXI, mode: 'direct', importance: 'key' }), 201);
    targets.daixi = daixi.id;
    expect(daixi).toMatchObject({ name: '埭西村', townName: '埭头镇', modeName: '直接巡', importanceName: '重点', minWorkingDays: 10, ownMinWorkingDays: null });
    // 2026-12-01 is a Tuesday; ten working days later with no holiday in between
    expect(daixi.earliestFinish).toBe('2026-12-14');
    expect(daixi.villages).toHaveLength(1);
    expect(daixi.villages[0]).toMatchObject({ code: V_DAIXI, status: 'not_started', statusName: '未开始' });

    targets.powei = (await ok(api(t, office, 'POST', `/api/planning/rounds/${roundId}/targets`, { kind: 'village', code: V_POWEI, mode: 'direct', minWorkingDays: 5 }), 201)).id;
    const town = await ok(
      api(t, office, 'POST', `/api/planning/rounds/${roundId}/targets`, { kind: 'town', code: TOWN_SHANGHUANG, mode: 'cross', villageCodes: [V_SHUIMUSHAN, V_XUXI] }),
      201,
    );
    targets.shanghuang = town.id;
    expect(town.villages.map((v: { code: string }) => v.code)).toEqual([V_SHUIMUSHAN, V_XUXI]);
    expect(town.minWorkingDays).toBe(3);
    expect(town.earliestFinish).toBe('2026-12-03');

    const stray = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/targets`, { kind: 'town', code: TOWN_DAITOU, mode: 'town_with_villages', villageCodes: [V_XUXI] });
    expect(stray.status).toBe(400);
    expect(stray.body.message).toContain('不属于埭头镇的村（社区）：浒西村');
    const wrongMode = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/targets`, { kind: 'village', code: V_XUXI, mode: 'department_with_villages' });
    expect(wrongMode.status).toBe(400);
    const again = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/targets`, { kind: 'village', code: V_DAIXI, mode: 'direct' });
    expect(again.status).toBe(409);
  });

  it('forms a team: one leader only, 回避 for home town, a relative who is a cadre, and the 交叉巡察 own town', async () => {
    const team = await ok(api(t, office, 'POST', `/api/planning/rounds/${roundId}/teams`, { name: '第一巡察组', orgId: teamOrgId }), 201);
    teamId = team.id;
    expect(team.orgName).toBe('lyteam1单位');
    const members = `/api/planning/rounds/${roundId}/teams/${teamId}/members`;
    await ok(api(t, office, 'POST', members, { personId: people.leader, role: 'leader' }), 201);
    const second = await api(t, office, 'POST', members, { personId: people.deputy, role: 'leader' });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain('已有组长周正');
    await ok(api(t, office, 'POST', members, { personId: people.deputy, role: 'deputy' }), 201);

    for (const id of Object.values(targets)) await ok(api(t, office, 'PUT', `/api/planning/rounds/${roundId}/targets/${id}/team`, { teamId }));

    const home = await api(t, office, 'POST', members, { personId: people.homeDaitou, role: 'member' });
    expect(home.status).toBe(409);
    expect(home.body.code).toBe('AVOIDANCE_CONFLICT');
    expect(home.body.details.reasons).toEqual(['陈埭的家乡在埭头镇，应当回避']);

    const relative = await api(t, office, 'POST', members, { personId: people.relative, role: 'member' });
    expect(relative.status).toBe(409);
    expect(relative.body.details.reasons).toEqual(['王建军的兄弟王建国是坡圩村的书记，应当回避']);

    const cross = await api(t, office, 'POST', members, { personId: people.worksShanghuang, role: 'member' });
    expect(cross.status).toBe(409);
    expect(cross.body.details.reasons).toEqual(['交叉巡察：沈上在上黄镇工作，不能巡察本镇（街道）']);

    // a relative with the same name but no ID number: allowed, with a warning to check
    const same = await ok(api(t, office, 'POST', members, { personId: people.sameName, role: 'member' }), 201);
    expect(same.warnings).toEqual(['李同申报的配偶父母“王建国”与坡圩村书记同名，缺少身份证号码，请核实']);
    expect(same.members.map((m: { name: string; roleName: string }) => `${m.roleName}${m.name}`)).toEqual(['组长周正', '副组长吴敏', '组员李同']);
  });

  it('checks 回避 when a team with a member from the town is assigned to a target', async () => {
    const team2 = await ok(api(t, office, 'POST', `/api/planning/rounds/${roundId}/teams`, { name: '第二巡察组' }), 201);
    await ok(api(t, office, 'POST', `/api/planning/rounds/${roundId}/teams/${team2.id}/members`, { personId: people.homeDaitou, role: 'member' }), 201);
    const assign = await api(t, office, 'PUT', `/api/planning/rounds/${roundId}/targets/${targets.daixi}/team`, { teamId: team2.id });
    expect(assign.status).toBe(409);
    expect(assign.body.details.reasons).toEqual(['陈埭的家乡在埭头镇，应当回避']);
    const round = await ok(api(t, office, 'GET', `/api/planning/rounds/${roundId}`));
    expect(round.targets.find((x: { id: string }) => x.id === targets.daixi).teamName).toBe('第一巡察组');
    // the same person may not serve on two teams of one round
    const twice = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/teams/${team2.id}/members`, { personId: people.leader, role: 'leader' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已编入本轮“第一巡察组”');
  });

  it('refuses 进驻 with every reason: no leader, no authorisation, no checklist, a 回避 found later', async () => {
    // the leader's home town is corrected after he joined: the guard recomputes 回避
    const leader = await ok(api(t, office, 'GET', `/api/planning/people/${people.leader}`));
    await ok(api(t, office, 'PUT', `/api/planning/people/${people.leader}`, { ...leader, id: undefined, idNumber: null, homeTownCode: TOWN_DAITOU, teams: undefined, updatedAt: undefined, homeTownName: undefined, workTownName: undefined }));
    const r = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/phase`, { to: 'entry' });
    expect(r.status).toBe(409);
    expect(r.body.details.reasons).toEqual([
      '巡察组“第一巡察组”的组长尚未取得本轮授权（一次一授权）',
      '巡察组“第二巡察组”尚未确定组长',
      '4 个村（社区）尚未制定个性化监督清单：埭西村、坡圩村、水母山村、浒西村',
      '有 1 项回避情形尚未处理：周正—埭西村',
    ]);
    expect(r.body.message).toContain('4 项条件未满足');
  });

  it('enters once the conditions are met, and then locks the round structure', async () => {
    const leader = await ok(api(t, office, 'GET', `/api/planning/people/${people.leader}`));
    await ok(api(t, office, 'PUT', `/api/planning/people/${people.leader}`, { name: leader.name, unit: leader.unit, expertise: leader.expertise, homeTownCode: null }));
    const round = await ok(api(t, office, 'GET', `/api/planning/rounds/${roundId}`));
    const team2 = round.teams.find((x: { name: string }) => x.name === '第二巡察组');
    await ok(api(t, office, 'DELETE', `/api/planning/rounds/${roundId}/teams/${team2.id}`));
    await ok(api(t, office, 'PUT', `/api/planning/rounds/${roundId}/teams/${teamId}`, { name: '第一巡察组', orgId: teamOrgId, leaderAuthorisation: { documentNumber: '溧巡〔2026〕5号', date: '2026-11-20' } }));
    await giveChecklists(t, roundId);
    const entered = await ok(api(t, office, 'POST', `/api/planning/rounds/${roundId}/phase`, { to: 'entry' }));
    expect(entered).toMatchObject({ phase: 'entry', phaseName: '进驻', onSiteWorkAllowed: true });
    expect(entered.teams[0].leaderAuthorisation).toEqual({ documentNumber: '溧巡〔2026〕5号', date: '2026-11-20' });

    const body = { number: 1, year: 2026, theme: '村级巡察', startDate: '2026-12-02', endDate: '2026-12-31' };
    const locked = await api(t, office, 'PUT', `/api/planning/rounds/${roundId}`, body);
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('ROUND_LOCKED');
    const steps = await api(t, office, 'PUT', `/api/planning/rounds/${roundId}`, { ...body, startDate: '2026-12-01', steps: { symposium: 'mandatory' } });
    expect(steps.body.code).toBe('ROUND_LOCKED');
    const theme = await ok(api(t, office, 'PUT', `/api/planning/rounds/${roundId}`, { ...body, startDate: '2026-12-01', theme: '聚焦“三资”管理' }));
    expect(theme.theme).toBe('聚焦“三资”管理');
  });

  it('refuses removing a village whose inspection has started, and going back to 准备 without a reason', async () => {
    await setInspectionStatus(t, roundId, V_XUXI, 'in_progress');
    const shrink = await api(t, office, 'PUT', `/api/planning/rounds/${roundId}/targets/${targets.shanghuang}`, { mode: 'cross', villageCodes: [V_SHUIMUSHAN] });
    expect(shrink.status).toBe(409);
    expect(shrink.body.message).toContain('浒西村的巡察已经开始');
    const del = await api(t, office, 'DELETE', `/api/planning/rounds/${roundId}/targets/${targets.shanghuang}`);
    expect(del.status).toBe(409);
    const round = await ok(api(t, office, 'GET', `/api/planning/rounds/${roundId}`));
    expect(round.targets.find((x: { id: string }) => x.id === targets.shanghuang).villages).toHaveLength(2);

    const back = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/phase`, { to: 'preparation' });
    expect(back.body.details.reasons).toEqual(['退回到之前的阶段须说明原因', '已有 1 个村（社区）开始巡察，不能退回准备阶段']);
  });

  it('walks the later phases, each refused until its fact is recorded', async () => {
    const move = (to: string) => api(t, office, 'POST', `/api/planning/rounds/${roundId}/phase`, { to });
    await ok(move('fact_finding'));
    const report = await move('report');
    expect(report.body.details.reasons).toEqual(['4 个村（社区）的巡察尚未完成：埭西村、坡圩村、水母山村、浒西村']);
    await setInspectionStatus(t, roundId, null, 'completed', new Date('2026-12-20T03:00:00Z'));
    await ok(move('report'));
    expect((await move('feedback')).body.details.reasons).toEqual(['巡察报告尚未审定（领导小组听取汇报、书记专题会研究）']);
    await ok(api(t, office, 'PUT', `/api/planning/rounds/${roundId}/milestones`, { reportApprovedOn: '2026-12-28', reportNote: '领导小组第3次会议' }));
    await ok(move('feedback'));
    expect((await move('transfer')).body.details.reasons).toEqual(['3 个巡察对象尚未反馈：埭西村、坡圩村、上黄镇']);
    for (const id of Object.values(targets)) await ok(api(t, office, 'PUT', `/api/planning/rounds/${roundId}/targets/${id}/feedback`, { feedbackOn: '2027-01-05' }));
    await ok(move('transfer'));
    await ok(move('rectification'));
    await ok(move('evaluation'));
    expect((await move('archived')).body.details.reasons).toEqual(['尚未完成整改成效评估']);
    await ok(api(t, office, 'PUT', `/api/planning/rounds/${roundId}/milestones`, { reportApprovedOn: '2026-12-28', evaluationDoneOn: '2027-06-01' }));
    const archived = await ok(move('archived'));
    expect(archived.phaseName).toBe('立卷归档');
    expect(archived.nextPhases).toEqual([]);
    const team = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/teams`, { name: '第三巡察组' });
    expect(team.body.code).toBe('ROUND_LOCKED');

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'planning.round').where('entity_id', '=', roundId).where('action', '=', 'transition').execute();
    expect(audit).toHaveLength(8);
  });

  it('copies the round as a new one: 准备, statuses reset, authorisation dropped, members kept, fresh inspections', async () => {
    const copy = await ok(
      api(t, office, 'POST', `/api/planning/rounds/${roundId}/copy`, { number: 1, year: 2027, startDate: '2027-03-01', endDate: '2027-03-31', asRevisit: true }),
      201,
    );
    expect(copy).toMatchObject({ label: '2027年第1轮', phase: 'preparation', theme: '聚焦“三资”管理', copiedFrom: roundId, reportApprovedOn: null, evaluationDoneOn: null });
    expect(copy.teams).toHaveLength(1);
    expect(copy.teams[0].leaderAuthorisation).toBeNull();
    expect(copy.teams[0].members.map((m: { name: string }) => m.name)).toEqual(['周正', '吴敏', '李同']);
    expect(copy.targets.map((x: { name: string; modeName: string; teamName: string; feedbackOn: null }) => [x.name, x.modeName, x.teamName, x.feedbackOn])).toEqual([
      ['埭西村', '回头看', '第一巡察组', null],
      ['坡圩村', '回头看', '第一巡察组', null],
      ['上黄镇', '回头看', '第一巡察组', null],
    ]);
    const villages = copy.targets.flatMap((x: { villages: { status: string; inspectionId: string }[] }) => x.villages);
    expect(villages).toHaveLength(4);
    expect(villages.every((v: { status: string }) => v.status === 'not_started')).toBe(true);
    const old = await t.ctx.db.selectFrom('village_inspections').select('id').where('round_id', '=', roundId).execute();
    expect(villages.some((v: { inspectionId: string }) => old.some((o) => o.id === v.inspectionId))).toBe(false);
    const taken = await api(t, office, 'POST', `/api/planning/rounds/${roundId}/copy`, { number: 1, year: 2027, startDate: '2027-03-01', endDate: '2027-03-31' });
    expect(taken.status).toBe(409);
  });

  it('refuses deleting a person who is on a team, naming the team', async () => {
    const r = await api(t, office, 'DELETE', `/api/planning/people/${people.deputy}`);
    expect(r.status).toBe(409);
    expect(r.body.details.reasons).toContain('吴敏是2026年第1轮“第一巡察组”的成员');
    await ok(api(t, office, 'DELETE', `/api/planning/people/${people.second}`));
  });
});
