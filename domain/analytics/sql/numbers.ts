/**
 * The SQL normalisers of numbers: amounts (分), areas (hundredths of the stored unit), integers and
 * yes/no. Each takes the builder of its build (a lone expression by default).
 */
import type { AreaStorageUnit, Unit } from '../dataset-kinds';
import { BOOL_FALSE_WORDS, BOOL_TRUE_WORDS, ISSUES } from '../normalise';
import { loneBuilder, sqlString, type SqlBuilder } from './builder';
import { compact, fastPath, isEmpty, matches, plainDecimal, raw } from './cells';

const MAX_SAFE = String(Number.MAX_SAFE_INTEGER);
const SCALE = '10000000000';
const NUMBER = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$';

interface Decimal {
  valid: string;
  /** digits before the point, without leading zeros */
  intDigits: string;
  /** HUGEINT: the absolute value × 10^10 (further decimals cut off); NULL when not a number */
  scaledAbs: string;
  negative: string;
}

/** Reads `text` (a bound name) as a decimal number and hands its parts to `body`. */
function withDecimal(b: SqlBuilder, text: string, body: (d: Decimal) => string): string {
  return b.bind(`regexp_replace(${text}, '^[+-]', '')`, (unsigned) => {
    const int = `split_part(${unsigned}, '.', 1)`;
    const frac = `split_part(${unsigned}, '.', 2)`;
    return b.bind(`(try_cast(coalesce(nullif(${int}, ''), '0') AS HUGEINT) * ${SCALE} + try_cast(rpad(left(${frac}, 10), 10, '0') AS HUGEINT))`, (scaledAbs) =>
      body({ valid: matches(text, NUMBER), intDigits: `length(ltrim(${int}, '0'))`, scaledAbs, negative: `starts_with(${text}, '-')` }),
    );
  });
}

/** round(n / d), halves away from zero, for n ≥ 0, d > 0 (HUGEINT). */
const roundDiv = (n: string, d: string) => `((${n} * 2 + ${d}) // (2 * ${d}))`;

// nullif: a failing try_cast costs ~150 ns a row (1.6 s over 10M empty cells), a NULL nothing
const hundredthsOf = (t: string, digits: number) => `CAST(try_cast(nullif(${t}, '') AS DECIMAL(${digits + 2}, 2)) * 100 AS HUGEINT)`;

// ————————————————————————————————————————— amounts

/** Binds the cell of an amount column and hands its parts to `body`. */
function withAmount(b: SqlBuilder, col: string, unit: Unit, body: (s0: string, d: Decimal, fenAbs: string) => string): string {
  return b.bind(compact(b, col), (s0) =>
    b.bind(`regexp_replace(${s0}, '^([+-]?)[¥￥]', '\\1')`, (s1) => {
      const wan = `(CASE WHEN regexp_matches(${s1}, '万元?$') THEN TRUE WHEN suffix(${s1}, '元') THEN FALSE ELSE ${unit === '万元' ? 'TRUE' : 'FALSE'} END)`;
      return b.bind(`{'text': replace(regexp_replace(${s1}, '(万元?|元)$', ''), ',', ''), 'wan': ${wan}}`, (t) =>
        withDecimal(b, `${t}.text`, (d) =>
          b.bind(roundDiv(`${d.scaledAbs} * (CASE WHEN ${t}.wan THEN 1000000 ELSE 100 END)`, SCALE), (fenAbs) => body(s0, d, fenAbs)),
        ),
      );
    }),
  );
}

const amountDigits = (unit: Unit) => (unit === '万元' ? 9 : 13);

