/**
 * The normalisers of normalise.ts as DuckDB SQL expressions, for bulk imports: ten million rows
 * cannot go through JavaScript one by one fast enough, but DuckDB runs these vectorised inside
 * `INSERT … SELECT … FROM read_csv(…)`. Each builder takes a SQL expression (usually a quoted source
 * column) and returns an expression; each gives exactly what its JavaScript twin gives — the same
 * value and the same issue text — which server/analytics/normalise-sql.test.ts checks row by row.
 *
 * Values: VARCHAR for identifiers, names and text; DATE for dates; BIGINT for amounts (分), areas
 * (hundredths of the stored unit) and integers; BOOLEAN for yes/no. Issues: VARCHAR or NULL.
 * Only core DuckDB functions are used (translate, regexp_*, try_cast, HUGEINT arithmetic); no
 * extension is loaded.
 */
import { datasetKind, type AreaStorageUnit, type DatasetKindKey, type StandardField, type Unit } from './dataset-kinds';
import { columnLetter, type ColumnMapping } from './mapping';
import { BOOL_FALSE_WORDS, BOOL_TRUE_WORDS, ISSUES, precisionColumn } from './normalise';
import { FULL_WIDTH_FROM, FULL_WIDTH_TO, INVISIBLE_CLASS_RE2, NAME_DOT, NAME_DOTS, TEXT_SPACE_CLASS_RE2, simplifiedTable } from './text';

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A double-quoted SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const INVISIBLE = sqlString(`[${INVISIBLE_CLASS_RE2}]`);
const MAX_SAFE = String(Number.MAX_SAFE_INTEGER);
const SCALE = '10000000000';
const EMPTY_MARKERS = sqlString('^([-—–/]+|无)$');
const SCIENTIFIC = sqlString('^[0-9](\\.[0-9]+)?[Ee]\\+?[0-9]+$');

/** NULL as '', anything as text. */
const raw = (col: string) => `coalesce(CAST(${col} AS VARCHAR), '')`;
/**
 * translate() builds its character map for every row, which costs tens of microseconds even for the
 * 95 full-width characters; so it only runs on the rare rows a (compiled once) regexp finds any in.
 */
const FULL_WIDTH_GUARD = sqlString('[\\x{ff01}-\\x{ff5e}\\x{3000}]');
const halfWidth = (e: string) =>
  `(CASE WHEN regexp_matches(${e}, ${FULL_WIDTH_GUARD}) THEN translate(${e}, ${sqlString(FULL_WIDTH_FROM)}, ${sqlString(FULL_WIDTH_TO)}) ELSE ${e} END)`;
const dropInvisible = (e: string) => `regexp_replace(${e}, ${INVISIBLE}, '', 'g')`;
/**
 * Fast paths. Most cells are already clean: printable ASCII and CJK ideographs. One anchored regexp
 * recognises such a cell and the cleaning steps it would pass through unchanged are skipped; the
 * other cells take the full path, whose steps run (also in layeredSql) only for them.
 */
const CJK: readonly [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];
const hexClass = (ranges: readonly [number, number][]) => ranges.map(([a, b]) => (a === b ? `\\x{${a.toString(16)}}` : `\\x{${a.toString(16)}}-\\x{${b.toString(16)}}`)).join('');
/** `ranges` without the code points of `drop`. */
function without(ranges: readonly [number, number][], drop: ReadonlySet<number>): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of ranges) {
    let start = a;
    for (let c = a; c <= b; c++) {
      if (!drop.has(c)) continue;
      if (c > start) out.push([start, c - 1]);
      start = c + 1;
    }
    if (start <= b) out.push([start, b]);
  }
  return out;
}

/**
 * A whole-cell test: an anchored RE2 `pattern`, and `sql(t)`, an expression that gives exactly what
 * regexp_matches(t, pattern) gives but cheaper. RE2 costs ~50 ns a call; GLOB, which compares bytes,
 * ~3 ns: so the common all-ASCII cell is settled by GLOBs, and only the others reach the regexp.
 * server/analytics/normalise-sql.test.ts checks each `sql` against its `pattern` (FAST_TESTS).
 */
export interface CellTest {
  pattern: string;
  sql: (t: string) => string;
}
const regexpTest = (pattern: string, fast?: (t: string) => string): CellTest => ({ pattern, sql: fast ?? ((t) => `regexp_matches(${t}, ${sqlString(pattern)})`) });
/** Every byte in `glob` (a GLOB class body such as '!-~', which compares bytes): then `pattern` matches. */
const asciiOr = (glob: string, pattern: string) => (t: string) => `(CASE WHEN NOT (${t} GLOB '*[!${glob}]*') THEN TRUE ELSE regexp_matches(${t}, ${sqlString(pattern)}) END)`;
const digitsGlob = (n: number) => '[0-9]'.repeat(n);

