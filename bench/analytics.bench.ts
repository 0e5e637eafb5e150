/**
 * 大数据比对 at scale: generate synthetic datasets with planted anomalies (server/analytics/synthetic.ts),
 * run every built-in model the way the run job does (the model's SQL with bound parameters, via
 * runModelOnDuckDB, over ds_<kind> views on the Parquet files that fill village codes from village
 * names like server/analytics/run.ts) next to a hand-written DuckDB query for the same result over
 * the Parquet files, alternating the order, median of N repeats; check recall of the planted
 * anomalies and report precision; then time imports: a GBK CSV through the import pipeline against
 * DuckDB's own read_csv of the UTF-8 file into Parquet, and a .xlsx with peak memory sampled.
 *
 *   npx tsx bench/analytics.bench.ts --rows 1e6 [--repeats 3] [--repeat-limit <s>] [--skip-import] [--import-rows 1e7] [--xlsx-rows 1e6 | 0 to skip the .xlsx]
 *
 * Prints markdown tables (for docs/benchmarks.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DATASET_KIND_KEYS, datasetKind } from '../domain/analytics/dataset-kinds';
import { suggestMapping } from '../domain/analytics/mapping';
import { BUILTIN_MODELS } from '../domain/analytics/models';
import { hitKeyOf } from '../domain/analytics/models/model';
import { analyticsEngine, sqlString } from '../server/analytics/engine';
import { importDataset } from '../server/analytics/import';
import { runModelOnDuckDB } from '../server/analytics/models-runner';
import { datasetViewSql, villageCodesMissing } from '../server/analytics/run';
import { previewSource } from '../server/analytics/readers';
import { generateSyntheticDatasets, syntheticVillages } from '../server/analytics/synthetic';
import { HAND_SQL } from './analytics-hand-sql';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const ROWS = Number(arg('--rows', '1e6'));
const REPEATS = Number(arg('--repeats', ROWS >= 1e8 ? '1' : '3'));
const SKIP_IMPORT = process.argv.includes('--skip-import');
const REPEAT_LIMIT = Number(arg('--repeat-limit', 'Infinity'));
const PLAIN_VIEWS = process.argv.includes('--plain-views');
const SKIP_MODELS = process.argv.includes('--skip-models');
const IMPORT_ROWS = Number(arg('--import-rows', '1e7'));
const XLSX_ROWS = Number(arg('--xlsx-rows', '1e6'));
const THREADS = Number(arg('--threads', String(os.cpus().length)));
const SEED = 2026;

const dataDir = fs.mkdtempSync(path.join(arg('--dir', os.tmpdir()), 'xuncha-analytics-bench-'));
const engine = analyticsEngine({ dataDir, analyticsThreads: THREADS, analyticsMemory: arg('--memory', '8GB') });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const sec = (ms: number) => (ms / 1000).toFixed(2);
const fmt = (n: number) => n.toLocaleString('en-US');

/** Peak RSS: the kernel's high-water mark (reset at the start) and process.memoryUsage sampled every 100 ms. */
function rssSampler() {
  let peak = 0;
  // reset the kernel's high-water mark so each import shows its own peak, not an earlier one's
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // without it (not Linux, old kernel) the mark covers the whole process so far
  }
  const vmHwm = () => {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  };
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss, vmHwm());
    },
  };
}

