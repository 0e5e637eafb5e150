import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysBetween } from '../shared/calendar';
import { addMonths, chinaDate, deadlineOf, DEFAULT_REPORT_MONTHS, dueOnFor, DUE_SOON_DAYS, flagWindow, leadSettingsInput } from './deadline';

describe('addMonths: calendar months, end-of-month safe', () => {
  it.each([
    ['2026-11-22', 3, '2027-02-22'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', 12, '2027-03-31'],
    ['2026-05-01', 24, '2028-05-01'],
  ])('%s + %i months = %s', (from, n, to) => expect(addMonths(from, n)).toBe(to));
  it('refuses a date that does not exist', () => expect(() => addMonths('2026-02-30', 1)).toThrow());
  it('never lands before the start and always in the right month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 24 }), (offset, n) => {
        const start = new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const due = addMonths(start, n);
        expect(daysBetween(start, due)).toBeGreaterThanOrEqual(28 * n);
        const months = (Number(due.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(due.slice(5, 7)) - Number(start.slice(5, 7));
        expect(months).toBe(n);
      }),
    );
  });
  it('the default is three months', () => {
    expect(DEFAULT_REPORT_MONTHS).toBe(3);
    expect(dueOnFor('2026-09-01')).toBe('2026-12-01');
    expect(dueOnFor('2026-09-01', 2)).toBe('2026-11-01');
  });
});

describe('deadlineOf: the flags both sides see', () => {
  const dueOn = '2026-12-31';
  it.each([
    ['2026-12-01', 30, 'ok'],
    ['2026-12-15', 16, 'ok'],
    ['2026-12-16', 15, 'due_soon'],
    ['2026-12-31', 0, 'due_soon'],
    ['2027-01-01', -1, 'overdue'],
  ])('on %s: %i days left, %s', (today, daysLeft, flag) => {
    expect(deadlineOf({ dueOn, reportedOn: null }, today)).toEqual({ dueOn, daysLeft, flag });
  });
  it('a reported lead is never overdue', () => expect(deadlineOf({ dueOn, reportedOn: '2027-02-01' }, '2027-03-01')?.flag).toBe('reported'));
  it('a draft has no deadline', () => expect(deadlineOf({ dueOn: null, reportedOn: null }, '2026-12-01')).toBeNull());
  it('flagWindow selects exactly the days deadlineOf flags', () => {
    const today = '2026-12-10';
    for (let d = -40; d <= 40; d++) {
      const due = new Date(Date.UTC(2026, 11, 10) + d * 86_400_000).toISOString().slice(0, 10);
      const flag = deadlineOf({ dueOn: due, reportedOn: null }, today)!.flag;
      for (const f of ['due_soon', 'overdue'] as const) {
        const w = flagWindow(f, today);
        const inside = (w.from === null || due >= w.from) && (w.to === null || due <= w.to);
        expect(inside, `${due} ${f}`).toBe(flag === f);
      }
    }
    expect(flagWindow('due_soon', today).to).toBe(`2026-12-${10 + DUE_SOON_DAYS}`);
  });
});

describe('settings and the China date', () => {
  it('report months 1–24, whole', () => {
    expect(leadSettingsInput.safeParse({ reportMonths: 3 }).success).toBe(true);
    for (const bad of [0, 25, 2.5, '3']) expect(leadSettingsInput.safeParse({ reportMonths: bad }).success).toBe(false);
  });
  it('the day turns at 16:00 UTC', () => {
    expect(chinaDate(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(chinaDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });
});
