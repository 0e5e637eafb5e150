/**
 * The run's ds_<kind> views: a dataset whose Parquet statistics show every village code present is
 * read as it is; one with missing codes has them filled from village names (only those rows).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storedColumns } from '../../domain/analytics/normalise';
import { analyticsEngine, sqlString } from './engine';
import { datasetViewSql, villageCodesMissing } from './run';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-run-views-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const engine = analyticsEngine({ dataDir: dir, analyticsThreads: 1, analyticsMemory: '256MB' });

/** A benefit_payments Parquet file with the given (village, village_code) rows. */
async function writeRoll(file: string, rows: [string, string | null][]): Promise<void> {
  const cols = storedColumns('benefit_payments');
  const values = rows
    .map(([village, code], i) =>
      `(${cols.map((c) => (c.name === 'village' ? sqlString(village) : c.name === 'village_code' ? (code === null ? 'NULL' : sqlString(code)) : c.name === 'name' ? sqlString(`人${i}`) : `CAST(NULL AS ${c.type})`)).join(', ')}, ${i + 1})`,
    )
    .join(', ');
  await engine.use(async (conn) => {
    await conn.run(`COPY (SELECT * FROM (VALUES ${values}) t(${cols.map((c) => `"${c.name}"`).join(', ')}, _row)) TO ${sqlString(file)} (FORMAT parquet)`);
  });
}

describe('run views', () => {
  it('read a roll with every village code as it is, and fill missing codes from the village names', async () => {
    const complete = path.join(dir, 'complete.parquet');
    const partial = path.join(dir, 'partial.parquet');
    await writeRoll(complete, [['东村', '370112001001'], ['西村', '370112001002']]);
    await writeRoll(partial, [['东村', '370112001001'], ['西村', null], ['无名村', null]]);
    const rows = await engine.use(async (conn) => {
      expect(await villageCodesMissing(conn, complete)).toBe(false);
      expect(await villageCodesMissing(conn, partial)).toBe(true);
      const sql = datasetViewSql('benefit_payments', [
        { id: 'a', file: complete, codesMissing: await villageCodesMissing(conn, complete) },
        { id: 'b', file: partial, codesMissing: await villageCodesMissing(conn, partial) },
      ]);
      // the complete file is read without the join; the partial one through it
      expect(sql.split('LEFT JOIN _villages').length - 1).toBe(1);
      await conn.run('CREATE TEMP TABLE _villages (name VARCHAR, code VARCHAR)');
      await conn.run(`INSERT INTO _villages VALUES ('东村', '370112001001'), ('西村', '370112001002')`);
      await conn.run(`CREATE TEMP VIEW ds_benefit_payments AS ${sql}`);
      const r = await conn.runAndReadAll('SELECT _dataset, name, village, village_code FROM ds_benefit_payments ORDER BY _dataset, _row');
      return r.getRowObjectsJson();
    });
    expect(rows).toEqual([
      { _dataset: 'a', name: '人0', village: '东村', village_code: '370112001001' },
      { _dataset: 'a', name: '人1', village: '西村', village_code: '370112001002' },
      { _dataset: 'b', name: '人0', village: '东村', village_code: '370112001001' },
      { _dataset: 'b', name: '人1', village: '西村', village_code: '370112001002' },
      { _dataset: 'b', name: '人2', village: '无名村', village_code: null },
    ]);
  });
});
