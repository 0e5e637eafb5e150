/**
 * The SQL normalisers of codes: ID numbers, unified social credit codes, village codes, phone
 * numbers and bank accounts. Each takes the builder of its build (a lone expression by default).
 */
import { ID_CHECK_CHARS, ID_WEIGHTS, PROVINCE_CODES, WHOLE_REGION_CODES } from '../../shared/id-number';
import { ISSUES } from '../normalise';
import { loneBuilder, sqlString, type SqlBuilder } from './builder';
import { ACCOUNT, ID18, compact, matches, isEmpty, noApostrophe } from './cells';

const SCIENTIFIC = sqlString('^[0-9](\\.[0-9]+)?[Ee]\\+?[0-9]+$');

// ————————————————————————————————————————— ID numbers


const idClean = (b: SqlBuilder, col: string) => `replace(${noApostrophe(b, compact(b, col))}, 'x', 'X')`;

/** The first 17 digits: of an 18-character number, or a 15-digit one with '19' inserted. */
const idFirst17 = (c: string) => `(CASE WHEN length(${c}) = 15 THEN substr(${c}, 1, 6) || '19' || substr(${c}, 7, 9) ELSE substr(${c}, 1, 17) END)`;

/** Digits `from` to `from + count − 1` (1-based) of the 17-digit integer `n`, as an integer. */
const idDigits = (n: string, from: number, count: number) => `((${n} // ${10n ** BigInt(17 - from - count + 1)}) % ${10 ** count})`;

/** The check character of 17 digits, from their integer value `n` (digit i is n // 10^(16−i) % 10). */
function idCheckChar(n: string): string {
  const sum = ID_WEIGHTS.map((w, i) => `${idDigits(n, i + 1, 1)} * ${w}`).join(' + ');
  return `substr('${ID_CHECK_CHARS}', CAST((${sum}) % 11 AS INTEGER) + 1, 1)`;
}