/** Unchanged by halfWidth and dropInvisible: printable ASCII but the space, and CJK ideographs. */
const PLAIN_PATTERN = `^[!-~${hexClass(CJK)}]*$`;
const PLAIN = regexpTest(PLAIN_PATTERN, asciiOr('!-~', PLAIN_PATTERN));
let plainSimplified: { text: CellTest; name: CellTest } | undefined;
/** Also unchanged by simplify (no traditional character); `name`: nor by the name key (no punctuation or symbol). */
function plainSimplifiedPatterns(): { text: CellTest; name: CellTest } {
  if (plainSimplified === undefined) {
    const traditional = new Set([...simplifiedTable().from].map((ch) => ch.codePointAt(0)!));
    const han = hexClass(without(CJK, traditional));
    const text = `^[!-~${han}]*$`;
    const name = `^[0-9A-Za-z${han}]*$`;
    plainSimplified = { text: regexpTest(text, asciiOr('!-~', text)), name: regexpTest(name, asciiOr('0-9A-Za-z', name)) };
  }
  return plainSimplified;
}

/** The fast cell tests by name, for the test that holds each to its pattern. */
export function cellTests(): Record<string, CellTest> {
  const { text, name } = plainSimplifiedPatterns();
  return { plain: PLAIN, plainText: text, plainName: name, id18: ID18, isoDay: ISO_DAY, account: ACCOUNT, decimal9: plainDecimal(9), decimal13: plainDecimal(13) };
}

/** A cell that is 17 digits and a digit or X (the common ID number). */
const ID18 = regexpTest('^[0-9]{17}[0-9X]$', (t) => `(${t} GLOB '${digitsGlob(17)}[0-9X]')`);
/** YYYY-MM-DD. */
const ISO_DAY = regexpTest('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', (t) => `(${t} GLOB '${digitsGlob(4)}-${digitsGlob(2)}-${digitsGlob(2)}')`);
/** An account number: 6 to 32 digits. */
const ACCOUNT = regexpTest('^[0-9]{6,32}$', (t) => `(length(${t}) BETWEEN 6 AND 32 AND NOT (${t} GLOB '*[!0-9]*'))`);

/**
 * Guards the bound subexpressions `build` makes: in layeredSql they are computed only where `skip`
 * (a bound BOOLEAN) is false, NULL elsewhere; so what `build` returns may only be read where `skip`
 * is false (the ELSE of a CASE on it).
 */
let guards: string[] = [];
function unless(skip: string, build: () => string): string {
  guards = [...guards, skip];
  try {
    return build();
  } finally {
    guards = guards.slice(0, -1);
  }
}

/** `plain(text)` when the text passes `test`, else `full(text)` (whose binds run only for those rows). */
function fastPath(text: string, test: CellTest, plain: (t: string) => string, full: (t: string) => string): string {
  return bind(text, (t) => bind(test.sql(t), (p) => `(CASE WHEN ${p} THEN ${plain(t)} ELSE ${unless(p, () => full(t))} END)`));
}

const compact = (col: string) =>
  fastPath(
    raw(col),
    PLAIN,
    (t) => t,
    (t) => dropInvisible(halfWidth(t)),
  );
const matches = (e: string, pattern: string) => `regexp_matches(${e}, ${sqlString(pattern)})`;
const isEmpty = (e: string) => `(${e} = '' OR regexp_matches(${e}, ${EMPTY_MARKERS}))`;

type Binder = (expr: string, body: (name: string) => string) => string;

/**
 * Evaluates `expr` once and names it for `body`. DuckDB does not share common subexpressions inside
 * CASE branches, so an expression repeated there runs again each time. In a lone expression a
 * one-element list_transform binds it; inside `layeredSql` (the bulk import) it becomes a column of
 * an inner SELECT layer instead, which costs far less per row than building a list.
 */
let bindCount = 0;
const lambdaBind: Binder = (expr, body) => {
  const name = `xc_${(bindCount = (bindCount + 1) % 1_000_000)}`;
  return `list_transform([${expr}], lambda ${name}: ${body(name)})[1]`;
};
let binder: Binder = lambdaBind;
const bind: Binder = (expr, body) => binder(expr, body);

export interface Layered<T> {
  /** what `build` returned: expressions over the source columns and the layer columns */
  result: T;
  /**
   * `expr AS name` lists, innermost first: layer i only reads the source columns and the names of
   * layers before it, so `SELECT *, <layer i> FROM (…)` nested in order makes every name readable
   * by `result`'s expressions.
   */
  layers: string[][];
}

const LAYER_NAME = /\bxl_\d+\b/g;

/**
 * Runs `build` (calls of the builders of this file) with every bound subexpression hoisted into
 * SELECT layers: computed once per row however often the value, issue and precision of a field use
 * it, and shared between them (the same subexpression is bound once). The expressions of `result`
 * give exactly what the lone expressions give; server/analytics/normalise-sql.test.ts checks both.
 * Everything a layer computes runs for every row, so bound expressions must not fail on text they
 * were not meant for (try_cast, not CAST).
 */
