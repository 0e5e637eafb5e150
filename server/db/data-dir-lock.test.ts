import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/xuncha.js');

describe('one process per PGlite data directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-lock-'));
  const env = { ...process.env, XUNCHA_DATA_DIR: dir, XUNCHA_ADMIN_PASSWORD: 'Admin@12345', PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: '' };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second process clearly while the server runs, and nothing is lost', async () => {
    await run(process.execPath, [bin, 'import', 'divisions', '--county', '510181'], { env, cwd: root });
    const server = spawn(process.execPath, [bin, 'serve'], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          if (out.includes('巡察平台已启动')) resolve();
        });
        server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
      const second = await run(process.execPath, [bin, 'audit', 'verify'], { env, cwd: root }).catch((e) => e);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('正被另一个 xuncha 进程使用');
      expect(second.stderr).toContain(String(server.pid));
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    // The lock went with the server; the data is intact.
    const after = await run(process.execPath, [bin, 'audit', 'verify'], { env, cwd: root });
    expect(after.stdout).toMatch(/审计日志完好：共校验 \d+ 条/);
  }, 180_000); // four processes, each migrating or opening PGlite: ~40 s on a busy 2-core machine

  it('takes over a stale lock left by a killed process', async () => {
    fs.writeFileSync(path.join(dir, 'xuncha.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), purpose: 'serve', since: 'x' }));
    const r = await run(process.execPath, [bin, 'migrate'], { env, cwd: root });
    expect(r.stdout).toContain('数据库已是最新版本');
  });
});
