import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_POLICIES, checkLimit, limitLogFields, slidingWindow, tokenBucket } from './rate-limit';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 3, 10, 0, 0);

describe('sliding window', () => {
  const rule = { windowMs: 10 * MIN, max: 3 };

  it('allows max attempts in the window, then refuses until the oldest leaves', () => {
    let log: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = slidingWindow(log, T0 + i * MIN, rule);
      expect(d).toMatchObject({ allowed: true, remaining: 2 - i });
      log = d.kept;
    }
    const refused = slidingWindow(log, T0 + 5 * MIN, rule);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 5 * MIN });
    // a refused attempt is not recorded
    expect(refused.kept).toEqual(log);
    expect(slidingWindow(log, T0 + 10 * MIN - 1, rule).allowed).toBe(false);
    const again = slidingWindow(log, T0 + 10 * MIN, rule);
    expect(again.allowed).toBe(true);
    expect(again.kept).toEqual([T0 + MIN, T0 + 2 * MIN, T0 + 10 * MIN]);
  });

  it('drops old and future timestamps and accepts an unsorted history', () => {
    const d = slidingWindow([T0 + 2, T0 - 20 * MIN, T0 + 1, T0 + 99 * MIN], T0 + 3, rule);
    expect(d.kept).toEqual([T0 + 1, T0 + 2, T0 + 3]);
  });

  it('counts exactly max over a long run at a steady rate', () => {
    let log: number[] = [];
    let allowed = 0;
    for (let t = 0; t < 60 * MIN; t += 30_000) {
      const d = slidingWindow(log, T0 + t, rule);
      if (d.allowed) allowed++;
      log = d.kept;
    }
    // 60 minutes / 10-minute window × 3 = 18
    expect(allowed).toBe(18);
  });
});

describe('token bucket', () => {
  it('bursts to capacity and refills at the rate', () => {
    const perMs = 1 / MIN; // one a minute
    let state = null;
    for (let i = 0; i < 5; i++) {
      const d = tokenBucket(state, T0, 5, perMs);
      expect(d.allowed).toBe(true);
      state = d.state;
    }
    const empty = tokenBucket(state, T0, 5, perMs);
    expect(empty).toMatchObject({ allowed: false, retryAfterMs: MIN });
    expect(tokenBucket(empty.state, T0 + MIN / 2, 5, perMs)).toMatchObject({ allowed: false, retryAfterMs: MIN / 2 });
    expect(tokenBucket(empty.state, T0 + MIN, 5, perMs).allowed).toBe(true);
    expect(tokenBucket({ tokens: 0, at: T0 }, T0 + 100 * MIN, 5, perMs).state.tokens).toBe(4);
  });
});

describe('receipt guessing policy', () => {
  it('limits one client to 10 failures in 15 minutes, in Chinese', () => {
    const client = Array.from({ length: 10 }, (_, i) => T0 + i * 1000);
    const d = checkLimit('receipt_lookup', { client, global: client }, T0 + MIN);
    expect(d).toEqual({ allowed: false, scope: 'client', retryAfterMs: 14 * MIN, message: '回执码查询尝试次数过多，请 14 分钟后再试' });
    expect(checkLimit('receipt_lookup', { client, global: client }, T0 + 15 * MIN).allowed).toBe(true);
  });

  it('limits everybody together when many clients guess', () => {
    const global = Array.from({ length: 600 }, (_, i) => T0 + i * 50);
    const d = checkLimit('receipt_lookup', { client: [], global }, T0 + 30_000);
    expect(d).toMatchObject({ allowed: false, scope: 'global', message: '当前回执码查询人数较多，请 1 分钟后再试' });
    const later = checkLimit('receipt_lookup', { client: [], global }, T0 + MIN + 1);
    expect(later.allowed).toBe(true);
  });

  it('returns the histories to keep when allowed', () => {
    const d = checkLimit('receipt_lookup', { client: [T0], global: [T0, T0 + 1] }, T0 + 2);
    expect(d).toEqual({ allowed: true, client: [T0, T0 + 2], global: [T0, T0 + 1, T0 + 2] });
  });

  it('logs the hashed client and counts, never a code', () => {
    const d = checkLimit('receipt_lookup', { client: [], global: [] }, T0);
    expect(limitLogFields('receipt_lookup', 'k3y', d)).toEqual({ limit: 'receipt_lookup', client: 'k3y', allowed: true, clientCount: 1, globalCount: 1 });
  });

  it('makes guessing a receipt hopeless', () => {
    const perYear = RATE_LIMIT_POLICIES.receipt_lookup.global.max * 60 * 24 * 365;
    expect(Math.log2(perYear) + Math.log2(1e6)).toBeLessThan(94 - 40);
  });
});
