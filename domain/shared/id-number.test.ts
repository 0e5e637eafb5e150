import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber, parseIdNumber } from './id-number';

/**
 * An independent check-character computation straight from ISO 7064 MOD 11-2, the definition GB 11643
 * cites: weight of position i (1-based from the right, check char at i = 1) is 2^(i-1) mod 11, and the
 * check value c makes (sum + c) ≡ 1 (mod 11). Shares no table with the implementation.
 */
function referenceCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const positionFromRight = 18 - i;
    let weight = 1;
    for (let k = 1; k < positionFromRight; k++) weight = (weight * 2) % 11;
    sum += Number(first17[i]) * weight;
  }
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

describe('reference check computation agrees with published examples', () => {
  it.each([
    // GB 11643-1999 itself: 11010519491231002X, and 440524188001010014 in its appendix style
    ['11010519491231002', 'X'],
    ['34052419800101001', 'X'],
    ['11010519491231001', '1'],
    ['11010119900307007', '0'],
  ])('%s → %s', (first17, check) => {
    expect(referenceCheck(first17)).toBe(check);
    expect(idNumberCheckChar(first17)).toBe(check);
  });
});

describe('parseIdNumber: valid numbers', () => {
  it.each([
    // input, normalised value, birth date, gender, converted
    ['11010519491231002X', '11010519491231002X', '1949-12-31', '女', false],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', '女', false],
    ['110105194912310011', '110105194912310011', '1949-12-31', '男', false],
    ['110101199003070070', '110101199003070070', '1990-03-07', '男', false],
    ['  1101 0519 4912 3100 2X  ', '11010519491231002X', '1949-12-31', '女', false],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1949-12-31', '女', false],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X', '1949-12-31', '女', false],
    ['11010519491231002X\u3000', '11010519491231002X', '1949-12-31', '女', false],
    ['\t11010519491231002X\n', '11010519491231002X', '1949-12-31', '女', false],
    // GB 11643-1999's own 15→18 example
    ['340524800101001', '34052419800101001X', '1980-01-01', '男', true],
    ['３４０５２４８００１０１００１', '34052419800101001X', '1980-01-01', '男', true],
    // leap day
    ['110105200002290021', `11010520000229002${referenceCheck('11010520000229002')}`, '2000-02-29', '女', false],
    // residence permits of Hong Kong (810000), Macao (820000) and Taiwan (830000) residents
    [`81000019900101001${referenceCheck('81000019900101001')}`, `81000019900101001${referenceCheck('81000019900101001')}`, '1990-01-01', '男', false],
    [`83000019900101002${referenceCheck('83000019900101002')}`, `83000019900101002${referenceCheck('83000019900101002')}`, '1990-01-01', '女', false],
    [`82000019900101003${referenceCheck('82000019900101003')}`, `82000019900101003${referenceCheck('82000019900101003')}`, '1990-01-01', '男', false],
    // year 1900 is the floor and is allowed
    [`11010519000101001${referenceCheck('11010519000101001')}`, `11010519000101001${referenceCheck('11010519000101001')}`, '1900-01-01', '男', false],
  ] as const)('%j', (input, value, birthDate, gender, converted) => {
    const expectedValue = value.slice(0, 17) + referenceCheck(value.slice(0, 17));
    expect(expectedValue).toBe(value);
    const r = parseIdNumber(input);
    expect(r).toEqual({ ok: true, value, birthDate, gender, converted });
    expect(isValidIdNumber(input)).toBe(true);
  });

  it('leap day example really has its computed check digit', () => {
    // guards the table above against a typo that happens to parse
    expect(parseIdNumber('110105200002290021').ok).toBe(referenceCheck('11010520000229002') === '1');
  });
});

