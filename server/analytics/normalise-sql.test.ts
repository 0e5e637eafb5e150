/**
 * The DuckDB SQL normalisers (domain/analytics/sql.ts) give what the JavaScript ones
 * (domain/analytics/normalise.ts) give, value and issue, row by row, over tricky hand-picked values
 * and over random strings drawn from the characters that matter.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetKind, type Unit } from '../../domain/analytics/dataset-kinds';
import type { ColumnMapping } from '../../domain/analytics/mapping';
import {
  normaliseAccount,
  normaliseAddress,
  normaliseAmount,
  normaliseArea,
  normaliseBool,
  normaliseCreditCode,
  normaliseDate,
  normaliseIdNumber,
  normaliseInt,
  normaliseName,
  normalisePhone,
  normaliseRow,
  normaliseText,
  normaliseVillageCode,
  storedColumns,
  type Normalised,
  type NormalisedDate,
} from '../../domain/analytics/normalise';
import {
  accountIssueSql,
  accountSql,
  addressSql,
  amountFenSql,
  amountIssueSql,
  areaIssueSql,
  areaSql,
  cellTests,
  boolIssueSql,
  boolSql,
  creditCodeIssueSql,
  creditCodeSql,
  dateIssueSql,
  datePrecisionSql,
  dateSql,
  idIssueSql,
  idNumberSql,
  intIssueSql,
  intSql,
  layeredRelation,
  layeredSql,
  loneBuilder,
  nameIssueSql,
  nameSql,
  normaliseRowSql,
  phoneIssueSql,
  phoneSql,
  sqlIdentifier,
  sqlString,
  textSql,
  type SqlBuilder,
  villageCodeIssueSql,
  villageCodeSql,
} from '../../domain/analytics/sql';
import { idNumberCheckChar } from '../../domain/shared/id-number';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: '1' });
  conn = await instance.connect();
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

type Plain = string | number | boolean | null;

function plain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** Runs value/issue (and optional precision) expressions over `values` (NULL included) as column v. */
async function runSql(values: readonly (string | null)[], exprs: string[], layers: string[][] = []): Promise<Plain[][]> {
  const rows = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : sqlString(v)})`).join(', ');
  const select = exprs.map((e, i) => `${e} AS e${i}`).join(', ');
  const reader = await conn.runAndReadAll(`SELECT ${select} FROM ${layeredRelation(`(VALUES ${rows}) AS t(i, v)`, layers)} ORDER BY i`);
  return reader.getRows().map((r) => r.map(plain));
}

interface Case {
  name: string;
  js: (raw: string) => Normalised<Plain> | NormalisedDate;
  /** built twice: as lone expressions and inside layeredSql (the import's form) */
  sql: (b: SqlBuilder) => string[];
  values: (string | null)[];
  date?: boolean;
}

async function compare({ js, sql, values, date }: Case): Promise<void> {
  const layered = layeredSql(sql);
  expect(layered.layers.length).toBeGreaterThan(0);
  const lone = await runSql(values, sql(loneBuilder()));
  const inLayers = await runSql(values, layered.result, layered.layers);
  const mismatches: string[] = [];
  for (const [form, rows] of [['lone', lone], ['layered', inLayers]] as const) values.forEach((raw, i) => {
    const expected = js(raw ?? '');
    const want: Plain[] = [expected.value ?? null, expected.issue ?? null];
    if (date) want.push((expected as NormalisedDate).precision ?? null);
    const got = rows[i]!;
    if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${form} ${JSON.stringify(raw)}: JS ${JSON.stringify(want)} SQL ${JSON.stringify(got)}`);
  });
  expect(mismatches).toEqual([]);
}

/** Random strings over an alphabet, reproducible. */
function randomStrings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  return fc.sample(fc.string({ unit: fc.constantFrom(...alphabet), maxLength }), { numRuns: count, seed });
}

const v = 'v';

