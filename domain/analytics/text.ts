/**
 * Character tables shared by the JavaScript normalisers (normalise.ts) and their DuckDB SQL twins
 * (sql.ts), so both apply exactly the same folding.
 *
 * Traditional → simplified is character by character here: the phrase converters of OpenCC rewrite
 * words (乾坤 keeps 乾, 乾燥 gives 干燥), which a SQL translate() cannot reproduce, and names are not
 * words. The table is what OpenCC's Hong Kong → mainland converter followed by its Taiwan → mainland
 * converter (as in domain/shared/names.ts) gives for each single character; it is built from the
 * dictionaries on first use, not committed as a literal.
 */
import * as OpenCC from 'opencc-js/t2cn';
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';
import hkVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';
import twVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import tsPhrases from 'opencc-js/dict/TSPhrases';
import { toHalfWidth } from '../shared/names';

/** Full-width ASCII U+FF01–U+FF5E and the ideographic space, and what they fold to. */
export const FULL_WIDTH_FROM = String.fromCharCode(...Array.from({ length: 0x5e }, (_, i) => 0xff01 + i)) + '\u3000';
export const FULL_WIDTH_TO = String.fromCharCode(...Array.from({ length: 0x5e }, (_, i) => 0x21 + i)) + ' ';

/** What JavaScript's \s matches, zero-width characters, the word joiner and the byte-order mark. */
const SPACE_RANGES: readonly [number, number][] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200d],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x2060],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

/** Invisible characters dropped from identifiers and names: the spaces above and private-use characters (font garbage). */
const INVISIBLE_RANGES: readonly [number, number][] = [...SPACE_RANGES, [0xe000, 0xf8ff]];

const hex = (n: number) => n.toString(16).padStart(4, '0');
const classJs = (ranges: readonly [number, number][]) =>
  ranges.map(([a, b]) => (a === b ? `\\u{${hex(a)}}` : `\\u{${hex(a)}}-\\u{${hex(b)}}`)).join('');
const classRe2 = (ranges: readonly [number, number][]) =>
  ranges.map(([a, b]) => (a === b ? `\\x{${hex(a)}}` : `\\x{${hex(a)}}-\\x{${hex(b)}}`)).join('');

/** The invisible set as a JavaScript character class body (for a /u regex). */
export const INVISIBLE_CLASS_JS = classJs(INVISIBLE_RANGES);
/** The same set as an RE2 (DuckDB regexp) character class body. */
export const INVISIBLE_CLASS_RE2 = classRe2(INVISIBLE_RANGES);
/** Whitespace that free text folds to one space, as a JavaScript and as an RE2 class body. */
export const TEXT_SPACE_CLASS_JS = classJs(SPACE_RANGES);
export const TEXT_SPACE_CLASS_RE2 = classRe2(SPACE_RANGES);

export const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS_JS}]`, 'gu');

/**
 * Separators typed between the parts of a minority name (阿依古丽·买买提); all fold to U+00B7 '·',
 * kept once and only between two Han characters.
 */
export const NAME_DOTS = '·•.．・･‧∙⋅﹒ᐧ';
export const NAME_DOT = '·';

/** Full-width ASCII and the ideographic space to ASCII (the same as translate() with the tables above). */
export const halfWidth = toHalfWidth;

export function dropInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

interface SimplifiedTable {
  map: ReadonlyMap<string, string>;
  /** the characters that change, in one string, and their simplified forms at the same positions */
  from: string;
  to: string;
}

let table: SimplifiedTable | undefined;

function singleCharKeys(dictionary: string, into: Set<string>): void {
  for (const entry of dictionary.split('|')) {
    const key = entry.slice(0, entry.indexOf(' '));
    if ([...key].length === 1) into.add(key);
  }
}

export function simplifiedTable(): SimplifiedTable {
  if (table !== undefined) return table;
  const fromHk = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const fromTw = OpenCC.Converter({ from: 'tw', to: 'cn' });
  // a character changes only if some dictionary has it as a key of its own
  const candidates = new Set<string>();
  for (const d of [hkVariantsRev, hkVariantsRevPhrases, twVariantsRev, twVariantsRevPhrases, tsCharacters, tsPhrases]) {
    singleCharKeys(d, candidates);
  }
  const map = new Map<string, string>();
  for (const ch of [...candidates].sort()) {
    const simplified = fromTw(fromHk(ch));
    if (simplified !== ch && [...simplified].length === 1) map.set(ch, simplified);
  }
  table = { map, from: [...map.keys()].join(''), to: [...map.values()].join('') };
  return table;
}

/** Traditional and variant characters to mainland simplified, one character at a time. */
export function simplifyChars(s: string): string {
  const { map } = simplifiedTable();
  let out = '';
  for (const ch of s) out += map.get(ch) ?? ch;
  return out;
}
