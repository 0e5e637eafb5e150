import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../shared/id-number';
import { normalizeName } from '../shared/names';
import {
  ISSUES,
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
} from './normalise';
import { simplifiedTable, simplifyChars } from './text';

const VALID_ID = '11010519491231002X';
const ID_15 = '110105491231002';
const ID_15_AS_18 = VALID_ID; // the old number of the same person

describe('normaliseIdNumber', () => {
  it.each<[string, string | null, string | undefined]>([
    [VALID_ID, VALID_ID, undefined],
    ['11010519491231002x', VALID_ID, undefined],
    [' １１０１０５１９４９１２３１００２Ｘ ', VALID_ID, undefined],
    ['110105 1949 1231 002X', VALID_ID, undefined],
    ["'11010519491231002X", VALID_ID, undefined],
    [ID_15, ID_15_AS_18, undefined],
    ['110105194912310029', '110105194912310029', ISSUES.checkDigit],
    ['990105194912310021', '990105194912310021', ISSUES.idArea],
    ['110105194902300021', '110105194902300021', ISSUES.idBirth],
    ['990105491231002', '990105194912310023', ISSUES.idArea],
    ['1101051949123100', null, ISSUES.idLength],
    ['11010519491231002Y', null, ISSUES.illegalChars],
    ['1101051949123X0021', null, ISSUES.illegalChars],
    ['3.20102199003071E+17', null, ISSUES.scientific],
    ['', null, undefined],
    ['  ', null, undefined],
  ])('%j → %j (%s)', (raw, value, issue) => {
    expect(normaliseIdNumber(raw)).toEqual(issue === undefined ? { value } : { value, issue });
  });

  it('a 15-digit number and its 18-digit form normalise to the same key (property)', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.constantFrom('110105', '320102', '370102', '530102'),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('1999-12-31T00:00:00Z'), noInvalidDate: true }),
        digits(3),
        (area, birth, seq) => {
          const yymmdd = birth.toISOString().slice(2, 10).replaceAll('-', '');
          const old = `${area}${yymmdd}${seq}`;
          const first17 = `${area}19${yymmdd}${seq}`;
          const full = first17 + idNumberCheckChar(first17);
          expect(normaliseIdNumber(old)).toEqual({ value: full });
          expect(normaliseIdNumber(full.toLowerCase())).toEqual({ value: full });
        },
      ),
    );
  });
});

describe('normaliseCreditCode', () => {
  it.each<[string, string | null, string | undefined]>([
    ['91350100M000100Y43', '91350100M000100Y43', undefined],
    [' ９１３５０１００ｍ０００１００ｙ４３ ', '91350100M000100Y43', undefined],
    ['91350100M000100Y44', '91350100M000100Y44', ISSUES.checkDigit],
    ['91350100M000100I43', '91350100M000100I43', ISSUES.creditLetters],
    ['9135A100M000100Y43', '9135A100M000100Y43', ISSUES.creditDivision],
    ['91350100M000100Y4', null, ISSUES.creditLength],
    ['91350100M000100Y4-', null, ISSUES.illegalChars],
    ['', null, undefined],
  ])('%j → %j (%s)', (raw, value, issue) => {
    expect(normaliseCreditCode(raw)).toEqual(issue === undefined ? { value } : { value, issue });
  });
});

describe('normaliseVillageCode', () => {
  it.each<[string, string | null, string | undefined]>([
    ['370102001001', '370102001001', undefined],
    [' 370102 001001', '370102001001', undefined],
    ['370102001000', '370102001000', ISSUES.notVillageLevel],
    ['370102', null, ISSUES.villageCode],
    ['3.70102E+11', null, ISSUES.scientific],
  ])('%j → %j', (raw, value, issue) => {
    expect(normaliseVillageCode(raw)).toEqual(issue === undefined ? { value } : { value, issue });
  });
});

