import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { createWorld, insertInspection, insertRound, setHouseholds, talk, villages, type World } from './test-setup';

describe("a round's completion conditions: share of households to visit, talks with the 三老 and 两低", () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(async () => w.t.close());

  it('the quota and the talk rule follow the round', async () => {
    const pool = await villages(w.t);
    const strict = await insertRound(w.t, { number: 7 });
    await w.t.ctx.db
      .updateTable('rounds')
      .set({ completion_policy: JSON.stringify({ visits: { householdPercent: 25 }, requireTalkCoverage: true }) })
      .where('id', '=', strict)
      .execute();
    const team = await w.t.ctx.db.insertInto('teams').values({ round_id: strict, org_id: w.teamAOrg, name: '第一巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const village = pool[40]!;
    await setHouseholds(w.t, village, 41);
    const { inspectionId } = await insertInspection(w.t, { roundId: strict, village, teamId: team.id });
    await api(w.t, w.teamA, 'POST', `/api/inspections/${inspectionId}/records`, talk('2026-11-02', '王大爷', ['old_party_member']));
    const ws = (await api(w.t, w.teamA, 'GET', `/api/inspections/${inspectionId}`)).body;
    expect(ws.visits).toEqual({ visited: 0, quota: 11, percent: 25 }); // ⌈41 × 25%⌉
    expect(ws.talkCoverageRequired).toBe(true);
    expect(ws.blockers).toContain('“三老”尚未谈到：老干部、老军人');
    expect(ws.blockers.some((b: string) => b.startsWith('“两低”尚未谈到'))).toBe(true);

    // the world's own round keeps the defaults: 10%, talks not required
    const plain = (await api(w.t, w.teamA, 'GET', `/api/inspections/${w.inspA}`)).body;
    expect(plain.visits.percent).toBe(10);
    expect(plain.talkCoverageRequired).toBe(false);
    expect(plain.blockers.some((b: string) => b.includes('三老'))).toBe(false);
  });

  it('the office sets them on the round while it is in 准备, and not after', async () => {
    const created = await api(w.t, w.office, 'POST', '/api/planning/rounds', {
      number: 8,
      year: 2026,
      startDate: '2026-12-01',
      endDate: '2026-12-31',
      completionPolicy: { visits: { householdPercent: 15 }, requireTalkCoverage: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.completionPolicy).toEqual({ visits: { householdPercent: 15 }, requireTalkCoverage: true });
    const body = (policy: unknown) => ({ number: 8, year: 2026, theme: '改主题', startDate: '2026-12-01', endDate: '2026-12-31', completionPolicy: policy });
    const bad = await api(w.t, w.office, 'PUT', `/api/planning/rounds/${created.body.id}`, body({ visits: { householdPercent: 0 } }));
    expect(bad.status).toBe(400);
    await w.t.ctx.db.updateTable('rounds').set({ phase: 'entry' }).where('id', '=', created.body.id).execute();
    const locked = await api(w.t, w.office, 'PUT', `/api/planning/rounds/${created.body.id}`, body({ visits: { householdPercent: 20 }, requireTalkCoverage: true }));
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('ROUND_LOCKED');
    // the theme alone may still change when the policy is sent back unchanged
    const theme = await api(w.t, w.office, 'PUT', `/api/planning/rounds/${created.body.id}`, body({ visits: { householdPercent: 15 }, requireTalkCoverage: true }));
    expect(theme.status, JSON.stringify(theme.body)).toBe(200);
    expect(theme.body.theme).toBe('改主题');
  });
});
