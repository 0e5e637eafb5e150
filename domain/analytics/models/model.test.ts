import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors';
import { BUILTIN_MODELS } from './index';
import { area, day, maskIdNumber, month, monthRange, yuan } from './format';
import { type ModelParam, bindParams, placeholders, prepareModel, resolveParams } from './model';
import { checkCustomSql } from './custom';

const params: ModelParam[] = [
  { key: 'ratio', label: '比例', type: 'number', default: 0.5, min: 0.01, max: 1 },
  { key: 'n', label: '笔数', type: 'int', default: 3, min: 1, max: 100, unit: '笔' },
  { key: 'since', label: '起始日期', type: 'date', default: '2023-01-01' },
  { key: 'items', label: '补贴项目', type: 'text', default: '低保,特困', list: true },
  { key: 'period', label: '期间', type: 'text', default: '月', options: ['月', '年'] },
];

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).message;
  }
  throw new Error('expected a DomainError');
}

describe('resolveParams', () => {
  it('fills defaults and normalises given values', () => {
    expect(resolveParams(params, { n: '5', items: '低保，特困、临时救助 低保' })).toEqual({ ratio: 0.5, n: 5, since: '2023-01-01', items: '低保,特困,临时救助', period: '月' });
  });

  it('refuses bad values with Chinese messages naming the parameter', () => {
    expect(messageOf(() => resolveParams(params, { n: 2.5 }))).toBe('参数“笔数”应为整数');
    expect(messageOf(() => resolveParams(params, { n: 0 }))).toBe('参数“笔数”应在1笔至100笔之间');
    expect(messageOf(() => resolveParams(params, { ratio: 'abc' }))).toBe('参数“比例”应为数字');
    expect(messageOf(() => resolveParams(params, { since: '2023-02-30' }))).toBe('参数“起始日期”应为日期，格式如 2024-01-31');
    expect(messageOf(() => resolveParams(params, { period: '周' }))).toBe('参数“期间”应为以下之一：月、年');
    expect(messageOf(() => resolveParams(params, { items: 'a\u0000b' }))).toBe('参数“补贴项目”含有不可见的控制字符');
    expect(messageOf(() => resolveParams(params, { nope: 1 }))).toBe('没有名为“nope”的参数');
  });

  it("resolves a date defaulting to 'today' from the run's date only", () => {
    const p: ModelParam[] = [{ key: 'as_of', label: '截至日期', type: 'date', default: 'today' }];
    expect(resolveParams(p, {}, { today: '2026-12-07' })).toEqual({ as_of: '2026-12-07' });
    expect(() => resolveParams(p, {})).toThrow(DomainError);
  });
});

describe('bindParams', () => {
  it('turns placeholders into typed positional parameters, the same number for a repeated key', () => {
    const sql = "SELECT * FROM ds_x WHERE a < :ratio AND b >= :n AND d > :since AND c = :ratio AND e::text = ':n' -- :since\n";
    const values = resolveParams(params, {});
    const pgBound = bindParams(sql, values, 'postgres', params);
    expect(pgBound.sql).toBe(
      "SELECT * FROM ds_x WHERE a < CAST($1 AS DOUBLE PRECISION) AND b >= CAST($2 AS BIGINT) AND d > CAST($3 AS DATE) AND c = CAST($1 AS DOUBLE PRECISION) AND e::text = ':n' -- :since\n",
    );
    expect(pgBound.values).toEqual([0.5, 3, '2023-01-01']);
    expect(bindParams(sql, values, 'duckdb', params).sql).toContain('CAST($1 AS DOUBLE)');
    expect(placeholders(sql)).toEqual(['ratio', 'n', 'since']);
  });

  it('never splices a text value into the SQL, whatever it contains', () => {
    const evil = "低保'); DROP TABLE ds_x; --";
    const values = resolveParams(params, { items: evil });
    const bound = bindParams('SELECT * FROM ds_x WHERE item = :items', values, 'postgres', params);
    expect(bound.sql).toBe('SELECT * FROM ds_x WHERE item = CAST($1 AS VARCHAR)');
    expect(bound.sql).not.toContain('DROP');
    expect(bound.values).toEqual([evil.split(/[,，、;；\s]+/).filter(Boolean).join(',')]);
  });

  it('refuses undeclared placeholders and $n in the SQL', () => {
    expect(messageOf(() => bindParams('SELECT :x', {}, 'duckdb', params))).toBe('查询语句引用了未定义的参数“:x”');
    expect(messageOf(() => bindParams('SELECT $1', {}, 'duckdb', params))).toContain('不允许使用“$1”');
  });
});

describe('built-in models', () => {
  it('have unique keys, Chinese names and descriptions, and declared parameters that bind', () => {
    const keys = new Set<string>();
    for (const m of BUILTIN_MODELS) {
      expect(keys.has(m.key)).toBe(false);
      keys.add(m.key);
      expect(m.name).toMatch(/[\u4e00-\u9fff]/);
      expect(m.description.length).toBeGreaterThan(40);
      for (const p of m.params) expect(p.label).toMatch(/[\u4e00-\u9fff]/);
      const bound = prepareModel(m, {}, 'postgres', { today: '2026-12-07' });
      expect(bound.sql).not.toMatch(/:[a-z]/);
      expect(m.hitKey.length).toBeGreaterThan(0);
    }
  });

  it('pass the custom-model check and read exactly the datasets they require', () => {
    for (const m of BUILTIN_MODELS) {
      const check = checkCustomSql(m.sql, m.params);
      expect([...check.kinds].sort(), m.key).toEqual([...m.requires].sort());
    }
  });
});

describe('format', () => {
  it('masks ID numbers, shows money from fen, dates and areas in Chinese', () => {
    expect(maskIdNumber('370124195203151224')).toBe('3701**********1224');
    expect(yuan(350000)).toBe('3,500元');
    expect(yuan(123456789)).toBe('1,234,567.89元');
    expect(yuan(5)).toBe('0.05元');
    expect(month('2023-05-20')).toBe('2023年5月');
    expect(day('2023-05-20')).toBe('2023年5月20日');
    expect(monthRange('2023-06-10', '2023-06-25')).toBe('2023年6月');
    expect(monthRange('2023-06-10', '2023-12-10')).toBe('2023年6月至2023年12月');
    expect(area(1050)).toBe('10.5亩');
    expect(area(8650, '平方米')).toBe('86.5平方米');
    expect(area(1205)).toBe('12.05亩');
  });
});
