import { describe, expect, it } from 'vitest';
import { buildStatistics, drillQuery, fenToYuan, NO_ASPECT, scopeLabel, statisticsQuery, toFen, type StatisticsFacts } from './statistics';

const R1 = '11111111-1111-4111-8111-111111111111';
const R2 = '22222222-2222-4222-8222-222222222222';
const T1 = '320481100';
const T2 = '320481101';
const V1 = '320481100001';
const V2 = '320481100002';
const V3 = '320481101001';

const names = {
  rounds: [
    { id: R2, label: '2026年第2轮', year: 2026, number: 2 },
    { id: R1, label: '2025年第1轮', year: 2025, number: 1 },
  ],
  divisions: new Map([
    [T1, '甲镇'],
    [T2, '乙镇'],
    [V1, '一村'],
    [V2, '二村'],
    [V3, '三村'],
  ]),
};

const facts: StatisticsFacts = {
  findings: [
    { roundId: R1, townCode: T1, villageCode: V1, category: 'leadership', aspect: '三资管理', findings: 3, amount: '100.10', immediate: 1 },
    { roundId: R2, townCode: T1, villageCode: V1, category: 'party_building', aspect: '', findings: 2, amount: null, immediate: 0 },
    { roundId: R2, townCode: T1, villageCode: null, category: 'leadership', aspect: '三资管理', findings: 1, amount: '0.20', immediate: 1 },
    { roundId: R2, townCode: T2, villageCode: V3, category: 'strict_governance', aspect: '工程项目', findings: 5, amount: '9999.70', immediate: 2 },
  ],
  inspections: [
    { roundId: R1, townCode: T1, villageCode: V1, status: 'completed' },
    { roundId: R2, townCode: T1, villageCode: V1, status: 'in_progress' },
    { roundId: R2, townCode: T1, villageCode: V2, status: 'completed' },
    { roundId: R2, townCode: T2, villageCode: V3, status: 'in_progress' },
  ],
  leads: [
    { roundId: R2, townCode: T2, villageCode: V3, leads: 2, cases: 1, casePersons: 3 },
    { roundId: R1, townCode: T1, villageCode: V1, leads: 1, cases: 0, casePersons: 0 },
  ],
  persons: [
    { roundId: R2, townCode: T2, villageCode: V3, disciplined: true, organisational: true, judicial: false },
    { roundId: R2, townCode: T2, villageCode: V3, disciplined: false, organisational: true, judicial: false },
    { roundId: R1, townCode: T1, villageCode: V1, disciplined: false, organisational: false, judicial: true },
  ],
  measures: [
    { roundId: R2, townCode: T2, villageCode: V3, kind: 'organisational', measure: 'admonition', count: 2 },
    { roundId: R2, townCode: T2, villageCode: V3, kind: 'party_sanction', measure: 'warning', count: 1 },
    { roundId: R1, townCode: T1, villageCode: V1, kind: 'organisational', measure: 'admonition', count: 1 },
  ],
};