export function layeredSql<T>(build: () => T): Layered<T> {
  const layers: string[][] = [];
  const depth = new Map<string, number>();
  const named = new Map<string, string>();
  const previous = binder;
  binder = (bare, body) => {
    const expr = guards.length === 0 ? bare : `(CASE WHEN ${guards.join(' OR ')} THEN NULL ELSE ${bare} END)`;
    let name = named.get(expr);
    if (name === undefined) {
      name = `xl_${named.size}`;
      let d = 0;
      for (const m of expr.matchAll(LAYER_NAME)) d = Math.max(d, depth.get(m[0]) ?? 0);
      (layers[d] ??= []).push(`${expr} AS ${name}`);
      depth.set(name, d + 1);
      named.set(expr, name);
    }
    return body(name);
  };
  try {
    return { result: build(), layers };
  } finally {
    binder = previous;
  }
}

/** `SELECT *, <layer> FROM (…)` around `relation` for each layer, innermost first. */
export function layeredRelation(relation: string, layers: readonly string[][]): string {
  return layers.reduce((inner, layer) => `(SELECT *, ${layer.join(', ')} FROM ${inner})`, relation);
}

const classBody = (chars: string) => chars.replace(/[\\\]^[-]/g, (m) => `\\${m}`);
let simplifyParts: { guard: string; others: string; from: string; to: string } | undefined;

/**
 * Traditional → simplified with the OpenCC character table. A translate() with the whole table
 * (4,000+ characters) would rebuild that map for every row, so: rows without any traditional
 * character (a regexp compiled once) pass untouched; in the others the traditional characters
 * present are looked up one by one (strpos in the table string) and only they are translated.
 */
function simplify(e: string): string {
  if (simplifyParts === undefined) {
    const { from, to } = simplifiedTable();
    simplifyParts = {
      guard: sqlString(`[${classBody(from)}]`),
      others: sqlString(`[^${classBody(from)}]`),
      from: sqlString(from),
      to: sqlString(to),
    };
  }
  const p = simplifyParts;
  return bind(e, (v) =>
    bind(`regexp_matches(${v}, ${p.guard})`, (found) => {
      // the traditional characters present, only looked for in the rows that have any
      const present = `(CASE WHEN ${found} THEN regexp_replace(${v}, ${p.others}, '', 'g') ELSE '' END)`;
      const mapped = bind(present, (chars) => `translate(${v}, ${chars}, array_to_string(list_transform(string_split(${chars}, ''), lambda xc_ch: substr(${p.to}, strpos(${p.from}, xc_ch), 1)), ''))`);
      return `(CASE WHEN ${found} THEN ${mapped} ELSE ${v} END)`;
    }),
  );
}

// ————————————————————————————————————————— ID numbers

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];
const WHOLE_REGIONS = ['71', '81', '82', '83'];
const inList = (values: readonly string[]) => values.map(sqlString).join(', ');

/** Without one leading apostrophe (Excel's text marker); the same as regexp_replace(e, '^''', ''). */
const noApostrophe = (e: string) => bind(e, (v) => `(CASE WHEN starts_with(${v}, '''') THEN substr(${v}, 2) ELSE ${v} END)`);
const idClean = (col: string) => `replace(${noApostrophe(compact(col))}, 'x', 'X')`;

/** The first 17 digits: of an 18-character number, or a 15-digit one with '19' inserted. */
const idFirst17 = (c: string) => `(CASE WHEN length(${c}) = 15 THEN substr(${c}, 1, 6) || '19' || substr(${c}, 7, 9) ELSE substr(${c}, 1, 17) END)`;

/** Digits `from` to `from + count − 1` (1-based) of the 17-digit integer `n`, as an integer. */
const idDigits = (n: string, from: number, count: number) => `((${n} // ${10n ** BigInt(17 - from - count + 1)}) % ${10 ** count})`;

