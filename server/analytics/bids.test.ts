/**
 * The bid-rigging models (domain/analytics/models/bids.ts) over their fixtures on DuckDB, on PGlite and,
 * when the suite has TEST_DATABASE_URL, on a real PostgreSQL server: exactly the planted hits, the same
 * rows on every engine (statistics within a tolerance, flags identical), the statistics and type-8
 * fences against a JavaScript reference on the fixtures and on random tenders. The bid fixtures are
 * loaded alone here so counts and fences are exact; models.test.ts runs the same models over all
 * models' fixtures merged (other fixtures' tenders as negatives).
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../../domain/analytics/models';
import { BID_MODELS, bidPriceScreens, bidSharedTraits, bidWinnerConcentration, bidYoungFirm } from '../../domain/analytics/models/bids';
import { type ComparisonModel, hitKeyOf } from '../../domain/analytics/models/model';
import { quantileType8Sorted } from '../../domain/analytics/models/quantile';
import { MODEL_FIXTURES, V1, hitKey, loadFixturesIntoDuckDB, loadFixturesIntoPostgres } from './fixtures';
import { BID_FIRMS, BID_FIXTURES, PRICE_FLAGS, TENDERS } from './fixtures/bids';
import { openFixtureEngines } from './fixtures/engines';
import { type ModelRunResult, type PgExecutor, pgliteExecutor, runModelOnDuckDB, runModelOnPostgres } from './models-runner';
import { mulberry32 as rng } from '../../domain/shared/random';

let duck: DuckDBConnection;
let pgliteExec: PgExecutor;
let pgExec: PgExecutor | undefined;
let closeEngines: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ duck, pgliteExec, pgExec, close: closeEngines } = await openFixtureEngines(BID_FIXTURES.rows, 'bids_test', process.env.TEST_DATABASE_URL));
});

afterAll(async () => closeEngines?.());

/** Columns computed in floating point: equal across engines within a tolerance, not bit for bit. */
const FLOAT_COLUMNS = new Set(['cv', 'skewness', 'kurtosis', 'spread', 'rel_gap', 'gap_cv', 'q1', 'q3', 'lower_fence', 'upper_fence', 'share']);

const keysOf = (m: ComparisonModel, r: ModelRunResult) => r.rows.map((row) => hitKeyOf(m, row)).sort();
const byKey = (m: ComparisonModel, r: ModelRunResult) => new Map(r.rows.map((row) => [hitKeyOf(m, row), row]));

function expectSameRows(m: ComparisonModel, a: ModelRunResult, b: ModelRunResult, tolerance = 1e-9) {
  expect(b.columns).toEqual(a.columns);
  expect(keysOf(m, b)).toEqual(keysOf(m, a));
  const rowsB = byKey(m, b);
  for (const [key, rowA] of byKey(m, a)) {
    const rowB = rowsB.get(key)!;
    for (const c of a.columns) {
      if (FLOAT_COLUMNS.has(c) && typeof rowA[c] === 'number') {
        expect(typeof rowB[c], `${key} ${c}`).toBe('number');
        expect(Math.abs((rowB[c] as number) - (rowA[c] as number)), `${key} ${c}`).toBeLessThanOrEqual(tolerance);
      } else {
        expect(rowB[c], `${key} ${c}`).toEqual(rowA[c]);
      }
    }
  }
}

const engines = () => [
  ['PGlite', pgliteExec] as const,
  ...(pgExec ? ([['PostgreSQL', pgExec]] as const) : []),
];

