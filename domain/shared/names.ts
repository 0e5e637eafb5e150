/**
 * Names of people, villages and column headers as they arrive from spreadsheets, typed by many hands:
 * traditional characters from Hong Kong / Taiwan input methods, full-width letters, stray spaces and
 * punctuation. `normalizeName` turns them into a comparison key; it is not meant for display.
 */
import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';

type Convert = (text: string) => string;

let toSimplified: Convert | undefined;

/**
 * Hong Kong and Taiwan variants to mainland simplified, character by character (not the phrase
 * converters, which rewrite vocabulary such as 軟體 → 软件). Built on first use: the dictionaries are
 * large. Applying both keeps the key idempotent; a few characters that are also simplified forms fold
 * too (乾 → 干, 著 → 着), which is harmless for a key as long as both sides go through it.
 */
function simplified(text: string): string {
  if (toSimplified === undefined) {
    const fromHk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const fromTw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    toSimplified = (t) => fromTw(fromHk(t));
  }
  return toSimplified(text);
}

/** Full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space to a space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Separators people type between the parts of a minority name (阿依古丽·买买提). */
const NAME_DOTS = new Set(['·', '•', '.', '．', '・', '･', '‧', '∙', '⋅', '﹒', 'ᐧ']);
const HAN = /^\p{Script=Han}$/u;
/** Whitespace, zero-width characters and the byte-order mark. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/u;
/** Punctuation of any script, plus the ASCII symbols people use as punctuation. */
const STRAY = /^[\p{P}`~^|]$/u;

/**
 * The comparison key of a name: simplified characters, half-width ASCII, no whitespace, no
 * punctuation — except one '·' between two Han characters, which is part of many minority names.
 */
export function normalizeName(s: string): string {
  const text = simplified(toHalfWidth(s));
  let out = '';
  let last = '';
  let pendingDot = false;
  for (const ch of text) {
    if (INVISIBLE.test(ch)) continue;
    if (NAME_DOTS.has(ch)) {
      pendingDot = true;
      continue;
    }
    if (STRAY.test(ch)) continue;
    if (pendingDot && HAN.test(last) && HAN.test(ch)) out += '·';
    pendingDot = false;
    out += ch;
    last = ch;
  }
  return out;
}

const VILLAGE_SUFFIXES = [
  { suffix: '村民委员会', kind: '村' },
  { suffix: '居民委员会', kind: '社区' },
  { suffix: '村委会', kind: '村' },
  { suffix: '居委会', kind: '社区' },
] as const;

export type VillageKind = '村' | '社区';

function compact(s: string): string {
  return [...s].filter((ch) => !INVISIBLE.test(ch)).join('');
}

/**
 * The name people use for a village or community, from the committee's full name:
 * 张家村村民委员会 → 张家村, 三坝社区村民委员会 → 三坝社区, 银闸社区居委会 → 银闸社区,
 * 张家村民委员会 → 张家村 (the committee's 村 was the village's own), 东风居民委员会 → 东风社区.
 */
export function villageShortName(fullName: string): string {
  const name = compact(fullName);
  for (const { suffix, kind } of VILLAGE_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const rest = name.slice(0, -suffix.length);
    if (rest.length === 0) return name;
    if (rest.endsWith('村') || rest.endsWith('社区')) return rest;
    return rest + kind;
  }
  return name;
}

/**
 * Whether a committee is a village's or a community's. The committee type decides (a 社区 that still
 * has a 村民委员会 is legally a village); a bare name decides by its ending.
 */
export function villageKindFromName(fullName: string): VillageKind {
  const name = compact(fullName);
  for (const { suffix, kind } of VILLAGE_SUFFIXES) {
    if (name.endsWith(suffix)) return kind;
  }
  return name.endsWith('社区') ? '社区' : '村';
}

/**
 * Pinyin initials for quick search: 三坝社区 → sbsq. Characters without pinyin (letters, digits,
 * symbols) are kept, lowercased; whitespace is dropped.
 */
export function initials(name: string): string {
  const text = compact(name);
  if (text.length === 0) return '';
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    .map((p) => p.toLowerCase())
    .join('');
}
