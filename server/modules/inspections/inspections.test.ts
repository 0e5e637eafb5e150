import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import {
  createWorld,
  insertChecklist,
  insertInspection,
  insertRound,
  markAll,
  setHouseholds,
  setPhase,
  talk,
  villages,
  visit,
  type World,
} from './test-setup';

describe('village inspection workspace: steps, records, days, visits, talks, completion', () => {
  let w: World;
  let pool: string[];
  let next = 10;
  /** a fresh inspection of team A in the world's round, on a village of its own */
  const fresh = async (o: { households?: number | null; importance?: 'key' | 'ordinary'; minWorkingDays?: number } = {}) => {
    const village = pool[next++]!;
    if (o.households !== undefined) await setHouseholds(w.t, village, o.households);
    const { inspectionId } = await insertInspection(w.t, { roundId: w.roundId, village, teamId: w.teamAId, importance: o.importance, minWorkingDays: o.minWorkingDays });
    return inspectionId;
  };
  const ws = async (id: string, cookie = w.teamA) => {
    const r = await api(w.t, cookie, 'GET', `/api/inspections/${id}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    w = await createWorld();
    pool = await villages(w.t);
  });
  afterAll(async () => w.t.close());

  it('shows a new inspection with every enabled step, nothing done and the blockers to finish', async () => {
    await setHouseholds(w.t, w.villageA, 42, { petitions: 3 });
    const b = await ws(w.inspA);
    expect(b.inspection).toMatchObject({ status: 'not_started', statusName: '未开始', villageCode: w.villageA, households: 42, minWorkingDays: 3, override: null, version: 1 });
    expect(b.round).toMatchObject({ number: 2, year: 2026, phase: 'fact_finding', phaseName: '了解', onSiteWorkAllowed: true });
    expect(b.team).toMatchObject({ name: '第一巡察组' });
    expect(b.target).toMatchObject({ mode: 'direct', modeName: '直接巡', importance: 'ordinary', importanceName: '一般' });
    expect(b.steps.map((s: { name: string }) => s.name)).toEqual(['见面沟通', '进驻动员会', '听取汇报', '个别谈话', '召开座谈会', '查阅资料', '受理信访', '集中反馈']);
    expect(b.steps.filter((s: { requirement: string }) => s.requirement === 'mandatory')).toHaveLength(5);
    expect(b.days).toEqual({ dates: [], workingDays: 0, minimum: 3 });
    expect(b.visits).toEqual({ visited: 0, quota: 5, percent: 10 });
    expect(b.checklist).toEqual({ total: 0, noProblem: 0, problemFound: 0, notChecked: 0 });
    expect(b.blockers).toContain('尚未制定监督清单');
    expect(b.canWork).toBe(true);
    expect(b.canOverride).toBe(false);
    const asOffice = await ws(w.inspA, w.office);
    expect(asOffice.canWork).toBe(true);
  });

  it('the first step starts the inspection; a step can be corrected and undone', async () => {
    const id = await fresh({ households: 20 });
    const put = await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/meeting`, { doneOn: '2026-11-02', notes: '与镇村干部见面' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ step: 'meeting', name: '见面沟通', requirement: 'mandatory', doneOn: '2026-11-02', notes: '与镇村干部见面' });
    let b = await ws(id);
    expect(b.inspection.status).toBe('in_progress');
    expect(b.inspection.startedAt).not.toBeNull();
    expect(b.days.dates).toEqual(['2026-11-02']);
    await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/meeting`, { doneOn: '2026-11-03' });
    b = await ws(id);
    expect(b.steps.find((s: { step: string }) => s.step === 'meeting')).toMatchObject({ doneOn: '2026-11-03', notes: '' });
    const del = await api(w.t, w.teamA, 'DELETE', `/api/inspections/${id}/steps/meeting`);
    expect(del.status).toBe(200);
    b = await ws(id);
    expect(b.steps.find((s: { step: string }) => s.step === 'meeting').doneOn).toBeNull();
    expect((await api(w.t, w.teamA, 'DELETE', `/api/inspections/${id}/steps/meeting`)).status).toBe(404);
    const audit = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', 'like', `${id}%`).orderBy('seq').execute();
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual([
      'inspections.inspection:start',
      'inspections.step:create',
      'inspections.step:update',
      'inspections.step:delete',
    ]);
  });

  it('refuses a step the round does not have, an unknown step and a date in the future', async () => {
    const roundId = await insertRound(w.t, { number: 3, steps: { symposium: 'disabled' } });
    const { inspectionId } = await insertInspection(w.t, { roundId, village: pool[5]!, teamId: null });
    const r = await api(w.t, w.office, 'PUT', `/api/inspections/${inspectionId}/steps/symposium`, { doneOn: '2026-11-02' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'INSPECTION_STEP_DISABLED', message: '本轮巡察不设“召开座谈会”环节' });
    const b = await ws(inspectionId, w.office);
    expect(b.steps.map((s: { step: string }) => s.step)).not.toContain('symposium');
    expect(b.inspection.status).toBe('not_started');
    expect((await api(w.t, w.office, 'PUT', `/api/inspections/${inspectionId}/steps/dance`, { doneOn: '2026-11-02' })).status).toBe(400);
    const future = await api(w.t, w.office, 'PUT', `/api/inspections/${inspectionId}/steps/meeting`, { doneOn: '2026-11-23' });
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('不能晚于今天');
  });

  it('refuses every write while the round is not in 进驻 or 了解', async () => {
    const id = await fresh();
    const rec = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, talk('2026-11-02', '王大爷', ['old_party_member']));
    expect(rec.status).toBe(201);
    for (const phase of ['preparation', 'report', 'archived']) {
      await setPhase(w.t, w.roundId, phase);
      const attempts = [
        await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/meeting`, { doneOn: '2026-11-02' }),
        await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, talk('2026-11-02', '李奶奶', ['low_income'])),
        await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/records/${rec.body.id}`, talk('2026-11-03', '王大爷', ['old_party_member'])),
        await api(w.t, w.teamA, 'DELETE', `/api/inspections/${id}/records/${rec.body.id}`),
      ];
      for (const a of attempts) {
        expect(a.status, phase).toBe(409);
        expect(a.body.code).toBe('ROUND_LOCKED');
        expect(a.body.message).toContain('只有在进驻、了解阶段才能记录村级巡察工作');
      }
      const b = await ws(id);
      expect(b.canWork).toBe(false);
      const done = await api(w.t, w.office, 'POST', `/api/inspections/${id}/transition`, { to: 'completed', override: { reason: '特殊情况，经巡察办研究同意完成本村巡察' } });
      expect(done.status).toBe(409);
      expect(done.body.details.reasons).toContain('本轮巡察不在进驻或了解阶段，不能开展村级巡察工作');
    }
    await setPhase(w.t, w.roundId, 'entry');
    expect((await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/meeting`, { doneOn: '2026-11-02' })).status).toBe(200);
    await setPhase(w.t, w.roundId, 'fact_finding');
  });

  it('keeps work records by kind with people and households, paginated and filtered', async () => {
    const id = await fresh({ households: 50 });
    const bad = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, { kind: 'talk', date: '2026-11-02', people: [] });
    expect(bad.status).toBe(400);
    const bad2 = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, { kind: 'visit', date: '2026-11-02', households: [] });
    expect(bad2.status).toBe(400);
    const created = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, {
      kind: 'talk',
      date: '2026-11-02',
      place: '村委会会议室',
      notes: '反映村道修建问题',
      people: [{ name: '张老汉', roles: ['old_party_member', 'subsistence'], position: '' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'talk',
      kindName: '个别谈话',
      date: '2026-11-02',
      place: '村委会会议室',
      people: [{ name: '张老汉', roles: ['old_party_member', 'subsistence'], roleNames: ['老党员', '低保户'] }],
      households: [],
      attachments: [],
      createdByName: 'teama姓名',
    });
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, visit('2026-11-03', [{ head: '李四' }, { head: '王五', roles: ['low_income'] }]));
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, { kind: 'review', date: '2026-11-04', notes: '查阅 2025 年财务凭证' });
    const all = await api(w.t, w.teamA, 'GET', `/api/inspections/${id}/records?pageSize=2`);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((r: { kind: string }) => r.kind)).toEqual(['review', 'visit']);
    const talks = await api(w.t, w.teamA, 'GET', `/api/inspections/${id}/records?kind=talk`);
    expect(talks.body).toMatchObject({ total: 1, items: [{ id: created.body.id }] });
    const upd = await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/records/${created.body.id}`, {
      kind: 'talk',
      date: '2026-11-05',
      people: [{ name: '张老汉', roles: ['old_cadre'] }],
    });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ date: '2026-11-05', people: [{ roleNames: ['老干部'] }] });
    const b = await ws(id);
    expect(b.recordCounts).toEqual({ publicity: 0, briefing: 0, talk: 1, visit: 1, review: 1, survey: 0, fix: 0 });
    expect(b.days.dates).toEqual(['2026-11-03', '2026-11-04', '2026-11-05']);
    const del = await api(w.t, w.teamA, 'DELETE', `/api/inspections/${id}/records/${created.body.id}`);
    expect(del.status).toBe(200);
    expect((await api(w.t, w.teamA, 'GET', `/api/inspections/${id}/records`)).body.total).toBe(2);
    expect((await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/records/${created.body.id}`, talk('2026-11-02', 'x', []))).status).toBe(404);
    const audit = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'inspections.work_record').where('entity_id', '=', created.body.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('counts days on site as working days of the official calendar with the office overrides', async () => {
    const id = await fresh();
    // 2026-10-01 and 10-02 are 国庆节 holidays, 10-10 (Saturday) is a 调休 working day, 10-11 a Sunday
    for (const date of ['2026-09-30', '2026-10-01', '2026-10-02', '2026-10-08']) {
      await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, { kind: 'review', date });
    }
    await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/meeting`, { doneOn: '2026-10-10' });
    await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/feedback`, { doneOn: '2026-10-11' });
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, { kind: 'review', date: '2026-10-08' });
    let b = await ws(id);
    expect(b.days.dates).toEqual(['2026-09-30', '2026-10-01', '2026-10-02', '2026-10-08', '2026-10-10', '2026-10-11']);
    expect(b.days.workingDays).toBe(3);
    // the county worked on 10-02 (an office override) and gave 09-30 off
    await w.t.ctx.db
      .insertInto('calendar_overrides')
      .values([
        { date: '2026-10-02', kind: 'workday', note: '县里统一安排上班', updated_by: null, updated_at: new Date() },
        { date: '2026-09-30', kind: 'holiday', note: '地方休息日', updated_by: null, updated_at: new Date() },
      ])
      .execute();
    b = await ws(id);
    expect(b.days.workingDays).toBe(3);
    await w.t.ctx.db.deleteFrom('calendar_overrides').where('date', '=', '2026-09-30').execute();
    b = await ws(id);
    expect(b.days.workingDays).toBe(4);
    const list = await api(w.t, w.teamA, 'GET', `/api/inspections?pageSize=100`);
    expect(list.body.items.find((i: { id: string }) => i.id === id).onSiteWorkingDays).toBe(4);
    await w.t.ctx.db.deleteFrom('calendar_overrides').execute();
  });

  it('measures household visits against 10% of the households, each household once', async () => {
    const id = await fresh({ households: 25 });
    let b = await ws(id);
    expect(b.visits).toEqual({ visited: 0, quota: 3, percent: 10 });
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, visit('2026-11-02', [{ head: '赵一' }, { head: '钱二' }]));
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, visit('2026-11-03', [{ head: '赵一' }]));
    b = await ws(id);
    expect(b.visits.visited).toBe(2);
    expect(b.blockers).toContain('已走访 2 户，少于应走访的 3 户（全村 25 户的 10%）');
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, visit('2026-11-04', [{ head: '孙三' }]));
    b = await ws(id);
    expect(b.visits.visited).toBe(3);
    expect(b.blockers.some((x: string) => x.startsWith('已走访'))).toBe(false);
    const unknown = await fresh({ households: null });
    expect((await ws(unknown)).visits).toEqual({ visited: 0, quota: null, percent: 10 });
    expect((await ws(unknown)).blockers).toContain('未登记本村（社区）户数，无法核定应走访户数');
  });

  it('shows which of the 三老 and 两低 the talks and visits reached', async () => {
    const id = await fresh();
    let b = await ws(id);
    expect(b.talks).toEqual({ sanLao: { covered: [], missing: ['老党员', '老干部', '老军人'] }, liangDi: { covered: [], missing: ['低保户', '低收入户'] } });
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, talk('2026-11-02', '周老', ['old_party_member', 'veteran']));
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, visit('2026-11-03', [{ head: '吴家', roles: ['subsistence'] }]));
    b = await ws(id);
    expect(b.talks).toEqual({
      sanLao: { covered: ['老党员', '老军人'], missing: ['老干部'] },
      liangDi: { covered: ['低保户'], missing: ['低收入户'] },
    });
  });

  it('refuses to finish listing every missing condition, exactly', async () => {
    const id = await fresh({ households: 30 });
    await insertChecklist(w.t, id, ['三资管理', '工程项目', '惠民资金']);
    await w.t.ctx.db.updateTable('inspection_checklist_items').set({ result: 'no_problem' }).where('inspection_id', '=', id).where('title', '=', '工程项目').execute();
    await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/meeting`, { doneOn: '2026-11-02' });
    await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, visit('2026-11-02', [{ head: '郑六' }]));
    const r = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'completed' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INSPECTION_NOT_COMPLETABLE');
    expect(r.body.details.reasons).toEqual([
      '尚未完成必经环节“个别谈话”',
      '尚未完成必经环节“查阅资料”',
      '尚未完成必经环节“受理信访”',
      '尚未完成必经环节“集中反馈”',
      '监督清单还有 2 项未检查：三资管理、惠民资金',
      '在村工作 1 个工作日，少于最低要求的 3 个工作日',
      '已走访 1 户，少于应走访的 3 户（全村 30 户的 10%）',
    ]);
    expect(r.body.message).toContain('7 项');
    expect((await ws(id)).blockers).toEqual(r.body.details.reasons);
    expect((await ws(id)).inspection.status).toBe('in_progress');
  });

  it('only the office overrides, with a reason of at least 10 meaningful characters, and the override is recorded', async () => {
    const id = await fresh({ households: 30, importance: 'key' });
    await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/meeting`, { doneOn: '2026-11-02' });
    const byTeam = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'completed', override: { reason: '组长认为已经完成了全部的工作任务' } });
    expect(byTeam.status).toBe(403);
    const byLeader = await api(w.t, w.leading, 'POST', `/api/inspections/${id}/transition`, { to: 'completed', override: { reason: '组长认为已经完成了全部的工作任务' } });
    expect(byLeader.status).toBe(403);
    const short = await api(w.t, w.office, 'POST', `/api/inspections/${id}/transition`, { to: 'completed', override: { reason: '同意。。。。。。。。。。' } });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'INSPECTION_OVERRIDE_REASON_INVALID', message: '特批理由不少于 10 个字' });
    const empty = await api(w.t, w.office, 'POST', `/api/inspections/${id}/transition`, { to: 'completed', override: { reason: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('请填写特批理由');
    const blockers = (await ws(id)).blockers;
    expect(blockers).toContain('在村工作 1 个工作日，少于最低要求的 10 个工作日');
    const ok = await api(w.t, w.office, 'POST', `/api/inspections/${id}/transition`, { to: 'completed', override: { reason: '该村已整体并入邻村，经领导小组研究同意完成' } });
    expect(ok.status).toBe(200);
    expect(ok.body.inspection).toMatchObject({
      status: 'completed',
      statusName: '已完成',
      override: { reason: '该村已整体并入邻村，经领导小组研究同意完成', conditions: blockers, byName: 'office1姓名' },
    });
    expect(ok.body.inspection.completedAt).not.toBeNull();
    const row = await w.t.ctx.db.selectFrom('village_inspections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.override_conditions).toEqual(blockers);
    const audit = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', id).where('action', '=', 'complete_override').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ status: 'completed', override_reason: '该村已整体并入邻村，经领导小组研究同意完成' });
  });

  it('finishes when every condition is met, then refuses writes until reopened with a reason', async () => {
    const id = await fresh({ households: 20 });
    await insertChecklist(w.t, id, ['三资管理', '工程项目']);
    const start = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'in_progress' });
    expect(start.status).toBe(200);
    expect(start.body.inspection.status).toBe('in_progress');
    const again = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'in_progress' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INSPECTION_TRANSITION_NOT_ALLOWED');
    const steps: [string, string][] = [
      ['meeting', '2026-11-02'],
      ['individual_talks', '2026-11-03'],
      ['record_review', '2026-11-04'],
      ['petitions', '2026-11-04'],
      ['feedback', '2026-11-05'],
    ];
    for (const [step, doneOn] of steps) expect((await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/${step}`, { doneOn })).status).toBe(200);
    const rec = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, visit('2026-11-03', [{ head: '甲' }, { head: '乙' }]));
    let b = await ws(id);
    expect(b.blockers).toEqual(['监督清单还有 2 项未检查：三资管理、工程项目']);
    await markAll(w.t, id);
    b = await ws(id);
    expect(b.blockers).toEqual([]);
    expect(b.checklist).toEqual({ total: 2, noProblem: 2, problemFound: 0, notChecked: 0 });
    expect(b.canOverride).toBe(false); // the team does not override
    const done = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'completed' });
    expect(done.status).toBe(200);
    expect(done.body.inspection).toMatchObject({ status: 'completed', override: null });
    expect(done.body.canWork).toBe(false);

    for (const a of [
      await api(w.t, w.teamA, 'PUT', `/api/inspections/${id}/steps/symposium`, { doneOn: '2026-11-05' }),
      await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, talk('2026-11-05', '某某', [])),
      await api(w.t, w.teamA, 'DELETE', `/api/inspections/${id}/records/${rec.body.id}`),
      await api(w.t, w.office, 'DELETE', `/api/inspections/${id}/steps/meeting`),
    ]) {
      expect(a.status).toBe(409);
      expect(a.body).toMatchObject({ code: 'CONFLICT', message: '该村（社区）巡察已完成，不能再修改；如需补充，请先重新打开' });
    }
    const back = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'not_started' });
    expect(back.status).toBe(409);
    expect(back.body.details.reasons).toEqual(['村级巡察不能从“已完成”变为“未开始”']);
    const noReason = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'in_progress' });
    expect(noReason.status).toBe(409);
    expect(noReason.body).toMatchObject({ code: 'INSPECTION_TRANSITION_NOT_ALLOWED', details: { reasons: ['重新打开已完成的村级巡察须说明原因'] } });
    const reopen = await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/transition`, { to: 'in_progress', reason: '报告退回，需补充了解' });
    expect(reopen.status).toBe(200);
    expect(reopen.body.inspection).toMatchObject({ status: 'in_progress', completedAt: null });
    const audit = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', id).where('entity', '=', 'inspections.inspection').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['start', 'complete', 'reopen']);
    expect(audit[2]!.after).toMatchObject({ reason: '报告退回，需补充了解' });
    expect((await api(w.t, w.teamA, 'POST', `/api/inspections/${id}/records`, talk('2026-11-06', '补充谈话', ['old_cadre']))).status).toBe(201);
  });

  it('uses the target own minimum of working days when the office set one', async () => {
    const id = await fresh({ minWorkingDays: 5 });
    expect((await ws(id)).days.minimum).toBe(5);
    const key = await fresh({ importance: 'key' });
    expect((await ws(key)).inspection.minWorkingDays).toBe(10);
  });

  it('lists with filters, search and pagination', async () => {
    const all = await api(w.t, w.office, 'GET', '/api/inspections?pageSize=500');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.items.length);
    const a = all.body.items.find((i: { id: string }) => i.id === w.inspA);
    expect(a).toMatchObject({ roundId: w.roundId, roundLabel: '2026年第2轮', villageCode: w.villageA, townCode: w.townA, teamName: '第一巡察组', modeName: '直接巡', statusName: '未开始', minWorkingDays: 3 });
    expect(a.villageName.length).toBeGreaterThan(0);
    expect(a.townName.length).toBeGreaterThan(0);
    const page = await api(w.t, w.office, 'GET', '/api/inspections?pageSize=2&page=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBe(all.body.total);
    const byTown = await api(w.t, w.office, 'GET', `/api/inspections?townCode=${w.townA}&pageSize=500`);
    expect(byTown.body.items.every((i: { townCode: string }) => i.townCode === w.townA)).toBe(true);
    const byStatus = await api(w.t, w.office, 'GET', '/api/inspections?status=completed&pageSize=500');
    expect(byStatus.body.items.every((i: { status: string }) => i.status === 'completed')).toBe(true);
    expect(byStatus.body.total).toBeGreaterThan(0);
    const byName = await api(w.t, w.office, 'GET', `/api/inspections?q=${encodeURIComponent(a.villageName)}`);
    expect(byName.body.items.map((i: { id: string }) => i.id)).toContain(w.inspA);
    const byRound = await api(w.t, w.office, 'GET', `/api/inspections?roundId=${w.roundId}&pageSize=500`);
    expect(byRound.body.items.every((i: { roundId: string }) => i.roundId === w.roundId)).toBe(true);
  });
});
