#!/usr/bin/env node
// The one test command (`npm test`): unit and server tests on PGlite, the server suite again on a
// real PostgreSQL (a throw-away cluster on a local port), then the browser journeys in Chromium.
// Missing system packages (postgresql, chromium, CJK fonts) are installed with apt-get when run as
// root, as on a fresh CI machine. Ends with one line: "test: N passed, M failed".
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const env = { ...process.env, TZ: 'UTC' };
const skipPg = process.env.XUNCHA_TEST_SKIP_PG === '1';
const skipE2e = process.env.XUNCHA_TEST_SKIP_E2E === '1';
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];

function log(msg) {
  console.log(`\n=== ${msg}`);
}

function pgBinDir() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

function ensureSystemPackages() {
  const missing = [];
  if (!skipPg && !process.env.TEST_DATABASE_URL && !pgBinDir()) missing.push('postgresql');
  if (!skipE2e && !fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!skipE2e && !fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(`缺少系统软件包：${missing.join(' ')}。请以 root 运行：apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  log(`安装系统软件包：${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function vitest(label, args, extraEnv = {}) {
  log(label);
  const out = path.join(tmp, `vitest-${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: 'inherit',
  });
  if (!fs.existsSync(out)) {
    totals.failed++;
    failedSuites.push(`${label}（未产生结果，退出码 ${r.status}）`);
    return;
  }
  const res = JSON.parse(fs.readFileSync(out, 'utf8'));
  totals.passed += res.numPassedTests;
  totals.failed += res.numFailedTests;
  totals.skipped += res.numPendingTests + res.numTodoTests;
  if (r.status !== 0 || res.numFailedTests > 0) {
    failedSuites.push(label);
    if (res.numFailedTests === 0) totals.failed++; // a suite that failed to load counts as a failure
  }
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function withPostgres(fn) {
  if (process.env.TEST_DATABASE_URL) return fn(process.env.TEST_DATABASE_URL);
  const bin = pgBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-pg-'));
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const as = (cmd, args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (isRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (cmd, args) => {
    const [c, a] = as(cmd, args);
    execFileSync(c, a, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  log(`启动临时 PostgreSQL（${path.basename(path.dirname(bin))}，端口 ${port}）`);
  run(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  try {
    return await fn(`postgres://postgres@127.0.0.1:${port}/postgres`);
  } finally {
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'fast', 'stop']);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function e2e(extraEnv = {}) {
  log('浏览器端到端测试（Chromium）');
  const r = spawnSync(process.execPath, [path.join(root, 'e2e/run.mjs')], { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout ?? '');
  const m = /e2e: (\d+) passed, (\d+) failed/.exec(r.stdout ?? '');
  if (m) {
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
  }
  if (r.status !== 0 || !m) {
    failedSuites.push('e2e');
    if (!m || Number(m[2]) === 0) totals.failed++;
  }
}

ensureSystemPackages();
vitest('PGlite', []);
if (!skipPg) await withPostgres(async (url) => vitest('PostgreSQL', ['server'], { TEST_DATABASE_URL: url }));
if (!skipE2e) e2e();

console.log(`\n${failedSuites.length ? `失败：${failedSuites.join('、')}` : '全部通过'}`);
console.log(`test: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSuites.length || totals.failed ? 1 : 0);
