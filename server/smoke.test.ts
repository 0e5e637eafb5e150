import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test/harness';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('health', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.json()).toMatchObject({ status: 'ok' });
  });
  it('login and import', async () => {
    const cookie = await t.login('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/registry/divisions/import', headers: { cookie }, payload: { county: '510181' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ towns: { total: 11 }, villages: { total: 166 } });
    const v = await t.app.inject({ url: '/api/registry/villages?county=510181&q=sb', headers: { cookie } });
    console.log(v.json());
  });
});
