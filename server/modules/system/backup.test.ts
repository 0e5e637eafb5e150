import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ORDER } from '../../db/schema';
import { createTestApp, type TestApp } from '../../test/harness';
import { backupTo, restoreFrom } from './backup.service';
import { buildDemo, type DemoSummary } from './demo.service';
import { demoPublicLines, DEMO_KEY_PASSPHRASE } from './demo-public';
import { demoAnalyticsLines } from './demo-analytics';
import { BUILTIN_MODELS } from '../../../domain/analytics/models';
import { runAlerts } from '../rectification-alerts';
import { verifyAuditChain } from '../access';
import { readDocx } from '../documents/test-read';

type Row = Record<string, unknown> & { id: string };
const tally = (items: Row[], key: string) => items.reduce<Record<string, number>>((m, i) => ({ ...m, [String(i[key])]: (m[String(i[key])] ?? 0) + 1 }), {});

async function snapshot(t: TestApp) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLE_ORDER) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.ctx.db);
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe('demo, backup and restore', () => {
  let source: TestApp;
  let target: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-backup-'));
  const file = path.join(dir, 'b.jsonl.gz');
  let demo: DemoSummary;

  beforeAll(async () => {
    source = await createTestApp();
    target = await createTestApp();
  });
  afterAll(async () => {
    await source.close();
    await target.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds the demo county from the real divisions of 溧阳市', async () => {
    const s = await buildDemo(source.ctx);
    demo = s;
    expect(s).toMatchObject({ county: '溧阳市', towns: 14, villages: 244 });
    expect(s.cadres).toBeGreaterThan(244 * 6);
    expect(s.relatives).toBeGreaterThan(s.cadres);
    const cookie = await source.login('town01', 'Demo@2026');
    const r = await source.app.inject({ url: '/api/registry/villages?pageSize=1', headers: { cookie } });
    expect(r.json().total).toBeGreaterThan(0);
    expect(r.json().total).toBeLessThan(244);
    await expect(buildDemo(source.ctx)).rejects.toThrow('演示数据只能在空库中生成');
  }, 360_000); // the whole demo through the services: ~30 s alone, several times that beside other suites on 2 cores (3 min seen on PostgreSQL under load)

  it('the demo holds a term plan, a finished round and a round in progress, worked through the rules', async () => {
    const s = (await buildDemo(source.ctx).catch(() => null)) ?? null;
    expect(s).toBeNull(); // built once above
    const office = await source.login('liyang.office', 'Demo@2026');
    const get = async (cookie: string, url: string) => {
      const r = await source.app.inject({ url, headers: { cookie } });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      return r.json();
    };
    const rounds = await get(office, '/api/planning/rounds');
    expect(rounds.items.map((r: { year: number; number: number; phase: string }) => `${r.year}-${r.number}:${r.phase}`).sort()).toEqual(['2025-1:rectification', '2026-1:fact_finding', '2026-2:preparation']); // the last: the 回头看 round the rectification demo created
    const plans = await get(office, '/api/planning/term-plans');
    const coverage = await get(office, `/api/planning/term-plans/${plans.items[0].id}/coverage`);
    expect(coverage.coverage).toMatchObject({ villages: 244, inspected: 9, planned: 6 }); // last year's 8 and this year's finished key village
    const lastYear = coverage.coverage.years.find((y: { year: number }) => y.year === 2025);
    expect(lastYear).toMatchObject({ inspected: 8, status: 'past' });

    const all = await get(office, '/api/inspections?pageSize=100');
    expect(all.total).toBe(16); // last year's 8, this year's 7 and the 回头看 village (in 准备)
    // a team sees its own targets only: team 1 has last year's 4 villages and this year's 3
    const team1 = await source.login('liyang.zu1', 'Demo@2026');
    const own = await get(team1, '/api/inspections?pageSize=100');
    expect(own.total).toBe(7);
    expect(new Set(own.items.map((i: { teamName: string }) => i.teamName))).toEqual(new Set(['第一巡察组']));
    const inProgress = own.items.filter((i: { status: string }) => i.status === 'in_progress');
    expect(inProgress.length).toBe(2);
    const nearlyDone = await get(team1, `/api/inspections/${inProgress.find((i: { villageCode: string }) => i.villageCode === own.items.filter((x: { roundLabel: string }) => x.roundLabel.startsWith('2026')).map((x: { villageCode: string }) => x.villageCode).sort()[0])!.id}`);
    expect(nearlyDone.blockers.some((b: string) => b.includes('集中反馈'))).toBe(true);
    expect(nearlyDone.blockers.some((b: string) => b.includes('监督清单还有'))).toBe(true);
    const other = all.items.find((i: { teamName: string }) => i.teamName === '第二巡察组');
    expect((await source.app.inject({ url: `/api/inspections/${other.id}`, headers: { cookie: team1 } })).statusCode).toBe(404);
    // a town learns the schedule of its villages, not the contents
    const town = await source.login('town03', 'Demo@2026');
    const schedule = await get(town, '/api/planning/schedule');
    expect(schedule.total).toBeGreaterThan(0);
    expect((await source.app.inject({ url: `/api/inspections/${own.items[0].id}`, headers: { cookie: town } })).statusCode).toBe(404);
  });

  it('the finished round holds approved working papers, leads at every stage, reports, feedback in order and tracking', async () => {
    const get = async (cookie: string, url: string) => {
      const r = await source.app.inject({ url, headers: { cookie } });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      return r.json();
    };
    const office = await source.login('liyang.office', 'Demo@2026');
    const rounds = (await get(office, '/api/planning/rounds')).items as { id: string; year: number; number: number }[];
    const roundA = rounds.find((r) => r.year === 2025)!.id;
    const roundB = rounds.find((r) => r.year === 2026 && r.number === 1)!.id;

    // working papers: last year's all approved (two per village, one town-level), across the 三大问题
    const papersA = await get(office, `/api/findings?roundId=${roundA}&pageSize=100`);
    expect(papersA.total).toBe(17);
    expect(tally(papersA.items, 'status')).toEqual({ approved: 17 });
    expect(Object.keys(tally(papersA.items, 'category')).sort()).toEqual(['leadership', 'party_building', 'strict_governance']);
    expect(new Set(papersA.items.map((f: Row) => f.villageCode)).size).toBe(9); // 8 villages and the town (null)
    const details = await Promise.all(papersA.items.map((f: Row) => get(office, `/api/findings/${f.id}`)));
    for (const d of details) {
      expect(d.materials.length, d.title).toBeGreaterThan(0);
      expect(d.responsible.length, d.title).toBeGreaterThan(0);
      // author → 副组长 → 组长, each a different person
      const steps = d.reviews.map((r: { step: string; decision: string }) => `${r.step}:${r.decision}`);
      expect(steps.slice(-3)).toEqual(['author:submitted', 'deputy:approved', 'leader:approved']);
      expect(new Set(d.reviews.slice(-3).map((r: { reviewerName: string }) => r.reviewerName)).size).toBe(3);
    }
    const returned = details.filter((d) => d.reviews.some((r: { decision: string }) => r.decision === 'returned'));
    expect(returned.length).toBe(1);
    expect(returned[0].reviews.map((r: { step: string; decision: string }) => `${r.step}:${r.decision}`)).toEqual([
      'author:submitted',
      'deputy:returned',
      'author:submitted',
      'deputy:approved',
      'leader:approved',
    ]);
    const immediate = details.filter((d) => d.immediate);
    expect(immediate.length).toBeGreaterThanOrEqual(2);
    for (const d of immediate) expect(d).toMatchObject({ immediateNoticeNo: expect.stringMatching(/^溧巡立改〔2025〕\d+号$/), immediateFix: expect.stringMatching(/.{10}/), immediateFixedOn: expect.stringMatching(/^2025-/) });
    expect(details.filter((d) => d.amount !== null).length).toBeGreaterThanOrEqual(6);
    expect(details.filter((d) => d.checklistItem !== null).length).toBeGreaterThan(0);
    // this year's papers are in review: one of each step (and the 大数据比对 hit a team confirmed, a second draft)
    const papersB = await get(office, `/api/findings?roundId=${roundB}&pageSize=100`);
    expect(tally(papersB.items, 'status')).toEqual({ draft: 2, submitted: 2, deputy_approved: 1, returned: 1, approved: 1 });
    expect(papersB.items.filter((p: Row) => p.status === 'draft').map((p: Row) => p.id)).toContain(demo.analytics!.findingId);
    // the 副组长 of team 1 sees team 1's papers and may review the submitted one
    const deputy = await source.login('liyang.zu1b', 'Demo@2026');
    const own = await get(deputy, `/api/findings?roundId=${roundB}&pageSize=100`);
    expect(new Set(own.items.map((f: Row) => f.teamName))).toEqual(new Set(['第一巡察组']));
    const submitted = own.items.find((f: Row) => f.status === 'submitted');
    expect((await get(deputy, `/api/findings/${submitted.id}`)).actions).toContain('approve');

    // leads of last year's round at every stage
    const leads = await get(office, `/api/leads?roundId=${roundA}&pageSize=100`);
    expect(leads.total).toBe(11);
    expect(tally(leads.items, 'status')).toEqual({ draft: 2, transferred: 1, received: 1, disposed: 2, closed: 5 });
    expect(tally(leads.items.filter((l: Row) => l.disposition), 'disposition')).toEqual({ preliminary_verification: 2, talk_inquiry: 3, hold: 1, close: 1 });
    expect(leads.items.filter((l: Row) => l.caseOpenedOn).length).toBe(2);
    expect(leads.items.filter((l: Row) => l.status !== 'draft').every((l: Row) => /^溧巡移〔20\d\d〕\d+号$/.test(String(l.letterNo)))).toBe(true);
    // deadlines (3 months from the transfer): the open dispositions overdue, the lately transferred ones running
    const flags = Object.fromEntries(leads.items.filter((l: Row) => l.status !== 'draft').map((l: Row) => [l.id, (l.deadline as { flag: string }).flag]));
    expect(tally(leads.items.filter((l: Row) => l.status !== 'draft').map((l: Row) => ({ ...l, flag: flags[l.id] })), 'flag')).toEqual({ reported: 5, overdue: 2, due_soon: 1, ok: 1 });
    const overdue = await get(office, `/api/leads?roundId=${roundA}&flag=overdue&pageSize=100`);
    expect(overdue.items.map((l: Row) => `${l.status}:${l.disposition}`).sort()).toEqual(['disposed:hold', 'disposed:talk_inquiry']);
    expect((await get(office, `/api/leads?roundId=${roundA}&flag=due_soon&pageSize=100`)).items.map((l: Row) => l.status)).toEqual(['received']);
    const leadDetails = await Promise.all(leads.items.map((l: Row) => get(office, `/api/leads/${l.id}`)));
    const outcomes = leadDetails.flatMap((l) => l.outcomes as { kind: string; measure: string }[]);
    expect(outcomes.map((o) => `${o.kind}:${o.measure}`).sort()).toEqual([
      'government_sanction:demerit',
      'organisational:admonition',
      'organisational:criticism_education',
      'organisational:self_examination',
      'party_sanction:serious_warning',
      'party_sanction:warning',
    ]);
    const back = leadDetails.filter((l) => l.history.some((h: { action: string }) => h.action === 'return'));
    expect(back.map((l) => l.status)).toEqual(['draft']);
    // the receivers see only what was transferred to them
    const jw = await source.login('liyang.jw', 'Demo@2026');
    const jwLeads = await get(jw, '/api/leads?pageSize=100');
    expect(jwLeads.total).toBe(7);
    expect(new Set(jwLeads.items.map((l: Row) => l.receivingOrgName))).toEqual(new Set(['溧阳市纪委监委']));
    const zzb = await source.login('liyang.zzb', 'Demo@2026');
    const zzbLeads = await get(zzb, '/api/leads?pageSize=100');
    expect(zzbLeads.total).toBe(2);
    expect((await source.app.inject({ url: `/api/leads/${zzbLeads.items[0].id}`, headers: { cookie: jw } })).statusCode).toBe(404);
    expect((await source.app.inject({ url: `/api/findings?roundId=${roundA}`, headers: { cookie: jw } })).statusCode).toBe(403);

    // reports approved, feedback in order (the town first, then its villages)
    const targets = await get(office, `/api/reports/rounds/${roundA}/targets?pageSize=100`);
    expect(targets.total).toBe(5);
    expect(tally(targets.items, 'reportStatus')).toEqual({ approved: 5 });
    expect(targets.items.reduce((n: number, t: Row) => n + Number(t.approvedFindings), 0)).toBe(17);
    const town = targets.items.find((t: Row) => t.kind === 'town');
    expect(town.villageFeedbacks).toBe(4);
    const townDetail = await get(office, `/api/reports/rounds/${roundA}/targets/${town.id}`);
    const steps = townDetail.feedback as { villageCode: string | null; feedback: { fedBackOn: string } | null }[];
    expect(steps[0]!.villageCode).toBeNull();
    expect(steps.every((s) => s.feedback !== null)).toBe(true);
    for (const s of steps.slice(1)) expect(s.feedback!.fedBackOn >= steps[0]!.feedback!.fedBackOn).toBe(true);
    expect((await get(office, `/api/reports/rounds/${roundA}/special-reports`)).total).toBe(1);
    const suggestions = await get(office, `/api/reports/rounds/${roundA}/suggestions`);
    expect(tally(suggestions.items, 'status')).toEqual({ sent: 1, replied: 1 });
    const transfers = await get(office, `/api/reports/rounds/${roundA}/transfer-items`);
    expect(tally(transfers.items, 'status')).toEqual({ open: 1, done: 1 });

    // every document of the round is generated and reads back
    const docx = async (url: string, expected: string) => {
      const r = await source.app.inject({ url, headers: { cookie: office } });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(200);
      expect(r.headers['content-type']).toContain('wordprocessingml');
      expect(readDocx(r.rawPayload).text, url).toContain(expected);
    };
    const xlsx = async (url: string, minRows: number) => {
      const r = await source.app.inject({ url, headers: { cookie: office } });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.actualRowCount, url).toBeGreaterThan(minRows);
    };
    const paper = details.find((d) => d.villageCode !== null)!;
    await docx(`/api/findings/${paper.id}/working-paper.docx`, paper.title);
    await docx(`/api/findings/${immediate[0].id}/immediate-notice.docx`, immediate[0].immediateNoticeNo);
    await xlsx(`/api/findings/ledger.xlsx?roundId=${roundA}`, 17);
    const sent = leads.items.find((l: Row) => l.status === 'closed');
    await docx(`/api/leads/${sent.id}/transfer-letter.docx`, sent.letterNo);
    await xlsx(`/api/leads/ledger.xlsx?roundId=${roundA}`, 11);
    await docx(`/api/reports/rounds/${roundA}/targets/${town.id}/report.docx`, town.name);
    await docx(`/api/reports/rounds/${roundA}/targets/${town.id}/feedback.docx`, town.name);
    await docx(`/api/reports/rounds/${roundA}/targets/${town.id}/villages/${steps[1]!.villageCode}/problem-list.docx`, '问题清单');
    await docx(`/api/reports/suggestions/${suggestions.items[0].id}/letter.docx`, suggestions.items[0].title);
    await xlsx(`/api/reports/rounds/${roundA}/transfer-items.xlsx`, 2);
  });

  it('last year\'s round in 整改: items at every stage, 三色预警, plans in joint review, 催办 and 约谈, a rated village', async () => {
    const get = async (cookie: string, url: string) => {
      const r = await source.app.inject({ url, headers: { cookie } });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      return r.json();
    };
    const office = await source.login('liyang.office', 'Demo@2026');
    const roundA = ((await get(office, '/api/planning/rounds')).items as { id: string; year: number }[]).find((r) => r.year === 2025)!.id;
    const items = await get(office, `/api/rectification/items?roundId=${roundA}&pageSize=100`);
    expect(items.total).toBe(17);
    expect(items.counts).toMatchObject({ drafting: 2, in_progress: 6, submitted: 1, signing: 4, returned: 1, closed: 3, all: 17 });
    expect(demo.work!.rectification).toMatchObject({ items: 17, byStatus: { drafting: 2, in_progress: 6, submitted: 1, signing: 4, returned: 1, closed: 3 }, alerts: { green: 2, yellow: 2, red: 2 }, interventions: 2 });
    // the colours: two of each among the items in progress, the red ones overdue; nothing else alerts
    const colour = (i: Row) => `${i.status}:${i.alert}`;
    expect(tally(items.items.filter((i: Row) => i.alert), 'alert')).toEqual({ green: 2, yellow: 2, red: 2 });
    expect(items.items.filter((i: Row) => i.alert).map(colour).every((c: string) => c.startsWith('in_progress:'))).toBe(true);
    expect(items.items.filter((i: Row) => i.overdue).map((i: Row) => i.alert)).toEqual(['red', 'red']);
    // the dashboard counts what the items say, and the job sent each colour
    const board = await get(office, `/api/rectification/alerts/board?roundId=${roundA}&pageSize=100`);
    expect(board.counts).toEqual({ green: 2, yellow: 2, red: 2 });
    expect(tally(board.items, 'sentLevel')).toEqual({ green: 2, yellow: 2, red: 2 });
    const again = await runAlerts(source.ctx);
    expect(again.sent).toBe(0); // the demo's own run of today: running it again sends nothing
    const todos = await get(await source.login('town01', 'Demo@2026'), '/api/rectification/todos?pageSize=100');
    expect(todos.total).toBeGreaterThan(0);
    expect(todos.items.some((t: { type: string }) => t.type === 'reminder')).toBe(true);
    const interventions = await get(office, `/api/rectification/interventions?roundId=${roundA}`);
    expect(tally(interventions.items, 'kind')).toEqual({ reminder: 1, talk: 1 });

    // histories: dated in order, never after today; evidence files that open
    const details = await Promise.all(items.items.map((i: Row) => get(office, `/api/rectification/items/${i.id}`)));
    for (const d of details) {
      const at = d.events.map((e: { at: string }) => e.at);
      expect(at, d.code).toEqual([...at].sort());
      expect(at.at(-1) <= source.ctx.now().toISOString()).toBe(true);
      if (d.status !== 'drafting') expect(d.evidence.length, d.code).toBeGreaterThan(0);
    }
    const inProgress = details.find((d) => d.status === 'in_progress')!;
    expect(inProgress.events.filter((e: { action: string }) => e.action === 'report_progress').length).toBeGreaterThanOrEqual(2);
    const photo = await source.app.inject({ url: `/api/rectification/files/${inProgress.evidence[0].id}`, headers: { cookie: office } });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toContain('image/jpeg');
    const closed = details.filter((d) => d.status === 'closed');
    for (const d of closed) expect(d.signOff.parties.every((p: { approval: unknown }) => p.approval !== null)).toBe(true);
    const returned = details.find((d) => d.status === 'returned')!;
    expect(returned.signOff.history.at(-1)).toMatchObject({ party: 'department', decision: 'returned', reason: expect.stringContaining('工程款') });

    // every party has items waiting for it, and the competent department signs in the web app
    const waiting = async (username: string) => {
      const cookie = await source.login(username, 'Demo@2026');
      const signing = (await get(cookie, `/api/rectification/items?roundId=${roundA}&status=signing&pageSize=100`)).items as Row[];
      const mine = [];
      for (const i of signing) if ((await get(cookie, `/api/rectification/items/${i.id}`)).actions.includes('approve')) mine.push(i.id);
      return { cookie, mine };
    };
    const parties = Object.fromEntries(await Promise.all(['liyang.office', 'liyang.jw', 'liyang.zzb', 'liyang.nync', 'liyang.mzj'].map(async (u) => [u, await waiting(u)] as const)));
    expect(Object.fromEntries(Object.entries(parties).map(([u, w]) => [u, w.mine.length]))).toEqual({ 'liyang.office': 1, 'liyang.jw': 2, 'liyang.zzb': 2, 'liyang.nync': 3, 'liyang.mzj': 1 });
    // the item waiting for the 民政局 only: its approval closes it
    const civil = details.find((d) => d.id === parties['liyang.mzj']!.mine[0])!;
    const signed = await source.app.inject({ method: 'POST', url: `/api/rectification/items/${civil.id}/approve`, headers: { cookie: parties['liyang.mzj']!.cookie }, payload: { evidenceVersion: civil.evidenceVersion, comment: '同意销号。' } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().status).toBe('closed');

    // plans: one accepted with its report, one returned with comments and resubmitted, awaiting two reviewers
    const towns = await get(office, `/api/rectification/plans/rounds/${roundA}/towns`);
    expect(towns.items.map((t: { plan: { status: string } }) => t.plan.status).sort()).toEqual(['accepted', 'submitted']);
    const submitted = towns.items.find((t: { plan: { status: string } }) => t.plan.status === 'submitted');
    expect(submitted.plan.pending.map((p: { reviewer: string }) => p.reviewer)).toEqual(['discipline', 'organization']);
    const detail = await get(office, `/api/rectification/plans/rounds/${roundA}/towns/${submitted.townCode}`);
    expect(detail.plan.history.some((h: { decision: string; comment: string }) => h.decision === 'returned' && h.comment.length > 10)).toBe(true);
    expect(towns.items.find((t: { plan: { status: string } }) => t.plan.status === 'accepted').report.submittedOn).toMatch(/^2025-09-/);

    // the rated village: five of six representatives answered; the sixth link opens on a phone without an account
    const rated = (await get(office, `/api/rectification/ratings/villages?roundId=${roundA}`)).items.filter((v: Row) => v.sessions);
    expect(rated).toHaveLength(1);
    expect(rated[0]).toMatchObject({ satisfactionRate: 0.9, lookBack: false });
    const { rating } = demo.work!.rectification!;
    expect(rating).toMatchObject({ representatives: 6, rated: 5, url: expect.stringContaining('/p/rate/') });
    const page = await source.app.inject({ url: `/api/public/rating/${rating.link.split('/').at(-1)}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().items).toHaveLength(2);

    // 回头看: a new round in 准备 for the village of the overdue item talked about, linked to its items
    expect(demo.work!.rectification!.lookBack).toMatchObject({ roundLabel: '2026年第2轮', items: 2 });
    const revisit = await get(office, '/api/rectification/look-back/targets');
    expect(revisit.total).toBe(1);
    const talkedAbout = interventions.items.find((x: { kind: string }) => x.kind === 'talk').items[0].id;
    expect(revisit.items[0]).toMatchObject({ roundPhase: 'preparation', sourceRoundId: roundA, villageCode: details.find((d) => d.id === talkedAbout)!.villageCode });
    expect(revisit.items[0].reasons.map((r: { reason: string }) => r.reason)).toContain('overdue');
  });

  it('码上巡 and questionnaires: reports in every status with messages, sealed identities, a receipt and an access code to try', async () => {
    const get = async (cookie: string, url: string) => {
      const r = await source.app.inject({ url, headers: { cookie } });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      return r.json();
    };
    const pub = demo.public!;
    const office = await source.login('liyang.office', 'Demo@2026');
    const rounds = ((await get(office, '/api/planning/rounds')).items as { id: string; year: number; number: number }[]).filter((r) => r.number === 1);

    // poster codes of both rounds (every target and team) and each team's 巡察公告
    let codes = 0;
    for (const r of rounds) codes += (await get(office, `/api/public-reports/codes?roundId=${r.id}`)).total;
    expect(codes).toBe(5 + 2 + 5 + 3); // last year: 5 targets, 2 teams; this year: 5 targets, 3 teams
    expect(pub.codes).toBe(codes);
    let notices = 0;
    for (const r of rounds) notices += (await get(office, `/api/public-reports/notices?roundId=${r.id}`)).items.filter((n: { phone: string | null }) => n.phone).length;
    expect(notices).toBe(5);

    // the inbox: every status, through the services' own rules (team inboxes this year, the office's last year)
    const inbox = await get(office, '/api/public-reports/reports?pageSize=200');
    expect(inbox.total).toBe(pub.reports);
    const byStatus = tally(inbox.items, 'status');
    expect(Object.keys(byStatus).sort()).toEqual(['accepted', 'closed', 'forwarded', 'linked', 'merged', 'received']);
    expect(byStatus).toEqual(Object.fromEntries(Object.entries(pub.byStatus).filter(([, n]) => n > 0)));
    expect(pub).toMatchObject({ named: 5, withPhoto: 3, reopened: 1 });
    const reopened = await source.ctx.db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'public_reports.report').where('action', '=', 'reopen').execute();
    expect(reopened).toHaveLength(1);
    // two-way messages: the team asks, the reporter answers by receipt
    const details = await Promise.all(inbox.items.map((r: Row) => get(office, `/api/public-reports/reports/${r.id}`)));
    const authors = details.flatMap((d) => d.messages.map((m: { author: string }) => m.author));
    expect(authors.length).toBe(pub.messages);
    expect(new Set(authors)).toEqual(new Set(['team', 'office', 'reporter']));
    expect(details.filter((d) => d.messages.some((m: { author: string }) => m.author === 'reporter') && d.messages.some((m: { author: string }) => m.author === 'team')).length).toBeGreaterThanOrEqual(4);
    expect(details.filter((d) => d.attachments.length > 0)).toHaveLength(3);
    const forwarded = details.filter((d) => d.status === 'forwarded');
    for (const d of forwarded) expect(d).toMatchObject({ forwardReasonName: expect.stringMatching(/.{4}/), forwardBody: expect.stringMatching(/溧阳市/) });
    for (const d of details.filter((x) => x.status === 'merged')) expect(details.find((x) => x.id === d.mergedInto)).toBeDefined();
    // 已转办: linked to this year's findings and last year's leads, which list the report as their source
    const links = await source.ctx.db.selectFrom('public_report_links').select(['finding_id', 'lead_id']).where('unlinked_at', 'is', null).execute();
    expect(links.length).toBe(byStatus.linked);
    expect(links.filter((l) => l.finding_id).length).toBe(2);
    expect(links.filter((l) => l.lead_id).length).toBe(2);
    const sources = await get(office, `/api/public-reports/links?findingId=${links.find((l) => l.finding_id)!.finding_id}`);
    expect(sources.total).toBe(1);
    // a team sees its own inbox only
    const team3 = await source.login('liyang.zu3', 'Demo@2026');
    const own = await get(team3, '/api/public-reports/reports?pageSize=200');
    expect(own.total).toBeGreaterThan(0);
    expect(new Set(own.items.map((r: Row) => r.teamName))).toEqual(new Set(['第三巡察组']));

    // named reports are sealed: nothing of the identity in the row; the office opens it with the printed passphrase
    const lines = demoPublicLines(pub);
    expect(lines.join('\n')).toContain(`演示口令：${DEMO_KEY_PASSPHRASE}`);
    const named = await source.ctx.db.selectFrom('public_reports').selectAll().where('anonymous', '=', false).execute();
    expect(named).toHaveLength(5);
    for (const row of named) {
      expect(row.sealed_identity).toBeTruthy();
      const revealed = await source.app.inject({ method: 'POST', url: `/api/public-reports/reports/${row.id}/reveal`, headers: { cookie: office }, payload: { passphrase: DEMO_KEY_PASSPHRASE, reason: '演示数据测试：核对实名反映人身份信息已加密保存' } });
      expect(revealed.statusCode, revealed.body).toBe(200);
      const { identity } = revealed.json();
      expect(identity.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      const stored = JSON.stringify(row);
      for (const v of [identity.name, identity.phone, identity.idNumber].filter(Boolean)) expect(stored).not.toContain(v);
    }

    // the receipt printed by `xuncha demo` reads back on the public receipt page's API, with the team's open question
    const receipt = lines.map((l) => /演示回执码：([2-9A-Z-]+)/.exec(l)?.[1]).find(Boolean)!;
    expect(receipt).toBe(pub.receipt.code);
    const read = await source.app.inject({ method: 'POST', url: '/api/public/reports/receipt', payload: { receipt } });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ status: '已受理，正在核实', canPost: true });
    expect(read.json().messages.at(-1).author).toBe('巡察组');
    expect(read.json().messages.map((m: { author: string }) => m.author)).toContain('反映人');

    // questionnaires: two 民主测评 this year (paper codes, and open by phone), a 满意度调查 last year, all answered
    const qs = await get(office, '/api/questionnaires?pageSize=100');
    expect(tally(qs.items, 'kind')).toEqual({ democratic_evaluation: 2, satisfaction: 1 });
    for (const q of qs.items) {
      expect(q.status).toBe('published');
      expect(q.answers).toBeGreaterThanOrEqual(20);
      expect(q.answers).toBeLessThanOrEqual(60);
      const results = await get(office, `/api/questionnaires/${q.id}/results`);
      expect(results.respondents).toBe(q.answers);
    }
    const paper = qs.items.find((q: Row) => q.accessMode === 'code');
    expect(paper).toMatchObject({ codes: 50, codesUsed: paper.answers });
    expect(pub.refusedRepeats).toBe(2);
    const satisfaction = await get(office, `/api/questionnaires/${qs.items.find((q: Row) => q.kind === 'satisfaction').id}/results`);
    const overall = satisfaction.questions.find((q: { id: string }) => q.id === 'overall');
    expect(overall.mean).toBeGreaterThan(3);
    expect(overall.mean).toBeLessThan(4.8);
    // the printed access code is unused and answers once on the public API
    expect(lines.join('\n')).toContain(pub.accessCode.code);
    const slug = pub.accessCode.link.split('/').at(-1);
    const page = await source.app.inject({ url: `/api/public/questionnaires/${slug}` });
    expect(page.statusCode, page.body).toBe(200);
  });

  it('大数据比对: datasets imported with their mappings, every model hit in this year\'s villages, hits in every verification state', async () => {
    const get = async (cookie: string, url: string) => {
      const r = await source.app.inject({ url, headers: { cookie } });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      return r.json();
    };
    const a = demo.analytics!;
    const office = await source.login('liyang.office', 'Demo@2026');

    // datasets: every file ready with its rows, in the shapes offices receive (GBK CSV, .xlsx with a title and merged header, BOM CSV)
    const ds = await get(office, '/api/analytics/datasets?pageSize=100');
    expect(ds.total).toBe(a.datasets.length);
    expect(a.datasets.length).toBeGreaterThanOrEqual(13);
    expect(new Set(ds.items.map((d: Row) => d.kind))).toEqual(new Set(['benefit_payments', 'public_payroll', 'deaths', 'vehicles', 'real_estate', 'companies', 'shareholders', 'contracts', 'village_payments', 'bids', 'land_rights']));
    for (const d of ds.items as Row[]) {
      expect(d.status, String(d.name)).toBe('ready');
      const mine = a.datasets.find((x) => x.name === d.name)!;
      expect(d.rowCount).toBe(mine.rows);
      expect(d.rowCount as number).toBeGreaterThan(0);
      expect(d.rejectedCount).toBe(0);
      expect(d.mapping).not.toBeNull();
    }
    const total = a.datasets.reduce((n, d) => n + d.rows, 0);
    expect(total).toBeGreaterThan(2000);
    expect(total).toBeLessThan(6000);
    expect(ds.items.map((d: Row) => d.encoding)).toEqual(expect.arrayContaining(['GB18030', 'UTF-8-BOM']));
    const merged = ds.items.find((d: Row) => d.kind === 'contracts');
    expect(merged).toMatchObject({ format: 'xlsx', headerRowCount: 2 });
    // the mistyped check digit is imported and flagged
    const roll = ds.items.find((d: Row) => d.encoding === 'GB18030' && d.kind === 'benefit_payments');
    expect(roll.flaggedCount).toBeGreaterThanOrEqual(1);
    const flagged = await get(office, `/api/analytics/datasets/${roll.id}/rows?flagged=true&pageSize=10`);
    expect(JSON.stringify(flagged.items)).toContain('校验位');
    const cars = ds.items.find((d: Row) => d.kind === 'vehicles');
    expect(JSON.stringify((await get(office, `/api/analytics/datasets/${cars.id}/rows?flagged=true&pageSize=10`)).items)).toContain('出生日期无效');
    expect(a.datasets.reduce((n, d) => n + d.flagged, 0)).toBeGreaterThanOrEqual(2);
    // 公安's traditional-character name and 15-digit number are read as the registry's
    const deaths = ds.items.find((d: Row) => d.kind === 'deaths');
    const deathRows = await get(office, `/api/analytics/datasets/${deaths.id}/rows?pageSize=200`);
    expect(JSON.stringify(deathRows.items)).not.toContain('劉德華');
    expect(deathRows.items.every((r: Row) => String(r.id_number).length === 18)).toBe(true);

    // every built-in model has at least one hit, all in this year's round's villages and assigned to teams
    const hits = await get(office, '/api/analytics/hits?pageSize=500');
    expect(hits.total).toBe(a.hits);
    const byModel = tally(hits.items, 'modelKey');
    for (const m of BUILTIN_MODELS) expect(byModel[m.key] ?? 0, m.key).toBeGreaterThanOrEqual(1);
    expect(a.models).toBe(BUILTIN_MODELS.length);
    const planted = new Set(a.villages.map((v) => v.code));
    for (const h of hits.items as Row[]) {
      expect(planted.has(String(h.villageCode)), String(h.explanation)).toBe(true);
      expect(h.teamId).not.toBeNull();
    }

    // every verification state: pending, confirmed (a finding and a lead), dismissed for each reason, one reopened
    const byStatus = tally(hits.items, 'status');
    expect(byStatus).toEqual({ pending: a.byStatus.pending, confirmed: 2, dismissed: 4 });
    expect(a.byStatus.pending).toBeGreaterThan(10);
    const dismissed = (hits.items as Row[]).filter((h) => h.status === 'dismissed');
    expect(new Set(dismissed.map((h) => h.dismissReasonName))).toEqual(new Set(['数据错误', '已处理过', '核实后符合规定', '其他']));
    expect(dismissed.find((h) => h.dismissReason === 'other')!.dismissText).toBeTruthy();
    const confirmed = (hits.items as Row[]).filter((h) => h.status === 'confirmed');
    const asFinding = confirmed.find((h) => h.findingId)!;
    const asLead = confirmed.find((h) => h.leadId)!;
    expect(asFinding.findingId).toBe(a.findingId);
    expect(asLead.leadId).toBe(a.leadId);
    const finding = await source.ctx.db.selectFrom('findings').selectAll().where('id', '=', a.findingId).executeTakeFirstOrThrow();
    expect(finding).toMatchObject({ status: 'draft', source: 'data_comparison', village_code: asFinding.villageCode });
    expect(finding.description).toContain(String(asFinding.explanation));
    const lead = await source.ctx.db.selectFrom('leads').selectAll().where('id', '=', a.leadId).executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ authority: 'discipline' });
    const reopened = await source.ctx.db.selectFrom('audit_log').select(['entity_id']).where('entity', '=', 'analytics.hit').where('action', '=', 'reopen').execute();
    expect(reopened).toHaveLength(1);
    const back = (hits.items as Row[]).find((h) => h.id === reopened[0]!.entity_id)!;
    expect(back.status).toBe('pending');
    // the office ran the models in the week before the teams entered; the teams verified on site
    const round = await source.ctx.db.selectFrom('rounds').select('start_date').where('id', '=', String(back.roundId)).executeTakeFirstOrThrow();
    const run = await source.ctx.db.selectFrom('analytics_runs').select('created_at').where('round_id', '=', String(back.roundId)).executeTakeFirstOrThrow();
    expect(new Date(run.created_at).toISOString().slice(0, 10) < String(round.start_date)).toBe(true);
    expect(String(asFinding.verifiedAt).slice(0, 10) > String(round.start_date)).toBe(true);

    // a team sees only its villages' hits
    const teamCookie = await source.login('liyang.zu1a', 'Demo@2026');
    const teamHits = await get(teamCookie, '/api/analytics/hits?pageSize=500');
    const first = a.villages.filter((v) => v.team === '第一巡察组').map((v) => v.code);
    expect(first.length).toBeGreaterThan(0);
    expect(teamHits.total).toBeGreaterThan(0);
    expect(teamHits.total).toBeLessThan(hits.total);
    for (const h of teamHits.items as Row[]) expect(first).toContain(h.villageCode);
    expect(teamHits.total).toBe((hits.items as Row[]).filter((h) => first.includes(String(h.villageCode))).length);

    const lines = demoAnalyticsLines(a).join('\n');
    expect(lines).toContain(`疑点 ${a.hits} 条（待核实 ${a.byStatus.pending}、已确认 2、已排除 4`);
  });

  it('round-trips every row of every table', async () => {
    const header = await backupTo(source.ctx.db, file, new Date('2026-11-22T00:00:00Z'));
    expect(header.tables.cadres).toBeGreaterThan(1000);
    await expect(restoreFrom(target.ctx.db, file, { replace: false })).rejects.toThrow('目标数据库已有数据');
    await restoreFrom(target.ctx.db, file, { replace: true });
    expect(await snapshot(target)).toEqual(await snapshot(source));
    expect((await verifyAuditChain(target.ctx.db)).ok).toBe(true);
    // the restored database keeps working: serials continue, logins work
    const cookie = await target.login('liyang.office', 'Demo@2026');
    const tag = await target.app.inject({ method: 'POST', url: '/api/registry/tags', headers: { cookie }, payload: { name: '恢复后新标签', category: '其他' } });
    expect(tag.statusCode).toBe(201);
  });

  it('a truncated backup restores nothing', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(dir, 'cut.jsonl.gz');
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const before = await snapshot(target);
    await expect(restoreFrom(target.ctx.db, cut, { replace: true })).rejects.toThrow('备份文件不完整');
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('stored files survive backup and restore byte for byte', () => {
  it('round-trips blobs (bytea) with every byte value', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const source = await createTestApp();
    const target = await createTestApp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-blobs-'));
    try {
      const contents = [Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000), Buffer.from([0])];
      for (const content of contents) {
        const sha256 = createHash('sha256').update(content).digest('hex');
        await source.ctx.db.insertInto('blobs').values({ sha256, size: content.length, mime: 'application/octet-stream', content }).execute();
        await source.ctx.db
          .insertInto('attachments')
          .values({ owner_kind: 'work_record', owner_id: '00000000-0000-4000-8000-000000000001', sha256, file_name: '附件.bin', mime: 'application/octet-stream', size: content.length, uploaded_by: null })
          .execute();
      }
      const file = path.join(dir, 'blobs.jsonl.gz');
      await backupTo(source.ctx.db, file, new Date('2026-11-22T00:00:00Z'));
      await restoreFrom(target.ctx.db, file, { replace: true });
      const rows = await target.ctx.db.selectFrom('blobs').select(['sha256', 'size', 'content']).execute();
      expect(rows).toHaveLength(contents.length);
      for (const r of rows) {
        const bytes = Buffer.from(r.content);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
        expect(bytes.length).toBe(Number(r.size));
        expect(contents.some((c) => Buffer.compare(c, bytes) === 0)).toBe(true);
      }
      expect(await snapshot(target)).toEqual(await snapshot(source));
    } finally {
      await source.close();
      await target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