const digits = '0123456789'.split('');
function randomIds(count: number, seed: number): string[] {
  return fc.sample(
    fc
      .tuple(
        fc.constantFrom('110105', '320102', '370102', '990105', '110000', '810000', '830000', '710000', '0'),
        fc.date({ min: new Date('1880-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.array(fc.constantFrom(...digits), { minLength: 3, maxLength: 3 }),
        fc.constantFrom('check', 'bad', 'x', 'old', 'short'),
      )
      .map(([area, date, seq, form]) => {
        const ymd = date.toISOString().slice(0, 10).replaceAll('-', '');
        const first17 = `${area.padEnd(6, '0')}${ymd}${seq.join('')}`;
        if (form === 'old') return `${area.padEnd(6, '0')}${ymd.slice(2)}${seq.join('')}`;
        if (form === 'short') return first17.slice(0, 16);
        const check = idNumberCheckChar(first17);
        if (form === 'check') return first17 + check;
        if (form === 'x') return first17 + 'x';
        return first17 + (check === '0' ? '1' : '0');
      }),
    { numRuns: count, seed },
  );
}

const NAME_CHARS = ['张', '張', '三', '國', '强', '阿', '依', '古', '麗', '买', '·', '•', '.', '．', '・', ' ', '\u3000', '\u200b', 'Ａ', 'a', '1', '，', '。', '“', '”', '(', '（', '）', '-', '—', '~', '|', '^', '+', '\ue000', '乾', '坤', '𠵾', '㘚'];
const DATE_CHARS = ['2', '0', '1', '4', '3', '9', '5', '-', '.', '/', '年', '月', '日', '号', ' ', 'T', ':', '２', '０', 'Z'];
const NUMBER_CHARS = ['1', '2', '0', '5', '9', '.', ',', '-', '+', '￥', '¥', '元', '万', '亩', '平方米', '㎡', 'm2', 'M²', '公顷', ' ', '，', '１', 'a'];
const PHONE_CHARS = ['1', '3', '8', '0', '5', '6', '9', '+', '-', ' ', '(', ')', '转', '#', 'ext', '86', '0086'];

describe('SQL normalisers agree with the JavaScript ones', () => {
  it('ID numbers: 15 and 18 digits, x, full width, check digits, bad areas and birth dates, junk', async () => {
    const values = [
      '11010519491231002X',
      '11010519491231002x',
      '110105491231002',
      ' １１０１０５１９４９１２３１００２Ｘ ',
      "'11010519491231002X",
      '110105 1949 1231 002X',
      '110105194912310029',
      '990105194912310021',
      '110000194912310021',
      '810000194912310021',
      '110105194902300021',
      '110105194913010021',
      '110105189912310021',
      // leap years and month lengths, by integer arithmetic in SQL
      ...['19000229', '20000229', '20230229', '20240229', '19490431', '19490430', '19490001', '19490100', '19491232', '19491131'].map((ymd) => `110105${ymd}002${idNumberCheckChar(`110105${ymd}002`)}`),
      '110105000229002',
      '110105960229002',
      '990105491231002',
      '1101051949123100',
      '11010519491231002Y',
      '1101051949123X0021',
      '11010549123100X',
      '3.20102199003071E+17',
      '',
      '   ',
      null,
      ...randomIds(400, 7),
      ...randomStrings([...digits, 'X', 'x', ' ', 'Ｘ', '１', "'", 'E', '+', '.'], 150, 20, 8),
    ];
    await compare({ name: 'id', js: normaliseIdNumber, sql: (b) => [idNumberSql(v, b), idIssueSql(v, b)], values });
  });

  it('credit codes', async () => {
    const values = [
      '91350100M000100Y43',
      ' ９１３５０１００ｍ０００１００ｙ４３ ',
      '91350100M000100Y44',
      '91350100M000100I43',
      '9135A100M000100Y43',
      '91350100M000100Y4',
      '91350100M000100Y4-',
      '91350100M000101Y43',
      'N2370102MA3C1DQK6L',
      '',
      null,
      ...randomStrings([...'0123456789ABCDEFGHJKLMNPQRTUWXYIOZSV'.split(''), 'a', ' '], 200, 19, 9).map((s) => (s.length > 10 ? s.padEnd(18, '0').slice(0, 18) : s)),
    ];
    await compare({ name: 'credit', js: normaliseCreditCode, sql: (b) => [creditCodeSql(v, b), creditCodeIssueSql(v, b)], values });
  });

  it('village codes', async () => {
    const values = ['370102001001', ' 370102 001001', '370102001000', '370102', '3.70102E+11', "'370102001001", '', null, ...randomStrings([...digits, ' ', 'a'], 100, 13, 10)];
    await compare({ name: 'village', js: normaliseVillageCode, sql: (b) => [villageCodeSql(v, b), villageCodeIssueSql(v, b)], values });
  });

  it('names: traditional, full width, dots of minority names, stray punctuation, invisible and private-use characters', async () => {
    const values = [
      '张三',
      '張　三',
      '鍾國強',
      '李乾坤',
      '阿依古丽·买买提',
      '阿依古丽•买买提',
      '阿依古丽.买买提',
      '阿·依·古·丽',
      '阿依古丽 · · 买买提',
      '·张三·',
      '“张三”',
      '张三（已故）',
      'ＡＢＣ建筑公司',
      'Zhang San',
      '张\u200b三',
      '——',
      '𠵾㘚',
      '',
      null,
      ...randomStrings(NAME_CHARS, 600, 10, 11),
    ];
    await compare({ name: 'name', js: normaliseName, sql: (b) => [nameSql(v, b), nameIssueSql(v, b)], values });
  });

  it('free text and addresses', async () => {
    const values = ['  低保\u3000 A类 ', ' \t', '濟南市 歷下區 １號', '', null, ...randomStrings(NAME_CHARS, 200, 10, 12)];
    await compare({ name: 'text', js: normaliseText, sql: (b) => [textSql(v, b), 'CAST(NULL AS VARCHAR)'], values });
    await compare({ name: 'address', js: normaliseAddress, sql: (b) => [addressSql(v, b), 'CAST(NULL AS VARCHAR)'], values });
  });

  it('dates: Chinese formats, month precision, Excel serials, times, impossible days and years', async () => {
    const values = [
      '2024年3月5日',
      '2024年03月05号',
      '2024.3.5',
      '2024/03/05',
      '2024-3-5',
      '20240305',
      '２０２４－０３－０５',
      '2024-03-05T10:20:30Z',
      '2024-03-05 10:20:30',
      '2024/3/5 0:00',
      '2024-3-510:00',
      '2024-3',
      '2024.10',
      '2024年3月',
      '202403',
      '202413',
      '45356',
      '45356.5',
      '99999',
      '10000',
      '2023-02-29',
      '2024-02-29',
      '2024-13',
      '1899-12-31',
      '2100-01-01',
      '三月五日',
      '2024',
      '—',
      '',
      null,
      ...fc.sample(fc.integer({ min: 10000, max: 99999 }).map(String), { numRuns: 100, seed: 13 }),
      ...randomStrings(DATE_CHARS, 500, 12, 14),
    ];
    const values2 = values.map((x) => x);
    await compare({
      name: 'date',
      js: normaliseDate,
      sql: (b) => [`CAST(${dateSql(v, b)} AS VARCHAR)`, dateIssueSql(v, b), datePrecisionSql(v, b)],
      values: values2,
      date: true,
    });
  });

  const numbers = [
    '1,234.50',
    '￥1234.5',
    '¥1234.5',
    '1234.5元',
    '0.12万元',
    '0.12万',
    '650元',
    '-12.3',
    '-￥12.3',
    '0.005',
    '-0.005',
    '0.0049',
    '1234.5600000000001',
    '１２３４．５',
    '.5',
    '12.',
    '-0',
    '12,345,678,901.23',
    '—',
    '无',
    '',
    null,
    '六百五十',
    '12元5角',
    '1.2.3',
    '1234567890123456',
    '999999999999999',
    '99999999999999',
    '12.5亩',
    '666.67平方米',
    '300㎡',
    '300M2',
    '1.2公顷',
    '-3',
    '三亩',
    ...randomStrings(NUMBER_CHARS, 500, 8, 15),
  ];

  it.each<Unit>(['元', '万元'])('amounts in %s to fen', async (unit) => {
    await compare({ name: 'amount', js: (r) => normaliseAmount(r, unit), sql: (b) => [amountFenSql(v, unit, b), amountIssueSql(v, unit, b)], values: numbers });
  });

  it.each<[Unit | undefined, '亩' | '平方米']>([
    [undefined, '亩'],
    ['平方米', '亩'],
    ['公顷', '亩'],
    [undefined, '平方米'],
    ['亩', '平方米'],
  ])('areas in %s stored as hundredths of %s', async (unit, to) => {
    await compare({ name: 'area', js: (r) => normaliseArea(r, unit, to), sql: (b) => [areaSql(v, unit, to, b), areaIssueSql(v, unit, to, b)], values: numbers });
  });

  it('integers and yes/no', async () => {
    const ints = ['1,234', '-0', '+5', '12.0', '12.5', '0012', '1234567890123456', '', null, '—', ...randomStrings(NUMBER_CHARS, 200, 6, 16)];
    await compare({ name: 'int', js: normaliseInt, sql: (b) => [intSql(v, b), intIssueSql(v, b)], values: ints });
    const bools = ['是', '否', 'y', 'N', 'yes', 'True', '1', '0', '√', '×', '中标', ' 未中标 ', '落标', '有', '无', '待定', '', null, 'ｙ'];
    await compare({ name: 'bool', js: normaliseBool, sql: (b) => [boolSql(v, b), boolIssueSql(v, b)], values: bools });
  });

  it('phones and accounts', async () => {
    const phones = [
      '13800138000',
      '138 0013 8000',
      '+86 138-0013-8000',
      '0086 13800138000',
      '(0531)8888-6666',
      '0531-88886666转8001',
      '0531-88886666 EXT 8001',
      '010-12345678',
      '88886666',
      '12345',
      '13800138000/13900139000',
      '无',
      '',
      null,
      ...randomStrings(PHONE_CHARS, 400, 8, 17),
    ];
    await compare({ name: 'phone', js: normalisePhone, sql: (b) => [phoneSql(v, b), phoneIssueSql(v, b)], values: phones });
    const accounts = ['6222 0212 3456 7890 123', "'6222021234567890123", '6222-0212-3456', '6.22202E+18', '6222A', '12345', '', null, ...randomStrings([...digits, ' ', '-', 'A', "'", '１'], 200, 34, 18)];
    await compare({ name: 'account', js: normaliseAccount, sql: (b) => [accountSql(v, b), accountIssueSql(v, b)], values: accounts });
  });
});

describe('fast cell tests', () => {
  it('each GLOB form gives exactly what its regexp gives, over edge cases and random strings', async () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const edges = ['', ' ', '\t', '0', '12', '12.', '.5', '1.2', '1.23', '1.234', '1.2.3', '1..2', '123456789', '1234567890', '1234567890.12', '12345678901234', '-1', '1e5', 'abc', 'Ab9', '张三', '張三', 'a张', 'ab c', '\u3000', '１２', '2024-03-05', '2024-3-05', '20240305', '2024-03-055', '110101199003071234', '11010119900307123X', '11010119900307123x', '1101011990030712345', '123456', '12345', '1'.repeat(32), '1'.repeat(33), '6222-0212', '~!', '\u00e9', '𠵾'];
    const values = [...edges, ...randomStrings([...ascii, ...digits, ...digits, '.', '.', '-', 'X', '张', '張', '\u3000', '１', 'é'], 3000, 20, 31), ...randomStrings([...digits, '.'], 1000, 16, 32)];
    const tests = Object.entries(cellTests());
    const rows = values.map((x, i) => `(${i}, ${sqlString(x)})`).join(', ');
    const select = tests.flatMap(([, t], i) => [`${t.sql('v')} AS f${i}`, `regexp_matches(v, ${sqlString(t.pattern)}) AS r${i}`]).join(', ');
    const got = (await conn.runAndReadAll(`SELECT ${select} FROM (VALUES ${rows}) AS t(i, v) ORDER BY i`)).getRows();
    const mismatches: string[] = [];
    got.forEach((r, row) => tests.forEach(([name], i) => {
      if (r[2 * i] !== r[2 * i + 1]) mismatches.push(`${name} ${JSON.stringify(values[row])}: GLOB ${String(r[2 * i])} regexp ${String(r[2 * i + 1])}`);
    }));
    expect(mismatches).toEqual([]);
    // the random strings reach both answers of every test
    for (const [name] of tests) {
      const i = tests.findIndex(([n]) => n === name);
      expect(new Set(got.map((r) => r[2 * i])), name).toEqual(new Set([true, false]));
    }
  });
});

describe('normaliseRowSql agrees with normaliseRow', () => {
  it('gives the same record, issue texts and error flag for each row of a benefit roll', async () => {
    const headers = ['序号', '姓名', '身份证号', '金额（万元）', '发放年月', '面积', '村'];
    const mapping: ColumnMapping = {
      name: { column: 1 },
      id_number: { column: 2 },
      amount: { column: 3, unit: '万元' },
      pay_date: { column: 4 },
      area: { column: 5, unit: '亩' },
      village: { column: 6 },
    };
    const rows = [
      ['1', '張三', '110105491231002', '0.065', '2024年3月', '5.5', '东风村'],
      ['2', '', '110105194912310029', '六百', '2024-02-30', '', ''],
      ['3', '李四', '11010519491231002X', '', '45356', '三亩', '西关村'],
      ['4', '王五', '123', '650元', '2024.3.5', '12.5', null],
    ];
    const width = headers.length;
    const values = rows.map((r, i) => `(${i}, ${Array.from({ length: width }, (_, c) => (r[c] == null ? 'NULL' : sqlString(r[c]!))).join(', ')})`).join(', ');
    const names = Array.from({ length: width }, (_, c) => `c${c}`);
    const sql = normaliseRowSql('benefit_payments', mapping, (c) => sqlIdentifier(`c${c}`), headers);
    const stored = storedColumns('benefit_payments');
    const query = `SELECT ${stored.map((c) => (c.type === 'DATE' ? `CAST(${sqlIdentifier(c.name)} AS VARCHAR)` : sqlIdentifier(c.name))).join(', ')}, ${sql.issues} AS issues, ${sql.hasError} AS has_error
      FROM (SELECT i, ${sql.select.join(', ')} FROM (VALUES ${values}) AS t(i, ${names.join(', ')})) ORDER BY i`;
    const result = (await conn.runAndReadAll(query)).getRows();
    expect(result).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const js = normaliseRow('benefit_payments', mapping, row, { headers });
      const got = result[i]!;
      const record = Object.fromEntries(stored.map((c, k) => [c.name, plain(got[k])]));
      expect(record).toEqual(js.record);
      const issues = got[stored.length] as { items: unknown[] };
      expect([...issues.items]).toEqual(js.issues.map((x) => x.text));
      expect(got[stored.length + 1]).toBe(js.issues.some((x) => x.severity === 'error'));
    });
    // the second row's texts, as users read them (the importer puts "第 N 行" in front)
    expect(normaliseRow('benefit_payments', mapping, rows[1]!, { headers }).issues.map((x) => x.text)).toEqual([
      '第 B 列（姓名）：必填项为空',
      '第 C 列（身份证号）：校验位错误',
      '第 D 列（金额（万元））：不是有效的金额',
      '第 E 列（发放年月）：日期不存在',
    ]);
  });

  it('types unmapped fields and reports unmapped required ones', async () => {
    const sql = normaliseRowSql('deaths', { name: { column: 0 }, id_number: { column: 1 } }, (c) => sqlIdentifier(`c${c}`));
    const result = (
      await conn.runAndReadAll(
        `SELECT typeof(event_date), typeof(event_date_precision), ${sql.issues}, ${sql.hasError} FROM (SELECT ${sql.select.join(', ')} FROM (VALUES ('张三', '11010519491231002X')) AS t(c0, c1))`,
      )
    ).getRows();
    const js = normaliseRow('deaths', { name: { column: 0 }, id_number: { column: 1 } }, ['张三', '11010519491231002X']);
    expect(result[0]![0]).toBe('DATE');
    expect(result[0]![1]).toBe('VARCHAR');
    expect([...(result[0]![2] as { items: unknown[] }).items]).toEqual(js.issues.map((x) => x.text));
    expect(result[0]![3]).toBe(true);
    expect(datasetKind('deaths').fields.find((f) => f.key === 'event_date')?.required).toBe(true);
  });
});
