/**
 * 问卷 answers are limited in the database (the domain's questionnaire_answer and access_code policies through
 * public-reports/rate-limiter.ts), not in process memory: a refusal holds for another app instance on the same
 * database (or the same one after a restart), per client and over all clients, with a Chinese message and
 * Retry-After; the log table holds only hashed client keys; mistyped access codes cost nothing, guessed ones count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_POLICIES } from '../../../domain/public-reports/rate-limit';
import { newCode } from '../../../domain/public-reports/secrets';
import { buildApp } from '../../app';
import { api } from '../../test/fixtures';
import { createWorld, type World } from '../inspections/test-setup';

const window = { opensOn: '2026-11-20', closesOn: '2026-11-30' };
const NOW = new Date('2026-11-22T02:00:00Z');
const answers = { solved: 'solved', overall: 5, disclosure: 4, change: 'better', advice: '' };
const codeAnswers = { discipline: 'good', improper: 'no', burden: 'good', accuracy: 'fairly_good', guidance: 'good', overall: 9 };

let w: World;
let slug: string;
let codeSlug: string;
let codes: string[];
let device = 0;
const token = () => `limit-device-${String(++device).padStart(8, '0')}`;
const post = (s: string, payload: object, ip: string, app = w.t.app) =>
  app.inject({ method: 'POST', url: `/api/public/questionnaires/${s}`, remoteAddress: ip, payload }).then((r) => ({ status: r.statusCode, body: r.json(), retryAfter: r.headers['retry-after'] }));

async function publish(body: object): Promise<{ id: string; slug: string }> {
  const q = await api(w.t, w.office, 'POST', '/api/questionnaires', { ...body, ...window });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  const p = await api(w.t, w.office, 'POST', `/api/questionnaires/${q.body.id}/publish`);
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  return { id: q.body.id, slug: /\/p\/q\/(.+)$/.exec(p.body.questionnaire.link)![1]! };
}

beforeAll(async () => {
  w = await createWorld();
  w.t.setNow(NOW);
  slug = (await publish({ kind: 'satisfaction', from: 'default', roundId: w.roundId, targetId: w.targetA })).slug;
  const coded = await api(w.t, w.office, 'POST', '/api/questionnaires', { kind: 'team_evaluation', roundId: w.roundId, accessMode: 'code', ...window });
  const gen = await api(w.t, w.office, 'POST', `/api/questionnaires/${coded.body.id}/access-codes`, { count: 3 });
  codes = gen.body.codes;
  const p = await api(w.t, w.office, 'POST', `/api/questionnaires/${coded.body.id}/publish`);
  codeSlug = /\/p\/q\/(.+)$/.exec(p.body.questionnaire.link)![1]!;
}, 120_000);
afterAll(async () => w.t.close());

describe('问卷 answers: database-backed rate limits', () => {
  it('refuses the 21st answer of the hour from one client in Chinese with Retry-After; other clients go on', async () => {
    const max = RATE_LIMIT_POLICIES.questionnaire_answer.perClient.max;
    for (let i = 0; i < max; i++) expect((await post(slug, { answers, deviceToken: token() }, '10.20.0.1')).status).toBe(200);
    const refused = await post(slug, { answers, deviceToken: token() }, '10.20.0.1');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'PUBLIC_REPORT_RATE_LIMITED', message: '问卷作答尝试次数过多，请 60 分钟后再试' });
    expect(refused.retryAfter).toBe('3600');
    expect((await post(slug, { answers, deviceToken: token() }, '10.20.0.2')).status).toBe(200);
    // what the limiter keeps: the policy, a hashed daily client key and a time; never the address
    const events = await w.t.ctx.db.selectFrom('public_rate_events').selectAll().where('policy', '=', 'questionnaire_answer').execute();
    expect(events).toHaveLength(max + 1);
    expect(JSON.stringify(events)).not.toContain('10.20.0');
    expect(new Set(events.map((e) => e.client_key)).size).toBe(2);
  });

  it('holds for another instance on the same database (a restart clears no limit), and lifts when the hour has passed', async () => {
    const other = await buildApp(w.t.ctx);
    await other.ready();
    try {
      const r = await post(slug, { answers, deviceToken: token() }, '10.20.0.1', other);
      expect(r.status).toBe(429);
      expect(r.body.message).toContain('问卷作答尝试次数过多');
      w.t.setNow(new Date(NOW.getTime() + 59 * 60_000));
      const later = await post(slug, { answers, deviceToken: token() }, '10.20.0.1', other);
      expect(later.status).toBe(429);
      expect(later.retryAfter).toBe('60');
      w.t.setNow(new Date(NOW.getTime() + 60 * 60_000 + 1000));
      expect((await post(slug, { answers, deviceToken: token() }, '10.20.0.1', other)).status).toBe(200);
    } finally {
      w.t.setNow(NOW);
      await other.close();
    }
  });

  it('refuses everybody when all clients together pass the global limit', async () => {
    const g = RATE_LIMIT_POLICIES.questionnaire_answer.global;
    const at = NOW.getTime() - 10_000;
    // the global window's worth of answers from as many other clients, as the table would hold them
    await w.t.ctx.db
      .insertInto('public_rate_events')
      .values(Array.from({ length: g.max }, (_, i) => ({ policy: 'questionnaire_answer', client_key: `bench-client-${i}`, at_ms: at })))
      .execute();
    try {
      const r = await post(slug, { answers, deviceToken: token() }, '10.20.0.3');
      expect(r.status).toBe(429);
      expect(r.body.message).toBe('当前问卷作答人数较多，请 1 分钟后再试');
      expect(r.retryAfter).toBe('50'); // the oldest of those leaves the one-minute window in 50 s
    } finally {
      await w.t.ctx.db.deleteFrom('public_rate_events').where('client_key', 'like', 'bench-client-%').execute();
    }
    expect((await post(slug, { answers, deviceToken: token() }, '10.20.0.3')).status).toBe(200);
  });

  it('counts guessed access codes (not typos) per client; the 11th attempt waits even with a real code', async () => {
    const ip = '10.20.1.1';
    const typo = await post(codeSlug, { answers: codeAnswers, accessCode: 'ABCD-EFGH' }, ip);
    expect(typo.status).toBe(400);
    const max = RATE_LIMIT_POLICIES.access_code.perClient.max;
    for (let i = 0; i < max - 1; i++) {
      const r = await post(codeSlug, { answers: codeAnswers, accessCode: newCode('access') }, ip);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.code).toBe('QUESTIONNAIRE_ACCESS_CODE_INVALID');
    }
    // a real code answers; used again it is the tenth failure
    expect((await post(codeSlug, { answers: codeAnswers, accessCode: codes[0] }, ip)).status).toBe(200);
    expect((await post(codeSlug, { answers: codeAnswers, accessCode: codes[0] }, ip)).status).toBe(409);
    const refused = await post(codeSlug, { answers: codeAnswers, accessCode: codes[1] }, ip);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^问卷验证码尝试次数过多，请 \d+ 分钟后再试$/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(15 * 60);
    const failures = await w.t.ctx.db.selectFrom('public_rate_events').select('client_key').where('policy', '=', 'access_code').execute();
    expect(failures).toHaveLength(max);
    // another client with the same real code is not held back by this one's guessing
    expect((await post(codeSlug, { answers: codeAnswers, accessCode: codes[1] }, '10.20.1.2')).status).toBe(200);
  });
});
