/**
 * Leads end to end through the API: a team drafts a lead (directly or from a finding), transfers it by
 * authority with a letter, the receiving commission signs, disposes, records outcomes per person and
 * reports; due and overdue flags on a fixed clock; who sees what (out of scope is 404).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../documents/test-read';
import { api, upload } from '../../test/fixtures';
import { createWorld, orgUser, type World } from '../inspections/test-setup';
import { setPhase } from '../../test/world';

let w: World;
let jiwei: { cookie: string; orgId: string };
let zuzhibu: { cookie: string; orgId: string };
let farJiwei: { cookie: string; orgId: string };
let farOffice: string;

beforeAll(async () => {
  w = await createWorld();
  jiwei = await orgUser(w.t, w.admin, 'discipline', '320481', 'jiwei', ['discipline']);
  zuzhibu = await orgUser(w.t, w.admin, 'organization', '320481', 'zuzhibu', ['organization']);
  farJiwei = await orgUser(w.t, w.admin, 'discipline', '320402', 'jiwei2', ['discipline']);
  farOffice = (await orgUser(w.t, w.admin, 'office', '320402', 'office2', ['office'])).cookie;
});
afterAll(async () => w?.t.close());

const at = (date: string) => w.t.setNow(new Date(`${date}T02:00:00Z`));
/** Moves the clock and logs in again there (sessions end after 7 days): office and commission cookies. */
async function atAndLogin(date: string) {
  at(date);
  return { office: await w.t.login('office1', 'Work@12345'), jiwei: await w.t.login('jiwei', 'Work@12345'), teamA: await w.t.login('teama', 'Work@12345') };
}
const persons = [{ name: '张三', position: '村党支部书记' }, { name: '李四' }];

async function draft(cookie = w.teamA, extra: Record<string, unknown> = {}) {
  const r = await api(w.t, cookie, 'POST', '/api/leads', { inspectionId: w.inspA, summary: '村书记涉嫌截留惠农补贴', evidence: '群众来信2封，补贴发放表', persons, authority: 'discipline', ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; number: number; status: string; villageCode: string; actions: string[] };
}

const transferBody = (extra: Record<string, unknown> = {}) => ({ authority: 'discipline', receivingOrgId: jiwei.orgId, letterNo: '溧巡移〔2026〕1号', transferredOn: '2026-11-20', ...extra });

async function transferred(extra: Record<string, unknown> = {}) {
  const lead = await draft();
  const r = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody(extra));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; deadline: { dueOn: string; daysLeft: number; flag: string } };
}

