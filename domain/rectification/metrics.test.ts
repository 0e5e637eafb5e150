import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/calendar';
import { effectRatesBy, formatRate, rate, rectifiedRate, satisfactionRate, transferCompletionRate, type ItemRecord } from './metrics';

const AS_OF = '2026-06-30';

describe('整改到位率', () => {
  // one item each: [kind, deadline, closedOn] → counted as [due, on time, late]
  const cases: [ItemRecord, [number, number, number]][] = [
    [{ kind: 'limited', deadline: '2026-06-01', closedOn: '2026-05-20' }, [1, 1, 0]], // closed early
    [{ kind: 'limited', deadline: '2026-06-01', closedOn: '2026-06-01' }, [1, 1, 0]], // on the deadline day
    [{ kind: 'limited', deadline: '2026-06-01', closedOn: '2026-06-02' }, [1, 0, 1]], // late
    [{ kind: 'limited', deadline: '2026-06-01', closedOn: null }, [1, 0, 0]], // due, open
    [{ kind: 'limited', deadline: '2026-06-30', closedOn: null }, [1, 0, 0]], // due today counts as due
    [{ kind: 'limited', deadline: '2026-07-31', closedOn: null }, [0, 0, 0]], // not yet due
    [{ kind: 'immediate', deadline: '2026-07-31', closedOn: '2026-06-10' }, [1, 1, 0]], // closed before due: settled
    [{ kind: 'limited', deadline: '2026-06-01', closedOn: '2026-07-05' }, [1, 0, 0]], // closed after asOf: open as of then
    [{ kind: 'long_term', deadline: null, closedOn: '2026-06-10' }, [0, 0, 0]], // no final deadline: left out
  ];
  it.each(cases)('%j → due/on time/late %j', (item, [due, onTime, late]) => {
    const r = rectifiedRate([item], AS_OF);
    expect([r.due, r.closedOnTime, r.closedLate]).toEqual([due, onTime, late]);
    expect(r.open).toBe(due - onTime - late);
    expect(r.rate).toBe(due === 0 ? null : onTime / due);
  });

  it('nothing due is null, not 0 or NaN', () => {
    expect(rectifiedRate([], AS_OF).rate).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.9)).toBe('90.0%');
    expect(formatRate(2 / 3)).toBe('66.7%');
  });

  it('the 溧阳 seed: 437 of 486 rectified on time is 89.9%', () => {
    const items: ItemRecord[] = Array.from({ length: 486 }, (_, i) => ({ kind: 'limited', deadline: '2026-03-31', closedOn: i < 437 ? '2026-03-01' : null }));
    const r = rectifiedRate(items, AS_OF);
    expect(r).toMatchObject({ due: 486, closedOnTime: 437, open: 49 });
    expect(formatRate(r.rate)).toBe('89.9%');
  });

  it('matches a count over generated records', () => {
    const day = fc.integer({ min: 0, max: 365 }).map((n) => addDays('2026-01-01', n));
    const record = fc.record({
      kind: fc.constantFrom('immediate', 'limited', 'long_term') as fc.Arbitrary<ItemRecord['kind']>,
      deadline: day,
      closedOn: fc.option(day, { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), day, (raw, asOf) => {
        const items = raw.map((r) => (r.kind === 'long_term' ? { ...r, deadline: null } : r));
        const r = rectifiedRate(items, asOf);
        const finals = items.filter((i) => i.deadline !== null);
        const closedBy = (i: ItemRecord) => i.closedOn !== null && i.closedOn <= asOf;
        const due = finals.filter((i) => i.deadline! <= asOf || closedBy(i));
        const onTime = due.filter((i) => closedBy(i) && i.closedOn! <= i.deadline!);
        expect(r.due).toBe(due.length);
        expect(r.closedOnTime).toBe(onTime.length);
        if (r.rate !== null) expect(r.rate).toBeGreaterThanOrEqual(0);
        if (r.rate !== null) expect(r.rate).toBeLessThanOrEqual(1);
        expect(Number.isNaN(r.rate)).toBe(false);
      }),
    );
  });
});

describe('移交事项办结率 and 群众满意率', () => {
  it('counts transfer items transferred and completed by the date', () => {
    const r = transferCompletionRate(
      [
        { transferredOn: '2026-03-01', completedOn: '2026-05-01' },
        { transferredOn: '2026-03-01', completedOn: '2026-07-10' }, // completed after asOf
        { transferredOn: '2026-03-01', completedOn: null },
        { transferredOn: '2026-07-01', completedOn: null }, // transferred after asOf
        { transferredOn: null, completedOn: null }, // not transferred
      ],
      AS_OF,
    );
    expect(r).toEqual({ transferred: 3, completed: 1, rate: 1 / 3 });
    expect(transferCompletionRate([], AS_OF).rate).toBeNull();
  });

  it('counts 满意 and 基本满意 over all answers', () => {
    const r = satisfactionRate(
      [{ answer: 'satisfied' }, { answer: 'basically_satisfied' }, { answer: 'unsatisfied' }, { answer: 'unsatisfied', ratedOn: '2026-07-01' }],
      AS_OF,
    );
    expect(r).toEqual({ answers: 3, satisfied: 2, rate: 2 / 3 });
    expect(satisfactionRate([], AS_OF).rate).toBeNull();
  });

  it('groups the three rates by round, town or village', () => {
    const m = effectRatesBy(
      {
        items: [
          { group: 't1', kind: 'limited', deadline: '2026-06-01', closedOn: '2026-05-01' },
          { group: 't1', kind: 'limited', deadline: '2026-06-01', closedOn: null },
        ],
        transfers: [{ group: 't2', transferredOn: '2026-03-01', completedOn: '2026-04-01' }],
        ratings: [{ group: 't1', answer: 'unsatisfied' }],
      },
      AS_OF,
    );
    expect([...m.keys()]).toEqual(['t1', 't2']);
    expect(m.get('t1')).toEqual({
      rectified: { due: 2, closedOnTime: 1, closedLate: 0, open: 1, rate: 0.5 },
      transfers: { transferred: 0, completed: 0, rate: null },
      satisfaction: { answers: 1, satisfied: 0, rate: 0 },
    });
    expect(m.get('t2')?.rectified.rate).toBeNull();
    expect(m.get('t2')?.transfers.rate).toBe(1);
  });
});