/** Integer 分 (BIGINT), or NULL; `unit` is the column's unit; see normaliseAmount. */
export function amountFenSql(col: string, unit: Unit = '元', b: SqlBuilder = loneBuilder()): string {
  const digits = amountDigits(unit);
  return fastPath(
    b,
    raw(col),
    plainDecimal(digits),
    (t) => `CAST(${hundredthsOf(t, digits)}${unit === '万元' ? ' * 10000' : ''} AS BIGINT)`,
    (t) =>
      withAmount(
        b,
        t,
        unit,
        (s0, d, fenAbs) =>
          `(CASE WHEN ${isEmpty(s0)} OR NOT ${d.valid} OR ${d.intDigits} > 15 OR ${fenAbs} > ${MAX_SAFE} THEN NULL ELSE CAST((CASE WHEN ${d.negative} THEN -1 ELSE 1 END) * ${fenAbs} AS BIGINT) END)`,
      ),
  );
}

export function amountIssueSql(col: string, unit: Unit = '元', b: SqlBuilder = loneBuilder()): string {
  return fastPath(
    b,
    raw(col),
    plainDecimal(amountDigits(unit)),
    () => 'CAST(NULL AS VARCHAR)',
    (t) =>
      withAmount(
        b,
        t,
        unit,
        (s0, d, fenAbs) => `(CASE WHEN ${isEmpty(s0)} THEN NULL
      WHEN NOT ${d.valid} THEN ${sqlString(ISSUES.notAmount)}
      WHEN ${d.intDigits} > 15 OR ${fenAbs} > ${MAX_SAFE} THEN ${sqlString(ISSUES.tooLarge)}
      ELSE NULL END)`,
      ),
  );
}

// ————————————————————————————————————————— areas

const AREA_SUFFIX = '(?i)(亩|平方米|平米|㎡|m2|m²|公顷)$';
/** Square metres per unit as [numerator, denominator]. */
const SQUARE_METRES: Record<string, [number, number]> = { 亩: [2000, 3], 平方米: [1, 1], 公顷: [10000, 1] };

/** `from` → `to` as [numerator, denominator]; an unknown `from` is `to`. */
function areaFactor(from: string, to: AreaStorageUnit): readonly [number, number] {
  const [tn, td] = SQUARE_METRES[to]!;
  const [fn, fd] = SQUARE_METRES[from] ?? SQUARE_METRES[to]!;
  return [fn * td, fd * tn];
}

/** Binds the cell of an area column; a plain number (no unit word) of `unit` gives `plain(hundredths)`. */
function withPlainArea(b: SqlBuilder, col: string, unit: Unit | undefined, to: AreaStorageUnit, plain: (hundredths: string) => string, full: (t: string) => string): string {
  const [n, d] = areaFactor(unit ?? to, to);
  return fastPath(b, raw(col), plainDecimal(9), (t) => b.bind(roundDiv(`${hundredthsOf(t, 9)} * ${n}`, String(d)), plain), full);
}

function withArea(b: SqlBuilder, col: string, unit: Unit | undefined, to: AreaStorageUnit, body: (s0: string, d: Decimal, hundredths: string) => string): string {
  const factor = (from: string) => areaFactor(from, to);
  const fallback = unit ?? to;
  return b.bind(compact(b, col), (s0) =>
    b.bind(`{'text': replace(regexp_replace(${s0}, ${sqlString(AREA_SUFFIX)}, ''), ',', ''), 'word': lower(regexp_extract(${s0}, ${sqlString(AREA_SUFFIX)}, 1))}`, (t) => {
      const pick = (i: 0 | 1) =>
        `(CASE ${t}.word WHEN '' THEN ${factor(fallback)[i]} WHEN '亩' THEN ${factor('亩')[i]} WHEN '公顷' THEN ${factor('公顷')[i]} ELSE ${factor('平方米')[i]} END)`;
      return withDecimal(b, `${t}.text`, (d) =>
        b.bind(roundDiv(`${d.scaledAbs} * 100 * ${pick(0)}`, `(${SCALE} * ${pick(1)})`), (hundredths) => body(s0, d, hundredths)),
      );
    }),
  );
}

