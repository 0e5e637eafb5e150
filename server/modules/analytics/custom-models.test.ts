/**
 * 自定义比对模型 through the routes: the office adds 同一账户收取多人补贴 (benefit payments grouped by
 * account with at least :min_people different ID numbers) as parameterised SQL; it is validated and
 * dry-run, listed in the 模型库 marked 自定义, runs next to a built-in model in a run and makes hits
 * with explanations from its template (re-run: no duplicates). Refused: COPY, read_csv, a relation
 * that is not a dataset, a hit-key / template column missing from the result, a stale version; a
 * team cannot create (403). Every write is audited; a disabled model is skipped by runs.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../../test/analytics-datasets';
import { api, idNumber, importCounty } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { COUNTY, orgUser } from '../../test/world';
import { waitForJob } from '../../jobs';

const log = (level: string, message: string, err?: unknown) => {
  if (level === 'error') console.error(message, err);
};

const SHARED_ACCOUNT_SQL = `
WITH per_account AS (
  SELECT account, min(village_code) AS village_code, count(DISTINCT id_number) AS people, sum(amount) AS total_amount,
         string_agg(DISTINCT name, '、' ORDER BY name) AS names
    FROM ds_benefit_payments
   WHERE account IS NOT NULL
   GROUP BY account
)
SELECT account, village_code, people, total_amount, names FROM per_account WHERE people >= :min_people
`;

const definition = (over: Record<string, unknown> = {}) => ({
  name: '同一账户收取多人补贴',
  description: '同一银行账户收取三人以上的补贴，可能被代领或冒领；现场核实账户所有人与领取人的关系。',
  category: 'subsidy',
  params: [{ key: 'min_people', label: '最少人数', type: 'int', default: 3, min: 2, max: 50, unit: '人' }],
  sql: SHARED_ACCOUNT_SQL,
  hitKey: ['account'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explainTemplate: '银行账户{account}收取了{people|count}人（{names}）的补贴共{total_amount|yuan}。',
  ...over,
});

describe('custom comparison models (自定义比对模型)', () => {
  let t: TestApp;
  let dataDir: string;
  let office: string;
  let team: string;
  let village: string;
  let datasets: string[];
  let modelId: string;
  let modelKey: string;

  const run = async (modelKeys: string[]) => {
    const r = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: datasets, modelKeys });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const job = await waitForJob(t.ctx, r.body.jobId, { log });
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    return (await api(t, office, 'GET', `/api/analytics/runs/${r.body.run.id}`)).body;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-custom-'));
    t = await createTestApp({ env: { XUNCHA_DATA_DIR: dataDir, XUNCHA_ANALYTICS_THREADS: '1', XUNCHA_ANALYTICS_MEMORY: '512MB' } });
    const admin = await t.login('admin');
    await importCounty(t, admin, COUNTY);
    const { rows } = await sql<{ code: string }>`select code from divisions where county_code = ${COUNTY} and level = 5 order by code`.execute(t.ctx.db);
    village = rows[0]!.code;
    office = (await orgUser(t, admin, 'office', COUNTY, 'office1', ['office'])).cookie;
    team = (await orgUser(t, admin, 'team', COUNTY, 'teama', ['team_leader'])).cookie;
    const people = ['张三', '李四', '王五', '赵六', '钱七'].map((name, i) => ({ name, id_number: idNumber('320481', `1950010${i + 1}`, 100 + i) }));
    const pay = (p: { name: string; id_number: string }, account: string) => ({ ...p, village_code: village, item: '低保', amount: 60000, pay_date: '2024-03-10', pay_date_precision: 'day', account });
    datasets = [
      await writeDataset(t, 'benefit_payments', '2024年低保发放', [
        // three people paid into one account: a hit
        pay(people[0]!, '6228480000000001'),
        pay(people[1]!, '6228480000000001'),
        pay(people[2]!, '6228480000000001'),
        pay(people[2]!, '6228480000000001'),
        // two people sharing an account: below the threshold
        pay(people[3]!, '6228480000000002'),
        pay(people[4]!, '6228480000000002'),
      ]),
    ];
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the datasets a model can read with their columns', async () => {
    const r = await api(t, office, 'GET', '/api/analytics/custom-models/relations');
    expect(r.status).toBe(200);
    const benefit = r.body.items.find((x: { name: string }) => x.name === 'ds_benefit_payments');
    expect(benefit.label).toBe('补贴救助发放');
    expect(benefit.columns.map((c: { name: string }) => c.name)).toContain('account');
  });

  it('refuses unsafe or broken SQL and missing columns with Chinese messages at the field', async () => {
    const refused = async (over: Record<string, unknown>) => {
      const r = await api(t, office, 'POST', '/api/analytics/custom-models', definition(over));
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return r.body as { message: string; details: { path: string; message: string }[] };
    };
    const copy = await refused({ sql: "COPY (SELECT * FROM ds_benefit_payments) TO '/tmp/x.csv'", params: [] });
    expect(copy.message).toContain('以 SELECT 或 WITH 开头');
    expect(copy.details[0]!.path).toBe('sql');
    const copyInside = await refused({ sql: "SELECT account, village_code FROM ds_benefit_payments WHERE 1 = 1; COPY ds_benefit_payments TO '/tmp/x'", params: [] });
    expect(copyInside.message).toMatch(/只能写一条查询语句|COPY/);
    const readCsv = await refused({ sql: "SELECT * FROM read_csv('/etc/passwd')", params: [] });
    expect(readCsv.message).toContain('read_csv');
    const notDataset = await refused({ sql: 'SELECT * FROM users', params: [] });
    expect(notDataset.message).toContain('不认识的数据集“users”');
    const missingKey = await refused({ hitKey: ['card_no'] });
    expect(missingKey.message).toContain('识别同一疑点的列“card_no”不在查询结果中');
    expect(missingKey.details[0]!.path).toBe('hitKey');
    const missingField = await refused({ explainTemplate: '账户{account}的户主{holder}' });
    expect(missingField.details[0]!.path).toBe('explainTemplate');
    expect(missingField.message).toContain('{holder}');
    const badColumn = await refused({ sql: 'SELECT acct AS account, village_code FROM ds_benefit_payments WHERE amount > :min_people' });
    expect(badColumn.message).toContain('查询语句无法执行');
    const undeclared = await refused({ params: [] });
    expect(undeclared.message).toContain('未定义的参数“:min_people”');
    expect(await t.ctx.db.selectFrom('analytics_custom_models').select('id').execute()).toHaveLength(0);
  });

  it('a team cannot create, check or change custom models (403)', async () => {
    expect((await api(t, team, 'POST', '/api/analytics/custom-models', definition())).status).toBe(403);
    expect((await api(t, team, 'POST', '/api/analytics/custom-models/check', definition())).status).toBe(403);
  });

  it('creates a valid model (audited), dry-run columns for the template preview, listed in the 模型库 as 自定义', async () => {
    const check = await api(t, office, 'POST', '/api/analytics/custom-models/check', definition());
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body).toEqual({ columns: ['account', 'village_code', 'people', 'total_amount', 'names'], requires: ['benefit_payments'] });
    const r = await api(t, office, 'POST', '/api/analytics/custom-models', definition());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: '同一账户收取多人补贴', requires: ['benefit_payments'], enabled: true, version: 1, categoryName: '惠民惠农补贴' });
    expect(r.body.key).toMatch(/^custom_[0-9a-f]{8}$/);
    modelId = r.body.id;
    modelKey = r.body.key;
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'analytics.custom_model').where('entity_id', '=', modelId).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(audit[0]!.after)).toContain('ds_benefit_payments');
    const library = (await api(t, office, 'GET', '/api/analytics/models')).body.items;
    const mine = library.find((m: { key: string }) => m.key === modelKey);
    expect(mine).toMatchObject({ name: '同一账户收取多人补贴', custom: { enabled: true }, params: [{ key: 'min_people', default: 3 }] });
    expect(library.find((m: { key: string }) => m.key === 'dead_paid').custom).toBeUndefined();
  });

  it('runs next to a built-in model: hits with explanations from the template, no duplicates on a re-run', async () => {
    const r = await run([modelKey, 'dead_paid']);
    expect(r.models.find((m: { key: string }) => m.key === modelKey).name).toBe('同一账户收取多人补贴');
    const outcome = r.results.find((o: { key: string }) => o.key === modelKey);
    expect(outcome).toMatchObject({ status: 'done', rows: 1, hits: 1, created: 1, amountFen: 240000 });
    expect(r.results.find((o: { key: string }) => o.key === 'dead_paid').status).toBe('skipped');
    const hits = (await api(t, office, 'GET', `/api/analytics/hits?pageSize=100&model=${modelKey}`)).body;
    expect(hits.total).toBe(1);
    expect(hits.items[0]).toMatchObject({ modelKey, modelName: '同一账户收取多人补贴', villageCode: village, amountFen: 240000 });
    expect(hits.items[0].explanation).toBe('银行账户6228480000000001收取了3人（张三、李四、王五）的补贴共2,400元。');
    // a lower threshold as a run parameter finds the shared account of two as well
    const again = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: datasets, modelKeys: [modelKey], params: { [modelKey]: { min_people: 2 } } });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect((await waitForJob(t.ctx, again.body.jobId, { log })).status).toBe('succeeded');
    const after = (await api(t, office, 'GET', `/api/analytics/hits?pageSize=100&model=${modelKey}`)).body;
    expect(after.total).toBe(2);
    const stats = (await api(t, office, 'GET', '/api/analytics/models')).body.items.find((m: { key: string }) => m.key === modelKey).stats;
    expect(stats).toMatchObject({ hits: 2, runs: 2, pending: 2 });
    const bad = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: datasets, modelKeys: [modelKey], params: { [modelKey]: { min_people: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('最少人数');
  });

  it('updates with a version check and disables (audited); a disabled model is no longer offered for runs', async () => {
    const stale = await api(t, office, 'PUT', `/api/analytics/custom-models/${modelId}`, { ...definition({ name: '同一账户领取多人补贴' }), version: 0 });
    expect(stale.status).toBe(409);
    const up = await api(t, office, 'PUT', `/api/analytics/custom-models/${modelId}`, { ...definition({ name: '同一账户领取多人补贴' }), version: 1 });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ name: '同一账户领取多人补贴', version: 2, key: modelKey });
    const badUpdate = await api(t, office, 'PUT', `/api/analytics/custom-models/${modelId}`, { ...definition({ sql: 'SELECT * FROM ds_benefit_payments; DROP TABLE users' }), version: 2 });
    expect(badUpdate.status).toBe(400);
    expect((await api(t, team, 'POST', `/api/analytics/custom-models/${modelId}/disable`, { version: 2 })).status).toBe(403);
    const off = await api(t, office, 'POST', `/api/analytics/custom-models/${modelId}/disable`, { version: 2 });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, version: 3 });
    const refused = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: datasets, modelKeys: [modelKey] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(`没有名为“${modelKey}”的模型`);
    const library = (await api(t, office, 'GET', '/api/analytics/models')).body.items;
    expect(library.find((m: { key: string }) => m.key === modelKey).custom).toEqual({ enabled: false });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'analytics.custom_model').where('entity_id', '=', modelId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect((await api(t, office, 'GET', `/api/analytics/custom-models/${randomUUID()}`)).status).toBe(404);
  });

  describe('scope: a county runs its own and its city’s models; the city sees, manages and runs both; another county sees neither of the county’s', () => {
    const OTHER = '320412'; // another county of the same city (常州市武进区)
    let city: string;
    let other: string;
    let cityModel: { id: string; key: string };
    let otherModel: { id: string; key: string };
    const listed = async (cookie: string) => (await api(t, cookie, 'GET', '/api/analytics/custom-models')).body.items as { id: string; key: string; editable: boolean; scopeCode: string; enabled: boolean; version: number }[];

    beforeAll(async () => {
      const admin = await t.login('admin');
      city = (await orgUser(t, admin, 'office', '3204', 'cityoffice', ['office'])).cookie;
      other = (await orgUser(t, admin, 'office', OTHER, 'otheroffice', ['office'])).cookie;
      const c = await api(t, city, 'POST', '/api/analytics/custom-models', definition({ name: '市定：同一账户收取多人补贴' }));
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      cityModel = c.body;
      const o = await api(t, other, 'POST', '/api/analytics/custom-models', definition({ name: '武进：同一账户收取多人补贴' }));
      expect(o.status, JSON.stringify(o.body)).toBe(201);
      otherModel = o.body;
    });

    it('the county sees its own and the city’s models (the city’s read-only), never another county’s', async () => {
      const mine = await listed(office);
      expect(mine.map((m) => [m.key, m.scopeCode, m.editable]).sort()).toEqual(
        [
          [modelKey, COUNTY, true],
          [cityModel.key, '3204', false],
        ].sort(),
      );
      expect(mine.map((m) => m.key)).not.toContain(otherModel.key);
      expect((await api(t, office, 'GET', `/api/analytics/custom-models/${otherModel.id}`)).status).toBe(404);
      expect((await api(t, office, 'POST', `/api/analytics/custom-models/${otherModel.id}/disable`, { version: 1 })).status).toBe(404);
      const library = (await api(t, office, 'GET', '/api/analytics/models')).body.items.map((m: { key: string }) => m.key);
      expect(library).toContain(cityModel.key);
      expect(library).not.toContain(otherModel.key);
      // the city's model is shown but changed only by the city
      const put = await api(t, office, 'PUT', `/api/analytics/custom-models/${cityModel.id}`, { ...definition({ name: '改名' }), version: 1 });
      expect(put.status).toBe(403);
      expect(put.body.message).toContain('上级');
      expect((await api(t, office, 'POST', `/api/analytics/custom-models/${cityModel.id}/disable`, { version: 1 })).status).toBe(403);
      // the other county neither sees the county's model nor can run it
      const theirs = await listed(other);
      expect(theirs.map((m) => m.key).sort()).toEqual([otherModel.key, cityModel.key].sort());
      expect((await api(t, other, 'GET', `/api/analytics/custom-models/${modelId}`)).status).toBe(404);
    });

    it('a county run uses the city’s model (by default and by key); another county’s model is unknown to it', async () => {
      const r = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: datasets });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      expect(r.body.run.models.map((m: { key: string }) => m.key)).toContain(cityModel.key);
      expect(r.body.run.models.map((m: { key: string }) => m.key)).not.toContain(otherModel.key);
      expect((await waitForJob(t.ctx, r.body.jobId, { log })).status).toBe('succeeded');
      const done = (await api(t, office, 'GET', `/api/analytics/runs/${r.body.run.id}`)).body;
      expect(done.results.find((o: { key: string }) => o.key === cityModel.key)).toMatchObject({ status: 'done', hits: 1, created: 1 });
      const hits = (await api(t, office, 'GET', `/api/analytics/hits?pageSize=100&model=${cityModel.key}`)).body;
      expect(hits.items.map((h: { villageCode: string }) => h.villageCode)).toEqual([village]);
      const refused = await api(t, office, 'POST', '/api/analytics/runs', { datasetIds: datasets, modelKeys: [otherModel.key] });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain(`没有名为“${otherModel.key}”的模型`);
    });

    it('the city sees and manages its counties’ models (audited at the county)', async () => {
      const all = await listed(city);
      expect(all.map((m) => m.key).sort()).toEqual([modelKey, cityModel.key, otherModel.key].sort());
      expect(all.every((m) => m.editable)).toBe(true);
      const county = all.find((m) => m.key === modelKey)!;
      const on = await api(t, city, 'POST', `/api/analytics/custom-models/${county.id}/enable`, { version: county.version });
      expect(on.status, JSON.stringify(on.body)).toBe(200);
      expect(on.body).toMatchObject({ enabled: true, scopeCode: COUNTY, editable: true });
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'scope_code']).where('entity', '=', 'analytics.custom_model').where('entity_id', '=', county.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: 'update', scope_code: COUNTY });
      // the county's model, enabled again by the city, is the county's to run again
      expect((await listed(office)).find((m) => m.key === modelKey)).toMatchObject({ enabled: true, editable: true });
    });

    it('a whole-city ad-hoc run applies each county’s model to that county’s villages only', async () => {
      const r = await api(t, city, 'POST', '/api/analytics/runs', { datasetIds: datasets, modelKeys: [modelKey, otherModel.key] });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      expect((await waitForJob(t.ctx, r.body.jobId, { log })).status).toBe('succeeded');
      const done = (await api(t, city, 'GET', `/api/analytics/runs/${r.body.run.id}`)).body;
      // both find the shared account in the county's village; only the county's own model keeps it
      expect(done.results.find((o: { key: string }) => o.key === modelKey)).toMatchObject({ status: 'done', rows: 1, hits: 1 });
      expect(done.results.find((o: { key: string }) => o.key === otherModel.key)).toMatchObject({ status: 'done', rows: 1, hits: 0 });
      const hits = (await api(t, city, 'GET', `/api/analytics/hits?pageSize=100&model=${modelKey}`)).body.items as { villageCode: string }[];
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.villageCode.startsWith(COUNTY))).toBe(true);
      expect((await api(t, city, 'GET', `/api/analytics/hits?pageSize=100&model=${otherModel.key}`)).body.total).toBe(0);
    });
  });
});