describe('normaliseName', () => {
  it.each<[string, string | null]>([
    ['张三', '张三'],
    [' 张 三 ', '张三'],
    ['張　三', '张三'],
    ['鍾國強', '钟国强'],
    ['李乾坤', '李干坤'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽.买买提', '阿依古丽·买买提'],
    ['阿依古丽．买买提', '阿依古丽·买买提'],
    ['阿依古丽 · · 买买提', '阿依古丽·买买提'],
    ['·张三·', '张三'],
    ['张三。', '张三'],
    ['“张三”', '张三'],
    ['张三（已故）', '张三已故'],
    ['ＡＢＣ建筑公司', 'ABC建筑公司'],
    ['Zhang San', 'ZhangSan'],
    ['张\u200b三', '张三'],
    ['', null],
  ])('%j → %j', (raw, value) => {
    expect(normaliseName(raw)).toEqual({ value });
  });

  it('flags a name of nothing but punctuation', () => {
    expect(normaliseName('——')).toEqual({ value: null, issue: ISSUES.nameEmpty });
  });

  it('agrees with the registry’s normalizeName on names the phrase dictionaries do not touch', () => {
    for (const name of ['張三', '鍾國強', '阿依古麗·買買提', '歐陽修', '司馬懿', '黃曉明', '劉德華']) {
      expect(normaliseName(name).value).toBe(normalizeName(name));
    }
  });

  it('the character table is built from OpenCC, maps one character to one, and is idempotent', () => {
    const { map, from, to } = simplifiedTable();
    expect(map.size).toBeGreaterThan(3000);
    expect([...from].length).toBe(map.size);
    expect([...to].length).toBe(map.size);
    expect(map.get('國')).toBe('国');
    expect(map.get('峯')).toBe('峰');
    for (const value of map.values()) expect(map.has(value)).toBe(false);
    expect(simplifyChars('臺灣省')).toBe('台湾省');
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('張', '三', '·', ' ', '.', '•', '　', 'Ａ', 'a', '，', '國', '阿', '(', '1') }), (s) => {
        const once = normaliseName(s).value;
        if (once !== null) expect(normaliseName(once).value).toBe(once);
      }),
    );
  });
});

describe('normaliseText and normaliseAddress', () => {
  it('folds width and whitespace', () => {
    expect(normaliseText('  低保\u3000 A类 ')).toEqual({ value: '低保 A类' });
    expect(normaliseText(' \t')).toEqual({ value: null });
    expect(normaliseAddress(' 濟南市 歷下區 １號 ')).toEqual({ value: '济南市历下区1号' });
  });
});

describe('normaliseDate', () => {
  it.each<[string, string | null, 'day' | 'month' | undefined, string | undefined]>([
    ['2024年3月5日', '2024-03-05', 'day', undefined],
    ['2024年03月05号', '2024-03-05', 'day', undefined],
    ['2024.3.5', '2024-03-05', 'day', undefined],
    ['2024/03/05', '2024-03-05', 'day', undefined],
    ['2024-3-5', '2024-03-05', 'day', undefined],
    ['20240305', '2024-03-05', 'day', undefined],
    ['２０２４－０３－０５', '2024-03-05', 'day', undefined],
    ['2024-03-05T10:20:30Z', '2024-03-05', 'day', undefined],
    ['2024-03-05 10:20:30', '2024-03-05', 'day', undefined],
    ['2024/3/5 0:00', '2024-03-05', 'day', undefined],
    ['2024-3', '2024-03-01', 'month', undefined],
    ['2024.10', '2024-10-01', 'month', undefined],
    ['2024年3月', '2024-03-01', 'month', undefined],
    ['202403', '2024-03-01', 'month', undefined],
    ['45356', '2024-03-05', 'day', undefined],
    ['45356.5', '2024-03-05', 'day', undefined],
    ['36526', '2000-01-01', 'day', undefined],
    ['2023-02-29', null, undefined, ISSUES.dateInvalid],
    ['2024-02-29', '2024-02-29', 'day', undefined],
    ['2024-13', null, undefined, ISSUES.dateInvalid],
    ['1899-12-31', null, undefined, ISSUES.dateYear],
    ['三月五日', null, undefined, ISSUES.dateFormat],
    ['2024', null, undefined, ISSUES.dateFormat],
    ['', null, undefined, undefined],
    ['—', null, undefined, undefined],
  ])('%j → %j', (raw, value, precision, issue) => {
    const expected: Record<string, unknown> = { value };
    if (precision !== undefined) expected.precision = precision;
    if (issue !== undefined) expected.issue = issue;
    expect(normaliseDate(raw)).toEqual(expected);
  });

  it('Excel serials agree with the calendar for every day from 1927 to 2099 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10000, max: 73050 }), (serial) => {
        const iso = new Date(Date.UTC(1900, 0, 1) + (serial - 2) * 86_400_000).toISOString().slice(0, 10);
        expect(normaliseDate(String(serial)).value).toBe(iso);
      }),
    );
  });
});

