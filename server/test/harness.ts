import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app';
import { firstRun } from '../bootstrap';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import type { AppContext } from '../http/context';
import { PG_TEMPLATE, TEMPLATE_FILE } from './global-setup';

export const ADMIN_PASSWORD = 'Admin@12345';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  /** Moves the clock the services see. */
  setNow(d: Date): void;
  close(): Promise<void>;
  /** Logs in and returns the cookie header value. */
  login(username: string, password?: string): Promise<string>;
}

/** A fresh database (copied from the migrated template) and the app on it, in-process. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `xuncha_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: '', purpose: 'test' });
    return {
      database,
      drop: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(TEMPLATE_FILE)]), parsers: { 1082: (v: string) => v } });
  const database = await openDatabase({ dataDir: '', purpose: 'test', pglite });
  return { database, drop: async () => {} };
}

export async function createTestApp(opts: { now?: Date; env?: Record<string, string> } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  let now = opts.now ?? new Date('2026-11-22T02:00:00Z');
  const config = loadConfig({ XUNCHA_ADMIN_PASSWORD: ADMIN_PASSWORD, XUNCHA_DATA_DIR: '.tmp/unused', LOG_LEVEL: 'silent', XUNCHA_LOGIN_RATE_PER_MINUTE: '100000', ...opts.env });
  const ctx: AppContext = { db: database.db, dbKind: database.kind, config, now: () => now };
  await firstRun(ctx);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    database,
    setNow: (d) => {
      now = d;
    },
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
    login: async (username, password = ADMIN_PASSWORD) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'xuncha_session');
      return `xuncha_session=${cookie!.value}`;
    },
  };
}
