#!/usr/bin/env node
// Builds the staff web app into dist/web when it is missing or older than its sources.
// Plain Node ESM (no TypeScript) so `npm start` can run it before anything else.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(repo, 'dist', 'web', 'index.html');
const sources = ['web', 'domain', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(repo, p));
const SKIP = new Set(['node_modules', '.git', 'artifacts']);

/** Newest modification time of a file or of any file below a directory. */
function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

function builtAt() {
  try {
    return fs.statSync(index).mtimeMs;
  } catch {
    return 0;
  }
}

const force = process.argv.includes('--force');
const built = builtAt();
const newest = Math.max(...sources.map(newestMtime));

if (!force && built > 0 && built >= newest) {
  console.log('前端已是最新');
  process.exit(0);
}

console.log('正在构建前端……');
let vite;
try {
  vite = await import('vite');
} catch {
  if (built > 0) {
    console.warn('未安装 vite（开发依赖），继续使用已有的前端构建（可能不是最新）');
    process.exit(0);
  }
  console.error('无法构建前端：未安装 vite。请先运行 npm install（含开发依赖）。');
  process.exit(1);
}
const started = Date.now();
try {
  await vite.build({ configFile: path.join(repo, 'vite.config.ts'), logLevel: 'warn' });
} catch (err) {
  console.error('前端构建失败：', err instanceof Error ? err.message : err);
  process.exit(1);
}
console.log(`前端构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：dist/web`);
