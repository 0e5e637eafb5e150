import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, idNumber, importCounty, townUser } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { verifyAuditChain } from './audit.service';

describe('audit log: every write, hash-chained, scoped', () => {
  let t: TestApp;
  let admin: string;
  let cadreId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    await importCounty(t, admin, '510181');
    const c = await api(t, admin, 'POST', '/api/registry/villages/510181103222/cadres', {
      name: '陈立新',
      idNumber: idNumber('510181', '19690909', 19),
      positions: ['书记'],
    });
    cadreId = c.body.id;
    await api(t, admin, 'PUT', `/api/registry/cadres/${cadreId}`, { name: '陈立新', idNumber: idNumber('510181', '19690909', 19), positions: ['书记', '主任'] });
  });
  afterAll(async () => t.close());

  it('stores actor, action, entity, before and after for a write', async () => {
    const r = await api(t, admin, 'GET', `/api/access/audit?entity=registry.cadre&entityId=${cadreId}`);
    expect(r.body.total).toBe(2);
    const [update, create] = r.body.items;
    expect(create).toMatchObject({ action: 'create', actorName: '系统管理员', scopeCode: '510181103222', before: null });
    expect(create.after.positions).toEqual(['书记']);
    expect(update).toMatchObject({ action: 'update' });
    expect(update.before.positions).toEqual(['书记']);
    expect(update.after.positions).toEqual(['书记', '主任']);
  });

  it('filters by actor and action, paginates, and is scoped to the reader', async () => {
    const byAction = await api(t, admin, 'GET', '/api/access/audit?action=update&pageSize=5');
    expect(byAction.body.items.every((i: { action: string }) => i.action === 'update')).toBe(true);
    const page2 = await api(t, admin, 'GET', '/api/access/audit?page=2&pageSize=10');
    expect(page2.body.items).toHaveLength(10);
    const office = await api(t, admin, 'POST', '/api/access/organisations', { kind: 'office', name: '别处巡察办', scopeCode: '510182' });
    const u = await api(t, admin, 'POST', '/api/access/users', { username: 'other', displayName: 'other', orgId: office.body.id, roles: ['office'], password: 'Passw0rd!x' });
    await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', u.body.user.id).execute();
    const other = await t.login('other', 'Passw0rd!x');
    const seen = await api(t, other, 'GET', '/api/access/audit?pageSize=500');
    expect(seen.body.items.every((i: { scopeCode: string }) => i.scopeCode.startsWith('510182'))).toBe(true);
    expect(JSON.stringify(seen.body)).not.toContain('陈立新');
  });

  it('verifies an intact chain', async () => {
    const r = await verifyAuditChain(t.ctx.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThan(180);
  });

  it('detects an edited entry', async () => {
    const target = await t.ctx.db.selectFrom('audit_log').select('seq').where('entity_id', '=', cadreId).orderBy('seq').executeTakeFirstOrThrow();
    await sql`update audit_log set after = jsonb_set(after, '{name}', '"别人"') where seq = ${target.seq}`.execute(t.ctx.db);
    const r = await verifyAuditChain(t.ctx.db);
    expect(r).toMatchObject({ ok: false, brokenAt: target.seq });
    expect(r.problem).toContain('篡改');
    await sql`update audit_log set after = jsonb_set(after, '{name}', '"陈立新"') where seq = ${target.seq}`.execute(t.ctx.db);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    await townUser(t, admin, '510181103', 'auditor1'); // more rows after
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const middle = rows[Math.floor(rows.length / 2)]!;
    await t.ctx.db.deleteFrom('audit_log').where('seq', '=', middle.seq).execute();
    const r = await verifyAuditChain(t.ctx.db);
    expect(r).toMatchObject({ ok: false, brokenAt: rows[Math.floor(rows.length / 2) + 1]!.seq });
    await t.ctx.db
      .insertInto('audit_log')
      .values({ ...middle, before: middle.before === null ? null : JSON.stringify(middle.before), after: middle.after === null ? null : JSON.stringify(middle.after) })
      .execute();
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    const last = rows.at(-1)!;
    await t.ctx.db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
    const end = await verifyAuditChain(t.ctx.db);
    expect(end.ok).toBe(false);
    expect(end.problem).toContain('末尾');
  });

  it('the API reports verification to the office', async () => {
    const r = await api(t, admin, 'GET', '/api/access/audit/verify');
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
  });
});
