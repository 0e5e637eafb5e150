/**
 * `xuncha alerts run [--date]` and the timer's setting: one real process on a fresh PGlite data
 * directory (an empty database sends nothing), the rest in-process.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli';
import { ConfigError, loadConfig } from '../../config';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

describe('xuncha alerts run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-alerts-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is in the help and refuses a bad date before opening the database', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['--help'])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('alerts run [--date YYYY-MM-DD]');
      expect(await main(['alerts', 'run', '--date', '2026-02-30'])).toBe(1);
      expect(err.mock.calls.flat().join('\n')).toContain('日期无效：2026-02-30');
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });

  it('runs the job for a given date', async () => {
    const env = { ...process.env, XUNCHA_DATA_DIR: path.join(dir, 'data'), XUNCHA_ADMIN_PASSWORD: 'Admin@12345', DATABASE_URL: '' };
    const r = await run(process.execPath, [path.join(root, 'bin/xuncha.js'), 'alerts', 'run', '--date', '2026-12-01'], { env, cwd: root });
    expect(r.stdout).toContain('三色预警（2026-12-01）：检查 0 项，发出 0 条（绿色 0，黄色 0，红色 0），新增待办 0 条');
  }, 120_000);

  it('reads the timer interval from the environment (0 = off)', () => {
    expect(loadConfig({}).alertIntervalMinutes).toBe(60);
    expect(loadConfig({ XUNCHA_ALERT_INTERVAL_MINUTES: '0' }).alertIntervalMinutes).toBe(0);
    expect(() => loadConfig({ XUNCHA_ALERT_INTERVAL_MINUTES: 'hourly' })).toThrow(ConfigError);
    expect(() => loadConfig({ XUNCHA_ALERT_INTERVAL_MINUTES: '-5' })).toThrow(/XUNCHA_ALERT_INTERVAL_MINUTES/);
  });
});
