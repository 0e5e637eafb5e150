import { describe, expect, it } from 'vitest';
import { ratingAnswerProblems, ratingTokenProblems, REPRESENTATIVE_CATEGORY_LIST, tallyByItem, tallyRatings, villageRatings, type RatingAnswer, type RatingRecord } from './rating';

const rec = (itemId: string, villageId: string, answer: RatingAnswer, category: RatingRecord['category'] = 'farmer'): RatingRecord => ({ itemId, villageId, answer, category });
const S: RatingAnswer = 'satisfied';
const B: RatingAnswer = 'basically_satisfied';
const U: RatingAnswer = 'unsatisfied';

describe('mass rating', () => {
  it('the five representative categories', () => {
    expect(REPRESENTATIVE_CATEGORY_LIST).toEqual(['old_party_member', 'wealth_leader', 'farmer', 'returning_youth', 'entrepreneur']);
  });

  // answers → [群众满意率, unsatisfied majority, verdict]
  const cases: [RatingAnswer[], number | null, boolean, string][] = [
    [[], null, false, 'unrated'],
    [[S], 1, false, 'satisfied'],
    [[B], 1, false, 'satisfied'],
    [[U], 0, true, 'unsatisfied'],
    [[S, U], 0.5, false, 'satisfied'], // half is not more than half
    [[U, U, S], 1 / 3, true, 'unsatisfied'],
    [[U, U, S, B], 0.5, false, 'satisfied'],
    [[U, U, U, S, B], 0.4, true, 'unsatisfied'],
    [[S, B, B, U, U], 0.6, false, 'satisfied'],
  ];
  it.each(cases)('%j → rate %s, majority %s, %s', (answers, rateValue, majority, verdict) => {
    const t = tallyRatings(answers.map((answer) => ({ answer, category: 'farmer' as const })));
    expect(t.satisfactionRate).toBe(rateValue);
    expect(t.unsatisfiedMajority).toBe(majority);
    expect(t.verdict).toBe(verdict);
    expect(t.satisfied + t.basicallySatisfied + t.unsatisfied).toBe(t.answers);
  });

  it('counts by category', () => {
    const t = tallyRatings([rec('i', 'v', S, 'old_party_member'), rec('i', 'v', U, 'old_party_member'), rec('i', 'v', B, 'entrepreneur')]);
    expect(t.byCategory).toEqual({ old_party_member: 2, wealth_leader: 0, farmer: 0, returning_youth: 0, entrepreneur: 1 });
  });

  it('tallies per item', () => {
    const m = tallyByItem([rec('a', 'v', S), rec('a', 'v', U), rec('b', 'v', U)]);
    expect(m.get('a')?.verdict).toBe('satisfied');
    expect(m.get('b')?.verdict).toBe('unsatisfied');
    expect(m.has('c')).toBe(false);
  });

  it('a village goes on the 回头看 list when any of its items has an unsatisfied majority', () => {
    const records = [
      // v1: item a fine, item b unsatisfied majority, overall 2/5 unsatisfied
      rec('a', 'v1', S),
      rec('a', 'v1', S),
      rec('a', 'v1', B),
      rec('b', 'v1', U),
      rec('b', 'v1', U),
      // v2: every item tied, overall 2/4 → not on the list
      rec('c', 'v2', U),
      rec('c', 'v2', S),
      rec('d', 'v2', U),
      rec('d', 'v2', B),
      // v3: all satisfied
      rec('e', 'v3', S),
    ];
    const v = villageRatings(records);
    expect(v.map((x) => [x.villageId, x.unsatisfiedItemIds, x.lookBack, x.tally.satisfactionRate])).toEqual([
      ['v1', ['b'], true, 0.6],
      ['v2', [], false, 0.5],
      ['v3', [], false, 1],
    ]);
  });
});

describe('the one-time rating link', () => {
  const open = { usedAt: null, closesOn: '2026-06-30' };
  const cases: [string, Parameters<typeof ratingTokenProblems>[0], string, string[]][] = [
    ['open', open, '2026-06-30', []],
    ['after the closing day', open, '2026-07-01', ['本次评议已于 2026-06-30 截止']],
    ['used', { ...open, usedAt: '2026-06-01T01:00:00Z' }, '2026-06-02', ['该评议链接已使用，每位群众代表只能评议一次']],
    ['revoked', { ...open, revokedAt: '2026-06-01T01:00:00Z' }, '2026-06-02', ['该评议链接已作废，请向镇（街道）索取新的链接']],
  ];
  it.each(cases)('%s', (_name, token, today, expected) => expect(ratingTokenProblems(token, today)).toEqual(expected));

  it('answers cover exactly the session items', () => {
    expect(ratingAnswerProblems(['a', 'b'], ['a', 'b'])).toEqual([]);
    expect(ratingAnswerProblems(['a', 'x'], ['a', 'b', 'c'])).toEqual(['评议的整改事项不属于本次评议', '还有 2 项整改事项未评议']);
  });
});
