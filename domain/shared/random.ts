/**
 * mulberry32: a small deterministic pseudo-random generator (uniform in [0, 1)), for data that must
 * come out the same every time from a seed — the demo, the synthetic 大数据比对 datasets and
 * randomised tests whose failures must be repeatable. Not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
