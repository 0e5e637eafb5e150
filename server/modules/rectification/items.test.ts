/**
 * Rectification items through their routes: generation (idempotent, only approved findings fed back),
 * the journey start → progress with evidence → submit → check → four approvals → closed by the system,
 * new evidence resetting approvals, a party's return clearing them, an item sent back then fixed and
 * closed, scoping (another town and another team 404), audit rows and the 三清单一台账 read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, upload } from '../../test/fixtures';
import { createTestApp } from '../../test/harness';
import { backupTo, restoreFrom } from '../system';
import { createRectificationWorld, PNG, PDF, recordFeedback, type RectificationWorld } from './test-setup';

interface Item {
  id: string;
  findingId: string;
  status: string;
  actions: string[];
  evidenceVersion: number;
  villageCode: string | null;
  kind: string;
  responsibleUnitName: string;
  signOff: { parties: { party: string; approval: { evidenceVersion: number; current: boolean } | null }[]; blockers: string[] };
  events: { action: string; actorName: string; files: { id: string }[] }[];
  evidence: { id: string }[];
  closedOn: string | null;
}

describe('rectification items', () => {
  let w: RectificationWorld;
  let items: Item[];
  const byFinding = (id: string) => items.find((i) => i.findingId === id)!;
  const url = (id: string, action = '') => `/api/rectification/items/${id}${action ? `/${action}` : ''}`;
  const detail = async (cookie: string, id: string) => (await api(w.t, cookie, 'GET', url(id))).body as Item;

  beforeAll(async () => {
    w = await createRectificationWorld();
  });
  afterAll(async () => w.t.close());

  it('generates one item per approved finding fed back, idempotently', async () => {
    const gen = `/api/rectification/rounds/${w.roundId}/generate-items`;
    expect((await api(w.t, w.office, 'POST', gen)).body).toMatchObject({ created: 0, existing: 0 });
    await recordFeedback(w.t, w.roundId, w.townTarget, null); // the town's own feedback
    await recordFeedback(w.t, w.roundId, w.townTarget, w.v1);
    await recordFeedback(w.t, w.roundId, w.targetB, null); // a village target's own feedback
    const first = await api(w.t, w.office, 'POST', gen);
    expect(first.status).toBe(200);
    // v1's two findings, the town-level one and villageB's; not v2 (not fed back yet), not the draft
    expect(first.body).toMatchObject({ created: 4, existing: 0 });
    expect((await api(w.t, w.office, 'POST', gen)).body).toMatchObject({ created: 0, existing: 4 });
    await recordFeedback(w.t, w.roundId, w.townTarget, w.v2);
    expect((await api(w.t, w.office, 'POST', gen)).body).toMatchObject({ created: 1, existing: 4 });
    expect((await api(w.t, w.teamA, 'POST', gen)).status).toBe(404);
    expect((await api(w.t, w.town, 'POST', gen)).status).toBe(404);

    const list = await api(w.t, w.office, 'GET', `/api/rectification/items?roundId=${w.roundId}&pageSize=50`);
    expect(list.body.total).toBe(5);
    expect(list.body.counts).toMatchObject({ drafting: 5, all: 5 });
    items = list.body.items;
    expect(items.map((i) => i.findingId).sort()).toEqual([...w.approved, w.townLevel, w.findingB].sort());
    expect(byFinding(w.townLevel)).toMatchObject({ kind: 'immediate', villageCode: null, responsibleUnitName: 'towna党委' });
    expect(byFinding(w.approved[0]!)).toMatchObject({ kind: 'limited', status: 'drafting' });
    const rows = await w.t.ctx.db.selectFrom('rectification_items').select('finding_id').execute();
    expect(rows.map((r) => r.finding_id)).not.toContain(w.draft);
  });

  it('scopes: a town sees its villages only, another town and another team get 404', async () => {
    const x = byFinding(w.approved[0]!);
    const b = byFinding(w.findingB);
    const town = await api(w.t, w.town, 'GET', '/api/rectification/items?pageSize=50');
    expect(town.body.total).toBe(4);
    expect(town.body.items.map((i: Item) => i.id)).not.toContain(b.id);
    expect((await api(w.t, w.otherTown, 'GET', url(x.id))).status).toBe(404);
    expect((await api(w.t, w.otherTown, 'POST', url(x.id, 'start'), { measures: 'x', deadline: '2026-12-20' })).status).toBe(404);
    expect((await api(w.t, w.otherTown, 'GET', '/api/rectification/items')).body.total).toBe(1);
    expect((await api(w.t, w.teamB, 'GET', url(x.id))).status).toBe(404);
    expect((await api(w.t, w.teamB, 'GET', url(b.id))).status).toBe(200);
    expect((await api(w.t, w.teamA, 'GET', '/api/rectification/items')).body.total).toBe(4);
    expect((await api(w.t, w.leading, 'GET', url(x.id))).status).toBe(200);
    expect((await api(w.t, w.leading, 'POST', url(x.id, 'start'), { measures: 'x', deadline: '2026-12-20' })).status).toBe(403);
    expect((await api(w.t, w.town, 'GET', `/api/rectification/items?status=drafting&villageCode=${w.v1}`)).body.total).toBe(2);
    const places = await api(w.t, w.town, 'GET', '/api/rectification/items/places');
    expect(places.body.items.map((t: { code: string }) => t.code)).toEqual([w.townA]);
    expect(places.body.items[0].villages.map((v: { code: string }) => v.code)).toEqual([w.v1, w.v2].sort());
    // nothing to extend before a deadline was set at the start
    expect((await detail(w.office, b.id)).actions).toEqual(['edit_measures']);
    const early = await api(w.t, w.office, 'POST', url(b.id, 'extend'), { deadline: '2027-02-28', reason: '需要等待年终审计' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('尚未确定整改期限');
  });

  it('runs the whole journey to closure by the four parties', async () => {
    const x = byFinding(w.approved[0]!);
    expect((await detail(w.town, x.id)).actions).toEqual(expect.arrayContaining(['edit_measures', 'start']));
    const noDeadline = await api(w.t, w.town, 'POST', url(x.id, 'start'), { measures: '召开村民代表会议补办民主决策程序' });
    expect(noDeadline.status).toBe(409);
    expect(noDeadline.body.message).toContain('限期整改事项须确定整改期限');
    const started = await api(w.t, w.town, 'POST', url(x.id, 'start'), { measures: '召开村民代表会议补办民主决策程序', deadline: '2026-12-20' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', deadline: '2026-12-20', dueOn: '2026-12-20', startedOn: '2026-11-22' });

    const noEvidence = await api(w.t, w.town, 'POST', url(x.id, 'submit'), {});
    expect(noEvidence.status).toBe(409);
    expect(noEvidence.body.message).toBe('申请销号须上传整改佐证材料');

    const up = await upload(w.t, w.town, url(x.id, 'evidence'), '会议记录.png', PNG);
    expect(up.status).toBe(201);
    expect(up.body.evidenceVersion).toBe(1);
    const fileId = up.body.evidence[0].id;
    const progress = await api(w.t, w.town, 'POST', url(x.id, 'progress'), { text: '已召开村民代表会议，补办了决策程序', reportedOn: '2026-11-22', evidenceFileIds: [fileId] });
    expect(progress.status).toBe(200);
    expect(progress.body.events.find((e: Item['events'][number]) => e.action === 'report_progress').files.map((f: { id: string }) => f.id)).toEqual([fileId]);
    const file = await w.t.app.inject({ method: 'GET', url: `/api/rectification/files/${fileId}`, headers: { cookie: w.discipline } });
    expect(file.statusCode).toBe(200);
    expect((await w.t.app.inject({ method: 'GET', url: `/api/rectification/files/${fileId}`, headers: { cookie: w.otherTown } })).statusCode).toBe(404);

    expect((await api(w.t, w.town, 'POST', url(x.id, 'submit'), { note: '请核查' })).body.status).toBe('submitted');
    expect((await api(w.t, w.teamB, 'POST', url(x.id, 'accept'), {})).status).toBe(404);
    const accepted = await api(w.t, w.teamA, 'POST', url(x.id, 'accept'), { comment: '经核查已整改' });
    expect(accepted.body.status).toBe('signing');
    expect(accepted.body.signOff.parties.map((p: { party: string }) => p.party)).toEqual(['office', 'discipline', 'organization', 'department']);

    expect((await detail(w.discipline, x.id)).actions).toEqual(expect.arrayContaining(['approve', 'return']));
    const townApprove = await api(w.t, w.town, 'POST', url(x.id, 'approve'), { evidenceVersion: 1 });
    expect(townApprove.status).toBe(409);
    expect(townApprove.body.message).toBe('只有销号审核单位可以审核销号');
    for (const cookie of [w.office, w.discipline, w.organization]) {
      const r = await api(w.t, cookie, 'POST', url(x.id, 'approve'), { evidenceVersion: 1 });
      expect(r.body.status).toBe('signing');
    }
    const twice = await api(w.t, w.office, 'POST', url(x.id, 'approve'), { evidenceVersion: 1 });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已审核通过当前版本的材料');
    const last = await api(w.t, w.department, 'POST', url(x.id, 'approve'), { evidenceVersion: 1, comment: '同意销号' });
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'closed', closedOn: '2026-11-22' });
    const closeEvent = last.body.events.at(-1);
    expect(closeEvent).toMatchObject({ action: 'close', actorName: '系统' });
    expect(last.body.actions).toEqual([]);
    expect((await detail(w.office, x.id)).actions).toEqual(['reopen']);

    const audits = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'rectification.item').where('entity_id', '=', x.id).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'start', 'add_evidence', 'report_progress', 'submit', 'accept', 'approve', 'approve', 'approve', 'approve', 'close']);
  });

  it('new evidence resets the approvals given before it', async () => {
    const y = byFinding(w.approved[1]!);
    await api(w.t, w.town, 'POST', url(y.id, 'start'), { measures: '补齐三会一课记录', deadline: '2026-12-31' });
    await upload(w.t, w.town, url(y.id, 'evidence'), '记录.pdf', PDF);
    await api(w.t, w.town, 'POST', url(y.id, 'submit'), {});
    await api(w.t, w.office, 'POST', url(y.id, 'accept'), {});
    await api(w.t, w.office, 'POST', url(y.id, 'approve'), { evidenceVersion: 1 });
    await api(w.t, w.discipline, 'POST', url(y.id, 'approve'), { evidenceVersion: 1 });
    const more = await upload(w.t, w.town, url(y.id, 'evidence'), '补充照片.png', PNG);
    expect(more.body).toMatchObject({ status: 'signing', evidenceVersion: 2 });
    const office = more.body.signOff.parties.find((p: { party: string }) => p.party === 'office');
    expect(office.approval).toMatchObject({ evidenceVersion: 1, current: false });
    expect(more.body.signOff.blockers[0]).toBe('尚待巡察办、纪委监委、组织部、主管部门审核通过第 2 版材料');
    const stale = await api(w.t, w.organization, 'POST', url(y.id, 'approve'), { evidenceVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('已更新为第 2 版');
    for (const cookie of [w.office, w.discipline, w.organization]) expect((await api(w.t, cookie, 'POST', url(y.id, 'approve'), { evidenceVersion: 2 })).body.status).toBe('signing');
    expect((await api(w.t, w.department, 'POST', url(y.id, 'approve'), { evidenceVersion: 2 })).body.status).toBe('closed');
  });

  it('a party sends the item back: approvals cleared; fixed, it goes round again and closes', async () => {
    const z = byFinding(w.townLevel);
    const tooLong = await api(w.t, w.town, 'POST', url(z.id, 'start'), { measures: '约谈提醒', deadline: '2027-03-01' });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.message).toContain('立行立改事项应在 30 天内完成');
    await api(w.t, w.town, 'POST', url(z.id, 'start'), { measures: '约谈提醒', deadline: '2026-12-10' });
    await upload(w.t, w.town, url(z.id, 'evidence'), '约谈记录.png', PNG);
    await api(w.t, w.town, 'POST', url(z.id, 'submit'), {});
    // the team checks first and sends it back with a reason
    expect((await api(w.t, w.teamA, 'POST', url(z.id, 'return'), { reason: '' })).status).toBe(400);
    const teamBack = await api(w.t, w.teamA, 'POST', url(z.id, 'return'), { reason: '材料不全，请补充约谈对象签字' });
    expect(teamBack.body.status).toBe('returned');
    await upload(w.t, w.town, url(z.id, 'evidence'), '签字页.png', PNG);
    await api(w.t, w.town, 'POST', url(z.id, 'submit'), {});
    await api(w.t, w.teamA, 'POST', url(z.id, 'accept'), {});
    await api(w.t, w.office, 'POST', url(z.id, 'approve'), { evidenceVersion: 2 });
    const back = await api(w.t, w.organization, 'POST', url(z.id, 'return'), { reason: '整改不彻底，未建立长效机制' });
    expect(back.body.status).toBe('returned');
    expect(back.body.signOff.history.at(-1)).toMatchObject({ party: 'organization', decision: 'returned', reason: '整改不彻底，未建立长效机制' });
    // resubmitted on the same evidence: the office's approval of the earlier pass no longer counts
    await api(w.t, w.town, 'POST', url(z.id, 'submit'), { note: '已建立约谈制度' });
    const again = await api(w.t, w.office, 'POST', url(z.id, 'accept'), {});
    expect(again.body.signOff.parties.every((p: { approval: unknown }) => p.approval === null)).toBe(true);
    for (const cookie of [w.office, w.discipline, w.organization]) await api(w.t, cookie, 'POST', url(z.id, 'approve'), { evidenceVersion: 2 });
    const closed = await api(w.t, w.department, 'POST', url(z.id, 'approve'), { evidenceVersion: 2 });
    expect(closed.body.status).toBe('closed');
    // the office reopens with a reason
    expect((await api(w.t, w.town, 'POST', url(z.id, 'reopen'), { reason: '回头看发现问题反弹' })).status).toBe(409);
    expect((await api(w.t, w.office, 'POST', url(z.id, 'reopen'), { reason: '回头看发现问题反弹' })).body.status).toBe('returned');
  });

  it('edits units and measures, extends deadlines only through the office', async () => {
    const v = byFinding(w.approved[2]!);
    const d = await detail(w.town, v.id);
    const edit = await api(w.t, w.town, 'PUT', url(v.id), {
      kind: 'limited',
      responsibleUnitKind: 'town',
      leadUnit: { name: 'towna党委' },
      cooperatingUnits: [{ name: '镇农经站' }],
      responsibleLeader: '张书记',
      handler: '李干事',
      measures: '规范误工补贴发放',
      deadline: '2027-01-31',
      version: (d as unknown as { version: number }).version,
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ responsibleLeader: '张书记', cooperatingUnits: [{ orgId: null, name: '镇农经站' }], dueOn: '2027-01-31' });
    const stale = await api(w.t, w.town, 'PUT', url(v.id), { kind: 'limited', leadUnit: { name: 'x' }, responsibleLeader: 'x', version: 1 });
    expect(stale.status).toBe(409);
    await api(w.t, w.town, 'POST', url(v.id, 'start'), {});
    expect((await api(w.t, w.town, 'POST', url(v.id, 'extend'), { deadline: '2027-02-28', reason: '需要等待年终审计' })).status).toBe(409);
    const ext = await api(w.t, w.office, 'POST', url(v.id, 'extend'), { deadline: '2027-02-28', reason: '需要等待年终审计' });
    expect(ext.body).toMatchObject({ deadline: '2027-02-28', status: 'in_progress' });
    w.t.setNow(new Date('2027-03-05T02:00:00Z'));
    // sessions expire across months: a fresh login at the later date
    const later = await w.t.login('office1', 'Work@12345');
    const overdue = await api(w.t, later, 'GET', `/api/rectification/items?overdue=1`);
    // v and the reopened town-level item (deadline 2026-12-10) are past due; closed items never are
    expect(overdue.body.items.map((i: Item) => i.id).sort()).toEqual([v.id, byFinding(w.townLevel).id].sort());
    expect(overdue.body.items.every((i: { overdue: boolean; alert: string }) => i.overdue && i.alert === 'red')).toBe(true);
    w.t.setNow(new Date('2026-11-22T02:00:00Z'));
  });

  it('exports the 三清单一台账 as four sheets, scoped like the list', async () => {
    // logging in at the later date purged the earlier sessions
    const office = await w.t.login('office1', 'Work@12345');
    const otherTown = await w.t.login('townb', 'Town@12345');
    const res = await w.t.app.inject({ method: 'GET', url: `/api/rectification/items/ledger.xlsx?roundId=${w.roundId}`, headers: { cookie: office } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('整改台账'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['问题清单', '任务清单', '责任清单', '整改台账']);
    const ledger = wb.getWorksheet('整改台账')!;
    expect(ledger.getRow(1).values).toEqual([undefined, '序号', '编号', '镇（街道）/村（社区）', '问题描述', '整改措施', '责任单位', '整改期限', '整改状态', '预警', '最新进展', '销号日期', '群众评议']);
    expect(ledger.rowCount).toBe(6);
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const texts = JSON.stringify(ledger.getSheetValues());
    expect(texts).toContain('已召开村民代表会议，补办了决策程序');
    expect(texts).toContain('已销号');
    const town = await w.t.app.inject({ method: 'GET', url: `/api/rectification/items/ledger.xlsx?townCode=${w.townBCode}`, headers: { cookie: otherTown } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(town.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('问题清单')!.rowCount).toBe(2);
  });
  it('the office sets the required parties: three approvals then close the item', async () => {
    const v = byFinding(w.approved[2]!);
    const [office, town, jiwei, zuzhi] = [await w.t.login('office1', 'Work@12345'), await w.t.login('towna', 'Town@12345'), await w.t.login('jiwei', 'Work@12345'), await w.t.login('zuzhi', 'Work@12345')];
    const three = { requiredParties: ['office', 'discipline', 'organization'] };
    expect((await api(w.t, town, 'PUT', '/api/rectification/sign-off-settings', three)).status).toBe(403);
    expect((await api(w.t, office, 'PUT', '/api/rectification/sign-off-settings', { requiredParties: [] })).status).toBe(400);
    expect((await api(w.t, office, 'PUT', '/api/rectification/sign-off-settings', three)).body).toEqual({ ...three, ratingRequired: false });
    await upload(w.t, town, url(v.id, 'evidence'), '发放表.pdf', PDF);
    await api(w.t, town, 'POST', url(v.id, 'submit'), {});
    const accepted = await api(w.t, office, 'POST', url(v.id, 'accept'), {});
    expect(accepted.body.signOff.parties.map((p: { party: string }) => p.party)).toEqual(['office', 'discipline', 'organization']);
    await api(w.t, office, 'POST', url(v.id, 'approve'), { evidenceVersion: 1 });
    await api(w.t, jiwei, 'POST', url(v.id, 'approve'), { evidenceVersion: 1 });
    expect((await api(w.t, zuzhi, 'POST', url(v.id, 'approve'), { evidenceVersion: 1 })).body.status).toBe('closed');
    expect((await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'rectification.settings').execute()).map((a) => a.action)).toEqual(['update']);
  });
  it('items, their history and sign-offs survive backup and restore', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-rect-')), 'backup.jsonl.gz');
    await backupTo(w.t.ctx.db, file, new Date('2026-11-22T00:00:00Z'));
    const target = await createTestApp();
    try {
      await restoreFrom(target.ctx.db, file, { replace: true });
      for (const table of ['rectification_items', 'rectification_item_events', 'rectification_sign_offs'] as const) {
        const rows = async (db: typeof w.t.ctx.db) => JSON.stringify(await db.selectFrom(table).selectAll().orderBy('id').execute());
        expect(await rows(target.ctx.db)).toBe(await rows(w.t.ctx.db));
      }
      expect((await target.ctx.db.selectFrom('rectification_sign_offs').select('id').execute()).length).toBeGreaterThan(10);
    } finally {
      await target.close();
    }
  });
});
