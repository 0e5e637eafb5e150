/**
 * The three effect rates of 济南 (DOMAIN.md "Rectification — 整改"), as pure functions over plain
 * records, as of a date (China date, passed in). A rate with an empty denominator is null, never NaN
 * and never 0: "nothing due yet" is not "nothing done".
 *
 * 整改到位率 (rectified on time) = on-time closures / items due, where for items with a final deadline
 * (立行立改, 限期整改; 长期坚持 has none and is left out):
 *   due     = the deadline is on or before asOf, or the item was closed by asOf (an item closed early
 *             is settled: leaving it out would punish early closure);
 *   on time = closed on or before its deadline, and by asOf.
 * 移交事项办结率 = transfer items completed by asOf / transfer items transferred by asOf.
 * 群众满意率 = (满意 + 基本满意) / answers (rating.ts), over the ratings given by asOf.
 */
import type { ItemKind } from './item';
import type { RatingAnswer } from './rating';

/** n / d, or null when d is 0. */
export const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export interface ItemRecord {
  kind: ItemKind;
  deadline: string | null;
  /** the day the item was closed (销号), null while open */
  closedOn: string | null;
}

export interface RectifiedRate {
  due: number;
  closedOnTime: number;
  /** due and closed, but after the deadline */
  closedLate: number;
  /** due and not closed by asOf */
  open: number;
  rate: number | null;
}

export function rectifiedRate(items: readonly ItemRecord[], asOf: string): RectifiedRate {
  let due = 0;
  let closedOnTime = 0;
  let closedLate = 0;
  for (const i of items) {
    if (i.kind === 'long_term' || !i.deadline) continue;
    const closedOn = i.closedOn !== null && i.closedOn <= asOf ? i.closedOn : null;
    if (!(i.deadline <= asOf || closedOn)) continue;
    due += 1;
    if (closedOn && closedOn <= i.deadline) closedOnTime += 1;
    else if (closedOn) closedLate += 1;
  }
  return { due, closedOnTime, closedLate, open: due - closedOnTime - closedLate, rate: rate(closedOnTime, due) };
}

export interface TransferRecord {
  transferredOn: string | null;
  completedOn: string | null;
}

export interface TransferRate {
  transferred: number;
  completed: number;
  rate: number | null;
}

export function transferCompletionRate(items: readonly TransferRecord[], asOf: string): TransferRate {
  const transferred = items.filter((t) => t.transferredOn !== null && t.transferredOn <= asOf);
  const completed = transferred.filter((t) => t.completedOn !== null && t.completedOn <= asOf).length;
  return { transferred: transferred.length, completed, rate: rate(completed, transferred.length) };
}

export interface SatisfactionRate {
  answers: number;
  satisfied: number;
  rate: number | null;
}

/** `ratedOn` is optional: records without it count whatever asOf is. */
export function satisfactionRate(answers: readonly { answer: RatingAnswer; ratedOn?: string | null }[], asOf: string): SatisfactionRate {
  const given = answers.filter((a) => !a.ratedOn || a.ratedOn <= asOf);
  const satisfied = given.filter((a) => a.answer !== 'unsatisfied').length;
  return { answers: given.length, satisfied, rate: rate(satisfied, given.length) };
}

/** The three rates of a group of records (a round, town or village) side by side. */
export interface EffectRates {
  rectified: RectifiedRate;
  transfers: TransferRate;
  satisfaction: SatisfactionRate;
}

/**
 * Rates per group key (round, town or village id): each record says which group it belongs to.
 * Groups appear when any of the three kinds of records carries their key.
 */
export function effectRatesBy(
  records: {
    items: readonly (ItemRecord & { group: string })[];
    transfers: readonly (TransferRecord & { group: string })[];
    ratings: readonly { answer: RatingAnswer; ratedOn?: string | null; group: string }[];
  },
  asOf: string,
): Map<string, EffectRates> {
  const keys = [...new Set([...records.items, ...records.transfers, ...records.ratings].map((r) => r.group))].sort();
  return new Map(
    keys.map((k) => [
      k,
      {
        rectified: rectifiedRate(
          records.items.filter((r) => r.group === k),
          asOf,
        ),
        transfers: transferCompletionRate(
          records.transfers.filter((r) => r.group === k),
          asOf,
        ),
        satisfaction: satisfactionRate(
          records.ratings.filter((r) => r.group === k),
          asOf,
        ),
      },
    ]),
  );
}

/** A rate as the UI prints it: 90.0%, or — when there is nothing to measure. */
export const formatRate = (r: number | null): string => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
