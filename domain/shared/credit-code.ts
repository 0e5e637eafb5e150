/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters from a 31-character alphabet (no I, O, Z, S, V):
 *   1      registration authority (登记管理部门)
 *   2      organisation category within that authority (机构类别)
 *   3–8    administrative division of the registering office (GB/T 2260)
 *   9–17   organisation code (组织机构代码, GB 11714), whose 9th character is its own check character
 *   18     check character over the first 17 (weights 3^i mod 31)
 * Village collective economic organisations are registered by the agriculture departments: "N2…".
 */

export type CreditCodeParseResult =
  | {
      ok: true;
      /** 18 characters, uppercase */
      value: string;
      /** registration authority, e.g. 工商, 农业; 未知 when the standard has no label for it */
      authority: string;
      /** organisation category, e.g. 企业, 村级集体经济组织; 未知 when unlabelled */
      orgType: string;
      /** positions 3–8 */
      divisionCode: string;
      /** positions 9–17, the GB 11714 organisation code */
      organizationCode: string;
    }
  | { ok: false; reason: string };

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const FORBIDDEN_LETTERS = 'IOZSV';
const UNKNOWN = '未知';

interface AuthorityInfo {
  label: string;
  categories: Record<string, string>;
}

/** GB 32100-2015 表2/表3 with the later assignments (A 军委改革和编制办, N 农业). */
const AUTHORITIES: Readonly<Record<string, AuthorityInfo>> = {
  '1': { label: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { label: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    label: '司法行政',
    categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { label: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { label: '民政', categories: { '1': '社会团体', '2': '民办非企业单位（社会服务机构）', '3': '基金会', '9': '其他' } },
  '6': {
    label: '旅游',
    categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { label: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { label: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { label: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { label: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { label: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { label: '其他', categories: { '1': '其他' } },
};

/** Label of the registration authority (position 1), or 未知. */
export function creditCodeAuthorityLabel(code: string): string {
  return AUTHORITIES[code.charAt(0)]?.label ?? UNKNOWN;
}

/** Label of the organisation category (positions 1–2), or 未知. */
export function creditCodeOrgTypeLabel(code: string): string {
  return AUTHORITIES[code.charAt(0)]?.categories[code.charAt(1)] ?? UNKNOWN;
}

/** Check character (position 18) for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new TypeError('creditCodeCheckChar expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new TypeError(`creditCodeCheckChar: ${first17[i]} is not in the alphabet`);
    sum += value * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 value of a character: digits 0–9, letters A=10 … Z=35. */
function orgCharValue(ch: string): number {
  if (/^[0-9]$/.test(ch)) return Number(ch);
  if (/^[A-Z]$/.test(ch)) return ch.charCodeAt(0) - 55;
  throw new TypeError(`organizationCodeCheckChar: ${ch} is not 0-9 or A-Z`);
}

/** GB 11714 check character (9th) for the first 8 characters of an organisation code. */
export function organizationCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new TypeError('organizationCodeCheckChar expects 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(first8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Trim, drop inner whitespace, fold full-width ASCII, uppercase. */
function clean(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (/\s/u.test(ch) || code === 0x200b || code === 0xfeff) continue;
    out += code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
  }
  return out.toUpperCase();
}

/**
 * Parses and validates a unified social credit code. Never throws for bad input: the reason says, in
 * Chinese, the first thing found wrong.
 */
export function parseCreditCode(input: string): CreditCodeParseResult {
  const s = clean(input);
  if (s.length === 0) {
    return { ok: false, reason: '统一社会信用代码为空' };
  }
  const illegal = [...new Set([...s].filter((ch) => !/[0-9A-Z]/.test(ch)))];
  if (illegal.length > 0) {
    return { ok: false, reason: `含非法字符：${illegal.map((ch) => `“${ch}”`).join('')}，只能是数字和大写字母` };
  }
  if (s.length !== 18) {
    return { ok: false, reason: `位数不对：应为18位，实际为${s.length}位` };
  }
  const forbidden = [...new Set([...s].filter((ch) => FORBIDDEN_LETTERS.includes(ch)))];
  if (forbidden.length > 0) {
    return {
      ok: false,
      reason: `含不使用的字母：${forbidden.map((ch) => `“${ch}”`).join('')}（统一社会信用代码不使用I、O、Z、S、V）`,
    };
  }
  const divisionCode = s.slice(2, 8);
  if (!/^\d{6}$/.test(divisionCode)) {
    return { ok: false, reason: `第3–8位应为6位数字的行政区划码，实际为“${divisionCode}”` };
  }

  const expected = creditCodeCheckChar(s.slice(0, 17));
  if (s[17] !== expected) {
    return { ok: false, reason: `校验位错误，应为${expected}` };
  }
  const organizationCode = s.slice(8, 17);
  const orgExpected = organizationCodeCheckChar(organizationCode.slice(0, 8));
  if (organizationCode[8] !== orgExpected) {
    return { ok: false, reason: `第9–17位组织机构代码的校验位错误，第17位应为${orgExpected}` };
  }

  return {
    ok: true,
    value: s,
    authority: creditCodeAuthorityLabel(s),
    orgType: creditCodeOrgTypeLabel(s),
    divisionCode,
    organizationCode,
  };
}

export function isValidCreditCode(input: string): boolean {
  return parseCreditCode(input).ok;
}
