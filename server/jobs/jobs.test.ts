/**
 * Jobs through the API and the in-process runner: enqueue in the caller's transaction (a rolled-back
 * one leaves no job), payload checks and permission at enqueue, progress seen through the route while a
 * handler runs, cancel of queued and running jobs (the handler cleans up), failures mapped to the
 * domain's code or to INTERNAL with a generic Chinese message, stale running jobs failed at start,
 * scoping (another county 404, a colleague without the kind's permission 404), the list with filters,
 * audit rows, the config knob, and two runners on one database claiming every job exactly once.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countText } from '../../domain/jobs';
import { DomainError } from '../../domain/shared/errors';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import type { Actor, AppContext } from '../http/context';
import { resolveSession } from '../modules/access/auth.service';
import { api } from '../test/fixtures';
import { PG_TEMPLATE } from '../test/global-setup';
import { createTestApp, type TestApp } from '../test/harness';
import { orgUser } from '../test/world';
import { enqueueJob, JobRunner, recoverInterruptedJobs, registerJobKind, runJobsUntilIdle, waitForJob, type JobLog } from '.';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Retries the check until it passes (progress is written in the background) or the time is up. */
async function eventually(check: () => Promise<void>, ms = 5_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await sleep(20);
    }
  }
}

// — test kinds (names unique to this file) —
const echoRuns: string[] = [];
registerJobKind('test.echo', {
  label: '测试：回显',
  permission: 'analytics.manage',
  payload: z.object({ n: z.number({ message: '请填写数量' }).int().min(0, '数量不能为负数') }),
  run: async (job, tools) => {
    echoRuns.push(job.id);
    await tools.progress(Number.NaN, -1, '无效的进度被忽略'); // never rejects, never written
    await tools.progress(job.payload.n, job.payload.n, countText('已处理', job.payload.n, job.payload.n, '条'));
    return { doubled: job.payload.n * 2, attempt: job.attempt };
  },
});

let gate = { started: deferred(), release: deferred() };
registerJobKind('test.gate', {
  label: '测试：受控任务',
  permission: 'analytics.manage',
  run: async (_job, tools) => {
    await tools.progress(120_000, 1_000_000, countText('已读取', 120_000, 1_000_000, '行'));
    gate.started.resolve();
    await gate.release.promise;
    return { ok: true };
  },
});

const cleanup = { done: false };
registerJobKind('test.cancellable', {
  label: '测试：可取消任务',
  permission: 'analytics.manage',
  run: async (_job, tools) => {
    await tools.progress(1, null, '正在准备');
    gate.started.resolve();
    // a handler that honours the contract: waits for its work or the signal, cleans up, then throws
    await new Promise<void>((resolve) => tools.signal.addEventListener('abort', () => resolve(), { once: true }));
    await gate.release.promise; // cleaning up takes a while
    cleanup.done = true;
    tools.throwIfCancelled();
    return { unreachable: true };
  },
});

registerJobKind('test.domain-fail', {
  label: '测试：业务错误',
  permission: 'analytics.manage',
  run: async () => {
    throw new DomainError('IMPORT_FILE_INVALID', '第 3 行的身份证号码列无法识别');
  },
});

registerJobKind('test.crash', {
  label: '测试：程序错误',
  permission: 'analytics.manage',
  run: async () => {
    throw new Error('secret-token-abc could not open /var/private/file');
  },
});

registerJobKind('test.in-tx', {
  label: '测试：事务中报告进度',
  permission: 'analytics.manage',
  run: async (job, tools) => {
    await tools.db.transaction().execute(async (tx) => {
      await tools.progress(1, 2, '正在写入');
      await tx.insertInto('app_meta').values({ key: `test-job-${job.id}`, value: JSON.stringify('written') }).execute();
      await tools.progress(2, 2, '已写入');
    });
    return { ok: true };
  },
});

registerJobKind('test.private', { label: '测试：仅本人可见', run: async () => ({ mine: true }) });

const counted = new Map<string, number>();
registerJobKind('test.count', {
  label: '测试：计数',
  run: async (job, tools) => {
    counted.set(job.id, (counted.get(job.id) ?? 0) + 1);
    await sleep(25);
    tools.throwIfCancelled();
    return { by: job.id };
  },
});