describe('normaliseAmount', () => {
  it.each<[string, '元' | '万元' | undefined, number | null, string | undefined]>([
    ['1,234.50', undefined, 123450, undefined],
    ['￥1234.5', undefined, 123450, undefined],
    ['¥1234.5', undefined, 123450, undefined],
    ['1234.5元', undefined, 123450, undefined],
    ['0.12万元', undefined, 120000, undefined],
    ['0.12万', undefined, 120000, undefined],
    ['0.12', '万元', 120000, undefined],
    ['650元', '万元', 65000, undefined],
    ['-12.3', undefined, -1230, undefined],
    ['-￥12.3', undefined, -1230, undefined],
    ['0.005', undefined, 1, undefined],
    ['-0.005', undefined, -1, undefined],
    ['0.0049', undefined, 0, undefined],
    ['1234.5600000000001', undefined, 123456, undefined],
    ['１２３４．５', undefined, 123450, undefined],
    ['.5', undefined, 50, undefined],
    ['12.', undefined, 1200, undefined],
    ['12,345,678,901.23', undefined, 1234567890123, undefined],
    ['—', undefined, null, undefined],
    ['', undefined, null, undefined],
    ['六百五十', undefined, null, ISSUES.notAmount],
    ['12元5角', undefined, null, ISSUES.notAmount],
    ['1.2.3', undefined, null, ISSUES.notAmount],
    ['1234567890123456', undefined, null, ISSUES.tooLarge],
    ['99999999999999', '万元', null, ISSUES.tooLarge],
  ])('%j (%s) → %j', (raw, unit, value, issue) => {
    expect(normaliseAmount(raw, unit)).toEqual(issue === undefined ? { value } : { value, issue });
  });

  it('equals the cents of the decimal for any amount with two decimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const text = `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
        expect(normaliseAmount(text).value).toBe(fen === 0 ? 0 : fen);
      }),
    );
  });
});

describe('normaliseArea', () => {
  it.each<[string, '亩' | '平方米' | '公顷' | undefined, '亩' | '平方米', number | null, string | undefined]>([
    ['12.5', undefined, '亩', 1250, undefined],
    ['12.5亩', '平方米', '亩', 1250, undefined],
    ['666.67平方米', undefined, '亩', 100, undefined],
    ['300㎡', undefined, '亩', 45, undefined],
    ['300', '平方米', '亩', 45, undefined],
    ['1.2公顷', undefined, '亩', 1800, undefined],
    ['120.5', undefined, '平方米', 12050, undefined],
    ['1亩', undefined, '平方米', 66667, undefined],
    ['1,200.25', undefined, '亩', 120025, undefined],
    ['-3', undefined, '亩', null, ISSUES.negativeArea],
    ['三亩', undefined, '亩', null, ISSUES.notArea],
    ['', undefined, '亩', null, undefined],
  ])('%j (%s → %s) → %j', (raw, unit, to, value, issue) => {
    expect(normaliseArea(raw, unit, to)).toEqual(issue === undefined ? { value } : { value, issue });
  });
});

