/**
 * The handling deadline of a transferred lead: the receiving body reports its handling within N
 * calendar months of the transfer (3 by default, a setting of the office). A month later than the
 * 31st lands on the month's last day (11-30 + 3 months = 02-28, or 02-29 in a leap year).
 *
 * Flags, computed on read against today's date in China:
 *   reported  — the handling report is in;
 *   overdue   — past the due date without a report;
 *   due_soon  — due within DUE_SOON_DAYS days (the due day included);
 *   ok        — otherwise.
 */
import { z } from 'zod';
import { addDays, daysBetween, isIsoDate } from '../shared/calendar';

export const DEFAULT_REPORT_MONTHS = 3;
export const DUE_SOON_DAYS = 15;

export const DEADLINE_FLAGS = { ok: '正常', due_soon: '即将到期', overdue: '已逾期', reported: '已报告' } as const;
export type DeadlineFlag = keyof typeof DEADLINE_FLAGS;
export const DEADLINE_FLAG_LIST = Object.keys(DEADLINE_FLAGS) as DeadlineFlag[];

export const leadSettingsInput = z.object({
  reportMonths: z.number({ message: '办理期限应为整数月' }).int('办理期限应为整数月').min(1, '办理期限至少 1 个月').max(24, '办理期限最长 24 个月'),
});
export type LeadSettings = z.output<typeof leadSettingsInput>;

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based

/** `date` + `months` calendar months, clamped to the last day of the target month. */
export function addMonths(date: string, months: number): string {
  if (!isIsoDate(date)) throw new RangeError(`invalid date ${date}`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

export const dueOnFor = (transferredOn: string, months: number = DEFAULT_REPORT_MONTHS): string => addMonths(transferredOn, months);

export interface Deadline {
  dueOn: string;
  /** days from today to the due date; negative when overdue */
  daysLeft: number;
  flag: DeadlineFlag;
}

/** The deadline as both sides see it; null while the lead has not been transferred. */
export function deadlineOf(l: { dueOn: string | null; reportedOn: string | null }, today: string): Deadline | null {
  if (!l.dueOn) return null;
  const daysLeft = daysBetween(today, l.dueOn);
  const flag: DeadlineFlag = l.reportedOn ? 'reported' : daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due_soon' : 'ok';
  return { dueOn: l.dueOn, daysLeft, flag };
}

/**
 * The due-date window of a flag, for filtering in a query: leads without a report whose due date
 * lies in [from, to] (either end open when null). Matches deadlineOf exactly.
 */
export function flagWindow(flag: 'due_soon' | 'overdue', today: string): { from: string | null; to: string | null } {
  return flag === 'overdue' ? { from: null, to: addDays(today, -1) } : { from: today, to: addDays(today, DUE_SOON_DAYS) };
}

/** Today's date in China (UTC+8, no daylight saving) for a clock instant. */
export const chinaDate = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
