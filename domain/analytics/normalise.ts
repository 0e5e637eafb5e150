/**
 * Value normalisers for imported government data: each takes the cell text as found and returns the
 * stored value (see dataset-kinds.ts for the representations) and, when something is wrong, a short
 * Chinese issue. An issue with `value: null` means the value was unusable and dropped; an issue with
 * a value means the value was kept but is suspect (an ID number with a wrong check digit is still
 * the best key to join on, and the hit it produces is verified by a person anyway).
 *
 * Every normaliser here has a DuckDB SQL twin in sql.ts that gives the same result; the issue texts
 * are therefore fixed categories, not free-form explanations.
 */
import { parseCreditCode } from '../shared/credit-code';
import { idNumberCheckChar, parseIdNumber } from '../shared/id-number';
import { datasetKind, type AreaStorageUnit, type DatasetKindKey, type StandardField, type Unit } from './dataset-kinds';
import { columnLetter, type ColumnMapping } from './mapping';
import { INVISIBLE_CLASS_JS, NAME_DOT, TEXT_SPACE_CLASS_JS, NAME_DOTS, dropInvisible, halfWidth, simplifyChars } from './text';

export interface Normalised<T> {
  value: T | null;
  issue?: string;
}

export type DatePrecision = 'day' | 'month';
export interface NormalisedDate extends Normalised<string> {
  /** 'month' when only year and month were given; the value is then the 1st of the month */
  precision?: DatePrecision;
}

export const ISSUES = {
  scientific: '被Excel转成了科学计数法，号码已失真',
  illegalChars: '含非法字符',
  idLength: '位数不对（应为18位或15位）',
  idArea: '地区码无效',
  idBirth: '出生日期无效',
  checkDigit: '校验位错误',
  creditLength: '位数不对（应为18位）',
  creditLetters: '含不使用的字母（I、O、Z、S、V）',
  creditDivision: '第3–8位不是行政区划码',
  creditOrgCheck: '组织机构代码校验位错误',
  nameEmpty: '没有有效字符',
  dateFormat: '日期格式无法识别',
  dateYear: '年份超出1900—2099年',
  dateInvalid: '日期不存在',
  notAmount: '不是有效的金额',
  tooLarge: '数值过大',
  notArea: '不是有效的面积',
  negativeArea: '面积不能为负数',
  phone: '电话号码格式不对',
  phoneNoAreaCode: '固定电话缺少区号',
  accountChars: '账号只能是数字',
  accountLength: '账号位数不对（应为6—32位）',
  villageCode: '应为12位数字的统计用区划代码',
  notVillageLevel: '不是村级代码（后3位为000）',
  notInteger: '不是整数',
  notBool: '无法识别为“是”或“否”',
  required: '必填项为空',
} as const;

/** Cells that mean "nothing here": a dash, a slash, 无. */
const EMPTY_MARKERS = /^(?:[-—–/]+|无)$/;
const SCIENTIFIC = /^\d(?:\.\d+)?[Ee]\+?\d+$/;

/** Half-width, invisible characters dropped. */
function compact(raw: string): string {
  return dropInvisible(halfWidth(raw));
}

const NONE: { value: null } = { value: null };

function ok<T>(value: T): Normalised<T> {
  return { value };
}

/** The value was unusable and is dropped. */
function dropped(issue: string): { value: null; issue: string } {
  return { value: null, issue };
}

/** The value is kept but suspect. */
function flagged<T>(value: T, issue: string): Normalised<T> {
  return { value, issue };
}

// ————————————————————————————————————————— identifiers

/**
 * Resident ID numbers: half-width, no spaces, a leading apostrophe (Excel's text marker) dropped,
 * x → X; 15 digits → 18 ("19" inserted, check digit computed). Wrong characters or length: null.
 * A wrong area code, birth date or check digit: the number is kept and flagged.
 */
