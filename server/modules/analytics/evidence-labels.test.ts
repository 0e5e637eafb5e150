/**
 * A hit's evidence is read by team members: every column a built-in model returns has a Chinese
 * label in the hit drawer and the evidence .xlsx, none is shown by its SQL name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../../../domain/analytics/models';
import { MODEL_FIXTURES } from '../../analytics/fixtures';
import { openFixtureEngines, type FixtureEngines } from '../../analytics/fixtures/engines';
import { runModelOnDuckDB } from '../../analytics/models-runner';
import { columnLabel } from './hits.service';

let engines: FixtureEngines;
beforeAll(async () => {
  engines = await openFixtureEngines(MODEL_FIXTURES.rows, 'labels_test', undefined);
});
afterAll(async () => engines?.close());

describe('evidence columns', () => {
  it('every column of every built-in model’s hits has a Chinese label', async () => {
    const unlabelled = new Set<string>();
    for (const model of BUILTIN_MODELS) {
      const { rows } = await runModelOnDuckDB(engines.duck, model, undefined, { today: '2026-12-07' });
      expect(rows.length, model.key).toBeGreaterThan(0);
      for (const key of Object.keys(rows[0]!)) if (!/[\u4e00-\u9fff]/.test(columnLabel(key))) unlabelled.add(`${model.key}.${key}`);
    }
    expect([...unlabelled].sort()).toEqual([]);
  });
});