describe('jobs', () => {
  let t: TestApp;
  let admin: string;
  let office: { cookie: string; userId: string; actor: Actor };
  let colleague: { cookie: string; userId: string };
  let team: { cookie: string; userId: string };
  let other: { cookie: string; userId: string };
  const logged: { level: string; message: string; err?: unknown }[] = [];
  const log: JobLog = (level, message, err) => logged.push({ level, message, err });

  const actorOf = async (cookie: string) => (await resolveSession(t.ctx, cookie.split('=')[1]!))!;
  const audits = async (id: string) =>
    (await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'job').where('entity_id', '=', id).orderBy('seq').execute());
  const enqueue = (kind: string, payload: unknown = {}) => enqueueJob(t.ctx, office.actor, kind, payload);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    const o = await orgUser(t, admin, 'office', '320481', 'job_office', ['office']);
    office = { ...o, actor: await actorOf(o.cookie) };
    colleague = await orgUser(t, admin, 'office', '320481', 'job_colleague', ['office']);
    team = await orgUser(t, admin, 'team', '320481', 'job_team', ['team_member']);
    other = await orgUser(t, admin, 'office', '320482', 'job_other', ['office']);
  });
  afterAll(async () => t.close());

  it('enqueues in the caller’s transaction: rolled back, no job and no audit row; committed, queued with one', async () => {
    let rolledBack = '';
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        rolledBack = await enqueueJob(t.ctx, office.actor, 'test.echo', { n: 1 }, { tx });
        expect(await tx.selectFrom('jobs').select('id').where('id', '=', rolledBack).executeTakeFirst()).toBeDefined();
        throw new Error('the caller’s work failed');
      }),
    ).rejects.toThrow('the caller’s work failed');
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('id', '=', rolledBack).executeTakeFirst()).toBeUndefined();
    expect(await audits(rolledBack)).toEqual([]);

    // a context whose db is the caller's transaction works the same way
    let viaCtx = '';
    await t.ctx.db.transaction().execute(async (tx) => {
      viaCtx = await enqueueJob({ ...t.ctx, db: tx } as AppContext, office.actor, 'test.echo', { n: 2 });
    });
    const r = await api(t, office.cookie, 'GET', `/api/jobs/${viaCtx}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'test.echo', kindLabel: '测试：回显', status: 'queued', statusLabel: '排队中', progress: { done: 0, total: null, percent: null }, createdBy: { id: office.userId } });
    expect(r.body).not.toHaveProperty('payload');
    expect((await audits(viaCtx)).map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(await audits(viaCtx))).not.toContain('"n"');
    expect(await runJobsUntilIdle(t.ctx)).toBe(1);
    const done = await api(t, office.cookie, 'GET', `/api/jobs/${viaCtx}`);
    expect(done.body).toMatchObject({ status: 'succeeded', statusLabel: '已完成', result: { doubled: 4, attempt: 1 }, error: null, progress: { done: 2, total: 2, text: '已处理 2 / 2 条', percent: 100 } });
    expect(done.body.startedAt).not.toBeNull();
    expect(done.body.finishedAt).not.toBeNull();
  });

  it('checks the payload and the kind’s permission at enqueue, in Chinese', async () => {
    const bad = enqueue('test.echo', { n: -1 });
    await expect(bad).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '任务参数有误：数量不能为负数', details: [{ path: 'payload.n', message: '数量不能为负数' }] });
    await expect(enqueue('test.echo', {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('请填写数量') });
    const member = await actorOf(team.cookie);
    await expect(enqueueJob(t.ctx, member, 'test.echo', { n: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(enqueueJob(t.ctx, office.actor, 'test.echo', { n: 1 }, { scopeCode: '320482' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: '不能为本辖区以外创建任务' });
    await expect(enqueue('test.unknown')).rejects.toThrow('job kind not registered');
  });

  it('shows progress through the route while the handler runs, then the result', async () => {
    gate = { started: deferred(), release: deferred() };
    const id = await enqueue('test.gate');
    const finished = waitForJob(t.ctx, id);
    await gate.started.promise;
    await eventually(async () => {
      const running = await api(t, office.cookie, 'GET', `/api/jobs/${id}`);
      expect(running.body).toMatchObject({
        status: 'running',
        statusLabel: '运行中',
        progress: { done: 120_000, total: 1_000_000, text: '已读取 120,000 / 1,000,000 行', percent: 12 },
        result: null,
        attempt: 1,
      });
    });
    gate.release.resolve();
    const job = await finished;
    expect(job).toMatchObject({ status: 'succeeded', result: { ok: true }, progress: { percent: 100 } });
  });

  it('reports progress from inside the handler’s own transaction without waiting on itself (PGlite has one connection)', async () => {
    const id = await enqueue('test.in-tx');
    const job = await waitForJob(t.ctx, id, { timeoutMs: 10_000 });
    expect(job).toMatchObject({ status: 'succeeded', progress: { done: 2, total: 2, text: '已写入' } });
    expect(await t.ctx.db.selectFrom('app_meta').select('value').where('key', '=', `test-job-${id}`).executeTakeFirst()).toEqual({ value: 'written' });
  });

  it('cancels a queued job at once; it never runs; a second cancel is refused in Chinese', async () => {
    const id = await enqueue('test.echo', { n: 5 });
    const r = await api(t, office.cookie, 'POST', `/api/jobs/${id}/cancel`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'cancelled', statusLabel: '已取消', cancelRequested: true, error: null });
    const before = echoRuns.length;
    expect(await runJobsUntilIdle(t.ctx)).toBe(0);
    expect(echoRuns.length).toBe(before);
    const again = await api(t, office.cookie, 'POST', `/api/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'JOB_ALREADY_FINISHED', message: '任务已结束，不能取消' });
    expect((await audits(id)).map((a) => a.action)).toEqual(['create', 'cancel']);
  });

  it('cancels a running job: its runner in this process sees it at once, the handler cleans up and it ends cancelled', async () => {
    gate = { started: deferred(), release: deferred() };
    cleanup.done = false;
    const id = await enqueue('test.cancellable');
    // a heartbeat far away: only the in-process poke can stop it within the test's wait
    const finished = waitForJob(t.ctx, id, { heartbeatMs: 600_000 });
    await gate.started.promise;
    const r = await api(t, office.cookie, 'POST', `/api/jobs/${id}/cancel`);
    expect(r.body).toMatchObject({ status: 'running', cancelRequested: true });
    // asking twice while it cleans up is harmless and writes no second audit row
    const twice = await api(t, office.cookie, 'POST', `/api/jobs/${id}/cancel`);
    expect(twice).toMatchObject({ status: 200, body: { status: 'running', statusLabel: '运行中', cancelRequested: true } });
    const started = Date.now();
    gate.release.resolve();
    const job = await finished;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(job).toMatchObject({ status: 'cancelled', error: null, result: null });
    expect(cleanup.done).toBe(true);
    expect((await audits(id)).map((a) => [a.action, a.after])).toEqual([
      ['create', { kind: 'test.cancellable', label: '测试：可取消任务', status: 'queued' }],
      ['cancel', { status: 'running', cancelRequested: true }],
    ]);
  });

  it('a cancel taken by another instance reaches the handler at its runner’s next heartbeat', async () => {
    gate = { started: deferred(), release: deferred() };
    cleanup.done = false;
    const id = await enqueue('test.cancellable');
    const finished = waitForJob(t.ctx, id, { heartbeatMs: 40 });
    await gate.started.promise;
    gate.release.resolve();
    // what cancelJob writes, but without this process's poke (as when another instance took the request)
    await t.ctx.db.updateTable('jobs').set({ cancel_requested: true }).where('id', '=', id).execute();
    expect(await finished).toMatchObject({ status: 'cancelled' });
    expect(cleanup.done).toBe(true);
  });

  it('maps failures: a domain error keeps its code and Chinese message; anything else is INTERNAL, logged, never shown', async () => {
    const domain = await enqueue('test.domain-fail');
    const crash = await enqueue('test.crash');
    expect(await runJobsUntilIdle(t.ctx, { log })).toBe(2);
    const d = await api(t, office.cookie, 'GET', `/api/jobs/${domain}`);
    expect(d.body).toMatchObject({ status: 'failed', statusLabel: '失败', error: { code: 'IMPORT_FILE_INVALID', message: '第 3 行的身份证号码列无法识别' } });
    const c = await api(t, office.cookie, 'GET', `/api/jobs/${crash}`);
    expect(c.body).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', message: '任务运行出错，请稍后重试或联系管理员' } });
    expect(JSON.stringify(c.body)).not.toContain('secret');
    const entry = logged.find((l) => l.message.includes(crash));
    expect(entry?.level).toBe('error');
    expect((entry?.err as Error).message).toContain('secret-token-abc'); // the stack is for the operator's log only
    expect(logged.some((l) => l.message.includes(domain))).toBe(false); // a refusal is not a server error
  });

  it('fails running jobs whose runner is gone: stale heartbeats on PostgreSQL rules, every one in a single process', async () => {
    const now = t.ctx.now();
    const insert = async (heartbeat: Date | null) =>
      (
        await t.ctx.db
          .insertInto('jobs')
          .values({ kind: 'test.echo', scope_code: '320481', created_by: office.userId, payload: '{"n":1}', status: 'running', claimed_by: 'gone:1', heartbeat_at: heartbeat, started_at: now, created_at: now, attempt: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const old = await insert(new Date(now.getTime() - 5 * 60_000));
    const fresh = await insert(new Date(now.getTime() - 10_000));
    expect(await recoverInterruptedJobs(t.ctx, { singleProcess: false, staleMs: 60_000 })).toEqual([old]);
    const o = await api(t, office.cookie, 'GET', `/api/jobs/${old}`);
    expect(o.body).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', message: '服务重启，任务中断，请重新运行' } });
    expect((await api(t, office.cookie, 'GET', `/api/jobs/${fresh}`)).body.status).toBe('running');
    // starting a runner as a single process (PGlite) fails every job still running
    await new JobRunner(t.ctx, { concurrency: 0, log }).start().then(async () => {
      if (t.ctx.dbKind === 'postgres') await recoverInterruptedJobs(t.ctx, { singleProcess: true });
    });
    expect((await api(t, office.cookie, 'GET', `/api/jobs/${fresh}`)).body).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED' } });
  });

  it('scopes every read and cancel: another county and a colleague without the kind’s permission get 404', async () => {
    const id = await enqueue('test.echo', { n: 1 });
    const mine = await enqueue('test.private');
    const notFound = { code: 'JOB_NOT_FOUND', message: '任务不存在' };
    for (const who of [other, team]) {
      expect(await api(t, who.cookie, 'GET', `/api/jobs/${id}`)).toMatchObject({ status: 404, body: notFound });
      expect(await api(t, who.cookie, 'POST', `/api/jobs/${id}/cancel`)).toMatchObject({ status: 404, body: notFound });
      expect((await api(t, who.cookie, 'GET', '/api/jobs')).body.items.map((j: { id: string }) => j.id)).not.toContain(id);
    }
    // a colleague of the same county with the permission sees and may cancel it; the private kind only its creator
    expect((await api(t, colleague.cookie, 'GET', `/api/jobs/${id}`)).status).toBe(200);
    expect((await api(t, colleague.cookie, 'GET', `/api/jobs/${mine}`)).status).toBe(404);
    expect((await api(t, office.cookie, 'GET', `/api/jobs/${mine}`)).status).toBe(200);
    expect((await api(t, office.cookie, 'GET', '/api/jobs/not-a-uuid')).status).toBe(404);
    expect((await api(t, colleague.cookie, 'POST', `/api/jobs/${id}/cancel`)).body.status).toBe('cancelled');
    expect((await api(t, office.cookie, 'POST', `/api/jobs/${mine}/cancel`)).body.status).toBe('cancelled');
    expect((await api(t, '', 'GET', `/api/jobs/${id}`)).status).toBe(401);
  });

  it('lists the caller’s scope newest first, filtered by kind and status, in pages', async () => {
    const all = await api(t, office.cookie, 'GET', '/api/jobs?pageSize=500');
    expect(all.status).toBe(200);
    const total = all.body.total as number;
    expect(total).toBe(all.body.items.length);
    const page = await api(t, office.cookie, 'GET', '/api/jobs?page=2&pageSize=2');
    expect(page.body.items.map((j: { id: string }) => j.id)).toEqual(all.body.items.slice(2, 4).map((j: { id: string }) => j.id));
    const failed = await api(t, office.cookie, 'GET', '/api/jobs?status=failed&pageSize=500');
    expect(failed.body.items.length).toBeGreaterThanOrEqual(2);
    expect(failed.body.items.every((j: { status: string }) => j.status === 'failed')).toBe(true);
    const echo = await api(t, office.cookie, 'GET', '/api/jobs?kind=test.echo&status=succeeded');
    expect(echo.body.items.length).toBe(echo.body.total);
    expect(echo.body.items.every((j: { kind: string; status: string }) => j.kind === 'test.echo' && j.status === 'succeeded')).toBe(true);
    // the colleague sees the permitted kinds but not the office user's private jobs
    const theirs = await api(t, colleague.cookie, 'GET', '/api/jobs?pageSize=500');
    expect(theirs.body.items.some((j: { kind: string }) => j.kind === 'test.private')).toBe(false);
    expect(theirs.body.total).toBe(all.body.items.filter((j: { kind: string }) => j.kind !== 'test.private').length);
    expect((await api(t, other.cookie, 'GET', '/api/jobs')).body).toEqual({ items: [], total: 0 });
    const bad = await api(t, office.cookie, 'GET', '/api/jobs?status=done');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('任务状态不正确');
  });

  it('documents its routes in OpenAPI under 任务', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths['/api/jobs']?.get?.tags).toEqual(['任务']);
    expect(doc.paths['/api/jobs/{id}']?.get?.tags).toEqual(['任务']);
    expect(doc.paths['/api/jobs/{id}/cancel']?.post?.tags).toEqual(['任务']);
  });

  it('reads its concurrency from XUNCHA_JOB_CONCURRENCY: 1 on PGlite and 2 on PostgreSQL by default', () => {
    expect(loadConfig({}).jobConcurrency).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).jobConcurrency).toBe(2);
    expect(loadConfig({ XUNCHA_JOB_CONCURRENCY: '0' }).jobConcurrency).toBe(0);
    expect(() => loadConfig({ XUNCHA_JOB_CONCURRENCY: '-1' })).toThrow(ConfigError);
  });
});

