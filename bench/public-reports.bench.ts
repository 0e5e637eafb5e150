/**
 * 码上巡 — the report page and submissions, against the real server (`xuncha serve` as a child process,
 * real sockets), on PGlite and on a throw-away PostgreSQL in the same run.
 *
 * 1. Pages (PGlite server; the pages are server-rendered by report.page.ts and do not touch the database
 *    after the one lookup of the code): the poster code's page /p/r/<code> and the receipt page /p/receipt
 *    opened cold (a fresh browser context per load, cache disabled through CDP) in Debian's Chromium on a
 *    360×740 phone viewport, throttled through CDP Network.emulateNetworkConditions to 400 kbit/s down,
 *    400 kbit/s up and 400 ms round trip (as e2e/run.mjs does), and unthrottled for comparison. Median of
 *    N loads. Measured:
 *    - bytes: the sum of CDP Network.loadingFinished encodedDataLength (headers and body as sent) of every
 *      request of the page (HTML, anything it fetches, the browser's own favicon request) until the network
 *      has been quiet for 1 s after the load event; nothing is attached, so this is the weight before any
 *      attachment;
 *    - usable: milliseconds from navigation start (performance.timeOrigin) until, polled every 20 ms, the
 *      document has been parsed (readyState is not "loading": the inline script at the end of the body that
 *      wires the form has run) and the form's controls are there and enabled — on the report page the
 *      category select #category and the submit button #go, on the receipt page the receipt field #r and
 *      its button #go;
 *    - load: the navigation's loadEventEnd.
 * 2. Submissions through the public HTTP API, with and without a photo (a 160×120 PNG of noise with a
 *    text chunk the server strips, ~58 KB: the upload request, then the report naming it), anonymous and
 *    named (the identity sealed to the office key, which the bench sets up first as the office does), at
 *    concurrency 1 and 8, a fixed count each (200; --quick 40), after 16 warm-up submissions of every kind.
 *
 * Rate limits: the public limits are the product's, so the bench keeps them on and is honest about how it
 * passes them. Each submission comes from its own client address (the server runs with
 * XUNCHA_TRUST_PROXY=true and the bench sends X-Forwarded-For with a distinct 127.x.y.z loopback address,
 * as a proxy in front of real villagers' phones would), so the per-client windows (10 reports an hour) and
 * the per-address in-memory caps never bind; the global windows (300 reports a minute over all clients) would
 * cap any run faster than 5/s, so the server runs with XUNCHA_PUBLIC_RATE_SCALE=1000 (server/config.ts: it
 * multiplies every public limit; 1 in production). The limiter still reads and writes public_rate_events for
 * every submission, as in production.
 *
 * Run: `npx tsx bench/public-reports.bench.ts [--quick]`.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import pg from 'pg';
import { chromium, type Browser } from 'playwright-core';

const quick = process.argv.includes('--quick');
const COUNT = quick ? 40 : 200;
const LOADS = quick ? 3 : 5;
const WARMUP = 16;
const repo = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const ADMIN_PASSWORD = 'Bench-Admin#2026';
const PASSPHRASE = '巡察办身份信息密钥口令基准测试';
const AREA = '510181';
const VILLAGE = '510181002003'; // 翔凤桥社区
const THROTTLED = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// — a small photo: PNG of noise (incompressible, like a photo) with a tEXt chunk the server strips —

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function noisePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Comment\0GPS 31.0N 103.6E, taken 2026-12-03 09:15', 'latin1')),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PHOTO = noisePng(160, 120);

// — the server —

interface Server {
  base: string;
  child: ChildProcess;
  stop: () => Promise<void>;
  rssMiB: () => number;
}

async function startServer(databaseUrl?: string): Promise<Server> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-bench-pr-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    XUNCHA_DATA_DIR: dataDir,
    XUNCHA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    XUNCHA_TRUST_PROXY: 'true',
    XUNCHA_PUBLIC_RATE_SCALE: '1000',
    XUNCHA_ALERT_INTERVAL_MINUTES: '0',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'xuncha.js'), 'serve'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout!.on('data', (c) => log.push(String(c)));
  child.stderr!.on('data', (c) => log.push(String(c)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`server did not start:\n${log.join('')}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server start timed out:\n${log.join('')}`);
    await sleep(250);
  }
  return {
    base,
    child,
    rssMiB: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : NaN;
    },
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        for (let i = 0; i < 60 && !exited; i++) await sleep(250);
        if (!exited) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// — the office's setup through the API (as e2e/run.mjs's 码上巡 journey) —

const chinaDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function setUp(base: string): Promise<{ posterPath: string; cookie: string }> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const api = async (method: string, url: string, data?: unknown) => {
    const r = await fetch(`${base}${url}`, { method, headers: { cookie, ...(data !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(data !== undefined ? { body: JSON.stringify(data) } : {}) });
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  await api('POST', '/api/registry/divisions/import', { county: AREA });
  const today = chinaDate();
  const year = Number(today.slice(0, 4));
  const days = await api('GET', `/api/planning/calendar/working-days?from=${chinaDate(-30)}&to=${chinaDate(-1)}`);
  const d1: string = days.dates.at(-3);
  const round = await api('POST', '/api/planning/rounds', {
    countyCode: AREA,
    year,
    number: 6,
    theme: '聚焦群众身边的不正之风',
    startDate: d1 < `${year}-01-01` ? `${year}-01-01` : d1,
    endDate: chinaDate(30) > `${year}-12-31` ? `${year}-12-31` : chinaDate(30),
  });
  const teamOrg = await api('POST', '/api/access/organisations', { kind: 'team', name: '县委第六巡察组', scopeCode: AREA });
  const leader = await api('POST', '/api/planning/people', { countyCode: AREA, name: '孙正平', unit: '县委组织部', expertise: ['党建'] });
  const team = await api('POST', `/api/planning/rounds/${round.id}/teams`, { name: '第六巡察组', orgId: teamOrg.id, leaderAuthorisation: { documentNumber: '都巡〔2026〕16号', date: round.startDate } });
  await api('POST', `/api/planning/rounds/${round.id}/teams/${team.id}/members`, { personId: leader.id, role: 'leader' });
  await api('POST', `/api/planning/rounds/${round.id}/targets`, { kind: 'village', code: VILLAGE, mode: 'direct', teamId: team.id });
  await api('POST', `/api/checklists/rounds/${round.id}/generate`);
  await api('POST', `/api/planning/rounds/${round.id}/phase`, { to: 'entry' });
  await api('POST', '/api/public-reports/key', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  await api('POST', '/api/public-reports/codes', { roundId: round.id });
  const codes = await api('GET', `/api/public-reports/codes?roundId=${round.id}`);
  const poster = codes.items.find((c: { scope: string }) => c.scope === 'target');
  return { posterPath: poster.path, cookie };
}

// — pages —

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function loadPage(browser: Browser, url: string, throttled: boolean, controls: [string, string]) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) await cdp.send('Network.emulateNetworkConditions', THROTTLED);
    let bytes = 0;
    let inFlight = 0;
    let lastEvent = performance.now();
    const requests: string[] = [];
    const urls = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (e) => {
      urls.set(e.requestId, e.request.url);
      inFlight++;
      lastEvent = performance.now();
    });
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      inFlight--;
      lastEvent = performance.now();
      requests.push(`${new URL(urls.get(e.requestId) ?? 'about:blank').pathname} ${e.encodedDataLength}`);
    });
    cdp.on('Network.loadingFailed', () => {
      inFlight--;
      lastEvent = performance.now();
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const usable = await page.waitForFunction(
      ([a, b]) => {
        const x = document.getElementById(a!) as HTMLInputElement | HTMLSelectElement | null;
        const y = document.getElementById(b!) as HTMLButtonElement | null;
        return document.readyState !== 'loading' && x !== null && !x.disabled && y !== null && !y.disabled ? performance.now() : false;
      },
      controls,
      { polling: 20, timeout: 60_000 },
    );
    const usableMs = (await usable.jsonValue()) as number;
    await page.waitForLoadState('load');
    // anything fetched after load counts too (the browser's favicon request): until the network is quiet 1 s
    for (const until = performance.now() + 15_000; performance.now() < until && (inFlight > 0 || performance.now() - lastEvent < 1000); ) await sleep(50);
    // in the page: the navigation entry's load event end, ms since navigation start
    const loadMs = await page.evaluate(`performance.getEntriesByType('navigation')[0].loadEventEnd`);
    return { bytes, usableMs, loadMs: Number(loadMs), requests: [...requests] };
  } finally {
    await context.close();
  }
}

async function measurePages(base: string, posterPath: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const version = browser.version();
  const rows: { page: string; network: string; bytes: number; usableMs: number; loadMs: number; requests: string[] }[] = [];
  try {
    for (const [name, url, controls] of [
      ['report page /p/r/<code>', `${base}${posterPath}`, ['category', 'go']],
      ['receipt page /p/receipt', `${base}/p/receipt`, ['r', 'go']],
    ] as const) {
      for (const throttled of [true, false]) {
        const loads = [];
        for (let i = 0; i < LOADS; i++) loads.push(await loadPage(browser, url, throttled, [...controls] as [string, string]));
        rows.push({
          page: name,
          network: throttled ? '400 kbit/s, 400 ms' : 'unthrottled',
          bytes: median(loads.map((l) => l.bytes)),
          usableMs: median(loads.map((l) => l.usableMs)),
          loadMs: median(loads.map((l) => l.loadMs)),
          requests: loads[0]!.requests,
        });
      }
    }
  } finally {
    await browser.close();
  }
  return { version, rows };
}

// — submissions —

let clientSeq = 0;
/** A distinct client per submission: 127.x.y.z (loopback range; it only travels in the header). */
const nextClient = () => {
  const i = ++clientSeq;
  return `127.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`;
};

