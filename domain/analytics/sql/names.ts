/**
 * The SQL normalisers of names, free text, addresses and dates. Each takes the builder of its build
 * (a lone expression by default).
 */
import { ISSUES } from '../normalise';
import { INVISIBLE_CLASS_RE2, NAME_DOT, NAME_DOTS, TEXT_SPACE_CLASS_RE2 } from '../text';
import { loneBuilder, sqlString, type SqlBuilder } from './builder';
import { ISO_DAY, PLAIN, classBody, compact, dropInvisible, fastPath, halfWidth, isEmpty, matches, plainSimplifiedPatterns, raw, simplify } from './cells';

// ————————————————————————————————————————— names and text

/** A private-use character stands for a name dot while stray punctuation is removed (invisible ones were dropped before). */
const DOT_HOLDER = '\ue000';

/** The name key without NULL-ing an empty result. */
function nameKey(b: SqlBuilder, col: string): string {
  return fastPath(b, raw(col), plainSimplifiedPatterns().name, (t) => t, (t) => fullNameKey(b, t));
}

function fullNameKey(b: SqlBuilder, text: string): string {
  const visible = dropInvisible(simplify(b, halfWidth(text)));
  const stray = `'[\\p{P}\`~^|]'`;
  return b.bind(visible, (v) => {
    const held = `translate(${v}, ${sqlString(NAME_DOTS)}, ${sqlString(DOT_HOLDER.repeat([...NAME_DOTS].length))})`;
    const noStray = `regexp_replace(${held}, ${stray}, '', 'g')`;
    const oneHolder = `regexp_replace(${noStray}, ${sqlString(`${DOT_HOLDER}+`)}, ${sqlString(DOT_HOLDER)}, 'g')`;
    const between = (e: string) => `regexp_replace(${e}, ${sqlString(`(\\p{Han})${DOT_HOLDER}(\\p{Han})`)}, ${sqlString(`\\1${NAME_DOT}\\2`)}, 'g')`;
    // two passes: a match consumes the Han character after the dot, so 阿·依·古 needs a second pass for the second dot
    const withDots = `replace(${between(between(oneHolder))}, ${sqlString(DOT_HOLDER)}, '')`;
    // most names have no dot: skip the translate() (a per-row map) and the dot passes for them
    return `(CASE WHEN regexp_matches(${v}, ${sqlString(`[${classBody(NAME_DOTS)}]`)}) THEN ${withDots} ELSE regexp_replace(${v}, ${stray}, '', 'g') END)`;
  });
}

/** The comparison key of a name; see normaliseName. */
export function nameSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return `nullif(${nameKey(b, col)}, '')`;
}

export function nameIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  // the compact text is only needed (and, in layeredSql, only computed) where the key is empty
  return b.bind(nameKey(b, col), (key) => `(CASE WHEN ${key} <> '' THEN NULL WHEN ${b.unless(`(${key} <> '')`, () => compact(b, col))} <> '' THEN ${sqlString(ISSUES.nameEmpty)} ELSE NULL END)`);
}

/** Free text; see normaliseText. */
export function textSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return `nullif(${fastPath(
    b,
    raw(col),
    PLAIN,
    (t) => t,
    (t) => `trim(regexp_replace(${halfWidth(t)}, ${sqlString(`[${TEXT_SPACE_CLASS_RE2}]+`)}, ' ', 'g'), ' ')`,
  )}, '')`;
}

/** Addresses; see normaliseAddress. */
export function addressSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return `nullif(${fastPath(b, raw(col), plainSimplifiedPatterns().text, (t) => t, (t) => dropInvisible(simplify(b, halfWidth(t))))}, '')`;
}

// ————————————————————————————————————————— dates

const DAY = '^([0-9]{4})[-./年]([0-9]{1,2})[-./月]([0-9]{1,2})[日号]?$';
const DAY8 = '^([0-9]{4})([0-9]{2})([0-9]{2})$';
const MONTH = '^([0-9]{4})[-./年]([0-9]{1,2})月?$';
const MONTH6 = '^([0-9]{4})([0-9]{2})$';
const SERIAL = '^([0-9]{5})(\\.[0-9]+)?$';

