import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, upload } from '../../test/fixtures';
import { orgUser } from '../../test/world';
import { createPlansWorld, PNG, setTownFeedback, type PlansWorld } from './test-setup';

let w: PlansWorld;
beforeAll(async () => {
  w = await createPlansWorld();
});
afterAll(async () => {
  await w?.t.close();
});

const base = () => `/api/rectification/plans/rounds/${w.roundId}`;
const townA = () => `${base()}/towns/${w.townA}`;
/** Moves the clock; sessions idle out across such jumps, so everybody logs in again. */
async function at(d: string) {
  w.t.setNow(new Date(`${d}T02:00:00Z`));
  w.office = await w.t.login('office1', 'Work@12345');
  w.town = await w.t.login('towna', 'Town@12345');
  w.townBUser = await w.t.login('townb', 'Town@12345');
  w.discipline = await w.t.login('jiwei', 'Work@12345');
  w.organization = await w.t.login('zuzhibu', 'Work@12345');
  w.teamA = await w.t.login('teama', 'Work@12345');
  w.teamB = await w.t.login('teamb', 'Work@12345');
  w.admin = await w.t.login('admin');
}

async function auditCount(entity: string, action?: string) {
  let q = w.t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('entity', '=', entity);
  if (action) q = q.where('action', '=', action);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('rectification plans', () => {
  it('lists the towns of the round for the office, only its own town for a town, and the round in the picker', async () => {
    const office = await api(w.t, w.office, 'GET', `${base()}/towns`);
    expect(office.status).toBe(200);
    expect(office.body.items.map((t: { townCode: string }) => t.townCode).sort()).toEqual([w.townA, w.townB].sort());
    const a = office.body.items.find((t: { townCode: string }) => t.townCode === w.townA);
    expect(a.plan.status).toBe('drafting');
    expect(a.villages).toEqual({ total: 3, fedBack: 0 });
    expect(a.report).toBeNull(); // no feedback yet: no clock

    const mine = await api(w.t, w.town, 'GET', `${base()}/towns`);
    expect(mine.body.items.map((t: { townCode: string }) => t.townCode)).toEqual([w.townA]);
    const rounds = await api(w.t, w.town, 'GET', '/api/rectification/plans/rounds');
    expect(rounds.body.items.map((r: { id: string }) => r.id)).toEqual([w.roundId]);
    // a department sees nothing of it
    expect((await api(w.t, w.department, 'GET', `${base()}/towns`)).status).toBe(404);
  });

  it('refuses a plan before the team has fed back to the town, saying why', async () => {
    const r = await api(w.t, w.town, 'PUT', `${townA()}/plan`, { content: '整改方案正文' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('RECTIFICATION_PLAN_TRANSITION_NOT_ALLOWED');
    expect(r.body.message).toContain('尚未向');
    const detail = await api(w.t, w.town, 'GET', townA());
    expect(detail.body.blocked).toContain('反馈登记后');
    expect(detail.body.plan.actions).toEqual([]);
  });

  it('runs submit → one party returns → resubmit → all three accept', async () => {
    await setTownFeedback(w, '2026-11-25');
    await at('2026-12-01');
    const empty = await api(w.t, w.town, 'POST', `${townA()}/plan/submit`);
    expect(empty.status).toBe(409);
    expect(empty.body.message).toContain('内容为空');

    const saved = await api(w.t, w.town, 'PUT', `${townA()}/plan`, { content: '一、总体要求……二、整改措施……' });
    expect(saved.status).toBe(200);
    expect(saved.body.plan.actions).toEqual(['edit', 'submit']);
    const file = await upload(w.t, w.town, `${townA()}/plan/attachments`, '整改方案.png', PNG);
    expect(file.status).toBe(201);
    // the file is readable by the town and the office, not by another town
    expect((await w.t.app.inject({ method: 'GET', url: `/api/rectification/plans/files/${file.body.id}`, headers: { cookie: w.town } })).statusCode).toBe(200);
    expect((await w.t.app.inject({ method: 'GET', url: `/api/rectification/plans/files/${file.body.id}`, headers: { cookie: w.office } })).statusCode).toBe(200);
    expect((await w.t.app.inject({ method: 'GET', url: `/api/rectification/plans/files/${file.body.id}`, headers: { cookie: w.townBUser } })).statusCode).toBe(404);

    const sub = await api(w.t, w.town, 'POST', `${townA()}/plan/submit`);
    expect(sub.status).toBe(200);
    expect(sub.body.plan).toMatchObject({ status: 'submitted', submissionNo: 1, submittedOn: '2026-12-01', actions: [] });
    expect(sub.body.plan.pending.map((p: { reviewer: string }) => p.reviewer)).toEqual(['office', 'discipline', 'organization']);
    // no editing while under review
    expect((await api(w.t, w.town, 'PUT', `${townA()}/plan`, { content: '再改' })).status).toBe(409);

    const seen = await api(w.t, w.discipline, 'GET', townA());
    expect(seen.body.plan.actions).toEqual(['accept', 'return']);
    expect(seen.body.plan.reviewerAs).toBe('discipline');

    const ok1 = await api(w.t, w.office, 'POST', `${townA()}/plan/review`, { decision: 'accepted' });
    expect(ok1.body.plan.status).toBe('submitted');
    expect((await api(w.t, w.office, 'POST', `${townA()}/plan/review`, { decision: 'accepted' })).body.message).toContain('已审核');
    const noComment = await api(w.t, w.discipline, 'POST', `${townA()}/plan/review`, { decision: 'returned' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.message).toContain('退回须填写审核意见');
    const back = await api(w.t, w.discipline, 'POST', `${townA()}/plan/review`, { decision: 'returned', comment: '问题整改时限不明确' });
    expect(back.status).toBe(200);
    expect(back.body.plan.status).toBe('returned');
    expect(back.body.plan.reviews.map((r: { reviewerName: string; decisionName: string; comment: string }) => [r.reviewerName, r.decisionName, r.comment])).toEqual([
      ['巡察办', '通过', ''],
      ['纪委监委', '退回修改', '问题整改时限不明确'],
    ]);
    // the returned submission's review is over for the third party
    expect((await api(w.t, w.organization, 'POST', `${townA()}/plan/review`, { decision: 'accepted' })).status).toBe(409);
    // a team and a town are no joint reviewers
    expect((await api(w.t, w.teamA, 'POST', `${townA()}/plan/review`, { decision: 'accepted' })).status).toBe(403);

    expect((await api(w.t, w.town, 'PUT', `${townA()}/plan`, { content: '一、总体要求……二、整改措施（明确时限）……' })).status).toBe(200);
    const again = await api(w.t, w.town, 'POST', `${townA()}/plan/submit`);
    expect(again.body.plan).toMatchObject({ status: 'submitted', submissionNo: 2, reviews: [] });
    for (const [who, expected] of [
      [w.organization, 'submitted'],
      [w.discipline, 'submitted'],
      [w.office, 'accepted'],
    ] as const) {
      const r = await api(w.t, who, 'POST', `${townA()}/plan/review`, { decision: 'accepted', comment: '同意' });
      expect(r.status).toBe(200);
      expect(r.body.plan.status).toBe(expected);
    }
    const done = await api(w.t, w.town, 'GET', townA());
    expect(done.body.plan).toMatchObject({ status: 'accepted', acceptedOn: '2026-12-01', actions: [] });
    expect(done.body.plan.history).toHaveLength(5);
    expect((await api(w.t, w.office, 'POST', `${townA()}/plan/review`, { decision: 'returned', comment: '再看看' })).status).toBe(409);

    expect(await auditCount('rectification.plan', 'submit')).toBe(2);
    expect(await auditCount('rectification.plan_review', 'accept')).toBe(4);
    expect(await auditCount('rectification.plan_review', 'return')).toBe(1);
    expect(await auditCount('files.attachment', 'create')).toBeGreaterThanOrEqual(1);
  });

  it('keeps another town out: 404 for reading and writing town A', async () => {
    expect((await api(w.t, w.townBUser, 'GET', townA())).status).toBe(404);
    expect((await api(w.t, w.townBUser, 'PUT', `${townA()}/plan`, { content: 'x' })).status).toBe(404);
    expect((await api(w.t, w.townBUser, 'POST', `${townA()}/plan/submit`)).status).toBe(404);
    expect((await api(w.t, w.townBUser, 'PUT', `${townA()}/villages/${w.v1}/feedback`, { feedbackOn: '2026-12-01', content: 'x' })).status).toBe(404);
    // and town A may not write town B's plan, though the office sees both
    expect((await api(w.t, w.town, 'GET', `${base()}/towns/${w.townB}`)).status).toBe(404);
    expect((await api(w.t, w.office, 'GET', `${base()}/towns/${w.townB}`)).status).toBe(200);
    // the office sees but does not write a town's plan
    expect((await api(w.t, w.office, 'PUT', `${townA()}/plan`, { content: 'x' })).status).toBe(403);
  });

  it('computes the report due date from the setting with due-soon and overdue on a fixed clock', async () => {
    const flag = async () => (await api(w.t, w.office, 'GET', `${base()}/towns`)).body.items.find((t: { townCode: string }) => t.townCode === w.townA).report;
    await at('2026-12-01');
    expect(await flag()).toMatchObject({ dueOn: '2027-01-25', flag: 'ok', flagName: '正常' });
    await at('2027-01-15');
    expect(await flag()).toMatchObject({ dueOn: '2027-01-25', daysLeft: 10, flag: 'due_soon', flagName: '即将到期' });
    await at('2027-01-26');
    expect(await flag()).toMatchObject({ daysLeft: -1, flag: 'overdue', flagName: '已逾期' });

    // the office may change the months; nobody else
    expect((await api(w.t, w.town, 'PUT', '/api/rectification/plans/settings', { reportMonths: 3 })).status).toBe(403);
    expect((await api(w.t, w.office, 'PUT', '/api/rectification/plans/settings', { reportMonths: 0 })).status).toBe(400);
    expect((await api(w.t, w.office, 'PUT', '/api/rectification/plans/settings', { reportMonths: 3 })).body).toEqual({ reportMonths: 3 });
    expect(await flag()).toMatchObject({ dueOn: '2027-02-25', flag: 'ok' });
    expect((await api(w.t, w.office, 'PUT', '/api/rectification/plans/settings', { reportMonths: 2 })).status).toBe(200);
    expect(await auditCount('rectification.plan_settings')).toBe(2);

    const report = { submittedOn: '2027-01-26', content: '整改情况报告正文', leaderImplementation: '党委书记亲自部署，逐项督办' };
    expect((await api(w.t, w.townBUser, 'PUT', `${townA()}/report`, report)).status).toBe(404);
    expect((await api(w.t, w.town, 'PUT', `${townA()}/report`, { ...report, leaderImplementation: '' })).status).toBe(400);
    expect((await api(w.t, w.town, 'PUT', `${townA()}/report`, { ...report, submittedOn: '2027-01-27' })).status).toBe(400);
    const sent = await api(w.t, w.town, 'PUT', `${townA()}/report`, report);
    expect(sent.status).toBe(200);
    expect(sent.body.report.submitted).toMatchObject({ submittedOn: '2027-01-26', leaderImplementation: '党委书记亲自部署，逐项督办' });
    expect(sent.body.report.deadline).toMatchObject({ flag: 'submitted_late', flagName: '逾期报送' });
    expect((await upload(w.t, w.town, `${townA()}/report/attachments`, '报告.png', PNG)).status).toBe(201);
    expect(await auditCount('rectification.town_report', 'create')).toBe(1);
  });

  it('a town without an accepted plan cannot report', async () => {
    const townBBase = `${base()}/towns/${w.townB}`;
    await w.t.ctx.db.updateTable('round_targets').set({ feedback_on: '2026-11-26' }).where('round_id', '=', w.roundId).where('code', '=', w.villageB).execute();
    const r = await api(w.t, w.townBUser, 'PUT', `${townBBase}/report`, { submittedOn: '2027-01-20', content: '报告', leaderImplementation: '落实情况' });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('联审通过后');
    // its feedback date comes from its village target
    expect((await api(w.t, w.townBUser, 'GET', townBBase)).body).toMatchObject({ feedbackOn: '2026-11-26', blocked: null });
  });

  it('records the town feedback only to its villages of the round, not before its own feedback', async () => {
    await at('2026-12-05');
    const v1 = await api(w.t, w.town, 'PUT', `${townA()}/villages/${w.v1}/feedback`, { feedbackOn: '2026-12-02', attendees: '村两委班子', content: '反馈了村问题清单' });
    expect(v1.status).toBe(200);
    expect(v1.body.villages.find((v: { villageCode: string }) => v.villageCode === w.v1).feedback).toMatchObject({ fedBackOn: '2026-12-02', content: '反馈了村问题清单' });
    // the village target of the same town counts too
    expect((await api(w.t, w.town, 'PUT', `${townA()}/villages/${w.villageA}/feedback`, { feedbackOn: '2026-12-03', content: '已反馈' })).status).toBe(200);
    // correcting a record updates it
    expect((await api(w.t, w.town, 'PUT', `${townA()}/villages/${w.v1}/feedback`, { feedbackOn: '2026-12-04', content: '更正后的反馈情况' })).status).toBe(200);

    const other = await api(w.t, w.town, 'PUT', `${townA()}/villages/${w.villageB}/feedback`, { feedbackOn: '2026-12-03', content: 'x' });
    expect(other.status).toBe(404);
    expect((await api(w.t, w.town, 'PUT', `${townA()}/villages/${w.outside}/feedback`, { feedbackOn: '2026-12-03', content: 'x' })).status).toBe(404);
    const early = await api(w.t, w.town, 'PUT', `${townA()}/villages/${w.v2}/feedback`, { feedbackOn: '2026-11-20', content: 'x' });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('不能早于');
    expect((await api(w.t, w.town, 'PUT', `${townA()}/villages/${w.v2}/feedback`, { feedbackOn: '2026-12-06', content: 'x' })).status).toBe(400);
    expect((await api(w.t, w.office, 'PUT', `${townA()}/villages/${w.v2}/feedback`, { feedbackOn: '2026-12-03', content: 'x' })).status).toBe(403);

    const list = await api(w.t, w.office, 'GET', `${base()}/towns`);
    expect(list.body.items.find((t: { townCode: string }) => t.townCode === w.townA).villages).toEqual({ total: 3, fedBack: 2 });
    expect(await auditCount('rectification.village_feedback', 'create')).toBe(2);
    expect(await auditCount('rectification.village_feedback', 'update')).toBe(1);
  });

  it('shows a village user its town with only its own village, a team the towns of its targets', async () => {
    const village = (await orgUser(w.t, w.admin, 'village', w.v1, 'cun1', ['village'])).cookie;
    const seen = await api(w.t, village, 'GET', townA());
    expect(seen.status).toBe(200);
    expect(seen.body.villages.map((v: { villageCode: string }) => v.villageCode)).toEqual([w.v1]);
    expect(seen.body.canRecordVillageFeedback).toBe(false);
    expect((await api(w.t, village, 'GET', `${base()}/towns/${w.townB}`)).status).toBe(404);
    expect((await api(w.t, village, 'PUT', `${townA()}/villages/${w.v1}/feedback`, { feedbackOn: '2026-12-03', content: 'x' })).status).toBe(403);

    const teamB = await api(w.t, w.teamB, 'GET', `${base()}/towns`);
    expect(teamB.body.items.map((t: { townCode: string }) => t.townCode)).toEqual([w.townB]);
    expect((await api(w.t, w.teamB, 'GET', townA())).status).toBe(404);
  });
});
