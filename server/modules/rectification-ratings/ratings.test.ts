/**
 * 群众评议 through its routes: a session for a village of a round, one-time links (only a hash stored,
 * shown once with a QR code), the public page and API without an account (no cadre names), answers
 * covering every item with a comment when unsatisfied, single use (also two concurrent submissions),
 * revoked, re-issued, expired and closed links, the tallies and the unsatisfied-majority rule from the
 * stored answers, ratingTallyForItem, scoping and audit rows.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { createTestApp } from '../../test/harness';
import { createRectificationWorld, recordFeedback, type RectificationWorld } from '../rectification/test-setup';
import { ratingTallyForItem } from './index';

interface Link {
  representativeId: string;
  name: string;
  link: string;
  url: string;
  qrCode: string;
}
const TOKEN = /^\/p\/rate\/([A-Za-z0-9_-]{43})$/;
const tokenOf = (l: Link) => TOKEN.exec(l.link)![1]!;
const reps = [
  { name: '赵老党员', category: 'old_party_member' },
  { name: '钱致富', category: 'wealth_leader', phone: '13800000001' },
  { name: '孙农民', category: 'farmer' },
];

describe('rectification ratings (群众评议)', () => {
  let w: RectificationWorld;
  let itemIds: string[];
  let otherVillageItem: string;
  let sessionId: string;
  let links: Link[];
  const sessions = '/api/rectification/ratings/sessions';
  const pub = (token: string) => `/api/public/rating/${token}`;
  const anon = (method: 'GET' | 'POST', url: string, payload?: unknown) => api(w.t, '', method, url, payload);
  const answersOf = async (repId: string) => (await w.t.ctx.db.selectFrom('rating_answers').selectAll().where('representative_id', '=', repId).execute()).length;

  beforeAll(async () => {
    w = await createRectificationWorld();
    await recordFeedback(w.t, w.roundId, w.townTarget, w.v1);
    await recordFeedback(w.t, w.roundId, w.townTarget, w.v2);
    await recordFeedback(w.t, w.roundId, w.targetB, null);
    const gen = await api(w.t, w.office, 'POST', `/api/rectification/rounds/${w.roundId}/generate-items`);
    expect(gen.status).toBe(200);
    const rows = await w.t.ctx.db.selectFrom('rectification_items').select(['id', 'village_code']).where('round_id', '=', w.roundId).orderBy('number').execute();
    itemIds = rows.filter((r) => r.village_code === w.v1).map((r) => r.id);
    otherVillageItem = rows.find((r) => r.village_code === w.v2)!.id;
    expect(itemIds).toHaveLength(2);
    // cadre names on the items, which the public must never see
    await w.t.ctx.db.updateTable('rectification_items').set({ responsible_leader: '张建国', handler: '李卫东', measures: '建立民主决策台账并公开' }).where('id', 'in', itemIds).execute();
  });
  afterAll(async () => w.t.close());

  it('lists the villages of the round with items, in scope', async () => {
    const office = await api(w.t, w.office, 'GET', `/api/rectification/ratings/villages?roundId=${w.roundId}`);
    expect(office.status).toBe(200);
    expect(office.body.items.map((v: { villageCode: string }) => v.villageCode)).toEqual(expect.arrayContaining([w.v1, w.v2, w.villageB]));
    const other = await api(w.t, w.otherTown, 'GET', `/api/rectification/ratings/villages?roundId=${w.roundId}`);
    expect(other.body.items.map((v: { villageCode: string }) => v.villageCode)).toEqual([w.villageB]);
    const teamB = await api(w.t, w.teamB, 'GET', `/api/rectification/ratings/villages?roundId=${w.roundId}`);
    expect(teamB.body.items.map((v: { villageCode: string }) => v.villageCode)).toEqual([w.villageB]);
  });

  it('creates a session only in scope and for writers, with a future closing date', async () => {
    const body = { roundId: w.roundId, villageCode: w.v1, closesOn: '2026-11-30', representatives: reps };
    expect((await api(w.t, w.otherTown, 'POST', sessions, body)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'POST', sessions, body)).status).toBe(404);
    const town = await api(w.t, w.town, 'POST', sessions, body);
    expect(town.status).toBe(403);
    const past = await api(w.t, w.office, 'POST', sessions, { ...body, closesOn: '2026-11-01' });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('不能早于今天');
    const badCategory = await api(w.t, w.office, 'POST', sessions, { ...body, representatives: [{ name: '甲', category: 'x' }] });
    expect(badCategory.status).toBe(400);
    expect(JSON.stringify(badCategory.body)).toContain('请选择代表类别');

    const r = await api(w.t, w.teamA, 'POST', sessions, body);
    expect(r.status).toBe(201);
    sessionId = r.body.session.id;
    links = r.body.links;
    expect(r.body.session).toMatchObject({ villageCode: w.v1, status: 'open', representatives: 3, rated: 0, closesOn: '2026-11-30' });
    expect(links).toHaveLength(3);
    for (const l of links) {
      expect(l.link).toMatch(TOKEN);
      expect(l.url.endsWith(l.link)).toBe(true);
      expect(l.qrCode).toMatch(/^data:image\/png;base64,/);
    }
    expect((await api(w.t, w.office, 'POST', sessions, body)).status).toBe(409); // one open session per village
  });

  it('stores only the SHA-256 of a token, never the token itself', async () => {
    const rows = await w.t.ctx.db.selectFrom('rating_representatives').selectAll().where('session_id', '=', sessionId).execute();
    const hashes = new Set(rows.map((r) => r.token_hash));
    for (const l of links) {
      const token = tokenOf(l);
      expect(hashes.has(createHash('sha256').update(token).digest('hex'))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(token);
    }
    const audit = await w.t.ctx.db.selectFrom('audit_log').selectAll().where('entity', 'like', 'rectification.rating%').execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const l of links) expect(JSON.stringify(audit)).not.toContain(tokenOf(l));
    const detail = await api(w.t, w.office, 'GET', `${sessions}/${sessionId}`);
    expect(JSON.stringify(detail.body)).not.toContain(tokenOf(links[0]!));
  });

  it('shows the representative the items without an account and without cadre names', async () => {
    const r = await anon('GET', pub(tokenOf(links[0]!)));
    expect(r.status).toBe(200);
    expect(r.body.representativeName).toBe('赵老党员');
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual(itemIds);
    expect(r.body.items[0]).toMatchObject({ title: '集体资金支出未经民主决策', measures: '建立民主决策台账并公开' });
    const text = JSON.stringify(r.body);
    for (const name of ['张建国', '李卫东', '王五', '村会计']) expect(text).not.toContain(name);
    expect((await anon('GET', pub('x'.repeat(43)))).status).toBe(404);
    expect((await anon('GET', pub('bad token!'))).body.message).toContain('评议链接无效');
  });

  it('needs every item answered and a comment for 不满意, and a refusal leaves the token unused', async () => {
    const token = tokenOf(links[0]!);
    const missing = await anon('POST', pub(token), { answers: [{ itemId: itemIds[0], answer: 'satisfied' }] });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('还有 1 项整改事项未评议');
    const noComment = await anon('POST', pub(token), { answers: itemIds.map((itemId) => ({ itemId, answer: 'unsatisfied' })) });
    expect(noComment.status).toBe(400);
    expect(JSON.stringify(noComment.body)).toContain('选择“不满意”时请写明意见');
    const foreign = await anon('POST', pub(token), { answers: [...itemIds, otherVillageItem].map((itemId) => ({ itemId, answer: 'satisfied' })) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toContain('不属于本次评议');
    expect(await answersOf(links[0]!.representativeId)).toBe(0);
    expect((await anon('GET', pub(token))).status).toBe(200);
  });

  it('rates once: a second submission is refused with 409 and changes nothing', async () => {
    const token = tokenOf(links[0]!);
    const ok = await anon('POST', pub(token), {
      answers: [
        { itemId: itemIds[0], answer: 'unsatisfied', comment: '账目仍未公开' },
        { itemId: itemIds[1], answer: 'satisfied' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, answers: 2 });
    const again = await anon('POST', pub(token), { answers: itemIds.map((itemId) => ({ itemId, answer: 'satisfied' })) });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已使用');
    const stored = await w.t.ctx.db.selectFrom('rating_answers').select(['item_id', 'answer']).where('representative_id', '=', links[0]!.representativeId).orderBy('item_id').execute();
    expect(stored.find((a) => a.item_id === itemIds[0])!.answer).toBe('unsatisfied');
    expect(stored).toHaveLength(2);
    expect((await anon('GET', pub(token))).status).toBe(409);
  });

  it('two concurrent submissions with one token store exactly one set of answers', async () => {
    const token = tokenOf(links[1]!);
    const body = (answer: string) => ({ answers: itemIds.map((itemId) => ({ itemId, answer })) });
    const results = await Promise.all([anon('POST', pub(token), body('satisfied')), anon('POST', pub(token), body('basically_satisfied'))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const stored = await w.t.ctx.db.selectFrom('rating_answers').select('answer').where('representative_id', '=', links[1]!.representativeId).execute();
    expect(stored).toHaveLength(2);
    expect(new Set(stored.map((a) => a.answer)).size).toBe(1);
    // make the second representative's answers known for the tallies below
    await w.t.ctx.db.updateTable('rating_answers').set({ answer: 'satisfied' }).where('representative_id', '=', links[1]!.representativeId).execute();
  });

  it('a revoked link is refused (410); a re-issued link replaces it', async () => {
    const old = links[2]!;
    const reissued = await api(w.t, w.office, 'POST', `${sessions}/${sessionId}/representatives/${old.representativeId}/reissue`);
    expect(reissued.status).toBe(200);
    const fresh = reissued.body as Link;
    expect(fresh.name).toBe('孙农民');
    expect(tokenOf(fresh)).not.toBe(tokenOf(old));
    const gone = await anon('GET', pub(tokenOf(old)));
    expect(gone.status).toBe(410);
    expect(gone.body.message).toContain('已作废');
    expect((await anon('POST', pub(tokenOf(old)), { answers: itemIds.map((itemId) => ({ itemId, answer: 'satisfied' })) })).status).toBe(410);
    const ok = await anon('POST', pub(tokenOf(fresh)), {
      answers: [
        { itemId: itemIds[0], answer: 'unsatisfied', comment: '没有看到整改' },
        { itemId: itemIds[1], answer: 'basically_satisfied' },
      ],
    });
    expect(ok.status).toBe(200);
    // a used link can be neither revoked nor re-issued
    expect((await api(w.t, w.office, 'POST', `${sessions}/${sessionId}/representatives/${fresh.representativeId}/revoke`)).status).toBe(409);
    expect((await api(w.t, w.town, 'POST', `${sessions}/${sessionId}/representatives/${fresh.representativeId}/revoke`)).status).toBe(403);
  });

  it('tallies the stored answers per item and village, flags the unsatisfied majority and the 回头看', async () => {
    const r = await api(w.t, w.office, 'GET', `${sessions}/${sessionId}`);
    expect(r.status).toBe(200);
    const [first, second] = r.body.items;
    expect(first.id).toBe(itemIds[0]);
    // item 1: unsatisfied, satisfied, unsatisfied → 2 of 3 unsatisfied
    expect(first.tally).toMatchObject({ answers: 3, satisfied: 1, basicallySatisfied: 0, unsatisfied: 2, unsatisfiedMajority: true, verdict: 'unsatisfied', verdictName: '不满意过半' });
    expect(first.tally.satisfactionRate).toBeCloseTo(1 / 3);
    expect(first.comments.map((c: { comment: string }) => c.comment).sort()).toEqual(['没有看到整改', '账目仍未公开']);
    expect(second.tally).toMatchObject({ answers: 3, satisfied: 2, basicallySatisfied: 1, unsatisfied: 0, satisfactionRate: 1, unsatisfiedMajority: false, verdict: 'satisfied' });
    expect(r.body.village).toMatchObject({ lookBack: true, unsatisfiedItemIds: [itemIds[0]] });
    expect(r.body.village.tally).toMatchObject({ answers: 6, unsatisfied: 2, byCategory: { old_party_member: 2, wealth_leader: 2, farmer: 2, returning_youth: 0, entrepreneur: 0 } });
    expect(r.body.village.tally.satisfactionRate).toBeCloseTo(4 / 6);
    const statuses = r.body.representatives.map((p: { name: string; statusName: string }) => `${p.name}:${p.statusName}`);
    // created together (one clock), so by name; the revoked link before its replacement
    expect(statuses).toEqual(['孙农民:已撤销', '孙农民:已评议', '赵老党员:已评议', '钱致富:已评议']);
    expect(r.body.session).toMatchObject({ representatives: 3, rated: 3 });
    const villages = await api(w.t, w.office, 'GET', `/api/rectification/ratings/villages?roundId=${w.roundId}`);
    const v1 = villages.body.items.find((v: { villageCode: string }) => v.villageCode === w.v1);
    expect(v1).toMatchObject({ lookBack: true, sessions: 1, openSessionId: sessionId });
    expect(v1.satisfactionRate).toBeCloseTo(4 / 6);
    expect(villages.body.items.find((v: { villageCode: string }) => v.villageCode === w.v2)).toMatchObject({ lookBack: false, satisfactionRate: null, sessions: 0 });
  });

  it('ratingTallyForItem gives the closure rule its tally, null when nobody rated', async () => {
    const t = await ratingTallyForItem(w.t.ctx.db, itemIds[0]!);
    expect(t).toMatchObject({ answers: 3, unsatisfied: 2, unsatisfiedMajority: true });
    expect((await ratingTallyForItem(w.t.ctx.db, itemIds[1]!))?.unsatisfiedMajority).toBe(false);
    expect(await ratingTallyForItem(w.t.ctx.db, otherVillageItem)).toBeNull();
  });

  it('an unsatisfied majority blocks closure after all four parties approved; a satisfied item closes', async () => {
    // both items brought to 待销号审核 with evidence version 1 (the steps before are the items module's own tests)
    await w.t.ctx.db
      .updateTable('rectification_items')
      .set({ status: 'signing', evidence_version: 1, required_parties: JSON.stringify(['office', 'discipline', 'organization', 'department']), sign_off_cycle: 1 })
      .where('id', 'in', itemIds)
      .execute();
    const approveAll = async (id: string) => {
      let last: { status: number; body: { status: string; signOff: { blockers: string[] } } } | null = null;
      for (const cookie of [w.office, w.discipline, w.organization, w.department]) last = await api(w.t, cookie, 'POST', `/api/rectification/items/${id}/approve`, { evidenceVersion: 1 });
      return last!;
    };
    const blocked = await approveAll(itemIds[0]!);
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);
    expect(blocked.body.status).toBe('signing');
    expect(blocked.body.signOff.blockers).toEqual(['群众评议不满意过半（2/3），不能销号']);
    expect((await approveAll(itemIds[1]!)).body.status).toBe('closed');
  });

  it('serves the representative a small HTML page with the form, and the reason when the link is spent', async () => {
    const added = await api(w.t, w.office, 'POST', `${sessions}/${sessionId}/representatives`, { representatives: [{ name: '周青年', category: 'returning_youth' }] });
    expect(added.status).toBe(201);
    const link = added.body.links[0] as Link;
    const page = await w.t.app.inject({ method: 'GET', url: link.link });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(Buffer.byteLength(page.body)).toBeLessThan(50 * 1024);
    expect(page.body).toContain('<form');
    expect(page.body).toContain('集体资金支出未经民主决策');
    expect(page.body).toContain('value="unsatisfied"');
    expect(page.body).toContain('>提交</button>');
    expect(page.body).not.toContain('张建国');
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))![1]!;
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    const spent = await w.t.app.inject({ method: 'GET', url: links[0]!.link });
    expect(spent.statusCode).toBe(409);
    expect(spent.body).toContain('该评议链接已使用');
    const unknown = await w.t.app.inject({ method: 'GET', url: `/p/rate/${'A'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('评议链接无效');

    // past the session's last day (China time) the link has expired
    w.t.setNow(new Date('2026-11-30T16:00:00Z'));
    const expired = await anon('GET', pub(tokenOf(link)));
    expect(expired.status).toBe(410);
    expect(expired.body.message).toContain('2026-11-30 截止');
    w.t.setNow(new Date('2026-11-22T02:00:00Z'));
    expect((await anon('GET', pub(tokenOf(link)))).status).toBe(200);
  });

  it('scopes reads: another town and another team get 404, the town reads', async () => {
    expect((await api(w.t, w.otherTown, 'GET', `${sessions}/${sessionId}`)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'GET', `${sessions}/${sessionId}`)).status).toBe(404);
    expect((await api(w.t, w.otherTown, 'POST', `${sessions}/${sessionId}/close`)).status).toBe(404);
    expect((await api(w.t, w.town, 'GET', `${sessions}/${sessionId}`)).status).toBe(200);
    expect((await api(w.t, w.otherTown, 'GET', sessions)).body.total).toBe(0);
    const list = await api(w.t, w.teamA, 'GET', `${sessions}?roundId=${w.roundId}`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: sessionId, villageCode: w.v1 }] });
  });

  it('closing the session ends every unused link; writes then refused; audit rows recorded', async () => {
    const pending = (await api(w.t, w.office, 'GET', `${sessions}/${sessionId}`)).body.representatives.find((p: { name: string }) => p.name === '周青年');
    expect(pending.status).toBe('pending');
    expect((await api(w.t, w.town, 'POST', `${sessions}/${sessionId}/close`)).status).toBe(403);
    const closed = await api(w.t, w.office, 'POST', `${sessions}/${sessionId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-11-22' });
    const rows = await w.t.ctx.db.selectFrom('rating_representatives').select('token_hash').where('id', '=', pending.id).executeTakeFirstOrThrow();
    expect(rows.token_hash).toHaveLength(64);
    expect((await api(w.t, w.office, 'POST', `${sessions}/${sessionId}/close`)).status).toBe(409);
    expect((await api(w.t, w.office, 'POST', `${sessions}/${sessionId}/representatives`, { representatives: [{ name: '吴企业', category: 'entrepreneur' }] })).status).toBe(409);
    const audit = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'entity', 'actor_name']).where('entity', 'like', 'rectification.rating%').orderBy('at').execute();
    const actions = audit.map((a) => `${a.entity}:${a.action}`);
    expect(actions.filter((a) => a === 'rectification.rating_representative:rate')).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(['rectification.rating_session:create', 'rectification.rating_session:add_representatives', 'rectification.rating_representative:reissue', 'rectification.rating_session:close']));
    expect(audit.find((a) => a.action === 'rate')!.actor_name).toContain('群众代表');
    // a new session may be opened once the first is closed
    expect((await api(w.t, w.office, 'POST', sessions, { roundId: w.roundId, villageCode: w.v1, closesOn: '2026-12-05', representatives: [reps[0]] })).status).toBe(201);
  });

  it('later answers that lift the unsatisfied majority close an item every party had approved', async () => {
    const open = await api(w.t, w.office, 'GET', `${sessions}?roundId=${w.roundId}&villageCode=${w.v1}`);
    const session = open.body.items.find((s: { status: string }) => s.status === 'open');
    const added = await api(w.t, w.office, 'POST', `${sessions}/${session.id}/representatives`, {
      representatives: [
        { name: '郑农民', category: 'farmer' },
        { name: '王青年', category: 'returning_youth' },
      ],
    });
    expect(added.status).toBe(201);
    const [first, second] = added.body.links as Link[];
    const satisfied = { answers: itemIds.map((itemId) => ({ itemId, answer: 'satisfied' })) };
    // 2 unsatisfied of 4 answers is a tie, and a tie is no majority: the item closes
    expect((await anon('POST', pub(tokenOf(first!)), satisfied)).status).toBe(200);
    const item = await w.t.ctx.db.selectFrom('rectification_items').select(['status', 'closed_on']).where('id', '=', itemIds[0]!).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ status: 'closed', closed_on: '2026-11-22' });
    const events = await w.t.ctx.db.selectFrom('rectification_item_events').select(['action', 'actor_id', 'to_status']).where('item_id', '=', itemIds[0]!).orderBy('n').execute();
    expect(events.at(-1)).toMatchObject({ action: 'close', actor_id: null, to_status: 'closed' });
    // a closed item stays closed when more answers come in
    expect((await anon('POST', pub(tokenOf(second!)), satisfied)).status).toBe(200);
    expect((await w.t.ctx.db.selectFrom('rectification_item_events').select('id').where('item_id', '=', itemIds[0]!).where('action', '=', 'close').execute()).length).toBe(1);
  });
});

describe('the public rating routes are rate-limited like the login', () => {
  it('refuses a guessing client with a Chinese 429', async () => {
    const t = await createTestApp({ env: { XUNCHA_LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const answers = [];
      for (let i = 0; i < 4; i += 1) answers.push(await t.app.inject({ method: 'GET', url: `/api/public/rating/${'B'.repeat(42)}${i}` }));
      expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 429]);
      expect(answers[3]!.json().message).toContain('请求过于频繁');
      // the page and the submission count on their own
      expect((await t.app.inject({ method: 'GET', url: `/p/rate/${'C'.repeat(43)}` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'POST', url: `/api/public/rating/${'D'.repeat(43)}`, payload: { answers: [] } })).statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });
});
