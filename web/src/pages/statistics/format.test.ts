import { describe, expect, it } from 'vitest';
import { moneyHeadline, yuanText } from './format';

describe('money on the statistics page', () => {
  it('shows 元 with two decimals and thousands separators', () => {
    expect(yuanText('36800.5')).toBe('36,800.50 元');
    expect(yuanText(0)).toBe('0.00 元');
  });
  it.each([
    ['99999.99', { value: '99,999.99', unit: '元' }],
    ['100000', { value: '10.00', unit: '万元' }],
    ['1929726.51', { value: '192.97', unit: '万元' }],
  ])('headline %s → %j', (amount, want) => expect(moneyHeadline(amount)).toEqual(want));
});
