import { describe, expect, it } from 'vitest';
import { layeredRelation, layeredSql, loneBuilder, type SqlBuilder } from './builder';
import { fieldSql } from './fields';
import { datasetKind } from '../dataset-kinds';

/** Binds `a + 1`, then (unless `skip`) its double: a small build that uses every part of a builder. */
const sample = (b: SqlBuilder) => b.bind('(a + 1)', (x) => `(CASE WHEN ${x} > 9 THEN ${x} ELSE ${b.unless(`(${x} > 9)`, () => b.bind(`(${x} * 2)`, (y) => `${y} + ${y}`))} END)`);

describe('loneBuilder', () => {
  it('binds with list_transform lambdas named in order, unique within the build', () => {
    expect(sample(loneBuilder())).toBe(
      'list_transform([(a + 1)], lambda xc_1: (CASE WHEN xc_1 > 9 THEN xc_1 ELSE list_transform([(xc_1 * 2)], lambda xc_2: xc_2 + xc_2)[1] END))[1]',
    );
  });

  it('names each build from xc_1 whatever was built before (no shared counter)', () => {
    const first = fieldSql(datasetKind('deaths').fields.find((f) => f.type === 'id_number')!, 'v');
    sample(loneBuilder());
    expect(fieldSql(datasetKind('deaths').fields.find((f) => f.type === 'id_number')!, 'v')).toEqual(first);
    expect(first.value).toContain('lambda xc_1:');
  });
});

describe('layeredSql', () => {
  it('hoists binds into layers by dependency, guarding those made under unless, and binds a repeated expression once', () => {
    const { result, layers } = layeredSql((b) => [sample(b), sample(b)]);
    expect(result).toEqual(['(CASE WHEN xl_0 > 9 THEN xl_0 ELSE xl_1 + xl_1 END)', '(CASE WHEN xl_0 > 9 THEN xl_0 ELSE xl_1 + xl_1 END)']);
    expect(layers).toEqual([['(a + 1) AS xl_0'], ['(CASE WHEN (xl_0 > 9) THEN NULL ELSE (xl_0 * 2) END) AS xl_1']]);
    expect(layeredRelation('t', layers)).toBe('(SELECT *, (CASE WHEN (xl_0 > 9) THEN NULL ELSE (xl_0 * 2) END) AS xl_1 FROM (SELECT *, (a + 1) AS xl_0 FROM t))');
  });

  it('is re-entrant: a build started inside another has its own layers, names and guards', () => {
    let inner: ReturnType<typeof layeredSql<string>> | undefined;
    const outer = layeredSql((b) =>
      b.bind('(a + 1)', (x) => b.unless(`(${x} > 9)`, () => {
        inner = layeredSql(sample);
        return b.bind(`(${x} * 3)`, (y) => y);
      })),
    );
    expect(inner).toEqual({ result: '(CASE WHEN xl_0 > 9 THEN xl_0 ELSE xl_1 + xl_1 END)', layers: [['(a + 1) AS xl_0'], ['(CASE WHEN (xl_0 > 9) THEN NULL ELSE (xl_0 * 2) END) AS xl_1']] });
    expect(outer).toEqual({ result: 'xl_1', layers: [['(a + 1) AS xl_0'], ['(CASE WHEN (xl_0 > 9) THEN NULL ELSE (xl_0 * 3) END) AS xl_1']] });
  });

  it('drops a guard when its unless ends, also when the build throws', () => {
    const { layers } = layeredSql((b) => {
      expect(() => b.unless('s', () => { throw new Error('stop'); })).toThrow('stop');
      return b.bind('(a * 5)', (x) => x);
    });
    expect(layers).toEqual([['(a * 5) AS xl_0']]);
  });
});