describe('buildStatistics', () => {
  const s = buildStatistics(facts, names);

  it('adds the headline figures; a village inspected in two rounds counts once; money exact to the fen', () => {
    expect(s.figures).toEqual({
      villages: 3,
      villages_completed: 2,
      findings: 11,
      amount: '10100.00',
      immediate: 4,
      leads: 3,
      cases: 1,
      case_persons: 3,
      handled: 3,
      disciplined: 1,
      organisational: 2,
      judicial: 1,
    });
  });

  it('lists every category, zeros included, with shares', () => {
    expect(s.byCategory.map((c) => [c.category, c.findings, c.amount, c.immediate, c.share])).toEqual([
      ['leadership', 4, '100.30', 2, 36.4],
      ['party_building', 2, '0.00', 0, 18.2],
      ['strict_governance', 5, '9999.70', 2, 45.5],
    ]);
  });

  it('groups aspects, the unnamed one last among equals', () => {
    expect(s.byAspect.map((a) => [a.aspect, a.findings])).toEqual([
      ['工程项目', 5],
      ['三资管理', 4],
      [NO_ASPECT, 2],
    ]);
  });

  it('ranks towns by findings; town-level findings count for the town, not a village', () => {
    expect(s.byTown.map((t) => [t.rank, t.name, t.findings, t.villages, t.leads])).toEqual([
      [1, '甲镇', 6, 2, 1],
      [2, '乙镇', 5, 1, 2],
    ]);
    expect(s.villages.map((v) => [v.name, v.townName, v.findings])).toEqual([
      ['三村', '乙镇', 5],
      ['一村', '甲镇', 5],
      ['二村', '甲镇', 0],
    ]);
    expect(s.villages.reduce((a, v) => a + v.findings, 0)).toBe(10); // 11 less the town-level one
  });

  it('runs rounds in time order for the trend', () => {
    expect(s.byRound.map((r) => [r.label, r.findings, r.villages, r.handled])).toEqual([
      ['2025年第1轮', 3, 1, 1],
      ['2026年第2轮', 8, 3, 2],
    ]);
  });

  it('lists every outcome measure of the catalogue', () => {
    const admonition = s.byMeasure.find((m) => m.measure === 'admonition')!;
    expect(admonition).toMatchObject({ kindName: '组织处理', measureName: '诫勉谈话', count: 3 });
    expect(s.byMeasure.find((m) => m.kind === 'party_sanction' && m.measure === 'expulsion')!.count).toBe(0);
    expect(s.byMeasure.reduce((a, m) => a + m.count, 0)).toBe(4);
  });

  it('gives zeros on no facts', () => {
    const empty = buildStatistics({ findings: [], inspections: [], leads: [], persons: [], measures: [] }, { rounds: [], divisions: new Map() });
    expect(empty.figures.findings).toBe(0);
    expect(empty.figures.amount).toBe('0.00');
    expect(empty.byCategory.every((c) => c.share === 0)).toBe(true);
    expect(empty.byTown).toEqual([]);
  });
});

describe('money in fen', () => {
  it.each([
    ['0.10', 10],
    ['36800.50', 3680050],
    [null, 0],
    ['', 0],
    [0.3, 30],
  ] as const)('%s → %i fen', (v, fen) => expect(toFen(v)).toBe(fen));
  it('sums 0.1 + 0.2 exactly', () => expect(fenToYuan(toFen('0.1') + toFen('0.2'))).toBe('0.30'));
});

describe('queries', () => {
  it('treats empty pickers as all', () => {
    expect(statisticsQuery.parse({ termPlanId: '', roundId: '', townCode: '' })).toEqual({});
  });
  it.each([
    [{ roundId: 'x' }, '巡察轮次编号无效'],
    [{ townCode: '3204' }, '乡镇（街道）代码应为 9 位数字'],
    [{ townCode: T1, villageCode: V3 }, '所选村（社区）不属于所选乡镇（街道）'],
  ])('refuses %j in Chinese', (q, message) => {
    const r = statisticsQuery.safeParse(q);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });
  it.each([
    [{ figure: 'nope' }, '未知的统计项'],
    [{ figure: 'leads', category: 'leadership' }, '只有问题类统计项可以按类别或清单方面查看'],
    [{ figure: 'measure' }, '请指定处理类别和处理方式'],
    [{ figure: 'measure', kind: 'judicial', measure: 'warning' }, '处理方式不属于该处理类别'],
    [{ figure: 'handled', kind: 'judicial' }, '只有“处理方式”可以按处理方式查看'],
  ])('drill-down refuses %j', (q, message) => {
    const r = drillQuery.safeParse(q);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });
  it('accepts a cell of the measure table and of the category table', () => {
    expect(drillQuery.parse({ figure: 'measure', kind: 'organisational', measure: 'admonition' })).toMatchObject({ figure: 'measure' });
    expect(drillQuery.parse({ figure: 'amount', category: 'leadership', aspect: '三资管理' })).toMatchObject({ category: 'leadership' });
  });
});

describe('scopeLabel', () => {
  it('names the narrowest period and the places', () => {
    expect(scopeLabel({})).toBe('全部轮次');
    expect(scopeLabel({ termPlan: '2022—2026年巡察规划', round: '2026年第2轮', town: '甲镇' })).toBe('2026年第2轮·甲镇');
    expect(scopeLabel({ termPlan: '2022—2026年巡察规划' })).toBe('2022—2026年巡察规划');
  });
});

