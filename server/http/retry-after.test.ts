/**
 * Every 429 carries Retry-After in seconds, from the limiter that refused: @fastify/rate-limit's per-address caps,
 * the login delay, 码上巡 receipt guessing, the office's wrong reveal passphrases (and, in
 * questionnaires/answer-limit.test.ts, 问卷 answers and access-code guessing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCode } from '../../domain/public-reports/secrets';
import { api } from '../test/fixtures';
import { createTestApp, type TestApp } from '../test/harness';
import { createWorld, type World } from '../modules/inspections/test-setup';
import { DEFAULT_RETRY_AFTER_SECONDS, retryAfterSeconds } from './errors';

describe('retryAfterSeconds', () => {
  it('takes the limiter’s seconds, rounded up, at least 1; a minute when a limiter gave none', () => {
    expect(retryAfterSeconds({ retryAfter: 900 })).toBe(900);
    expect(retryAfterSeconds({ retryAfter: 0.2 })).toBe(1);
    expect(retryAfterSeconds({ retryAfter: 59.1 })).toBe(60);
    expect(retryAfterSeconds(undefined)).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds([{ path: 'x', message: 'y' }])).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds({ retryAfter: 'soon' })).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds({ retryAfter: -5 })).toBe(DEFAULT_RETRY_AFTER_SECONDS);
  });
});

describe('Retry-After on the per-address caps and the login delay', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { XUNCHA_LOGIN_RATE_PER_MINUTE: '3' } });
  });
  afterAll(async () => t.close());

  it('@fastify/rate-limit’s 429 keeps its window’s seconds, with the Chinese body', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.30.0.1', payload: { username: `nobody${i}`, password: 'x' } });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last!.json()).toEqual({ code: 'LOGIN_THROTTLED', message: '请求过于频繁，请稍后再试' });
    const seconds = Number(last!.headers['retry-after']);
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it('@fastify/rate-limit’s 429 elsewhere (public pages, questionnaires, 码上巡) says RATE_LIMITED, not a login throttle, with Retry-After', async () => {
    const capped = async (url: string, max: number, remoteAddress: string) => {
      const statuses = new Set<number>();
      for (let i = 0; i < max; i++) statuses.add((await t.app.inject({ method: 'GET', url, remoteAddress })).statusCode);
      expect(statuses.has(429)).toBe(false);
      return t.app.inject({ method: 'GET', url, remoteAddress });
    };
    for (const [url, max] of [
      [`/p/q/${'A'.repeat(16)}`, 3], // the questionnaire page and 群众评议 cap at the login rate
      [`/p/rate/${'A'.repeat(32)}`, 3],
      [`/api/public/reports/codes/${newCode('short')}`, 60], // 码上巡 at least 60 a minute
    ] as const) {
      const refused = await capped(url, max, '10.30.0.2');
      expect(refused.statusCode, url).toBe(429);
      expect(refused.json(), url).toEqual({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
      const seconds = Number(refused.headers['retry-after']);
      expect(Number.isInteger(seconds) && seconds > 0 && seconds <= 60, url).toBe(true);
      // another address is not held up
      expect((await t.app.inject({ method: 'GET', url, remoteAddress: '10.30.0.3' })).statusCode, url).not.toBe(429);
    }
  });

  it('the login delay after failed attempts (a DomainError) says its seconds', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 3; i++) {
      last = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.30.1.${i}`, payload: { username: 'admin', password: 'wrong-password' } });
      statuses.push(last.statusCode);
    }
    last = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.30.1.9', payload: { username: 'admin', password: 'wrong-password' } });
    expect(statuses).toEqual([401, 401, 401]);
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('LOGIN_THROTTLED');
    expect(last.headers['retry-after']).toBe(String(last.json().details.retryAfter));
  });
});

describe('Retry-After on 码上巡’s database-backed limits', () => {
  let w: World;
  const PASSPHRASE = '巡察办身份密钥口令二〇二六年十二月';
  beforeAll(async () => {
    w = await createWorld();
  }, 120_000);
  afterAll(async () => w.t.close());

  it('receipt guessing: the eleventh lookup in 15 minutes waits 900 s', async () => {
    const lookup = (receipt: string) => w.t.app.inject({ method: 'POST', url: '/api/public/reports/receipt', remoteAddress: '10.30.2.1', payload: { receipt } });
    for (let i = 0; i < 10; i++) expect((await lookup(newCode('receipt'))).statusCode).toBe(404);
    const refused = await lookup(newCode('receipt'));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toBe('回执码查询尝试次数过多，请 15 分钟后再试');
    expect(refused.headers['retry-after']).toBe('900');
  });

  it('wrong reveal passphrases: the sixth attempt waits until the first leaves the 15 minutes', async () => {
    const gen = await api(w.t, w.office, 'POST', '/api/public-reports/codes', { roundId: w.roundId });
    const code = gen.body.items.find((c: { scope: string; name: string }) => c.scope === 'target' && c.name !== '').code;
    expect((await api(w.t, w.office, 'POST', '/api/public-reports/key', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).status).toBe(201);
    const sent = await w.t.app.inject({
      method: 'POST',
      url: `/api/public/reports/codes/${code}`,
      remoteAddress: '10.30.3.1',
      payload: { report: { submissionId: crypto.randomUUID(), anonymous: false, identity: { name: '张三丰', phone: '13912345678' }, category: 'other', description: '村集体资产出租收入没有公开', attachments: [] } },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const report = await w.t.ctx.db.selectFrom('public_reports').select('id').executeTakeFirstOrThrow();
    const reason = '需要电话联系反映人核实出租收入的具体情况';
    const start = new Date('2026-11-22T02:00:00Z');
    for (let i = 0; i < 5; i++) {
      w.t.setNow(new Date(start.getTime() + i * 60_000)); // one a minute
      expect((await api(w.t, w.office, 'POST', `/api/public-reports/reports/${report.id}/reveal`, { reason, passphrase: `错误的口令错误的口令${i}` })).status).toBe(401);
    }
    w.t.setNow(new Date(start.getTime() + 5 * 60_000));
    const refused = await w.t.app.inject({ method: 'POST', url: `/api/public-reports/reports/${report.id}/reveal`, headers: { cookie: w.office }, payload: { reason, passphrase: PASSPHRASE } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toBe('密钥口令错误次数过多，请 10 分钟后再试');
    expect(refused.headers['retry-after']).toBe('600');
    w.t.setNow(start);
  }, 90_000);
});
