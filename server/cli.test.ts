import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/xuncha.js');

/** The `xuncha` command on a PGlite data directory of its own (PostgreSQL runs the same services in-process). */
describe('xuncha CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-cli-'));
  const env = { ...process.env, XUNCHA_DATA_DIR: path.join(dir, 'data'), XUNCHA_ADMIN_PASSWORD: 'Admin@12345', DATABASE_URL: '' };
  type Result = { code: number; stdout: string; stderr: string };
  const xuncha = (...args: string[]): Promise<Result> =>
    run(process.execPath, [bin, ...args], { env, cwd: root }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e) => e as Result,
    );
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help in Chinese', async () => {
    const r = await xuncha('--help');
    for (const cmd of ['serve', 'migrate', 'user create', 'import divisions', 'demo', 'audit verify', 'backup', 'restore']) expect(r.stdout).toContain(cmd);
    const bad = await xuncha('frobnicate');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('无法识别的命令');
  });

  it('reports every bad configuration value at once', async () => {
    const r = await run(process.execPath, [bin, 'migrate'], { env: { ...env, PORT: 'x', LOG_LEVEL: 'loud' }, cwd: root }).catch((e) => e);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('LOG_LEVEL');
  });

  it('creates users, imports a county, backs up, and restores only with confirmation', async () => {
    const u = await xuncha('user', 'create', 'zhangsan', '--name', '张三', '--role', 'office');
    expect(u.stdout).toContain('已创建用户 zhangsan（张三）');
    expect(u.stdout).toMatch(/初始密码（只显示一次，首次登录须修改）：\S{16}/);
    const dup = await xuncha('user', 'create', 'zhangsan', '--name', '张三');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('已被使用');

    const imp = await xuncha('import', 'divisions', '--county', '510181');
    expect(imp.stdout).toContain('都江堰市（510181）：乡镇（街道）11 个（新增 11，更新 0），村（社区）166 个（新增 166，更新 0）');
    const unknown = await xuncha('import', 'divisions', '--county', '519999');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有区县代码 519999');

    const file = path.join(dir, 'b.jsonl.gz');
    const b = await xuncha('backup', '--out', file);
    expect(b.stdout).toContain('已备份到');
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    // Non-empty target, no terminal to ask on: refused, nothing changed.
    const refused = await xuncha('restore', file);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('未确认');

    await xuncha('import', 'divisions', '--county', '320481'); // changes after the backup
    const restored = await xuncha('restore', file, '--yes');
    expect(restored.stdout).toMatch(/已从 .* 恢复：\d+ 行/);
    const verify = await xuncha('audit', 'verify');
    expect(verify.stdout).toMatch(/审计日志完好/);
    const reimport = await xuncha('import', 'divisions', '--county', '320481');
    expect(reimport.stdout).toContain('新增 14'); // 溧阳's towns were gone again after the restore
  }, 240_000); // seven processes, each opening and migrating PGlite: slow on a loaded two-core machine
});