describe.each(BID_MODELS.map((m) => [m.key, m] as const))('招投标模型 %s', (_key, model) => {
  const expected = [...(BID_FIXTURES.expected[model.key] ?? [])].sort();

  it('is in the built-in library, with planted positives', () => {
    expect(BUILTIN_MODELS).toContain(model);
    expect(model.category).toBe('bid');
    expect(expected.length).toBeGreaterThan(0);
  });

  it('returns exactly the planted hits on DuckDB and the same rows on PostgreSQL', async () => {
    const d = await runModelOnDuckDB(duck, model, undefined);
    expect(keysOf(model, d)).toEqual(expected);
    for (const [name, exec] of engines()) {
      const p = await runModelOnPostgres(exec, model, undefined);
      expect(keysOf(model, p), name).toEqual(expected);
      expectSameRows(model, d, p);
    }
  });

  it('explains each hit in Chinese with the project, the money and the dates', async () => {
    const d = await runModelOnDuckDB(duck, model, undefined);
    for (const row of d.rows) {
      expect(row[model.villageColumn]).toMatch(/^\d{12}$/);
      const s = model.explain(row);
      expect(s).toMatch(/\d{4}年\d{1,2}月/);
      expect(s).toMatch(/[\d,]+元/);
      expect(s.endsWith('。')).toBe(true);
      expect(s).not.toMatch(/undefined|null|NaN|\[object/);
      expect(s).not.toMatch(/\d{17}[\dX]/);
    }
  });
});

describe('bid_shared_traits', () => {
  it('names the bidders and the account tail of a shared bond account', async () => {
    const r = await runModelOnDuckDB(duck, bidSharedTraits, undefined);
    const bond = r.rows.find((x) => x.trait === 'bond_account')!;
    expect(bidSharedTraits.explain(bond)).toBe(
      '东关村道路硬化工程（标段DG-2023-01，2023年3月15日开标）的3家投标单位的投标保证金由同一账户（尾号1234）缴纳：' +
        '平阴县泰安路桥工程有限公司、平阴县恒信建设有限公司、平阴县兴达市政工程有限公司（该项目共4家投标，中标价1,080,000元），' +
        '属于《招标投标法实施条例》第四十条视为串通投标的情形，需核实。',
    );
    const rep = r.rows.find((x) => x.trait === 'legal_rep')!;
    expect(bidSharedTraits.explain(rep)).toContain('法定代表人同为周卫东（身份证3701**********');
    expect(bidSharedTraits.explain(rep)).toContain('第三十四条');
  });

  it("ignores office software's default author and creator, unless told otherwise", async () => {
    const r = await runModelOnPostgres(pgliteExec, bidSharedTraits, { generic_authors: '无', generic_creators: '无' });
    const extra = keysOf(bidSharedTraits, r).filter((k) => !BID_FIXTURES.expected.bid_shared_traits!.includes(k));
    expect(extra.sort()).toEqual([
      hitKey(V1.village_code, 'DG-2023-02', 'doc_author', 'administrator'),
      hitKey(V1.village_code, 'DG-2023-02', 'doc_creator', 'microsoftofficeword'),
    ]);
  });

  it('finds every trait once in its project, and none for a namesake legal representative or an account or address one digit away', async () => {
    const r = await runModelOnDuckDB(duck, bidSharedTraits, undefined);
    expect(r.rows.map((x) => `${x.project_id} ${x.trait}`).sort()).toEqual(
      ['DG-2023-01 bond_account', 'DG-2023-01 doc_author', 'NW-2023-01 address', 'NW-2023-01 doc_creator', 'XG-2023-01 legal_rep', 'XG-2023-01 phone'].sort(),
    );
    // 鲁源建筑 and 建安劳务 bid together in DG-2023-03 with legal representatives both named 王建设
    expect(TENDERS.find((t) => t.project_id === 'DG-2023-03')!.bids.map((b) => b[0])).toEqual(expect.arrayContaining(['A', 'N']));
    expect(BID_FIRMS.N.legal_rep_name).toBe(BID_FIRMS.A.legal_rep_name);
    expect(BID_FIRMS.N.legal_rep_id_number).not.toBe(BID_FIRMS.A.legal_rep_id_number);
  });

  it('a group needs at least min_bidders distinct bidders', async () => {
    const r = await runModelOnDuckDB(duck, bidSharedTraits, { min_bidders: 3 });
    expect(r.rows.map((x) => x.trait)).toEqual(['bond_account']);
  });
});

// ————————————————————————————————————————— JavaScript reference of the price screens

const r6 = (x: number) => Math.floor(x * 1000000 + 0.5) / 1000000;

interface RefStats {
  bids: number;
  cv: number;
  skewness: number | null;
  kurtosis: number | null;
  spread: number;
  rel_gap: number;
  gap_cv: number | null;
}

/** The screen's statistics of one tender's prices (fen), as the SQL defines them. */
function refStats(prices: readonly number[]): RefStats {
  const x = [...prices].sort((a, b) => a - b);
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (const v of x) {
    const d = v - mean;
    s2 += d * d;
    s3 += d * d * d;
    s4 += d * d * d * d;
  }
  const varS = s2 / (n - 1);
  const sd = Math.sqrt(varS);
  const gapMean = (x[n - 1]! - x[0]!) / (n - 1);
  let gs2 = 0;
  for (let i = 1; i < n; i++) gs2 += (x[i]! - x[i - 1]! - gapMean) ** 2;
  return {
    bids: n,
    cv: r6(sd / mean),
    skewness: s2 > 0 ? r6((n / ((n - 1) * (n - 2))) * (s3 / (sd * varS))) : null,
    kurtosis: s2 > 0 && n >= 4 ? r6(((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * (s4 / (varS * varS)) - (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3))) : null,
    spread: r6((x[n - 1]! - x[0]!) / x[0]!),
    rel_gap: r6((x[1]! - x[0]!) / x[0]!),
    gap_cv: gapMean > 0 ? r6(Math.sqrt(gs2 / (n - 2)) / gapMean) : null,
  };
}

function refFences(relGaps: readonly number[], k: number) {
  const s = [...relGaps].sort((a, b) => a - b);
  const q1 = quantileType8Sorted(s, 0.25);
  const q3 = quantileType8Sorted(s, 0.75);
  return { q1, q3, lower: q1 - k * (q3 - q1), upper: q3 + k * (q3 - q1) };
}

/** Statistics agree with the reference up to one unit in the sixth decimal (rounding of a last-bit difference). */
function expectStats(row: Record<string, unknown>, ref: RefStats, label: string) {
  expect(row.bids, label).toBe(ref.bids);
  for (const c of ['cv', 'skewness', 'kurtosis', 'spread', 'rel_gap', 'gap_cv'] as const) {
    if (ref[c] === null) expect(row[c], `${label} ${c}`).toBeNull();
    else expect(Math.abs((row[c] as number) - ref[c]!), `${label} ${c}`).toBeLessThanOrEqual(1.5e-6);
  }
}

describe('bid_price_screens', () => {
  const screened = TENDERS.filter((t) => t.bids.length >= 3);
  const statsOf = (id: string) => refStats(TENDERS.find((t) => t.project_id === id)!.bids.map((b) => b[1] * 100));

  it('flags each planted tender for its own reason, with statistics as the reference computes them', async () => {
    for (const run of [runModelOnDuckDB(duck, bidPriceScreens, undefined), runModelOnPostgres(pgliteExec, bidPriceScreens, undefined)]) {
      const r = await run;
      for (const row of r.rows) {
        const id = row.project_id as string;
        expect({ low_cv: row.low_cv, gap_outlier: row.gap_outlier, regular_gaps: row.regular_gaps }, id).toEqual(PRICE_FLAGS[id]);
        expectStats(row, statsOf(id), id);
      }
    }
  });

  it('computes the type-8 quartile fences over every tender with at least three bids', async () => {
    const ref = refFences(
      screened.map((t) => refStats(t.bids.map((b) => b[1] * 100)).rel_gap),
      1.5,
    );
    const r = await runModelOnDuckDB(duck, bidPriceScreens, undefined);
    for (const row of r.rows) {
      expect(row.tenders).toBe(screened.length);
      expect(row.q1 as number).toBeCloseTo(ref.q1, 12);
      expect(row.q3 as number).toBeCloseTo(ref.q3, 12);
      expect(row.lower_fence as number).toBeCloseTo(ref.lower, 12);
      expect(row.upper_fence as number).toBeCloseTo(ref.upper, 12);
    }
    // every ordinary tender lies inside the fences and above the CV threshold
    for (const t of screened) {
      const s = refStats(t.bids.map((b) => b[1] * 100));
      if (PRICE_FLAGS[t.project_id]) continue;
      expect(s.rel_gap, t.project_id).toBeGreaterThanOrEqual(ref.lower);
      expect(s.rel_gap, t.project_id).toBeLessThanOrEqual(ref.upper);
      expect(s.cv, t.project_id).toBeGreaterThanOrEqual(0.03);
    }
  });

  it('says that it is a screen to be verified', async () => {
    const r = await runModelOnDuckDB(duck, bidPriceScreens, undefined);
    const low = r.rows.find((x) => x.project_id === 'BL-2023-01')!;
    const s = bidPriceScreens.explain(low);
    expect(s).toContain('价格离散度异常低，疑似围标');
    expect(s).toContain('需调取投标文件和评标报告核实');
    expect(s).toContain('低于全县12个标段的下栅栏');
    expect(bidPriceScreens.explain(r.rows.find((x) => x.project_id === 'NW-2023-02')!)).toContain('投标报价呈规律性差异');
    expect(bidPriceScreens.explain(r.rows.find((x) => x.project_id === 'XG-2023-03')!)).toContain('其余投标人可能是陪标');
  });

  it('has no fences below min_tenders tenders', async () => {
    const r = await runModelOnDuckDB(duck, bidPriceScreens, { min_tenders: 13 });
    expect(r.rows.map((x) => [x.project_id, x.gap_outlier])).toEqual([
      ['NW-2023-02', null],
      ['BL-2023-01', null],
    ]);
  });
});

// ————————————————————————————————————————— random tenders against the reference

describe('bid_price_screens on random tenders', () => {
  let rDuckInstance: DuckDBInstance;
  let rDuck: DuckDBConnection;
  let rPglite: PGlite;
  let rExec: PgExecutor;

  beforeAll(async () => {
    rDuckInstance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: '1' });
    rDuck = await rDuckInstance.connect();
    await loadFixturesIntoDuckDB(rDuck, {});
    rPglite = await PGlite.create();
    rExec = pgliteExecutor(rPglite);
    await loadFixturesIntoPostgres(rExec, {});
  });
  afterAll(async () => {
    rDuck?.closeSync();
    rDuckInstance?.closeSync();
    await rPglite?.close();
  });

  async function load(tenders: Map<string, number[]>) {
    const values: (string | number)[] = [];
    const tuples: string[] = [];
    for (const [id, prices] of tenders) {
      prices.forEach((p, i) => {
        values.push(id, `随机投标人${i}`, p);
        const n = values.length;
        tuples.push(`(CAST($${n - 2} AS VARCHAR), '370124100201', CAST($${n - 1} AS VARCHAR), CAST($${n} AS BIGINT), ${i === 0 ? 'TRUE' : 'FALSE'}, DATE '2023-05-01')`);
      });
    }
    const sql = `INSERT INTO ds_bids (project_id, village_code, bidder_name, bid_price, won, bid_date) VALUES ${tuples.join(', ')}`;
    await rDuck.run('DELETE FROM ds_bids');
    await rDuck.run(sql, values as DuckDBValue[]);
    await rExec('DELETE FROM ds_bids', [], { readOnly: false });
    await rExec(sql, values, { readOnly: false });
  }

  it('matches the JavaScript statistics and type-8 fences, with identical flags on both engines', async () => {
    const random = rng(7040);
    // every tender returned: the CV threshold far above any CV
    const params = { max_cv: 100, min_tenders: 4, fence_k: 1.5 };
    for (let trial = 0; trial < 12; trial++) {
      const tenders = new Map<string, number[]>();
      const count = 4 + Math.floor(random() * 30);
      for (let t = 0; t < count; t++) {
        const n = 3 + Math.floor(random() * 6);
        const base = 50000 + Math.floor(random() * 5000000);
        const spread = random() < 0.2 ? 0.01 : 0.15;
        // prices in whole 元, ties possible
        tenders.set(`R${trial}-${String(t).padStart(3, '0')}`, Array.from({ length: n }, () => Math.round(base * (1 + spread * random()) / 100) * 100));
      }
      if (trial === 0) {
        // Excel's documentation sample: SKEW = 0.359543, KURT = -0.151800
        tenders.set('R0-EXCEL', [3, 4, 5, 2, 3, 4, 5, 6, 4, 7]);
      }
      await load(tenders);
      const d = await runModelOnDuckDB(rDuck, bidPriceScreens, params);
      const p = await runModelOnPostgres(rExec, bidPriceScreens, params);
      expect(d.rows).toHaveLength(tenders.size);
      expectSameRows(bidPriceScreens, d, p);

      const ref = new Map([...tenders].map(([id, prices]) => [id, refStats(prices)]));
      const fences = refFences([...ref.values()].map((s) => s.rel_gap), 1.5);
      for (const row of d.rows) {
        const id = row.project_id as string;
        const s = ref.get(id)!;
        expectStats(row, s, id);
        expect(Math.abs((row.q1 as number) - fences.q1)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs((row.q3 as number) - fences.q3)).toBeLessThanOrEqual(1e-12);
        const want = s.rel_gap > fences.upper ? 'high' : s.rel_gap < fences.lower ? 'low' : null;
        if (Math.abs(s.rel_gap - fences.upper) > 1e-9 && Math.abs(s.rel_gap - fences.lower) > 1e-9) expect(row.gap_outlier, id).toBe(want);
        if (id === 'R0-EXCEL') {
          expect(row.skewness as number).toBeCloseTo(0.359543, 6);
          expect(row.kurtosis as number).toBeCloseTo(-0.1518, 4);
        }
      }
    }
  });
});