interface Variant {
  named: boolean;
  photo: boolean;
  concurrency: number;
}

async function submitOne(base: string, posterPath: string, v: Variant): Promise<number> {
  const started = performance.now();
  const client = nextClient();
  const code = posterPath.split('/').at(-1)!;
  const attachments: unknown[] = [];
  if (v.photo) {
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(PHOTO)], { type: 'image/png' }), 'IMG_20261203_091500.png');
    const up = await fetch(`${base}/api/public/reports/uploads`, { method: 'POST', headers: { 'x-forwarded-for': client }, body: fd });
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
    const u = (await up.json()) as { uploadId: string; fileName: string; mime: string; size: number };
    attachments.push({ uploadId: u.uploadId, fileName: u.fileName, mime: u.mime, size: u.size });
  }
  const report = {
    submissionId: randomUUID(),
    anonymous: !v.named,
    ...(v.named ? { identity: { name: '欧阳翠花', phone: '13912345678' } } : {}),
    category: 'other',
    description: '村里集体鱼塘的承包费三年没有公开，不知道钱用到哪里去了，请巡察组查一查。',
    attachments,
  };
  const r = await fetch(`${base}/api/public/reports/codes/${code}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify({ report }) });
  if (r.status !== 200) throw new Error(`submit: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { receipt: string };
  if (!/^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$/.test(body.receipt)) throw new Error(`no receipt: ${JSON.stringify(body)}`);
  return performance.now() - started;
}