/**
 * Two runners on one database (on PostgreSQL two app instances, each with its own pool; on PGlite,
 * which one process owns, two runners in it): every job is claimed by exactly one and runs once.
 */
describe('two runners on one database', () => {
  let t: TestApp;
  let second: { ctx: AppContext; close: () => Promise<void> } | null = null;

  beforeAll(async () => {
    t = await createTestApp();
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      // a second instance: its own database handle (pool) on the same database as `t`
      const name = `xuncha_test_${randomBytes(6).toString('hex')}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`create database ${name} template ${PG_TEMPLATE}`);
      await c.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      const a: Database = await openDatabase({ databaseUrl: u.toString(), dataDir: '', purpose: 'test' });
      const b: Database = await openDatabase({ databaseUrl: u.toString(), dataDir: '', purpose: 'test' });
      const base = t.ctx;
      t = { ...t, ctx: { ...base, db: a.db } };
      second = {
        ctx: { ...base, db: b.db },
        close: async () => {
          await a.close();
          await b.close();
          const d = new pg.Client({ connectionString: url });
          await d.connect();
          await d.query(`drop database if exists ${name} with (force)`);
          await d.end();
        },
      };
    }
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('claims distinct jobs with for update skip locked: N jobs, each run exactly once', async () => {
    const ctxA = t.ctx;
    const ctxB = second?.ctx ?? t.ctx;
    const N = 24;
    const now = ctxA.now();
    const ids = (
      await ctxA.db
        .insertInto('jobs')
        .values(Array.from({ length: N }, () => ({ kind: 'test.count', scope_code: '32', created_by: null, payload: '{}', created_at: now })))
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const a = new JobRunner(ctxA, { concurrency: 2, pollMs: 5, id: 'runner-a' });
    const b = new JobRunner(ctxB, { concurrency: 2, pollMs: 5, id: 'runner-b' });
    await Promise.all([a.start(), b.start()]);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const left = await ctxA.db.selectFrom('jobs').select('id').where('id', 'in', ids).where('status', 'in', ['queued', 'running']).execute();
      if (left.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${left.length} jobs did not finish`);
      await sleep(20);
    }
    await Promise.all([a.stop(), b.stop()]);
    const rows = await ctxA.db.selectFrom('jobs').select(['id', 'status', 'claimed_by', 'attempt', 'result']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'succeeded' && r.attempt === 1)).toBe(true);
    expect(ids.map((id) => counted.get(id))).toEqual(ids.map(() => 1));
    expect(rows.every((r) => (r.result as { by: string }).by === r.id)).toBe(true);
    const byRunner = new Set(rows.map((r) => r.claimed_by));
    expect(byRunner).toEqual(new Set(['runner-a', 'runner-b']));
  });

  it('a runner stopping asks its handlers to stop and fails their jobs as interrupted', async () => {
    const [row] = await t.ctx.db
      .insertInto('jobs')
      .values({ kind: 'test.count', scope_code: '32', created_by: null, payload: '{}', created_at: t.ctx.now() })
      .returning('id')
      .execute();
    const r = new JobRunner(t.ctx, { concurrency: 1, pollMs: 5, id: 'runner-stop' });
    await r.start();
    // the count handler sleeps, then checks the signal: stop() aborts it
    await sleep(5);
    for (let i = 0; i < 100 && r.activeCount === 0; i++) await sleep(2);
    await r.stop();
    const job = await t.ctx.db.selectFrom('jobs').select(['status', 'error_code', 'error_message']).where('id', '=', row!.id).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'failed', error_code: 'JOB_INTERRUPTED', error_message: '服务停止，任务中断，请重新运行' });
  });
});