/** Integer hundredths of `to` (BIGINT), or NULL; see normaliseArea. */
export function areaSql(col: string, unit: Unit | undefined, to: AreaStorageUnit = '亩', b: SqlBuilder = loneBuilder()): string {
  return withPlainArea(
    b,
    col,
    unit,
    to,
    (h) => `(CASE WHEN ${h} > ${MAX_SAFE} THEN NULL ELSE CAST(${h} AS BIGINT) END)`,
    (t) =>
      withArea(
        b,
        t,
        unit,
        to,
        (s0, d, hundredths) =>
          `(CASE WHEN ${isEmpty(s0)} OR NOT ${d.valid} OR ${d.intDigits} > 15 OR (${d.negative} AND ${d.scaledAbs} > 0) OR ${hundredths} > ${MAX_SAFE} THEN NULL ELSE CAST(${hundredths} AS BIGINT) END)`,
      ),
  );
}

export function areaIssueSql(col: string, unit: Unit | undefined, to: AreaStorageUnit = '亩', b: SqlBuilder = loneBuilder()): string {
  return withPlainArea(
    b,
    col,
    unit,
    to,
    (h) => `(CASE WHEN ${h} > ${MAX_SAFE} THEN ${sqlString(ISSUES.tooLarge)} ELSE NULL END)`,
    (t) =>
      withArea(
        b,
        t,
        unit,
        to,
        (s0, d, hundredths) => `(CASE WHEN ${isEmpty(s0)} THEN NULL
      WHEN NOT ${d.valid} THEN ${sqlString(ISSUES.notArea)}
      WHEN ${d.intDigits} > 15 THEN ${sqlString(ISSUES.tooLarge)}
      WHEN ${d.negative} AND ${d.scaledAbs} > 0 THEN ${sqlString(ISSUES.negativeArea)}
      WHEN ${hundredths} > ${MAX_SAFE} THEN ${sqlString(ISSUES.tooLarge)}
      ELSE NULL END)`,
      ),
  );
}

// ————————————————————————————————————————— integers and yes/no

const INT_PATTERN = '^([+-]?)([0-9]+)(\\.0*)?$';

function withInt(b: SqlBuilder, col: string, body: (s: string, digits: string) => string): string {
  return b.bind(`replace(${compact(b, col)}, ',', '')`, (s) => b.bind(`ltrim(regexp_extract(${s}, ${sqlString(INT_PATTERN)}, 2), '0')`, (digits) => body(s, digits)));
}

/** BIGINT, or NULL; see normaliseInt. */
export function intSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withInt(
    b,
    col,
    (s, digits) => `(CASE WHEN ${isEmpty(s)} OR NOT ${matches(s, INT_PATTERN)} OR length(${digits}) > 15 THEN NULL
      ELSE CAST(regexp_extract(${s}, ${sqlString(INT_PATTERN)}, 1) || coalesce(nullif(${digits}, ''), '0') AS BIGINT) END)`,
  );
}

export function intIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return withInt(
    b,
    col,
    (s, digits) => `(CASE WHEN ${isEmpty(s)} THEN NULL
      WHEN NOT ${matches(s, INT_PATTERN)} THEN ${sqlString(ISSUES.notInteger)}
      WHEN length(${digits}) > 15 THEN ${sqlString(ISSUES.tooLarge)}
      ELSE NULL END)`,
  );
}

const inList = (values: readonly string[]) => values.map(sqlString).join(', ');

/** BOOLEAN, or NULL; see normaliseBool. */
export function boolSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return b.bind(
    `upper(${compact(b, col)})`,
    (s) => `(CASE WHEN ${s} IN (${inList(BOOL_TRUE_WORDS)}) THEN TRUE WHEN ${s} IN (${inList(BOOL_FALSE_WORDS)}) THEN FALSE ELSE NULL END)`,
  );
}

export function boolIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return b.bind(
    `upper(${compact(b, col)})`,
    (s) => `(CASE WHEN ${s} = '' OR ${s} IN (${inList(BOOL_TRUE_WORDS)}) OR ${s} IN (${inList(BOOL_FALSE_WORDS)}) THEN NULL ELSE ${sqlString(ISSUES.notBool)} END)`,
  );
}