describe('the journey: draft → transferred → received → disposed → closed', () => {
  it('a team drafts, transfers with a letter; the commission signs, disposes, records outcomes and reports', async () => {
    at('2026-11-22');
    const lead = await draft();
    expect(lead).toMatchObject({ status: 'draft', villageCode: w.villageA, actions: ['edit', 'delete', 'transfer'] });
    expect(lead.number).toBeGreaterThan(0);

    const t = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody());
    expect(t.body).toMatchObject({ status: 'transferred', receivingOrgName: 'jiwei单位', letterNo: '溧巡移〔2026〕1号', deadline: { dueOn: '2027-02-20', daysLeft: 90, flag: 'ok' } });

    // the commission sees it, with the same deadline
    const seen = await api(w.t, jiwei.cookie, 'GET', `/api/leads/${lead.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'transferred', actions: ['receive', 'return'], deadline: { flag: 'ok' } });

    const rec = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-21', receivedByName: '王五' });
    expect(rec.status).toBe(200);
    expect(rec.body).toMatchObject({ status: 'received', receivedByName: '王五' });

    const disp = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/dispose`, { disposition: 'preliminary_verification', dispositionOn: '2026-11-22', caseOpenedOn: '2026-11-22' });
    expect(disp.body).toMatchObject({ status: 'disposed', dispositionName: '初步核实', caseOpenedOn: '2026-11-22' });

    // a case needs an outcome before closing; both reasons come at once
    const early = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/report`, { handlingReport: '经核实，反映问题属实。', reportedOn: '2026-11-23' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('LEAD_TRANSITION_NOT_ALLOWED');
    expect(early.body.details.reasons).toEqual(['报告日期（2026-11-23）不能晚于今天', '已立案的问题线索，办结前应登记处理结果']);

    const stranger = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/outcomes`, { personName: '王二', kind: 'party_sanction', measure: 'warning', decidedOn: '2026-11-22' });
    expect(stranger.status).toBe(409);
    expect(stranger.body.details.reasons).toEqual(['“王二”不是该线索登记的被反映人']);
    const mismatch = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/outcomes`, { personName: '张三', kind: 'party_sanction', measure: 'demotion', decidedOn: '2026-11-22' });
    expect(mismatch.status).toBe(400);

    const o1 = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/outcomes`, { personName: '张三', kind: 'party_sanction', measure: 'serious_warning', decidedOn: '2026-11-22' });
    expect(o1.status).toBe(201);
    await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/outcomes`, { personName: '李四', kind: 'organisational', measure: 'admonition', decidedOn: '2026-11-22', note: '诫勉' });

    const done = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/report`, { handlingReport: '经初步核实，反映问题基本属实，已立案并给予处分。', reportedOn: '2026-11-22' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'closed', reportedOn: '2026-11-22', deadline: { flag: 'reported' }, actions: ['reopen'] });

    const full = await api(w.t, w.teamA, 'GET', `/api/leads/${lead.id}`);
    expect(full.body.outcomes.map((o: { personName: string; measureName: string }) => `${o.personName}:${o.measureName}`)).toEqual(['张三:严重警告', '李四:诫勉谈话']);
    expect(full.body.history.map((h: { actionName: string }) => h.actionName)).toEqual(['登记', '移交', '签收', '登记处置', '登记处理结果', '登记处理结果', '报告办理情况并办结']);
    expect(full.body.actions).toEqual([]); // the team cannot act on a closed lead

    const audit = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity', '=', 'leads.lead').where('entity_id', '=', lead.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'transfer', 'receive', 'dispose', 'add_outcome', 'add_outcome', 'report']);
    expect(audit[2]!.actor_name).toBe('jiwei姓名');
  });

  it('the receiver cannot edit the team’s content; the team cannot act for the commission', async () => {
    const lead = await transferred();
    const edit = await api(w.t, jiwei.cookie, 'PUT', `/api/leads/${lead.id}`, { summary: '改写', persons, authority: 'discipline' });
    expect(edit.status).toBe(403);
    expect(edit.body.message).toContain('由移交方');
    const receive = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-21', receivedByName: '组员' });
    expect(receive.status).toBe(403);
    expect(receive.body.message).toContain('由接收单位办理');
    const edit2 = await api(w.t, w.teamA, 'PUT', `/api/leads/${lead.id}`, { summary: '改写', persons, authority: 'discipline' });
    expect(edit2.status).toBe(409);
    expect(edit2.body.message).toContain('已移交的请先撤回');
  });

  it('a receipt before the transfer date is refused; reopening a closed lead needs a reason', async () => {
    const lead = await transferred();
    const r = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-19', receivedByName: '王五' });
    expect(r.status).toBe(409);
    expect(r.body.details.reasons).toEqual(['签收日期（2026-11-19）不能早于移交日期（2026-11-20）']);
    await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-20', receivedByName: '王五' });
    await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/dispose`, { disposition: 'close', dispositionOn: '2026-11-21' });
    const closed = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/report`, { handlingReport: '反映问题不属实，予以了结。', reportedOn: '2026-11-21' });
    expect(closed.body.status).toBe('closed');
    expect((await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/reopen`, { reason: '' })).status).toBe(400);
    const re = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/reopen`, { reason: '发现新的证据' });
    expect(re.body).toMatchObject({ status: 'disposed', reportedOn: null, deadline: { dueOn: '2027-02-20', flag: 'ok' } });
  });
});

