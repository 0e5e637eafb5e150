import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness';
import type { Database } from './database';
import { writeAudit } from '../modules/access/audit.service';
import { verifyAuditChain } from '../modules/access';

describe('concurrent transactions keep exactly the writes of the ones that succeed', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it(`60 concurrent transactions, every third failing midway (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
    const db = database.db;
    const ctx = { now: () => new Date('2026-11-22T00:00:00Z') };
    const actor = { userId: null, displayName: 'test', orgId: null };
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('app_meta').values({ key: `k${i}`, value: JSON.stringify({ i }) }).execute();
          await writeAudit(trx, ctx, actor, { action: 'test', entity: 'test', entityId: String(i), scopeCode: '', after: { i } });
          await new Promise((r) => setTimeout(r, (i * 7) % 5)); // let others interleave
          await trx.insertInto('app_meta').values({ key: `k${i}-second`, value: JSON.stringify({ i }) }).execute();
          if (i % 3 === 0) throw new Error(`fail ${i}`);
        }),
      ),
    );
    const ok = results.map((r, i) => (r.status === 'fulfilled' ? i : -1)).filter((i) => i >= 0);
    expect(ok).toHaveLength(40);
    const keys = (await db.selectFrom('app_meta').select('key').where('key', 'like', 'k%').execute()).map((r) => r.key).sort();
    expect(keys).toEqual(ok.flatMap((i) => [`k${i}`, `k${i}-second`]).sort());
    const audited = await sql<{ entity_id: string }>`select entity_id from audit_log where entity = 'test'`.execute(db);
    expect(audited.rows.map((r) => Number(r.entity_id)).sort((a, b) => a - b)).toEqual(ok);
    // The chain stays whole however the transactions interleaved.
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
