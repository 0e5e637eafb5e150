/**
 * Codes the public types by hand: the short code printed under a poster's QR code (per round × target
 * and per team), the receipt code a reporter keeps, and the one-time access codes of questionnaires.
 *
 * One alphabet for all of them: the digits 2–9 and the letters without I, L and O — 31 characters, so
 * nothing can be read as 0/O or 1/I/L. 31 is prime, which makes a simple weighted check character
 * exact: the last character makes Σ (i+1)·value(cᵢ) ≡ 0 (mod 31) over the whole code. A single wrong
 * character changes the sum by (i+1)·(a−b), never 0 mod 31 while the code is shorter than 31; swapping
 * two neighbours changes it by (a−b), never 0 for different characters. So every single-character
 * error and every adjacent transposition is caught before any lookup (and before the rate limit counts
 * a guess).
 *
 * This file is pure (no randomness of its own): secrets.ts feeds it random bytes and hashes the codes.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BASE = CODE_ALPHABET.length; // 31, prime
const VALUE: ReadonlyMap<string, number> = new Map([...CODE_ALPHABET].map((c, i) => [c, i]));

/** What each code looks like: characters before the check character, group size, purpose. */
export const CODE_FORMATS = {
  /** printed under a QR code; public, ~35 bits, resolved to (round, target) or (round, team) by the server */
  short: { randomChars: 7, group: 4, label: '扫码编号' },
  /** the reporter's secret; 19 random characters ≈ 94 bits (≥ 80 required) */
  receipt: { randomChars: 19, group: 4, label: '回执码' },
  /** a questionnaire's one-time paper code; ~35 bits, only meaningful together with its questionnaire */
  access: { randomChars: 7, group: 4, label: '问卷验证码' },
} as const;
export type CodeKind = keyof typeof CODE_FORMATS;

/** Total characters of a code of `kind`, check character included. */
export const codeLength = (kind: CodeKind): number => CODE_FORMATS[kind].randomChars + 1;

/** Bits of randomness in a code of `kind`. */
export const codeEntropyBits = (kind: CodeKind): number => CODE_FORMATS[kind].randomChars * Math.log2(BASE);

function weightedSum(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) sum += (i + 1) * VALUE.get(chars[i]!)!;
  return sum % BASE;
}

/** Modular inverse in Z/31 (Fermat: a^(p−2)). */
function inverse(a: number): number {
  let result = 1;
  let base = a % BASE;
  let e = BASE - 2;
  while (e > 0) {
    if (e & 1) result = (result * base) % BASE;
    base = (base * base) % BASE;
    e >>= 1;
  }
  return result;
}

/** The check character to append to `body` (characters of the alphabet only, fewer than 30). */
export function checkCharacter(body: string): string {
  if (body.length >= BASE - 1) throw new RangeError('code too long for the mod-31 check');
  for (const c of body) if (!VALUE.has(c)) throw new RangeError(`not in the code alphabet: ${c}`);
  // want S + (n+1)·x ≡ 0  →  x ≡ −S · (n+1)⁻¹
  const s = weightedSum(body);
  const x = (((BASE - s) % BASE) * inverse(body.length + 1)) % BASE;
  return CODE_ALPHABET[x]!;
}

/** True when `code` (normalised, check character last) passes the check. */
export const isCheckValid = (code: string): boolean =>
  code.length > 1 && code.length < BASE && [...code].every((c) => VALUE.has(c)) && weightedSum(code) === 0;

/**
 * Characters of the alphabet drawn from random bytes without bias (bytes ≥ 248 are skipped).
 * Returns null when the bytes run out; the caller draws more.
 */
export function charsFromBytes(bytes: Uint8Array, count: number): string | null {
  const limit = BASE * Math.floor(256 / BASE); // 248
  let out = '';
  for (const b of bytes) {
    if (out.length === count) break;
    if (b < limit) out += CODE_ALPHABET[b % BASE];
  }
  return out.length === count ? out : null;
}

/** A code of `kind` from random bytes (check character appended), or null if the bytes ran out. */
export function codeFromBytes(kind: CodeKind, bytes: Uint8Array): string | null {
  const body = charsFromBytes(bytes, CODE_FORMATS[kind].randomChars);
  return body === null ? null : body + checkCharacter(body);
}

/** What a short code opens: a round × target's report page, or a team's (the team's targets to choose from). */
export const SHORT_CODE_SCOPES = { target: '村（社区）', team: '巡察组' } as const;
export type ShortCodeScope = keyof typeof SHORT_CODE_SCOPES;

/** The public page path a poster's QR code carries; the same code is printed under it to type. */
export const posterPath = (shortCode: string): string => `/p/${shortCode}`;

/** Shown form: groups of four joined by '-', e.g. 7K3M-Q9TX. */
export function formatCode(kind: CodeKind, code: string): string {
  const size = CODE_FORMATS[kind].group;
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
  return groups.join('-');
}

// Anything a phone keyboard or a copy from WeChat puts between groups.
const SEPARATORS = /[\s\-‐‑‒–—―－_·・.。,，、/]/gu;
const CONFUSABLE = /[01OIL]/;

/**
 * The code as typed → canonical characters: full-width folded (NFKC), upper case, spaces, dashes and
 * dots removed. Does not validate.
 */
export const normalizeCodeInput = (input: string): string =>
  input.normalize('NFKC').toUpperCase().replace(SEPARATORS, '').replace(/[\u200b\ufeff]/g, '');

export type CodeParseResult = { ok: true; value: string } | { ok: false; reason: string };

/** Parse what a person typed as a code of `kind`; every refusal in Chinese, the most useful first. */
export function parseCode(kind: CodeKind, input: string): CodeParseResult {
  const label = CODE_FORMATS[kind].label;
  const value = normalizeCodeInput(input);
  if (value === '') return { ok: false, reason: `请输入${label}` };
  const bad = [...new Set([...value].filter((c) => !VALUE.has(c)))];
  if (bad.length > 0) {
    if (bad.every((c) => CONFUSABLE.test(c))) {
      return { ok: false, reason: `${label}中没有数字 0、1 和字母 O、I、L，请对照原件核对（输入了：${bad.join('、')}）` };
    }
    return { ok: false, reason: `${label}只包含数字 2–9 和英文字母，含有无法识别的字符：${bad.slice(0, 5).join('、')}` };
  }
  const length = codeLength(kind);
  if (value.length !== length) {
    return { ok: false, reason: `${label}应为 ${length} 位（不计分隔符），您输入了 ${value.length} 位` };
  }
  if (!isCheckValid(value)) return { ok: false, reason: `${label}有误，请逐位核对后重新输入` };
  return { ok: true, value };
}