describe('transfer by authority', () => {
  it('lists every reason: wrong kind, no letter, future date', async () => {
    const lead = await draft();
    const r = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody({ receivingOrgId: zuzhibu.orgId, letterNo: ' x', transferredOn: '2026-11-30' }));
    expect(r.status).toBe(409);
    expect(r.body.details.reasons).toEqual(['按干部管理权限移交纪委监委，接收单位应为纪委监委', '移交日期（2026-11-30）不能晚于今天']);
  });
  it('refuses a commission whose scope does not cover the village, and a missing one', async () => {
    const lead = await draft();
    const far = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody({ receivingOrgId: farJiwei.orgId }));
    expect(far.body.details.reasons).toEqual(['接收单位的管辖范围不包括该村（社区）']);
    const none = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody({ receivingOrgId: null }));
    expect(none.body.details.reasons).toEqual(['请选择接收的纪委监委单位']);
  });
  it('a lead with nobody named cannot be transferred', async () => {
    const lead = await draft(w.teamA, { persons: [] });
    const r = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody());
    expect(r.body.details.reasons).toEqual(['请至少登记一名被反映人']);
  });
  it('to the organisation department: only it sees the lead, the commission does not', async () => {
    const lead = await draft(w.teamA, { authority: 'organization' });
    const r = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody({ authority: 'organization', receivingOrgId: zuzhibu.orgId }));
    expect(r.status).toBe(200);
    expect((await api(w.t, zuzhibu.cookie, 'GET', `/api/leads/${lead.id}`)).status).toBe(200);
    expect((await api(w.t, jiwei.cookie, 'GET', `/api/leads/${lead.id}`)).status).toBe(404);
  });
  it('涉法涉诉 to another body: named, no organisation; the team records its receipt and report', async () => {
    const lead = await draft(w.teamA, { authority: 'other' });
    const both = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody({ authority: 'other', otherBody: '溧阳市人民法院' }));
    expect(both.body.details.reasons).toEqual(['移交其他机关时不应选择本系统内的接收单位']);
    const ok = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody({ authority: 'other', otherBody: '溧阳市人民法院', receivingOrgId: null }));
    expect(ok.body).toMatchObject({ status: 'transferred', receiverName: '溧阳市人民法院', actions: ['recall', 'receive', 'return'] });
    await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-21', receivedByName: '法院立案庭' });
    const rep = await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/report`, { handlingReport: '法院已受理，依法审理中。', reportedOn: '2026-11-22' });
    expect(rep.body.status).toBe('closed');
  });
  it('the sender may recall before receipt; the receiver may return — both back to draft, out of the receiver’s sight', async () => {
    const a = await transferred();
    const recall = await api(w.t, w.teamA, 'POST', `/api/leads/${a.id}/recall`, { reason: '补充证据' });
    expect(recall.body).toMatchObject({ status: 'draft', receivingOrgId: null, deadline: null });
    expect((await api(w.t, jiwei.cookie, 'GET', `/api/leads/${a.id}`)).status).toBe(404);

    const b = await transferred();
    const ret = await api(w.t, jiwei.cookie, 'POST', `/api/leads/${b.id}/return`, { reason: '不属于本机关管辖' });
    expect(ret.status).toBe(200);
    expect((await api(w.t, jiwei.cookie, 'GET', `/api/leads/${b.id}`)).status).toBe(404);
    const back = await api(w.t, w.teamA, 'GET', `/api/leads/${b.id}`);
    expect(back.body.status).toBe('draft');
    expect(back.body.history.at(-1)).toMatchObject({ actionName: '退回移交单位', reason: '不属于本机关管辖' });
  });
});

describe('the round cannot leave 移交 with leads still with the team', () => {
  it('the phase move lists how many leads are not transferred, counted from the leads', async () => {
    await draft();
    const round = await w.t.ctx.db.selectFrom('rounds').select('phase').where('id', '=', w.roundId).executeTakeFirstOrThrow();
    const drafts = await w.t.ctx.db.selectFrom('leads').select('id').where('round_id', '=', w.roundId).where('status', '=', 'draft').execute();
    expect(drafts.length).toBeGreaterThan(0);
    await setPhase(w.t, w.roundId, 'transfer');
    try {
      const r = await api(w.t, w.office, 'POST', `/api/planning/rounds/${w.roundId}/phase`, { to: 'rectification' });
      expect(r.status).toBe(409);
      expect(JSON.stringify(r.body)).toContain(`还有 ${drafts.length} 条问题线索尚未移交`);
    } finally {
      await setPhase(w.t, w.roundId, round.phase);
    }
  });
});

describe('who sees what', () => {
  it('team B, the town, another county and a far commission get 404; the list shows them nothing of it', async () => {
    const lead = await transferred();
    for (const cookie of [w.teamB, w.town, farOffice, farJiwei.cookie, zuzhibu.cookie]) {
      const r = await api(w.t, cookie, 'GET', `/api/leads/${lead.id}`);
      expect(r.status).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(w.villageA);
      expect((await api(w.t, cookie, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-21', receivedByName: 'x' })).status).toBe(404);
    }
    const listB = await api(w.t, w.teamB, 'GET', '/api/leads');
    expect(listB.body.items.map((l: { id: string }) => l.id)).not.toContain(lead.id);
    expect((await api(w.t, w.town, 'GET', '/api/leads')).status).toBe(404);
  });
  it('a commission sees only leads transferred to it — never drafts', async () => {
    const d = await draft();
    expect((await api(w.t, jiwei.cookie, 'GET', `/api/leads/${d.id}`)).status).toBe(404);
    const list = await api(w.t, jiwei.cookie, 'GET', '/api/leads?pageSize=500');
    expect(list.body.items.length).toBe(list.body.total);
    expect(list.body.items.every((l: { receivingOrgId: string }) => l.receivingOrgId === jiwei.orgId)).toBe(true);
    expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(d.id);
  });
  it('team B cannot draft on team A’s inspection; the office can; the leading group reads but may not write', async () => {
    const b = await api(w.t, w.teamB, 'POST', '/api/leads', { inspectionId: w.inspA, summary: 'x', persons, authority: 'discipline' });
    expect(b.status).toBe(404);
    const office = await draft(w.office);
    expect(office.status).toBe('draft');
    expect((await api(w.t, w.leading, 'GET', `/api/leads/${office.id}`)).status).toBe(200);
    expect((await api(w.t, w.leading, 'PUT', `/api/leads/${office.id}`, { summary: 'x', persons, authority: 'discipline' })).status).toBe(403);
    expect((await api(w.t, w.teamA, 'GET', `/api/leads/${office.id}`)).status).toBe(200); // the team of the target sees the office's lead
  });
  it('a commission cannot create leads', async () => {
    expect((await api(w.t, jiwei.cookie, 'POST', '/api/leads', { inspectionId: w.inspA, summary: 'x', persons, authority: 'discipline' })).status).toBe(404);
  });
});

describe('drafts: edit, delete, from a finding', () => {
  it('edits with version check, deletes drafts only', async () => {
    const lead = await draft();
    const ok = await api(w.t, w.teamA, 'PUT', `/api/leads/${lead.id}`, { summary: '改后的摘要', persons: [{ name: '赵六' }], authority: 'organization', version: 1 });
    expect(ok.body).toMatchObject({ summary: '改后的摘要', authority: 'organization', version: 2 });
    const stale = await api(w.t, w.teamA, 'PUT', `/api/leads/${lead.id}`, { summary: 'x', persons, authority: 'discipline', version: 1 });
    expect(stale.status).toBe(409);
    const t = await transferred();
    expect((await api(w.t, w.teamA, 'DELETE', `/api/leads/${t.id}`)).status).toBe(409);
    expect((await api(w.t, w.teamA, 'DELETE', `/api/leads/${lead.id}`)).status).toBe(200);
    expect((await api(w.t, w.teamA, 'GET', `/api/leads/${lead.id}`)).status).toBe(404);
    // the deleted draft's number is not given again
    const last = await draft();
    const again = await api(w.t, w.teamA, 'DELETE', `/api/leads/${last.id}`);
    expect(again.status).toBe(200);
    expect((await draft()).number).toBe(last.number + 1);
  });
  it('a registry cadre of another village is refused as a person concerned', async () => {
    const other = await w.t.ctx.db
      .insertInto('cadres')
      .values({ village_code: w.villageB, name: '钱七', id_number: '320481199001011234', positions: JSON.stringify(['村委会主任']), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await api(w.t, w.teamA, 'POST', '/api/leads', { inspectionId: w.inspA, summary: 'x', persons: [{ name: '钱七', cadreId: other.id }], authority: 'discipline' });
    expect(r.status).toBe(400);
    expect(r.body.details.reasons).toEqual(['被反映人“钱七”所选的干部不属于该村（社区）']);
  });
  it('from a finding: village, town, summary and persons are copied; another team gets 404', async () => {
    const cadre = await w.t.ctx.db
      .insertInto('cadres')
      .values({ village_code: w.villageA, name: '孙八', id_number: '320481198001011234', positions: JSON.stringify(['村党支部书记']), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const f = await w.t.ctx.db
      .insertInto('findings')
      .values({
        round_id: w.roundId,
        target_id: w.targetA,
        inspection_id: w.inspA,
        village_code: w.villageA,
        town_code: w.townA,
        number: 900,
        category: 'weak_leadership',
        title: '虚报冒领低保金',
        description: '2025年有3户不符合条件的家庭领取低保',
        responsible: JSON.stringify([{ cadreId: cadre.id, name: '', position: '村党支部书记' }, { name: '周九', position: '会计' }]),
        source: 'petition',
        found_on: '2026-11-10',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await api(w.t, w.teamA, 'POST', '/api/leads', { findingId: f.id, authority: 'discipline' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      findingId: f.id,
      villageCode: w.villageA,
      townCode: w.townA,
      summary: '虚报冒领低保金。2025年有3户不符合条件的家庭领取低保',
      persons: [
        { name: '孙八', cadreId: cadre.id, position: '村党支部书记' },
        { name: '周九', cadreId: null, position: '会计' },
      ],
    });
    expect((await api(w.t, w.teamB, 'POST', '/api/leads', { findingId: f.id, authority: 'discipline' })).status).toBe(404);
  });
});

describe('due and overdue on a fixed clock', () => {
  it('flags, filters and counts move with the clock, for the office and the commission alike', async () => {
    at('2026-11-22');
    const before = (await api(w.t, w.office, 'GET', '/api/leads/summary')).body;
    const lead = await transferred({ transferredOn: '2026-11-22' }); // due 2027-02-22
    expect(lead.deadline).toEqual({ dueOn: '2027-02-22', daysLeft: 92, flag: 'ok' });
    try {
      let c = await atAndLogin('2027-02-10');
      const soon = await api(w.t, c.jiwei, 'GET', '/api/leads?flag=due_soon');
      expect(soon.body.items.map((l: { id: string }) => l.id)).toContain(lead.id);
      expect(soon.body.items.every((l: { deadline: { flag: string } }) => l.deadline.flag === 'due_soon')).toBe(true);
      expect((await api(w.t, c.office, 'GET', `/api/leads/${lead.id}`)).body.deadline).toEqual({ dueOn: '2027-02-22', daysLeft: 12, flag: 'due_soon' });
      expect((await api(w.t, c.jiwei, 'GET', '/api/leads/summary')).body.dueSoon).toBe(soon.body.total);

      c = await atAndLogin('2027-02-23');
      const over = await api(w.t, c.office, 'GET', '/api/leads?flag=overdue&pageSize=500');
      expect(over.body.items.map((l: { id: string }) => l.id)).toContain(lead.id);
      expect(over.body.items.every((l: { deadline: { flag: string; daysLeft: number } }) => l.deadline.flag === 'overdue' && l.deadline.daysLeft < 0)).toBe(true);
      expect((await api(w.t, c.office, 'GET', '/api/leads?flag=due_soon&pageSize=500')).body.items.map((l: { id: string }) => l.id)).not.toContain(lead.id);

      const office = (await api(w.t, c.office, 'GET', '/api/leads/summary')).body;
      const commission = (await api(w.t, c.jiwei, 'GET', '/api/leads/summary')).body;
      expect(office.overdue).toBe(over.body.total);
      expect(commission.overdue).toBeGreaterThanOrEqual(1);
      expect(commission.total).toBeLessThan(office.total); // drafts and other bodies' leads are not the commission's
      expect(office.total).toBe(before.total + 1);

      // the report in, the flag turns to reported and the count drops
      await api(w.t, c.jiwei, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-23', receivedByName: '王五' });
      await api(w.t, c.jiwei, 'POST', `/api/leads/${lead.id}/dispose`, { disposition: 'talk_inquiry', dispositionOn: '2026-12-01' });
      const rep = await api(w.t, c.jiwei, 'POST', `/api/leads/${lead.id}/report`, { handlingReport: '已谈话函询，本人作出说明，予以采信。', reportedOn: '2027-02-23' });
      expect(rep.body.deadline).toEqual({ dueOn: '2027-02-22', daysLeft: -1, flag: 'reported' });
      expect((await api(w.t, c.jiwei, 'GET', '/api/leads/summary')).body.overdue).toBe(commission.overdue - 1);
    } finally {
      const c = await atAndLogin('2026-11-22');
      w.office = c.office;
      w.teamA = c.teamA;
      // the jump ahead ended every other session too
      w.teamB = await w.t.login('teamb', 'Work@12345');
      w.town = await w.t.login('towna', 'Town@12345');
      w.leading = await w.t.login('leader1', 'Work@12345');
      zuzhibu.cookie = await w.t.login('zuzhibu', 'Work@12345');
      farJiwei.cookie = await w.t.login('jiwei2', 'Work@12345');
      farOffice = await w.t.login('office2', 'Work@12345');
      jiwei.cookie = c.jiwei;
    }
  });

  it('the office sets the months; new transfers use them; others may not', async () => {
    expect((await api(w.t, w.teamA, 'GET', '/api/leads/settings')).body).toEqual({ reportMonths: 3, dueSoonDays: 15 });
    expect((await api(w.t, w.teamA, 'PUT', '/api/leads/settings', { reportMonths: 2 })).status).toBe(403);
    expect((await api(w.t, jiwei.cookie, 'PUT', '/api/leads/settings', { reportMonths: 2 })).status).toBe(403);
    expect((await api(w.t, w.office, 'PUT', '/api/leads/settings', { reportMonths: 0 })).status).toBe(400);
    expect((await api(w.t, w.office, 'PUT', '/api/leads/settings', { reportMonths: 2 })).body.reportMonths).toBe(2);
    const lead = await transferred({ transferredOn: '2026-08-31' });
    expect(lead.deadline.dueOn).toBe('2026-10-31');
    expect(lead.deadline.flag).toBe('overdue');
    await api(w.t, w.office, 'PUT', '/api/leads/settings', { reportMonths: 3 });
    const audit = await w.t.ctx.db.selectFrom('audit_log').select('after').where('entity', '=', 'leads.settings').orderBy('seq').execute();
    expect(audit.map((a) => (a.after as { reportMonths: number }).reportMonths)).toEqual([2, 3]);
  });

  it('lists page and filter by status and authority', async () => {
    const page = await api(w.t, w.office, 'GET', '/api/leads?page=1&pageSize=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    const closed = await api(w.t, w.office, 'GET', '/api/leads?status=closed&pageSize=500');
    expect(closed.body.items.every((l: { status: string }) => l.status === 'closed')).toBe(true);
    const other = await api(w.t, w.office, 'GET', '/api/leads?authority=other&pageSize=500');
    expect(other.body.items.length).toBeGreaterThan(0);
    expect(other.body.items.every((l: { authority: string }) => l.authority === 'other')).toBe(true);
    const q = await api(w.t, w.office, 'GET', `/api/leads?q=${encodeURIComponent('低保')}`);
    expect(q.body.items.every((l: { summary: string }) => l.summary.includes('低保'))).toBe(true);
    expect((await api(w.t, w.office, 'GET', '/api/leads?flag=late')).status).toBe(400);
  });
});

describe('documents: the transfer letter and the ledger', () => {
  const get = (cookie: string, url: string) => w.t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('问题线索移交函 names the receiver, the persons, the letter number and the due date; out of scope is 404', async () => {
    const lead = await transferred({ letterNo: '溧巡移〔2026〕9号' });
    const res = await get(w.teamA, `/api/leads/${lead.id}/transfer-letter.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('问题线索移交函-')}`);
    const doc = readDocx(res.rawPayload);
    expect(doc.text).toContain('问题线索移交函');
    expect(doc.text).toContain('溧巡移〔2026〕9号');
    expect(doc.text).toContain('jiwei单位');
    expect(doc.text).toContain('张三');
    expect(doc.text).toContain('村书记涉嫌截留惠农补贴');
    expect(doc.text).toContain('群众来信2封，补贴发放表');
    expect(doc.text).toContain('2027年2月20日');
    expect((await get(jiwei.cookie, `/api/leads/${lead.id}/transfer-letter.docx`)).statusCode).toBe(200);
    expect((await get(w.teamB, `/api/leads/${lead.id}/transfer-letter.docx`)).statusCode).toBe(404);
    expect((await get(zuzhibu.cookie, `/api/leads/${lead.id}/transfer-letter.docx`)).statusCode).toBe(404);
  });

  it('问题线索台账: the office gets every lead of the round, a commission only its own', async () => {
    const load = async (cookie: string) => {
      const res = await get(cookie, `/api/leads/ledger.xlsx?roundId=${w.roundId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('问题线索台账'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      return { ws, rows: ws.rowCount - 1 };
    };
    const office = await load(w.office);
    const commission = await load(jiwei.cookie);
    const officeTotal = (await api(w.t, w.office, 'GET', `/api/leads?roundId=${w.roundId}`)).body.total;
    const commissionTotal = (await api(w.t, jiwei.cookie, 'GET', `/api/leads?roundId=${w.roundId}`)).body.total;
    expect(office.rows).toBe(officeTotal);
    expect(commission.rows).toBe(commissionTotal);
    expect(commission.rows).toBeLessThan(office.rows);
    const headers = (office.ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('处理结果');
    const outcomesCol = headers.indexOf('处理结果') + 1;
    const texts = [];
    for (let i = 2; i <= office.ws.rowCount; i++) texts.push(String(office.ws.getRow(i).getCell(outcomesCol).value ?? ''));
    expect(texts).toContain('张三：党纪处分·严重警告；李四：组织处理·诫勉谈话');
    expect((await get(w.town, '/api/leads/ledger.xlsx')).statusCode).toBe(404);
  });
});

