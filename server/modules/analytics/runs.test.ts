/**
 * 大数据比对 runs and suspicion points through the routes, on small Parquet datasets written with
 * DuckDB into the store: a run finds the planted 死亡后仍领补贴 cases (one paid in team A's village,
 * one in team B's, the second with only the village name, filled from the registry's divisions) and
 * not the one paid before death, skips a model whose data was not chosen with a Chinese note, groups
 * hits by village and assigns them to the round's teams; a re-run adds no duplicates and keeps
 * verified statuses; confirming makes a draft finding with the explanation and an .xlsx of the
 * evidence, audited; dismissing needs a reason; another team neither sees nor verifies; the model
 * library's precision follows the verifications; a run cancelled mid-way leaves no hits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseName } from '../../../domain/analytics/normalise';
import { DomainError } from '../../../domain/shared/errors';
import { RUN_JOB, runAnalytics, teamFor } from '../../analytics/run';
import { api, idNumber, importCounty } from '../../test/fixtures';
import { writeDataset } from '../../test/analytics-datasets';
import { createTestApp, type TestApp } from '../../test/harness';
import { COUNTY, insertInspection, insertRound, orgUser } from '../../test/world';
import { waitForJob, type JobTools } from '../../jobs';
import { userIn } from '../findings/test-setup';

const log = (level: string, message: string, err?: unknown) => {
  if (level === 'error') console.error(message, err);
};

const A = { name: '张秀英', id_number: idNumber('320481', '19520315', 122) };
const B = { name: '刘德华', id_number: idNumber('320481', '19400101', 133) };
const C = { name: '王五', id_number: idNumber('320481', '19450202', 144) };

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}-10`);
    m++;
    if (m > 12) {
      y++;
      m = 1;
    }
  }
  return out;
}

describe('analytics runs and hits (比对运行与疑点核实)', () => {
  let t: TestApp;
  let dataDir: string;
  let office: string;
  let teamA: string;
  let teamB: string;
  let roundId: string;
  let villageA: string;
  let villageB: string;
  let datasets: string[];
  let firstRunId: string;
  let adminCookie: string;

  const run = async (body: Record<string, unknown>) => {
    const r = await api(t, office, 'POST', '/api/analytics/runs', body);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const job = await waitForJob(t.ctx, r.body.jobId, { log });
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    return (await api(t, office, 'GET', `/api/analytics/runs/${r.body.run.id}`)).body;
  };
  const hitsOf = async (cookie: string, query = '') => (await api(t, cookie, 'GET', `/api/analytics/hits?pageSize=100${query}`)).body;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-runs-'));
    t = await createTestApp({ env: { XUNCHA_DATA_DIR: dataDir, XUNCHA_ANALYTICS_THREADS: '1', XUNCHA_ANALYTICS_MEMORY: '512MB' } });
    const admin = await t.login('admin');
    adminCookie = admin;
    await importCounty(t, admin, COUNTY);
    const { rows } = await sql<{ code: string; parent_code: string; name: string }>`
      select code, parent_code, name from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(t.ctx.db);
    villageA = rows[0]!.code;
    const vb = rows.find((r) => r.parent_code !== rows[0]!.parent_code && rows.filter((x) => x.name === r.name).length === 1)!;
    villageB = vb.code;
    office = (await orgUser(t, admin, 'office', COUNTY, 'office1', ['office'])).cookie;
    const a = await orgUser(t, admin, 'team', COUNTY, 'teama', ['team_leader']);
    const b = await orgUser(t, admin, 'team', COUNTY, 'teamb', ['team_leader']);
    teamA = a.cookie;
    teamB = b.cookie;
    roundId = await insertRound(t, { number: 2 });
    const team1 = await t.ctx.db.insertInto('teams').values({ round_id: roundId, org_id: a.orgId, name: '第一巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const team2 = await t.ctx.db.insertInto('teams').values({ round_id: roundId, org_id: b.orgId, name: '第二巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await insertInspection(t, { roundId, village: villageA, teamId: team1.id });
    await insertInspection(t, { roundId, village: villageB, teamId: team2.id });
    await userIn(t, admin, b.orgId, 'memberb', ['team_member']);

    const pay = (p: { name: string; id_number: string }, village: { code: string | null; name: string | null }, from: string, to: string) =>
      months(from, to).map((d) => ({ name: p.name, id_number: p.id_number, village: village.name, village_code: village.code, item: '低保', amount: 50000, pay_date: d, pay_date_precision: 'day' }));
    const payments = await writeDataset(t, 'benefit_payments', '2023年低保发放', [
      ...pay(A, { code: villageA, name: null }, '2023-03', '2023-08'),
      // only the village's name: its code comes from the registry
      ...pay(B, { code: null, name: normaliseName(vb.name).value }, '2023-12', '2024-03'),
      ...pay(C, { code: villageA, name: null }, '2023-06', '2023-11'),
    ]);
    const deaths = await writeDataset(t, 'deaths', '死亡注销记录', [
      { name: A.name, id_number: A.id_number, event_date: '2023-05-20', event_date_precision: 'day', event_kind: '死亡' },
      { name: B.name, id_number: B.id_number, event_date: '2024-01-15', event_date_precision: 'day', event_kind: '火化' },
      { name: C.name, id_number: C.id_number, event_date: '2023-12-01', event_date_precision: 'day', event_kind: '死亡' },
    ]);
    datasets = [payments, deaths];
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('assigns a village without its own target to its town target’s team', () => {
    const teams = new Map([
      ['320481001201', 'village-team'],
      ['town:320481001', 'town-team'],
    ]);
    expect(teamFor(teams, '320481001201')).toBe('village-team');
    expect(teamFor(teams, '320481001202')).toBe('town-team');
    expect(teamFor(teams, '320481002201')).toBeNull();
    expect(teamFor(teams, null)).toBeNull();
  });

  it('refuses bad runs with Chinese messages and teams with 403', async () => {
    const bad = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: datasets, modelKeys: ['dead_paid', 'nope'], params: { dead_paid: { grace_months: 99 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('没有名为“nope”的模型');
    expect(bad.body.message).toContain('宽限月数');
    const empty = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('请至少选择一个数据集');
    const team = await api(t, teamA, 'POST', '/api/analytics/runs', { datasetIds: datasets });
    expect(team.status).toBe(403);
  });

  it('runs the models: planted hits per village and team, a model without its data skipped with a note', async () => {
    const r = await run({ roundId, datasetIds: datasets, modelKeys: ['dead_paid', 'payroll_on_benefit'] });
    firstRunId = r.id;
    expect(r.status).toBe('succeeded');
    const dead = r.results.find((o: { key: string }) => o.key === 'dead_paid');
    expect(dead).toMatchObject({ status: 'done', hits: 2, created: 2, refreshed: 0 });
    const skipped = r.results.find((o: { key: string }) => o.key === 'payroll_on_benefit');
    expect(skipped.status).toBe('skipped');
    expect(skipped.note).toContain('财政供养人员');

    const all = await hitsOf(office);
    expect(all.total).toBe(2);
    const [hA, hB] = [all.items.find((h: { villageCode: string }) => h.villageCode === villageA), all.items.find((h: { villageCode: string }) => h.villageCode === villageB)];
    expect(hA).toMatchObject({ modelKey: 'dead_paid', teamName: '第一巡察组', status: 'pending', amountFen: 150000 });
    expect(hA.explanation).toContain('张秀英');
    expect(hA.explanation).not.toContain(A.id_number);
    expect(hB).toMatchObject({ teamName: '第二巡察组', amountFen: 100000 });

    const groups = (await api(t, office, 'GET', '/api/analytics/hits/by-village')).body.items;
    expect(groups.map((g: { villageCode: string; total: number }) => [g.villageCode, g.total])).toEqual([
      [villageA, 1],
      [villageB, 1],
    ].sort());
    const detail = (await api(t, office, 'GET', `/api/analytics/hits/${hA.id}`)).body;
    expect(detail.evidence.row.id_number).toBe(A.id_number);
    expect(detail.evidence.row.payments).toBe(3);
    expect(detail.evidence.columns.find((c: { key: string }) => c.key === 'total_amount')).toEqual({ key: 'total_amount', label: '金额（元）', display: '1500.00' });
    // every column of the evidence in Chinese, none shown by its key
    expect(detail.evidence.columns.filter((c: { key: string; label: string }) => !/[\u4e00-\u9fff]/.test(c.label)).map((c: { key: string }) => c.key)).toEqual([]);
    expect(detail.evidence.datasets.map((d: { name: string }) => d.name).sort()).toEqual(['2023年低保发放', '死亡注销记录']);
  });

  it('a team sees and verifies only its own villages’ hits', async () => {
    const a = await hitsOf(teamA);
    expect(a.items.map((h: { villageCode: string }) => h.villageCode)).toEqual([villageA]);
    const hB = (await hitsOf(office, `&villageCode=${villageB}`)).items[0];
    expect((await api(t, teamA, 'GET', `/api/analytics/hits/${hB.id}`)).status).toBe(404);
    expect((await api(t, teamA, 'POST', `/api/analytics/hits/${hB.id}/dismiss`, { reason: 'data_error' })).status).toBe(404);
  });

  it('confirm makes a draft finding with the explanation and the evidence .xlsx, audited', async () => {
    const hA = (await hitsOf(teamA)).items[0];
    const r = await api(t, teamA, 'POST', `/api/analytics/hits/${hA.id}/confirm`, { as: 'finding', category: 'strict_governance' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'confirmed', statusName: '已确认' });
    const finding = await t.ctx.db.selectFrom('findings').selectAll().where('id', '=', r.body.findingId).executeTakeFirstOrThrow();
    expect(finding).toMatchObject({ status: 'draft', village_code: villageA, source: 'data_comparison', title: '死亡或注销户籍人员仍领取补贴' });
    expect(finding.description).toContain(hA.explanation);
    const materials = await t.ctx.db.selectFrom('finding_materials').select(['id', 'title']).where('finding_id', '=', finding.id).execute();
    expect(materials).toHaveLength(1);
    const files = await t.ctx.db.selectFrom('attachments').select(['file_name']).where('owner_id', '=', materials[0]!.id).execute();
    expect(files.map((f) => f.file_name)).toEqual(['比对证据-死亡或注销户籍人员仍领取补贴.xlsx']);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'analytics.hit').where('entity_id', '=', hA.id).execute();
    expect(audit.map((x) => x.action)).toEqual(['confirm']);
    const again = await api(t, teamA, 'POST', `/api/analytics/hits/${hA.id}/confirm`, { as: 'lead', authority: 'discipline' });
    expect(again.status).toBe(409);
  });

  it('dismiss needs a reason, and a text for 其他', async () => {
    const member = await t.login('memberb', 'Work@12345');
    const hB = (await hitsOf(member)).items[0];
    const none = await api(t, member, 'POST', `/api/analytics/hits/${hB.id}/dismiss`, {});
    expect(none.status).toBe(400);
    expect(none.body.message).toContain('请选择排除理由');
    const other = await api(t, member, 'POST', `/api/analytics/hits/${hB.id}/dismiss`, { reason: 'other' });
    expect(other.status).toBe(400);
    expect(other.body.message).toContain('请写明排除理由');
    const ok = await api(t, member, 'POST', `/api/analytics/hits/${hB.id}/dismiss`, { reason: 'data_error', text: '死亡记录同名误录' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'dismissed', dismissReasonName: '数据错误' });
  });

  it('a second run adds no duplicates and keeps verified statuses', async () => {
    const r = await run({ roundId, datasetIds: datasets, modelKeys: ['dead_paid'] });
    expect(r.results[0]).toMatchObject({ hits: 2, created: 0, refreshed: 0, verified: 2 });
    const all = await hitsOf(office);
    expect(all.total).toBe(2);
    expect(all.items.map((h: { status: string; seenCount: number; firstRunId: string }) => [h.status, h.seenCount, h.firstRunId]).sort()).toEqual([
      ['confirmed', 2, firstRunId],
      ['dismissed', 2, firstRunId],
    ]);
  });

  it('an administrator above the county running the round finds the same hits: no duplicates, the teams still see theirs', async () => {
    const r = await api(t, adminCookie, 'POST', '/api/analytics/runs', { roundId, datasetIds: datasets, modelKeys: ['dead_paid'] });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const job = await waitForJob(t.ctx, r.body.jobId, { log });
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect((await api(t, adminCookie, 'GET', `/api/analytics/runs/${r.body.run.id}`)).body.results[0]).toMatchObject({ hits: 2, created: 0, verified: 2 });
    expect((await hitsOf(office)).total).toBe(2);
    expect((await hitsOf(teamB)).items.map((h: { villageCode: string }) => h.villageCode)).toEqual([villageB]);
  });

  it('the model library shows precision and volume per model', async () => {
    const models = (await api(t, office, 'GET', '/api/analytics/models')).body.items;
    const dead = models.find((m: { key: string }) => m.key === 'dead_paid');
    expect(dead.requires.map((k: { label: string }) => k.label)).toEqual(['补贴救助发放', '死亡及户籍注销']);
    expect(dead.params[0]).toMatchObject({ key: 'grace_months', default: 0 });
    expect(dead.stats).toMatchObject({ hits: 2, verified: 2, confirmed: 1, dismissed: 1, precision: 0.5, amountFen: 250000, confirmedAmountFen: 150000, runs: 2 });
    expect(dead.stats.dismissedBy).toMatchObject({ data_error: 1, other: 0 });
    const unused = models.find((m: { key: string }) => m.key === 'payroll_on_benefit');
    expect(unused.stats).toMatchObject({ hits: 0, precision: null });
  });

  it('the office reopens a verified hit; a team may not', async () => {
    const hB = (await hitsOf(office, `&villageCode=${villageB}`)).items[0];
    expect((await api(t, teamB, 'POST', `/api/analytics/hits/${hB.id}/reopen`, { reason: '重新核实' })).status).toBe(403);
    const r = await api(t, office, 'POST', `/api/analytics/hits/${hB.id}/reopen`, { reason: '数据已更正，重新核实' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('pending');
  });

  it('a run cancelled mid-way leaves no hits of its own', async () => {
    // a new person in villageA, so the cancelled run would have created a hit
    const D = { name: '赵六', id_number: idNumber('320481', '19480808', 155) };
    const payments = await writeDataset(t, 'benefit_payments', '2024年低保发放', months('2024-01', '2024-06').map((d) => ({ name: D.name, id_number: D.id_number, village_code: villageA, item: '低保', amount: 30000, pay_date: d, pay_date_precision: 'day' })));
    const deaths = await writeDataset(t, 'deaths', '2024年死亡', [{ name: D.name, id_number: D.id_number, event_date: '2024-02-01', event_date_precision: 'day', event_kind: '死亡' }]);
    const office1 = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'office1').executeTakeFirstOrThrow();
    const row = await t.ctx.db
      .insertInto('analytics_runs')
      .values({
        scope_code: COUNTY,
        round_id: roundId,
        label: '取消测试',
        models: JSON.stringify([
          { key: 'dead_paid', params: { grace_months: 0 } },
          { key: 'double_paid', params: {} },
        ]),
        dataset_ids: JSON.stringify([payments, deaths]),
        created_by: office1.id,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const controller = new AbortController();
    const tools: JobTools = {
      ctx: t.ctx,
      db: t.ctx.db,
      signal: controller.signal,
      // the cancel arrives as the second model starts
      progress: async (done) => {
        if (done >= 1) controller.abort();
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new DomainError('JOB_CANCELLED');
      },
      log: () => {},
    };
    await expect(runAnalytics(t.ctx, row.id, tools)).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    const mine = await t.ctx.db.selectFrom('analytics_hits').select('id').where((eb) => eb.or([eb('first_run_id', '=', row.id), eb('last_run_id', '=', row.id)])).execute();
    expect(mine).toEqual([]);
    const after = await t.ctx.db.selectFrom('analytics_runs').select(['status']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('cancelled');
    expect(RUN_JOB).toBe('analytics.run');
  });

  describe('an ad-hoc hit assigned to a round by the office (临时比对疑点分配到巡察轮次)', () => {
    const E = { name: '孙七', id_number: idNumber('320481', '19430303', 166) };
    const F = { name: '周八', id_number: idNumber('320481', '19440404', 177) };
    let adhoc: string[];
    let hitE: { id: string };
    let hitF: { id: string };

    beforeAll(async () => {
      const { rows } = await sql<{ code: string }>`select code from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(t.ctx.db);
      const villageC = rows.find((r) => r.code !== villageA && r.code !== villageB)!.code;
      const pay = (p: { name: string; id_number: string }, village: string) =>
        months('2024-01', '2024-04').map((d) => ({ name: p.name, id_number: p.id_number, village_code: village, item: '低保', amount: 40000, pay_date: d, pay_date_precision: 'day' }));
      adhoc = [
        await writeDataset(t, 'benefit_payments', '临时核查低保发放', [...pay(E, villageB), ...pay(F, villageC)]),
        await writeDataset(t, 'deaths', '临时核查死亡记录', [
          { name: E.name, id_number: E.id_number, event_date: '2024-01-20', event_date_precision: 'day', event_kind: '死亡' },
          { name: F.name, id_number: F.id_number, event_date: '2024-01-20', event_date_precision: 'day', event_kind: '死亡' },
        ]),
      ];
      const r = await run({ datasetIds: adhoc, modelKeys: ['dead_paid'] });
      expect(r.results[0]).toMatchObject({ hits: 2, created: 2 });
      const mine = (await hitsOf(office, `&runId=${r.id}`)).items;
      hitE = mine.find((h: { explanation: string }) => h.explanation.includes(E.name));
      hitF = mine.find((h: { explanation: string }) => h.explanation.includes(F.name));
      expect(hitE).toMatchObject({ roundId: null, teamId: null, villageCode: villageB });
    });

    it('nobody on a team sees the ad-hoc hit; the office may assign it but not confirm it into a finding (a team’s working paper)', async () => {
      expect((await api(t, teamB, 'GET', `/api/analytics/hits/${hitE.id}`)).status).toBe(404);
      const detail = (await api(t, office, 'GET', `/api/analytics/hits/${hitE.id}`)).body;
      expect(detail).toMatchObject({ canAssign: true, canVerify: true, confirmAs: ['lead'] });
      expect(detail.findingBy).toContain('尚未分配到巡察轮次');
      const confirm = await api(t, office, 'POST', `/api/analytics/hits/${hitE.id}/confirm`, { as: 'finding', category: 'strict_governance' });
      expect(confirm.status).toBe(403);
      expect(confirm.body.message).toContain('问题底稿由巡察组撰写');
    });

    it('lists the open rounds in which the village is a target with its team; a village that is no target gets a clear refusal', async () => {
      const rounds = await api(t, office, 'GET', `/api/analytics/hits/${hitE.id}/rounds`);
      expect(rounds.status, JSON.stringify(rounds.body)).toBe(200);
      expect(rounds.body.items).toEqual([expect.objectContaining({ roundId, teamName: '第二巡察组' })]);
      expect((await api(t, office, 'GET', `/api/analytics/hits/${hitF.id}/rounds`)).body.items).toEqual([]);
      const refused = await api(t, office, 'POST', `/api/analytics/hits/${hitF.id}/assign`, { roundId });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('不是任何进行中巡察轮次');
      expect((await api(t, teamB, 'POST', `/api/analytics/hits/${hitE.id}/assign`, { roundId })).status).toBe(403);
      const member = await t.login('memberb', 'Work@12345');
      expect((await api(t, member, 'GET', `/api/analytics/hits/${hitE.id}/rounds`)).status).toBe(403);
      expect((await api(t, office, 'POST', `/api/analytics/hits/${hitE.id}/assign`, {})).body.message).toContain('请选择巡察轮次');
    });

    it('the office assigns it (audited): the village’s team sees and verifies it; a round run later adds no duplicate', async () => {
      const r = await api(t, office, 'POST', `/api/analytics/hits/${hitE.id}/assign`, { roundId });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ roundId, teamName: '第二巡察组', canAssign: false, findingBy: '由负责该村的第二巡察组核实并确认为问题底稿' });
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after', 'scope_code']).where('entity', '=', 'analytics.hit').where('entity_id', '=', hitE.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['assign_round']);
      expect(audit[0]!.scope_code).toBe(villageB);
      expect(audit[0]!.after).toMatchObject({ roundId, team: '第二巡察组' });
      expect((await api(t, office, 'POST', `/api/analytics/hits/${hitE.id}/assign`, { roundId })).status).toBe(400);

      const before = (await hitsOf(office)).total;
      const again = await run({ roundId, datasetIds: adhoc, modelKeys: ['dead_paid'] });
      expect(again.results[0]).toMatchObject({ hits: 2, created: 0, refreshed: 2 });
      expect((await hitsOf(office)).total).toBe(before);

      const team = (await hitsOf(teamB)).items.find((h: { id: string }) => h.id === hitE.id);
      expect(team).toMatchObject({ teamName: '第二巡察组', roundId, seenCount: 2 });
      const detail = (await api(t, teamB, 'GET', `/api/analytics/hits/${hitE.id}`)).body;
      expect(detail).toMatchObject({ canVerify: true, confirmAs: ['finding', 'lead'] });
      const confirmed = await api(t, teamB, 'POST', `/api/analytics/hits/${hitE.id}/confirm`, { as: 'finding', category: 'strict_governance' });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
    });

    it('an administrator’s ad-hoc copy of a hit the round already has is not assigned a second time', async () => {
      const r = await api(t, adminCookie, 'POST', '/api/analytics/runs', { datasetIds: adhoc, modelKeys: ['dead_paid'] });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      expect((await waitForJob(t.ctx, r.body.jobId, { log })).status).toBe('succeeded');
      const copies = (await hitsOf(adminCookie, `&runId=${r.body.run.id}`)).items.filter((h: { roundId: string | null }) => h.roundId === null);
      const copyE = copies.find((h: { explanation: string }) => h.explanation.includes(E.name));
      expect(copyE, JSON.stringify(copies)).toBeDefined();
      const twice = await api(t, adminCookie, 'POST', `/api/analytics/hits/${copyE.id}/assign`, { roundId });
      expect(twice.status).toBe(409);
      expect(twice.body.message).toContain('已发现同一疑点');
      expect((await api(t, adminCookie, 'GET', `/api/analytics/hits/${copyE.id}`)).body).toMatchObject({ roundId: null, teamId: null });
    });
  });
});