async function runVariant(base: string, posterPath: string, v: Variant, count: number) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: v.concurrency }, async () => {
      while (next < count) {
        next++;
        latencies.push(await submitOne(base, posterPath, v));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = [...latencies].sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
}

const VARIANTS: Variant[] = [false, true].flatMap((named) => [false, true].flatMap((photo) => [1, 8].map((concurrency) => ({ named, photo, concurrency }))));
const variantName = (v: Variant) => `${v.named ? 'named' : 'anonymous'}, ${v.photo ? 'with photo' : 'no attachment'}, concurrency ${v.concurrency}`;

async function runSubmissions(label: string, databaseUrl?: string) {
  const server = await startServer(databaseUrl);
  try {
    const { posterPath, cookie } = await setUp(server.base);
    // warm-up: every kind once or twice, not measured (the first requests compile and open connections)
    for (let i = 0; i < WARMUP; i++) await submitOne(server.base, posterPath, { named: i % 2 === 1, photo: (i >> 1) % 2 === 0, concurrency: 1 });
    const out: Record<string, { perSecond: number; p50: number; p95: number }> = {};
    for (const v of VARIANTS) {
      out[variantName(v)] = await runVariant(server.base, posterPath, v, COUNT);
      console.log(`  ${label}: ${variantName(v)}: ${out[variantName(v)]!.perSecond.toFixed(1)}/s`);
    }
    // every submission is in the inbox
    const inbox = await fetch(`${server.base}/api/public-reports/reports?page=1&pageSize=1`, { headers: { cookie } }).then((r) => r.json() as Promise<{ total: number }>);
    const expected = WARMUP + VARIANTS.length * COUNT;
    if (inbox.total !== expected) throw new Error(`${label}: the inbox holds ${inbox.total} reports, expected ${expected}`);
    return { label, out, rssMiB: server.rssMiB(), posterPath, base: server.base, server };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

// — run —

const { withPostgres, pgBinDir } = await import('../scripts/pg-cluster.mjs');
console.log(`码上巡 bench: ${COUNT} submissions per variant, ${LOADS} cold loads per page${quick ? ' (quick)' : ''}`);

const lite = await runSubmissions('PGlite');
let pages;
try {
  pages = await measurePages(lite.base, lite.posterPath);
} finally {
  await lite.server.stop();
}
let pgVersion = '';
const pgRun = await withPostgres(async (url: string) => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  pgVersion = (await admin.query('show server_version')).rows[0].server_version;
  await admin.query('create database xuncha_bench');
  await admin.end();
  const r = await runSubmissions('PostgreSQL', url.replace(/\/postgres$/, '/xuncha_bench'));
  await r.server.stop();
  return r;
});

const chromiumVersion = pages.version;
const nproc = execFileSync('nproc').toString().trim();
console.log(`\nmachine: ${os.cpus()[0]?.model}, nproc ${nproc}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, Chromium ${chromiumVersion}, PostgreSQL ${pgVersion} (${pgBinDir()}, fsync off), ${new Date().toISOString().slice(0, 10)}`);
console.log(`photo: ${PHOTO.length} bytes PNG; ${COUNT} submissions per row after ${WARMUP} warm-up; pages: median of ${LOADS} cold loads\n`);
console.log('| page | network | bytes | usable (ms) | load event (ms) |');
console.log('|---|---|---|---|---|');
for (const r of pages.rows) console.log(`| ${r.page} | ${r.network} | ${r.bytes.toLocaleString('en-US')} | ${Math.round(r.usableMs)} | ${Math.round(r.loadMs)} |`);
for (const r of pages.rows.filter((x) => x.network !== 'unthrottled')) console.log(`  requests of ${r.page}: ${r.requests.join('; ')}`);
console.log('\n| submissions | PGlite /s (p50 / p95 ms) | PostgreSQL /s (p50 / p95 ms) | PGlite / PostgreSQL |');
console.log('|---|---|---|---|');
for (const k of Object.keys(lite.out)) {
  const a = lite.out[k]!;
  const b = pgRun.out[k]!;
  console.log(`| ${k} | ${a.perSecond.toFixed(1)} (${a.p50.toFixed(0)} / ${a.p95.toFixed(0)}) | ${b.perSecond.toFixed(1)} (${b.p50.toFixed(0)} / ${b.p95.toFixed(0)}) | ${(a.perSecond / b.perSecond).toFixed(2)} |`);
}
console.log(`| server RSS after the run (MiB) | ${lite.rssMiB} | ${pgRun.rssMiB} | ${(lite.rssMiB / pgRun.rssMiB).toFixed(2)} |`);