describe('the seeds’ figures can be read off the tables', () => {
  it('桐柏: 215 villages, 4402 problems, 498 leads, 33 sanctioned, 45 诫勉谈话 (2 expelled, 9 warnings)', () => {
    const town = (i: number) => `4113300${String(100 + (i % 16)).padStart(3, '0')}`.slice(0, 9);
    const village = (i: number) => `${town(i)}${String(i).padStart(3, '0')}`;
    const inspections = Array.from({ length: 215 }, (_, i) => ({ roundId: R1, townCode: town(i), villageCode: village(i), status: 'completed' as const }));
    const findings = Array.from({ length: 215 }, (_, i) => ({
      roundId: R1,
      townCode: town(i),
      villageCode: village(i),
      category: 'leadership',
      aspect: '',
      findings: i < 102 ? 21 : 20, // 102 × 21 + 113 × 20 = 4402
      amount: null,
      immediate: 0,
    }));
    const leads = Array.from({ length: 83 }, (_, i) => ({ roundId: R1, townCode: town(i), villageCode: village(i), leads: 6, cases: 0, casePersons: 0 })); // 83 × 6 = 498
    // 33 persons with a Party or government sanction, 45 with 诫勉谈话
    const persons = [
      ...Array.from({ length: 33 }, (_, i) => ({ roundId: R1, townCode: town(i), villageCode: village(i), disciplined: true, organisational: false, judicial: false })),
      ...Array.from({ length: 45 }, (_, i) => ({ roundId: R1, townCode: town(i), villageCode: village(i), disciplined: false, organisational: true, judicial: false })),
    ];
    const measures = [
      { roundId: R1, townCode: town(0), villageCode: village(0), kind: 'party_sanction', measure: 'expulsion', count: 2 },
      { roundId: R1, townCode: town(0), villageCode: village(0), kind: 'party_sanction', measure: 'warning', count: 9 },
      { roundId: R1, townCode: town(0), villageCode: village(0), kind: 'party_sanction', measure: 'serious_warning', count: 22 },
      { roundId: R1, townCode: town(0), villageCode: village(0), kind: 'organisational', measure: 'admonition', count: 45 },
    ];
    const s = buildStatistics({ findings, inspections, leads, persons, measures }, names);
    expect(s.figures).toMatchObject({ villages: 215, findings: 4402, leads: 498, disciplined: 33, organisational: 45 });
    const m = (measure: string) => s.byMeasure.find((x) => x.measure === measure && x.kind !== 'government_sanction')!.count;
    expect([m('admonition'), m('expulsion'), m('warning')]).toEqual([45, 2, 9]);
  });
});

describe('群众反映', () => {
  const reports = [
    { roundId: R1, townCode: T1, villageCode: V1, reports: 2, accepted: 1, linked: 0, forwarded: 1, closed: 0 },
    { roundId: R2, townCode: T1, villageCode: V1, reports: 3, accepted: 3, linked: 2, forwarded: 0, closed: 1 },
    { roundId: R2, townCode: T1, villageCode: null, reports: 1, accepted: 1, linked: 1, forwarded: 0, closed: 0 },
    { roundId: R2, townCode: T2, villageCode: V3, reports: 4, accepted: 0, linked: 0, forwarded: 0, closed: 2 },
  ];
  const s = buildStatistics({ ...facts, reports }, names).publicReports;

  it('adds the five figures up over the scope', () => {
    expect(s.figures).toEqual({ reports: 10, reports_accepted: 5, reports_linked: 3, reports_forwarded: 1, reports_closed: 3 });
  });

  it('rounds run in time order; towns and villages by reports, a town target’s reports count for the town only', () => {
    expect(s.byRound.map((r) => [r.label, r.reports])).toEqual([
      ['2025年第1轮', 2],
      ['2026年第2轮', 8],
    ]);
    expect(s.byTown.map((t) => [t.name, t.reports, t.reports_linked])).toEqual([
      ['甲镇', 6, 3],
      ['乙镇', 4, 0],
    ]);
    expect(s.byVillage.map((v) => [v.name, v.townName, v.reports])).toEqual([
      ['一村', '甲镇', 5],
      ['三村', '乙镇', 4],
    ]);
  });

  it('is all zeros without reports, and the other figures do not change with them', () => {
    const none = buildStatistics(facts, names);
    expect(none.publicReports.figures).toEqual({ reports: 0, reports_accepted: 0, reports_linked: 0, reports_forwarded: 0, reports_closed: 0 });
    expect(none.publicReports.byVillage).toEqual([]);
    expect(buildStatistics({ ...facts, reports }, names).figures).toEqual(none.figures);
  });
});
