import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPepper, firstRun, PepperMismatchError } from './bootstrap';
import { loadConfig } from './config';
import type { AppContext } from './http/context';
import { openTestDatabase } from './test/harness';

describe('first run', () => {
  it('seeds once even when instances start together on one empty database', async () => {
    const { database, drop } = await openTestDatabase();
    try {
      const config = loadConfig({ XUNCHA_ADMIN_PASSWORD: 'Admin@12345', XUNCHA_DATA_DIR: '.tmp/unused', LOG_LEVEL: 'silent' });
      const ctx: AppContext = { db: database.db, dbKind: database.kind, config, now: () => new Date('2026-11-22T02:00:00Z') };
      // On PostgreSQL these run on separate pooled connections, as two app instances would.
      const results = await Promise.all([firstRun(ctx), firstRun(ctx), firstRun(ctx)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const users = await ctx.db.selectFrom('users').select('username').execute();
      expect(users.map((u) => u.username)).toEqual(['admin']);
      const catalogues = await ctx.db.selectFrom('checklist_catalogues').select(['name']).where('builtin', '=', true).execute();
      expect(catalogues.length).toBeGreaterThan(0);
      expect(new Set(catalogues.map((c) => c.name)).size).toBe(catalogues.length);
      // and again on a later start: nothing new
      expect((await firstRun(ctx)).created).toBe(false);
      expect(await ctx.db.selectFrom('checklist_catalogues').select('id').where('builtin', '=', true).execute()).toHaveLength(catalogues.length);
    } finally {
      await database.close();
      await drop();
    }
  });
});

describe('the pepper of the public codes', () => {
  it('is recorded on first start; an instance with another pepper is refused until an operator accepts it', async () => {
    const { database, drop } = await openTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-pepper-'));
    try {
      const instance = (file: string): AppContext => ({
        db: database.db,
        dbKind: database.kind,
        config: loadConfig({ XUNCHA_DATA_DIR: dir, XUNCHA_PEPPER_FILE: path.join(dir, file), LOG_LEVEL: 'silent' }),
        now: () => new Date('2026-12-07T02:00:00Z'),
      });
      const first = instance('a.pepper');
      const second = instance('b.pepper');
      // two instances with their own peppers start together on one empty database: one wins, one is refused
      const started = await Promise.allSettled([checkPepper(first), checkPepper(second)]);
      expect(started.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<string>).value)).toEqual(['recorded']);
      const refused = started.find((s) => s.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(PepperMismatchError);
      expect((refused.reason as Error).message).toContain('XUNCHA_PEPPER_FILE');
      const winner = started[0].status === 'fulfilled' ? first : second;
      const loser = winner === first ? second : first;
      expect(await checkPepper(winner)).toBe('matches');
      // an instance pointed at the same file agrees
      expect(await checkPepper({ ...loser, config: { ...loser.config, pepperFile: winner.config.pepperFile } })).toBe('matches');
      // the operator accepts the other pepper: now the first is the odd one out
      expect(await checkPepper(loser, { accept: true })).toBe('accepted');
      expect(await checkPepper(loser)).toBe('matches');
      await expect(checkPepper(winner)).rejects.toBeInstanceOf(PepperMismatchError);
      expect(fs.statSync(loser.config.pepperFile).mode & 0o077).toBe(0);
    } finally {
      await database.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
