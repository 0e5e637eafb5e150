/**
 * The term plan (巡察规划): one per committee term, promising every village at least once, at a pace of
 * at least some share of all villages per year (济南: 20%). Coverage is computed here from plain
 * facts — villages, inspections done or planned with their dates, and today — so the same numbers
 * appear on the page, in exports and in tests.
 *
 * The warning rule ("can the rest still be covered in time?"):
 *  - remaining = villages with no finished inspection dated inside the term;
 *  - the years left are the calendar years from today's (or the term's first, if later) to the term's
 *    last, each counted whole — offices plan and report pace by calendar year;
 *  - a future year can cover max(pace, villages already planned for it that are still uncovered);
 *  - the current year can cover what is left of its pace after the villages already inspected this
 *    year, or the uncovered villages planned for it if that is more;
 *  - pace = ⌈villages × percent ÷ 100⌉.
 * When remaining exceeds what the years left can cover, the plan warns with the numbers. After the
 * term's last day any remaining village is a warning of its own.
 */
import { z } from 'zod';
import { isIsoDate, isoDateField, yearOf } from '../shared/calendar';
import { DomainError } from '../shared/errors';

export const paceRulesInput = z.object({
  /** every village at least once in the term */
  everyVillagePerTerm: z.boolean().default(true),
  /** at least this share of all villages per calendar year */
  minAnnualPercent: z.number().int('应为整数').min(1, '至少 1%').max(100, '不超过 100%').default(20),
});
export type PaceRules = z.output<typeof paceRulesInput>;
export const DEFAULT_PACE_RULES: PaceRules = Object.freeze({ everyVillagePerTerm: true, minAnnualPercent: 20 });

export const termPlanInput = z
  .object({
    name: z.string().trim().min(1, '请填写规划名称').max(100),
    startDate: isoDateField,
    endDate: isoDateField,
    pace: paceRulesInput.prefault({}),
  })
  .superRefine((p, ctx) => {
    if (p.endDate <= p.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期应晚于开始日期' });
    else if (yearOf(p.endDate) - yearOf(p.startDate) > 10)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: '一届规划不超过 10 年' });
  });
export type TermPlan = z.output<typeof termPlanInput>;

export interface CoverageVillage {
  code: string;
  townCode: string;
  townName: string;
}

export interface CoverageInspection {
  villageCode: string;
  /** finished: the day it finished; planned: the day it is to start */
  date: string;
  state: 'done' | 'planned';
}

export interface CoverageCounts {
  villages: number;
  /** inspected at least once in the term */
  inspected: number;
  /** not inspected yet, but planned in the term */
  planned: number;
  /** neither inspected nor planned */
  notPlanned: number;
}

export type YearStatus = 'past' | 'current' | 'future';

export interface YearCoverage {
  year: number;
  status: YearStatus;
  /** distinct villages inspected that year */
  inspected: number;
  /** distinct villages planned that year and not inspected that year */
  planned: number;
  /** villages with nothing inspected or planned in the term up to the end of that year */
  notYetPlanned: number;
  /** the pace rule's figure for that year */
  paceTarget: number;
  /** only for a past year the term covers entirely: fewer inspected than the pace asks */
  belowPace: boolean | null;
}

export interface TownCoverage extends CoverageCounts {
  townCode: string;
  townName: string;
  years: YearCoverage[];
}

export interface TermCoverage extends CoverageCounts {
  years: YearCoverage[];
  towns: TownCoverage[];
  /** ⌈villages × percent ÷ 100⌉ */
  annualPace: number;
  /** villages not inspected yet in the term */
  remaining: number;
  yearsLeft: number;
  /** how many of the remaining the years left can cover at the planned pace */
  capacityLeft: number;
  /** ⌈remaining ÷ yearsLeft⌉, or null when no year is left */
  requiredPerYear: number | null;
  termOver: boolean;
  warnings: string[];
}

export const paceFor = (villages: number, percent: number): number => Math.ceil((villages * percent) / 100);

interface Ledger {
  doneByYear: Map<number, Set<string>>;
  plannedByYear: Map<number, Set<string>>;
  covered: Set<string>;
  planned: Set<string>;
}

function ledger(villages: readonly CoverageVillage[], inspections: readonly CoverageInspection[], term: TermPlan): Ledger {
  const known = new Set(villages.map((v) => v.code));
  const l: Ledger = { doneByYear: new Map(), plannedByYear: new Map(), covered: new Set(), planned: new Set() };
  for (const i of inspections) {
    // villages merged away since, and inspections outside the term, do not count
    if (!known.has(i.villageCode) || i.date < term.startDate || i.date > term.endDate) continue;
    const byYear = i.state === 'done' ? l.doneByYear : l.plannedByYear;
    const y = yearOf(i.date);
    if (!byYear.has(y)) byYear.set(y, new Set());
    byYear.get(y)!.add(i.villageCode);
    (i.state === 'done' ? l.covered : l.planned).add(i.villageCode);
  }
  for (const c of l.covered) l.planned.delete(c);
  return l;
}

