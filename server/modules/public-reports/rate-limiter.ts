/**
 * The one database-backed limiter of the public endpoints (码上巡 intake and 问卷): the policies of
 * domain/public-reports/rate-limit.ts applied to the timestamps kept in `public_rate_events`, so a
 * limit holds across restarts and across several instances on one database. The client key is the
 * daily peppered hash of the address (never the address). A refusal is a 429 DomainError whose details
 * carry `retryAfter` in seconds (the HTTP layer turns it into the Retry-After header) and is logged at
 * warn with the policy, the scope and the hashed client key only.
 */
import type { FastifyBaseLogger } from 'fastify';
import { checkLimit, limitLogFields, RATE_LIMIT_POLICIES, type LimitName } from '../../../domain/public-reports/rate-limit';
import { chinaDay } from '../../../domain/public-reports/report';
import { rateLimitClientKey } from '../../../domain/public-reports/secrets';
import { DomainError } from '../../../domain/shared/errors';
import type { AppContext } from '../../http/context';
import { pepperOf } from '../../http/pepper';
import { rateHistory, recordRateEvent } from './public-reports.repository';

/** The daily, peppered key of a client address: what the limiter and the logs see instead of it. */
export function publicClientKey(ctx: AppContext, address: string): string {
  return rateLimitClientKey(pepperOf(ctx), address, chinaDay(ctx.now()));
}

function longestWindow(name: LimitName): number {
  const p = RATE_LIMIT_POLICIES[name];
  return Math.max(p.perClient.windowMs, p.global.windowMs);
}

/**
 * Refuses (429, Chinese, Retry-After) when the client or everybody is over `name`'s limit; with
 * `record` this attempt counts (policies that count every attempt), without it only failures counted
 * by `countPublicFailure` do (guessing policies).
 */
export async function enforcePublicLimit(ctx: AppContext, log: FastifyBaseLogger, name: LimitName, clientKey: string, record: boolean): Promise<void> {
  const p = RATE_LIMIT_POLICIES[name];
  const now = ctx.now().getTime();
  const history = await rateHistory(ctx.db, name, clientKey, now - p.perClient.windowMs, now - p.global.windowMs);
  const d = checkLimit(name, history, now, ctx.config.publicRateScale);
  if (!d.allowed) {
    log.warn(limitLogFields(name, clientKey, d), 'public rate limit');
    throw new DomainError('PUBLIC_REPORT_RATE_LIMITED', d.message, { retryAfter: Math.max(1, Math.ceil(d.retryAfterMs / 1000)) });
  }
  if (record) await recordRateEvent(ctx.db, name, clientKey, now, now - longestWindow(name));
}

/**
 * A failed attempt of a policy that counts failures only (receipt and access-code guessing), logged at
 * warn (the public routes log nothing below warn, so no request line with an address is written)
 * without what was typed.
 */
export async function countPublicFailure(ctx: AppContext, log: FastifyBaseLogger, name: LimitName, clientKey: string): Promise<void> {
  const now = ctx.now().getTime();
  await recordRateEvent(ctx.db, name, clientKey, now, now - longestWindow(name));
  log.warn({ limit: name, client: clientKey, failed: true }, 'public lookup failed');
}
