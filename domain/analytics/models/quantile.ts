/**
 * Sample quantiles by Hyndman & Fan's definition 8 (R's `quantile(x, type = 8)`), the reference the
 * bid price screen's SQL is tested against (domain/analytics/models/bids.ts computes the same fences
 * with row_number and count, so both engines agree).
 *
 * For n sorted values x₁ ≤ … ≤ xₙ and 0 ≤ p ≤ 1: h = (n + 1/3)·p + 1/3, j = ⌊h⌋ and
 * Q(p) = x_j + (h − j)·(x_{j+1} − x_j), taking x₁ when h < 1 and xₙ when h ≥ n. Type 8 is
 * approximately median-unbiased whatever the distribution, which suits the small, skewed samples of
 * a county's tenders; its median is the ordinary median.
 */

/** Q(p) of values already sorted ascending; NaN for an empty sample. */
export function quantileType8Sorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must lie in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n + 1 / 3) * p + 1 / 3;
  const j = Math.floor(h);
  const lo = Math.max(1, Math.min(n, j));
  const hi = Math.max(1, Math.min(n, j + 1));
  const xLo = sorted[lo - 1]!;
  const xHi = sorted[hi - 1]!;
  // the same operations in the same order as the SQL, so results agree to the last bit
  return xLo + (h - j) * (xHi - xLo);
}

/** Q(p) of values in any order. */
export function quantileType8(values: readonly number[], p: number): number {
  return quantileType8Sorted([...values].sort((a, b) => a - b), p);
}

export interface QuartileFences {
  q1: number;
  q3: number;
  iqr: number;
  lower: number;
  upper: number;
}

/** Tukey's fences Q1 − k·IQR and Q3 + k·IQR with type-8 quartiles. */
export function quartileFences(values: readonly number[], k = 1.5): QuartileFences {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantileType8Sorted(sorted, 0.25);
  const q3 = quantileType8Sorted(sorted, 0.75);
  const iqr = q3 - q1;
  return { q1, q3, iqr, lower: q1 - k * iqr, upper: q3 + k * iqr };
}
