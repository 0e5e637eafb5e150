import { describe, expect, it } from 'vitest';
import {
  paceFor,
  termCoverage,
  termPlanInput,
  type CoverageInspection,
  type CoverageVillage,
  type TermPlan,
} from './term-plan';

const plan = (startDate: string, endDate: string, pace: Partial<TermPlan['pace']> = {}): TermPlan =>
  termPlanInput.parse({ name: '2022—2026年巡察工作规划', startDate, endDate, pace });

/** n villages spread over towns of 49, codes 320481101001… */
function county(n: number): CoverageVillage[] {
  return Array.from({ length: n }, (_, i) => {
    const town = 101 + Math.floor(i / 49);
    return { code: `320481${town}${String((i % 49) + 1).padStart(3, '0')}`, townCode: `320481${town}`, townName: `第${town - 100}镇` };
  });
}

const done = (vs: CoverageVillage[], date: string): CoverageInspection[] =>
  vs.map((v) => ({ villageCode: v.code, date, state: 'done' }));
const planned = (vs: CoverageVillage[], date: string): CoverageInspection[] =>
  vs.map((v) => ({ villageCode: v.code, date, state: 'planned' }));

describe('termPlanInput', () => {
  it('defaults the pace rules to every village once and 20% a year', () => {
    expect(termPlanInput.parse({ name: '规划', startDate: '2022-01-01', endDate: '2026-12-31' }).pace).toEqual({
      everyVillagePerTerm: true,
      minAnnualPercent: 20,
    });
  });

  it.each([
    [{ startDate: '2026-12-31', endDate: '2022-01-01' }, '结束日期应晚于开始日期'],
    [{ startDate: '2022-01-01', endDate: '2022-01-01' }, '结束日期应晚于开始日期'],
    [{ startDate: '2020-01-01', endDate: '2031-01-01' }, '一届规划不超过 10 年'],
    [{ startDate: '2024-03-01', endDate: '2027-02-29' }, '日期应为有效的 YYYY-MM-DD 格式'],
    [{ startDate: '2022-01-01', endDate: '2026-12-31', pace: { minAnnualPercent: 0 } }, '至少 1%'],
    [{ startDate: '2022-01-01', endDate: '2026-12-31', pace: { minAnnualPercent: 12.5 } }, '应为整数'],
  ])('refuses %j', (fields, message) => {
    const r = termPlanInput.safeParse({ name: '规划', ...fields });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('accepts a term ending on a leap day', () => {
    expect(termPlanInput.safeParse({ name: '规划', startDate: '2024-03-01', endDate: '2028-02-29' }).success).toBe(true);
  });
});

describe('paceFor rounds up', () => {
  it.each([
    [245, 20, 49],
    [246, 20, 50],
    [5, 20, 1],
    [0, 20, 0],
    [244, 34, 83],
    [100, 100, 100],
  ])('%i villages at %i%% → %i a year', (n, pct, want) => {
    expect(paceFor(n, pct)).toBe(want);
  });
});

describe('the pace warning', () => {
  const vs = county(245);
  const term = plan('2022-01-01', '2026-12-31');

  it('warns with the numbers when the last year cannot cover the rest (the 济南 pace)', () => {
    const c = termCoverage({ term, villages: vs, inspections: done(vs.slice(0, 158), '2024-05-01'), today: '2026-03-01' });
    expect(c).toMatchObject({ villages: 245, inspected: 158, remaining: 87, annualPace: 49, yearsLeft: 1, capacityLeft: 49 });
    expect(c.warnings).toEqual(['剩余 87 个村（社区）未巡察，按每年至少 20% 的节奏，剩余 1 年最多可覆盖 49 个']);
    expect(c.requiredPerYear).toBe(87);
  });

  it('counts villages already planned for a year when that is more than the pace', () => {
    const base = done(vs.slice(0, 158), '2024-05-01');
    const some = termCoverage({ term, villages: vs, inspections: [...base, ...planned(vs.slice(158, 218), '2026-06-01')], today: '2026-03-01' });
    expect(some.capacityLeft).toBe(60);
    expect(some.warnings).toEqual(['剩余 87 个村（社区）未巡察，按每年至少 20% 的节奏，剩余 1 年最多可覆盖 60 个']);
    const all = termCoverage({ term, villages: vs, inspections: [...base, ...planned(vs.slice(158), '2026-06-01')], today: '2026-03-01' });
    expect(all.warnings).toEqual([]);
    expect(all).toMatchObject({ inspected: 158, planned: 87, notPlanned: 0 });
  });

  it('a planned re-inspection of a covered village adds no capacity', () => {
    const base = done(vs.slice(0, 158), '2024-05-01');
    const c = termCoverage({ term, villages: vs, inspections: [...base, ...planned(vs.slice(0, 100), '2026-06-01')], today: '2026-03-01' });
    expect(c.capacityLeft).toBe(49);
  });

  it('what this year has already inspected uses up this year’s pace', () => {
    const c = termCoverage({
      term,
      villages: vs,
      inspections: [...done(vs.slice(0, 128), '2024-05-01'), ...done(vs.slice(128, 158), '2026-02-01')],
      today: '2026-03-01',
    });
    expect(c.capacityLeft).toBe(19);
    expect(c.warnings).toEqual(['剩余 87 个村（社区）未巡察，按每年至少 20% 的节奏，剩余 1 年最多可覆盖 19 个']);
  });

  it('before the term starts every year counts whole', () => {
    const five = termCoverage({ term: plan('2027-01-01', '2031-12-31'), villages: vs, inspections: [], today: '2026-11-22' });
    expect(five).toMatchObject({ yearsLeft: 5, capacityLeft: 245, warnings: [], requiredPerYear: 49 });
    const three = termCoverage({ term: plan('2027-01-01', '2029-12-31'), villages: vs, inspections: [], today: '2026-11-22' });
    expect(three.warnings).toEqual(['剩余 245 个村（社区）未巡察，按每年至少 20% 的节奏，剩余 3 年最多可覆盖 147 个']);
  });

  it('after the term has ended, any village left is a warning of its own', () => {
    const c = termCoverage({ term, villages: vs, inspections: done(vs.slice(0, 158), '2024-05-01'), today: '2027-01-01' });
    expect(c).toMatchObject({ termOver: true, yearsLeft: 0, capacityLeft: 0, requiredPerYear: null });
    expect(c.warnings).toEqual(['本届规划期已于 2026-12-31 结束，仍有 87 个村（社区）未巡察']);
  });

  it('says nothing when every village is done, even after the term', () => {
    const c = termCoverage({ term, villages: vs, inspections: done(vs, '2023-05-01'), today: '2027-06-01' });
    expect(c).toMatchObject({ inspected: 245, remaining: 0, warnings: [] });
  });

  it('says nothing when the plan does not promise full coverage', () => {
    const c = termCoverage({ term: plan('2022-01-01', '2026-12-31', { everyVillagePerTerm: false }), villages: vs, inspections: [], today: '2026-03-01' });
    expect(c.warnings).toEqual([]);
    expect(c.remaining).toBe(245);
  });

  it('handles a county with no villages', () => {
    const c = termCoverage({ term, villages: [], inspections: [], today: '2024-01-01' });
    expect(c).toMatchObject({ villages: 0, inspected: 0, planned: 0, notPlanned: 0, annualPace: 0, remaining: 0, warnings: [], towns: [] });
    expect(c.years.map((y) => y.notYetPlanned)).toEqual([0, 0, 0, 0, 0]);
  });

  it('the term’s last day is inside it, on a leap day too', () => {
    const leap = plan('2024-03-01', '2028-02-29');
    const two = county(2);
    const last = done(two, '2028-02-29');
    expect(termCoverage({ term: leap, villages: two, inspections: last, today: '2028-02-29' })).toMatchObject({ inspected: 2, termOver: false });
    expect(termCoverage({ term: leap, villages: two, inspections: [], today: '2028-02-29' })).toMatchObject({ termOver: false, yearsLeft: 1 });
    expect(termCoverage({ term: leap, villages: two, inspections: [], today: '2028-03-01' }).termOver).toBe(true);
    expect(termCoverage({ term: leap, villages: two, inspections: done(two, '2028-03-01'), today: '2028-03-01' }).inspected).toBe(0);
  });

  it('refuses a today that is not a date', () => {
    expect(() => termCoverage({ term, villages: vs, inspections: [], today: '2025-02-29' })).toThrow('日期无效');
  });
});

describe('coverage per town and per year', () => {
  const villages: CoverageVillage[] = [
    { code: 'A', townCode: 'T1', townName: '甲镇' },
    { code: 'B', townCode: 'T1', townName: '甲镇' },
    { code: 'C', townCode: 'T1', townName: '甲镇' },
    { code: 'D', townCode: 'T2', townName: '乙镇' },
    { code: 'E', townCode: 'T2', townName: '乙镇' },
  ];
  const inspections: CoverageInspection[] = [
    { villageCode: 'A', date: '2023-09-01', state: 'done' },
    { villageCode: 'A', date: '2023-03-01', state: 'done' }, // before the term
    { villageCode: 'B', date: '2024-04-01', state: 'done' },
    { villageCode: 'B', date: '2025-09-01', state: 'planned' }, // 回头看 of a covered village
    { villageCode: 'C', date: '2025-10-01', state: 'planned' },
    { villageCode: 'D', date: '2026-04-01', state: 'planned' },
    { villageCode: 'Z', date: '2024-01-01', state: 'done' }, // merged away
  ];
  const term = plan('2023-07-01', '2027-06-30');

  it('counts inspected, planned and not yet planned', () => {
    const c = termCoverage({ term, villages, inspections, today: '2025-05-10' });
    expect(c).toMatchObject({ villages: 5, inspected: 2, planned: 2, notPlanned: 1, annualPace: 1, remaining: 3 });
    expect(c.years).toEqual([
      { year: 2023, status: 'past', inspected: 1, planned: 0, notYetPlanned: 4, paceTarget: 1, belowPace: null },
      { year: 2024, status: 'past', inspected: 1, planned: 0, notYetPlanned: 3, paceTarget: 1, belowPace: false },
      { year: 2025, status: 'current', inspected: 0, planned: 2, notYetPlanned: 2, paceTarget: 1, belowPace: null },
      { year: 2026, status: 'future', inspected: 0, planned: 1, notYetPlanned: 1, paceTarget: 1, belowPace: null },
      { year: 2027, status: 'future', inspected: 0, planned: 0, notYetPlanned: 1, paceTarget: 1, belowPace: null },
    ]);
    expect(c.towns.map(({ years: _, ...t }) => t)).toEqual([
      { townCode: 'T1', townName: '甲镇', villages: 3, inspected: 2, planned: 1, notPlanned: 0 },
      { townCode: 'T2', townName: '乙镇', villages: 2, inspected: 0, planned: 1, notPlanned: 1 },
    ]);
    expect(c.towns[1]!.years.map((y) => [y.year, y.inspected, y.planned, y.notYetPlanned, y.belowPace])).toEqual([
      [2023, 0, 0, 2, null],
      [2024, 0, 0, 2, true],
      [2025, 0, 0, 2, null],
      [2026, 0, 1, 1, null],
      [2027, 0, 0, 1, null],
    ]);
    expect(c.towns[0]!.years.map((y) => [y.year, y.inspected, y.planned, y.notYetPlanned])).toEqual([
      [2023, 1, 0, 2],
      [2024, 1, 0, 1],
      [2025, 0, 2, 0],
      [2026, 0, 0, 0],
      [2027, 0, 0, 0],
    ]);
    expect(c).toMatchObject({ yearsLeft: 3, capacityLeft: 3, warnings: [] });
  });

  it('a year later the same plan falls behind', () => {
    const c = termCoverage({ term, villages, inspections, today: '2026-05-10' });
    expect(c.warnings).toEqual(['剩余 3 个村（社区）未巡察，按每年至少 20% 的节奏，剩余 2 年最多可覆盖 2 个']);
  });
});