/** The check character of 17 digits, from their integer value `n` (digit i is n // 10^(16−i) % 10). */
function idCheckChar(n: string): string {
  const sum = ID_WEIGHTS.map((w, i) => `${idDigits(n, i + 1, 1)} * ${w}`).join(' + ');
  return `substr('10X98765432', CAST((${sum}) % 11 AS INTEGER) + 1, 1)`;
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
function idStructure(c: string): string {
  return bind(
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
function withId(col: string, body: (c: string, st: string, n: string) => string): string {
  return bind(idClean(col), (c) => bind(idStructure(c), (st) => bind(`try_cast(nullif(${idFirst17(c)}, '') AS BIGINT)`, (n) => body(c, st, n))));
}

/** 18-character ID number (15 converted), or NULL when it cannot be one; see normaliseIdNumber. */
export function idNumberSql(col: string): string {
  return withId(col, (c, st, n) => `(CASE WHEN ${st} <> 'ok' THEN NULL WHEN length(${c}) = 15 THEN ${idFirst17(c)} || ${idCheckChar(n)} ELSE ${c} END)`);
}

/** The issue normaliseIdNumber reports, or NULL. */
export function idIssueSql(col: string): string {
  const ints = (values: readonly string[]) => values.map(Number).join(', ');
  return withId(col, (c, st, n) => {
    const province = idDigits(n, 1, 2);
    return `(CASE WHEN ${st} = 'empty' THEN NULL WHEN ${st} <> 'ok' THEN ${st}
        WHEN ${province} NOT IN (${ints(PROVINCES)}) OR (${idDigits(n, 3, 4)} = 0 AND ${province} NOT IN (${ints(WHOLE_REGIONS)})) THEN ${sqlString(ISSUES.idArea)}
        WHEN ${idBirthInvalid(n)} THEN ${sqlString(ISSUES.idBirth)}
        WHEN length(${c}) = 18 AND substr(${c}, 18, 1) <> ${idCheckChar(n)} THEN ${sqlString(ISSUES.checkDigit)}
        ELSE NULL END)`;
  });
}

// ————————————————————————————————————————— credit and village codes

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const creditClean = (col: string) => `upper(${compact(col)})`;

/** 18-character credit code, or NULL when it has the wrong characters or length; see normaliseCreditCode. */
export function creditCodeSql(col: string): string {
  return bind(creditClean(col), (c) => `(CASE WHEN ${c} = '' THEN NULL WHEN NOT regexp_matches(${c}, '^[0-9A-Z]*$') THEN NULL WHEN length(${c}) <> 18 THEN NULL ELSE ${c} END)`);
}

export function creditCodeIssueSql(col: string): string {
  return bind(creditClean(col), (c) => {
    const sum = CREDIT_WEIGHTS.map((w, i) => `(strpos('${CREDIT_ALPHABET}', substr(${c}, ${i + 1}, 1)) - 1) * ${w}`).join(' + ');
    const check = `substr('${CREDIT_ALPHABET}', ((31 - ((${sum}) % 31)) % 31) + 1, 1)`;
    const orgSum = ORG_WEIGHTS.map((w, i) => `(strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(${c}, ${i + 9}, 1)) - 1) * ${w}`).join(' + ');
    const orgCheck = bind(`(11 - ((${orgSum}) % 11))`, (r) => `(CASE ${r} WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE CAST(${r} AS VARCHAR) END)`);
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

const villageClean = (col: string) => noApostrophe(compact(col));

/** The cleaned village code and whether it is 12 digits. */
const withVillageCode = (col: string, body: (c: string, twelve: string) => string) =>
  bind(villageClean(col), (c) => bind(`regexp_matches(${c}, '^[0-9]{12}$')`, (twelve) => body(c, twelve)));

export function villageCodeSql(col: string): string {
  return withVillageCode(col, (c, twelve) => `(CASE WHEN ${twelve} THEN ${c} ELSE NULL END)`);
}

export function villageCodeIssueSql(col: string): string {
  // 12 digits cannot be in scientific notation: the regexp only runs on the others
  return withVillageCode(
    col,
    (c, twelve) => `(CASE WHEN ${twelve} THEN (CASE WHEN suffix(${c}, '000') THEN ${sqlString(ISSUES.notVillageLevel)} ELSE NULL END)
      WHEN ${c} = '' THEN NULL
      WHEN regexp_matches(${c}, ${SCIENTIFIC}) THEN ${sqlString(ISSUES.scientific)}
      ELSE ${sqlString(ISSUES.villageCode)} END)`,
  );
}

// ————————————————————————————————————————— names and text

/** A private-use character stands for a name dot while stray punctuation is removed (invisible ones were dropped before). */
const DOT_HOLDER = '\ue000';

/** The name key without NULL-ing an empty result. */
function nameKey(col: string): string {
  return fastPath(raw(col), plainSimplifiedPatterns().name, (t) => t, fullNameKey);
}

function fullNameKey(text: string): string {
  const visible = dropInvisible(simplify(halfWidth(text)));
  const stray = `'[\\p{P}\`~^|]'`;
  return bind(visible, (v) => {
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
export function nameSql(col: string): string {
  return `nullif(${nameKey(col)}, '')`;
}

export function nameIssueSql(col: string): string {
  // the compact text is only needed (and, in layeredSql, only computed) where the key is empty
  return bind(nameKey(col), (key) => `(CASE WHEN ${key} <> '' THEN NULL WHEN ${unless(`(${key} <> '')`, () => compact(col))} <> '' THEN ${sqlString(ISSUES.nameEmpty)} ELSE NULL END)`);
}

/** Free text; see normaliseText. */
export function textSql(col: string): string {
  return `nullif(${fastPath(
    raw(col),
    PLAIN,
    (t) => t,
    (t) => `trim(regexp_replace(${halfWidth(t)}, ${sqlString(`[${TEXT_SPACE_CLASS_RE2}]+`)}, ' ', 'g'), ' ')`,
  )}, '')`;
}

/** Addresses; see normaliseAddress. */
export function addressSql(col: string): string {
  return `nullif(${fastPath(raw(col), plainSimplifiedPatterns().text, (t) => t, (t) => dropInvisible(simplify(halfWidth(t))))}, '')`;
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
function dateStruct(col: string): string {
  // fast path: YYYY-MM-DD is what dateText leaves it and DAY reads it as
  const iso = (t: string) => `{'matched': TRUE, 'year': CAST(substr(${t}, 1, 4) AS INTEGER), 'date': try_cast(${t} AS DATE), 'month': FALSE}`;
  return fastPath(raw(col), ISO_DAY, iso, fullDateStruct);
}

function fullDateStruct(text: string): string {
  return bind(dateText(text), (s) => {
    const x = (pattern: string, group: number) => `regexp_extract(${s}, ${sqlString(pattern)}, ${group})`;
    const make = (y: string, m: string, d: string) => `{'matched': TRUE, 'year': CAST(${y} AS INTEGER), 'date': try_cast(${y} || '-' || ${m} || '-' || ${d} AS DATE), 'month': FALSE}`;
    const month = (y: string, m: string) => `{'matched': TRUE, 'year': CAST(${y} AS INTEGER), 'date': try_cast(${y} || '-' || ${m} || '-1' AS DATE), 'month': TRUE}`;
    const serial = bind(`(DATE '1899-12-30' + try_cast(${x(SERIAL, 1)} AS INTEGER))`, (d) => `{'matched': TRUE, 'year': year(${d}), 'date': ${d}, 'month': FALSE}`);
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
export function dateSql(col: string): string {
  return bind(dateStruct(col), dateOf);
}

/** 'day' or 'month' for a date that was read, else NULL. */
export function datePrecisionSql(col: string): string {
  return bind(dateStruct(col), (p) => `(CASE WHEN ${dateOf(p)} IS NULL THEN NULL WHEN ${p}.month THEN 'month' ELSE 'day' END)`);
}

export function dateIssueSql(col: string): string {
  return bind(
    dateStruct(col),
    (p) => `(CASE WHEN ${p}.matched IS NULL THEN NULL
      WHEN NOT ${p}.matched THEN ${sqlString(ISSUES.dateFormat)}
      WHEN NOT (${p}.year BETWEEN 1900 AND 2099) THEN ${sqlString(ISSUES.dateYear)}
      WHEN ${p}.date IS NULL THEN ${sqlString(ISSUES.dateInvalid)}
      ELSE NULL END)`,
  );
}

// ————————————————————————————————————————— numbers

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
function withDecimal(text: string, body: (d: Decimal) => string): string {
  return bind(`regexp_replace(${text}, '^[+-]', '')`, (unsigned) => {
    const int = `split_part(${unsigned}, '.', 1)`;
    const frac = `split_part(${unsigned}, '.', 2)`;
    return bind(`(try_cast(coalesce(nullif(${int}, ''), '0') AS HUGEINT) * ${SCALE} + try_cast(rpad(left(${frac}, 10), 10, '0') AS HUGEINT))`, (scaledAbs) =>
      body({ valid: matches(text, NUMBER), intDigits: `length(ltrim(${int}, '0'))`, scaledAbs, negative: `starts_with(${text}, '-')` }),
    );
  });
}

/** round(n / d), halves away from zero, for n ≥ 0, d > 0 (HUGEINT). */
const roundDiv = (n: string, d: string) => `((${n} * 2 + ${d}) // (2 * ${d}))`;

/** Binds the cell of an amount column and hands its parts to `body`. */
function withAmount(col: string, unit: Unit, body: (s0: string, d: Decimal, fenAbs: string) => string): string {
  return bind(compact(col), (s0) =>
    bind(`regexp_replace(${s0}, '^([+-]?)[¥￥]', '\\1')`, (s1) => {
      const wan = `(CASE WHEN regexp_matches(${s1}, '万元?$') THEN TRUE WHEN suffix(${s1}, '元') THEN FALSE ELSE ${unit === '万元' ? 'TRUE' : 'FALSE'} END)`;
      return bind(`{'text': replace(regexp_replace(${s1}, '(万元?|元)$', ''), ',', ''), 'wan': ${wan}}`, (t) =>
        withDecimal(`${t}.text`, (d) =>
          bind(roundDiv(`${d.scaledAbs} * (CASE WHEN ${t}.wan THEN 1000000 ELSE 100 END)`, SCALE), (fenAbs) => body(s0, d, fenAbs)),
        ),
      );
    }),
  );
}

/**
 * Fast path of amounts and areas: up to `digits` digits and two decimals, nothing else, or an empty
 * cell (most rows of an optional column such as 补贴面积), for which the try_cast gives NULL as the
 * full path does. The exact decimal times the unit's factor is what the full path computes, and it
 * stays far below 2^53.
 */
const plainDecimal = (digits: number): CellTest =>
  regexpTest(
    `^([0-9]{1,${digits}}(\\.[0-9]{1,2})?)?$`,
    (t) => `(CASE WHEN ${t} = '' THEN TRUE
      WHEN ${t} GLOB '*[!0-9.]*' THEN FALSE
      WHEN NOT contains(${t}, '.') THEN length(${t}) <= ${digits}
      ELSE (${t} GLOB '[0-9]*.[0-9]' OR ${t} GLOB '[0-9]*.[0-9][0-9]') AND NOT (${t} GLOB '*.*.*') AND strpos(${t}, '.') <= ${digits + 1} END)`,
  );
// nullif: a failing try_cast costs ~150 ns a row (1.6 s over 10M empty cells), a NULL nothing
const hundredthsOf = (t: string, digits: number) => `CAST(try_cast(nullif(${t}, '') AS DECIMAL(${digits + 2}, 2)) * 100 AS HUGEINT)`;
const amountDigits = (unit: Unit) => (unit === '万元' ? 9 : 13);

/** Integer 分 (BIGINT), or NULL; `unit` is the column's unit; see normaliseAmount. */
export function amountFenSql(col: string, unit: Unit = '元'): string {
  const digits = amountDigits(unit);
  return fastPath(
    raw(col),
    plainDecimal(digits),
    (t) => `CAST(${hundredthsOf(t, digits)}${unit === '万元' ? ' * 10000' : ''} AS BIGINT)`,
    (t) =>
      withAmount(
        t,
        unit,
        (s0, d, fenAbs) =>
          `(CASE WHEN ${isEmpty(s0)} OR NOT ${d.valid} OR ${d.intDigits} > 15 OR ${fenAbs} > ${MAX_SAFE} THEN NULL ELSE CAST((CASE WHEN ${d.negative} THEN -1 ELSE 1 END) * ${fenAbs} AS BIGINT) END)`,
      ),
  );
}

export function amountIssueSql(col: string, unit: Unit = '元'): string {
  return fastPath(
    raw(col),
    plainDecimal(amountDigits(unit)),
    () => 'CAST(NULL AS VARCHAR)',
    (t) =>
      withAmount(
        t,
        unit,
        (s0, d, fenAbs) => `(CASE WHEN ${isEmpty(s0)} THEN NULL
      WHEN NOT ${d.valid} THEN ${sqlString(ISSUES.notAmount)}
      WHEN ${d.intDigits} > 15 OR ${fenAbs} > ${MAX_SAFE} THEN ${sqlString(ISSUES.tooLarge)}
      ELSE NULL END)`,
      ),
  );
}

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
function withPlainArea(col: string, unit: Unit | undefined, to: AreaStorageUnit, plain: (hundredths: string) => string, full: (t: string) => string): string {
  const [n, d] = areaFactor(unit ?? to, to);
  return fastPath(raw(col), plainDecimal(9), (t) => bind(roundDiv(`${hundredthsOf(t, 9)} * ${n}`, String(d)), plain), full);
}

function withArea(col: string, unit: Unit | undefined, to: AreaStorageUnit, body: (s0: string, d: Decimal, hundredths: string) => string): string {
  const factor = (from: string) => areaFactor(from, to);
  const fallback = unit ?? to;
  return bind(compact(col), (s0) =>
    bind(`{'text': replace(regexp_replace(${s0}, ${sqlString(AREA_SUFFIX)}, ''), ',', ''), 'word': lower(regexp_extract(${s0}, ${sqlString(AREA_SUFFIX)}, 1))}`, (t) => {
      const pick = (i: 0 | 1) =>
        `(CASE ${t}.word WHEN '' THEN ${factor(fallback)[i]} WHEN '亩' THEN ${factor('亩')[i]} WHEN '公顷' THEN ${factor('公顷')[i]} ELSE ${factor('平方米')[i]} END)`;
      return withDecimal(`${t}.text`, (d) =>
        bind(roundDiv(`${d.scaledAbs} * 100 * ${pick(0)}`, `(${SCALE} * ${pick(1)})`), (hundredths) => body(s0, d, hundredths)),
      );
    }),
  );
}

/** Integer hundredths of `to` (BIGINT), or NULL; see normaliseArea. */
export function areaSql(col: string, unit: Unit | undefined, to: AreaStorageUnit = '亩'): string {
  return withPlainArea(
    col,
    unit,
    to,
    (h) => `(CASE WHEN ${h} > ${MAX_SAFE} THEN NULL ELSE CAST(${h} AS BIGINT) END)`,
    (t) =>
      withArea(
        t,
        unit,
        to,
        (s0, d, hundredths) =>
          `(CASE WHEN ${isEmpty(s0)} OR NOT ${d.valid} OR ${d.intDigits} > 15 OR (${d.negative} AND ${d.scaledAbs} > 0) OR ${hundredths} > ${MAX_SAFE} THEN NULL ELSE CAST(${hundredths} AS BIGINT) END)`,
      ),
  );
}

export function areaIssueSql(col: string, unit: Unit | undefined, to: AreaStorageUnit = '亩'): string {
  return withPlainArea(
    col,
    unit,
    to,
    (h) => `(CASE WHEN ${h} > ${MAX_SAFE} THEN ${sqlString(ISSUES.tooLarge)} ELSE NULL END)`,
    (t) =>
      withArea(
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

const INT_PATTERN = '^([+-]?)([0-9]+)(\\.0*)?$';

function withInt(col: string, body: (s: string, digits: string) => string): string {
  return bind(`replace(${compact(col)}, ',', '')`, (s) => bind(`ltrim(regexp_extract(${s}, ${sqlString(INT_PATTERN)}, 2), '0')`, (digits) => body(s, digits)));
}

/** BIGINT, or NULL; see normaliseInt. */
export function intSql(col: string): string {
  return withInt(
    col,
    (s, digits) => `(CASE WHEN ${isEmpty(s)} OR NOT ${matches(s, INT_PATTERN)} OR length(${digits}) > 15 THEN NULL
      ELSE CAST(regexp_extract(${s}, ${sqlString(INT_PATTERN)}, 1) || coalesce(nullif(${digits}, ''), '0') AS BIGINT) END)`,
  );
}

export function intIssueSql(col: string): string {
  return withInt(
    col,
    (s, digits) => `(CASE WHEN ${isEmpty(s)} THEN NULL
      WHEN NOT ${matches(s, INT_PATTERN)} THEN ${sqlString(ISSUES.notInteger)}
      WHEN length(${digits}) > 15 THEN ${sqlString(ISSUES.tooLarge)}
      ELSE NULL END)`,
  );
}

/** BOOLEAN, or NULL; see normaliseBool. */
export function boolSql(col: string): string {
  return bind(
    `upper(${compact(col)})`,
    (s) => `(CASE WHEN ${s} IN (${inList(BOOL_TRUE_WORDS)}) THEN TRUE WHEN ${s} IN (${inList(BOOL_FALSE_WORDS)}) THEN FALSE ELSE NULL END)`,
  );
}

export function boolIssueSql(col: string): string {
  return bind(
    `upper(${compact(col)})`,
    (s) => `(CASE WHEN ${s} = '' OR ${s} IN (${inList(BOOL_TRUE_WORDS)}) OR ${s} IN (${inList(BOOL_FALSE_WORDS)}) THEN NULL ELSE ${sqlString(ISSUES.notBool)} END)`,
  );
}

// ————————————————————————————————————————— phones and accounts

function withPhone(col: string, body: (text: string, digits: string, full: string, local: string) => string): string {
  return bind(compact(col), (text) =>
    bind(
      `regexp_replace(regexp_replace(regexp_replace(${text}, '(?i)(转|分机|ext|#).*$', ''), '[^0-9]', '', 'g'), '^(0086|86)(1[3-9][0-9]{9})$', '\\2')`,
      (digits) =>
        body(text, digits, `(${matches(digits, '^1[3-9][0-9]{9}$')} OR ${matches(digits, '^0[1-9][0-9]{8,10}$')})`, matches(digits, '^[2-9][0-9]{6,7}$')),
    ),
  );
}

/** Digits, or NULL; see normalisePhone. */
export function phoneSql(col: string): string {
  return withPhone(col, (text, digits, full, local) => `(CASE WHEN ${isEmpty(text)} THEN NULL WHEN ${full} OR ${local} THEN ${digits} ELSE NULL END)`);
}

export function phoneIssueSql(col: string): string {
  return withPhone(
    col,
    (text, _digits, full, local) =>
      `(CASE WHEN ${isEmpty(text)} OR ${full} THEN NULL WHEN ${local} THEN ${sqlString(ISSUES.phoneNoAreaCode)} ELSE ${sqlString(ISSUES.phone)} END)`,
  );
}

const accountClean = (col: string) => `replace(${noApostrophe(compact(col))}, '-', '')`;

/** Digits, or NULL; see normaliseAccount. */
const withAccount = (col: string, body: (s: string, ok: string) => string) =>
  bind(accountClean(col), (s) => bind(ACCOUNT.sql(s), (ok) => body(s, ok)));

export function accountSql(col: string): string {
  return withAccount(col, (s, ok) => `(CASE WHEN ${ok} THEN ${s} ELSE NULL END)`);
}

export function accountIssueSql(col: string): string {
  return withAccount(
    col,
    (s, ok) => `(CASE WHEN ${ok} OR ${s} = '' THEN NULL
      WHEN regexp_matches(${s}, ${SCIENTIFIC}) THEN ${sqlString(ISSUES.scientific)}
      WHEN NOT regexp_matches(${s}, '^[0-9]+$') THEN ${sqlString(ISSUES.accountChars)}
      WHEN length(${s}) < 6 OR length(${s}) > 32 THEN ${sqlString(ISSUES.accountLength)}
      ELSE NULL END)`,
  );
}

// ————————————————————————————————————————— fields and rows

export interface FieldSql {
  value: string;
  issue: string;
  /** date fields: 'day' | 'month' | NULL */
  precision?: string;
}

/** The value and issue expressions of one standard field over one source expression. */
export function fieldSql(field: StandardField, col: string, unit?: Unit): FieldSql {
  switch (field.type) {
    case 'id_number':
      return { value: idNumberSql(col), issue: idIssueSql(col) };
    case 'credit_code':
      return { value: creditCodeSql(col), issue: creditCodeIssueSql(col) };
    case 'village_code':
      return { value: villageCodeSql(col), issue: villageCodeIssueSql(col) };
    case 'name':
      return { value: nameSql(col), issue: nameIssueSql(col) };
    case 'text':
      return { value: textSql(col), issue: 'CAST(NULL AS VARCHAR)' };
    case 'address':
      return { value: addressSql(col), issue: 'CAST(NULL AS VARCHAR)' };
    case 'date':
      return { value: dateSql(col), issue: dateIssueSql(col), precision: datePrecisionSql(col) };
    case 'amount':
      return { value: amountFenSql(col, unit ?? '元'), issue: amountIssueSql(col, unit ?? '元') };
    case 'area':
      return { value: areaSql(col, unit, field.areaUnit ?? '亩'), issue: areaIssueSql(col, unit, field.areaUnit ?? '亩') };
    case 'int':
      return { value: intSql(col), issue: intIssueSql(col) };
    case 'bool':
      return { value: boolSql(col), issue: boolIssueSql(col) };
    case 'phone':
      return { value: phoneSql(col), issue: phoneIssueSql(col) };
    case 'account':
      return { value: accountSql(col), issue: accountIssueSql(col) };
  }
}

/** The column holding a field's issue in the first stage of `normaliseRowSql`. */
export const issueColumn = (fieldKey: string) => `${fieldKey}__issue`;

export interface RowSql {
  /**
   * Stage one, over the source: `expr AS name` for every stored column of the kind (storedColumns
   * order; unmapped fields are typed NULLs) and one `<key>__issue` column per mapped field.
   */
  select: string[];
  /**
   * Stage two, over stage one's columns: VARCHAR[] of "第 C 列（身份证号）：校验位错误" texts, the
   * same as normaliseRow's issue texts without the row number, in the same order.
   */
  issues: string;
  /** Stage two: TRUE when a value was dropped or a required value is missing (normaliseRow's 'error'). */
  hasError: string;
}

const NULL_OF: Record<string, string> = { amount: 'BIGINT', area: 'BIGINT', int: 'BIGINT', date: 'DATE', bool: 'BOOLEAN' };

/**
 * The whole row as SQL, in two stages so the big expressions are computed once:
 * `SELECT <stage-two expressions>, * FROM (SELECT <select> FROM source)`. `columnSql` gives the SQL
 * for a source column by its 0-based index (e.g. a quoted CSV column name).
 */
export function normaliseRowSql(
  kind: DatasetKindKey,
  mapping: ColumnMapping,
  columnSql: (index: number) => string,
  headers?: readonly string[],
): RowSql {
  const select: string[] = [];
  const issueItems: string[] = [];
  const errors: string[] = [];
  for (const field of datasetKind(kind).fields) {
    const target = mapping[field.key];
    const key = sqlIdentifier(field.key);
    if (target === undefined) {
      select.push(`CAST(NULL AS ${NULL_OF[field.type] ?? 'VARCHAR'}) AS ${key}`);
      if (field.type === 'date') select.push(`CAST(NULL AS VARCHAR) AS ${sqlIdentifier(precisionColumn(field.key))}`);
      if (field.required) {
        issueItems.push(sqlString(`“${field.label}”：${ISSUES.required}`));
        errors.push('TRUE');
      }
      continue;
    }
    const sql = fieldSql(field, columnSql(target.column), target.unit);
    select.push(`${sql.value} AS ${key}`);
    if (sql.precision !== undefined) select.push(`${sql.precision} AS ${sqlIdentifier(precisionColumn(field.key))}`);
    const issue = sqlIdentifier(issueColumn(field.key));
    select.push(`${sql.issue} AS ${issue}`);
    const place = `第 ${columnLetter(target.column)} 列（${headers?.[target.column]?.trim() || field.label}）：`;
    const requiredArm = field.required ? ` WHEN ${key} IS NULL THEN ${sqlString(place + ISSUES.required)}` : '';
    issueItems.push(`(CASE WHEN ${issue} IS NOT NULL THEN ${sqlString(place)} || ${issue}${requiredArm} ELSE NULL END)`);
    errors.push(field.required ? `${key} IS NULL` : `(${issue} IS NOT NULL AND ${key} IS NULL)`);
  }
  return {
    select,
    issues: issueItems.length === 0 ? 'CAST([] AS VARCHAR[])' : `list_filter([${issueItems.join(', ')}], lambda xc_issue: xc_issue IS NOT NULL)`,
    hasError: errors.length === 0 ? 'FALSE' : `(${errors.join(' OR ')})`,
  };
}
