/**
 * Cell tests and the text steps every SQL normaliser starts with: the raw cell, half-width,
 * invisible characters, traditional → simplified, and the fast paths that skip those steps for the
 * common clean cell.
 */
import { FULL_WIDTH_FROM, FULL_WIDTH_TO, INVISIBLE_CLASS_RE2, simplifiedTable } from '../text';
import { sqlString, type SqlBuilder } from './builder';

/** `make()`, computed on first use: for the tables that are costly to build and never change. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const INVISIBLE = sqlString(`[${INVISIBLE_CLASS_RE2}]`);
const EMPTY_MARKERS = sqlString('^([-—–/]+|无)$');

/** NULL as '', anything as text. */
export const raw = (col: string) => `coalesce(CAST(${col} AS VARCHAR), '')`;
/**
 * translate() builds its character map for every row, which costs tens of microseconds even for the
 * 95 full-width characters; so it only runs on the rare rows a (compiled once) regexp finds any in.
 */
const FULL_WIDTH_GUARD = sqlString('[\\x{ff01}-\\x{ff5e}\\x{3000}]');
export const halfWidth = (e: string) =>
  `(CASE WHEN regexp_matches(${e}, ${FULL_WIDTH_GUARD}) THEN translate(${e}, ${sqlString(FULL_WIDTH_FROM)}, ${sqlString(FULL_WIDTH_TO)}) ELSE ${e} END)`;
export const dropInvisible = (e: string) => `regexp_replace(${e}, ${INVISIBLE}, '', 'g')`;
export const matches = (e: string, pattern: string) => `regexp_matches(${e}, ${sqlString(pattern)})`;
export const isEmpty = (e: string) => `(${e} = '' OR regexp_matches(${e}, ${EMPTY_MARKERS}))`;
/** `chars` escaped for the body of a regexp character class. */
export const classBody = (chars: string) => chars.replace(/[\\\]^[-]/g, (m) => `\\${m}`);

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
export const PLAIN = regexpTest(PLAIN_PATTERN, asciiOr('!-~', PLAIN_PATTERN));
/** Also unchanged by simplify (no traditional character); `name`: nor by the name key (no punctuation or symbol). */
export const plainSimplifiedPatterns = lazy((): { text: CellTest; name: CellTest } => {
  const traditional = new Set([...simplifiedTable().from].map((ch) => ch.codePointAt(0)!));
  const han = hexClass(without(CJK, traditional));
  const text = `^[!-~${han}]*$`;
  const name = `^[0-9A-Za-z${han}]*$`;
  return { text: regexpTest(text, asciiOr('!-~', text)), name: regexpTest(name, asciiOr('0-9A-Za-z', name)) };
});

/** A cell that is 17 digits and a digit or X (the common ID number). */
export const ID18 = regexpTest('^[0-9]{17}[0-9X]$', (t) => `(${t} GLOB '${digitsGlob(17)}[0-9X]')`);
/** YYYY-MM-DD. */
export const ISO_DAY = regexpTest('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', (t) => `(${t} GLOB '${digitsGlob(4)}-${digitsGlob(2)}-${digitsGlob(2)}')`);
/** An account number: 6 to 32 digits. */
export const ACCOUNT = regexpTest('^[0-9]{6,32}$', (t) => `(length(${t}) BETWEEN 6 AND 32 AND NOT (${t} GLOB '*[!0-9]*'))`);

/**
 * Fast path of amounts and areas: up to `digits` digits and two decimals, nothing else, or an empty
 * cell (most rows of an optional column such as 补贴面积), for which the try_cast gives NULL as the
 * full path does. The exact decimal times the unit's factor is what the full path computes, and it
 * stays far below 2^53.
 */
export const plainDecimal = (digits: number): CellTest =>
  regexpTest(
    `^([0-9]{1,${digits}}(\\.[0-9]{1,2})?)?$`,
    (t) => `(CASE WHEN ${t} = '' THEN TRUE
      WHEN ${t} GLOB '*[!0-9.]*' THEN FALSE
      WHEN NOT contains(${t}, '.') THEN length(${t}) <= ${digits}
      ELSE (${t} GLOB '[0-9]*.[0-9]' OR ${t} GLOB '[0-9]*.[0-9][0-9]') AND NOT (${t} GLOB '*.*.*') AND strpos(${t}, '.') <= ${digits + 1} END)`,
  );

/** The fast cell tests by name, for the test that holds each to its pattern. */
export function cellTests(): Record<string, CellTest> {
  const { text, name } = plainSimplifiedPatterns();
  return { plain: PLAIN, plainText: text, plainName: name, id18: ID18, isoDay: ISO_DAY, account: ACCOUNT, decimal9: plainDecimal(9), decimal13: plainDecimal(13) };
}

/** `plain(text)` when the text passes `test`, else `full(text)` (whose binds run only for those rows). */
export function fastPath(b: SqlBuilder, text: string, test: CellTest, plain: (t: string) => string, full: (t: string) => string): string {
  return b.bind(text, (t) => b.bind(test.sql(t), (p) => `(CASE WHEN ${p} THEN ${plain(t)} ELSE ${b.unless(p, () => full(t))} END)`));
}

/** The cell half-width and without invisible characters. */
export const compact = (b: SqlBuilder, col: string) =>
  fastPath(
    b,
    raw(col),
    PLAIN,
    (t) => t,
    (t) => dropInvisible(halfWidth(t)),
  );

const simplifyParts = lazy(() => {
  const { from, to } = simplifiedTable();
  return {
    guard: sqlString(`[${classBody(from)}]`),
    others: sqlString(`[^${classBody(from)}]`),
    from: sqlString(from),
    to: sqlString(to),
  };
});

/**
 * Traditional → simplified with the OpenCC character table. A translate() with the whole table
 * (4,000+ characters) would rebuild that map for every row, so: rows without any traditional
 * character (a regexp compiled once) pass untouched; in the others the traditional characters
 * present are looked up one by one (strpos in the table string) and only they are translated.
 */
export function simplify(b: SqlBuilder, e: string): string {
  const p = simplifyParts();
  return b.bind(e, (v) =>
    b.bind(`regexp_matches(${v}, ${p.guard})`, (found) => {
      // the traditional characters present, only looked for in the rows that have any
      const present = `(CASE WHEN ${found} THEN regexp_replace(${v}, ${p.others}, '', 'g') ELSE '' END)`;
      const mapped = b.bind(present, (chars) => `translate(${v}, ${chars}, array_to_string(list_transform(string_split(${chars}, ''), lambda xc_ch: substr(${p.to}, strpos(${p.from}, xc_ch), 1)), ''))`);
      return `(CASE WHEN ${found} THEN ${mapped} ELSE ${v} END)`;
    }),
  );
}

/** Without one leading apostrophe (Excel's text marker); the same as regexp_replace(e, '^''', ''). */
export const noApostrophe = (b: SqlBuilder, e: string) => b.bind(e, (v) => `(CASE WHEN starts_with(${v}, '''') THEN substr(${v}, 2) ELSE ${v} END)`);
