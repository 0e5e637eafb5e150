#!/usr/bin/env node
// The one test command (`npm test`): unit and server tests on PGlite, the server suite again on a
// real PostgreSQL (a throw-away cluster on a local port), then the browser journeys in Chromium.
// Missing system packages (postgresql, chromium, CJK fonts, LibreOffice Writer) are installed with apt-get when run as
// root, as on a fresh CI machine. Ends with one line: "test: N passed, M failed".
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pgBinDir, withPostgres } from './pg-cluster.mjs';

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const env = { ...process.env, TZ: 'UTC' };
const skipPg = process.env.XUNCHA_TEST_SKIP_PG === '1';
const skipE2e = process.env.XUNCHA_TEST_SKIP_E2E === '1';
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];
const failedTests = [];

function log(msg) {
  console.log(`\n=== ${msg}`);
}

function onPath(bin) {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, bin)));
}

function ensureSystemPackages() {
  const missing = [];
  if (!skipPg && !process.env.TEST_DATABASE_URL && !pgBinDir()) missing.push('postgresql');
  if (!skipE2e && !fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!skipE2e && !fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) missing.push('fonts-noto-cjk');
  // the .docx → PDF conversion test (server/modules/documents/libreoffice.test.ts)
  if (!onPath('libreoffice') && !onPath('soffice')) missing.push('libreoffice-writer-nogui');
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    // LibreOffice only feeds one conversion test, which skips itself with a notice when it is absent
    const required = missing.filter((p) => p !== 'libreoffice-writer-nogui');
    if (required.length === 0) {
      console.warn('未安装 LibreOffice，.docx → PDF 转换测试将跳过。请以 root 运行：apt-get install -y libreoffice-writer-nogui');
      return;
    }
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
  for (const file of res.testResults ?? []) {
    const rel = path.relative(root, file.name);
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failedTests.push(`[${label}] ${rel}：${firstLines(file.message)}`);
    }
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') failedTests.push(`[${label}] ${rel} › ${t.fullName}：${firstLines((t.failureMessages ?? []).join('\n'))}`);
    }
  }
  if (r.status !== 0 || res.numFailedTests > 0) {
    failedSuites.push(label);
    if (res.numFailedTests === 0) totals.failed++; // a suite that failed to load counts as a failure
  }
}

// the first lines of a failure, so that the end of the log (often all a CI page shows) says what failed
function firstLines(text = '') {
  return String(text).split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(0, 6).join('\n    ');
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
if (!skipPg) {
  const runPg = (url) => vitest('PostgreSQL', ['server'], { TEST_DATABASE_URL: url });
  if (process.env.TEST_DATABASE_URL) runPg(process.env.TEST_DATABASE_URL);
  else await withPostgres(async (url) => runPg(url), log);
}
if (!skipE2e) e2e();

if (failedTests.length) console.log(`\n失败的测试：\n${failedTests.map((t) => `  ✗ ${t}`).join('\n')}`);
console.log(`\n${failedSuites.length ? `失败：${failedSuites.join('、')}` : '全部通过'}`);
console.log(`test: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSuites.length || totals.failed ? 1 : 0);