const yearsOf = (term: TermPlan): number[] => {
  const out: number[] = [];
  for (let y = yearOf(term.startDate); y <= yearOf(term.endDate); y++) out.push(y);
  return out;
};

function countsFor(codes: ReadonlySet<string>, l: Ledger): CoverageCounts {
  let inspected = 0;
  let planned = 0;
  for (const c of codes) {
    if (l.covered.has(c)) inspected++;
    else if (l.planned.has(c)) planned++;
  }
  return { villages: codes.size, inspected, planned, notPlanned: codes.size - inspected - planned };
}

const countIn = (set: ReadonlySet<string> | undefined, codes: ReadonlySet<string>, except?: ReadonlySet<string>) =>
  [...(set ?? [])].filter((c) => codes.has(c) && !except?.has(c)).length;

function yearsFor(codes: ReadonlySet<string>, l: Ledger, term: TermPlan, today: string): YearCoverage[] {
  const pace = paceFor(codes.size, term.pace.minAnnualPercent);
  const thisYear = yearOf(today);
  const touched = new Set<string>();
  return yearsOf(term).map((year) => {
    const done = l.doneByYear.get(year);
    const planned = l.plannedByYear.get(year);
    for (const c of [...(done ?? []), ...(planned ?? [])]) if (codes.has(c)) touched.add(c);
    const status: YearStatus = year < thisYear ? 'past' : year === thisYear ? 'current' : 'future';
    const inspected = countIn(done, codes);
    const whole = term.startDate <= `${year}-01-01` && term.endDate >= `${year}-12-31`;
    return {
      year,
      status,
      inspected,
      planned: countIn(planned, codes, done),
      notYetPlanned: codes.size - touched.size,
      paceTarget: pace,
      belowPace: status === 'past' && whole ? inspected < pace : null,
    };
  });
}

/** Coverage of the term per town and per year as of `today`, with the pace warning. */
export function termCoverage(input: {
  term: TermPlan;
  villages: readonly CoverageVillage[];
  inspections: readonly CoverageInspection[];
  today: string;
}): TermCoverage {
  const { term, villages, inspections, today } = input;
  if (!isIsoDate(today)) throw new DomainError('VALIDATION_FAILED', `日期无效：“${today}”，应为 YYYY-MM-DD`);
  const l = ledger(villages, inspections, term);
  const all = new Set(villages.map((v) => v.code));
  const counts = countsFor(all, l);
  const percent = term.pace.minAnnualPercent;
  const annualPace = paceFor(all.size, percent);

  const townNames = new Map<string, string>();
  const townCodes = new Map<string, Set<string>>();
  for (const v of villages) {
    townNames.set(v.townCode, v.townName);
    if (!townCodes.has(v.townCode)) townCodes.set(v.townCode, new Set());
    townCodes.get(v.townCode)!.add(v.code);
  }
  const towns = [...townCodes.keys()].sort().map((townCode) => {
    const codes = townCodes.get(townCode)!;
    return { townCode, townName: townNames.get(townCode)!, ...countsFor(codes, l), years: yearsFor(codes, l, term, today) };
  });

  const remaining = counts.villages - counts.inspected;
  const termOver = today > term.endDate;
  const thisYear = yearOf(today);
  let yearsLeft = 0;
  let capacityLeft = 0;
  if (!termOver) {
    for (const year of yearsOf(term)) {
      if (year < thisYear) continue;
      const uncoveredPlanned = countIn(l.plannedByYear.get(year), l.planned);
      const current = year === thisYear && today >= term.startDate;
      const doneThisYear = l.doneByYear.get(year)?.size ?? 0;
      capacityLeft += current ? Math.max(annualPace - doneThisYear, uncoveredPlanned, 0) : Math.max(annualPace, uncoveredPlanned);
      yearsLeft++;
    }
  }

  const warnings: string[] = [];
  if (term.pace.everyVillagePerTerm && remaining > 0) {
    if (termOver) warnings.push(`本届规划期已于 ${term.endDate} 结束，仍有 ${remaining} 个村（社区）未巡察`);
    else if (remaining > capacityLeft)
      warnings.push(
        `剩余 ${remaining} 个村（社区）未巡察，按每年至少 ${percent}% 的节奏，剩余 ${yearsLeft} 年最多可覆盖 ${capacityLeft} 个`,
      );
  }

  return {
    ...counts,
    years: yearsFor(all, l, term, today),
    towns,
    annualPace,
    remaining,
    yearsLeft,
    capacityLeft,
    requiredPerYear: yearsLeft > 0 ? Math.ceil(remaining / yearsLeft) : null,
    termOver,
    warnings,
  };
}
