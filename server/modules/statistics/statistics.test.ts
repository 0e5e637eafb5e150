import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CATEGORY_LIST } from '../../../domain/findings/finding';
import { HEADLINE_FIGURES, REPORT_FIGURES, STAT_TABLE_LIST, type Figures, type ReportFigures } from '../../../domain/statistics/statistics';
import { api } from '../../test/fixtures';
import { TABLE_HEADERS } from './statistics.export';
import { createStatsWorld, type StatsWorld } from './test-setup';

let w: StatsWorld;
beforeAll(async () => {
  w = await createStatsWorld();
}, 240_000);
afterAll(async () => w?.t.close());

interface Scope {
  rounds?: string[];
  town?: string;
  village?: string;
}

/** Every figure recomputed from the inserted records, independently of the server's SQL and roll-up. */
function expected(s: Scope = {}) {
  const inScope = (x: { roundId: string; townCode: string; villageCode: string | null }) =>
    (!s.rounds || s.rounds.includes(x.roundId)) && (!s.town || x.townCode === s.town) && (!s.village || x.villageCode === s.village);
  const F = w.findings.filter((f) => f.status === 'approved' && inScope(f));
  const I = w.inspections.filter((i) => (i.status === 'in_progress' || i.status === 'completed') && inScope(i));
  const L = w.leads.filter((l) => l.status !== 'draft' && inScope(l));
  const leadIds = new Set(L.map((l) => l.id));
  const O = w.outcomes.filter((o) => leadIds.has(o.leadId));
  const persons = new Map<string, Set<string>>();
  for (const o of O) {
    const key = `${o.leadId}|${o.personName}`;
    persons.set(key, (persons.get(key) ?? new Set()).add(o.kind));
  }
  const kinds = [...persons.values()];
  const fen = F.reduce((a, f) => a + (f.amount ? Math.round(Number(f.amount) * 100) : 0), 0);
  const figures: Figures = {
    villages: new Set(I.map((i) => i.villageCode)).size,
    villages_completed: new Set(I.filter((i) => i.status === 'completed').map((i) => i.villageCode)).size,
    findings: F.length,
    amount: (fen / 100).toFixed(2),
    immediate: F.filter((f) => f.immediate).length,
    leads: L.length,
    cases: L.filter((l) => l.caseOpened).length,
    case_persons: L.filter((l) => l.caseOpened).reduce((a, l) => a + l.persons.length, 0),
    handled: persons.size,
    disciplined: kinds.filter((k) => k.has('party_sanction') || k.has('government_sanction')).length,
    organisational: kinds.filter((k) => k.has('organisational')).length,
    judicial: kinds.filter((k) => k.has('judicial')).length,
  };
  const R = w.reports.filter(inScope);
  const reports: ReportFigures = {
    reports: R.length,
    reports_accepted: R.filter((x) => x.wasAccepted || x.status === 'accepted' || x.status === 'linked').length,
    reports_linked: R.filter((x) => x.liveLinks > 0).length,
    reports_forwarded: R.filter((x) => x.status === 'forwarded').length,
    reports_closed: R.filter((x) => x.status === 'closed').length,
  };
  return { figures, F, I, L, O, R, reports };
}