describe('normalisePhone, normaliseAccount, normaliseInt, normaliseBool', () => {
  it.each<[string, string | null, string | undefined]>([
    ['13800138000', '13800138000', undefined],
    ['138 0013 8000', '13800138000', undefined],
    ['+86 138-0013-8000', '13800138000', undefined],
    ['0086 13800138000', '13800138000', undefined],
    ['(0531)8888-6666', '053188886666', undefined],
    ['0531-88886666转8001', '053188886666', undefined],
    ['010-12345678', '01012345678', undefined],
    ['88886666', '88886666', ISSUES.phoneNoAreaCode],
    ['12345', null, ISSUES.phone],
    ['13800138000/13900139000', null, ISSUES.phone],
    ['无', null, undefined],
  ])('phone %j → %j', (raw, value, issue) => {
    expect(normalisePhone(raw)).toEqual(issue === undefined ? { value } : { value, issue });
  });

  it.each<[string, string | null, string | undefined]>([
    ['6222 0212 3456 7890 123', '6222021234567890123', undefined],
    ["'6222021234567890123", '6222021234567890123', undefined],
    ['6222-0212-3456', '622202123456', undefined],
    ['6.22202E+18', null, ISSUES.scientific],
    ['6222A', null, ISSUES.accountChars],
    ['12345', null, ISSUES.accountLength],
  ])('account %j → %j', (raw, value, issue) => {
    expect(normaliseAccount(raw)).toEqual(issue === undefined ? { value } : { value, issue });
  });

  it('reads integers and yes/no', () => {
    expect(normaliseInt('1,234')).toEqual({ value: 1234 });
    expect(normaliseInt('-0')).toEqual({ value: 0 });
    expect(normaliseInt('12.0')).toEqual({ value: 12 });
    expect(normaliseInt('12.5')).toEqual({ value: null, issue: ISSUES.notInteger });
    expect(normaliseBool('中标')).toEqual({ value: true });
    expect(normaliseBool(' 未中标 ')).toEqual({ value: false });
    expect(normaliseBool('y')).toEqual({ value: true });
    expect(normaliseBool('×')).toEqual({ value: false });
    expect(normaliseBool('待定')).toEqual({ value: null, issue: ISSUES.notBool });
  });
});

describe('normaliseRow', () => {
  const headers = ['序号', '姓名', '身份证号', '金额（万元）', '发放年月', '面积'];
  const mapping = {
    name: { column: 1 },
    id_number: { column: 2 },
    amount: { column: 3, unit: '万元' as const },
    pay_date: { column: 4 },
    area: { column: 5, unit: '亩' as const },
  };

  it('normalises a row into every stored column of the kind', () => {
    const row = normaliseRow('benefit_payments', mapping, ['1', '張三', ID_15, '0.065', '2024年3月', '5.5'], { rowNumber: 4, headers });
    expect(row.issues).toEqual([]);
    expect(row.record).toEqual({
      name: '张三',
      id_number: ID_15_AS_18,
      village: null,
      village_code: null,
      town: null,
      item: null,
      amount: 65000,
      pay_date: '2024-03-01',
      pay_date_precision: 'month',
      area: 550,
      household_size: null,
      account: null,
      phone: null,
    });
    expect(Object.keys(row.record)).toEqual(storedColumns('benefit_payments').map((c) => c.name));
  });

  it('names each issue by row, column letter and header, kept values as warnings', () => {
    const row = normaliseRow('benefit_payments', mapping, ['2', '', '110105194912310029', '六百', '2024-02-30', ''], { rowNumber: 12, headers });
    expect(row.issues.map((i) => [i.text, i.severity])).toEqual([
      ['第 12 行 第 B 列（姓名）：必填项为空', 'error'],
      ['第 12 行 第 C 列（身份证号）：校验位错误', 'warning'],
      ['第 12 行 第 D 列（金额（万元））：不是有效的金额', 'error'],
      ['第 12 行 第 E 列（发放年月）：日期不存在', 'error'],
    ]);
    expect(row.record.id_number).toBe('110105194912310029');
  });

  it('reports a required field without a column, and labels columns by field when headers are absent', () => {
    const row = normaliseRow('benefit_payments', { name: { column: 0 }, id_number: { column: 1 } }, ['张三', '123'], { rowNumber: 3 });
    expect(row.issues.map((i) => i.text)).toEqual(['第 3 行 第 B 列（身份证号码）：位数不对（应为18位或15位）', '第 3 行 “发放金额”：必填项为空']);
  });

  it('stores date precision columns and storage types', () => {
    expect(storedColumns('public_payroll')).toEqual([
      { name: 'name', type: 'VARCHAR', field: 'name' },
      { name: 'id_number', type: 'VARCHAR', field: 'id_number' },
      { name: 'employer', type: 'VARCHAR', field: 'employer' },
      { name: 'position', type: 'VARCHAR', field: 'position' },
      { name: 'start_date', type: 'DATE', field: 'start_date' },
      { name: 'start_date_precision', type: 'VARCHAR', field: 'start_date' },
      { name: 'end_date', type: 'DATE', field: 'end_date' },
      { name: 'end_date_precision', type: 'VARCHAR', field: 'end_date' },
    ]);
  });
});
