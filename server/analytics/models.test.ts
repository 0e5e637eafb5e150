/**
 * The built-in comparison models over the same fixtures on DuckDB, on PGlite (PostgreSQL) and, when
 * the suite runs with TEST_DATABASE_URL, on a real PostgreSQL server: each returns exactly its planted
 * positives, none of the negatives, and the rows are identical across engines.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../../domain/analytics/models';
import { type ComparisonModel, hitKeyOf } from '../../domain/analytics/models/model';
import { MODEL_FIXTURES, loadFixturesIntoDuckDB, loadFixturesIntoPostgres } from './fixtures';
import { zhangXiuying } from './fixtures/subsidy';
import { LAND_SEVERITY } from './fixtures/land';
import { defineCustomModel } from '../../domain/analytics/models/custom';
import { openTestDatabase } from '../test/harness';
import {
  type ModelRunResult,
  type PgExecutor,
  kyselyExecutor,
  openDuckSandbox,
  runCustomModelOnDuckDB,
  runCustomModelOnPostgres,
  runModelOnDuckDB,
  runModelOnPostgres,
} from './models-runner';
import { openFixtureEngines } from './fixtures/engines';

const PG_URL = process.env.TEST_DATABASE_URL;

let duck: DuckDBConnection;
let pglite: PGlite;
let pgliteExec: PgExecutor;
let pgExec: PgExecutor | undefined;
let closeEngines: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ duck, pglite, pgliteExec, pgExec, close: closeEngines } = await openFixtureEngines(MODEL_FIXTURES.rows, 'models_test', process.env.TEST_DATABASE_URL));
});

afterAll(async () => closeEngines?.());

const paramsOf = (m: ComparisonModel) => MODEL_FIXTURES.params?.[m.key];
const keysOf = (m: ComparisonModel, r: ModelRunResult) => r.rows.map((row) => hitKeyOf(m, row)).sort();
const sortedRows = (m: ComparisonModel, r: ModelRunResult) => [...r.rows].sort((a, b) => hitKeyOf(m, a).localeCompare(hitKeyOf(m, b)));

describe.each(BUILTIN_MODELS.map((m) => [m.key, m] as const))('比对模型 %s', (_key, model) => {
  const expected = [...(MODEL_FIXTURES.expected[model.key] ?? [])].sort();

  it('has planted positives in the fixtures', () => {
    expect(expected.length).toBeGreaterThan(0);
  });

  it('returns exactly the planted positives on DuckDB, each once', async () => {
    const r = await runModelOnDuckDB(duck, model, paramsOf(model));
    expect(keysOf(model, r)).toEqual(expected);
  });

  it('returns the same rows on PostgreSQL (PGlite) as on DuckDB', async () => {
    const d = await runModelOnDuckDB(duck, model, paramsOf(model));
    const p = await runModelOnPostgres(pgliteExec, model, paramsOf(model));
    expect(keysOf(model, p)).toEqual(expected);
    expect(p.columns).toEqual(d.columns);
    expect(sortedRows(model, p)).toEqual(sortedRows(model, d));
  });

  it.skipIf(!PG_URL)('returns the same rows on a PostgreSQL server as on DuckDB', async () => {
    const d = await runModelOnDuckDB(duck, model, paramsOf(model));
    const p = await runModelOnPostgres(pgExec!, model, paramsOf(model));
    expect(keysOf(model, p)).toEqual(expected);
    expect(sortedRows(model, p)).toEqual(sortedRows(model, d));
  });

  it('explains every hit in a Chinese sentence with its money and dates', async () => {
    const r = await runModelOnDuckDB(duck, model, paramsOf(model));
    for (const row of r.rows) {
      expect(row[model.villageColumn]).toMatch(/^\d{12}$/);
      const s = model.explain(row);
      expect(s).toMatch(/[\u4e00-\u9fff]/);
      expect(s.endsWith('。')).toBe(true);
      expect(s).not.toMatch(/undefined|null|NaN|\[object/);
      if (model.amountColumn) expect(s).toMatch(/[\d,]+(\.\d{2})?元/);
      expect(s).toMatch(/\d{4}年/);
      // ID numbers appear masked, never in full
      expect(s).not.toMatch(/\d{17}[\dX]/);
    }
  });
});

describe('比对模型 details', () => {
  it('dead_paid: a person with two death records (one from a 15-digit source) is one hit counting only payments after the death month', async () => {
    const model = BUILTIN_MODELS.find((m) => m.key === 'dead_paid')!;
    const r = await runModelOnDuckDB(duck, model, undefined);
    const rows = r.rows.filter((row) => row.id_number === zhangXiuying.id_number);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ death_date: '2023-05-20', first_pay_date: '2023-06-10', last_pay_date: '2023-12-10', payments: 7, total_amount: 350000 });
    expect(model.explain(rows[0]!)).toBe('张秀英（身份证3701**********1220）于2023年5月20日死亡，2023年6月至2023年12月仍领取农村低保7笔，共计3,500元。'.replace('1220', zhangXiuying.id_number.slice(-4)));
  });

  it('dead_paid: a grace of months drops the early payments', async () => {
    const model = BUILTIN_MODELS.find((m) => m.key === 'dead_paid')!;
    const r = await runModelOnPostgres(pgliteExec, model, { grace_months: 3 });
    const row = r.rows.find((x) => x.id_number === zhangXiuying.id_number)!;
    expect(row).toMatchObject({ first_pay_date: '2023-09-10', payments: 4, total_amount: 200000 });
  });

  it('land models grade a cadre claimant harder', async () => {
    for (const key of ['area_over_cert', 'area_rising']) {
      const model = BUILTIN_MODELS.find((m) => m.key === key)!;
      const r = await runModelOnDuckDB(duck, model, undefined);
      for (const row of r.rows) expect(row.severity).toBe(LAND_SEVERITY[row.id_number as string]);
    }
  });

  it('lease_low_rent: the county median of an even number of contracts is the mean of the middle two', async () => {
    const model = BUILTIN_MODELS.find((m) => m.key === 'lease_low_rent')!;
    for (const run of [runModelOnDuckDB(duck, model, undefined), runModelOnPostgres(pgliteExec, model, undefined)]) {
      const r = await run;
      expect(r.rows.every((row) => row.median_rent_per_mu === 75000 && row.samples === 10)).toBe(true);
    }
  });

  it("lease_expired_occupied: the date defaults to the run's day", async () => {
    const model = BUILTIN_MODELS.find((m) => m.key === 'lease_expired_occupied')!;
    const early = await runModelOnDuckDB(duck, model, undefined, { today: '2023-03-01' });
    expect(keysOf(model, early)).toEqual(['370124100201|FW-2017-005']);
    const later = await runModelOnPostgres(pgliteExec, model, undefined, { today: '2024-06-30' });
    expect(keysOf(model, later)).toEqual([...MODEL_FIXTURES.expected.lease_expired_occupied!].sort());
  });

  it('a text parameter with a quote is bound as a value, not SQL', async () => {
    const model = BUILTIN_MODELS.find((m) => m.key === 'payroll_on_benefit')!;
    for (const run of [
      runModelOnDuckDB(duck, model, { items: "低保') OR 1=1 --" }),
      runModelOnPostgres(pgliteExec, model, { items: "低保') OR 1=1 --" }),
    ]) {
      const r = await run;
      expect(r.rows).toEqual([]);
    }
    const tables = await pglite.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'ds_benefit_payments'");
    expect(tables.rows[0]!.n).toBe(1);
  });
});

describe('自定义模型', () => {
  const custom = defineCustomModel({
    key: 'custom_big_relief',
    name: '大额临时救助',
    description: '单笔临时救助或危房改造补助达到阈值的发放记录，核实是否按标准审批。',
    category: 'subsidy',
    params: [{ key: 'min_yuan', label: '金额阈值', type: 'number', default: 1500, min: 0, unit: '元' }],
    sql: `SELECT p.id_number, p.name, p.village_code, p.item, p.amount, p.pay_date
FROM ds_benefit_payments p
WHERE p.amount >= :min_yuan * 100 AND (p.item LIKE '%救助%' OR p.item LIKE '%危房%')`,
    hitKey: ['id_number', 'pay_date'],
    villageColumn: 'village_code',
    amountColumn: 'amount',
    explainTemplate: '{name}（身份证{id_number|id}）于{pay_date|day}领取{item}{amount|yuan}。',
  });

  it('runs in the DuckDB sandbox like a built-in model, with the same rows as on PostgreSQL', async () => {
    const sandbox = await openDuckSandbox({ setup: (conn) => loadFixturesIntoDuckDB(conn, MODEL_FIXTURES.rows) });
    try {
      const d = await runCustomModelOnDuckDB(sandbox, custom, undefined);
      const p = await runCustomModelOnPostgres(pgliteExec, custom, undefined);
      expect(d.rows.map((r) => r.name).sort()).toEqual(['李娜', '王秀兰']);
      expect(sortedRows(custom, p)).toEqual(sortedRows(custom, d));
      expect(custom.explain(d.rows.find((r) => r.name === '李娜')!)).toMatch(/^李娜（身份证3701\*{10}\d{3}[\dX]）于2023年9月20日领取农村危房改造补助15,000元。$/);
    } finally {
      sandbox.close();
    }
  });

  it('the DuckDB sandbox refuses files, attaching and settings even if the check were bypassed', async () => {
    const sandbox = await openDuckSandbox({ setup: (conn) => loadFixturesIntoDuckDB(conn, MODEL_FIXTURES.rows) });
    try {
      await expect(sandbox.conn.run("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/Permission|disabled/);
      // DuckDB's default temp directory (.tmp under the working directory) is not readable either
      const probe = path.resolve('.tmp', `sandbox-probe-${randomBytes(4).toString('hex')}.csv`);
      fs.mkdirSync(path.dirname(probe), { recursive: true });
      fs.writeFileSync(probe, 'secret\n42\n');
      try {
        await expect(sandbox.conn.run(`SELECT * FROM read_csv('${probe}')`)).rejects.toThrow(/Permission|disabled/);
      } finally {
        fs.rmSync(probe, { force: true });
      }
      await expect(sandbox.conn.run("ATTACH '/tmp/xuncha-sandbox-escape.db' AS x")).rejects.toThrow(/Permission|disabled/);
      await expect(sandbox.conn.run("COPY ds_deaths TO '/tmp/xuncha-sandbox-escape.csv'")).rejects.toThrow(/Permission|disabled/);
      await expect(sandbox.conn.run('SET enable_external_access = true')).rejects.toThrow();
      await expect(sandbox.conn.run("SET allowed_directories = ['/']")).rejects.toThrow(/locked/);
      // the datasets are still there
      const r = await runModelOnDuckDB(sandbox.conn, BUILTIN_MODELS.find((m) => m.key === 'dead_paid')!, undefined);
      expect(r.rows.length).toBe(MODEL_FIXTURES.expected.dead_paid!.length);
    } finally {
      sandbox.close();
    }
  });

  it('runs on PostgreSQL in a READ ONLY transaction', async () => {
    await expect(pgliteExec('CREATE TABLE escaped (x int)', [], { readOnly: true })).rejects.toThrow(/read-only/);
    if (pgExec) await expect(pgExec('CREATE TABLE escaped (x int)', [], { readOnly: true })).rejects.toThrow(/read-only/);
  });

  it('refuses SQL that would escape before running it', async () => {
    const evil = { ...custom, sql: "SELECT * FROM read_csv('/etc/passwd')" };
    await expect(runCustomModelOnPostgres(pgliteExec, evil, undefined)).rejects.toThrow('read_csv');
  });
});

describe('比对模型 on the application database (Kysely)', () => {
  it('loads the datasets and returns the same rows as DuckDB through the app connection', async () => {
    const { database, drop } = await openTestDatabase();
    try {
      const exec = kyselyExecutor(database.db);
      await loadFixturesIntoPostgres(exec, MODEL_FIXTURES.rows);
      for (const key of ['dead_paid', 'area_rising', 'lease_low_rent']) {
        const model = BUILTIN_MODELS.find((m) => m.key === key)!;
        const d = await runModelOnDuckDB(duck, model, paramsOf(model));
        const k = await runModelOnPostgres(exec, model, paramsOf(model));
        expect(sortedRows(model, k)).toEqual(sortedRows(model, d));
      }
      await expect(exec('CREATE TABLE escaped (x int)', [], { readOnly: true })).rejects.toThrow(/read-only/);
    } finally {
      await database.close();
      await drop();
    }
  });
});
