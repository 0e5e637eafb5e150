import { describe, expect, it } from 'vitest';
import { quantileType8, quantileType8Sorted, quartileFences } from './quantile';
import { mulberry32 as rng } from '../../shared/random';

describe('Hyndman–Fan type 8 quantiles', () => {
  it("matches R's quantile(type = 8) on known samples", () => {
    // R: quantile(1:10, c(0.25, 0.5, 0.75), type = 8) → 2.916667 5.500000 8.083333
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileType8(x, 0.25)).toBeCloseTo(2.9166667, 6);
    expect(quantileType8(x, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantileType8(x, 0.75)).toBeCloseTo(8.0833333, 6);
    // by hand: sorted 0.2 1.5 2.2 3.1 7.4; h(0.25) = 5⅓·¼ + ⅓ = 1⅔ → 0.2 + ⅔·1.3; h(0.75) = 4⅓ → 3.1 + ⅓·4.3
    const y = [3.1, 0.2, 7.4, 1.5, 2.2];
    expect(quantileType8(y, 0.25)).toBeCloseTo(1.0666667, 6);
    expect(quantileType8(y, 0.75)).toBeCloseTo(4.5333333, 6);
  });

  it('clamps to the smallest and largest value at the ends', () => {
    const x = [5, 1, 9];
    expect(quantileType8(x, 0)).toBe(1);
    expect(quantileType8(x, 0.1)).toBe(1); // h = 0.667 < 1
    expect(quantileType8(x, 1)).toBe(9);
    expect(quantileType8(x, 0.95)).toBe(9); // h = 3.17 ≥ n
    expect(quantileType8([4], 0.25)).toBe(4);
    expect(quantileType8([], 0.5)).toBeNaN();
    expect(() => quantileType8(x, 1.5)).toThrow(RangeError);
  });

  it('on random samples: the median is the ordinary median, quantiles rise with p and stay within the sample', () => {
    const r = rng(20261207);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(r() * 40);
      const x = Array.from({ length: n }, () => Math.round(r() * 1e6) / 1e4);
      const s = [...x].sort((a, b) => a - b);
      const median = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
      expect(quantileType8Sorted(s, 0.5)).toBeCloseTo(median, 9);
      let prev = -Infinity;
      for (let p = 0; p <= 1.0000001; p += 0.05) {
        const q = quantileType8Sorted(s, Math.min(1, p));
        expect(q).toBeGreaterThanOrEqual(prev - 1e-12);
        expect(q).toBeGreaterThanOrEqual(s[0]!);
        expect(q).toBeLessThanOrEqual(s[n - 1]!);
        prev = q;
      }
    }
  });

  it('fences are Q1 − k·IQR and Q3 + k·IQR', () => {
    const f = quartileFences([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.5);
    expect(f.iqr).toBeCloseTo(8.0833333 - 2.9166667, 6);
    expect(f.upper).toBeCloseTo(8.0833333 + 1.5 * f.iqr, 6);
    expect(f.lower).toBeCloseTo(2.9166667 - 1.5 * f.iqr, 6);
  });
});
