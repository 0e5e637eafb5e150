import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  isValidCreditCode,
  organizationCodeCheckChar,
  parseCreditCode,
} from './credit-code';

/*
 * Independent reference computations, written from the standards' definitions rather than their
 * weight tables: GB 32100 weights are 3^(i-1) mod 31 and the check makes the weighted sum ≡ 0 (mod 31);
 * GB 11714 weights are 2^(9-i) mod 11 and the check makes the weighted sum ≡ 0 (mod 11), with 10 written X.
 */
const REF_ALPHABET = [...'0123456789', ...'ABCDEFGHJKLMNPQRTUWXY'];

function refCreditCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += REF_ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return REF_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function refOrgCheck(first8: string): string {
  let sum = 0;
  [...first8].forEach((ch, i) => {
    const value = parseInt(ch, 36); // 0-9, A=10 … Z=35
    let weight = 1;
    for (let k = 0; k < 8 - i; k++) weight = (weight * 2) % 11;
    sum += value * weight;
  });
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Builds a fully valid code from its parts with the reference computations. */
function build(head2: string, division: string, org8: string): string {
  const first17 = head2 + division + org8 + refOrgCheck(org8);
  return first17 + refCreditCheck(first17);
}

describe('reference computations reproduce published codes', () => {
  // Codes as printed on business licences and in GB 32100-2015 (the 91350100M000100Y43 example).
  it.each([
    ['91350100M000100Y43'], // GB 32100-2015 example
    ['9144030071526726XG'], // 深圳市腾讯计算机系统有限公司 (organisation check X)
    ['914403001922038216'], // 华为技术有限公司
    ['91110000802100433B'], // 北京百度网讯科技有限公司
    ['91110108551385082Q'], // 小米科技有限责任公司
    ['91330100799655058B'], // 阿里巴巴（中国）有限公司
    ['12440600MB2C07549J'], // a 事业单位 in 佛山 quoted in a validator bug report
  ])('%s', (code) => {
    expect(refCreditCheck(code.slice(0, 17))).toBe(code[17]);
    expect(refOrgCheck(code.slice(8, 16))).toBe(code[16]);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(organizationCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
  });
});

describe('parseCreditCode: valid codes', () => {
  it.each([
    // input, value, authority, orgType, division, organisation code
    ['91350100M000100Y43', '91350100M000100Y43', '工商', '企业', '350100', 'M000100Y4'],
    ['9144030071526726XG', '9144030071526726XG', '工商', '企业', '440300', '71526726X'],
    ['914403001922038216', '914403001922038216', '工商', '企业', '440300', '192203821'],
    ['12440600MB2C07549J', '12440600MB2C07549J', '机构编制', '事业单位', '440600', 'MB2C07549'],
    // normalisation: lowercase, spaces, full-width
    ['91350100m000100y43', '91350100M000100Y43', '工商', '企业', '350100', 'M000100Y4'],
    ['  9135 0100 M000 100Y 43 ', '91350100M000100Y43', '工商', '企业', '350100', 'M000100Y4'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43', '工商', '企业', '350100', 'M000100Y4'],
    ['91350100M000100Y43\u3000', '91350100M000100Y43', '工商', '企业', '350100', 'M000100Y4'],
    // village collective economic organisations (农业农村部门, N2), constructed and checked by reference
    ['N2330106MA2H3J4K3P', 'N2330106MA2H3J4K3P', '农业', '村级集体经济组织', '330106', 'MA2H3J4K3'],
    ['n2330106ma2h3j4k3p', 'N2330106MA2H3J4K3P', '农业', '村级集体经济组织', '330106', 'MA2H3J4K3'],
    ['N1330106MA2H3J4K3T', 'N1330106MA2H3J4K3T', '农业', '组级集体经济组织', '330106', 'MA2H3J4K3'],
    ['N3330106MA2H3J4K3L', 'N3330106MA2H3J4K3L', '农业', '乡镇级集体经济组织', '330106', 'MA2H3J4K3'],
    // final check '0', organisation check '0', organisation check 'X', final check 'Y'
    ['N23301060000003340', 'N23301060000003340', '农业', '村级集体经济组织', '330106', '000000334'],
    ['N2330106000000000F', 'N2330106000000000F', '农业', '村级集体经济组织', '330106', '000000000'],
    ['N233010600000006XF', 'N233010600000006XF', '农业', '村级集体经济组织', '330106', '00000006X'],
    ['N2330106000000211Y', 'N2330106000000211Y', '农业', '村级集体经济组织', '330106', '000000211'],
  ] as const)('%j', (input, value, authority, orgType, divisionCode, organizationCode) => {
    // the expected value is itself valid by the independent reference
    expect(refCreditCheck(value.slice(0, 17))).toBe(value[17]);
    expect(refOrgCheck(value.slice(8, 16))).toBe(value[16]);
    expect(parseCreditCode(input)).toEqual({ ok: true, value, authority, orgType, divisionCode, organizationCode });
    expect(isValidCreditCode(input)).toBe(true);
  });

  it.each([
    ['11', '机构编制', '机关'],
    ['13', '机构编制', '中央编办直接管理机构编制的群众团体'],
    ['21', '外交', '外国常驻新闻机构'],
    ['31', '司法行政', '律师执业机构'],
    ['35', '司法行政', '仲裁委员会'],
    ['41', '文化', '外国在华文化中心'],
    ['51', '民政', '社会团体'],
    ['52', '民政', '民办非企业单位（社会服务机构）'],
    ['53', '民政', '基金会'],
    ['62', '旅游', '港澳台地区旅游部门常驻内地（大陆）代表机构'],
    ['71', '宗教', '宗教活动场所'],
    ['81', '工会', '基层工会'],
    ['92', '工商', '个体工商户'],
    ['93', '工商', '农民专业合作社'],
    ['A1', '中央军委改革和编制办公室', '军队事业单位'],
    ['N9', '农业', '其他'],
    ['Y1', '其他', '其他'],
    // any alphabet character is accepted in positions 1–2, labelled 未知 when the standard has none
    ['94', '工商', '未知'],
    ['B1', '未知', '未知'],
    ['0X', '未知', '未知'],
  ])('labels %s as %s / %s', (head2, authority, orgType) => {
    const r = parseCreditCode(build(head2, '110108', '71774346'));
    expect(r).toMatchObject({ ok: true, authority, orgType });
  });
});

describe('parseCreditCode: invalid codes name the problem', () => {
  it.each([
    ['', '统一社会信用代码为空'],
    ['  ', '统一社会信用代码为空'],
    ['91350100M000100Y4', '位数不对：应为18位，实际为17位'],
    ['91350100M000100Y433', '位数不对：应为18位，实际为19位'],
    ['913501', '位数不对'],
    ['91350100M000100Y4-', '含非法字符：“-”'],
    ['91350100M000100Y4三', '含非法字符：“三”'],
    ['91350100M00010OY43', '含不使用的字母：“O”'],
    ['91350100I000100Y43', '含不使用的字母：“I”'],
    ['91350100Z000100Y43', '含不使用的字母：“Z”'],
    ['91350100S000100Y43', '含不使用的字母：“S”'],
    ['91350100V000100Y43', '含不使用的字母：“V”'],
    ['9135010oM000100Y43', '含不使用的字母：“O”'],
    ['913501A0M000100Y43', '第3–8位应为6位数字的行政区划码，实际为“3501A0”'],
    ['91350100M000100Y44', '校验位错误，应为3'],
    ['91350100M000100Y4X', '校验位错误，应为3'],
    ['91350200M000100Y43', '校验位错误'],
    ['19350100M000100Y43', '校验位错误'], // transposed authority and category
    ['91350203M0001QKT19', '校验位错误，应为F'], // a real 2015 Xiamen code issued before the rule was enforced
    ['N23301060000003341', '校验位错误，应为0'],
    // the final check passes but the organisation code's own check does not
    [(() => {
      const first17 = 'N2330106MA2H3J4K4';
      return first17 + refCreditCheck(first17);
    })(), '第9–17位组织机构代码的校验位错误，第17位应为3'],
  ])('%j → %s', (input, reasonPart) => {
    const r = parseCreditCode(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reasonPart);
    expect(isValidCreditCode(input)).toBe(false);
  });
});

describe('check helpers refuse malformed arguments', () => {
  it.each(['', '91350100M000100Y', '91350100M000100Y43', '91350100M00010OY4'])('creditCodeCheckChar(%j)', (s) => {
    expect(() => creditCodeCheckChar(s)).toThrow(TypeError);
  });
  it.each(['', 'M000100', 'M000100Y4', 'M00010-Y'])('organizationCodeCheckChar(%j)', (s) => {
    expect(() => organizationCodeCheckChar(s)).toThrow(TypeError);
  });
});

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const orgChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const validCode = fc
  .record({
    head: fc.tuple(alphabetChar, alphabetChar).map(([a, b]) => a + b),
    division: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }).map((d) => d.join('')),
    org8: fc.array(orgChar, { minLength: 8, maxLength: 8 }).map((c) => c.join('')),
  })
  .map(({ head, division, org8 }) => build(head, division, org8));

describe('parseCreditCode: properties', () => {
  it('codes built by the reference computations always parse', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const r = parseCreditCode(code);
        expect(r).toMatchObject({ ok: true, value: code, divisionCode: code.slice(2, 8) });
        expect(parseCreditCode(code.toLowerCase())).toEqual(r);
      }),
      { numRuns: 2000 },
    );
  });

  it('changing any one character to another alphabet character makes it fail', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, delta) => {
        const current = CREDIT_CODE_ALPHABET.indexOf(code[pos]!);
        const replacement = CREDIT_CODE_ALPHABET[(current + delta) % 31]!;
        const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(parseCreditCode(mutated).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('swapping two different adjacent characters of the first 17 makes it fail', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 15 }), (code, pos) => {
        fc.pre(code[pos] !== code[pos + 1]);
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        expect(parseCreditCode(swapped).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
