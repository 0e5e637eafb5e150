import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { latestMigration } from './db/migrations';
import { createTestApp, type TestApp } from './test/harness';

describe('contract points', () => {
  let t: TestApp;
  const routes: { method: string; url: string }[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    t.app.printRoutes(); // routes are known once ready
  });
  afterAll(async () => t.close());

  it('health reports the database and migration', async () => {
    const r = await t.app.inject('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: t.ctx.dbKind, migration: latestMigration });
  });

  it('OpenAPI 3 lists every API route', async () => {
    const r = await t.app.inject('/api/docs/json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    // every route file of every module
    const modules = new URL('./modules/', import.meta.url);
    const files = (fs.readdirSync(modules, { recursive: true }) as string[]).filter((f) => f.endsWith('.routes.ts'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    const source = files.map((f) => fs.readFileSync(new URL(f, modules), 'utf8')).join('\n');
    for (const m of source.matchAll(/app\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
      routes.push({ method: m[1]!.toUpperCase(), url: m[2]!.replace(/:(\w+)/g, '{$1}') });
    }
    expect(routes.length).toBeGreaterThan(60);
    for (const r of routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
    expect(documented).toContain('GET /api/health');
    const docs = await t.app.inject('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('unknown API routes answer a Chinese 404', async () => {
    const r = await t.app.inject('/api/nope');
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toContain('接口不存在');
  });

  it('bad JSON input answers 400 naming the field', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(r.json().message).toContain('password');
  });

  it("a schema's own Chinese reason reaches the user, also for optional identifiers", async () => {
    const cookie = await t.login('admin');
    const bad = '11010519491231002Y';
    const r = await t.app.inject({ method: 'POST', url: '/api/planning/people', headers: { cookie }, payload: { name: '', idNumber: bad } });
    expect(r.statusCode).toBe(400);
    const details = r.json().details as { path: string; message: string }[];
    expect(details.find((d) => d.path.endsWith('name'))?.message).toBe('请填写姓名');
    expect(details.find((d) => d.path.endsWith('idNumber'))?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(details)).not.toMatch(/Invalid input/);
  });
});
