/**
 * Ready 大数据比对 datasets for route tests, without going through an import: the rows (stored values
 * under the kind's stored columns, e.g. amounts in fen) are written with DuckDB as the store's
 * data.parquet of a new dataset id — `_row` from 2 as under a header line, no `_issues` — and the
 * dataset's catalogue row is inserted as `ready` in the given scope (the test county by default).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DatasetKindKey } from '../../domain/analytics/dataset-kinds';
import type { DatasetRecord } from '../../domain/analytics/dataset-types';
import { storedColumns } from '../../domain/analytics/normalise';
import { analyticsEngine, sqlString } from '../analytics/engine';
import { dataFile } from '../analytics/store';
import type { TestApp } from './harness';
import { COUNTY } from './world';

/** Writes a ready dataset of `kind` from `rows` and returns its id; fields a row leaves out are NULL. */
export async function writeDataset(t: TestApp, kind: DatasetKindKey, name: string, rows: readonly DatasetRecord[], opts: { scope?: string } = {}): Promise<string> {
  const id = randomUUID();
  const file = dataFile(analyticsEngine(t.ctx.config), id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const cols = storedColumns(kind);
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const conn = await instance.connect();
    try {
      await conn.run(`CREATE TABLE d (_row BIGINT, ${cols.map((c) => `"${c.name}" ${c.type}`).join(', ')}, _issues VARCHAR)`);
      for (const [i, r] of rows.entries()) {
        const values = cols.map((c) => r[c.name] ?? null);
        await conn.run(`INSERT INTO d VALUES (${i + 2}, ${cols.map((c, j) => `CAST($${j + 1} AS ${c.type})`).join(', ')}, NULL)`, values);
      }
      await conn.run(`COPY d TO ${sqlString(file)} (FORMAT parquet)`);
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  await t.ctx.db
    .insertInto('analytics_datasets')
    .values({ id, scope_code: opts.scope ?? COUNTY, kind, name, file_name: `${name}.csv`, file_size: 100, format: 'csv', status: 'ready', row_count: rows.length, updated_at: new Date() })
    .execute();
  return id;
}
