/**
 * Mass rating of rectification (群众评议; DOMAIN.md "Rectification — 整改", research: 重庆江津).
 *
 * Named mass representatives of five categories each rate the items of their village once (the
 * one-time token is the server's business): satisfied, basically satisfied or unsatisfied, with a
 * comment — required when unsatisfied, so the town learns what is wrong.
 *
 * Definitions (used everywhere, tested in rating.test.ts):
 * - 群众满意率 = (satisfied + basically satisfied) / answers; null when there are no answers.
 * - unsatisfied majority = more than half of the answers are unsatisfied (unsatisfied × 2 > answers);
 *   a tie is not a majority. On an item it blocks closure (sign-off.ts).
 * - A village goes on the 回头看 list when any of its items has an unsatisfied majority. (An unsatisfied
 *   majority over all the village's answers implies one on some item, so that needs no rule of its own.)
 */
export const REPRESENTATIVE_CATEGORIES = {
  old_party_member: '老党员',
  wealth_leader: '致富带头人',
  farmer: '普通农民',
  returning_youth: '返乡青年',
  entrepreneur: '乡镇企业主',
} as const;
export type RepresentativeCategory = keyof typeof REPRESENTATIVE_CATEGORIES;
export const REPRESENTATIVE_CATEGORY_LIST = Object.keys(REPRESENTATIVE_CATEGORIES) as RepresentativeCategory[];

export const RATING_ANSWERS = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;
export type RatingAnswer = keyof typeof RATING_ANSWERS;
export const RATING_ANSWER_LIST = Object.keys(RATING_ANSWERS) as RatingAnswer[];

/** The verdict on an item or village: unrated (no answers), satisfied (no unsatisfied majority) or unsatisfied. */
export const RATING_VERDICTS = { unrated: '未评议', satisfied: '群众认可', unsatisfied: '不满意过半' } as const;
export type RatingVerdict = keyof typeof RATING_VERDICTS;

export interface RatingRecord {
  itemId: string;
  villageId: string;
  category: RepresentativeCategory;
  answer: RatingAnswer;
  comment?: string;
}

export interface RatingTally {
  answers: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** (satisfied + basically satisfied) / answers; null without answers */
  satisfactionRate: number | null;
  unsatisfiedMajority: boolean;
  verdict: RatingVerdict;
  byCategory: Record<RepresentativeCategory, number>;
}

export function tallyRatings(records: readonly Pick<RatingRecord, 'answer' | 'category'>[]): RatingTally {
  const count = (a: RatingAnswer) => records.filter((r) => r.answer === a).length;
  const answers = records.length;
  const satisfied = count('satisfied');
  const basicallySatisfied = count('basically_satisfied');
  const unsatisfied = count('unsatisfied');
  const unsatisfiedMajority = unsatisfied * 2 > answers;
  const byCategory = Object.fromEntries(REPRESENTATIVE_CATEGORY_LIST.map((c) => [c, records.filter((r) => r.category === c).length])) as Record<RepresentativeCategory, number>;
  return {
    answers,
    satisfied,
    basicallySatisfied,
    unsatisfied,
    satisfactionRate: answers === 0 ? null : (satisfied + basicallySatisfied) / answers,
    unsatisfiedMajority,
    verdict: answers === 0 ? 'unrated' : unsatisfiedMajority ? 'unsatisfied' : 'satisfied',
    byCategory,
  };
}

/** Tallies per item id. */
export function tallyByItem(records: readonly RatingRecord[]): Map<string, RatingTally> {
  const groups = new Map<string, RatingRecord[]>();
  for (const r of records) groups.set(r.itemId, [...(groups.get(r.itemId) ?? []), r]);
  return new Map([...groups].map(([id, rs]) => [id, tallyRatings(rs)]));
}

export interface VillageRating {
  villageId: string;
  tally: RatingTally;
  /** items with an unsatisfied majority */
  unsatisfiedItemIds: string[];
  /** on the 回头看 list because of the rating */
  lookBack: boolean;
}

/** Per village: the overall tally, the items rated unsatisfied and whether the village goes on the 回头看 list. */
export function villageRatings(records: readonly RatingRecord[]): VillageRating[] {
  const villages = [...new Set(records.map((r) => r.villageId))].sort();
  return villages.map((villageId) => {
    const mine = records.filter((r) => r.villageId === villageId);
    const tally = tallyRatings(mine);
    const unsatisfiedItemIds = [...tallyByItem(mine)].filter(([, t]) => t.unsatisfiedMajority).map(([id]) => id).sort();
    return { villageId, tally, unsatisfiedItemIds, lookBack: unsatisfiedItemIds.length > 0 };
  });
}

/* ---------------------------------------------------------------- the one-time link */

/**
 * A representative's one-time token (stored as a hash by the server). It rates once: the server marks
 * it used in the same transaction that stores the answers, guarded by `used_at is null`, so two
 * concurrent submissions cannot both pass; this check gives the Chinese reason shown on the phone.
 */
export interface RatingTokenState {
  usedAt: string | null;
  revokedAt?: string | null;
  /** last day of the session (China date); rating closes at its end */
  closesOn: string;
}

export function ratingTokenProblems(t: RatingTokenState, today: string): string[] {
  if (t.revokedAt) return ['该评议链接已作废，请向镇（街道）索取新的链接'];
  if (t.usedAt) return ['该评议链接已使用，每位群众代表只能评议一次'];
  if (today > t.closesOn) return [`本次评议已于 ${t.closesOn} 截止`];
  return [];
}

/** The answers must be about the session's items, and cover every one of them. */
export function ratingAnswerProblems(answeredItemIds: readonly string[], sessionItemIds: readonly string[]): string[] {
  const reasons: string[] = [];
  const session = new Set(sessionItemIds);
  const answered = new Set(answeredItemIds);
  if (answeredItemIds.some((id) => !session.has(id))) reasons.push('评议的整改事项不属于本次评议');
  const missing = sessionItemIds.filter((id) => !answered.has(id)).length;
  if (missing > 0) reasons.push(`还有 ${missing} 项整改事项未评议`);
  return reasons;
}