async function main() {
  const started = new Date();
  console.log(`# 大数据比对 bench — ${fmt(ROWS)} payment rows, ${THREADS} DuckDB threads, ${REPEATS} repeats${PLAIN_VIEWS ? ', library over plain Parquet views' : ''}, ${started.toISOString()}`);
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const villages = syntheticVillages(Math.min(5000, Math.max(60, Math.round(ROWS / 20_000))));
  const out = path.join(dataDir, 'synthetic');
  const t = performance.now();
  const gen = await generateSyntheticDatasets(engine, { villages, paymentRows: ROWS, seed: SEED, outDir: out, asOf: '2026-12-01', onProgress: (s) => console.error(`  ${s}`) });
  const genMs = performance.now() - t;
  const bytes = DATASET_KIND_KEYS.reduce((s, k) => s + fs.statSync(gen.files[k]).size, 0);
  console.log(`\n## Generator\n\n${villages.length} villages, ${gen.plantsPerModel} plants per model, ${sec(genMs)} s, ${(bytes / 1024 ** 2).toFixed(0)} MB of Parquet\n`);
  console.log('| kind | rows |\n|---|---:|');
  for (const k of DATASET_KIND_KEYS) console.log(`| ${datasetKind(k).label} (${k}) | ${fmt(gen.rows[k])} |`);

  if (SKIP_MODELS) {
    await importBench(gen.files.benefit_payments);
    return;
  }
  // models: library vs hand-written, same connection, alternating order
  const results = await engine.use(async (conn) => {
    await conn.run('CREATE TEMP TABLE _villages (name VARCHAR, code VARCHAR)');
    for (const v of villages) await conn.run('INSERT INTO _villages VALUES ($1, $2)', [v.name, v.code]);
    for (const kind of DATASET_KIND_KEYS) {
      const file = sqlString(gen.files[kind]);
      if (PLAIN_VIEWS) await conn.run(`CREATE TEMP VIEW ds_${kind} AS SELECT * FROM read_parquet(${file})`);
      else await conn.run(`CREATE TEMP VIEW ds_${kind} AS ${datasetViewSql(kind, [{ id: 'bench', file: gen.files[kind], codesMissing: await villageCodesMissing(conn, gen.files[kind]) }])}`);
      await conn.run(`CREATE TEMP VIEW pq_${kind} AS SELECT * FROM read_parquet(${file})`);
    }
    const rows: { key: string; name: string; lib: number; hand: number; hits: number; handHits: number; same: boolean; planted: number; found: number }[] = [];
    for (const model of BUILTIN_MODELS) {
      const hand = HAND_SQL[model.key];
      if (hand === undefined) throw new Error(`no hand-written SQL for ${model.key}`);
      const libTimes: number[] = [];
      const handTimes: number[] = [];
      let libKeys = new Set<string>();
      let handKeys = new Set<string>();
      const runLib = async () => {
        const t0 = performance.now();
        const r = await runModelOnDuckDB(conn, model, {}, { today: gen.asOf });
        libTimes.push(performance.now() - t0);
        libKeys = new Set(r.rows.map((x) => hitKeyOf(model, x)));
      };
      const runHand = async () => {
        const t0 = performance.now();
        const r = await readAll(conn, hand);
        handTimes.push(performance.now() - t0);
        handKeys = new Set(r.map((x) => hitKeyOf(model, x)));
      };
      for (let i = 0; i < REPEATS; i++) {
        // a model whose first pair took longer than --repeat-limit seconds is measured once (100M: the repeated-payment check)
        if (i === 1 && (libTimes[0]! + handTimes[0]!) / 1000 > REPEAT_LIMIT) break;
        if (i % 2 === 0) {
          await runLib();
          await runHand();
        } else {
          await runHand();
          await runLib();
        }
      }
      const planted = gen.planted.find((p) => p.modelKey === model.key)!.hitKeys;
      const found = planted.filter((k) => libKeys.has(k)).length;
      const same = libKeys.size === handKeys.size && [...libKeys].every((k) => handKeys.has(k));
      rows.push({ key: model.key, name: model.name, lib: median(libTimes), hand: median(handTimes), hits: libKeys.size, handHits: handKeys.size, same, planted: planted.length, found });
      console.error(`  ${model.key}: library ${sec(median(libTimes))} s, hand ${sec(median(handTimes))} s, hits ${libKeys.size}${same ? '' : ` (hand ${handKeys.size})`}, recall ${found}/${planted.length}`);
    }
    return rows;
  });
  console.log(`\n## Model library over ${fmt(gen.rows.benefit_payments)} payment rows (median of ${REPEATS}${REPEAT_LIMIT < Infinity ? `; a model whose first pair took over ${REPEAT_LIMIT} s, once` : ''})\n`);
  console.log('| model | library s | hand-written s | ratio | hits | same hits as hand | planted found | precision |\n|---|---:|---:|---:|---:|:-:|---:|---:|');
  let libTotal = 0;
  let handTotal = 0;
  for (const r of results) {
    libTotal += r.lib;
    handTotal += r.hand;
    const precision = r.hits === 0 ? '—' : `${((r.found / r.hits) * 100).toFixed(1)} %`;
    console.log(`| ${r.name} (${r.key}) | ${sec(r.lib)} | ${sec(r.hand)} | ${(r.lib / r.hand).toFixed(2)} | ${fmt(r.hits)} | ${r.same ? 'yes' : `no (${fmt(r.handHits)})`} | ${r.found}/${r.planted} | ${precision} |`);
  }
  console.log(`| **all 17 models** | **${sec(libTotal)}** | **${sec(handTotal)}** | **${(libTotal / handTotal).toFixed(2)}** | | | **${results.reduce((s, r) => s + r.found, 0)}/${results.reduce((s, r) => s + r.planted, 0)}** | |`);

  if (!SKIP_IMPORT) await importBench(gen.files.benefit_payments);
  console.log(`\nload average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; total ${sec(Date.now() - started.getTime())} s`);
}

