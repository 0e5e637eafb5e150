/**
 * 整改情况公开 through its routes: items publishable only when closed and not exempt (marked by the
 * office with one of the five reasons, removed with a reason), the preview and the approval bound to
 * the previewed content, the public page and JSON showing only the approved snapshot (nothing before,
 * a later change only after re-publishing, 404 after withdrawal), no names of people, scoping and
 * audit rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { createTestApp } from '../../test/harness';
import { backupTo, restoreFrom } from '../system';
import { createRectificationWorld, recordFeedback, type RectificationWorld } from '../rectification/test-setup';

interface Candidate {
  id: string;
  code: string;
  problem: string;
  publishable: boolean;
  problems: string[];
  exemption: { reason: string; reasonName: string; note: string } | null;
}
interface Snapshot {
  title: string;
  itemCount: number;
  towns: { name: string; places: { name: string; items: { code: string; problem: string; measures: string; result: string }[] }[] }[];
}

describe('rectification disclosure (整改情况公开)', () => {
  let w: RectificationWorld;
  let ids: { a: string; b: string; open: string; townLevel: string; villageB: string };
  let path: string;
  const round = () => `/api/rectification/disclosure/rounds/${w.roundId}`;
  const item = (id: string, action = 'exemption') => `/api/rectification/disclosure/items/${id}/${action}`;
  const anon = (url: string) => w.t.app.inject({ method: 'GET', url });
  const slug = () => path.replace('/p/disclosure/', '');
  const publicJson = async () => anon(`/api/public/disclosure/${slug()}`);
  const publish = async (cookie = w.office) => {
    const preview = await api(w.t, cookie, 'GET', `${round()}/preview`);
    return api(w.t, cookie, 'POST', `${round()}/publish`, { contentHash: preview.body.contentHash });
  };
  // names of people that must never reach the public: the items' leaders and handlers, a cadre, the finding's responsible person
  const PEOPLE = ['张建国', '李卫东', '王有才', '王五'];

  beforeAll(async () => {
    w = await createRectificationWorld();
    await recordFeedback(w.t, w.roundId, w.townTarget, null);
    await recordFeedback(w.t, w.roundId, w.townTarget, w.v1);
    await recordFeedback(w.t, w.roundId, w.townTarget, w.v2);
    await recordFeedback(w.t, w.roundId, w.targetB, null);
    expect((await api(w.t, w.office, 'POST', `/api/rectification/rounds/${w.roundId}/generate-items`)).body).toMatchObject({ created: 5 });
    const rows = await w.t.ctx.db.selectFrom('rectification_items').select(['id', 'finding_id']).where('round_id', '=', w.roundId).execute();
    const of = (f: string) => rows.find((r) => r.finding_id === f)!.id;
    ids = { a: of(w.approved[0]!), b: of(w.approved[1]!), open: of(w.approved[2]!), townLevel: of(w.townLevel), villageB: of(w.findingB) };
    const db = w.t.ctx.db;
    await db.updateTable('rectification_items').set({ responsible_leader: '张建国', handler: '李卫东', measures: '召开村民代表会议补办决策程序' }).where('round_id', '=', w.roundId).execute();
    await db.updateTable('rectification_items').set({ measures: '由张建国牵头，王有才负责建立民主决策台账' }).where('id', '=', ids.a).execute();
    await db.insertInto('cadres').values({ village_code: w.v1, name: '王有才', id_number: '320481197001011234', positions: JSON.stringify(['村委会主任']), updated_at: new Date() }).execute();
    // closed by the four parties elsewhere (items.test.ts); here only the outcome matters
    await db.updateTable('rectification_items').set({ status: 'closed', closed_on: '2026-11-20' }).where('id', 'in', [ids.a, ids.b, ids.townLevel, ids.villageB]).execute();
    await db.updateTable('rectification_items').set({ status: 'in_progress', started_on: '2026-11-21', deadline: '2026-12-20', due_on: '2026-12-20' }).where('id', '=', ids.open).execute();
  });
  afterAll(async () => w.t.close());

  it('lists every item of the round with publishable yes/no and the reasons', async () => {
    const r = await api(w.t, w.office, 'GET', `${round()}/items?pageSize=50`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 5, counts: { all: 5, publishable: 4, exempt: 0 }, canManage: true });
    const open = r.body.items.find((c: Candidate) => c.id === ids.open);
    expect(open).toMatchObject({ publishable: false, problems: ['整改事项“整改中”，销号后才能公开'] });
    const no = await api(w.t, w.office, 'GET', `${round()}/items?publishable=no`);
    expect(no.body.items.map((c: Candidate) => c.id)).toEqual([ids.open]);
    const paged = await api(w.t, w.office, 'GET', `${round()}/items?page=2&pageSize=2`);
    expect(paged.body).toMatchObject({ total: 5 });
    expect(paged.body.items).toHaveLength(2);
    const state = await api(w.t, w.office, 'GET', round());
    expect(state.body).toMatchObject({ status: 'unpublished', statusName: '未发布', path: null, version: 0, canManage: true });
  });

  it('scopes: a town reads its own items and the state, another town and team only theirs; none of them writes', async () => {
    const town = await api(w.t, w.town, 'GET', `${round()}/items?pageSize=50`);
    expect(town.body.total).toBe(4);
    expect(town.body.canManage).toBe(false);
    expect(town.body.items.map((c: Candidate) => c.id)).not.toContain(ids.villageB);
    const other = await api(w.t, w.otherTown, 'GET', `${round()}/items`);
    expect(other.body.items.map((c: Candidate) => c.id)).toEqual([ids.villageB]);
    const teamB = await api(w.t, w.teamB, 'GET', `${round()}/items`);
    expect(teamB.body.items.map((c: Candidate) => c.id)).toEqual([ids.villageB]);
    expect((await api(w.t, w.town, 'GET', round())).body).toMatchObject({ status: 'unpublished', canManage: false, changed: null });
    expect((await api(w.t, w.town, 'GET', `${round()}/preview`)).status).toBe(403);
    expect((await api(w.t, w.teamA, 'POST', `${round()}/publish`, { contentHash: 'a'.repeat(64) })).status).toBe(403);
    expect((await api(w.t, w.town, 'POST', item(ids.b), { reason: 'hype_risk' })).status).toBe(403);
    expect((await api(w.t, w.otherTown, 'POST', item(ids.b), { reason: 'hype_risk' })).status).toBe(404);
    expect((await api(w.t, w.otherTown, 'GET', item(ids.b, 'exemptions'))).status).toBe(404);
    expect((await api(w.t, w.office, 'GET', '/api/rectification/disclosure/rounds/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('marks an item exempt with one of the five reasons only', async () => {
    const bad = await api(w.t, w.office, 'POST', item(ids.b), { reason: 'other' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('请选择不予公开的情形');
    const r = await api(w.t, w.office, 'POST', item(ids.b), { reason: 'petition_risk', note: '涉及土地纠纷' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ publishable: false, exemption: { reason: 'petition_risk', reasonName: '可能引发集体上访或群体性事件', note: '涉及土地纠纷' } });
    expect(r.body.problems).toEqual(['已标记不予公开：可能引发集体上访或群体性事件']);
    expect((await api(w.t, w.office, 'POST', item(ids.b), { reason: 'hype_risk' })).status).toBe(409);
    // the town sees the mark on its own item
    const town = await api(w.t, w.town, 'GET', `${round()}/items?publishable=no`);
    expect(town.body.items.map((c: Candidate) => c.id).sort()).toEqual([ids.b, ids.open].sort());
  });

  it('shows nothing to the public before the approval', async () => {
    expect((await anon('/api/public/disclosure/abcdefghijkl')).statusCode).toBe(404);
    const page = await anon('/p/disclosure/abcdefghijkl');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('该整改情况公开页面不存在或已撤回');
    expect(await w.t.ctx.db.selectFrom('rectification_disclosures').selectAll().execute()).toHaveLength(0);
  });

  it('previews exactly the closed, non-exempt items without names, and publishes only that content', async () => {
    const preview = await api(w.t, w.office, 'GET', `${round()}/preview`);
    expect(preview.status).toBe(200);
    const s = preview.body.snapshot as Snapshot;
    const codes = s.towns.flatMap((t) => t.places.flatMap((p) => p.items.map((i) => i.problem)));
    expect(codes.sort()).toEqual(['村务公开不及时', '镇党委督促指导不力', '集体资金支出未经民主决策'].sort());
    expect(preview.body.withheld).toEqual({ exempt: 1, notClosed: 1, total: 2 });
    const text = JSON.stringify(s);
    for (const name of PEOPLE) expect(text).not.toContain(name);
    expect(text).toContain('由×××牵头，×××负责建立民主决策台账');

    const stale = await api(w.t, w.office, 'POST', `${round()}/publish`, { contentHash: 'a'.repeat(64) });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('请重新预览');
    const r = await api(w.t, w.office, 'POST', `${round()}/publish`, { contentHash: preview.body.contentHash });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'published', statusName: '已发布', version: 1, publishedItems: 3, changed: false });
    expect(r.body.path).toMatch(/^\/p\/disclosure\/[A-Za-z0-9_-]{16}$/);
    path = r.body.path;

    const json = await publicJson();
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ ...s, version: 1 });
    const page = await anon(path);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain(s.title);
    for (const p of ['集体资金支出未经民主决策', '镇党委督促指导不力', '村务公开不及时', '已整改到位，2026-11-20 销号']) expect(page.body).toContain(p);
    // the exempt and the open item, people, the finding's details and amounts stay off
    for (const p of ['三会一课记录不全', '误工补贴发放不规范', ...PEOPLE, '具体表现', '36800', '村会计']) {
      expect(page.body).not.toContain(p);
      expect(json.body).not.toContain(p);
    }
    // the town reads the state and the link, not the approvals
    expect((await api(w.t, w.town, 'GET', round())).body).toMatchObject({ status: 'published', path, versions: [], changed: null });
  });

  it('does not show a later change until the office approves it again', async () => {
    await w.t.ctx.db.updateTable('rectification_items').set({ status: 'closed', closed_on: '2026-11-22', measures: '规范误工补贴发放' }).where('id', '=', ids.open).execute();
    await w.t.ctx.db.updateTable('rectification_items').set({ measures: '建立民主决策台账并张榜公布' }).where('id', '=', ids.a).execute();
    const before = await anon(path);
    expect(before.body).not.toContain('误工补贴发放不规范');
    expect(before.body).not.toContain('张榜公布');
    expect(before.body).toContain('×××负责建立民主决策台账');
    expect((await api(w.t, w.office, 'GET', round())).body).toMatchObject({ status: 'published', version: 1, changed: true });

    const r = await publish();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'published', version: 2, publishedItems: 4, changed: false, path });
    expect(r.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const after = await anon(path);
    expect(after.body).toContain('误工补贴发放不规范');
    expect(after.body).toContain('张榜公布');
    expect(after.body).not.toContain('三会一课记录不全');
    const same = await publish();
    expect(same.status).toBe(409);
    expect(same.body.message).toContain('无需重新发布');
  });

  it('removes a mark only with a reason, keeping the history; the item waits for the next approval', async () => {
    const noReason = await api(w.t, w.office, 'POST', item(ids.b, 'exemption/remove'), {});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('请填写取消不予公开的理由');
    expect((await api(w.t, w.town, 'POST', item(ids.b, 'exemption/remove'), { reason: '纠纷已化解' })).status).toBe(403);
    const r = await api(w.t, w.office, 'POST', item(ids.b, 'exemption/remove'), { reason: '纠纷已化解' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ publishable: true, exemption: null });
    expect((await api(w.t, w.office, 'POST', item(ids.b, 'exemption/remove'), { reason: '纠纷已化解' })).status).toBe(409);
    const history = await api(w.t, w.town, 'GET', item(ids.b, 'exemptions'));
    expect(history.body.items).toMatchObject([{ reason: 'petition_risk', removedReason: '纠纷已化解' }]);
    expect(history.body.items[0].removedAt).not.toBeNull();
    expect((await anon(path)).body).not.toContain('三会一课记录不全');
    expect((await api(w.t, w.office, 'GET', round())).body.changed).toBe(true);
  });

  it('withdraws with a reason: the page and the JSON answer 404 until approved again, at the same link', async () => {
    expect((await api(w.t, w.town, 'POST', `${round()}/withdraw`, { reason: '内容需要核实' })).status).toBe(403);
    const noReason = await api(w.t, w.office, 'POST', `${round()}/withdraw`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('请填写撤回理由');
    const r = await api(w.t, w.office, 'POST', `${round()}/withdraw`, { reason: '内容需要核实' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'withdrawn', statusName: '已撤回', withdrawReason: '内容需要核实', path });
    expect((await api(w.t, w.office, 'POST', `${round()}/withdraw`, { reason: '内容需要核实' })).status).toBe(409);
    const page = await anon(path);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('该整改情况公开页面不存在或已撤回');
    expect(page.body).not.toContain('集体资金支出未经民主决策');
    const json = await publicJson();
    expect(json.statusCode).toBe(404);
    expect(json.json().message).toBe('该整改情况公开页面不存在或已撤回');

    const again = await publish();
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'published', version: 3, publishedItems: 5, path, withdrawReason: null });
    expect((await anon(path)).body).toContain('三会一课记录不全');
  });

  it('writes an audit row for every write', async () => {
    const rows = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'actor_name']).where('entity', 'in', ['rectification.disclosure', 'rectification.exemption']).orderBy('seq').execute();
    expect(rows.map((r) => `${r.entity}:${r.action}`)).toEqual([
      'rectification.exemption:mark_exempt',
      'rectification.disclosure:publish',
      'rectification.disclosure:republish',
      'rectification.exemption:remove_exemption',
      'rectification.disclosure:withdraw',
      'rectification.disclosure:republish',
    ]);
    expect(rows.filter((r) => r.entity === 'rectification.exemption').every((r) => r.entity_id === ids.b)).toBe(true);
  });

  it('marks, disclosures and their snapshots survive backup and restore; the public page reads the same', async () => {
    const file = nodePath.join(fs.mkdtempSync(nodePath.join(os.tmpdir(), 'xuncha-disclosure-')), 'backup.jsonl.gz');
    await backupTo(w.t.ctx.db, file, new Date('2026-11-22T00:00:00Z'));
    const target = await createTestApp();
    try {
      await restoreFrom(target.ctx.db, file, { replace: true });
      for (const table of ['rectification_exemptions', 'rectification_disclosures', 'rectification_disclosure_versions'] as const) {
        const rows = async (db: typeof w.t.ctx.db) => JSON.stringify(await db.selectFrom(table).selectAll().orderBy('id').execute());
        expect(await rows(target.ctx.db)).toBe(await rows(w.t.ctx.db));
      }
      const restored = await target.app.inject({ method: 'GET', url: `/api/public/disclosure/${slug()}` });
      expect(restored.statusCode).toBe(200);
      expect(restored.json()).toEqual((await publicJson()).json());
    } finally {
      await target.close();
    }
  });

  // last: it uses up this address's allowance (earlier tests used a little of it)
  it('bounds the public routes per address with a Chinese 429', async () => {
    let allowed = 0;
    let refused = await anon('/api/public/disclosure/x');
    while (refused.statusCode === 404 && allowed < 200) {
      allowed += 1;
      refused = await anon('/api/public/disclosure/x');
    }
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toContain('请求过于频繁');
    // generous for a page many villagers open behind one address, but bounded
    expect(allowed).toBeGreaterThan(100);
    expect(allowed).toBeLessThanOrEqual(120);
  });
});
