import { describe, expect, it } from 'vitest';
import { disclosureProblems, EXEMPTION_REASON_LIST, EXEMPTION_REASONS, exemptionInput, isPublishable, publishableItems, type ExemptionReason } from './disclosure';
import { ITEM_STATUS_LIST } from './item';
import { lookBackCandidates } from './look-back';

describe('整改情况公开', () => {
  it('has the five exemption reasons of DOMAIN.md', () => {
    expect(EXEMPTION_REASON_LIST).toHaveLength(5);
    expect(Object.values(EXEMPTION_REASONS).join('|')).toMatch(/国家秘密.*案件.*炒作.*上访.*重大敏感/);
  });

  const exemptions: (ExemptionReason | null)[] = [null, ...EXEMPTION_REASON_LIST];
  const cases = ITEM_STATUS_LIST.flatMap((status) => exemptions.map((exemption) => [status, exemption] as const));
  it.each(cases)('%s, exempt %s', (status, exemption) => {
    expect(isPublishable({ status, exemption })).toBe(status === 'closed' && exemption === null);
  });

  it('says why an item stays off the page', () => {
    expect(disclosureProblems({ status: 'signing', exemption: 'state_secret' })).toEqual(['整改事项“待销号审核”，销号后才能公开', '已标记不予公开：涉及国家秘密']);
    const items = [
      { id: 'a', status: 'closed' as const, exemption: null },
      { id: 'b', status: 'closed' as const, exemption: 'petition_risk' as const },
      { id: 'c', status: 'in_progress' as const, exemption: null },
    ];
    expect(publishableItems(items).map((i) => i.id)).toEqual(['a']);
  });

  it('marking exempt needs one of the five reasons', () => {
    expect(exemptionInput.parse({ reason: 'hype_risk' })).toEqual({ reason: 'hype_risk', note: '' });
    expect(exemptionInput.safeParse({ reason: 'other' }).error?.issues[0]?.message).toMatch(/^请选择不予公开的情形/);
  });
});

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
