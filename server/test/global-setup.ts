import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../db/database';

/**
 * Migrates once, then every test file starts from a copy: on PGlite a dumped data directory,
 * on PostgreSQL (TEST_DATABASE_URL) a template database.
 */
export const TEMPLATE_FILE = path.resolve(import.meta.dirname, '../../.tmp/test-template.tar.gz');
export const PG_TEMPLATE = 'xuncha_test_template';

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE}`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${PG_TEMPLATE}`;
    const db = await openDatabase({ databaseUrl: u.toString(), dataDir: '', purpose: 'test' });
    await migrateToLatest(db.db);
    await db.close();
    return;
  }
  const pglite = await PGlite.create();
  const db = await openDatabase({ dataDir: '', purpose: 'test', pglite });
  await migrateToLatest(db.db);
  const dump = await pglite.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  fs.writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}
