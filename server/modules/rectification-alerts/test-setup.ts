/**
 * The alerts test world: the rectification items world with feedback recorded and items generated
 * (v1's two findings and the town-level one in town A, villageB's in the other town), each put in
 * progress with a due date chosen by the test.
 */
import { api } from '../../test/fixtures';
import { createRectificationWorld, recordFeedback, type RectificationWorld } from '../rectification/test-setup';

export interface AlertsWorld extends RectificationWorld {
  /** item ids: a and a2 on v1, town = the town-level one (town A), b = villageB's (the other town) */
  a: string;
  a2: string;
  townItem: string;
  b: string;
  userId: (username: string) => Promise<string>;
  /** puts the item in progress with this deadline (= due date) */
  due: (itemId: string, dueOn: string, status?: string) => Promise<void>;
  /** moves the services' clock to 10:00 China time on a date (sessions kept alive across the jump) */
  setDate: (date: string) => Promise<void>;
}

export async function createAlertsWorld(): Promise<AlertsWorld> {
  const w = await createRectificationWorld();
  const { t } = w;
  await recordFeedback(t, w.roundId, w.townTarget, null);
  await recordFeedback(t, w.roundId, w.townTarget, w.v1);
  await recordFeedback(t, w.roundId, w.targetB, null);
  const gen = await api(t, w.office, 'POST', `/api/rectification/rounds/${w.roundId}/generate-items`);
  if (gen.status !== 200) throw new Error(`generate: ${JSON.stringify(gen.body)}`);
  const rows = await t.ctx.db.selectFrom('rectification_items').select(['id', 'finding_id', 'village_code']).orderBy('number').execute();
  const byFinding = (f: string) => rows.find((r) => r.finding_id === f)!.id;
  const [a, a2] = rows.filter((r) => r.village_code === w.v1).map((r) => r.id);
  return {
    ...w,
    a: a!,
    a2: a2!,
    townItem: byFinding(w.townLevel),
    b: byFinding(w.findingB),
    userId: async (username) => (await t.ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id,
    due: async (itemId, dueOn, status = 'in_progress') => {
      await t.ctx.db.updateTable('rectification_items').set({ status, measures: '整改措施', started_on: '2026-11-25', deadline: dueOn, due_on: dueOn, kind: 'limited' }).where('id', '=', itemId).execute();
    },
    setDate: async (date) => {
      const now = new Date(`${date}T02:00:00Z`);
      t.setNow(now);
      await t.ctx.db.updateTable('sessions').set({ last_seen_at: now, expires_at: new Date(now.getTime() + 24 * 3600_000) }).execute();
    },
  };
}
