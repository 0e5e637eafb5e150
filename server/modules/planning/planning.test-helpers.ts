/** Helpers shared by the planning tests: users of any organisation kind, and shortcuts over the API. */
import { expect } from 'vitest';
import { api } from '../../test/fixtures';
import type { TestApp } from '../../test/harness';

export const COUNTY = '320481'; // 溧阳市
export const TOWN_DAITOU = '320481101'; // 埭头镇 (8 villages)
export const TOWN_SHANGHUANG = '320481102'; // 上黄镇 (9 villages)
export const V_DAIXI = '320481101200'; // 埭西村
export const V_DAITOU = '320481101201'; // 埭头村
export const V_YUJIABA = '320481101202'; // 余家坝村
export const V_POWEI = '320481102200'; // 坡圩村
export const V_SHUIMUSHAN = '320481102201'; // 水母山村
export const V_XUXI = '320481102202'; // 浒西村

const PASSWORD = 'Plan@12345x';

/** An organisation of `kind` with one user in it (no forced password change); returns the cookie. */
export async function orgUser(t: TestApp, admin: string, kind: string, scopeCode: string, username: string, roles: string[]) {
  const org = await api(t, admin, 'POST', '/api/access/organisations', { kind, name: `${username}单位`, scopeCode });
  if (org.status !== 201) throw new Error(`org: ${JSON.stringify(org.body)}`);
  const user = await api(t, admin, 'POST', '/api/access/users', { username, displayName: username, orgId: org.body.id, roles, password: PASSWORD });
  if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`);
  await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
  return { cookie: await t.login(username, PASSWORD), orgId: org.body.id as string };
}

export async function ok<T extends { status: number; body: unknown }>(p: Promise<T>, status = 200): Promise<T['body']> {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/** Every village inspection of a round gets one checklist item (what the checklists area would generate). */
export async function giveChecklists(t: TestApp, roundId: string) {
  const rows = await t.ctx.db.selectFrom('village_inspections').select('id').where('round_id', '=', roundId).execute();
  for (const r of rows) {
    await t.ctx.db.insertInto('inspection_checklist_items').values({ inspection_id: r.id, source: 'common', aspect: '党的领导', title: '三会一课', manifestations: '[]' }).execute();
  }
}

export async function setInspectionStatus(t: TestApp, roundId: string, villageCode: string | null, status: string, completedAt: Date | null = null) {
  let q = t.ctx.db.updateTable('village_inspections').set({ status, completed_at: completedAt }).where('round_id', '=', roundId);
  if (villageCode) q = q.where('village_code', '=', villageCode);
  await q.execute();
}