async function readAll(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Object && 'toString' in v ? String(v) : v])));
}

const CSV_HEADERS: [string, string][] = [
  ['姓名', 'name'],
  ['身份证号码', 'id_number'],
  ['所属村', 'village'],
  ['村级区划代码', 'village_code'],
  ['乡镇', 'town'],
  ['补贴项目', 'item'],
  ['发放金额(元)', 'amount'],
  ['发放日期', 'pay_date'],
  ['补贴面积(亩)', 'area'],
  ['银行账号', 'account'],
];

async function importBench(paymentsFile: string) {
  const work = path.join(dataDir, 'import');
  fs.mkdirSync(work, { recursive: true });
  const utf8 = path.join(work, 'payments-utf8.csv');
  const gbk = path.join(work, 'payments-gbk.csv');
  // a roll as the 民政 system exports it: amounts in 元 with two decimals, areas in 亩
  const select = CSV_HEADERS.map(([h, k]) =>
    k === 'amount' ? `printf('%.2f', amount / 100.0) AS "${h}"` : k === 'area' ? `CASE WHEN area IS NULL THEN NULL ELSE printf('%.2f', area / 100.0) END AS "${h}"` : `${k} AS "${h}"`,
  );
  let t = performance.now();
  await engine.use(async (conn) => {
    const [{ n }] = (await readAll(conn, `SELECT count(*) AS n FROM read_parquet(${sqlString(paymentsFile)})`)) as [{ n: number }];
    const repeat = Math.ceil(IMPORT_ROWS / n);
    await conn.run(
      `COPY (SELECT ${select.join(', ')} FROM (SELECT p.* FROM range(0, ${repeat}) r(i), read_parquet(${sqlString(paymentsFile)}) p) LIMIT ${IMPORT_ROWS}) TO ${sqlString(utf8)} (HEADER, DELIMITER ',')`,
    );
  });
  // UTF-8 → GBK, streamed
  await new Promise<void>((resolve, reject) => {
    const input = fs.createReadStream(utf8);
    const output = fs.createWriteStream(gbk);
    input.pipe(iconv.decodeStream('utf8')).pipe(iconv.encodeStream('gbk')).pipe(output).on('finish', resolve).on('error', reject);
    input.on('error', reject);
  });
  console.log(`\n## Import\n\nCSV of ${fmt(IMPORT_ROWS)} payment rows written in ${sec(performance.now() - t)} s: UTF-8 ${(fs.statSync(utf8).size / 1024 ** 3).toFixed(2)} GB, GBK ${(fs.statSync(gbk).size / 1024 ** 3).toFixed(2)} GB\n`);

  // DuckDB's own read_csv of the UTF-8 file into Parquet, then the import pipeline on the GBK file
  // (sniff, stage, normalise, write) as the import job runs it. Process CPU time (DuckDB's threads
  // included) beside the wall clock: on a shared machine it is the steadier measure.
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  let cpu = process.cpuUsage();
  t = performance.now();
  await engine.use((conn) => conn.run(`COPY (SELECT * FROM read_csv(${sqlString(utf8)}, header = true, all_varchar = true)) TO ${sqlString(path.join(work, 'duck.parquet'))} (FORMAT parquet, COMPRESSION zstd)`));
  const duckMs = performance.now() - t;
  const duckCpu = cpuSeconds(cpu);

  cpu = process.cpuUsage();
  t = performance.now();
  const gbkResult = await importFile(gbk, 'payments-gbk.csv');
  const pipeMs = performance.now() - t;
  const pipeCpu = cpuSeconds(cpu);
  console.log('| import | rows | s | CPU s | rows/s | peak RSS |\n|---|---:|---:|---:|---:|---:|');
  console.log(`| DuckDB read_csv (UTF-8) → Parquet, all VARCHAR | ${fmt(IMPORT_ROWS)} | ${sec(duckMs)} | ${duckCpu.toFixed(2)} | ${fmt(Math.round(IMPORT_ROWS / (duckMs / 1000)))} | |`);
  console.log(`| import pipeline, GBK CSV (detect, decode, normalise, Parquet) | ${fmt(gbkResult.rows)} | ${sec(pipeMs)} | ${pipeCpu.toFixed(2)} | ${fmt(Math.round(gbkResult.rows / (pipeMs / 1000)))} | ${(gbkResult.peak / 1024 ** 3).toFixed(2)} GB |`);
  console.log(`\nratio pipeline / read_csv: **${(pipeMs / duckMs).toFixed(2)}** (CPU time ${(pipeCpu / duckCpu).toFixed(2)}); load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (XLSX_ROWS <= 0) return;

  // .xlsx: written with exceljs's streaming writer, imported with peak memory sampled
  const xlsx = path.join(work, 'payments.xlsx');
  t = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('发放花名册');
  sheet.addRow(CSV_HEADERS.map(([h]) => h)).commit();
  await engine.use(async (conn) => {
    const reader = await conn.stream(`SELECT ${select.join(', ')} FROM read_parquet(${sqlString(paymentsFile)}) LIMIT ${XLSX_ROWS}`);
    for (;;) {
      const chunk = await reader.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRows()) sheet.addRow(row.map((v) => (v === null ? null : String(v)))).commit();
    }
  });
  sheet.commit();
  await wb.commit();
  const xlsxWriteMs = performance.now() - t;
  t = performance.now();
  const xlsxResult = await importFile(xlsx, 'payments.xlsx');
  const xlsxMs = performance.now() - t;
  console.log(`\n.xlsx of ${fmt(XLSX_ROWS)} rows (${(fs.statSync(xlsx).size / 1024 ** 2).toFixed(0)} MB, written in ${sec(xlsxWriteMs)} s):\n`);
  console.log('| import | rows | s | rows/s | peak RSS (process high-water mark) |\n|---|---:|---:|---:|---:|');
  console.log(`| import pipeline, .xlsx (streamed) | ${fmt(xlsxResult.rows)} | ${sec(xlsxMs)} | ${fmt(Math.round(xlsxResult.rows / (xlsxMs / 1000)))} | ${(xlsxResult.peak / 1024 ** 3).toFixed(2)} GB |`);
}

/** User and system CPU seconds of this process since `from`. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
}

async function importFile(filePath: string, fileName: string): Promise<{ rows: number; peak: number }> {
  const sampler = rssSampler();
  const preview = await previewSource(engine, filePath, fileName);
  const headers = preview.rows[0]!.cells;
  const mapping = suggestMapping('benefit_payments', headers).mapping;
  const datasetId = randomUUID();
  // when each phase of the job began, to print where the time goes
  const phases = new Map<string, number>();
  const started = performance.now();
  const result = await importDataset(
    engine,
    { datasetId, filePath, info: preview.info, layout: { headerRow: preview.rows[0]!.row, headerRowCount: 1, dataStartRow: preview.rows[1]!.row, headers }, kind: 'benefit_payments', mapping },
    {
      signal: new AbortController().signal,
      progress: (phase) => {
        if (!phases.has(phase)) phases.set(phase, performance.now());
      },
    },
  );
  const ended = performance.now();
  const marks = [...phases.entries(), ['end', ended] as [string, number]];
  console.error(
    `  ${fileName}: ${marks
      .slice(0, -1)
      .map(([name, at], i) => `${name} ${sec(marks[i + 1]![1] - at)} s`)
      .join(', ')} (import job ${sec(ended - started)} s)`,
  );
  const peak = sampler.stop();
  if (result.rejectedCount > 0) console.error(`  ${fileName}: ${result.rejectedCount} rows rejected`, result.issues.counts.slice(0, 3));
  return { rows: result.rowCount, peak };
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    engine.close();
    if (!process.argv.includes('--keep')) fs.rmSync(dataDir, { recursive: true, force: true });
    void once;
  });
