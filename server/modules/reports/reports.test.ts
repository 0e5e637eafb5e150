/**
 * Reports and feedback through their routes: the phase, the report's statuses (assemble, edit, hear,
 * approve, reopen), feedback in order with every refusal, 巡察建议书 and 移交事项 with their clocks,
 * the documents, access (404 out of scope, 403 for readers) and the audit rows.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { readDocx } from '../documents/test-read';
import { createReportsWorld, setPhase, type ReportsWorld } from './test-setup';

describe('reports and feedback', () => {
  let w: ReportsWorld;
  let base: string;
  beforeAll(async () => {
    w = await createReportsWorld();
    base = `/api/reports/rounds/${w.roundId}/targets/${w.townTarget}`;
  });
  afterAll(async () => w.t.close());

  const get = (cookie: string, url: string) => w.t.app.inject({ method: 'GET', url, headers: { cookie } });
  const audits = async (entity: string) => (await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', entity).orderBy('seq').execute()).map((r) => r.action);

  it('refuses to draft before 报告, naming the phase', async () => {
    const r = await api(w.t, w.teamA, 'POST', `${base}/report`);
    expect(r.status).toBe(409);
    expect(r.body.message).toBe('本轮巡察处于“了解”阶段（尚未进入“报告”阶段），起草巡察报告须在报告阶段及以后（立卷归档前）进行');
    expect(r.body.details.reasons).toHaveLength(1);
  });

  it('assembles a draft from the approved findings only, grouped with counts and money', async () => {
    await setPhase(w.t, w.roundId, 'report');
    const r = await api(w.t, w.teamA, 'POST', `${base}/report`);
    expect(r.status).toBe(200);
    expect(r.body.report.status).toBe('draft');
    expect(r.body.summary).toMatchObject({ count: 3, amount: '38000.50' });
    expect(r.body.summary.groups.map((g: { categoryName: string; count: number }) => [g.categoryName, g.count])).toEqual([
      ['党的领导弱化', 2],
      ['党的建设缺失', 1],
    ]);
    const text = JSON.stringify(r.body.report.body);
    expect(text).toContain('集体资金支出未经民主决策');
    expect(text).not.toContain('尚在草稿的问题');
    expect(r.body.report.body[0].paragraphs[0]).toContain('共发现问题3个，涉及金额3.8万元');
    expect(await audits('reports.report')).toEqual(['create']);
  });

  it('access: other team and the town 404, the leading group reads but cannot write, the team cannot hear', async () => {
    expect((await api(w.t, w.teamB, 'GET', base)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'POST', `${base}/report`)).status).toBe(404);
    expect((await api(w.t, w.town, 'GET', base)).status).toBe(404);
    expect((await api(w.t, w.town, 'GET', `/api/reports/rounds/${w.roundId}/targets`)).status).toBe(404);
    expect((await api(w.t, w.leading, 'GET', base)).status).toBe(200);
    expect((await api(w.t, w.leading, 'POST', `${base}/report`)).status).toBe(403);
    expect((await api(w.t, w.teamA, 'POST', `${base}/report/hear`, { heardOn: '2026-11-20' })).status).toBe(403);
    const list = await api(w.t, w.teamA, 'GET', `/api/reports/rounds/${w.roundId}/targets`);
    expect(list.body.items.map((t: { id: string }) => t.id).sort()).toEqual([w.targetA, w.townTarget].sort());
    expect((await api(w.t, w.teamB, 'GET', `/api/reports/rounds/${w.roundId}/targets`)).body.total).toBe(1);
    expect((await api(w.t, w.office, 'GET', `/api/reports/rounds/${w.roundId}/targets?pageSize=1`)).body).toMatchObject({ total: 3 });
  });

  it('edits with the version, refuses a stale save; approval needs the hearing first', async () => {
    const cur = await api(w.t, w.teamA, 'GET', base);
    const body = [{ heading: '总体情况', paragraphs: ['修改后的正文。'] }];
    const ok = await api(w.t, w.teamA, 'PUT', `${base}/report`, { title: '关于巡察城关的报告', body, version: cur.body.report.version });
    expect(ok.status).toBe(200);
    expect(ok.body.report.body).toEqual(body);
    const stale = await api(w.t, w.teamA, 'PUT', `${base}/report`, { title: 'x', body, version: cur.body.report.version });
    expect(stale.status).toBe(409);
    expect((await api(w.t, w.teamA, 'PUT', `${base}/report`, { title: '', body: [], version: 1 })).status).toBe(400);
    const early = await api(w.t, w.office, 'POST', `${base}/report/approve`, { approvedOn: '2026-11-21' });
    expect(early.status).toBe(409);
    expect(early.body.details.reasons).toEqual(['领导小组尚未听取汇报，不能审定；请先登记听取汇报的日期和意见']);
    expect((await api(w.t, w.office, 'POST', `${base}/report/hear`, { heardOn: '2026-11-20', note: '同意' })).body.report.status).toBe('heard');
    const before = await api(w.t, w.office, 'POST', `${base}/report/approve`, { approvedOn: '2026-11-19' });
    expect(before.status).toBe(409);
    expect(before.body.message).toContain('不能早于领导小组听取汇报的日期');
    const approved = await api(w.t, w.office, 'POST', `${base}/report/approve`, { approvedOn: '2026-11-21' });
    expect(approved.body.report).toMatchObject({ status: 'approved', approvedOn: '2026-11-21', actions: ['reopen'] });
  });

  it('an approved report cannot be edited or re-assembled (409); the office reopens with a reason', async () => {
    const edit = await api(w.t, w.teamA, 'PUT', `${base}/report`, { title: 'x', body: [{ heading: 'a', paragraphs: [] }], version: 99 });
    expect(edit.status).toBe(409);
    expect(edit.body.details.reasons[0]).toContain('已审定，不能修改');
    expect((await api(w.t, w.teamA, 'POST', `${base}/report`)).status).toBe(409);
    expect((await api(w.t, w.office, 'POST', `${base}/report/reopen`, { reason: '' })).status).toBe(400);
    const re = await api(w.t, w.office, 'POST', `${base}/report/reopen`, { reason: '补充典型案例' });
    expect(re.body.report).toMatchObject({ status: 'draft', heardOn: null, approvedOn: null });
    await api(w.t, w.office, 'POST', `${base}/report/hear`, { heardOn: '2026-11-21' });
    await api(w.t, w.office, 'POST', `${base}/report/approve`, { approvedOn: '2026-11-21' });
    expect(await audits('reports.report')).toEqual(['create', 'update', 'hear', 'approve', 'reopen', 'hear', 'approve']);
  });

  it('feedback waits for 反馈, then goes town first, villages after and not earlier', async () => {
    const v1 = { villageCode: w.v1, fedBackOn: '2026-11-25', opinion: '反馈意见' };
    const tooEarly = await api(w.t, w.teamA, 'POST', `${base}/feedback`, { fedBackOn: '2026-11-24', opinion: '反馈意见' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.details.reasons[0]).toContain('尚未进入“反馈”阶段');
    await setPhase(w.t, w.roundId, 'feedback');
    const first = await api(w.t, w.teamA, 'POST', `${base}/feedback`, v1);
    expect(first.status).toBe(409);
    expect(first.body.details.reasons).toEqual([`须先向${w.townName}党委反馈，再向${w.v1Name}反馈`]);
    const detail = await api(w.t, w.teamA, 'GET', base);
    expect(detail.body.feedback.map((s: { unit: string }) => s.unit)[0]).toBe(w.townName);
    expect(detail.body.feedback[1].problems).toEqual([`须先向${w.townName}党委反馈，再向${w.v1Name}反馈`]);
    const town = await api(w.t, w.teamA, 'POST', `${base}/feedback`, { villageCode: null, fedBackOn: '2026-11-24', opinion: '总体评价良好', attendees: '镇党委书记' });
    expect(town.status).toBe(201);
    const row = await w.t.ctx.db.selectFrom('round_targets').select('feedback_on').where('id', '=', w.townTarget).executeTakeFirstOrThrow();
    expect(row.feedback_on).toBe('2026-11-24');
    expect((await api(w.t, w.teamA, 'POST', `${base}/feedback`, { fedBackOn: '2026-11-24', opinion: '再来一次' })).body.details.reasons).toEqual([`已登记对${w.townName}的反馈`]);
    const earlier = await api(w.t, w.teamA, 'POST', `${base}/feedback`, { ...v1, fedBackOn: '2026-11-23' });
    expect(earlier.body.details.reasons).toEqual([`对${w.v1Name}的反馈日期（2026-11-23）不能早于对${w.townName}的反馈日期（2026-11-24）`]);
    const outside = await api(w.t, w.teamA, 'POST', `${base}/feedback`, { ...v1, villageCode: w.outside });
    expect(outside.body.details.reasons).toEqual([`该村（社区）不在${w.townName}本轮巡察的范围内`]);
    expect((await api(w.t, w.teamA, 'POST', `${base}/feedback`, v1)).status).toBe(201);
    expect((await api(w.t, w.leading, 'POST', `${base}/feedback`, { ...v1, villageCode: w.v2 })).status).toBe(403);
    expect(await audits('reports.feedback')).toHaveLength(2);
    const reopen = await api(w.t, w.office, 'POST', `${base}/report/reopen`, { reason: '再改' });
    expect(reopen.body.details.reasons).toEqual(['已按本报告向被巡察党组织反馈，不能重新打开']);
    // and the button is not offered any more
    expect((await api(w.t, w.office, 'GET', base)).body.report.actions).toEqual([]);
  });

  it('feedback only on an approved report; a village target has no village feedback of its own', async () => {
    const other = `/api/reports/rounds/${w.roundId}/targets/${w.targetA}`;
    const r = await api(w.t, w.teamA, 'POST', `${other}/feedback`, { fedBackOn: '2026-11-24', opinion: '意见' });
    expect(r.status).toBe(409);
    expect(r.body.details.reasons[0]).toContain('巡察报告尚未起草');
    const v = await api(w.t, w.teamA, 'POST', `${other}/feedback`, { villageCode: w.villageA, fedBackOn: '2026-11-24', opinion: '意见' });
    expect(v.body.details.reasons.some((x: string) => x.includes('对它本身的反馈即为对该村的反馈'))).toBe(true);
    expect((await get(w.teamA, `${other}/feedback.docx`)).statusCode).toBe(409);
  });

  it('documents: report, feedback with village lists, a village problem list; Chinese file names; 404 out of scope', async () => {
    const report = await get(w.teamA, `${base}/report.docx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`巡察报告-2026年第2轮-${w.townName}`)}`);
    expect(readDocx(report.rawPayload).text).toContain('修改后的正文');
    const fb = await get(w.office, `${base}/feedback.docx`);
    expect(fb.statusCode).toBe(200);
    const fbText = readDocx(fb.rawPayload).text;
    for (const s of ['总体评价良好', '集体资金支出未经民主决策', `${w.v1Name}问题清单`]) expect(fbText).toContain(s);
    const list = await get(w.teamA, `${base}/villages/${w.v1}/problem-list.docx`);
    expect(list.statusCode).toBe(200);
    const listText = readDocx(list.rawPayload).text;
    expect(listText).toContain('集体资金支出未经民主决策');
    expect(listText).not.toContain('误工补贴发放不规范');
    expect((await get(w.teamA, `${base}/villages/${w.outside}/problem-list.docx`)).statusCode).toBe(404);
    expect((await get(w.teamB, `${base}/report.docx`)).statusCode).toBe(404);
    expect((await get(w.town, `${base}/feedback.docx`)).statusCode).toBe(404);
  });

  it('专题报告: create, edit, delete; out of scope 404', async () => {
    const url = `/api/reports/rounds/${w.roundId}/special-reports`;
    const c = await api(w.t, w.teamA, 'POST', url, { title: '关于村级集体资金管理的专题报告', body: [{ heading: '基本情况', paragraphs: ['共性问题'] }] });
    expect(c.status).toBe(201);
    expect((await api(w.t, w.office, 'PUT', `/api/reports/special-reports/${c.body.id}`, { title: '改', body: [{ heading: 'a', paragraphs: [] }], version: 1 })).body.version).toBe(2);
    expect((await api(w.t, w.leading, 'GET', url)).body.total).toBe(1);
    expect((await api(w.t, w.town, 'DELETE', `/api/reports/special-reports/${c.body.id}`)).status).toBe(404);
    expect((await api(w.t, w.teamA, 'DELETE', `/api/reports/special-reports/${c.body.id}`)).status).toBe(200);
    expect(await audits('reports.special')).toEqual(['create', 'update', 'delete']);
  });

  it('巡察建议书: numbered per round, sent with a 30-day default, overdue by the clock, replied; the letter', async () => {
    const url = `/api/reports/rounds/${w.roundId}/suggestions`;
    const input = { departmentOrgId: w.departmentOrgId, title: '农村低保动态管理', content: '多个村低保对象未及时调整', measures: ['开展专项排查', '完善动态管理机制'] };
    const notDept = await api(w.t, w.office, 'POST', url, { ...input, departmentOrgId: w.teamAOrg });
    expect(notDept.status).toBe(400);
    const a = await api(w.t, w.office, 'POST', url, input);
    const b = await api(w.t, w.teamA, 'POST', url, { ...input, title: '农村道路养护' });
    expect([a.body.numberLabel, b.body.numberLabel]).toEqual(['巡建〔2026〕1号', '巡建〔2026〕2号']);
    const early = await api(w.t, w.office, 'POST', `/api/reports/suggestions/${a.body.id}/reply`, { reply: '已整改', repliedOn: '2026-11-30' });
    expect(early.body.details.reasons).toEqual(['巡察建议书尚未发出，不能登记回复']);
    const sent = await api(w.t, w.office, 'POST', `/api/reports/suggestions/${a.body.id}/send`, { sentOn: '2026-10-01' });
    expect(sent.body).toMatchObject({ status: 'sent', replyDueOn: '2026-10-31', clock: 'overdue', clockName: '已逾期' });
    expect((await api(w.t, w.office, 'PUT', `/api/reports/suggestions/${a.body.id}`, input)).status).toBe(409);
    expect((await api(w.t, w.office, 'DELETE', `/api/reports/suggestions/${a.body.id}`)).status).toBe(409);
    const backdated = await api(w.t, w.office, 'POST', `/api/reports/suggestions/${a.body.id}/reply`, { reply: '已整改', repliedOn: '2026-09-30' });
    expect(backdated.body.details.reasons).toEqual(['回复日期（2026-09-30）不能早于发出日期（2026-10-01）']);
    const replied = await api(w.t, w.office, 'POST', `/api/reports/suggestions/${a.body.id}/reply`, { reply: '已开展专项排查', repliedOn: '2026-11-02' });
    expect(replied.body).toMatchObject({ status: 'replied', clock: 'none' });
    const letter = await get(w.teamA, `/api/reports/suggestions/${a.body.id}/letter.docx`);
    expect(letter.statusCode).toBe(200);
    const text = readDocx(letter.rawPayload).text;
    for (const s of ['巡建〔2026〕1号', '农村低保动态管理', '开展专项排查', '2026年10月31日']) expect(text).toContain(s);
    expect((await get(w.town, `/api/reports/suggestions/${a.body.id}/letter.docx`)).statusCode).toBe(404);
    expect((await api(w.t, w.teamA, 'DELETE', `/api/reports/suggestions/${b.body.id}`)).status).toBe(200);
    expect((await api(w.t, w.office, 'GET', url)).body.total).toBe(1);
    expect(await audits('reports.suggestion')).toEqual(['create', 'create', 'send', 'reply', 'delete']);
  });

  it('移交事项: from an approved finding only, completed once, due flags, ledger', async () => {
    const url = `/api/reports/rounds/${w.roundId}/transfer-items`;
    const base2 = { departmentOrgId: w.departmentOrgId, title: '低保资格复核', sentOn: '2026-11-20' };
    const fromDraft = await api(w.t, w.teamA, 'POST', url, { ...base2, findingId: w.draft });
    expect(fromDraft.body.details.reasons).toEqual(['只有已审定的问题底稿才能作为移交事项的来源']);
    expect((await api(w.t, w.teamB, 'POST', url, { ...base2, findingId: w.approved[0] })).status).toBe(400);
    const a = await api(w.t, w.teamA, 'POST', url, { ...base2, findingId: w.approved[0], dueOn: '2026-11-25' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ numberLabel: 'YJ-2026-2-001', clock: 'due_soon', finding: { amount: '36800.50' } });
    const b = await api(w.t, w.office, 'POST', url, { ...base2, title: '道路养护', dueOn: '2026-11-21' });
    expect(b.body.clock).toBe('overdue');
    const back = await api(w.t, w.office, 'POST', `/api/reports/transfer-items/${a.body.id}/complete`, { result: '已复核', completedOn: '2026-11-19' });
    expect(back.body.details.reasons).toEqual(['办结日期（2026-11-19）不能早于移交日期（2026-11-20）']);
    const done = await api(w.t, w.office, 'POST', `/api/reports/transfer-items/${a.body.id}/complete`, { result: '已复核，取消3户', completedOn: '2026-11-22' });
    expect(done.body).toMatchObject({ status: 'done', clock: 'none' });
    expect((await api(w.t, w.office, 'POST', `/api/reports/transfer-items/${a.body.id}/complete`, { result: 'x', completedOn: '2026-11-22' })).body.details.reasons).toEqual(['移交事项已办结，不能再次办结']);
    expect((await api(w.t, w.office, 'DELETE', `/api/reports/transfer-items/${a.body.id}`)).status).toBe(409);
    expect((await api(w.t, w.office, 'GET', `${url}?status=open`)).body).toMatchObject({ total: 1 });
    const res = await get(w.leading, `/api/reports/rounds/${w.roundId}/transfer-items.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('移交事项台账-2026年第2轮'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) rows.push(`${String(row.getCell(1).value)} ${String(row.getCell(3).value)} ${String(row.getCell(10).value)}`);
    });
    expect(rows).toEqual(['YJ-2026-2-001 低保资格复核 已办结', 'YJ-2026-2-002 道路养护 办理中（已逾期）']);
    expect((await get(w.town, `/api/reports/rounds/${w.roundId}/transfer-items.xlsx`)).statusCode).toBe(404);
  });

  it('nothing is written once the round is filed', async () => {
    await setPhase(w.t, w.roundId, 'archived');
    const r = await api(w.t, w.office, 'POST', `/api/reports/rounds/${w.roundId}/special-reports`, { title: 't', body: [{ heading: 'a', paragraphs: [] }] });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('已立卷归档');
  });
});
