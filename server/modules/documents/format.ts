/**
 * Text helpers shared by the document generators and the ledgers: dates as official documents write them,
 * money, Chinese ordinal numerals for headings, and the display width of mixed CJK/Latin text.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (headings never reach a thousand). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  const head = `${DIGITS[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  if (rest < 10) return `${head}零${DIGITS[rest]}`;
  return `${head}${rest < 20 ? '一' : ''}${chineseNumeral(rest)}`;
}

/** Splits an ISO calendar date (YYYY-MM-DD, or a full ISO timestamp whose date part is taken). */
function dateParts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * 成文日期 as GB/T 9704-2012 writes it: Arabic numerals, year in full, month and day without leading zeros —
 * "2026年11月22日".
 */
export function officialDate(iso: string): string {
  const [y, m, d] = dateParts(iso);
  return `${y}年${m}月${d}日`;
}

/** A date for a ledger cell: a Date at midnight UTC, so the sheet shows the calendar day the record holds. */
export function dateCell(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const [y, m, d] = dateParts(iso);
  return new Date(Date.UTC(y, m - 1, d));
}

/** 1234.5 → "1,234.50元" — the exact amount, for forms and tables. */
export function yuan(amount: number): string {
  return `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
}

/** Running text: amounts of ten thousand yuan or more in 万元 with two decimals, smaller ones exact. */
export function yuanInText(amount: number): string {
  if (Math.abs(amount) >= 10_000) return `${(amount / 10_000).toFixed(2)}万元`;
  return yuan(amount);
}

/** True for characters that take a full character cell: CJK ideographs, kana, hangul, full-width forms and punctuation. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd) ||
    c === 0x2014 ||
    c === 0x2026
  );
}

/** Display width in half-width cells: a CJK character counts 2, a Latin letter or digit 1. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? 2 : 1;
  return w;
}
