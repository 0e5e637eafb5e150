import { describe, expect, it } from 'vitest';
import { checkLimit, RATE_LIMIT_POLICIES, scaledPolicy } from './rate-limit';

describe('scaledPolicy (XUNCHA_PUBLIC_RATE_SCALE, load tests only)', () => {
  it('is the policy itself at 1 and multiplies both maxima, never the windows', () => {
    expect(scaledPolicy('report_submit')).toBe(RATE_LIMIT_POLICIES.report_submit);
    const p = scaledPolicy('report_submit', 1000);
    expect(p.perClient).toEqual({ windowMs: RATE_LIMIT_POLICIES.report_submit.perClient.windowMs, max: 10_000 });
    expect(p.global).toEqual({ windowMs: RATE_LIMIT_POLICIES.report_submit.global.windowMs, max: 300_000 });
    expect(p.label).toBe('提交反映');
  });

  it('checkLimit applies the scale: the 11th report of the hour passes at scale 2, not at 1', () => {
    const now = 10 * 3600_000;
    const ten = Array.from({ length: 10 }, (_, i) => now - 60_000 * (i + 1));
    expect(checkLimit('report_submit', { client: ten, global: ten }, now).allowed).toBe(false);
    expect(checkLimit('report_submit', { client: ten, global: ten }, now, 2).allowed).toBe(true);
    const twenty = [...ten, ...ten.map((t) => t - 1)];
    expect(checkLimit('report_submit', { client: twenty, global: twenty }, now, 2).allowed).toBe(false);
  });
});
