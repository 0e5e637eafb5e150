/**
 * 码上巡 links: an accepted report linked to findings and leads of its round and village (town-level
 * ones of its town allowed), by the team handling the inbox — the office after the team's phase;
 * unlinking with a reason, soft, back to 已受理 when the last link goes; audit rows with ids only;
 * the finding's and lead's source reports without identity or text; the pre-inspection file's counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { createWorld, setPhase, type World } from '../inspections/test-setup';
import { paper } from '../findings/test-setup';

let w: World;
let code: string;
let reportId: string;
let second: string;
let findingA: string;
let findingB: string;
let leadA: string;
const DESCRIPTION = '村会计把修路补助款打到自家亲戚账户';

const submit = async (description: string) => {
  const r = await w.t.app.inject({
    method: 'POST',
    url: `/api/public/reports/codes/${code}`,
    remoteAddress: '10.0.0.9',
    payload: { report: { submissionId: crypto.randomUUID(), anonymous: true, category: 'other', description, attachments: [] } },
  });
  expect(r.statusCode).toBe(200);
  return (await w.t.ctx.db.selectFrom('public_reports').select('id').where('description', '=', description).executeTakeFirstOrThrow()).id;
};
const audits = (id: string, actions: string[]) => w.t.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', 'in', actions).orderBy('seq').execute();

beforeAll(async () => {
  w = await createWorld();
  const gen = await api(w.t, w.office, 'POST', '/api/public-reports/codes', { roundId: w.roundId });
  code = gen.body.items.find((c: { scope: string; teamName: string | null }) => c.scope === 'target' && c.teamName === '第一巡察组').code;
  reportId = await submit(DESCRIPTION);
  second = await submit('村里低保评定不公开，有人长期领取');
  const fa = await api(w.t, w.teamA, 'POST', '/api/findings', paper(w.inspA, { title: '修路补助款去向不明' }));
  expect(fa.status).toBe(201);
  findingA = fa.body.id;
  const fb = await api(w.t, w.teamB, 'POST', '/api/findings', paper(w.inspB, { title: '另一村的问题' }));
  expect(fb.status).toBe(201);
  findingB = fb.body.id;
  const la = await api(w.t, w.teamA, 'POST', '/api/leads', { inspectionId: w.inspA, summary: '村会计涉嫌截留修路补助', evidence: '群众来件', persons: [{ name: '张某', position: '村会计' }], authority: 'discipline' });
  expect(la.status).toBe(201);
  leadA = la.body.id;
}, 120_000);
afterAll(async () => w.t.close());

describe('码上巡 links', () => {
  it('the pre-inspection file counts this round’s reports of the village by status', async () => {
    const file = await api(w.t, w.teamA, 'GET', `/api/inspections/${w.inspA}/pre-file`);
    expect(file.status).toBe(200);
    expect(file.body.publicReports.total).toBe(2);
    expect(file.body.publicReports.petitions).toBe(0);
    expect(file.body.publicReports.byStatus.find((s: { status: string }) => s.status === 'received').count).toBe(2);
    const other = await api(w.t, w.teamB, 'GET', `/api/inspections/${w.inspB}/pre-file`);
    expect(other.body.publicReports.total).toBe(0);
    expect(JSON.stringify(file.body.publicReports)).not.toContain('修路');
  });

  it('a report must be accepted before linking; the action shows once it is', async () => {
    const before = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [findingA] });
    expect(before.status).toBe(409);
    expect(before.body.message).toContain('请先受理为信访件');
    const accepted = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/triage`, { action: 'accept' });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.actions.map((a: { action: string }) => a.action)).toContain('link');
    expect(accepted.body.links).toEqual([]);
  });

  it('offers the round’s findings and leads of the village only, searchable by number or title', async () => {
    const c = await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}/link-candidates`);
    expect(c.status).toBe(200);
    expect(c.body.findings.map((f: { id: string }) => f.id)).toEqual([findingA]);
    expect(c.body.leads.map((l: { id: string }) => l.id)).toEqual([leadA]);
    expect(c.body.findings[0].label).toBe('问题底稿第001号');
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}/link-candidates?q=${encodeURIComponent('修路补助')}`)).body.findings).toHaveLength(1);
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}/link-candidates?q=1`)).body.findings).toHaveLength(1);
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}/link-candidates?q=${encodeURIComponent('不存在的标题')}`)).body.findings).toHaveLength(0);
    // another team does not see the report at all
    expect((await api(w.t, w.teamB, 'GET', `/api/public-reports/reports/${reportId}/link-candidates`)).status).toBe(404);
  });

  it('refuses another village’s finding, another team, and the office while the team handles the inbox', async () => {
    const wrong = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [findingB] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('只能关联本轮本村的问题底稿或线索');
    const unknown = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [crypto.randomUUID()] });
    expect(unknown.status).toBe(400);
    const empty = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [], leadIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('请选择要关联的问题底稿或问题线索');
    expect((await api(w.t, w.teamB, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [findingA] })).status).toBe(404);
    const office = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [findingA] });
    expect(office.status).toBe(403);
    expect(office.body.message).toContain('巡察组处理');
    expect(await w.t.ctx.db.selectFrom('public_report_links').selectAll().execute()).toHaveLength(0);
  });

  it('links a finding and a lead: 已转办, audited with ids only; the same pair twice is refused', async () => {
    const linked = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [findingA], leadIds: [leadA] });
    expect(linked.status).toBe(200);
    expect(linked.body.status).toBe('linked');
    expect(linked.body.statusName).toBe('已转办');
    expect(linked.body.links.map((l: { kind: string; live: boolean }) => `${l.kind}:${l.live}`).sort()).toEqual(['finding:true', 'lead:true']);
    expect(linked.body.canUnlink).toBe(true);
    const again = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [findingA] });
    expect(again.status).toBe(400);
    expect(again.body.message).toContain('已经关联过');
    const [row] = await audits(reportId, ['link']);
    expect(row!.after).toMatchObject({ status: 'linked', findingIds: [findingA], leadIds: [leadA] });
    expect(JSON.stringify(row)).not.toContain(DESCRIPTION);
    // the reporter's page still reads 已受理，正在核实 (never which finding)
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}`)).body.links).toHaveLength(2);
  });

  it('the finding and the lead list their source reports without identity or text; the inbox link only for those who may open it', async () => {
    const f = await api(w.t, w.teamA, 'GET', `/api/public-reports/links?findingId=${findingA}`);
    expect(f.status).toBe(200);
    expect(f.body.total).toBe(1);
    expect(f.body.items[0]).toMatchObject({ id: reportId, categoryName: '其他', status: 'linked', statusName: '已转办', link: `/public/reports?id=${reportId}` });
    expect(f.body.items[0].label).toMatch(/^群众来件第 \d+ 号$/);
    expect(JSON.stringify(f.body)).not.toContain('修路补助款打到');
    expect(Object.keys(f.body.items[0])).not.toEqual(expect.arrayContaining(['description', 'anonymous', 'identityLabel']));
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/links?leadId=${leadA}`)).body.total).toBe(1);
    // team B may not see team A's finding: 404, not an empty list
    expect((await api(w.t, w.teamB, 'GET', `/api/public-reports/links?findingId=${findingA}`)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'GET', `/api/public-reports/links?findingId=${findingB}`)).body.total).toBe(0);
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/links?findingId=${findingA}&leadId=${leadA}`)).status).toBe(400);
  });

  it('unlinks with a reason, keeps the history, and returns to 已受理 when the last link goes', async () => {
    const detail = await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}`);
    const lf = detail.body.links.find((l: { kind: string }) => l.kind === 'finding');
    const ll = detail.body.links.find((l: { kind: string }) => l.kind === 'lead');
    const noReason = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links/${lf.id}/unlink`, { reason: '错' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('请写明解除关联的理由');
    expect((await api(w.t, w.teamB, 'POST', `/api/public-reports/reports/${reportId}/links/${lf.id}/unlink`, { reason: '关联错了问题底稿' })).status).toBe(404);
    const one = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links/${lf.id}/unlink`, { reason: '关联错了问题底稿' });
    expect(one.status).toBe(200);
    expect(one.body.status).toBe('linked');
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links/${lf.id}/unlink`, { reason: '关联错了问题底稿' })).status).toBe(404);
    const last = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links/${ll.id}/unlink`, { reason: '线索与本件反映的不是同一事项' });
    expect(last.body.status).toBe('accepted');
    expect(last.body.canUnlink).toBe(false);
    expect(last.body.links).toHaveLength(2);
    expect(last.body.links.every((l: { live: boolean; unlinkReason: string | null }) => !l.live && l.unlinkReason)).toBe(true);
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/links?findingId=${findingA}`)).body.total).toBe(0);
    const rows = await audits(reportId, ['unlink']);
    expect(rows.map((r) => (r.after as { status: string }).status)).toEqual(['linked', 'accepted']);
    expect(rows[1]!.after).toMatchObject({ reason: '线索与本件反映的不是同一事项', liveLinks: 0 });
    // linked again after the unlink: a new live row next to the removed one
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/links`, { findingIds: [findingA] })).body.status).toBe('linked');
    expect(await w.t.ctx.db.selectFrom('public_report_links').selectAll().where('report_id', '=', reportId).execute()).toHaveLength(3);
  });

  it('after the team’s phase the office links and the team no longer can; a reopened, re-accepted report with links is 已转办 again', async () => {
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${second}/triage`, { action: 'accept' })).status).toBe(200);
    await setPhase(w.t, w.roundId, 'feedback');
    try {
      const team = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${second}/links`, { leadIds: [leadA] });
      expect(team.status).toBe(403);
      const office = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${second}/links`, { leadIds: [leadA] });
      expect(office.status).toBe(200);
      expect(office.body.status).toBe('linked');
      const closed = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${second}/triage`, { action: 'close', reply: '经核实，已移交纪委监委处理' });
      expect(closed.body.status).toBe('closed');
      expect(closed.body.canUnlink).toBe(false);
      await api(w.t, w.office, 'POST', `/api/public-reports/reports/${second}/triage`, { action: 'reopen', note: '反映人补充了新情况' });
      const again = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${second}/triage`, { action: 'accept' });
      expect(again.body.status).toBe('linked');
      const file = await api(w.t, w.office, 'GET', `/api/inspections/${w.inspA}/pre-file`);
      expect(file.body.publicReports.petitions).toBe(2);
      expect(file.body.publicReports.byStatus.find((s: { status: string }) => s.status === 'linked').count).toBe(2);
    } finally {
      await setPhase(w.t, w.roundId, 'fact_finding');
    }
  });

  it('a report on a town target’s code (巡镇带村) may be linked to the findings of any village of that town, not of another town', async () => {
    const town = await w.t.ctx.db.selectFrom('divisions').select('name').where('code', '=', w.townA).executeTakeFirstOrThrow();
    await w.t.ctx.db
      .insertInto('round_targets')
      .values({ round_id: w.roundId, kind: 'town', code: w.townA, name: town.name, town_code: w.townA, mode: 'town_with_villages', importance: 'ordinary', min_working_days: null, team_id: w.teamAId, updated_at: new Date() })
      .execute();
    const gen = await api(w.t, w.office, 'POST', '/api/public-reports/codes', { roundId: w.roundId });
    const townItem = gen.body.items.find((c: { scope: string; name: string }) => c.scope === 'target' && c.name === town.name);
    expect(townItem.scopeName).toBe('乡镇（街道）');
    const townCode = townItem.code;
    const description = '街道的集体鱼塘续包没有公开招标，价格偏低';
    const sent = await w.t.app.inject({
      method: 'POST',
      url: `/api/public/reports/codes/${townCode}`,
      remoteAddress: '10.0.0.10',
      payload: { report: { submissionId: crypto.randomUUID(), anonymous: true, category: 'other', description, attachments: [] } },
    });
    expect(sent.statusCode).toBe(200);
    const report = await w.t.ctx.db.selectFrom('public_reports').select(['id', 'village_code']).where('description', '=', description).executeTakeFirstOrThrow();
    expect(report.village_code).toBe(w.townA);
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${report.id}/triage`, { action: 'accept' })).status).toBe(200);
    const candidates = await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${report.id}/link-candidates`);
    expect(candidates.body.findings.map((f: { id: string }) => f.id)).toEqual([findingA]);
    expect(candidates.body.leads.map((l: { id: string }) => l.id)).toEqual([leadA]);
    const elsewhere = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${report.id}/links`, { findingIds: [findingB] });
    expect(elsewhere.status).toBe(400);
    const linked = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${report.id}/links`, { findingIds: [findingA] });
    expect(linked.status).toBe(200);
    expect(linked.body.status).toBe('linked');
  });
});
