/**
 * 整改情况公开 (DOMAIN.md "公开 disclosure"): rectified problems and results are published inside the
 * Party and to society, except five exempt kinds. An item may appear on the public page when it is
 * closed (已销号) and not marked exempt; the page itself goes out only after the office approves it
 * (the server keeps that approval). The public sees no names of people, only the problem, the
 * measures taken and the result, by village.
 */
import { z } from 'zod';
import { ITEM_STATUSES, type ItemStatus } from './item';

/** An object input; a body that is not an object at all gets a Chinese message too. */
const form = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { message: '提交的内容格式不正确' });

export const EXEMPTION_REASONS = {
  state_secret: '涉及国家秘密',
  case_pending: '涉及正在初步核实或已立案尚未公布的案件',
  hype_risk: '可能被恶意炒作',
  petition_risk: '可能引发集体上访或群体性事件',
  major_sensitive: '涉及重大敏感事项',
} as const;
export type ExemptionReason = keyof typeof EXEMPTION_REASONS;
export const EXEMPTION_REASON_LIST = Object.keys(EXEMPTION_REASONS) as ExemptionReason[];

export const exemptionInput = form({
  reason: z.enum(EXEMPTION_REASON_LIST as [ExemptionReason, ...ExemptionReason[]], {
    message: '请选择不予公开的情形（国家秘密、尚未公布的案件、可能被炒作、可能引发上访、重大敏感事项）',
  }),
  note: z.string({ message: '说明应为文字' }).trim().max(500, '说明不超过 500 字').default(''),
});
export type ExemptionInput = z.output<typeof exemptionInput>;

export interface DisclosureCandidate {
  status: ItemStatus;
  exemption: ExemptionReason | null;
}

/** Why an item may not be published; empty means it may. */
export function disclosureProblems(item: DisclosureCandidate): string[] {
  const reasons: string[] = [];
  if (item.status !== 'closed') reasons.push(`整改事项“${ITEM_STATUSES[item.status]}”，销号后才能公开`);
  if (item.exemption) reasons.push(`已标记不予公开：${EXEMPTION_REASONS[item.exemption]}`);
  return reasons;
}

export const isPublishable = (item: DisclosureCandidate): boolean => disclosureProblems(item).length === 0;

/** The items of a disclosure, in the given order. */
export const publishableItems = <T extends DisclosureCandidate>(items: readonly T[]): T[] => items.filter(isPublishable);