const qs = (o: Record<string, string | number | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

async function overview(cookie: string, q: Record<string, string | undefined> = {}) {
  const r = await api(w.t, cookie, 'GET', `/api/statistics/overview?${qs(q)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
async function records(q: Record<string, string | number | undefined>, cookie = w.office) {
  const r = await api(w.t, cookie, 'GET', `/api/statistics/records?${qs({ pageSize: 500, ...q })}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

describe('the generated round', () => {
  it('is a few hundred findings over several towns, every category and status, leads in every status', () => {
    expect(w.findings.length).toBeGreaterThanOrEqual(300);
    expect(new Set(w.findings.map((f) => f.status)).size).toBe(5);
    expect(new Set(w.findings.map((f) => f.category)).size).toBe(3);
    expect(new Set(w.findings.map((f) => f.townCode)).size).toBe(3);
    expect(new Set(w.leads.map((l) => l.status)).size).toBe(5);
    expect(w.outcomes.length).toBeGreaterThan(10);
    expect(w.findings.some((f) => f.villageCode === null && f.status === 'approved')).toBe(true);
  });
});

describe('figures match the records', () => {
  const scopes = (): [string, Record<string, string>, Scope][] => [
    ['all rounds', {}, {}],
    ['the term plan', { termPlanId: w.termPlanId }, { rounds: w.termRounds }],
    ["this year's round", { roundId: w.roundId }, { rounds: [w.roundId] }],
    ['a round outside the plan', { roundId: w.otherRound }, { rounds: [w.otherRound] }],
    ['a town', { townCode: w.towns[1]! }, { town: w.towns[1]! }],
    ['a town in a round', { roundId: w.roundId, townCode: w.towns[0]! }, { rounds: [w.roundId], town: w.towns[0]! }],
    ['a village', { townCode: w.towns[2]!, villageCode: w.inspections.find((i) => i.townCode === w.towns[2])!.villageCode }, { village: w.inspections.find((i) => i.townCode === w.towns[2])!.villageCode }],
  ];

  it('headline figures of every scope equal the recomputation; non-approved findings, draft leads and the other county never count', async () => {
    for (const [name, q, s] of scopes()) {
      const o = await overview(w.office, q);
      expect(o.figures, name).toEqual(expected(s).figures);
    }
    const all = expected().figures;
    expect(all.findings).toBeLessThan(w.findings.length);
    expect(all.findings).toBeGreaterThan(150);
    expect(all.leads).toBeLessThan(w.leads.length);
  });

  it('tables by category, aspect, town, round and measure equal the recomputation', async () => {
    const o = await overview(w.office);
    const e = expected();
    for (const c of FINDING_CATEGORY_LIST) {
      const rows = e.F.filter((f) => f.category === c);
      const row = o.byCategory.find((r: { category: string }) => r.category === c);
      expect(row.findings).toBe(rows.length);
      expect(row.immediate).toBe(rows.filter((f) => f.immediate).length);
      expect(row.amount).toBe((rows.reduce((a, f) => a + (f.amount ? Math.round(Number(f.amount) * 100) : 0), 0) / 100).toFixed(2));
    }
    const aspects = new Map<string, number>();
    for (const f of e.F) aspects.set(f.aspect, (aspects.get(f.aspect) ?? 0) + 1);
    expect(Object.fromEntries(o.byAspect.map((a: { aspect: string; findings: number }) => [a.aspect, a.findings]))).toEqual(Object.fromEntries(aspects));
    expect(o.byTown.map((t: { code: string }) => t.code).sort()).toEqual([...w.towns].sort());
    for (const t of o.byTown) {
      const { rank, code, name, ...figures } = t;
      expect(figures, name).toEqual(expected({ town: code }).figures);
      expect(rank).toBe(o.byTown.indexOf(t) + 1);
    }
    // ranked by findings
    for (let i = 1; i < o.byTown.length; i++) expect(o.byTown[i - 1].findings).toBeGreaterThanOrEqual(o.byTown[i].findings);
    expect(o.byRound.map((r: { label: string }) => r.label)).toEqual(['2024年第1轮', '2025年第1轮', '2026年第2轮']);
    for (const r of o.byRound) {
      const { roundId, label, ...figures } = r;
      expect(figures, label).toEqual(expected({ rounds: [roundId] }).figures);
    }
    for (const m of o.byMeasure) {
      expect(m.count, `${m.kindName}${m.measureName}`).toBe(e.O.filter((x) => x.kind === m.kind && x.measure === m.measure).length);
    }
    expect(o.byMeasure.find((m: { measureName: string }) => m.measureName === '诫勉谈话')).toBeDefined();
  });

  it('the village table is paginated, complete, and each row equals the recomputation', async () => {
    const first = await api(w.t, w.office, 'GET', '/api/statistics/villages?page=1&pageSize=5');
    expect(first.status).toBe(200);
    const villages = new Set(
      [...w.findings.filter((f) => f.status === 'approved'), ...w.inspections.filter((i) => i.status !== 'not_started'), ...w.leads.filter((l) => l.status !== 'draft')]
        .map((x) => x.villageCode)
        .filter(Boolean),
    );
    expect(first.body.total).toBe(villages.size);
    expect(first.body.items).toHaveLength(5);
    const all = await api(w.t, w.office, 'GET', `/api/statistics/villages?page=1&pageSize=500`);
    expect(all.body.items.slice(0, 5)).toEqual(first.body.items);
    for (const v of all.body.items) {
      const { code, name, townCode, townName: _townName, ...figures } = v;
      expect(figures, name).toEqual(expected({ village: code }).figures);
      expect(code.startsWith(townCode)).toBe(true);
    }
  });
});

describe('drill-down: the records behind each number', () => {
  it('lists as many records as every headline figure says, for several scopes', async () => {
    for (const q of [{}, { roundId: w.roundId }, { townCode: w.towns[1]! }, { termPlanId: w.termPlanId, townCode: w.towns[0]! }]) {
      const o = await overview(w.office, q);
      for (const figure of HEADLINE_FIGURES) {
        const r = await records({ ...q, figure });
        if (figure === 'amount') {
          expect(r.amount, `${figure} ${JSON.stringify(q)}`).toBe(o.figures.amount);
          expect(r.items.every((f: { amount: string | null }) => Number(f.amount) > 0)).toBe(true);
        } else {
          expect(r.total, `${figure} ${JSON.stringify(q)}`).toBe(o.figures[figure]);
        }
        expect(r.items.length).toBe(Math.min(r.total, 500));
      }
    }
  });

  it('the findings behind the figure are exactly the approved findings of the scope, with links', async () => {
    const r = await records({ figure: 'findings', roundId: w.roundId });
    const want = expected({ rounds: [w.roundId] }).F.map((f) => f.id).sort();
    expect(r.items.map((f: { id: string }) => f.id).sort()).toEqual(want);
    expect(r.items[0].link).toBe(`/findings/${r.items[0].id}`);
    expect(r.items[0].roundLabel).toBe('2026年第2轮');
    const leads = await records({ figure: 'cases' });
    expect(leads.items.map((l: { id: string }) => l.id).sort()).toEqual(expected().L.filter((l) => l.caseOpened).map((l) => l.id).sort());
    expect(leads.items[0].link).toBe(`/leads/${leads.items[0].id}`);
  });

  it('table cells drill to their records: category, aspect, town, round, measure', async () => {
    const o = await overview(w.office);
    for (const c of o.byCategory) {
      for (const figure of ['findings', 'immediate'] as const) {
        expect((await records({ figure, category: c.category })).total).toBe(c[figure]);
      }
    }
    for (const a of o.byAspect) expect((await records({ figure: 'findings', aspect: a.aspect })).total, a.aspect).toBe(a.findings);
    for (const t of o.byTown) {
      for (const figure of ['villages', 'findings', 'leads', 'disciplined', 'organisational'] as const) {
        expect((await records({ figure, townCode: t.code })).total, `${t.name} ${figure}`).toBe(t[figure]);
      }
    }
    for (const r of o.byRound) expect((await records({ figure: 'handled', roundId: r.roundId })).total).toBe(r.handled);
    for (const m of o.byMeasure.filter((x: { count: number }) => x.count > 0)) {
      const r = await records({ figure: 'measure', kind: m.kind, measure: m.measure });
      expect(r.total).toBe(m.count);
      expect(r.items.every((x: { detail: string }) => x.detail === `${m.kindName}·${m.measureName}`)).toBe(true);
    }
  });

  it('pages do not overlap and add up to the total', async () => {
    const total = (await records({ figure: 'findings' })).total;
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(total / 40); page++) {
      const r = await records({ figure: 'findings', page, pageSize: 40 });
      for (const f of r.items) seen.add(f.id);
    }
    expect(seen.size).toBe(total);
  });

  it('refuses a bad drill-down in Chinese', async () => {
    const r = await api(w.t, w.office, 'GET', '/api/statistics/records?figure=measure&kind=judicial&measure=warning');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('处理方式不属于该处理类别');
    const bad = await api(w.t, w.office, 'GET', '/api/statistics/records?figure=leads&category=leadership');
    expect(bad.status).toBe(400);
  });
});

describe('群众反映', () => {
  it('the five figures equal the recomputation for every scope, and each drills to as many reports, without text or identity', async () => {
    expect(w.reports.length).toBeGreaterThan(50);
    for (const [q, s] of [
      [{}, {}],
      [{ roundId: w.roundId }, { rounds: [w.roundId] }],
      [{ termPlanId: w.termPlanId }, { rounds: w.termRounds }],
      [{ townCode: w.towns[1]! }, { town: w.towns[1]! }],
      [{ villageCode: w.villageA }, { village: w.villageA }],
    ] as [Record<string, string>, Scope][]) {
      const o = await overview(w.office, q);
      const e = expected(s);
      expect(o.publicReports.figures, JSON.stringify(q)).toEqual(e.reports);
      for (const figure of REPORT_FIGURES) {
        const r = await records({ ...q, figure });
        expect(r.total, `${figure} ${JSON.stringify(q)}`).toBe(o.publicReports.figures[figure]);
        expect(r.items.length).toBe(Math.min(r.total, 500));
        if (figure === 'reports') expect(new Set(r.items.map((x: { id: string }) => x.id))).toEqual(new Set(e.R.map((x) => x.id)));
        expect(JSON.stringify(r.items)).not.toContain('生成的反映');
      }
    }
  });

  it('the tables per round, town and village add up to the figures; the town target’s reports count for the town only', async () => {
    const o = await overview(w.office);
    const sum = (rows: ReportFigures[]) => Object.fromEntries(REPORT_FIGURES.map((f) => [f, rows.reduce((a, r) => a + r[f], 0)]));
    expect(sum(o.publicReports.byRound)).toEqual(o.publicReports.figures);
    expect(sum(o.publicReports.byTown)).toEqual(o.publicReports.figures);
    const toTown = w.reports.filter((x) => x.villageCode === null).length;
    expect(toTown).toBeGreaterThan(0);
    expect(sum(o.publicReports.byVillage).reports).toBe(o.publicReports.figures.reports - toTown);
    const town = o.publicReports.byTown.find((t: { code: string }) => t.code === w.towns[1]);
    expect(town.reports).toBe(w.reports.filter((x) => x.townCode === w.towns[1]).length);
    for (const v of o.publicReports.byVillage.slice(0, 5)) {
      expect((await records({ figure: 'reports', villageCode: v.code })).total).toBe(v.reports);
    }
  });
});

describe('who sees what', () => {
  it('the leading group sees the same figures as the office', async () => {
    expect((await overview(w.leading)).figures).toEqual((await overview(w.office)).figures);
  });

  it('teams and towns have no statistics (403)', async () => {
    for (const cookie of [w.teamA, w.town]) {
      expect((await api(w.t, cookie, 'GET', '/api/statistics/overview')).status).toBe(403);
      expect((await api(w.t, cookie, 'GET', '/api/statistics/records?figure=findings')).status).toBe(403);
      expect((await api(w.t, cookie, 'GET', '/api/statistics/export.xlsx?table=town')).status).toBe(403);
    }
  });

  it("another county's office sees only its own county; the other's round, plan and towns are 404", async () => {
    const o = await overview(w.otherCounty);
    expect(o.figures).toMatchObject({ findings: 1, amount: '99999.00', leads: 1, cases: 1, case_persons: 1, villages: 0 });
    expect(o.byTown.map((t: { code: string }) => t.code)).toEqual(['320482100']);
    for (const q of [`roundId=${w.roundId}`, `termPlanId=${w.termPlanId}`, `townCode=${w.towns[0]}`]) {
      expect((await api(w.t, w.otherCounty, 'GET', `/api/statistics/overview?${q}`)).status, q).toBe(404);
    }
    expect((await api(w.t, w.office, 'GET', `/api/statistics/overview?roundId=${w.otherCountyRound}`)).status).toBe(404);
    const options = await api(w.t, w.otherCounty, 'GET', '/api/statistics/options');
    expect(options.body.rounds.map((r: { id: string }) => r.id)).toEqual([w.otherCountyRound]);
    expect(options.body.termPlans).toEqual([]);
  });

  it('the pickers list the county’s plans, rounds (by plan), towns and a town’s villages', async () => {
    const all = (await api(w.t, w.office, 'GET', '/api/statistics/options')).body;
    expect(all.termPlans.map((p: { id: string }) => p.id)).toEqual([w.termPlanId]);
    expect(all.rounds.map((r: { label: string }) => r.label)).toEqual(['2026年第2轮', '2025年第1轮', '2024年第1轮']);
    expect(all.towns.length).toBeGreaterThan(3);
    const plan = (await api(w.t, w.office, 'GET', `/api/statistics/options?termPlanId=${w.termPlanId}&townCode=${w.towns[0]}`)).body;
    expect(plan.rounds.map((r: { id: string }) => r.id).sort()).toEqual([...w.termRounds].sort());
    expect(plan.villages.every((v: { code: string }) => v.code.startsWith(w.towns[0]!))).toBe(true);
  });

  it('a round outside the chosen plan is refused', async () => {
    const r = await api(w.t, w.office, 'GET', `/api/statistics/overview?termPlanId=${w.termPlanId}&roundId=${w.otherRound}`);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('所选轮次不属于所选巡察规划');
  });
});

describe('.xlsx of every table', () => {
  async function read(table: string, q = '') {
    const res = await w.t.app.inject({ method: 'GET', url: `/api/statistics/export.xlsx?table=${table}${q}`, headers: { cookie: w.office } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('巡察统计-')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { ws, rows, disposition: String(res.headers['content-disposition']) };
  }

  it('has the Chinese headers, a frozen header row, and the rows of the table', async () => {
    const o = await overview(w.office, { roundId: w.roundId });
    const villages = await api(w.t, w.office, 'GET', `/api/statistics/villages?roundId=${w.roundId}&pageSize=500`);
    const lengths: Record<string, number> = {
      category: o.byCategory.length,
      aspect: o.byAspect.length,
      town: o.byTown.length,
      village: villages.body.total,
      round: o.byRound.length,
      measure: o.byMeasure.length,
      report_round: o.publicReports.byRound.length,
      report_town: o.publicReports.byTown.length,
      report_village: o.publicReports.byVillage.length,
    };
    for (const table of STAT_TABLE_LIST) {
      const { ws, rows, disposition } = await read(table, `&roundId=${w.roundId}`);
      expect(rows[0], table).toEqual(TABLE_HEADERS[table]);
      expect(rows.length - 1, table).toBe(lengths[table]);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toContain('2026年第2轮');
    }
  });

  it('the cells are the figures: the town ranking read back equals the overview', async () => {
    const o = await overview(w.office);
    const { rows } = await read('town');
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual(o.byTown.map((t: { rank: number; name: string; findings: number; amount: string }) => [t.rank, t.name, t.findings, Number(t.amount)]));
    const measure = await read('measure');
    const admonition = measure.rows.find((r) => r[1] === '诫勉谈话')!;
    expect(admonition[2]).toBe(o.byMeasure.find((m: { measureName: string }) => m.measureName === '诫勉谈话').count);
  });
});
