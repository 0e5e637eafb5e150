import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors';
import { checkCustomSql, compileExplainTemplate, defineCustomModel } from './custom';
import type { ModelParam } from './model';

function refusal(sql: string, params: ModelParam[] = []): string {
  try {
    checkCustomSql(sql, params);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).message;
  }
  throw new Error(`accepted: ${sql}`);
}

describe('checkCustomSql', () => {
  it('accepts a read-only query over datasets and its own CTEs', () => {
    const sql = `WITH big AS (SELECT id_number, SUM(amount) AS total FROM ds_benefit_payments GROUP BY id_number)
      SELECT b.id_number, b.total, p.village_code, EXTRACT(YEAR FROM p.pay_date) AS y, SUBSTRING(p.name FROM 1 FOR 1) AS surname
      FROM big b JOIN ds_benefit_payments p ON p.id_number = b.id_number, ds_deaths d
      WHERE d.id_number = b.id_number AND b.total > :min_total AND p.item IN (SELECT kw FROM unnest(string_to_array('低保,特困', ',')) AS k(kw));`;
    const check = checkCustomSql(sql, [{ key: 'min_total', label: '金额', type: 'int', default: 0 }]);
    expect(check.kinds.sort()).toEqual(['benefit_payments', 'deaths']);
    expect(check.ctes).toEqual(['big']);
    expect(check.placeholders).toEqual(['min_total']);
  });

  it("allows a string literal containing 'DROP' and keywords inside comments", () => {
    expect(checkCustomSql("SELECT * FROM ds_contracts WHERE minutes_ref <> 'DROP TABLE x; DELETE' -- no COPY here\n").kinds).toEqual(['contracts']);
    expect(checkCustomSql('SELECT /* INSERT? no */ name FROM ds_cadres').kinds).toEqual(['cadres']);
  });

  it('refuses reading files, naming the function', () => {
    expect(refusal("SELECT * FROM read_csv('/etc/passwd')")).toContain('read_csv');
    expect(refusal("SELECT * FROM ds_deaths WHERE name IN (SELECT * FROM read_csv_auto('/etc/passwd'))")).toContain('read_csv_auto');
    expect(refusal("SELECT pg_read_file('/etc/passwd')")).toContain('pg_read_file');
    expect(refusal("SELECT * FROM glob('/etc/*')")).toContain('glob');
    expect(refusal("SELECT * FROM '/etc/passwd'")).toContain("'/etc/passwd'");
    expect(refusal('SELECT * FROM "/etc/passwd.csv"')).toContain('/etc/passwd.csv');
    expect(refusal("SELECT * FROM ds_deaths, '/etc/passwd'")).toContain("'/etc/passwd'");
  });

  it('refuses writing, attaching, loading and settings, naming the keyword', () => {
    expect(refusal("COPY ds_deaths TO '/tmp/x.csv'")).toContain('COPY');
    expect(refusal("SELECT 1 FROM ds_deaths; ATTACH '/tmp/x.db'")).toContain('“;”');
    expect(refusal("WITH x AS (SELECT 1) ATTACH '/tmp/x.db' AS y")).toContain('ATTACH');
    expect(refusal('SELECT * INTO stolen FROM ds_deaths')).toContain('INTO');
    expect(refusal('INSTALL httpfs')).toContain('INSTALL');
    expect(refusal('SELECT * FROM ds_deaths FOR UPDATE')).toContain('UPDATE');
    expect(refusal('SET enable_external_access = true')).toContain('SET');
    expect(refusal('PRAGMA database_list')).toContain('PRAGMA');
    expect(refusal('WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r')).toContain('RECURSIVE');
  });

  it('is not fooled by a comment hiding a keyword or a statement', () => {
    expect(refusal('SELECT * FROM ds_deaths /* harmless */; DROP TABLE ds_deaths')).toContain('“;”');
    expect(refusal('SELECT * FROM ds_deaths --;\n; DELETE FROM ds_deaths')).toContain('“;”');
    expect(refusal('SELECT * FROM ds_deaths /* nested /* */ DROP TABLE ds_deaths */')).toContain('嵌套');
    expect(refusal('SELECT * FROM ds_deaths /* never closed')).toContain('注释');
    expect(refusal("SELECT E'\\' ; DROP TABLE ds_deaths --' FROM ds_deaths")).toContain('前缀为 E');
    expect(refusal('SELECT $$ ; DROP $$ FROM ds_deaths')).toContain('$$');
  });

  it('refuses relations other than datasets and CTEs, and system catalogs', () => {
    expect(refusal('SELECT * FROM users')).toContain('不认识的数据集“users”');
    expect(refusal('SELECT * FROM ds_unknown_kind')).toContain('ds_unknown_kind');
    expect(refusal('SELECT * FROM public.users')).toContain('public.users');
    expect(refusal('SELECT * FROM ds_deaths d JOIN pg_catalog.pg_user u ON true')).toContain('pg_catalog');
    expect(refusal('SELECT * FROM information_schema.tables')).toContain('information_schema');
    expect(refusal('SELECT * FROM duckdb_settings()')).toContain('duckdb_settings');
    expect(refusal("SELECT current_setting('data_directory') FROM ds_deaths")).toContain('current_setting');
    expect(refusal('SELECT * FROM (TABLE users) t')).toContain('TABLE');
    expect(refusal('SELECT 1')).toContain('没有引用任何比对数据集');
    expect(refusal('DELETE FROM ds_deaths')).toContain('必须以 SELECT 或 WITH 开头');
  });

  it('refuses placeholders without a declared parameter', () => {
    expect(refusal('SELECT * FROM ds_deaths WHERE event_date > :since')).toContain(':since');
  });
});

describe('defineCustomModel', () => {
  const base = {
    key: 'custom_big_payments',
    name: '大额补贴',
    description: '单笔补贴金额超过阈值的发放记录，核实是否按标准发放。',
    category: 'subsidy' as const,
    params: [{ key: 'min_yuan', label: '金额阈值', type: 'number' as const, default: 10000, min: 0, unit: '元' }],
    sql: 'SELECT id_number, name, village_code, amount, pay_date FROM ds_benefit_payments WHERE amount >= :min_yuan * 100',
    hitKey: ['id_number', 'pay_date'],
    villageColumn: 'village_code',
    amountColumn: 'amount',
    explainTemplate: '{name}（身份证{id_number|id}）于{pay_date|day}领取{amount|yuan}。',
  };

  it('derives the datasets it requires and explains from its template', () => {
    const m = defineCustomModel(base);
    expect(m.requires).toEqual(['benefit_payments']);
    expect(m.explain({ name: '张三', id_number: '370124195203151224', pay_date: '2023-05-20', amount: 1234500 })).toBe('张三（身份证3701**********1224）于2023年5月20日领取12,345元。');
  });

  it('refuses unused parameters, bad keys and unknown formatters', () => {
    expect(() => defineCustomModel({ ...base, sql: 'SELECT * FROM ds_benefit_payments' })).toThrow('没有在查询语句中使用');
    expect(() => defineCustomModel({ ...base, key: 'dead_paid' })).toThrow('custom_');
    expect(() => compileExplainTemplate('{amount|money}')).toThrow('money');
  });
});
