/**
 * 整改成效 through its routes, on generated records: 60 items over two towns (closed on time, closed
 * late, closed after the date asked, open and overdue, not yet due, long-term, without deadline),
 * 30 transfer items (completed or not, not yet sent, without a finding) and rating answers on both
 * sides of midnight in China. Every rate, numerator, denominator, group and drill-down total is
 * recounted straight from the rows with plain conditions written here; scoping for a town, another
 * town, a team and a village; the evaluation model, the evaluation's suggestions, grade boundaries,
 * draft → confirmed with audit rows; both .docx read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { createTestApp } from '../../test/harness';
import { orgUser } from '../../test/world';
import { readDocx } from '../documents/test-read';
import { backupTo, restoreFrom } from '../system';
import { insertFinding } from '../reports/test-setup';
import { createRectificationWorld, type RectificationWorld } from '../rectification/test-setup';
import { townPartyCommittee } from './metrics.documents';
import { partyCommitteeOf } from './metrics.service';

const AS_OF = '2026-12-01';

interface Rates {
  rectified: { due: number; closedOnTime: number; closedLate: number; open: number; rate: number | null };
  transfers: { transferred: number; completed: number; pending: number; rate: number | null };
  satisfaction: { answers: number; satisfied: number; basicallySatisfied: number; unsatisfied: number; rate: number | null };
}
interface RatesBody {
  asOf: string;
  groupBy: string;
  total: Rates;
  groups: { key: string; name: string; rates: Rates }[];
}

/** A small deterministic generator (no Math.random: a failure must be reproducible). */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((s / 2 ** 31) * n); // the high bits: an LCG's low bits repeat with a short period
  };
}

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('rectification metrics', () => {
  let w: RectificationWorld;
  let villages: { town: string; village: string | null; target: string }[];

  beforeAll(async () => {
    w = await createRectificationWorld();
    const { t } = w;
    villages = [
      { town: w.townA, village: w.v1, target: w.townTarget },
      { town: w.townA, village: w.v2, target: w.townTarget },
      { town: w.townA, village: null, target: w.townTarget },
      { town: w.townBCode, village: w.villageB, target: w.targetB },
    ];
    const rnd = lcg(20261201);
    const kinds = ['immediate', 'limited', 'long_term'] as const;
    const findingIds: { id: string; town: string; village: string | null }[] = [];
    for (let n = 1; n <= 60; n++) {
      const place = villages[rnd(villages.length)]!;
      const finding = await insertFinding(t, { roundId: w.roundId, targetId: place.target, inspectionId: null, village: place.village, town: place.town, status: 'approved', title: `成效问题${n}` });
      findingIds.push({ id: finding, town: place.town, village: place.village });
      const kind = kinds[n % 3]!; // with c below, every kind meets every closing case
      const deadline = kind === 'long_term' || rnd(10) === 0 ? null : addDays(AS_OF, rnd(40) - 25);
      // closed: never, before/at the deadline, after it, or after AS_OF
      let closedOn: string | null = null;
      const c = Math.floor(n / 3) % 5;
      const anchor = deadline ?? addDays(AS_OF, -10);
      if (c === 1) closedOn = addDays(anchor, -rnd(10));
      if (c === 2) closedOn = addDays(anchor, 1 + rnd(10));
      if (c === 3) closedOn = addDays(AS_OF, 1 + rnd(5));
      if (c === 4) closedOn = deadline; // on the day itself counts as on time
      await t.ctx.db
        .insertInto('rectification_items')
        .values({
          finding_id: finding,
          round_id: w.roundId,
          target_id: place.target,
          village_code: place.village,
          town_code: place.town,
          number: n,
          kind,
          status: closedOn ? 'closed' : 'in_progress',
          responsible_unit_name: '镇党委',
          responsible_leader: n % 7 === 0 ? '' : '张书记',
          lead_unit: JSON.stringify({ orgId: null, name: '镇党委' }),
          cooperating_units: '[]',
          required_parties: '[]',
          deadline,
          due_on: closedOn ? null : deadline,
          closed_on: closedOn,
          updated_at: new Date(),
        })
        .execute();
    }
    // transfer items: from findings of both towns, and some without a finding
    for (let n = 1; n <= 30; n++) {
      const f = n % 6 === 0 ? null : findingIds[rnd(findingIds.length)]!;
      const s = rnd(4);
      const sentOn = s === 0 ? null : addDays(AS_OF, -rnd(60) + (s === 3 ? 20 : 0));
      const done = sentOn && rnd(2) === 0 ? addDays(sentOn, rnd(50)) : null;
      await t.ctx.db
        .insertInto('transfer_items')
        .values({
          round_id: w.roundId,
          department_org_id: w.departmentOrgId,
          finding_id: f?.id ?? null,
          title: `移交事项${n}`,
          sent_on: sentOn,
          due_on: sentOn ? addDays(sentOn, 30) : null,
          status: done ? 'done' : 'open',
          result: done ? '已办结' : '',
          completed_on: done,
          updated_at: new Date(),
        })
        .execute();
    }
    // ratings in v1 and villageB: every representative rates every item of the village
    const answers = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
    for (const v of [w.v1, w.villageB]) {
      const town = v.slice(0, 9);
      const session = await t.ctx.db
        .insertInto('rating_sessions')
        .values({ round_id: w.roundId, village_code: v, town_code: town, opened_on: '2026-11-25', closes_on: '2026-12-10', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const items = await t.ctx.db.selectFrom('rectification_items').select('id').where('village_code', '=', v).orderBy('number').execute();
      for (let p = 0; p < 5; p++) {
        const rep = await t.ctx.db
          .insertInto('rating_representatives')
          .values({ session_id: session.id, name: `代表${v}${p}`, category: 'farmer', token_hash: `${v}-${p}`, used_at: new Date(), expires_at: new Date('2026-12-31T00:00:00Z') })
          .returning('id')
          .executeTakeFirstOrThrow();
        // 23:30 and 00:30 China time either side of AS_OF's midnight
        const at = p === 3 ? new Date('2026-12-01T15:30:00Z') : p === 4 ? new Date('2026-12-01T16:30:00Z') : new Date(`2026-11-2${6 + p}T03:00:00Z`);
        for (const [k, item] of items.entries()) {
          // the first item is rated unsatisfied by most representatives
          const answer = k === 0 && p < 3 ? 'unsatisfied' : answers[rnd(3)]!;
          await t.ctx.db.insertInto('rating_answers').values({ representative_id: rep.id, item_id: item.id, answer, created_at: at }).execute();
        }
      }
    }
  });
  afterAll(async () => w?.t.close());

  // — recounts straight from the rows —

  async function expectedItems(where: { town?: string; village?: string | null }) {
    let q = w.t.ctx.db.selectFrom('rectification_items').select(['id', 'kind', 'deadline', 'closed_on', 'town_code', 'village_code']).where('round_id', '=', w.roundId);
    if (where.town) q = q.where('town_code', '=', where.town);
    if (where.village !== undefined) q = where.village === null ? q.where('village_code', 'is', null) : q.where('village_code', '=', where.village);
    const rows = await q.execute();
    const due = rows.filter((r) => r.kind !== 'long_term' && r.deadline !== null && (r.deadline <= AS_OF || (r.closed_on !== null && r.closed_on <= AS_OF)));
    const closed = due.filter((r) => r.closed_on !== null && r.closed_on <= AS_OF);
    const onTime = closed.filter((r) => r.closed_on! <= r.deadline!).length;
    return { due: due.length, closedOnTime: onTime, closedLate: closed.length - onTime, open: due.length - closed.length, rate: due.length ? onTime / due.length : null };
  }

  async function expectedTransfers(town?: string) {
    const rows = await w.t.ctx.db
      .selectFrom('transfer_items as x')
      .leftJoin('findings as f', 'f.id', 'x.finding_id')
      .select(['x.sent_on', 'x.completed_on', 'f.town_code'])
      .where('x.round_id', '=', w.roundId)
      .execute();
    const mine = rows.filter((r) => (town ? r.town_code === town : true) && r.sent_on !== null && r.sent_on <= AS_OF);
    const completed = mine.filter((r) => r.completed_on !== null && r.completed_on <= AS_OF).length;
    return { transferred: mine.length, completed, pending: mine.length - completed, rate: mine.length ? completed / mine.length : null };
  }

  async function expectedRatings(town?: string) {
    const rows = await w.t.ctx.db.selectFrom('rating_answers as a').innerJoin('rectification_items as i', 'i.id', 'a.item_id').select(['a.answer', 'a.created_at', 'i.town_code']).execute();
    const end = new Date('2026-12-01T16:00:00Z'); // midnight in China after AS_OF
    const mine = rows.filter((r) => (town ? r.town_code === town : true) && new Date(r.created_at) < end);
    const count = (a: string) => mine.filter((r) => r.answer === a).length;
    const satisfied = count('satisfied') + count('basically_satisfied');
    return { answers: mine.length, satisfied: count('satisfied'), basicallySatisfied: count('basically_satisfied'), unsatisfied: count('unsatisfied'), rate: mine.length ? satisfied / mine.length : null };
  }

  const rates = async (cookie: string, query: string) => {
    const res = await api(w.t, cookie, 'GET', `/api/rectification/metrics?asOf=${AS_OF}${query}`);
    expect(res.status).toBe(200);
    return res.body as RatesBody;
  };
  const drill = async (cookie: string, query: string) => {
    const res = await api(w.t, cookie, 'GET', `/api/rectification/metrics/records?asOf=${AS_OF}&pageSize=500${query}`);
    expect(res.status).toBe(200);
    return res.body as { total: number; items: { id: string; place: string; outcome?: string; itemId?: string }[] };
  };

  it('the generated data covers every case', async () => {
    const all = await expectedItems({});
    expect(all.closedOnTime).toBeGreaterThan(3);
    expect(all.closedLate).toBeGreaterThan(3);
    expect(all.open).toBeGreaterThan(3);
    const tr = await expectedTransfers();
    expect(tr.completed).toBeGreaterThan(2);
    expect(tr.pending).toBeGreaterThan(2);
    const ra = await expectedRatings();
    expect(ra.unsatisfied).toBeGreaterThan(0);
    const allAnswers = await w.t.ctx.db.selectFrom('rating_answers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(allAnswers.n)).toBeGreaterThan(ra.answers); // some given after AS_OF
  });

  it('the round, each town and each village: every rate equals a count of the records', async () => {
    const byTown = await rates(w.office, `&roundId=${w.roundId}`);
    expect(byTown.groupBy).toBe('town');
    expect(byTown.total).toEqual({ rectified: await expectedItems({}), transfers: await expectedTransfers(), satisfaction: await expectedRatings() });
    for (const town of [w.townA, w.townBCode]) {
      const g = byTown.groups.find((x) => x.key === town)!;
      expect(g.rates).toEqual({ rectified: await expectedItems({ town }), transfers: await expectedTransfers(town), satisfaction: await expectedRatings(town) });
    }
    // transfers without a finding count for the round and for no town
    const none = byTown.groups.find((x) => x.key === '')!;
    expect(none.name).toBe('未关联乡镇（村）的移交事项');
    expect(none.rates.rectified.due).toBe(0);
    expect(byTown.groups.reduce((s, g) => s + g.rates.transfers.transferred, 0)).toBe(byTown.total.transfers.transferred);

    const byVillage = await rates(w.office, `&roundId=${w.roundId}&townCode=${w.townA}`);
    expect(byVillage.groupBy).toBe('village');
    for (const v of [w.v1, w.v2]) expect(byVillage.groups.find((g) => g.key === v)?.rates.rectified).toEqual(await expectedItems({ town: w.townA, village: v }));
    const own = byVillage.groups.find((g) => g.key === w.townA)!;
    expect(own.name).toMatch(/本级$/);
    expect(own.rates.rectified).toEqual(await expectedItems({ town: w.townA, village: null }));

    const byRound = await rates(w.office, '&groupBy=round');
    expect(byRound.groups).toHaveLength(1);
    expect(byRound.groups[0]!.name).toMatch(/^\d{4}年第\d+轮$/);
    expect(byRound.groups[0]!.rates).toEqual(byTown.total);
  });

  it('the drill-down lists exactly the records behind each number, paginated', async () => {
    const all = (await rates(w.office, `&roundId=${w.roundId}`)).total;
    const townA = (await rates(w.office, `&roundId=${w.roundId}&townCode=${w.townA}`)).total;
    for (const [cls, n] of [['due', all.rectified.due], ['on_time', all.rectified.closedOnTime], ['late', all.rectified.closedLate], ['open', all.rectified.open]] as const) {
      expect((await drill(w.office, `&measure=items&class=${cls}`)).total).toBe(n);
    }
    expect((await drill(w.office, `&measure=items&class=open&townCode=${w.townA}`)).total).toBe(townA.rectified.open);
    const late = await drill(w.office, '&measure=items&class=late');
    expect(late.items.every((i) => i.outcome === '逾期完成')).toBe(true);
    expect((await drill(w.office, '&measure=transfers&class=transferred')).total).toBe(all.transfers.transferred);
    expect((await drill(w.office, '&measure=transfers&class=completed')).total).toBe(all.transfers.completed);
    expect((await drill(w.office, '&measure=transfers&class=pending')).total).toBe(all.transfers.pending);
    expect((await drill(w.office, `&measure=transfers&class=transferred&townCode=${w.townA}`)).total).toBe(townA.transfers.transferred);
    expect((await drill(w.office, '&measure=ratings&class=all')).total).toBe(all.satisfaction.answers);
    expect((await drill(w.office, '&measure=ratings&class=satisfied')).total).toBe(all.satisfaction.satisfied + all.satisfaction.basicallySatisfied);
    expect((await drill(w.office, '&measure=ratings&class=unsatisfied')).total).toBe(all.satisfaction.unsatisfied);
    // the town's own records by its code as the "village"
    const own = (await rates(w.office, `&roundId=${w.roundId}&townCode=${w.townA}`)).groups.find((g) => g.key === w.townA)!;
    expect((await drill(w.office, `&measure=items&class=due&villageCode=${w.townA}`)).total).toBe(own.rates.rectified.due);
    // pages
    const page1 = await api(w.t, w.office, 'GET', `/api/rectification/metrics/records?asOf=${AS_OF}&measure=items&class=due&page=1&pageSize=5`);
    const page2 = await api(w.t, w.office, 'GET', `/api/rectification/metrics/records?asOf=${AS_OF}&measure=items&class=due&page=2&pageSize=5`);
    expect(page1.body.items).toHaveLength(5);
    expect(page1.body.total).toBe(all.rectified.due);
    expect(page2.body.items.map((i: { id: string }) => i.id)).not.toContain(page1.body.items[0].id);
    // a class the measure does not have
    const bad = await api(w.t, w.office, 'GET', '/api/rectification/metrics/records?measure=items&class=completed');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('该指标没有这类记录');
  });

  it('today in China is the default date', async () => {
    const res = await api(w.t, w.office, 'GET', `/api/rectification/metrics?roundId=${w.roundId}`);
    expect(res.body.asOf).toBe('2026-11-22'); // the harness clock: 2026-11-22 10:00 in China
    const bad = await api(w.t, w.office, 'GET', '/api/rectification/metrics?asOf=12/01');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('截止日期格式应为 YYYY-MM-DD');
  });

  it('scopes: a town sees its own, another town its own, a team its targets, a village its own', async () => {
    const office = await rates(w.office, `&roundId=${w.roundId}`);
    const town = await rates(w.town, `&roundId=${w.roundId}`);
    expect(town.groups.map((g) => g.key)).toEqual([w.townA]);
    expect(town.total).toEqual(office.groups.find((g) => g.key === w.townA)!.rates);
    const other = await rates(w.otherTown, '');
    expect(other.groups.map((g) => g.key)).toEqual([w.townBCode]);
    expect(other.total.rectified).toEqual(await expectedItems({ town: w.townBCode }));
    // a town asking for another town's records gets nothing of them
    expect((await rates(w.town, `&townCode=${w.townBCode}`)).total.rectified.due).toBe(0);
    expect((await drill(w.town, `&measure=items&class=due&townCode=${w.townBCode}`)).total).toBe(0);
    const townDrill = await drill(w.town, '&measure=ratings&class=all');
    expect(townDrill.total).toBe(town.total.satisfaction.answers);
    // team B's target is villageB only
    const teamB = await rates(w.teamB, '');
    expect(teamB.groups.map((g) => g.key)).toEqual([w.townBCode]);
    // a village user: its own village's items only
    const village = (await orgUser(w.t, w.admin, 'village', w.v1, 'metricsv1', ['village'])).cookie;
    const v1 = await rates(village, '');
    expect(v1.groups.map((g) => g.key)).toEqual([w.townA]);
    expect(v1.total.rectified).toEqual(await expectedItems({ town: w.townA, village: w.v1 }));
    expect((await drill(village, '&measure=items&class=due')).total).toBe(v1.total.rectified.due);
    expect((await api(w.t, village, 'GET', `/api/rectification/metrics/evaluations?roundId=${w.roundId}`)).status).toBe(404);
    const options = await api(w.t, w.town, 'GET', '/api/rectification/metrics/options');
    expect(options.body.towns.map((t: { code: string }) => t.code)).toEqual([w.townA]);
    expect(options.body.rounds).toHaveLength(1);
  });

  it('the evaluation model: the default 15/15/60/10, validated changes by the office only, audited', async () => {
    const m = await api(w.t, w.town, 'GET', '/api/rectification/metrics/evaluation-model');
    expect(m.status).toBe(200);
    expect(m.body.isDefault).toBe(true);
    expect(m.body.canEdit).toBe(false);
    expect(m.body.model.indicators.map((i: { weight: number }) => i.weight)).toEqual([15, 15, 60, 10]);
    expect((await api(w.t, w.town, 'PUT', '/api/rectification/metrics/evaluation-model', m.body.model)).status).toBe(403);
    const bad = structuredClone(m.body.model);
    bad.indicators[0].weight = 20;
    const refused = await api(w.t, w.office, 'PUT', '/api/rectification/metrics/evaluation-model', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('各指标分值之和应为 100 分，现为 105 分');
    const mine = structuredClone(m.body.model);
    mine.thresholds = { good: 95, fairlyGood: 85, average: 70 };
    const saved = await api(w.t, w.office, 'PUT', '/api/rectification/metrics/evaluation-model', mine);
    expect(saved.status).toBe(200);
    expect((await api(w.t, w.office, 'GET', '/api/rectification/metrics/evaluation-model')).body).toMatchObject({ isDefault: false, model: { thresholds: { good: 95 } } });
    const audit = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'rectification.evaluation_model').execute();
    expect(audit).toHaveLength(1);
    // back to the default bands for the grade checks below
    expect((await api(w.t, w.office, 'PUT', '/api/rectification/metrics/evaluation-model', m.body.model)).status).toBe(200);
  });

  const evalUrl = (town: string, tail = '') => `/api/rectification/metrics/evaluations/${w.roundId}/${town}${tail}`;

  it('suggests deduction counts from the records and scores them', async () => {
    const res = await api(w.t, w.office, 'GET', evalUrl(w.townA, `?asOf=${AS_OF}`));
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.status).toBe('new');
    expect(body.version).toBe(0);
    const items = await expectedItems({ town: w.townA });
    expect(body.suggested.item_overdue.count).toBe(items.open + items.closedLate);
    expect(body.suggested.item_overdue.basis).toContain(`逾期未完成 ${items.open} 项`);
    expect(body.suggested.plan_late.count).toBe(1); // no plan accepted
    const unnamed = await w.t.ctx.db
      .selectFrom('rectification_items')
      .select('id')
      .where('round_id', '=', w.roundId)
      .where('town_code', '=', w.townA)
      .where((eb) => eb.or([eb('responsible_leader', '=', ''), eb.and([eb('kind', '<>', 'long_term'), eb('deadline', 'is', null)])]))
      .execute();
    expect(body.suggested.no_named_responsible.count).toBe(unnamed.length);
    const ratings = await expectedRatings(w.townA);
    const shortfall = ratings.rate === null || ratings.rate >= 0.9 ? 0 : Math.floor(Math.round((0.9 - ratings.rate) * 10000) / 100 + 1e-9);
    expect(body.suggested.satisfaction_shortfall.count).toBe(shortfall);
    expect(body.suggested.item_rated_unsatisfied.count).toBeGreaterThanOrEqual(1); // v1's first item
    expect(body.counts.item_overdue).toBe(body.suggested.item_overdue.count);
    expect(body.rates.rectified).toEqual(items);
    expect(body.result.total).toBeLessThan(100);
    // the town does not see an evaluation before the office confirms one
    expect((await api(w.t, w.town, 'GET', evalUrl(w.townA))).status).toBe(404);
  });

  it('grade boundaries through the route: 90 好, 89.5 较好, 60 一般 and 59.5 差 with 二次整改', async () => {
    const cases: [Record<string, number>, number, string, boolean][] = [
      [{ no_special_meeting: 2 }, 90, 'good', false],
      [{ no_special_meeting: 2, satisfaction_shortfall: 1 }, 89.5, 'fairly_good', false],
      [{ item_fake: 4 }, 60, 'average', true],
      [{ item_fake: 4, satisfaction_shortfall: 1 }, 59.5, 'poor', true],
    ];
    const { suggested } = (await api(w.t, w.office, 'GET', evalUrl(w.townBCode, `?asOf=${AS_OF}`))).body as { suggested: Record<string, { count: number }> };
    expect(suggested.item_overdue!.count).toBeGreaterThan(0);
    // departing from what the records suggest needs a note
    const silent = await api(w.t, w.office, 'PUT', evalUrl(w.townBCode), { asOf: AS_OF, counts: { item_fake: 1 }, notes: { item_fake: '回头看发现' }, version: 0 });
    expect(silent.status).toBe(400);
    expect(silent.body.message).toContain(`“整改事项逾期未完成（每项）”（建议 ${suggested.item_overdue!.count} 次）`);
    const notes = { ...Object.fromEntries(Object.keys(suggested).map((k) => [k, '经核实调整'])), item_fake: '回头看发现' };
    let version = 0;
    for (const [counts, total, grade, second] of cases) {
      const res = await api(w.t, w.office, 'PUT', evalUrl(w.townBCode), { asOf: AS_OF, counts, notes, conclusion: '整改总体推进', version });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'draft', total, grade, secondRectification: second });
      version = res.body.version;
    }
    const list = await api(w.t, w.office, 'GET', `/api/rectification/metrics/evaluations?roundId=${w.roundId}`);
    expect(list.body.items.find((i: { townCode: string }) => i.townCode === w.townBCode).evaluation).toMatchObject({ grade: 'poor', gradeName: '差', secondRectification: true });
    // a stale form, an unknown rule, a town user: refused
    expect((await api(w.t, w.office, 'PUT', evalUrl(w.townBCode), { asOf: AS_OF, counts: {}, version: 1 })).status).toBe(409);
    const unknown = await api(w.t, w.office, 'PUT', evalUrl(w.townBCode), { asOf: AS_OF, counts: { nope: 1 }, notes, version });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('评估模型中没有这些扣分项：nope');
    expect((await api(w.t, w.otherTown, 'PUT', evalUrl(w.townBCode), { asOf: AS_OF, counts: {}, version })).status).toBe(403);
    const negative = await api(w.t, w.office, 'PUT', evalUrl(w.townBCode), { asOf: AS_OF, counts: { item_fake: -1 }, notes, version });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toContain('扣分次数不能为负');
  });

  it('confirms once; a confirmed evaluation is fixed and the town sees it; every write is audited', async () => {
    const detail = (await api(w.t, w.office, 'GET', evalUrl(w.townBCode))).body;
    expect(detail.canConfirm).toBe(true);
    expect(detail.notes.item_fake).toBe('回头看发现');
    expect((await api(w.t, w.otherTown, 'POST', evalUrl(w.townBCode, '/confirm'), { version: detail.version })).status).toBe(403);
    const ok = await api(w.t, w.office, 'POST', evalUrl(w.townBCode, '/confirm'), { version: detail.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'confirmed', confirmedOn: '2026-11-22' });
    expect((await api(w.t, w.office, 'POST', evalUrl(w.townBCode, '/confirm'), { version: ok.body.version })).status).toBe(409);
    const again = await api(w.t, w.office, 'PUT', evalUrl(w.townBCode), { asOf: AS_OF, counts: {}, version: ok.body.version });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已确认');
    const seen = await api(w.t, w.otherTown, 'GET', evalUrl(w.townBCode));
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'confirmed', canEdit: false, result: { total: 59.5, grade: 'poor' } });
    // another town's evaluation is 404 for a town
    expect((await api(w.t, w.town, 'GET', evalUrl(w.townBCode))).status).toBe(404);
    expect((await api(w.t, w.teamA, 'GET', `/api/rectification/metrics/evaluations?roundId=${w.roundId}`)).status).toBe(404);
    const audit = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'rectification.evaluation').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'confirm']);
  });

  it('the 整改情况报告 and the 整改成效评估 as .docx, read back', async () => {
    const report = await w.t.app.inject({ method: 'GET', url: evalUrl(w.townA, `/report.docx?asOf=${AS_OF}`), headers: { cookie: w.town } });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain('.docx');
    const doc = readDocx(report.rawPayload);
    expect(doc.text).toContain('巡察反馈问题整改情况的报告（草稿）');
    expect(doc.text).toContain('主要负责人组织落实情况');
    const items = await w.t.ctx.db.selectFrom('rectification_items as i').innerJoin('findings as f', 'f.id', 'i.finding_id').select('f.title').where('i.town_code', '=', w.townA).execute();
    const table = doc.tables.find((t) => t[0]?.[1] === '问题')!;
    expect(table.length - 1).toBe(items.length);
    for (const i of items) expect(doc.text).toContain(i.title);
    const r = await expectedItems({ town: w.townA });
    expect(doc.text).toContain(`应完成整改事项${r.due}项，按期完成${r.closedOnTime}项`);
    expect((await w.t.app.inject({ method: 'GET', url: evalUrl(w.townBCode, '/report.docx'), headers: { cookie: w.town } })).statusCode).toBe(404);

    const ev = await w.t.app.inject({ method: 'GET', url: evalUrl(w.townBCode, '/evaluation.docx'), headers: { cookie: w.otherTown } });
    expect(ev.statusCode).toBe(200);
    const e = readDocx(ev.rawPayload);
    expect(e.text).toContain('巡察整改成效的评估报告');
    expect(e.text).not.toContain('（草稿）');
    expect(e.text).toContain('评估得分59.5分，评定等次为“差”');
    expect(e.text).toContain('须开展二次整改');
    expect(e.text).toContain('整改总体推进');
    const scores = e.tables.find((t) => t[0]?.[0] === '评估指标' && t[0]?.[3] === '得分')!;
    expect(scores.slice(1, 5).map((row) => row[0])).toEqual(['组织领导', '责任落实', '整改任务完成', '群众满意']);
    expect(scores[3]![3]).toBe('20');
    const lines = e.tables.find((t) => t[0]?.[1] === '扣分项')!;
    expect(lines.some((row) => row[1]?.includes('虚假整改') && row[2] === '4' && row[4] === '回头看发现')).toBe(true);
    // no evaluation saved for townA yet
    expect((await w.t.app.inject({ method: 'GET', url: evalUrl(w.townA, '/evaluation.docx'), headers: { cookie: w.office } })).statusCode).toBe(404);
  });

  it('the documents name the town Party committee and the leading group of the office', () => {
    expect(townPartyCommittee('竹箦镇')).toBe('中共竹箦镇委员会');
    expect(townPartyCommittee('昆仑街道')).toBe('中共昆仑街道工作委员会');
    expect(partyCommitteeOf('中共溧阳市委巡察工作领导小组办公室')).toEqual({ authority: '市委', to: '中共溧阳市委巡察工作领导小组' });
    expect(partyCommitteeOf('巡察办')).toEqual({ authority: '县委', to: '县委巡察工作领导小组' });
    expect(partyCommitteeOf(null)).toEqual({ authority: '县委', to: '县委巡察工作领导小组' });
  });

  it('the model and the evaluations survive backup and restore, and the restored evaluation reads the same', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-metrics-')), 'backup.jsonl.gz');
    await backupTo(w.t.ctx.db, file, new Date('2026-11-22T00:00:00Z'));
    const target = await createTestApp();
    try {
      await restoreFrom(target.ctx.db, file, { replace: true });
      for (const table of ['rectification_evaluation_models', 'rectification_evaluations'] as const) {
        const rows = async (db: typeof w.t.ctx.db) => JSON.stringify(await db.selectFrom(table).selectAll().orderBy(table === 'rectification_evaluations' ? 'id' : 'org_id').execute());
        expect(await rows(target.ctx.db)).toBe(await rows(w.t.ctx.db));
      }
      expect(await target.ctx.db.selectFrom('rectification_evaluations').select('id').execute()).toHaveLength(1);
    } finally {
      await target.close();
    }
  });
});
