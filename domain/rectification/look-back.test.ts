import { describe, expect, it } from 'vitest';
import { lookBackCandidates } from './look-back';

describe('回头看 candidates', () => {
  it('lists villages with overdue, returned or unsatisfied items and those of towns graded 差', () => {
    const today = '2026-07-01';
    const list = lookBackCandidates(
      {
        items: [
          { id: 'i1', villageId: 'v1', status: 'in_progress', dueOn: '2026-06-30' }, // overdue
          { id: 'i2', villageId: 'v1', status: 'returned', dueOn: '2026-08-01' },
          { id: 'i3', villageId: 'v2', status: 'closed', dueOn: '2026-06-01' }, // closed: nothing
          { id: 'i4', villageId: 'v3', status: 'in_progress', dueOn: '2026-07-01' }, // due today: not overdue
          { id: 'i5', villageId: null, status: 'returned', dueOn: null }, // a town-level item has no village
        ],
        unsatisfiedVillageIds: ['v2'],
        poorGradeVillageIds: ['v1', 'v4'],
      },
      today,
    );
    expect(list).toEqual([
      { villageId: 'v1', reasons: ['overdue', 'returned', 'poor_grade'], itemIds: ['i1', 'i2'] },
      { villageId: 'v2', reasons: ['unsatisfied'], itemIds: [] },
      { villageId: 'v4', reasons: ['poor_grade'], itemIds: [] },
    ]);
  });
});