export function normaliseIdNumber(raw: string): Normalised<string> {
  const s = compact(raw).replace(/^'/, '').replaceAll('x', 'X');
  if (s === '') return NONE;
  if (SCIENTIFIC.test(s)) return dropped(ISSUES.scientific);
  const parsed = parseIdNumber(s);
  if (parsed.ok) return ok(parsed.value);
  const reason = parsed.reason;
  if (reason.startsWith('含非法字符')) return dropped(ISSUES.illegalChars);
  if (reason.startsWith('位数不对')) return dropped(ISSUES.idLength);
  const kept = s.length === 15 ? `${s.slice(0, 6)}19${s.slice(6)}` : s;
  const value = s.length === 15 ? kept + idNumberCheckChar(kept) : kept;
  if (reason.startsWith('地区码无效')) return flagged(value, ISSUES.idArea);
  if (reason.startsWith('出生日期无效')) return flagged(value, ISSUES.idBirth);
  return flagged(value, ISSUES.checkDigit);
}

/** Unified social credit codes: half-width, no spaces, uppercase; checked per GB 32100 and GB 11714. */
export function normaliseCreditCode(raw: string): Normalised<string> {
  const s = compact(raw).toUpperCase();
  if (s === '') return NONE;
  const parsed = parseCreditCode(s);
  if (parsed.ok) return ok(parsed.value);
  const reason = parsed.reason;
  if (reason.startsWith('含非法字符')) return dropped(ISSUES.illegalChars);
  if (reason.startsWith('位数不对')) return dropped(ISSUES.creditLength);
  if (reason.startsWith('含不使用的字母')) return flagged(s, ISSUES.creditLetters);
  if (reason.startsWith('第3–8位')) return flagged(s, ISSUES.creditDivision);
  if (reason.startsWith('校验位错误')) return flagged(s, ISSUES.checkDigit);
  return flagged(s, ISSUES.creditOrgCheck);
}

/** Village codes: the 12-digit statistical division code (统计用区划代码) of a village or community. */
export function normaliseVillageCode(raw: string): Normalised<string> {
  const s = compact(raw).replace(/^'/, '');
  if (s === '') return NONE;
  if (SCIENTIFIC.test(s)) return dropped(ISSUES.scientific);
  if (!/^\d{12}$/.test(s)) return dropped(ISSUES.villageCode);
  if (s.endsWith('000')) return flagged(s, ISSUES.notVillageLevel);
  return ok(s);
}

// ————————————————————————————————————————— names and text

const STRAY = /^[\p{P}`~^|]$/u;
const HAN = /^\p{Script=Han}$/u;

/**
 * The comparison key of a person's or an organisation's name: half-width, traditional and variant
 * characters simplified one by one, no whitespace, no punctuation — except the middle dot of
 * minority names, which is kept as one U+00B7 '·' when it stands between two Han characters, however
 * it was typed (· • . ． ・ ‧ ∙ …) and however often.
 */
export function normaliseName(raw: string): Normalised<string> {
  const text = simplifyChars(halfWidth(raw));
  let out = '';
  let last = '';
  let pendingDot = false;
  for (const ch of dropInvisible(text)) {
    if (NAME_DOTS.includes(ch)) {
      pendingDot = true;
      continue;
    }
    if (STRAY.test(ch)) continue;
    if (pendingDot && HAN.test(last) && HAN.test(ch)) out += NAME_DOT;
    pendingDot = false;
    out += ch;
    last = ch;
  }
  if (out !== '') return ok(out);
  return compact(raw) === '' ? NONE : dropped(ISSUES.nameEmpty);
}

const TEXT_SPACES = new RegExp(`[${TEXT_SPACE_CLASS_JS}]+`, 'gu');

/** Free text: half-width, runs of whitespace as one space, trimmed. */
export function normaliseText(raw: string): Normalised<string> {
  const s = halfWidth(raw)
    .replace(TEXT_SPACES, ' ')
    .replace(/^ +| +$/g, '');
  return s === '' ? NONE : ok(s);
}

/** Addresses: half-width, characters simplified, no whitespace. */
export function normaliseAddress(raw: string): Normalised<string> {
  const s = dropInvisible(simplifyChars(halfWidth(raw)));
  return s === '' ? NONE : ok(s);
}

// ————————————————————————————————————————— dates

const DAY = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})[日号]?$/;
const DAY8 = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH = /^(\d{4})[-./年](\d{1,2})月?$/;
const MONTH6 = /^(\d{4})(\d{2})$/;
const SERIAL = /^(\d{5})(?:\.\d+)?$/;
const TIME_SUFFIX = /[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$/;
const TRAILING_INVISIBLE = new RegExp(`[${INVISIBLE_CLASS_JS}]+$`, 'u');

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= days;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Dates as offices write them: 2024年3月5日, 2024.3.5, 2024/03/05, 2024-3-5, 20240305, ISO with a
 * time; year and month only (2024-3, 2024.3, 2024年3月, 202403) give the 1st of the month with
 * precision 'month'; five-digit numbers are Excel serial days (a time fraction is ignored). Excel
 * counts a 29 February 1900 that never was, so for every serial after 60 — all five-digit ones — day
 * 1 is 1899-12-31 + 1 and the epoch is 1899-12-30. Years outside 1900–2099 are refused.
 */
export function normaliseDate(raw: string): NormalisedDate {
  const s = dropInvisible(halfWidth(raw).replace(TRAILING_INVISIBLE, '').replace(TIME_SUFFIX, ''));
  if (s === '' || EMPTY_MARKERS.test(s)) return { value: null };
  let y: number;
  let m: number;
  let d = 1;
  let precision: DatePrecision = 'day';
  let match: RegExpExecArray | null;
  if ((match = DAY.exec(s) ?? DAY8.exec(s)) !== null) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else if ((match = MONTH.exec(s) ?? MONTH6.exec(s)) !== null) {
    y = Number(match[1]);
    m = Number(match[2]);
    precision = 'month';
  } else if ((match = SERIAL.exec(s)) !== null) {
    const date = new Date(Date.UTC(1899, 11, 30) + Number(match[1]) * 86_400_000);
    y = date.getUTCFullYear();
    m = date.getUTCMonth() + 1;
    d = date.getUTCDate();
  } else {
    return { value: null, issue: ISSUES.dateFormat };
  }
  if (y < 1900 || y > 2099) return { value: null, issue: ISSUES.dateYear };
  if (!validDay(y, m, d)) return { value: null, issue: ISSUES.dateInvalid };
  return { value: `${y}-${pad2(m)}-${pad2(d)}`, precision };
}

// ————————————————————————————————————————— numbers

const FRACTION_DIGITS = 10;
const SCALE = 10n ** BigInt(FRACTION_DIGITS);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The number as an integer scaled by 10^10 (further decimals cut off), or undefined. */
function scaled(s: string): bigint | undefined {
  if (!NUMBER.test(s)) return undefined;
  const negative = s.startsWith('-');
  const body = s.replace(/^[+-]/, '');
  const [int = '', frac = ''] = body.split('.');
  if (int.replace(/^0+/, '').length > 15) return undefined;
  const value = BigInt(int === '' ? '0' : int) * SCALE + BigInt(frac.slice(0, FRACTION_DIGITS).padEnd(FRACTION_DIGITS, '0'));
  return negative ? -value : value;
}

/** round(n / d) with halves away from zero; d > 0. */
function roundDiv(n: bigint, d: bigint): bigint {
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -q : q;
}

function digitCount(s: string): number {
  return s.replace(/^[+-]/, '').split('.')[0]!.replace(/^0+/, '').length;
}

/**
 * Amounts to integer 分 (fen): 1,234.50 · ￥1234.5 · 1234.5元 · 0.12万元 · -12.3; the unit written in
 * the cell wins over the column's unit (`unit`, from the header or chosen by the user, default 元).
 * Halves of a fen round away from zero. A dash or 无 is no amount; text is refused.
 */
export function normaliseAmount(raw: string, unit: Unit = '元'): Normalised<number> {
  let s = compact(raw);
  if (s === '' || EMPTY_MARKERS.test(s)) return NONE;
  s = s.replace(/^([+-]?)[¥￥]/, '$1');
  let cellUnit: Unit = unit;
  if (/万元?$/.test(s)) cellUnit = '万元';
  else if (s.endsWith('元')) cellUnit = '元';
  s = s.replace(/(?:万元?|元)$/, '').replaceAll(',', '');
  if (NUMBER.test(s) && digitCount(s) > 15) return dropped(ISSUES.tooLarge);
  const x = scaled(s);
  if (x === undefined) return dropped(ISSUES.notAmount);
  const fen = roundDiv(x * (cellUnit === '万元' ? 1_000_000n : 100n), SCALE);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) return dropped(ISSUES.tooLarge);
  return ok(Number(fen));
}

/** [numerator, denominator] turning one `from` into `to`. 1 亩 = 2000/3 平方米, 1 公顷 = 15 亩. */
function areaFactor(from: Unit, to: AreaStorageUnit): [bigint, bigint] {
  const inSquareMetres: Record<string, [bigint, bigint]> = { 亩: [2000n, 3n], 平方米: [1n, 1n], 公顷: [10000n, 1n] };
  const [fn, fd] = inSquareMetres[from] ?? [1n, 1n];
  const [tn, td] = inSquareMetres[to]!;
  return [fn * td, fd * tn];
}

const AREA_UNIT_SUFFIX = /(亩|平方米|平米|㎡|m2|m²|公顷)$/i;

/**
 * Areas to integer hundredths of the stored unit (`to`: 亩 for land, 平方米 for buildings): 12.5,
 * 12.5亩, 300平方米, 300㎡, 1.2公顷; the unit written in the cell wins over the column's `unit`.
 */
export function normaliseArea(raw: string, unit: Unit | undefined, to: AreaStorageUnit = '亩'): Normalised<number> {
  let s = compact(raw);
  if (s === '' || EMPTY_MARKERS.test(s)) return NONE;
  let from: Unit = unit ?? to;
  const m = AREA_UNIT_SUFFIX.exec(s);
  if (m !== null) {
    const word = m[1]!.toLowerCase();
    from = word === '亩' ? '亩' : word === '公顷' ? '公顷' : '平方米';
    s = s.slice(0, m.index);
  }
  s = s.replaceAll(',', '');
  if (NUMBER.test(s) && digitCount(s) > 15) return dropped(ISSUES.tooLarge);
  const x = scaled(s);
  if (x === undefined) return dropped(ISSUES.notArea);
  if (x < 0n) return dropped(ISSUES.negativeArea);
  const [num, den] = areaFactor(from, to);
  const hundredths = roundDiv(x * 100n * num, SCALE * den);
  if (hundredths > BigInt(Number.MAX_SAFE_INTEGER)) return dropped(ISSUES.tooLarge);
  return ok(Number(hundredths));
}

/** Integers: 1,234 · +5 · 12.0. */
export function normaliseInt(raw: string): Normalised<number> {
  const s = compact(raw).replaceAll(',', '');
  if (s === '' || EMPTY_MARKERS.test(s)) return NONE;
  const m = /^([+-]?)(\d+)(?:\.0*)?$/.exec(s);
  if (m === null) return dropped(ISSUES.notInteger);
  const digits = m[2]!.replace(/^0+/, '');
  if (digits.length > 15) return dropped(ISSUES.tooLarge);
  const n = Number(digits === '' ? '0' : digits);
  return ok(m[1] === '-' && n !== 0 ? -n : n);
}

const TRUE_WORDS = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '中标', '已中标', '成交', '有']);
const FALSE_WORDS = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '✘', '未中标', '不中标', '落标', '未成交', '无']);
export const BOOL_TRUE_WORDS: readonly string[] = [...TRUE_WORDS];
export const BOOL_FALSE_WORDS: readonly string[] = [...FALSE_WORDS];

/** Yes/no: 是/否, Y/N, 1/0, √/×, 中标/未中标 …; blank is no value. */
export function normaliseBool(raw: string): Normalised<boolean> {
  const s = compact(raw).toUpperCase();
  if (s === '') return NONE;
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return dropped(ISSUES.notBool);
}

// ————————————————————————————————————————— phones and accounts

/**
 * Phone numbers as digits: mobile 1[3-9]xxxxxxxxx (a +86 / 0086 prefix dropped), landline with its
 * area code 0xxx… (10–12 digits); an extension after 转/分机/ext/# is dropped. A 7–8 digit local
 * number is kept and flagged as lacking its area code.
 */
export function normalisePhone(raw: string): Normalised<string> {
  const text = compact(raw);
  if (text === '' || EMPTY_MARKERS.test(text)) return NONE;
  const digits = text
    .replace(/(?:转|分机|ext|#).*$/i, '')
    .replace(/[^0-9]/g, '')
    .replace(/^(?:0086|86)(1[3-9]\d{9})$/, '$1');
  if (/^1[3-9]\d{9}$/.test(digits) || /^0[1-9]\d{8,10}$/.test(digits)) return ok(digits);
  if (/^[2-9]\d{6,7}$/.test(digits)) return flagged(digits, ISSUES.phoneNoAreaCode);
  return dropped(ISSUES.phone);
}

/** Bank accounts as digits: spaces and dashes dropped; 6–32 digits. */
export function normaliseAccount(raw: string): Normalised<string> {
  const s = compact(raw).replace(/^'/, '').replaceAll('-', '');
  if (s === '') return NONE;
  if (SCIENTIFIC.test(s)) return dropped(ISSUES.scientific);
  if (!/^\d+$/.test(s)) return dropped(ISSUES.accountChars);
  if (s.length < 6 || s.length > 32) return dropped(ISSUES.accountLength);
  return ok(s);
}

// ————————————————————————————————————————— fields and rows

export type StoredValue = string | number | boolean | null;

export interface NormalisedField extends Normalised<StoredValue> {
  precision?: DatePrecision;
}

/** One cell through the normaliser of its field's type. */
export function normaliseValue(field: StandardField, raw: string, unit?: Unit): NormalisedField {
  switch (field.type) {
    case 'id_number':
      return normaliseIdNumber(raw);
    case 'credit_code':
      return normaliseCreditCode(raw);
    case 'village_code':
      return normaliseVillageCode(raw);
    case 'name':
      return normaliseName(raw);
    case 'text':
      return normaliseText(raw);
    case 'address':
      return normaliseAddress(raw);
    case 'date':
      return normaliseDate(raw);
    case 'amount':
      return normaliseAmount(raw, unit ?? '元');
    case 'area':
      return normaliseArea(raw, unit, field.areaUnit ?? '亩');
    case 'int':
      return normaliseInt(raw);
    case 'bool':
      return normaliseBool(raw);
    case 'phone':
      return normalisePhone(raw);
    case 'account':
      return normaliseAccount(raw);
  }
}

export type StoredType = 'VARCHAR' | 'BIGINT' | 'DATE' | 'BOOLEAN';

export interface StoredColumn {
  name: string;
  type: StoredType;
  /** the standard field the column holds (a date's precision column names its date field) */
  field: string;
}

/** The precision column stored beside each date field. */
export const precisionColumn = (dateKey: string) => `${dateKey}_precision`;

function storedType(field: StandardField): StoredType {
  switch (field.type) {
    case 'amount':
    case 'area':
    case 'int':
      return 'BIGINT';
    case 'date':
      return 'DATE';
    case 'bool':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

/** The columns a dataset of the kind is stored with, in order: each standard field, dates followed by their precision. */
export function storedColumns(kind: DatasetKindKey): StoredColumn[] {
  const columns: StoredColumn[] = [];
  for (const field of datasetKind(kind).fields) {
    columns.push({ name: field.key, type: storedType(field), field: field.key });
    if (field.type === 'date') columns.push({ name: precisionColumn(field.key), type: 'VARCHAR', field: field.key });
  }
  return columns;
}

export interface RowIssue {
  field: string;
  /** 0-based source column; null for a required field that has no column */
  column: number | null;
  message: string;
  /** 'error' when the value was dropped (or a required value is missing), 'warning' when kept */
  severity: 'error' | 'warning';
  /** "第 12 行 第 C 列（身份证号）：校验位错误" */
  text: string;
}

export interface NormalisedRow {
  /** every stored column of the kind; fields without a column are null */
  record: Record<string, StoredValue>;
  issues: RowIssue[];
}

/** Where an issue is, as users read it: "第 12 行 第 C 列（身份证号）". */
export function cellLabel(rowNumber: number | undefined, column: number, header: string): string {
  const row = rowNumber === undefined ? '' : `第 ${rowNumber} 行 `;
  return `${row}第 ${columnLetter(column)} 列（${header}）`;
}

/**
 * One source row through the mapping: the stored record and its issues with their places. The row
 * number is the one the user sees in the file (1-based); headers name the columns in the messages
 * (the field's label when absent).
 */
export function normaliseRow(
  kind: DatasetKindKey,
  mapping: ColumnMapping,
  rawRow: readonly (string | null | undefined)[],
  opts: { rowNumber?: number; headers?: readonly string[] } = {},
): NormalisedRow {
  const record: Record<string, StoredValue> = {};
  const issues: RowIssue[] = [];
  for (const field of datasetKind(kind).fields) {
    const target = mapping[field.key];
    const raw = target === undefined ? '' : (rawRow[target.column] ?? '');
    const result = target === undefined ? { value: null } : normaliseValue(field, String(raw), target.unit);
    record[field.key] = result.value;
    if (field.type === 'date') record[precisionColumn(field.key)] = result.value === null ? null : (result.precision ?? 'day');
    const place = (column: number) => cellLabel(opts.rowNumber, column, opts.headers?.[column]?.trim() || field.label);
    if (result.issue !== undefined && target !== undefined) {
      issues.push({
        field: field.key,
        column: target.column,
        message: result.issue,
        severity: result.value === null ? 'error' : 'warning',
        text: `${place(target.column)}：${result.issue}`,
      });
    } else if (field.required && result.value === null) {
      const where =
        target === undefined
          ? `${opts.rowNumber === undefined ? '' : `第 ${opts.rowNumber} 行 `}“${field.label}”`
          : place(target.column);
      issues.push({ field: field.key, column: target?.column ?? null, message: ISSUES.required, severity: 'error', text: `${where}：${ISSUES.required}` });
    }
  }
  return { record, issues };
}
