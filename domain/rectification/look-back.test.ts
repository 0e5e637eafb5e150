import { describe, expect, it } from 'vitest';
import { ITEM_STATUS_LIST, type ItemStatus } from './item';
import {
  lookBackCandidates,
  lookBackCreateInput,
  lookBackHistoryText,
  lookBackVerdictEffect,
  lookBackVerdictInput,
  lookBackVerdictProblems,
  LOOK_BACK_VERDICT_LIST,
  type LookBackEffect,
  type LookBackVerdict,
} from './look-back';

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
      { villageId: 'v1', reasons: ['overdue', 'returned', 'poor_grade'], itemIds: ['i1', 'i2'], itemReasons: { i1: ['overdue'], i2: ['returned'] } },
      { villageId: 'v2', reasons: ['unsatisfied'], itemIds: [], itemReasons: {} },
      { villageId: 'v4', reasons: ['poor_grade'], itemIds: [], itemReasons: {} },
    ]);
  });

  it('carries the items rated unsatisfied, and an item with several reasons lists them in order', () => {
    const list = lookBackCandidates(
      {
        items: [
          { id: 'a', villageId: 'v1', status: 'returned', dueOn: '2026-06-01' }, // returned and overdue
          { id: 'b', villageId: 'v1', status: 'signing', dueOn: '2026-08-01' },
        ],
        unsatisfiedItems: [
          { id: 'b', villageId: 'v1' },
          { id: 'a', villageId: 'v1' },
        ],
      },
      '2026-07-01',
    );
    expect(list).toEqual([{ villageId: 'v1', reasons: ['overdue', 'returned', 'unsatisfied'], itemIds: ['a', 'b'], itemReasons: { a: ['overdue', 'returned', 'unsatisfied'], b: ['unsatisfied'] } }]);
  });

  it('a village whose items are all fine or closed is no candidate', () => {
    const list = lookBackCandidates(
      {
        items: [
          { id: 'a', villageId: 'v1', status: 'closed', dueOn: null },
          { id: 'b', villageId: 'v1', status: 'in_progress', dueOn: '2026-08-01' },
          { id: 'c', villageId: 'v1', status: 'signing', dueOn: '2026-06-01' }, // overdue while signing still counts
        ],
      },
      '2026-07-01',
    );
    expect(list.map((c) => [c.villageId, c.itemIds])).toEqual([['v1', ['c']]]);
    expect(lookBackCandidates({ items: [{ id: 'a', villageId: 'v1', status: 'closed', dueOn: '2026-01-01' }] }, '2026-07-01')).toEqual([]);
  });
});

describe('回头看 verdicts', () => {
  const expected: Record<LookBackVerdict, Record<ItemStatus, LookBackEffect>> = {
    in_place: { drafting: 'none', in_progress: 'none', submitted: 'none', signing: 'none', returned: 'none', closed: 'none' },
    not_in_place: { drafting: 'keep_open', in_progress: 'keep_open', submitted: 'return', signing: 'return', returned: 'keep_open', closed: 'reopen' },
    fake: { drafting: 'keep_open', in_progress: 'keep_open', submitted: 'return', signing: 'return', returned: 'keep_open', closed: 'reopen' },
  };
  for (const verdict of LOOK_BACK_VERDICT_LIST) {
    for (const status of ITEM_STATUS_LIST) {
      it(`${verdict} on an item ${status} → ${expected[verdict][status]}`, () => {
        expect(lookBackVerdictEffect(verdict, status)).toBe(expected[verdict][status]);
      });
    }
  }

  it('only the target team or the office decides, once, and a negative verdict needs the finding', () => {
    const team = { isOffice: false, isTargetTeam: true };
    expect(lookBackVerdictProblems({ verdict: null }, team, 'in_place', '')).toEqual([]);
    expect(lookBackVerdictProblems({ verdict: null }, { isOffice: true, isTargetTeam: false }, 'fake', '台账资料系补做')).toEqual([]);
    expect(lookBackVerdictProblems({ verdict: null }, team, 'not_in_place', '  ')).toEqual(['认定“整改不到位”须写明复查发现的问题']);
    expect(lookBackVerdictProblems({ verdict: null }, { isOffice: false, isTargetTeam: false }, 'in_place', '')).toEqual(['只有承担该回头看对象的巡察组或巡察办可以作出复查结论']);
    expect(lookBackVerdictProblems({ verdict: 'in_place' }, team, 'fake', '补做台账')).toEqual(['该整改事项已作出复查结论“整改到位”，不能重复认定']);
  });

  it('writes the verdict into the item history text', () => {
    expect(lookBackHistoryText('fake', '2027年第1轮', ' 会议记录系事后补写 ')).toBe('2027年第1轮回头看认定“虚假整改”：会议记录系事后补写');
    expect(lookBackHistoryText('in_place', '2027年第1轮', '')).toBe('2027年第1轮回头看认定“整改到位”');
  });
});

describe('回头看 inputs', () => {
  const round = { year: 2027, number: 1, startDate: '2027-03-01', endDate: '2027-04-30' };
  it('takes villages and a new round with the default theme', () => {
    const r = lookBackCreateInput.parse({ villageCodes: ['320481100001'], round });
    expect(r).toMatchObject({ sourceRoundId: null, round: { theme: '整改落实情况回头看' } });
  });
  it('refuses with Chinese messages', () => {
    const issues = (v: unknown) => lookBackCreateInput.safeParse(v).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ villageCodes: [], round })).toContain('请至少选择一个村（社区）');
    expect(issues({ villageCodes: ['320481100001', '320481100001'], round })).toContain('村（社区）不能重复');
    expect(issues({ villageCodes: ['320481100001'] })).toContain('请新建轮次，或选择一个准备阶段的已有轮次（二选一）');
    expect(issues({ villageCodes: ['320481100001'], round, existingRoundId: '6f1c2b1e-4a1d-4c1a-9a55-1d2f3e4a5b6c' })).toContain('请新建轮次，或选择一个准备阶段的已有轮次（二选一）');
    expect(issues({ villageCodes: ['320481100001'], round: { ...round, endDate: '2027-02-01' } })).toContain('结束日期不能早于开始日期');
    expect(lookBackVerdictInput.safeParse({ verdict: 'maybe' }).error?.issues[0]?.message).toBe('请选择复查结论');
  });
});
