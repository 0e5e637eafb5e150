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

// — removing a mark, withdrawing, approving —

const reasonText = (what: string) =>
  z.string({ message: `请填写${what}` }).trim().min(2, `请填写${what}（至少 2 个字）`).max(500, `${what}不超过 500 字`);

export const exemptionRemoveInput = form({ reason: reasonText('取消不予公开的理由') });
export const disclosureWithdrawInput = form({ reason: reasonText('撤回理由') });
/** The office approves exactly the content it previewed: the preview's hash comes back with the approval. */
export const disclosurePublishInput = form({
  contentHash: z.string({ message: '请先预览公开内容再审批发布' }).regex(/^[0-9a-f]{64}$/, '请先预览公开内容再审批发布'),
});

/**
 * A round's disclosure: nothing published yet, published (the public page shows the approved snapshot)
 * or withdrawn (the public page answers 404 until the office approves it again). There is no separate
 * 待审批 state: the office's approval is the publishing act, bound to the content it previewed.
 */
export const DISCLOSURE_STATUSES = { unpublished: '未发布', published: '已发布', withdrawn: '已撤回' } as const;
export type DisclosureStatus = keyof typeof DISCLOSURE_STATUSES;

// — the public text —

/** Names of people (cadres, responsible leaders, handlers) that must not reach the public page. */
const REDACTED = '×××';

/**
 * Replaces every given name (two characters or more; longest first so 张建国 is not left as ×××国) in
 * the text. The items' free text is published as written, so this is the safety net for a name typed
 * into the measures; the office still reads the preview before approving.
 */
export function redactNames(text: string, names: readonly string[]): string {
  const list = [...new Set(names.map((n) => n.trim()).filter((n) => [...n].length >= 2))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const n of list) out = out.split(n).join(REDACTED);
  return out;
}

/** What the server knows of a publishable item; `names` are the people to keep off the page. */
export interface DisclosureSource {
  code: string;
  townCode: string;
  townName: string;
  villageCode: string | null;
  villageName: string | null;
  problem: string;
  categoryName: string;
  kindName: string;
  measures: string;
  closedOn: string | null;
  names: readonly string[];
}

export interface DisclosedItem {
  code: string;
  problem: string;
  categoryName: string;
  kindName: string;
  measures: string;
  result: string;
  closedOn: string | null;
}

export interface DisclosedPlace {
  /** the village's code, or the town's for the town's own problems (镇本级) */
  code: string;
  name: string;
  items: DisclosedItem[];
}

export interface DisclosureSnapshot {
  title: string;
  roundLabel: string;
  areaName: string;
  towns: { code: string; name: string; places: DisclosedPlace[] }[];
  itemCount: number;
}

/**
 * The public text of a round: per town and village the problem (the finding's title, not its
 * description, which may carry names and amounts of private persons), the category, the kind, the
 * measures as written with people's names masked, the result and the closing date. Nothing about who
 * was responsible, who handled it or who reported it. Places and items in code order.
 */
export function buildDisclosureSnapshot(meta: { roundLabel: string; areaName: string }, items: readonly DisclosureSource[]): DisclosureSnapshot {
  const towns = new Map<string, { code: string; name: string; places: Map<string, DisclosedPlace> }>();
  const sorted = [...items].sort((a, b) => (a.villageCode ?? a.townCode).localeCompare(b.villageCode ?? b.townCode) || a.code.localeCompare(b.code));
  for (const i of sorted) {
    const town = towns.get(i.townCode) ?? { code: i.townCode, name: i.townName, places: new Map() };
    towns.set(i.townCode, town);
    const placeCode = i.villageCode ?? i.townCode;
    const place = town.places.get(placeCode) ?? { code: placeCode, name: i.villageCode ? (i.villageName ?? i.villageCode) : `${i.townName}（镇本级）`, items: [] };
    town.places.set(placeCode, place);
    place.items.push({
      code: i.code,
      problem: redactNames(i.problem, i.names),
      categoryName: i.categoryName,
      kindName: i.kindName,
      measures: redactNames(i.measures, i.names) || '（未填写）',
      result: i.closedOn ? `已整改到位，${i.closedOn} 销号` : '已整改到位',
      closedOn: i.closedOn,
    });
  }
  const list = [...towns.values()].sort((a, b) => a.code.localeCompare(b.code)).map((t) => ({ code: t.code, name: t.name, places: [...t.places.values()] }));
  return { title: `${meta.areaName}${meta.roundLabel}巡察整改情况公开`, roundLabel: meta.roundLabel, areaName: meta.areaName, towns: list, itemCount: sorted.length };
}
