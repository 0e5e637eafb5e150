/**
 * Chinese formatting for the explanations of comparison-model hits. Teams see full names (they must
 * find the person); ID numbers are shown masked in the sentence (the evidence row keeps the full
 * number for those allowed to see it), money from fen as 元 with thousands separators, dates as
 * 2023年5月 or 2023年5月20日, areas from hundredths of their unit.
 */

const str = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

/** 370124195203151234 → 3701**********1234; anything shorter than 9 characters is shown as 已隐去. */
export function maskIdNumber(v: unknown): string {
  const s = str(v);
  if (s === undefined) return '无身份证号码';
  if (s.length < 9) return '已隐去';
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

function toInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v));
  return undefined;
}

const groupThousands = (n: number) => Math.abs(Math.trunc(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 350000 fen → 3,500元; 123456 → 1,234.56元. */
export function yuan(fen: unknown): string {
  const n = toInt(fen);
  if (n === undefined) return '金额不详';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const whole = groupThousands(Math.floor(abs / 100));
  const cents = abs % 100;
  return `${sign}${whole}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}元`;
}

function dateParts(v: unknown): [number, number, number] | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** '2023-05-20' → 2023年5月. */
export function month(v: unknown): string {
  const p = dateParts(v);
  return p ? `${p[0]}年${p[1]}月` : '日期不详';
}

/** '2023-05-20' → 2023年5月20日. */
export function day(v: unknown): string {
  const p = dateParts(v);
  return p ? `${p[0]}年${p[1]}月${p[2]}日` : '日期不详';
}

/** 2023年5月至2023年12月, or 2023年5月 when both are in the same month. */
export function monthRange(from: unknown, to: unknown): string {
  const a = month(from);
  const b = month(to);
  return a === b ? a : `${a}至${b}`;
}

/** Hundredths of a unit → '12.5亩' (up to two decimals, trailing zeros dropped). */
export function area(hundredths: unknown, unit: '亩' | '平方米' = '亩'): string {
  const n = toInt(hundredths);
  if (n === undefined) return '面积不详';
  const whole = groupThousands(n / 100);
  const frac = Math.abs(n) % 100;
  const tail = frac === 0 ? '' : `.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
  return `${n < 0 ? '-' : ''}${whole}${tail}${unit}`;
}

/** An integer count with thousands separators. */
export function count(v: unknown): string {
  const n = toInt(v);
  return n === undefined ? '若干' : `${n < 0 ? '-' : ''}${groupThousands(n)}`;
}

/** A text value or a fallback. */
export function text(v: unknown, fallback = '未注明'): string {
  return str(v) ?? fallback;
}

/** A person: 张三（身份证3701**********1234）. */
export function person(name: unknown, idNumber: unknown): string {
  return `${text(name, '姓名不详')}（身份证${maskIdNumber(idNumber)}）`;
}

/** A ratio as a percentage with one decimal: 0.325 → 32.5%. */
export function percent(ratio: unknown): string {
  const n = typeof ratio === 'number' ? ratio : Number(ratio);
  if (!Number.isFinite(n)) return '比例不详';
  return `${(Math.round(n * 1000) / 10).toString()}%`;
}
