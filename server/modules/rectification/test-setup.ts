/**
 * The rectification items test world: the reports world (office, teams A and B, leading group, the
 * town of team A's town target with villages v1 and v2 and three approved findings, a draft, a
 * department) plus discipline and organisation users, a user of another town, a town-level approved
 * finding (flagged immediate) on the town target and an approved finding on team B's village target.
 * Feedback is recorded directly in `feedbacks` (the reports routes are tested elsewhere).
 */
import type { TestApp } from '../../test/harness';
import { townUser } from '../../test/fixtures';
import { COUNTY, orgUser } from '../../test/world';
import { createReportsWorld, insertFinding, type ReportsWorld } from '../reports/test-setup';

export { PNG, PDF } from '../inspections/test-setup';

export interface RectificationWorld extends ReportsWorld {
  discipline: string;
  organization: string;
  /** a user of the town over villageB */
  otherTown: string;
  townBCode: string;
  targetB: string;
  townLevel: string;
  findingB: string;
}

export async function recordFeedback(t: TestApp, roundId: string, targetId: string, villageCode: string | null) {
  await t.ctx.db.insertInto('feedbacks').values({ round_id: roundId, target_id: targetId, village_code: villageCode, fed_back_on: '2026-11-20', updated_at: new Date() }).execute();
}

export async function createRectificationWorld(): Promise<RectificationWorld> {
  const w = await createReportsWorld();
  const { t } = w;
  const discipline = (await orgUser(t, w.admin, 'discipline', COUNTY, 'jiwei', ['discipline'])).cookie;
  const organization = (await orgUser(t, w.admin, 'organization', COUNTY, 'zuzhi', ['organization'])).cookie;
  const townBCode = w.villageB.slice(0, 9);
  const otherTown = (await townUser(t, w.admin, townBCode, 'townb')).cookie;
  const townLevel = await insertFinding(t, { roundId: w.roundId, targetId: w.townTarget, inspectionId: null, village: null, town: w.townA, status: 'approved', title: '镇党委督促指导不力' });
  await t.ctx.db.updateTable('findings').set({ immediate: true }).where('id', '=', townLevel).execute();
  const targetB = (await t.ctx.db.selectFrom('village_inspections').select('target_id').where('id', '=', w.inspB).executeTakeFirstOrThrow()).target_id;
  const findingB = await insertFinding(t, { roundId: w.roundId, targetId: targetB, inspectionId: w.inspB, village: w.villageB, town: townBCode, status: 'approved', title: '村务公开不及时' });
  return { ...w, discipline, organization, otherTown, townBCode, targetB, townLevel, findingB };
}
