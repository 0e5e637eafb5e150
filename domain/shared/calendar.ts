/**
 * Official working days on the Chinese calendar (法定节假日 and 调休 working weekends), with the
 * office's own corrections on top.
 *
 * The State Council's arrangement comes from the `chinese-days` package. We read its published JSON
 * table rather than call its functions: those parse 'YYYY-MM-DD' as UTC and format in local time, so on
 * a machine west of UTC every date shifts by one (measured with TZ=America/Los_Angeles: 2025-01-26, a
 * 调休 Sunday, came back as a rest day). The table is plain data keyed by date, so nothing here depends
 * on the machine's time zone. Dates are 'YYYY-MM-DD' strings; arithmetic is on whole UTC days.
 *
 * Precedence for a date: office override > package 调休 working day > package statutory holiday >
 * Monday–Friday works, Saturday and Sunday rest. For a year the package does not know only the last
 * rule (and overrides) apply — `isYearKnown` lets the UI say so.
 */
import { z } from 'zod';
import packaged from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { DomainError } from './errors';

/** The package's table: date → "English name,中文名,days". */
const TABLE = packaged as { holidays: Record<string, string>; workdays: Record<string, string> };

export const DAY_OVERRIDE_KINDS = { workday: '上班', holiday: '休息' } as const;
export type DayOverrideKind = keyof typeof DAY_OVERRIDE_KINDS;

/** A day the office adds or corrects: a local holiday, a 调休 not yet in the package, a correction. */
export type DayOverride = { date: string; kind: DayOverrideKind; note?: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A real calendar date written 'YYYY-MM-DD' (2025-02-29 is not one). */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // the round trip rejects 02-30 and also years 0000–0099, which Date.UTC maps to 19xx
  return fromDayNumber(ms / DAY_MS) === s;
}

/** Days since 1970-01-01 (UTC); refuses anything that is not a real date. */
function dayNumber(date: string): number {
  const m = ISO.exec(date);
  if (!m || !isIsoDate(date)) throw new DomainError('VALIDATION_FAILED', `日期无效：“${date}”，应为 YYYY-MM-DD`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new DomainError('VALIDATION_FAILED', '日期超出可计算范围');
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export const isoDateField = z
  .string()
  .trim()
  .refine(isIsoDate, '日期应为有效的 YYYY-MM-DD 格式');

export const dayOverrideInput = z.object({
  date: isoDateField,
  kind: z.enum(['workday', 'holiday'], { message: '请选择“上班”或“休息”' }),
  note: z.string().trim().max(100, '说明不超过 100 字').optional(),
});

/** The office's list of corrections: one entry per date. */
export const dayOverridesInput = z
  .array(dayOverrideInput)
  .max(5000)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((o, i) => {
      if (seen.has(o.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${o.date} 重复设置` });
      seen.add(o.date);
    });
  });

/** Calendar days: `date` moved by n days (n may be negative). */
export const addDays = (date: string, n: number): string => fromDayNumber(dayNumber(date) + n);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export const dayOfWeek = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

export const yearOf = (date: string): number => Number(date.slice(0, 4));

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export const daysInYear = (y: number): number => (isLeapYear(y) ? 366 : 365);

let known: readonly number[] | undefined;

/** Years whose statutory arrangement the installed package ships (ascending). */
export function knownYears(): readonly number[] {
  // every known year has 元旦 in the table; years come and go only with a package upgrade
  known ??= Object.freeze([...new Set(Object.keys(TABLE.holidays).map(yearOf))].sort((a, b) => a - b));
  return known;
}

export const isYearKnown = (year: number): boolean => knownYears().includes(year);

/** Years in [from, to] the package does not know: the UI warns that only weekends count as rest days there. */
export function unknownYearsBetween(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) if (!isYearKnown(y)) out.push(y);
  return out;
}

export const unknownYearWarning = (year: number): string =>
  `系统尚未收录 ${year} 年的法定节假日和调休安排，该年暂按周六、周日休息计算；如有节假日或调休，请巡察办补充设置`;

export type DaySource = 'override' | 'adjusted_workday' | 'statutory_holiday' | 'weekday' | 'weekend';

export interface DayInfo {
  date: string;
  working: boolean;
  source: DaySource;
  /** holiday name (春节), the override's note, or null for an ordinary day */
  name: string | null;
}

export type Overrides = readonly DayOverride[];

/** Later entries win, so an appended correction replaces an earlier one. */
const indexOverrides = (overrides: Overrides) => new Map(overrides.map((o) => [o.date, o]));

const chineseName = (entry: string): string => entry.split(',')[1] ?? entry;

function describe(date: string, index: Map<string, DayOverride>): DayInfo {
  const n = dayNumber(date);
  const o = index.get(date);
  if (o) return { date, working: o.kind === 'workday', source: 'override', name: o.note ?? null };
  const work = TABLE.workdays[date];
  if (work !== undefined) return { date, working: true, source: 'adjusted_workday', name: `${chineseName(work)}调休上班` };
  const rest = TABLE.holidays[date];
  if (rest !== undefined) return { date, working: false, source: 'statutory_holiday', name: chineseName(rest) };
  const dow = (((n + 4) % 7) + 7) % 7;
  return dow === 0 || dow === 6
    ? { date, working: false, source: 'weekend', name: null }
    : { date, working: true, source: 'weekday', name: null };
}

/** What kind of day `date` is and why. */
export const describeDay = (date: string, overrides: Overrides = []): DayInfo => describe(date, indexOverrides(overrides));

export const isWorkingDay = (date: string, overrides: Overrides = []): boolean => describeDay(date, overrides).working;

const MAX_WORKING_DAYS = 10_000;

/**
 * The date of the n-th working day of a stay that begins on `start` (n ≥ 1). `start` itself is day 1
 * when it is a working day; otherwise counting begins at the next working day. So a 10-working-day
 * stay entered on a Monday with no holidays ends on the Friday of the following week:
 * addWorkingDays('2025-03-03', 10) = '2025-03-14'. The result is always a working day, and
 * workingDaysBetween(start, result) === n.
 */
export function addWorkingDays(start: string, n: number, overrides: Overrides = []): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) {
    throw new DomainError('VALIDATION_FAILED', `工作日天数应为 1 到 ${MAX_WORKING_DAYS} 之间的整数`);
  }
  const index = indexOverrides(overrides);
  let day = dayNumber(start);
  let counted = 0;
  for (;;) {
    const date = fromDayNumber(day);
    if (describe(date, index).working && ++counted === n) return date;
    day++;
  }
}

/** Working days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, overrides: Overrides = []): number {
  return workingDaysIn(from, to, overrides).length;
}

/** The working days from `from` to `to`, both included, ascending. */
export function workingDaysIn(from: string, to: string, overrides: Overrides = []): string[] {
  const index = indexOverrides(overrides);
  const end = dayNumber(to);
  const out: string[] = [];
  for (let day = dayNumber(from); day <= end; day++) {
    const date = fromDayNumber(day);
    if (describe(date, index).working) out.push(date);
  }
  return out;
}

/** How many distinct working days are among `dates` (a day log may repeat a date or include a Saturday). */
export function countWorkingDays(dates: readonly string[], overrides: Overrides = []): number {
  const index = indexOverrides(overrides);
  return [...new Set(dates)].filter((d) => describe(d, index).working).length;
}
