import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../test/harness';

const T0 = new Date('2026-11-22T02:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('login, sessions, second factor and lock-out', () => {
  let t: TestApp;
  let admin: string;
  let officeOrg: string;

  beforeAll(async () => {
    t = await createTestApp({ now: T0 });
    admin = await t.login('admin');
    officeOrg = (await api(t, admin, 'GET', '/api/auth/me')).body.org.id;
  });
  afterAll(async () => t.close());

  const login = (username: string, password: string, totp?: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });

  async function newUser(username: string, password = 'Passw0rd!x') {
    const r = await api(t, admin, 'POST', '/api/access/users', { username, displayName: username, orgId: officeOrg, roles: ['office'], password });
    expect(r.status).toBe(201);
    await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', r.body.user.id).execute();
    return r.body.user.id as string;
  }

  it('sets an http-only session cookie and answers /me', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'xuncha_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await api(t, `xuncha_session=${cookie.value}`, 'GET', '/api/auth/me');
    expect(me.body).toMatchObject({ username: 'admin', roles: ['admin', 'office'], org: { kind: 'office', scopeCode: '' } });
    expect(me.body.permissions).toContain('access.manage');
  });

  it('stores passwords as argon2id and never returns them', async () => {
    const row = await t.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const users = await api(t, admin, 'GET', '/api/access/users');
    expect(JSON.stringify(users.body)).not.toContain('argon2');
  });

  it('rejects wrong passwords and unknown users alike', async () => {
    const wrong = await login('admin', 'nope');
    const unknown = await login('nobody', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().message).toBe('用户名或密码错误');
  });

  it('delays after repeated failures and locks after ten', async () => {
    await newUser('victim');
    t.setNow(at(0));
    for (let i = 0; i < 3; i++) expect((await login('victim', 'bad')).statusCode).toBe(401);
    // fourth attempt right away: throttled with the wait in seconds, and the password is not even checked
    const throttled = await login('victim', 'Passw0rd!x');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().message).toMatch(/请 1 秒后再试/);
    expect(throttled.headers['retry-after']).toBe('1');
    let s = 0;
    for (let i = 3; i < 9; i++) {
      s += 120;
      t.setNow(at(s));
      expect((await login('victim', 'bad')).statusCode).toBe(401);
    }
    s += 120;
    t.setNow(at(s));
    const tenth = await login('victim', 'bad');
    expect(tenth.statusCode).toBe(423);
    t.setNow(at(s + 60));
    const locked = await login('victim', 'Passw0rd!x');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toContain('14 分钟');
    t.setNow(at(s + 16 * 60));
    expect((await login('victim', 'Passw0rd!x')).statusCode).toBe(200);
    t.setNow(T0);
  });

  it('an administrator can unlock by resetting the password, which must then be changed', async () => {
    const id = await newUser('forgetful');
    t.setNow(at(0));
    for (let i = 0; i < 10; i++) {
      t.setNow(at(i * 200));
      await login('forgetful', 'bad');
    }
    expect((await login('forgetful', 'Passw0rd!x')).statusCode).toBe(423);
    const reset = await api(t, admin, 'POST', `/api/access/users/${id}/reset-password`);
    expect(reset.body.initialPassword).toHaveLength(16);
    const res = await login('forgetful', reset.body.initialPassword);
    expect(res.statusCode).toBe(200);
    const cookie = `xuncha_session=${res.cookies.find((c) => c.name === 'xuncha_session')!.value}`;
    const blocked = await api(t, cookie, 'GET', '/api/registry/villages');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: '首次登录或密码已重置，请先修改密码' });
    const weak = await api(t, cookie, 'POST', '/api/auth/password', { currentPassword: reset.body.initialPassword, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toContain('至少 8 位');
    const ok = await api(t, cookie, 'POST', '/api/auth/password', { currentPassword: reset.body.initialPassword, newPassword: 'N3w-Passw0rd' });
    expect(ok.status).toBe(200);
    expect((await api(t, cookie, 'GET', '/api/registry/villages')).status).toBe(200);
    t.setNow(T0);
  });

  it('requires the TOTP code once enabled', async () => {
    await newUser('careful');
    const cookie = await t.login('careful', 'Passw0rd!x');
    const setup = await api(t, cookie, 'POST', '/api/auth/totp/setup');
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await api(t, cookie, 'POST', '/api/auth/totp/enable', { code: '000000' })).status).toBe(401);
    const code = generateSync({ secret: setup.body.secret });
    expect((await api(t, cookie, 'GET', '/api/auth/me')).body.totpEnabled).toBe(false);
    expect((await api(t, cookie, 'POST', '/api/auth/totp/enable', { code })).status).toBe(200);
    expect((await api(t, cookie, 'GET', '/api/auth/me')).body.totpEnabled).toBe(true);

    const noCode = await login('careful', 'Passw0rd!x');
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    expect((await login('careful', 'Passw0rd!x', '123456')).json().code).toBe('TOTP_INVALID');
    const ok = await login('careful', 'Passw0rd!x', generateSync({ secret: setup.body.secret }));
    expect(ok.statusCode).toBe(200);
  });

  it('expires sessions after the idle time and on logout', async () => {
    t.setNow(T0);
    const cookie = await t.login('admin');
    t.setNow(at(11 * 3600));
    expect((await api(t, cookie, 'GET', '/api/auth/me')).status).toBe(200); // slides the expiry
    t.setNow(at(22 * 3600));
    expect((await api(t, cookie, 'GET', '/api/auth/me')).status).toBe(200);
    t.setNow(at(35 * 3600)); // idle 13 h > 12 h
    expect((await api(t, cookie, 'GET', '/api/auth/me')).status).toBe(401);
    t.setNow(T0);
    const c2 = await t.login('admin');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c2 } });
    expect((await api(t, c2, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('disabling a user ends their sessions', async () => {
    const id = await newUser('leaver');
    const cookie = await t.login('leaver', 'Passw0rd!x');
    expect((await api(t, admin, 'PATCH', `/api/access/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await api(t, cookie, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await login('leaver', 'Passw0rd!x')).json().code).toBe('ACCOUNT_DISABLED');
  });

  it('a disabled organisation signs its users out and refuses their login', async () => {
    const org = await api(t, admin, 'POST', '/api/access/organisations', { kind: 'office', name: '将撤销的巡察办', scopeCode: '3204' });
    const u = await api(t, admin, 'POST', '/api/access/users', { username: 'orgleaver', displayName: 'x', orgId: org.body.id, roles: ['office'], password: 'Passw0rd!x' });
    await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', u.body.user.id).execute();
    const cookie = await t.login('orgleaver', 'Passw0rd!x');
    expect((await api(t, admin, 'PATCH', `/api/access/organisations/${org.body.id}`, { disabled: true })).status).toBe(200);
    expect((await api(t, cookie, 'GET', '/api/auth/me')).status).toBe(401);
    const again = await login('orgleaver', 'Passw0rd!x');
    expect(again.statusCode).toBe(403);
    expect(again.json()).toEqual({ code: 'ACCOUNT_DISABLED', message: '所属组织已停用，请联系管理员' });
  });

  it('refuses roles that do not fit the organisation, and duplicate usernames', async () => {
    const bad = await api(t, admin, 'POST', '/api/access/users', { username: 'oddrole', displayName: 'x', orgId: officeOrg, roles: ['discipline'], password: 'Passw0rd!x' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('纪检监察人员');
    const dup = await api(t, admin, 'POST', '/api/access/users', { username: 'ADMIN', displayName: 'x', orgId: officeOrg, roles: ['office'], password: 'Passw0rd!x' });
    expect(dup.status).toBe(409);
    const badName = await api(t, admin, 'POST', '/api/access/users', { username: '张三', displayName: 'x', orgId: officeOrg, roles: ['office'] });
    expect(badName.status).toBe(400);
    expect(badName.body.code).toBe('VALIDATION_FAILED');
  });

  it('a county office created under the root sees only its county', async () => {
    const office = await api(t, admin, 'POST', '/api/access/organisations', { kind: 'office', name: '某县巡察办', scopeCode: '510181' });
    expect(office.status).toBe(201);
    const town = await api(t, admin, 'POST', '/api/access/organisations', { kind: 'town', name: '镇', scopeCode: '51018110' });
    expect(town.status).toBe(400);
    const u = await api(t, admin, 'POST', '/api/access/users', { username: 'countyadmin', displayName: 'x', orgId: office.body.id, roles: ['admin', 'office'], password: 'Passw0rd!x' });
    await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', u.body.user.id).execute();
    const c = await t.login('countyadmin', 'Passw0rd!x');
    const orgs = await api(t, c, 'GET', '/api/access/organisations');
    expect(orgs.body.items.map((o: { scopeCode: string }) => o.scopeCode).every((s: string) => s.startsWith('510181'))).toBe(true);
    const outside = await api(t, c, 'POST', '/api/access/organisations', { kind: 'office', name: '别县', scopeCode: '320481' });
    expect(outside.status).toBe(403);
    const users = await api(t, c, 'GET', '/api/access/users');
    expect(users.body.items.map((x: { username: string }) => x.username)).toEqual(['countyadmin']);
  });
});

describe('per-address login rate limit', () => {
  it('answers 429 in Chinese past the configured rate, whatever the account', async () => {
    const t = await createTestApp({ env: { XUNCHA_LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `user${i}`, password: 'x' } });
        codes.push(r.statusCode);
        if (r.statusCode === 429) expect(r.json().message).toBe('请求过于频繁，请稍后再试');
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
