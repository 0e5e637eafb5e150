/** Helpers shared by the planning tests: users of any organisation kind, and shortcuts over the API. */
import { expect } from 'vitest';
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

export { orgUser } from '../../test/world';

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