function dateText(text: string): string {
  const trailing = `regexp_replace(${halfWidth(text)}, ${sqlString(`[${INVISIBLE_CLASS_RE2}]+$`)}, '')`;
  const noTime = `regexp_replace(${trailing}, ${sqlString('[ T]+[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?Z?$')}, '')`;
  return dropInvisible(noTime);
}

/**
 * The date read from the text as a struct {matched, year, date, month}: whether a pattern matched,
 * the year, the DATE (NULL when the parts make no date) and whether only the month was given.
 */
function dateStruct(b: SqlBuilder, col: string): string {
  // fast path: YYYY-MM-DD is what dateText leaves it and DAY reads it as
  const iso = (t: string) => `{'matched': TRUE, 'year': CAST(substr(${t}, 1, 4) AS INTEGER), 'date': try_cast(${t} AS DATE), 'month': FALSE}`;
  return fastPath(b, raw(col), ISO_DAY, iso, (t) => fullDateStruct(b, t));
}

function fullDateStruct(b: SqlBuilder, text: string): string {
  return b.bind(dateText(text), (s) => {
    const x = (pattern: string, group: number) => `regexp_extract(${s}, ${sqlString(pattern)}, ${group})`;
    const make = (y: string, m: string, d: string) => `{'matched': TRUE, 'year': CAST(${y} AS INTEGER), 'date': try_cast(${y} || '-' || ${m} || '-' || ${d} AS DATE), 'month': FALSE}`;
    const month = (y: string, m: string) => `{'matched': TRUE, 'year': CAST(${y} AS INTEGER), 'date': try_cast(${y} || '-' || ${m} || '-1' AS DATE), 'month': TRUE}`;
    const serial = b.bind(`(DATE '1899-12-30' + try_cast(${x(SERIAL, 1)} AS INTEGER))`, (d) => `{'matched': TRUE, 'year': year(${d}), 'date': ${d}, 'month': FALSE}`);
    return `(CASE WHEN ${matches(s, DAY)} THEN ${make(x(DAY, 1), x(DAY, 2), x(DAY, 3))}
      WHEN ${matches(s, DAY8)} THEN ${make(x(DAY8, 1), x(DAY8, 2), x(DAY8, 3))}
      WHEN ${matches(s, MONTH)} THEN ${month(x(MONTH, 1), x(MONTH, 2))}
      WHEN ${matches(s, MONTH6)} THEN ${month(x(MONTH6, 1), x(MONTH6, 2))}
      WHEN ${matches(s, SERIAL)} THEN ${serial}
      WHEN ${isEmpty(s)} THEN {'matched': NULL, 'year': CAST(NULL AS INTEGER), 'date': CAST(NULL AS DATE), 'month': FALSE}
      ELSE {'matched': FALSE, 'year': CAST(NULL AS INTEGER), 'date': CAST(NULL AS DATE), 'month': FALSE} END)`;
  });
}

const dateOf = (p: string) => `(CASE WHEN ${p}.year BETWEEN 1900 AND 2099 THEN ${p}.date ELSE NULL END)`;

/** DATE, or NULL; see normaliseDate. */
export function dateSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return b.bind(dateStruct(b, col), dateOf);
}

/** 'day' or 'month' for a date that was read, else NULL. */
export function datePrecisionSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return b.bind(dateStruct(b, col), (p) => `(CASE WHEN ${dateOf(p)} IS NULL THEN NULL WHEN ${p}.month THEN 'month' ELSE 'day' END)`);
}

export function dateIssueSql(col: string, b: SqlBuilder = loneBuilder()): string {
  return b.bind(
    dateStruct(b, col),
    (p) => `(CASE WHEN ${p}.matched IS NULL THEN NULL
      WHEN NOT ${p}.matched THEN ${sqlString(ISSUES.dateFormat)}
      WHEN NOT (${p}.year BETWEEN 1900 AND 2099) THEN ${sqlString(ISSUES.dateYear)}
      WHEN ${p}.date IS NULL THEN ${sqlString(ISSUES.dateInvalid)}
      ELSE NULL END)`,
  );
}
