/**
 * Rate limits of the public endpoints, as data, and the pure functions that apply them to timestamps
 * (milliseconds) the server keeps in the database — never in process memory, since several stateless
 * instances may serve the public pages. The client key is a daily, peppered hash of the address
 * (secrets.ts rateLimitClientKey), so the limiter holds no address.
 *
 * Receipt guessing: only well-formed receipts that match nothing count (a typo caught by the check
 * character costs the attacker nothing and the server one parse). With at most 600 failed lookups a
 * minute over all clients, a year of guessing makes about 3.2·10⁸ ≈ 2²⁸ tries against a space of 2⁹⁴
 * receipts: with a million live receipts the chance of hitting any is about 2⁻⁴⁶.
 */

export interface WindowRule {
  windowMs: number;
  max: number;
}

export interface LimitPolicy {
  label: string;
  /** what counts against the limit */
  counts: string;
  perClient: WindowRule;
  global: WindowRule;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const RATE_LIMIT_POLICIES = {
  receipt_lookup: { label: '回执码查询', counts: '格式正确但查无此码的查询', perClient: { windowMs: 15 * MINUTE, max: 10 }, global: { windowMs: MINUTE, max: 600 } },
  report_submit: { label: '提交反映', counts: '每次提交', perClient: { windowMs: HOUR, max: 10 }, global: { windowMs: MINUTE, max: 300 } },
  message_post: { label: '反映人留言', counts: '每条留言', perClient: { windowMs: HOUR, max: 30 }, global: { windowMs: MINUTE, max: 600 } },
  access_code: { label: '问卷验证码', counts: '格式正确但无效或已用的验证码', perClient: { windowMs: 15 * MINUTE, max: 10 }, global: { windowMs: MINUTE, max: 300 } },
  questionnaire_answer: { label: '问卷作答', counts: '每次提交', perClient: { windowMs: HOUR, max: 20 }, global: { windowMs: MINUTE, max: 1200 } },
} as const satisfies Record<string, LimitPolicy>;
export type LimitName = keyof typeof RATE_LIMIT_POLICIES;

export interface WindowDecision {
  allowed: boolean;
  /** attempts left in the window after this one (0 when refused) */
  remaining: number;
  /** when refused: milliseconds until the oldest counted attempt leaves the window */
  retryAfterMs: number;
  /** the timestamps still inside the window, plus `now` when allowed: what to keep */
  kept: number[];
}

/**
 * Sliding window log: allowed when fewer than `max` attempts fall in (now − windowMs, now]. A refused
 * attempt is not added (a blocked client cannot extend its own block by hammering).
 */
export function slidingWindow(history: readonly number[], now: number, rule: WindowRule): WindowDecision {
  const kept = history.filter((t) => t > now - rule.windowMs && t <= now).sort((a, b) => a - b);
  if (kept.length >= rule.max) {
    const oldestThatMustLeave = kept[kept.length - rule.max]!;
    return { allowed: false, remaining: 0, retryAfterMs: oldestThatMustLeave + rule.windowMs - now, kept };
  }
  return { allowed: true, remaining: rule.max - kept.length - 1, retryAfterMs: 0, kept: [...kept, now] };
}

export interface BucketState {
  tokens: number;
  /** ms of the last update */
  at: number;
}

/** Token bucket: `capacity` tokens, refilled at `perMs` tokens a millisecond; one token per attempt. */
export function tokenBucket(state: BucketState | null, now: number, capacity: number, perMs: number): { allowed: boolean; state: BucketState; retryAfterMs: number } {
  const current = state === null ? capacity : Math.min(capacity, state.tokens + Math.max(0, now - state.at) * perMs);
  if (current >= 1) return { allowed: true, state: { tokens: current - 1, at: now }, retryAfterMs: 0 };
  return { allowed: false, state: { tokens: current, at: now }, retryAfterMs: Math.ceil((1 - current) / perMs) };
}

/**
 * A policy with both maxima multiplied by `scale` (the operator's XUNCHA_PUBLIC_RATE_SCALE, 1 in
 * production; a load test raises it so that it measures the server, not the limiter). Never below 1.
 */
export function scaledPolicy(name: LimitName, scale = 1): LimitPolicy {
  const p: LimitPolicy = RATE_LIMIT_POLICIES[name];
  if (scale === 1) return p;
  const times = (r: WindowRule): WindowRule => ({ windowMs: r.windowMs, max: Math.max(1, Math.floor(r.max * scale)) });
  return { ...p, perClient: times(p.perClient), global: times(p.global) };
}

export type LimitDecision = { allowed: true; client: number[]; global: number[] } | { allowed: false; scope: 'client' | 'global'; retryAfterMs: number; message: string };

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / MINUTE));

/**
 * Both windows of a policy for one attempt. The client window is checked first, so a single noisy
 * client is told its own wait; only an attack from many clients hits the global limit.
 */
export function checkLimit(name: LimitName, history: { client: readonly number[]; global: readonly number[] }, now: number, scale = 1): LimitDecision {
  const p = scaledPolicy(name, scale);
  const client = slidingWindow(history.client, now, p.perClient);
  if (!client.allowed) {
    return { allowed: false, scope: 'client', retryAfterMs: client.retryAfterMs, message: `${p.label}尝试次数过多，请 ${minutes(client.retryAfterMs)} 分钟后再试` };
  }
  const global = slidingWindow(history.global, now, p.global);
  if (!global.allowed) {
    return { allowed: false, scope: 'global', retryAfterMs: global.retryAfterMs, message: `当前${p.label}人数较多，请 ${minutes(global.retryAfterMs)} 分钟后再试` };
  }
  return { allowed: true, client: client.kept, global: global.kept };
}

/**
 * A log line for a refused or failed attempt: the policy, the scope, the hashed client key and the
 * counts. Never the code typed, the address, or anything of a report.
 */
export function limitLogFields(name: LimitName, clientKey: string, d: LimitDecision): Record<string, string | number | boolean> {
  return d.allowed
    ? { limit: name, client: clientKey, allowed: true, clientCount: d.client.length, globalCount: d.global.length }
    : { limit: name, client: clientKey, allowed: false, scope: d.scope, retryAfterMs: d.retryAfterMs };
}
