/** '36800.5' → '36,800.50 元'. */
export const yuanText = (amount: string | number) => `${Number(amount).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** For the headline card: large sums in 万元 with two decimals, smaller ones in 元. */
export function moneyHeadline(amount: string): { value: string; unit: string } {
  const n = Number(amount);
  if (n >= 100_000) return { value: (n / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), unit: '万元' };
  return { value: n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), unit: '元' };
}
