/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999).
 *
 * 18 characters: 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male), 1 check
 * character (ISO 7064 MOD 11-2). The first-generation 15-digit numbers (6 area, YYMMDD, 3 sequence)
 * are still met in old rosters; they are converted to 18 characters by inserting "19" and appending
 * the check character.
 */

export type IdNumberParseResult =
  | {
      ok: true;
      /** 18 characters, check character as uppercase X */
      value: string;
      /** YYYY-MM-DD */
      birthDate: string;
      gender: '男' | '女';
      /** true when the input was a first-generation 15-digit number */
      converted: boolean;
    }
  | { ok: false; reason: string };

export interface IdNumberOptions {
  /** YYYY-MM-DD; when given, a birth date after it is refused. Without it the future is not checked. */
  today?: string;
}

/** GB 11643: the weights of the first 17 digits, and the check character of their weighted sum mod 11. */
export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
export const ID_CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 plus 71 台湾, 81 香港, 82 澳门 and 83, which the residence permits
 * for Taiwan residents use.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Codes that legitimately stand without city and county digits. */
export const WHOLE_REGION_CODES: ReadonlySet<string> = new Set(['71', '81', '82', '83']);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The check character for the first 17 digits of an 18-character number. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new TypeError('idNumberCheckChar expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  }
  return ID_CHECK_CHARS[sum % 11]!;
}

/** Trim, drop inner whitespace, fold full-width digits and Ｘ/ｘ to ASCII, uppercase x. */
function clean(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (/\s/u.test(ch) || code === 0x200b || code === 0xfeff) continue;
    if (code >= 0xff10 && code <= 0xff19) {
      out += String.fromCharCode(code - 0xfee0);
    } else if (ch === 'Ｘ' || ch === 'ｘ' || ch === 'x') {
      out += 'X';
    } else {
      out += ch;
    }
  }
  return out;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkBirthDate(yyyymmdd: string, today: string | undefined): { date: string } | { reason: string } {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const shown = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (year < 1900) {
    return { reason: `出生日期无效：${shown}（年份早于1900年）` };
  }
  if (month < 1 || month > 12) {
    return { reason: `出生日期无效：${shown}（没有${month}月）` };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return { reason: `出生日期无效：${shown}（${year}年${month}月没有${day}日）` };
  }
  if (today !== undefined && shown > today) {
    return { reason: `出生日期无效：${shown}（晚于今天）` };
  }
  return { date: shown };
}

function checkArea(area: string): string | undefined {
  const province = area.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return `地区码无效：前两位“${province}”不是省级行政区划代码`;
  }
  // Residence permits for Hong Kong, Macao and Taiwan residents carry exactly 810000 / 820000 / 830000.
  if (area.slice(2, 6) === '0000' && !WHOLE_REGION_CODES.has(province)) {
    return `地区码无效：“${area}”只有省级代码，缺少市、县代码`;
  }
  return undefined;
}

/**
 * Parses and validates a resident ID number. Never throws for bad input: the reason says, in
 * Chinese, the first thing found wrong.
 */
export function parseIdNumber(input: string, opts?: IdNumberOptions): IdNumberParseResult {
  const today = opts?.today;
  if (today !== undefined && !DATE_PATTERN.test(today)) {
    throw new TypeError(`parseIdNumber: opts.today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }

  const s = clean(input);
  if (s.length === 0) {
    return { ok: false, reason: '身份证号码为空' };
  }
  const illegal = [...s].filter((ch) => !/[0-9X]/.test(ch));
  if (illegal.length > 0) {
    const shown = [...new Set(illegal)].map((ch) => `“${ch}”`).join('');
    return { ok: false, reason: `含非法字符：${shown}，只能是数字，最后一位可以是X` };
  }
  if (s.length !== 18 && s.length !== 15) {
    return { ok: false, reason: `位数不对：应为18位（旧证15位），实际为${s.length}位` };
  }
  const xAt = s.indexOf('X');
  if (xAt !== -1 && (s.length === 15 || xAt !== 17)) {
    return { ok: false, reason: `含非法字符：X只能出现在18位号码的最后一位` };
  }

  const converted = s.length === 15;
  const first17 = converted ? `${s.slice(0, 6)}19${s.slice(6, 15)}` : s.slice(0, 17);

  const areaProblem = checkArea(first17.slice(0, 6));
  if (areaProblem !== undefined) {
    return { ok: false, reason: areaProblem };
  }

  const birth = checkBirthDate(first17.slice(6, 14), today);
  if ('reason' in birth) {
    return { ok: false, reason: birth.reason };
  }

  const expected = idNumberCheckChar(first17);
  if (!converted && s[17] !== expected) {
    return { ok: false, reason: `校验位错误，应为${expected}` };
  }

  return {
    ok: true,
    value: first17 + expected,
    birthDate: birth.date,
    gender: Number(first17[16]) % 2 === 1 ? '男' : '女',
    converted,
  };
}

export function isValidIdNumber(input: string, opts?: IdNumberOptions): boolean {
  return parseIdNumber(input, opts).ok;
}
