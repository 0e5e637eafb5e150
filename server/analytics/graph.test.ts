/**
 * 关系图谱 through the route, on Parquet datasets written with DuckDB into the store and the
 * registry's cadres: the 东关村 secretary 李国强 (fixtures/cadre.ts) whose daughter 李娜 is legal
 * representative of 国强建筑 (paid by the village, winning one of its projects and losing another)
 * and whose wife 王秀兰 is a shareholder of 鑫源农资 and drew 临时救助; he leases a fishpond; a hit
 * of team A names 李娜 and the company. The graph has those nodes and typed edges with the money
 * aggregated; the company's graph leads back to the cadre; the node cap cuts with a Chinese note;
 * team A sees it, team B (whose hits do not name him) gets 404; bad input is a Chinese 400.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, importCounty } from '../test/fixtures';
import { writeDataset } from '../test/analytics-datasets';
import { createTestApp, type TestApp } from '../test/harness';
import { COUNTY, insertInspection, insertRound, orgUser } from '../test/world';
import { GUOQIANG_BUILD, XINYUAN, liGuoqiang, liNa, wangXiulan } from './fixtures/cadre';
import { creditCode, idNo } from './fixtures/common';
import type { GraphData, GraphEdge, GraphNode } from '../../domain/analytics/graph-types';

const node = (g: GraphData, id: string): GraphNode => {
  const n = g.nodes.find((x) => x.id === id);
  expect(n, `node ${id} in ${g.nodes.map((x) => x.id).join(', ')}`).toBeDefined();
  return n!;
};
const edge = (g: GraphData, source: string, target: string, type: string): GraphEdge => {
  const e = g.edges.find((x) => x.source === source && x.target === target && x.type === type);
  expect(e, `edge ${source} -${type}-> ${target}`).toBeDefined();
  return e!;
};

describe('analytics relationship graph (关系图谱)', () => {
  let t: TestApp;
  let dataDir: string;
  let office: string;
  let teamA: string;
  let teamB: string;
  let villageA: string;
  let villageB: string;
  let villageAName: string;
  let hitId: string;
  const OTHER = { name: '周大海', id_number: idNo('19660101', '511') };
  const STRANGER_CO = { company_name: '平阴县远方贸易有限公司', credit_code: creditCode('MA3G9R4W') };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-graph-'));
    t = await createTestApp({ env: { XUNCHA_DATA_DIR: dataDir, XUNCHA_ANALYTICS_THREADS: '1', XUNCHA_ANALYTICS_MEMORY: '512MB' } });
    const admin = await t.login('admin');
    await importCounty(t, admin, COUNTY);
    const { rows } = await sql<{ code: string; parent_code: string; name: string }>`
      select code, parent_code, name from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(t.ctx.db);
    villageA = rows[0]!.code;
    villageAName = rows[0]!.name;
    villageB = rows.find((r) => r.parent_code !== rows[0]!.parent_code)!.code;
    office = (await orgUser(t, admin, 'office', COUNTY, 'office1', ['office'])).cookie;
    const a = await orgUser(t, admin, 'team', COUNTY, 'teama', ['team_leader']);
    const b = await orgUser(t, admin, 'team', COUNTY, 'teamb', ['team_leader']);
    teamA = a.cookie;
    teamB = b.cookie;
    const roundId = await insertRound(t, { number: 2 });
    const team1 = await t.ctx.db.insertInto('teams').values({ round_id: roundId, org_id: a.orgId, name: '第一巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const team2 = await t.ctx.db.insertInto('teams').values({ round_id: roundId, org_id: b.orgId, name: '第二巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await insertInspection(t, { roundId, village: villageA, teamId: team1.id });
    await insertInspection(t, { roundId, village: villageB, teamId: team2.id });

    // the registry: the secretary of village A with his daughter and wife
    const cadre = await t.ctx.db
      .insertInto('cadres')
      .values({ village_code: villageA, name: liGuoqiang.name, id_number: liGuoqiang.id_number, positions: JSON.stringify(['党支部书记']), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('cadre_relatives')
      .values([
        { cadre_id: cadre.id, name: liNa.name, id_number: liNa.id_number, relation: '女儿' },
        { cadre_id: cadre.id, name: wangXiulan.name, id_number: wangXiulan.id_number, relation: '配偶' },
      ])
      .execute();

    const A = { village: null, village_code: villageA };
    const B = { village: null, village_code: villageB };
    const datasets = [
      await writeDataset(t, 'companies', '市场主体', [
        { ...GUOQIANG_BUILD, legal_rep_name: liNa.name, legal_rep_id_number: liNa.id_number, founded_on: '2021-03-01', status: '存续' },
        { ...XINYUAN, legal_rep_name: OTHER.name, legal_rep_id_number: OTHER.id_number, founded_on: '2018-05-01', status: '存续' },
        { ...STRANGER_CO, legal_rep_name: '钱七', legal_rep_id_number: idNo('19700707', '577'), founded_on: '2010-01-01', status: '存续' },
      ]),
      await writeDataset(t, 'shareholders', '股东', [
        { credit_code: XINYUAN.credit_code, company_name: XINYUAN.company_name, shareholder_name: wangXiulan.name, shareholder_id_number: wangXiulan.id_number, share: '35%' },
        { credit_code: XINYUAN.credit_code, company_name: XINYUAN.company_name, shareholder_name: OTHER.name, shareholder_id_number: OTHER.id_number, share: '65%' },
      ]),
      await writeDataset(t, 'village_payments', '村级支付', [
        { ...A, payee_name: GUOQIANG_BUILD.company_name, payee_credit_code: GUOQIANG_BUILD.credit_code, amount: 8_000_000, pay_date: '2023-04-10', purpose: '道路硬化工程款' },
        { ...A, payee_name: GUOQIANG_BUILD.company_name, payee_credit_code: GUOQIANG_BUILD.credit_code, amount: 2_000_000, pay_date: '2023-09-10', purpose: '道路硬化尾款' },
        { ...B, payee_name: GUOQIANG_BUILD.company_name, payee_credit_code: GUOQIANG_BUILD.credit_code, amount: 500_000, pay_date: '2023-06-01', purpose: '维修' },
        { ...A, payee_name: STRANGER_CO.company_name, payee_credit_code: STRANGER_CO.credit_code, amount: 9_900_000, pay_date: '2023-06-01', purpose: '采购' },
      ]),
      await writeDataset(t, 'contracts', '合同', [
        { ...A, contract_no: 'HT-2022-01', lessee_name: liGuoqiang.name, lessee_id_number: liGuoqiang.id_number, object: '东大湾鱼塘', resource_kind: '水面', annual_rent: 120_000, start_date: '2022-01-01', end_date: '2031-12-31' },
      ]),
      await writeDataset(t, 'bids', '招投标', [
        { project_id: 'ZB-1', project_name: '村内道路硬化', ...A, bidder_name: GUOQIANG_BUILD.company_name, bidder_credit_code: GUOQIANG_BUILD.credit_code, bid_price: 9_800_000, won: true },
        { project_id: 'ZB-1', project_name: '村内道路硬化', ...A, bidder_name: STRANGER_CO.company_name, bidder_credit_code: STRANGER_CO.credit_code, bid_price: 9_900_000, won: false },
        { project_id: 'ZB-2', project_name: '文化广场', ...B, bidder_name: GUOQIANG_BUILD.company_name, bidder_credit_code: GUOQIANG_BUILD.credit_code, bid_price: 3_000_000, won: false },
      ]),
      await writeDataset(t, 'benefit_payments', '临时救助', [
        { name: wangXiulan.name, id_number: wangXiulan.id_number, ...A, item: '临时救助', amount: 150_000, pay_date: '2023-02-10' },
        { name: wangXiulan.name, id_number: wangXiulan.id_number, ...A, item: '临时救助', amount: 50_000, pay_date: '2023-08-10' },
      ]),
    ];
    const office1 = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'office1').executeTakeFirstOrThrow();
    const run = await t.ctx.db
      .insertInto('analytics_runs')
      .values({ scope_code: COUNTY, round_id: roundId, label: '图谱测试', models: JSON.stringify([{ key: 'cadre_company_paid', params: {} }]), dataset_ids: JSON.stringify(datasets), created_by: office1.id, status: 'succeeded' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hit = await t.ctx.db
      .insertInto('analytics_hits')
      .values({
        scope_code: COUNTY,
        model_key: 'cadre_company_paid',
        hit_key: 'k1',
        village_code: villageA,
        round_id: roundId,
        team_id: team1.id,
        amount_fen: 10_000_000,
        explanation: '李国强的女儿李娜任法定代表人的平阴县国强建筑工程有限公司收到本村付款 2 笔共 100,000.00 元',
        evidence: JSON.stringify({ row: { cadre_name: liGuoqiang.name, relative_id_number: liNa.id_number, credit_code: GUOQIANG_BUILD.credit_code, amount: 10_000_000 }, datasets }),
        first_run_id: run.id,
        last_run_id: run.id,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    hitId = hit.id;
    // team B's hit names somebody else
    await t.ctx.db
      .insertInto('analytics_hits')
      .values({ scope_code: COUNTY, model_key: 'cadre_company_paid', hit_key: 'k2', village_code: villageB, round_id: roundId, team_id: team2.id, amount_fen: 1, explanation: '另案', evidence: JSON.stringify({ row: { id_number: OTHER.id_number } }), first_run_id: run.id, last_run_id: run.id, updated_at: new Date() })
      .execute();
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("draws a cadre's relatives, their companies, payments, contracts, bids, benefits and the hits", async () => {
    const r = await api(t, office, 'GET', `/api/analytics/graph?person=${liGuoqiang.id_number}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const g = r.body as GraphData;
    const P = (p: { id_number: string }) => `person:${p.id_number}`;
    const C = (c: { credit_code: string }) => `company:${c.credit_code}`;
    expect(g.subject).toEqual({ kind: 'person', key: liGuoqiang.id_number, name: liGuoqiang.name });
    expect(g.truncated).toBe(false);
    expect(g.notes).toEqual([]);
    const cadre = node(g, P(liGuoqiang));
    expect(cadre).toMatchObject({ category: 'cadre', name: '李国强', subject: true, subtitle: '党支部书记' });
    expect(cadre.details).toContainEqual({ label: '身份证号码', value: liGuoqiang.id_number });
    expect(node(g, P(liNa))).toMatchObject({ category: 'relative', name: '李娜', subtitle: '女儿' });
    expect(node(g, P(wangXiulan))).toMatchObject({ category: 'relative', subtitle: '配偶' });
    expect(edge(g, P(liGuoqiang), P(liNa), '亲属').label).toBe('女儿');
    edge(g, P(liGuoqiang), P(wangXiulan), '亲属');
    // companies through the daughter (legal representative) and the wife (shareholder); the co-shareholder is a leaf
    edge(g, P(liNa), C(GUOQIANG_BUILD), '法定代表人');
    expect(edge(g, P(wangXiulan), C(XINYUAN), '股东').label).toBe('股东 35%');
    expect(node(g, C(XINYUAN)).name).toBe(XINYUAN.company_name);
    expect(node(g, P(OTHER))).toMatchObject({ category: 'person', name: '周大海' });
    // payments aggregated per paying village
    const paidA = edge(g, `village:${villageA}`, C(GUOQIANG_BUILD), '收款');
    expect(paidA).toMatchObject({ count: 2, amountFen: 10_000_000, label: '付款 2 笔 100,000.00 元' });
    expect(node(g, `village:${villageA}`).name).toBe(villageAName);
    expect(edge(g, `village:${villageB}`, C(GUOQIANG_BUILD), '收款')).toMatchObject({ count: 1, amountFen: 500_000 });
    // a stranger's money is not in the graph
    expect(g.nodes.find((n) => n.id === C(STRANGER_CO))).toBeUndefined();
    // contract, bids (won and lost), benefits
    const contract = g.nodes.find((n) => n.category === 'contract')!;
    expect(contract).toMatchObject({ name: '东大湾鱼塘', amountFen: 120_000 });
    edge(g, P(liGuoqiang), contract.id, '承包');
    expect(edge(g, C(GUOQIANG_BUILD), 'project:ZB-1', '中标').amountFen).toBe(9_800_000);
    edge(g, C(GUOQIANG_BUILD), 'project:ZB-2', '投标');
    expect(node(g, 'project:ZB-1').evidence[0]!.rows, JSON.stringify(node(g, 'project:ZB-1').evidence)).toHaveLength(1);
    expect(edge(g, P(wangXiulan), 'benefit:临时救助', '领取')).toMatchObject({ count: 2, amountFen: 200_000 });
    // money by node: the company got 105,000 元 in payments and won 98,000 元
    expect(node(g, C(GUOQIANG_BUILD)).amountFen).toBe(10_500_000 + 9_800_000);
    // evidence rows of the company: its registration, payments from two villages, two bids
    const ev = node(g, C(GUOQIANG_BUILD)).evidence;
    expect(ev.filter((e) => e.kind === 'village_payments').map((e) => e.total).sort()).toEqual([1, 2]);
    expect(ev.find((e) => e.kind === 'companies')!.rows[0]).toMatchObject({ legal_rep_name: '李娜' });
    const paidRows = ev.find((e) => e.kind === 'village_payments' && e.total === 2)!;
    expect(paidRows.rows[0]).toMatchObject({ amount: 8_000_000, pay_date: '2023-04-10', purpose: '道路硬化工程款', _row: 2 });
    expect(paidRows.columns.find((c) => c.key === 'pay_date')!.label).toBe('日期');
    // the hit, linked from the daughter and the company
    const h = node(g, `hit:${hitId}`);
    expect(h).toMatchObject({ category: 'hit', hitId, amountFen: 10_000_000 });
    edge(g, P(liNa), h.id, '疑点');
    edge(g, C(GUOQIANG_BUILD), h.id, '疑点');
    // the office sees team B's hit too: it names the co-shareholder at the edge of the graph
    expect(g.nodes.filter((n) => n.category === 'hit')).toHaveLength(2);
    expect(g.edges.filter((e) => e.type === '疑点' && e.source === P(OTHER))).toHaveLength(1);
    // labels mask ID numbers; every edge joins two nodes of the graph
    expect(node(g, P(OTHER)).subtitle).toBe(`${OTHER.id_number.slice(0, 4)}**********${OTHER.id_number.slice(-4)}`);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(g.datasets.map((d) => d.kind).sort()).toEqual(['benefit_payments', 'bids', 'companies', 'contracts', 'shareholders', 'village_payments']);
  });

  it("leads from a company back to the cadre family, and one step further at depth 2", async () => {
    const g1 = (await api(t, office, 'GET', `/api/analytics/graph?company=${GUOQIANG_BUILD.credit_code.toLowerCase()}`)).body as GraphData;
    expect(g1.subject).toMatchObject({ kind: 'company', key: GUOQIANG_BUILD.credit_code, name: GUOQIANG_BUILD.company_name });
    expect(node(g1, `company:${GUOQIANG_BUILD.credit_code}`).subject).toBe(true);
    edge(g1, `person:${liNa.id_number}`, `company:${GUOQIANG_BUILD.credit_code}`, '法定代表人');
    edge(g1, `person:${liGuoqiang.id_number}`, `person:${liNa.id_number}`, '亲属');
    // depth 1: the wife's company is at the edge of the graph, its other shareholder not yet
    edge(g1, `person:${wangXiulan.id_number}`, `company:${XINYUAN.credit_code}`, '股东');
    expect(g1.nodes.find((n) => n.id === `person:${OTHER.id_number}`)).toBeUndefined();
    // the bids of the subject are read, the benefits of the family too
    edge(g1, `company:${GUOQIANG_BUILD.credit_code}`, 'project:ZB-1', '中标');
    edge(g1, `person:${wangXiulan.id_number}`, 'benefit:临时救助', '领取');
    const g2 = (await api(t, office, 'GET', `/api/analytics/graph?company=${GUOQIANG_BUILD.credit_code}&depth=2`)).body as GraphData;
    edge(g2, `person:${OTHER.id_number}`, `company:${XINYUAN.credit_code}`, '股东');
    edge(g2, `person:${OTHER.id_number}`, `company:${XINYUAN.credit_code}`, '法定代表人');
    expect(g2.depth).toBe(2);
  });

  it('caps the node count with a Chinese note, keeping the subject, persons and companies first', async () => {
    const full = (await api(t, office, 'GET', `/api/analytics/graph?person=${liGuoqiang.id_number}`)).body as GraphData;
    const g = (await api(t, office, 'GET', `/api/analytics/graph?person=${liGuoqiang.id_number}&maxNodes=10`)).body as GraphData;
    expect(g.truncated).toBe(true);
    expect(g.totalNodes).toBe(full.nodes.length);
    expect(g.nodes).toHaveLength(10);
    expect(g.notes[0]).toBe(`关系较多，只显示了其中 10 个节点（共 ${full.nodes.length} 个），优先保留人员、企业和疑点；可改为 1 层关系或选择数据集缩小范围`);
    expect(g.nodes[0]!.subject).toBe(true);
    const kept = new Set(g.nodes.map((n) => n.category));
    expect(kept.has('company') && kept.has('relative') && !kept.has('contract')).toBe(true);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('lets a team see subjects its hits name, and no other', async () => {
    const a = await api(t, teamA, 'GET', `/api/analytics/graph?person=${liNa.id_number}`);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect((a.body as GraphData).nodes.filter((n) => n.category === 'hit').map((n) => n.hitId)).toEqual([hitId]);
    const b = await api(t, teamB, 'GET', `/api/analytics/graph?person=${liNa.id_number}`);
    expect(b.status).toBe(404);
    expect(b.body.message).toBe('本组的比对疑点中没有该对象，无权查看其关系图谱');
    expect((await api(t, teamB, 'GET', `/api/analytics/graph?company=${GUOQIANG_BUILD.credit_code}`)).status).toBe(404);
    // team B's own subject: visible, without team A's hit
    const own = await api(t, teamB, 'GET', `/api/analytics/graph?person=${OTHER.id_number}&depth=2`);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect((own.body as GraphData).nodes.some((n) => n.id === `hit:${hitId}`)).toBe(false);
    // suggestions: team A from its villages' registry, team B none of them
    const sa = await api(t, teamA, 'GET', `/api/analytics/graph/subjects?q=${encodeURIComponent('李')}`);
    expect(sa.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['李国强', '李娜']);
    expect(sa.body.items.find((s: { name: string }) => s.name === '李娜').role).toBe('李国强的女儿');
    const sb = await api(t, teamB, 'GET', `/api/analytics/graph/subjects?q=${encodeURIComponent('李')}`);
    expect(sb.body.items).toEqual([]);
    const so = await api(t, office, 'GET', `/api/analytics/graph/subjects?q=${liGuoqiang.id_number.slice(0, 10)}`);
    expect(so.body.items.map((s: { idNumber: string }) => s.idNumber)).toContain(liGuoqiang.id_number);
  });

  it('refuses bad input with Chinese messages and unknown subjects with 404', async () => {
    const bad = await api(t, office, 'GET', '/api/analytics/graph?person=12345');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('身份证号码应为 18 位');
    const both = await api(t, office, 'GET', `/api/analytics/graph?person=${liNa.id_number}&company=${GUOQIANG_BUILD.credit_code}`);
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('二选一');
    expect((await api(t, office, 'GET', `/api/analytics/graph?person=${liNa.id_number}&depth=3`)).status).toBe(400);
    const unknown = await api(t, office, 'GET', `/api/analytics/graph?person=${idNo('19990909', '999')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('村级组织名册和比对数据中都没有这个身份证号码');
  });
});