describe('files of a lead', () => {
  const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  );
  it('the team attaches evidence, the commission reads it after transfer and adds the signed hand-over; others get 404; closed leads are locked', async () => {
    const lead = await draft();
    const up = await upload(w.t, w.teamA, `/api/leads/${lead.id}/attachments`, '补贴发放表.png', PNG);
    expect(up.status).toBe(201);
    expect((await api(w.t, w.teamB, 'GET', `/api/files/${up.body.id}`)).status).toBe(404);
    expect((await api(w.t, jiwei.cookie, 'GET', `/api/files/${up.body.id}`)).status).toBe(404); // not transferred yet
    expect((await upload(w.t, w.teamB, `/api/leads/${lead.id}/attachments`, 'x.png', PNG)).status).toBe(404);

    await api(w.t, w.teamA, 'POST', `/api/leads/${lead.id}/transfer`, transferBody());
    const got = await w.t.app.inject({ method: 'GET', url: `/api/files/${up.body.id}`, headers: { cookie: jiwei.cookie } });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const signed = await upload(w.t, jiwei.cookie, `/api/leads/${lead.id}/attachments`, '签收单.png', PNG);
    expect(signed.status).toBe(201);
    const seen = await api(w.t, w.teamA, 'GET', `/api/leads/${lead.id}`);
    expect(seen.body.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['签收单.png', '补贴发放表.png'].sort());

    await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/receive`, { receivedOn: '2026-11-21', receivedByName: '王五' });
    await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/dispose`, { disposition: 'close', dispositionOn: '2026-11-21' });
    await api(w.t, jiwei.cookie, 'POST', `/api/leads/${lead.id}/report`, { handlingReport: '经了解，反映问题不属实，予以了结。', reportedOn: '2026-11-22' });
    const late = await api(w.t, jiwei.cookie, 'DELETE', `/api/leads/${lead.id}/attachments/${signed.body.id}`);
    expect(late.status).toBe(409);
    expect(late.body.details.reasons[0]).toContain('已办结');
  });
});