// ————————————————————————————————————————— concentration and young firms

describe('bid_winner_concentration', () => {
  it('counts a village once per project and compares the share with the parameter', async () => {
    const r = await runModelOnDuckDB(duck, bidWinnerConcentration, undefined);
    expect(r.rows[0]).toMatchObject({ winner_name: BID_FIRMS.C.company_name, won_projects: 3, projects: 4, share: 0.75, won_amount: 201000000 });
    expect(bidWinnerConcentration.explain(r.rows[0]!)).toBe(
      `2023年4月至2024年3月，西关村有中标结果的4个招标项目中，平阴县恒信建设有限公司（统一社会信用代码${BID_FIRMS.C.credit_code}）中标3个，占75%，中标金额合计2,010,000元。`,
    );
    expect((await runModelOnPostgres(pgliteExec, bidWinnerConcentration, { min_share: 0.8 })).rows).toEqual([]);
    expect((await runModelOnDuckDB(duck, bidWinnerConcentration, { min_projects: 5 })).rows).toEqual([]);
  });
});

describe('bid_young_firm', () => {
  it('counts days between founding and the bid: 364 is young, 366 is not unless the limit is raised', async () => {
    const r = await runModelOnDuckDB(duck, bidYoungFirm, undefined);
    expect(r.rows[0]).toMatchObject({ founded_on: '2022-09-11', bid_date: '2023-09-10', age_days: 364, win_price: 54000000 });
    expect(bidYoungFirm.explain(r.rows[0]!)).toBe(
      `平阴县新禾园林绿化有限公司（统一社会信用代码${BID_FIRMS.I.credit_code}）成立于2022年9月11日，成立仅364天即以540,000元中标东关村排水沟改造工程（标段DG-2023-03，2023年9月10日开标），该项目共4家投标。`,
    );
    for (const run of [runModelOnDuckDB(duck, bidYoungFirm, { max_age_days: 367 }), runModelOnPostgres(pgliteExec, bidYoungFirm, { max_age_days: 367 })]) {
      const rows = (await run).rows;
      expect(rows.map((x) => [x.bidder_name, x.age_days])).toEqual([
        [BID_FIRMS.I.company_name, 364],
        [BID_FIRMS.J.company_name, 366],
      ]);
    }
  });

  it('a small contract won by a young firm counts only when the amount limit is lowered', async () => {
    const r = await runModelOnPostgres(pgliteExec, bidYoungFirm, { min_amount: 50000 });
    expect(r.rows.map((x) => [x.bidder_name, x.age_days])).toEqual([
      [BID_FIRMS.I.company_name, 364],
      [BID_FIRMS.L.company_name, 100],
    ]);
  });
});

describe('over every model’s fixtures merged', () => {
  it('each bid model still returns exactly its planted hits, the same on DuckDB and PGlite', async () => {
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: '1' });
    const conn = await instance.connect();
    const lite = await PGlite.create();
    try {
      await loadFixturesIntoDuckDB(conn, MODEL_FIXTURES.rows);
      const exec = pgliteExecutor(lite);
      await loadFixturesIntoPostgres(exec, MODEL_FIXTURES.rows);
      for (const model of BID_MODELS) {
        const d = await runModelOnDuckDB(conn, model, undefined);
        expect(keysOf(model, d), model.key).toEqual([...MODEL_FIXTURES.expected[model.key]!].sort());
        expectSameRows(model, d, await runModelOnPostgres(exec, model, undefined));
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
      await lite.close();
    }
  });
});
