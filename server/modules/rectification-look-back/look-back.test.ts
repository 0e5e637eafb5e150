/**
 * 回头看 through its routes, on the rectification world: v1 has a closed item and an overdue one, v2 an
 * item sent back, villageB (another town) an item the representatives rated unsatisfied, villageA an
 * item in order (no candidate). The office creates a 回头看 round (one transaction: a refused village
 * leaves nothing behind), the new team records verdicts: 虚假整改 reopens the closed item, 整改不到位
 * sends back an item waiting for its check, 整改到位 leaves an item as it is; every verdict is in the
 * item's history and the audit log. Scoping: other towns and other teams get 404, towns cannot write.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, upload } from '../../test/fixtures';
import { insertFinding } from '../reports/test-setup';
import { createRectificationWorld, PNG, recordFeedback, type RectificationWorld } from '../rectification/test-setup';

interface Candidate {
  villageCode: string;
  townCode: string;
  reasons: { reason: string; name: string }[];
  itemCount: number;
  items: { id: string; reasons: { reason: string }[] }[];
  lookBacks: { roundId: string; targetId: string; pending: number }[];
}
interface Link {
  id: string;
  itemId: string;
  findingId: string;
  itemStatus: string;
  reasons: { reason: string }[];
  verdict: string | null;
  verdictName: string;
  itemStatusBefore: string | null;
  itemStatusAfter: string | null;
  decidedByName: string | null;
}
interface Target {
  targetId: string;
  villageCode: string;
  reasons: { reason: string }[];
  canRecord: boolean;
  links: Link[];
  counts: Record<string, number>;
}

describe('回头看', () => {
  let w: RectificationWorld;
  const item: Record<string, string> = {};
  let fineFinding: string;
  let roundId: string;
  let targetV1: string;
  let targetB: string;
  const itemUrl = (id: string, action = '') => `/api/rectification/items/${id}${action ? `/${action}` : ''}`;
  const lb = '/api/rectification/look-back';
  const candidates = async (cookie: string, query = '') => (await api(w.t, cookie, 'GET', `${lb}/candidates?pageSize=100${query}`)).body as { items: Candidate[]; total: number };
  const target = async (cookie: string, id: string) => api(w.t, cookie, 'GET', `${lb}/targets/${id}`);
  const linkOf = (t: Target, itemId: string) => t.links.find((l) => l.itemId === itemId)!;
  const newRound = { year: 2027, number: 1, startDate: '2027-03-01', endDate: '2027-04-30' };

  async function startWithEvidence(cookie: string, id: string, deadline: string) {
    expect((await api(w.t, cookie, 'POST', itemUrl(id, 'start'), { measures: '逐项整改', deadline })).status).toBe(200);
    expect((await upload(w.t, cookie, itemUrl(id, 'evidence'), '佐证.png', PNG)).status).toBe(201);
  }

  beforeAll(async () => {
    w = await createRectificationWorld();
    const { t } = w;
    fineFinding = await insertFinding(t, { roundId: w.roundId, targetId: w.targetA, inspectionId: w.inspA, village: w.villageA, town: w.townA, status: 'approved', title: '村务监督委员会履职不到位' });
    await recordFeedback(t, w.roundId, w.townTarget, null);
    await recordFeedback(t, w.roundId, w.townTarget, w.v1);
    await recordFeedback(t, w.roundId, w.townTarget, w.v2);
    await recordFeedback(t, w.roundId, w.targetB, null);
    await recordFeedback(t, w.roundId, w.targetA, null);
    expect((await api(t, w.office, 'POST', `/api/rectification/rounds/${w.roundId}/generate-items`)).body.created).toBe(6);
    const rows = await t.ctx.db.selectFrom('rectification_items').select(['id', 'finding_id']).execute();
    for (const r of rows) item[r.finding_id] = r.id;

    // v1: one item closed by the four parties, one started with a deadline that will pass
    const closed = item[w.approved[0]!]!;
    await startWithEvidence(w.town, closed, '2026-12-20');
    await api(t, w.town, 'POST', itemUrl(closed, 'submit'), { note: '请核查' });
    await api(t, w.teamA, 'POST', itemUrl(closed, 'accept'), { comment: '已核查' });
    for (const cookie of [w.office, w.discipline, w.organization, w.department]) await api(t, cookie, 'POST', itemUrl(closed, 'approve'), { evidenceVersion: 1 });
    expect((await api(t, w.office, 'GET', itemUrl(closed))).body.status).toBe('closed');
    await api(t, w.town, 'POST', itemUrl(item[w.approved[1]!]!, 'start'), { measures: '补齐三会一课记录', deadline: '2026-12-20' });
    // v2: sent back at the check
    const sentBack = item[w.approved[2]!]!;
    await startWithEvidence(w.town, sentBack, '2026-12-31');
    await api(t, w.town, 'POST', itemUrl(sentBack, 'submit'), { note: '请核查' });
    expect((await api(t, w.teamA, 'POST', itemUrl(sentBack, 'return'), { reason: '补贴发放名册未公示' })).body.status).toBe('returned');
    // villageB: waiting for its check, rated unsatisfied by two of three representatives
    const rated = item[w.findingB]!;
    await startWithEvidence(w.otherTown, rated, '2027-06-30');
    expect((await api(t, w.otherTown, 'POST', itemUrl(rated, 'submit'), { note: '请核查' })).body.status).toBe('submitted');
    const session = await t.ctx.db
      .insertInto('rating_sessions')
      .values({ round_id: w.roundId, village_code: w.villageB, town_code: w.townBCode, opened_on: '2026-11-22', closes_on: '2026-12-31', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [n, answer] of (['unsatisfied', 'unsatisfied', 'satisfied'] as const).entries()) {
      const rep = await t.ctx.db
        .insertInto('rating_representatives')
        .values({ session_id: session.id, name: `代表${n}`, category: 'farmer', token_hash: createHash('sha256').update(`t${n}`).digest('hex'), expires_at: new Date('2027-01-01'), used_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.ctx.db.insertInto('rating_answers').values({ representative_id: rep.id, item_id: rated, answer, comment: answer === 'unsatisfied' ? '没有变化' : '' }).execute();
    }
    // villageA's item is started with a later deadline: nothing calls for 回头看
    await api(t, w.town, 'POST', itemUrl(item[fineFinding]!, 'start'), { measures: '规范监委会履职', deadline: '2027-06-30' });
    t.setNow(new Date('2027-01-05T02:00:00Z'));
    // the sessions ended with the days that passed: everybody signs in again
    const work = (u: string) => t.login(u, 'Work@12345');
    Object.assign(w, { office: await work('office1'), teamA: await work('teama'), teamB: await work('teamb'), town: await t.login('towna', 'Town@12345'), otherTown: await t.login('townb', 'Town@12345') });
  });
  afterAll(async () => w.t.close());

  it('lists the villages calling for 回头看 with their reasons and items; a village in order is not one', async () => {
    const list = await candidates(w.office);
    expect(list.items.map((c) => c.villageCode).sort()).toEqual([w.v1, w.v2, w.villageB].sort());
    const by = (v: string) => list.items.find((c) => c.villageCode === v)!;
    expect(by(w.v1).reasons.map((r) => r.reason)).toEqual(['overdue']);
    expect(by(w.v1).items.map((i) => i.id)).toEqual([item[w.approved[1]!]]);
    expect(by(w.v1).itemCount).toBe(2);
    expect(by(w.v2).reasons.map((r) => r.reason)).toEqual(['overdue', 'returned']); // returned, and past its deadline too
    expect(by(w.villageB)).toMatchObject({ townCode: w.townBCode, reasons: [{ reason: 'unsatisfied', name: '群众评议不满意过半' }], items: [{ id: item[w.findingB], reasons: [{ reason: 'unsatisfied' }] }] });
    // filters and scope
    expect((await candidates(w.office, `&townCode=${w.townBCode}`)).items.map((c) => c.villageCode)).toEqual([w.villageB]);
    expect((await candidates(w.office, `&roundId=${w.roundId}`)).total).toBe(3);
    expect((await candidates(w.town)).items.map((c) => c.villageCode).sort()).toEqual([w.v1, w.v2].sort());
    expect((await candidates(w.otherTown)).items.map((c) => c.villageCode)).toEqual([w.villageB]);
    expect((await candidates(w.teamB)).items.map((c) => c.villageCode)).toEqual([w.villageB]);
    const page = await api(w.t, w.office, 'GET', `${lb}/candidates?pageSize=1&page=2`);
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.items).toHaveLength(1);
  });

  it('a town whose confirmed evaluation is graded 差 puts each of its villages with items on the list', async () => {
    const evaluation = (status: string, grade: string) => ({
      round_id: w.roundId,
      town_code: w.townA,
      status,
      as_of: '2027-01-05',
      model: '{}',
      suggested: '{}',
      counts: '{}',
      notes: '{}',
      total: grade === 'poor' ? 52 : 90,
      grade,
      second_rectification: grade === 'poor',
      updated_at: new Date(),
    });
    const row = await w.t.ctx.db.insertInto('rectification_evaluations').values(evaluation('draft', 'poor')).returning('id').executeTakeFirstOrThrow();
    expect((await candidates(w.office)).items.map((c) => c.villageCode)).not.toContain(w.villageA); // a draft does not count
    await w.t.ctx.db.updateTable('rectification_evaluations').set({ status: 'confirmed' }).where('id', '=', row.id).execute();
    const list = await candidates(w.town);
    const by = (v: string) => list.items.find((c) => c.villageCode === v)!;
    expect(list.items.map((c) => c.villageCode).sort()).toEqual([w.villageA, w.v1, w.v2].sort());
    expect(by(w.villageA)).toMatchObject({ reasons: [{ reason: 'poor_grade', name: '整改成效评估为“差”' }], items: [], itemCount: 1 });
    expect(by(w.v1).reasons.map((r) => r.reason)).toEqual(['overdue', 'poor_grade']);
    expect((await candidates(w.otherTown)).items.map((c) => c.villageCode)).toEqual([w.villageB]);
    await w.t.ctx.db.deleteFrom('rectification_evaluations').where('id', '=', row.id).execute();
  });

  it('only the office creates; a village off the list and a round past 准备 are refused', async () => {
    const body = { villageCodes: [w.v1], round: newRound };
    expect((await api(w.t, w.town, 'POST', lb, body)).status).toBe(403);
    expect((await api(w.t, w.teamA, 'POST', lb, body)).status).toBe(403);
    const off = await api(w.t, w.office, 'POST', lb, { villageCodes: [w.v1, w.villageA], round: newRound });
    expect(off.status).toBe(400);
    expect(off.body.message).toContain(w.villageA);
    const locked = await api(w.t, w.office, 'POST', lb, { villageCodes: [w.v1], existingRoundId: w.roundId });
    expect(locked.status).toBe(409);
    expect(locked.body.message).toContain('只能把回头看对象加入准备阶段的轮次');
    const empty = await api(w.t, w.office, 'POST', lb, { villageCodes: [], round: newRound });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('请至少选择一个村（社区）');
    expect(await w.t.ctx.db.selectFrom('rounds').select('id').where('year', '=', 2027).execute()).toEqual([]);
  });

  it('creates a 回头看 round with one revisit target per village, linked to the original items and findings', async () => {
    const r = await api(w.t, w.office, 'POST', lb, { villageCodes: [w.v1, w.villageB], sourceRoundId: w.roundId, round: newRound });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ roundLabel: '2027年第1轮' });
    roundId = r.body.roundId;
    targetV1 = r.body.targets.find((t: { villageCode: string }) => t.villageCode === w.v1).targetId;
    targetB = r.body.targets.find((t: { villageCode: string }) => t.villageCode === w.villageB).targetId;
    const round = await w.t.ctx.db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
    expect(round).toMatchObject({ theme: '整改落实情况回头看', phase: 'preparation', scope_code: '320481' });
    const targets = await w.t.ctx.db.selectFrom('round_targets').select(['id', 'code', 'mode', 'kind']).where('round_id', '=', roundId).orderBy('code').execute();
    expect(targets.map((t) => [t.code, t.mode, t.kind])).toEqual([w.v1, w.villageB].sort().map((c) => [c, 'revisit', 'village']));
    expect(await w.t.ctx.db.selectFrom('village_inspections').select('village_code').where('round_id', '=', roundId).execute()).toHaveLength(2);

    const t1 = (await target(w.office, targetV1)).body as Target;
    expect(t1.reasons.map((x) => x.reason)).toEqual(['overdue']);
    expect(t1.links.map((l) => l.findingId).sort()).toEqual([w.approved[0], w.approved[1]].sort());
    expect(linkOf(t1, item[w.approved[0]!]!)).toMatchObject({ itemStatus: 'closed', reasons: [], verdict: null, verdictName: '待复查' });
    expect(linkOf(t1, item[w.approved[1]!]!)).toMatchObject({ itemStatus: 'in_progress', reasons: [{ reason: 'overdue' }] });
    expect(t1.counts).toMatchObject({ links: 2, pending: 2 });
    expect(t1.canRecord).toBe(true);

    const audits = await w.t.ctx.db.selectFrom('audit_log').select(['entity', 'entity_id', 'action']).where('entity', 'in', ['rectification.look_back', 'planning.round', 'planning.target']).where('at', '>=', new Date('2027-01-01')).execute();
    expect(audits.filter((a) => a.entity === 'rectification.look_back').map((a) => a.entity_id).sort()).toEqual([targetV1, targetB].sort());
    expect(audits.filter((a) => a.entity === 'planning.round' && a.action === 'create').map((a) => a.entity_id)).toEqual([roundId]);
    expect(audits.filter((a) => a.entity === 'planning.target')).toHaveLength(2);

    // the candidates now show the village's 回头看
    const v1 = (await candidates(w.office)).items.find((c) => c.villageCode === w.v1)!;
    expect(v1.lookBacks).toEqual([expect.objectContaining({ roundId, targetId: targetV1, pending: 2 })]);
  });

  it('adds villages to a round in 准备 in one transaction: a refusal leaves nothing behind', async () => {
    // v2 would be added first, then v1 is already a target of the round: all of it rolls back
    const clash = await api(w.t, w.office, 'POST', lb, { villageCodes: [w.v2, w.v1], existingRoundId: roundId });
    expect(clash.status).toBe(409);
    expect(await w.t.ctx.db.selectFrom('round_targets').select('id').where('round_id', '=', roundId).execute()).toHaveLength(2);
    expect(await w.t.ctx.db.selectFrom('look_back_targets').select('target_id').where('village_code', '=', w.v2).execute()).toEqual([]);
    const added = await api(w.t, w.office, 'POST', lb, { villageCodes: [w.v2], existingRoundId: roundId });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ roundId, targets: [{ villageCode: w.v2, items: 1 }] });
  });

  it('scopes the 回头看 targets: other towns and teams not assigned get 404', async () => {
    expect((await target(w.town, targetV1)).status).toBe(200);
    expect((await target(w.otherTown, targetV1)).status).toBe(404);
    expect((await target(w.otherTown, targetB)).status).toBe(200);
    expect((await target(w.teamA, targetV1)).status).toBe(404); // the original round's team, not this one's
    const list = await api(w.t, w.office, 'GET', `${lb}/targets?roundId=${roundId}`);
    expect(list.body.total).toBe(3);
    expect((await api(w.t, w.town, 'GET', `${lb}/targets`)).body.items.map((t: Target) => t.villageCode).sort()).toEqual([w.v1, w.v2].sort());
    expect((await api(w.t, w.teamB, 'GET', `${lb}/targets`)).body.total).toBe(0);
    expect((await api(w.t, w.office, 'GET', `${lb}/rounds`)).body.items).toEqual([expect.objectContaining({ roundId, roundLabel: '2027年第1轮', targets: 3 })]);
  });

  it('the team of the 回头看 target records verdicts: 虚假整改 reopens a closed item, with its history', async () => {
    // team B's organisation serves in the new round, assigned to v1's and villageB's targets
    const team = await w.t.ctx.db.insertInto('teams').values({ round_id: roundId, org_id: w.teamBOrg, name: '回头看巡察组', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await w.t.ctx.db.updateTable('round_targets').set({ team_id: team.id }).where('id', 'in', [targetV1, targetB]).execute();
    const t1 = (await target(w.teamB, targetV1)).body as Target;
    expect(t1.canRecord).toBe(true);
    // the re-inspecting team reads the original items (evidence, history) but does not check them
    const original = await api(w.t, w.teamB, 'GET', itemUrl(item[w.approved[1]!]!));
    expect(original.status).toBe(200);
    expect(original.body.actions).toEqual([]);
    expect((await api(w.t, w.teamB, 'GET', itemUrl(item[w.approved[2]!]!))).status).toBe(404); // v2's target has no team
    expect((await target(w.town, targetV1)).body.canRecord).toBe(false);
    const closedLink = linkOf(t1, item[w.approved[0]!]!);
    const url = `${lb}/links/${closedLink.id}/verdict`;

    expect((await api(w.t, w.town, 'POST', url, { verdict: 'fake', comment: 'x' })).status).toBe(403);
    expect((await api(w.t, w.teamA, 'POST', url, { verdict: 'fake', comment: 'x' })).status).toBe(404);
    const bare = await api(w.t, w.teamB, 'POST', url, { verdict: 'fake' });
    expect(bare.status).toBe(400);
    expect(bare.body.message).toBe('认定“虚假整改”须写明复查发现的问题');

    const r = await api(w.t, w.teamB, 'POST', url, { verdict: 'fake', comment: '会议记录系事后补写' });
    expect(r.status).toBe(200);
    expect(linkOf(r.body, closedLink.itemId)).toMatchObject({ verdict: 'fake', verdictName: '虚假整改', itemStatus: 'returned', itemStatusBefore: 'closed', itemStatusAfter: 'returned', decidedByName: 'teamb姓名' });
    const again = await api(w.t, w.office, 'POST', url, { verdict: 'in_place' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('不能重复认定');

    const detail = (await api(w.t, w.office, 'GET', itemUrl(closedLink.itemId))).body;
    expect(detail).toMatchObject({ status: 'returned', closedOn: null });
    const last = detail.events.at(-1);
    expect(last).toMatchObject({ action: 'reopen', actionName: '重新打开', fromStatus: 'closed', toStatus: 'returned', actorName: 'teamb姓名' });
    expect(last.comment).toBe('2027年第1轮回头看认定“虚假整改”：会议记录系事后补写');
    // the town works on it again; its deadline has passed, so the office may extend it
    expect(detail.overdue).toBe(true);
    expect(detail.actions).toContain('extend');
    expect((await api(w.t, w.town, 'GET', itemUrl(closedLink.itemId))).body.actions).toEqual(expect.arrayContaining(['report_progress', 'submit']));

    const history = await api(w.t, w.town, 'GET', `${lb}/items/${closedLink.itemId}`);
    expect(history.body.items).toEqual([expect.objectContaining({ roundLabel: '2027年第1轮', verdict: 'fake', comment: '会议记录系事后补写' })]);
    expect((await api(w.t, w.otherTown, 'GET', `${lb}/items/${closedLink.itemId}`)).status).toBe(404);
  });

  it('整改不到位 sends back an item waiting for its check; 整改到位 and an open item keep their status', async () => {
    const tb = (await target(w.teamB, targetB)).body as Target;
    const waiting = await api(w.t, w.teamB, 'POST', `${lb}/links/${tb.links[0]!.id}/verdict`, { verdict: 'not_in_place', comment: '群众反映问题依旧' });
    expect(linkOf(waiting.body, item[w.findingB]!)).toMatchObject({ itemStatusBefore: 'submitted', itemStatusAfter: 'returned' });
    expect((await api(w.t, w.office, 'GET', itemUrl(item[w.findingB]!))).body.events.at(-1)).toMatchObject({ action: 'return', toStatus: 'returned' });

    const t1 = (await target(w.teamB, targetV1)).body as Target;
    const open = linkOf(t1, item[w.approved[1]!]!);
    const inPlace = await api(w.t, w.teamB, 'POST', `${lb}/links/${open.id}/verdict`, { verdict: 'in_place', comment: '记录已补齐' });
    expect(linkOf(inPlace.body, open.itemId)).toMatchObject({ verdict: 'in_place', itemStatusBefore: 'in_progress', itemStatusAfter: 'in_progress' });
    expect(inPlace.body.counts).toMatchObject({ links: 2, pending: 0, in_place: 1, fake: 1 });
    const ev = (await api(w.t, w.office, 'GET', itemUrl(open.itemId))).body.events.at(-1);
    expect(ev).toMatchObject({ action: 'look_back', actionName: '回头看复查', fromStatus: 'in_progress', toStatus: 'in_progress', comment: '2027年第1轮回头看认定“整改到位”：记录已补齐' });

    // the office may decide where no team is assigned (v2's target); an item already sent back stays so
    const v2 = (await api(w.t, w.office, 'GET', `${lb}/targets?townCode=${w.townA}&roundId=${roundId}`)).body.items.find((t: Target) => t.villageCode === w.v2) as Target;
    const t2 = (await target(w.office, v2.targetId)).body as Target;
    const kept = await api(w.t, w.office, 'POST', `${lb}/links/${t2.links[0]!.id}/verdict`, { verdict: 'not_in_place', comment: '名册仍未公示' });
    expect(kept.status).toBe(200);
    expect(kept.body.links[0]).toMatchObject({ itemStatusBefore: 'returned', itemStatusAfter: 'returned' });

    const audits = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'rectification.look_back_link').execute();
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.action === 'verdict')).toBe(true);
    const itemAudits = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'rectification.item').where('at', '>=', new Date('2027-01-01')).execute();
    expect(itemAudits.map((a) => a.action).sort()).toEqual(['look_back', 'look_back', 'reopen', 'return']);
  });
});