/** Whether the birth date in digits 7–14 of `n` is no real day or before 1900 (integer arithmetic, no text to cast). */
function idBirthInvalid(n: string): string {
  const [y, m, d] = [idDigits(n, 7, 4), idDigits(n, 11, 2), idDigits(n, 13, 2)];
  const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
  const days = `(CASE WHEN ${m} = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
  return `(${y} < 1900 OR ${m} NOT BETWEEN 1 AND 12 OR ${d} < 1 OR ${d} > ${days})`;
}

/**
 * Whether the cleaned text `c` can be an ID number: 'ok', 'empty', or the issue refusing it. The
 * common case (17 digits and a digit or X) is recognised by one GLOB.
 */
function idStructure(b: SqlBuilder, c: string): string {
  return b.bind(
    `(CASE WHEN ${ID18.sql(c)} THEN 'ok'
      WHEN ${c} = '' THEN 'empty'
      WHEN regexp_matches(${c}, ${SCIENTIFIC}) THEN ${sqlString(ISSUES.scientific)}
      WHEN NOT regexp_matches(${c}, '^[0-9X]*$') THEN ${sqlString(ISSUES.illegalChars)}
      WHEN length(${c}) NOT IN (15, 18) THEN ${sqlString(ISSUES.idLength)}
      WHEN strpos(${c}, 'X') > 0 AND (length(${c}) = 15 OR strpos(${c}, 'X') <> 18) THEN ${sqlString(ISSUES.illegalChars)}
      ELSE 'ok' END)`,
    (st) => st,
  );
}

/**
 * Binds the cleaned ID text, its structure and the integer value of its first 17 digits (shared by
 * the value and the issue: read only where the structure is 'ok', when they are all digits).
 */
function withId(b: SqlBuilder, col: string, body: (c: string, st: string, n: string) => string): string {
  return b.bind(idClean(b, col), (c) => b.bind(idStructure(b, c), (st) => b.bind(`try_cast(nullif(${idFirst17(c)}, '') AS BIGINT)`, (n) => body(c, st, n))));
}

/** 18-character ID number (15 converted), or NULL when it cannot be one; see normaliseIdNumber. */
export function idNumberSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withId(b, col, (c, st, n) => `(CASE WHEN ${st} <> 'ok' THEN NULL WHEN length(${c}) = 15 THEN ${idFirst17(c)} || ${idCheckChar(n)} ELSE ${c} END)`);
}

/** The issue normaliseIdNumber reports, or NULL. */
export function idIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  const ints = (values: Iterable<string>) => [...values].map(Number).join(', ');
  return withId(b, col, (c, st, n) => {
    const province = idDigits(n, 1, 2);
    return `(CASE WHEN ${st} = 'empty' THEN NULL WHEN ${st} <> 'ok' THEN ${st}
        WHEN ${province} NOT IN (${ints(PROVINCE_CODES)}) OR (${idDigits(n, 3, 4)} = 0 AND ${province} NOT IN (${ints(WHOLE_REGION_CODES)})) THEN ${sqlString(ISSUES.idArea)}
        WHEN ${idBirthInvalid(n)} THEN ${sqlString(ISSUES.idBirth)}
        WHEN length(${c}) = 18 AND substr(${c}, 18, 1) <> ${idCheckChar(n)} THEN ${sqlString(ISSUES.checkDigit)}
        ELSE NULL END)`;
  });
}

// ————————————————————————————————————————— credit and village codes

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const creditClean = (b: SqlBuilder, col: string) => `upper(${compact(b, col)})`;

/** 18-character credit code, or NULL when it has the wrong characters or length; see normaliseCreditCode. */
export function creditCodeSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return b.bind(creditClean(b, col), (c) => `(CASE WHEN ${c} = '' THEN NULL WHEN NOT regexp_matches(${c}, '^[0-9A-Z]*$') THEN NULL WHEN length(${c}) <> 18 THEN NULL ELSE ${c} END)`);
}

export function creditCodeIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return b.bind(creditClean(b, col), (c) => {
    const sum = CREDIT_WEIGHTS.map((w, i) => `(strpos('${CREDIT_ALPHABET}', substr(${c}, ${i + 1}, 1)) - 1) * ${w}`).join(' + ');
    const check = `substr('${CREDIT_ALPHABET}', ((31 - ((${sum}) % 31)) % 31) + 1, 1)`;
    const orgSum = ORG_WEIGHTS.map((w, i) => `(strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(${c}, ${i + 9}, 1)) - 1) * ${w}`).join(' + ');
    const orgCheck = b.bind(`(11 - ((${orgSum}) % 11))`, (r) => `(CASE ${r} WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE CAST(${r} AS VARCHAR) END)`);
    return `(CASE WHEN ${c} = '' THEN NULL
      WHEN NOT regexp_matches(${c}, '^[0-9A-Z]*$') THEN ${sqlString(ISSUES.illegalChars)}
      WHEN length(${c}) <> 18 THEN ${sqlString(ISSUES.creditLength)}
      WHEN regexp_matches(${c}, '[IOZSV]') THEN ${sqlString(ISSUES.creditLetters)}
      WHEN NOT regexp_matches(substr(${c}, 3, 6), '^[0-9]{6}$') THEN ${sqlString(ISSUES.creditDivision)}
      WHEN substr(${c}, 18, 1) <> ${check} THEN ${sqlString(ISSUES.checkDigit)}
      WHEN substr(${c}, 17, 1) <> ${orgCheck} THEN ${sqlString(ISSUES.creditOrgCheck)}
      ELSE NULL END)`;
  });
}

/** The cleaned village code and whether it is 12 digits. */
const withVillageCode = (b: SqlBuilder, col: string, body: (c: string, twelve: string) => string) =>
  b.bind(noApostrophe(b, compact(b, col)), (c) => b.bind(`regexp_matches(${c}, '^[0-9]{12}$')`, (twelve) => body(c, twelve)));

export function villageCodeSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withVillageCode(b, col, (c, twelve) => `(CASE WHEN ${twelve} THEN ${c} ELSE NULL END)`);
}

export function villageCodeIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  // 12 digits cannot be in scientific notation: the regexp only runs on the others
  return withVillageCode(
    b,
    col,
    (c, twelve) => `(CASE WHEN ${twelve} THEN (CASE WHEN suffix(${c}, '000') THEN ${sqlString(ISSUES.notVillageLevel)} ELSE NULL END)
      WHEN ${c} = '' THEN NULL
      WHEN regexp_matches(${c}, ${SCIENTIFIC}) THEN ${sqlString(ISSUES.scientific)}
      ELSE ${sqlString(ISSUES.villageCode)} END)`,
  );
}

// ————————————————————————————————————————— phones and accounts

function withPhone(b: SqlBuilder, col: string, body: (text: string, digits: string, full: string, local: string) => string): string {
  return b.bind(compact(b, col), (text) =>
    b.bind(
      `regexp_replace(regexp_replace(regexp_replace(${text}, '(?i)(转|分机|ext|#).*$', ''), '[^0-9]', '', 'g'), '^(0086|86)(1[3-9][0-9]{9})$', '\\2')`,
      (digits) =>
        body(text, digits, `(${matches(digits, '^1[3-9][0-9]{9}$')} OR ${matches(digits, '^0[1-9][0-9]{8,10}$')})`, matches(digits, '^[2-9][0-9]{6,7}$')),
    ),
  );
}

/** Digits, or NULL; see normalisePhone. */
export function phoneSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withPhone(b, col, (text, digits, full, local) => `(CASE WHEN ${isEmpty(text)} THEN NULL WHEN ${full} OR ${local} THEN ${digits} ELSE NULL END)`);
}

export function phoneIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withPhone(
    b,
    col,
    (text, _digits, full, local) =>
      `(CASE WHEN ${isEmpty(text)} OR ${full} THEN NULL WHEN ${local} THEN ${sqlString(ISSUES.phoneNoAreaCode)} ELSE ${sqlString(ISSUES.phone)} END)`,
  );
}

const accountClean = (b: SqlBuilder, col: string) => `replace(${noApostrophe(b, compact(b, col))}, '-', '')`;

/** The cleaned account number and whether it is 6 to 32 digits. */
const withAccount = (b: SqlBuilder, col: string, body: (s: string, ok: string) => string) =>
  b.bind(accountClean(b, col), (s) => b.bind(ACCOUNT.sql(s), (ok) => body(s, ok)));

/** Digits, or NULL; see normaliseAccount. */
export function accountSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withAccount(b, col, (s, ok) => `(CASE WHEN ${ok} THEN ${s} ELSE NULL END)`);
}

export function accountIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withAccount(
    b,
    col,
    (s, ok) => `(CASE WHEN ${ok} OR ${s} = '' THEN NULL
      WHEN regexp_matches(${s}, ${SCIENTIFIC}) THEN ${sqlString(ISSUES.scientific)}
      WHEN NOT regexp_matches(${s}, '^[0-9]+$') THEN ${sqlString(ISSUES.accountChars)}
      WHEN length(${s}) < 6 OR length(${s}) > 32 THEN ${sqlString(ISSUES.accountLength)}
      ELSE NULL END)`,
  );
}
