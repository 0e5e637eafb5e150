import { describe, expect, it } from 'vitest';
import { disclosureProblems, EXEMPTION_REASON_LIST, EXEMPTION_REASONS, exemptionInput, isPublishable, publishableItems, type ExemptionReason } from './disclosure';
import { ITEM_STATUS_LIST } from './item';

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
