import { describe, expect, it } from 'vitest';
import { firstRun } from './bootstrap';
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