describe('parseIdNumber: invalid numbers name the problem', () => {
  it.each([
    ['', '身份证号码为空'],
    ['   ', '身份证号码为空'],
    ['110105194912310029', '校验位错误，应为X'],
    ['11010519491231002Y', '含非法字符：“Y”'],
    ['110105194912310011'.replace('1', 'l'), '含非法字符：“l”'],
    ['11010519491231-002X', '含非法字符：“-”'],
    ['1.10105194912310E+17', '含非法字符：“.”“E”“+”'],
    ['abc', '含非法字符'],
    ['1101051949123100', '位数不对：应为18位（旧证15位），实际为16位'],
    ['11010519491231002X1', '位数不对：应为18位（旧证15位），实际为19位'],
    ['1101051949', '位数不对'],
    ['11010519491231X02X', '含非法字符：X只能出现在18位号码的最后一位'],
    ['34052480010100X', '含非法字符：X只能出现在18位号码的最后一位'],
    [`11010519490230002${referenceCheck('11010519490230002')}`, '出生日期无效：1949-02-30'],
    [`11010519000229002${referenceCheck('11010519000229002')}`, '出生日期无效：1900-02-29'],
    [`11010519491301002${referenceCheck('11010519491301002')}`, '出生日期无效：1949-13-01'],
    [`11010519490001002${referenceCheck('11010519490001002')}`, '出生日期无效：1949-00-01'],
    [`11010519490431002${referenceCheck('11010519490431002')}`, '出生日期无效：1949-04-31'],
    [`11010519490100002${referenceCheck('11010519490100002')}`, '出生日期无效：1949-01-00'],
    [`11010518991231002${referenceCheck('11010518991231002')}`, '出生日期无效：1899-12-31（年份早于1900年）'],
    ['340524800230001', '出生日期无效：1980-02-30'],
    [`99010519491231002${referenceCheck('99010519491231002')}`, '地区码无效：前两位“99”不是省级行政区划代码'],
    [`00010519491231002${referenceCheck('00010519491231002')}`, '地区码无效：前两位“00”'],
    [`10010519491231002${referenceCheck('10010519491231002')}`, '地区码无效：前两位“10”'],
    [`84010519491231002${referenceCheck('84010519491231002')}`, '地区码无效：前两位“84”'],
    [`11000019491231002${referenceCheck('11000019491231002')}`, '地区码无效：“110000”只有省级代码'],
    [`44000019491231002${referenceCheck('44000019491231002')}`, '地区码无效：“440000”只有省级代码'],
    ['990524800101001', '地区码无效：前两位“99”'],
  ])('%j → %s', (input, reasonPart) => {
    const r = parseIdNumber(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reasonPart);
    expect(isValidIdNumber(input)).toBe(false);
  });
});

describe('parseIdNumber: the today option', () => {
  const born2024 = `11010520240615002${referenceCheck('11010520240615002')}`;

  it.each([
    [undefined, true],
    ['2024-06-15', true],
    ['2030-01-01', true],
    ['2024-06-14', false],
    ['2000-01-01', false],
  ] as const)('born 2024-06-15, today %s → ok %s', (today, ok) => {
    const r = parseIdNumber(born2024, today === undefined ? undefined : { today });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toBe('出生日期无效：2024-06-15（晚于今天）');
  });

  it('refuses a malformed today as a programming error', () => {
    expect(() => parseIdNumber(born2024, { today: '2024/06/15' })).toThrow(TypeError);
  });
});

describe('idNumberCheckChar', () => {
  it.each(['', '1101051949123100', '1101051949123100X', '110105194912310021'])('refuses %j', (s) => {
    expect(() => idNumberCheckChar(s)).toThrow(TypeError);
  });
});

/** 17 digits whose area and birth date are valid, so only the check character decides. */
const provinces = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const validFirst17 = fc
  .record({
    province: fc.constantFrom(...provinces),
    rest: digits(4).filter((d) => d !== '0000'),
    date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: digits(3),
  })
  .map(({ province, rest, date, seq }) => province + rest + date.toISOString().slice(0, 10).replaceAll('-', '') + seq);

describe('parseIdNumber: properties', () => {
  it('17 valid digits plus the reference check character always parse', () => {
    fc.assert(
      fc.property(validFirst17, (first17) => {
        const id = first17 + referenceCheck(first17);
        const r = parseIdNumber(id);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value).toBe(id);
          expect(r.gender).toBe(Number(first17[16]) % 2 === 1 ? '男' : '女');
          expect(r.birthDate.replaceAll('-', '')).toBe(first17.slice(6, 14));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('changing any one character makes it fail', () => {
    fc.assert(
      fc.property(validFirst17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (first17, pos, delta) => {
        const id = first17 + referenceCheck(first17);
        const alphabet = '0123456789X';
        const current = alphabet.indexOf(id[pos]!);
        // digits only in the body; the check position may also become X
        const size = pos === 17 ? 11 : 10;
        const replacement = alphabet[(current + (delta % size === 0 ? 1 : delta)) % size]!;
        fc.pre(replacement !== id[pos]);
        const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(parseIdNumber(mutated).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('swapping two different adjacent body digits makes it fail', () => {
    fc.assert(
      fc.property(validFirst17, fc.integer({ min: 0, max: 15 }), (first17, pos) => {
        fc.pre(first17[pos] !== first17[pos + 1]);
        const id = first17 + referenceCheck(first17);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(parseIdNumber(swapped).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('15-digit numbers convert to the 18-digit number with the same body', () => {
    const valid15 = validFirst17.filter((s) => s.slice(6, 8) === '19').map((s) => s.slice(0, 6) + s.slice(8));
    fc.assert(
      fc.property(valid15, (old) => {
        const r = parseIdNumber(old);
        expect(r.ok).toBe(true);
        if (r.ok) {
          const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
          expect(r.value).toBe(first17 + referenceCheck(first17));
          expect(r.converted).toBe(true);
          // the converted number parses to itself, unconverted
          expect(parseIdNumber(r.value)).toEqual({ ...r, converted: false });
        }
      }),
      { numRuns: 500 },
    );
  });
});
