import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/calendar';
import { alertKey, alertLevel, alertSettingsInput, alertToSend, itemAlert, type AlertLevel } from './alerts';
import { ITEM_STATUS_LIST } from './item';

const DUE = '2026-06-30';

describe('三色预警 levels', () => {
  // days before the due date → level with the default 20/10
  const cases: [number, AlertLevel | null][] = [
    [60, null],
    [21, null],
    [20, 'green'],
    [11, 'green'],
    [10, 'yellow'],
    [1, 'yellow'],
    [0, 'yellow'], // the due day is not overdue yet
    [-1, 'red'],
    [-100, 'red'],
  ];
  it.each(cases)('%i days left → %s', (left, level) => expect(alertLevel(DUE, addDays(DUE, -left))).toBe(level));

  it('thresholds are the office settings', () => {
    const s = { greenDays: 30, yellowDays: 5 };
    expect(alertLevel(DUE, addDays(DUE, -30), s)).toBe('green');
    expect(alertLevel(DUE, addDays(DUE, -6), s)).toBe('green');
    expect(alertLevel(DUE, addDays(DUE, -5), s)).toBe('yellow');
    expect(alertSettingsInput.safeParse({ greenDays: 10, yellowDays: 10 }).error?.issues[0]?.message).toBe('黄色预警的提前天数应少于绿色预警');
    expect(alertSettingsInput.safeParse({ greenDays: 0, yellowDays: 0 }).error?.issues[0]?.message).toBe('绿色预警至少提前 1 天');
  });

  it('names who is told at each level', () => {
    const at = (left: number) => itemAlert({ id: 'i1', status: 'in_progress', dueOn: DUE }, addDays(DUE, -left));
    expect(at(15)).toEqual({ itemId: 'i1', level: 'green', dueOn: DUE, daysLeft: 15, recipients: ['handler'], key: 'rectification-alert:i1:green:2026-06-30' });
    expect(at(5)?.recipients).toEqual(['handler', 'responsible_leader']);
    expect(at(-3)).toMatchObject({ level: 'red', daysLeft: -3, recipients: ['lead_unit', 'lead_unit_party_head'] });
  });

  it('a closed item, or one without a due date, has no alert', () => {
    for (const status of ITEM_STATUS_LIST) {
      const a = itemAlert({ id: 'i', status, dueOn: DUE }, addDays(DUE, 5));
      expect(a === null).toBe(status === 'closed');
    }
    expect(itemAlert({ id: 'i', status: 'in_progress', dueOn: null }, DUE)).toBeNull();
  });
});

describe('the alert job over a fixed clock', () => {
  type Sent = { level: AlertLevel; dueOn: string; key: string; on: string };
  /** Runs the job once a day (or on the given days), `runsPerDay` times, recording what it sends. */
  function run(days: string[], dueOnAt: (day: string) => string | null, runsPerDay = 1, status: (day: string) => 'in_progress' | 'closed' = () => 'in_progress'): Sent[] {
    const sent: Sent[] = [];
    for (const day of days) {
      for (let i = 0; i < runsPerDay; i++) {
        const a = alertToSend({ id: 'item-1', status: status(day), dueOn: dueOnAt(day) }, day, sent);
        if (a) {
          // the job's unique key would refuse a duplicate: prove none is produced
          expect(sent.map((s) => s.key)).not.toContain(a.key);
          sent.push({ level: a.level, dueOn: a.dueOn, key: a.key, on: day });
        }
      }
    }
    return sent;
  }
  const daily = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  };

  it('daily runs send green, yellow and red once each, on the threshold days', () => {
    const sent = run(daily('2026-05-01', '2026-07-31'), () => DUE);
    expect(sent.map((s) => [s.level, s.on])).toEqual([
      ['green', '2026-06-10'],
      ['yellow', '2026-06-20'],
      ['red', '2026-07-01'],
    ]);
  });

  it('running twice a day sends nothing twice', () => {
    expect(run(daily('2026-05-01', '2026-07-31'), () => DUE, 2)).toEqual(run(daily('2026-05-01', '2026-07-31'), () => DUE, 1));
  });

  it('a job that missed days sends only the current level, never a lower one after a higher', () => {
    expect(run(['2026-05-01', '2026-06-25', '2026-06-12', '2026-07-02'], () => DUE).map((s) => s.level)).toEqual(['yellow', 'red']);
    expect(run(['2026-07-05'], () => DUE).map((s) => s.level)).toEqual(['red']);
  });

  it('an extended deadline starts afresh with its own keys', () => {
    const extendedOn = '2026-06-25';
    const sent = run(daily('2026-06-01', '2026-08-31'), (day) => (day < extendedOn ? DUE : '2026-08-31'));
    expect(sent.map((s) => [s.level, s.dueOn, s.on])).toEqual([
      ['green', DUE, '2026-06-10'],
      ['yellow', DUE, '2026-06-20'],
      ['green', '2026-08-31', '2026-08-11'],
      ['yellow', '2026-08-31', '2026-08-21'],
    ]);
    expect(new Set(sent.map((s) => s.key)).size).toBe(4);
  });

  it('closing the item stops the alerts', () => {
    const sent = run(daily('2026-06-01', '2026-07-31'), () => DUE, 1, (day) => (day >= '2026-06-15' ? 'closed' : 'in_progress'));
    expect(sent.map((s) => s.level)).toEqual(['green']);
  });

  it('keys are stable per (item, level, due date)', () => {
    expect(alertKey('abc', 'red', DUE)).toBe('rectification-alert:abc:red:2026-06-30');
    expect(alertKey('abc', 'red', DUE)).toBe(alertKey('abc', 'red', DUE));
    expect(alertKey('abc', 'red', DUE)).not.toBe(alertKey('abc', 'yellow', DUE));
  });
});
