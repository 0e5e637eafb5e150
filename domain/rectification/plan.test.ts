import { describe, expect, it } from 'vitest';
import {
  pendingPlanReviewers,
  planMove,
  planSettingsInput,
  PLAN_ACTION_LIST,
  PLAN_REVIEWER_LIST,
  PLAN_STATUS_LIST,
  reportDeadline,
  reportDueOn,
  reportFlagWindow,
  type PlanAction,
  type PlanActor,
  type PlanReview,
  type PlanStatus,
} from './plan';

const ACTORS: Record<string, PlanActor> = {
  town: { isTown: true, reviewer: null },
  office: { isTown: false, reviewer: 'office' },
  discipline: { isTown: false, reviewer: 'discipline' },
  organization: { isTown: false, reviewer: 'organization' },
  other: { isTown: false, reviewer: null },
};

/** With no earlier reviews on the submission: (status, action, actor) → new status. */
const ALLOWED = new Map<string, PlanStatus>();
const allow = (statuses: PlanStatus[], action: PlanAction, actors: string[], to: PlanStatus | 'same') => {
  for (const s of statuses) for (const a of actors) ALLOWED.set(`${s}|${action}|${a}`, to === 'same' ? s : to);
};
allow(['drafting', 'returned'], 'edit', ['town'], 'same');
allow(['drafting', 'returned'], 'submit', ['town'], 'submitted');
allow(['submitted'], 'accept', ['office', 'discipline', 'organization'], 'submitted'); // the first of three
allow(['submitted'], 'return', ['office', 'discipline', 'organization'], 'returned');

describe('rectification plan table: every (status, action, actor)', () => {
  const cases = PLAN_STATUS_LIST.flatMap((s) => PLAN_ACTION_LIST.flatMap((a) => Object.keys(ACTORS).map((who) => [s, a, who] as const)));
  it('covers 4 statuses × 4 actions × 5 actors', () => expect(cases).toHaveLength(80));
  it.each(cases)('%s · %s · %s', (status, action, who) => {
    const move = planMove(status, action, ACTORS[who]!, { comment: '意见', hasContent: true });
    const expected = ALLOWED.get(`${status}|${action}|${who}`);
    if (expected) expect(move).toEqual({ ok: true, to: expected });
    else {
      expect(move.ok).toBe(false);
      if (!move.ok) for (const r of move.reasons) expect(r).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('joint review', () => {
  const acc = (reviewer: PlanReview['reviewer']): PlanReview => ({ reviewer, decision: 'accepted' });

  it('is accepted only when the last of the three accepts, in any order', () => {
    for (const last of PLAN_REVIEWER_LIST) {
      const others = PLAN_REVIEWER_LIST.filter((r) => r !== last);
      expect(planMove('submitted', 'accept', ACTORS[last]!, { reviews: others.map(acc) })).toEqual({ ok: true, to: 'accepted' });
      expect(planMove('submitted', 'accept', ACTORS[last]!, { reviews: others.slice(0, 1).map(acc) })).toEqual({ ok: true, to: 'submitted' });
    }
  });

  it('one return sends it back, even after two acceptances', () => {
    expect(planMove('submitted', 'return', ACTORS.organization!, { reviews: [acc('office'), acc('discipline')], comment: '措施不具体' })).toEqual({ ok: true, to: 'returned' });
  });

  it('a reviewer decides once per submission; returning needs a comment', () => {
    expect(planMove('submitted', 'accept', ACTORS.office!, { reviews: [acc('office')] })).toEqual({ ok: false, reasons: ['巡察办已审核本次报送的整改方案'] });
    expect(planMove('submitted', 'return', ACTORS.discipline!, { comment: ' ' })).toEqual({ ok: false, reasons: ['退回须填写审核意见'] });
  });

  it('an empty plan cannot be submitted; an accepted plan is final', () => {
    expect(planMove('drafting', 'submit', ACTORS.town!, { hasContent: false })).toEqual({ ok: false, reasons: ['整改方案内容为空，请填写或上传后再报送'] });
    expect(planMove('accepted', 'edit', ACTORS.town!)).toEqual({ ok: false, reasons: ['整改方案“联审通过”，不能修改'] });
  });

  it('lists who has not decided yet', () => {
    expect(pendingPlanReviewers([])).toEqual(['office', 'discipline', 'organization']);
    expect(pendingPlanReviewers([acc('discipline')])).toEqual(['office', 'organization']);
  });
});

describe('the rectification report deadline', () => {
  const due: [string, number, string][] = [
    ['2026-03-15', 2, '2026-05-15'],
    ['2025-12-31', 2, '2026-02-28'], // month end
    ['2027-12-31', 2, '2028-02-29'], // leap year
    ['2026-11-30', 3, '2027-02-28'], // locally 3 months
    ['2026-01-31', 1, '2026-02-28'],
  ];
  it.each(due)('feedback %s + %i months → %s', (feedbackOn, months, expected) => expect(reportDueOn(feedbackOn, months)).toBe(expected));
  it('defaults to 2 months', () => expect(reportDueOn('2026-03-15')).toBe('2026-05-15'));

  const flags: [string | null, string | null, string, string | null][] = [
    [null, null, '2026-04-01', null], // no feedback yet
    ['2026-03-15', null, '2026-04-29', 'ok'], // 16 days left
    ['2026-03-15', null, '2026-04-30', 'due_soon'], // 15 days left
    ['2026-03-15', null, '2026-05-15', 'due_soon'], // the due day
    ['2026-03-15', null, '2026-05-16', 'overdue'],
    ['2026-03-15', '2026-05-15', '2026-06-01', 'submitted'],
    ['2026-03-15', '2026-05-16', '2026-06-01', 'submitted_late'],
  ];
  it.each(flags)('feedback %s, submitted %s, today %s → %s', (feedbackOn, submittedOn, today, flag) => {
    expect(reportDeadline({ feedbackOn, submittedOn }, today)?.flag ?? null).toBe(flag);
  });
  it('counts days left, negative when past; windows match the flags', () => {
    expect(reportDeadline({ feedbackOn: '2026-03-15', submittedOn: null }, '2026-05-20')).toEqual({ dueOn: '2026-05-15', daysLeft: -5, flag: 'overdue' });
    expect(reportFlagWindow('overdue', '2026-05-20')).toEqual({ from: null, to: '2026-05-19' });
    expect(reportFlagWindow('due_soon', '2026-04-30')).toEqual({ from: '2026-04-30', to: '2026-05-15' });
  });
  it('settings are whole months from 1 to 12', () => {
    expect(planSettingsInput.parse({ reportMonths: 3 })).toEqual({ reportMonths: 3 });
    expect(planSettingsInput.safeParse({ reportMonths: 0 }).error?.issues[0]?.message).toBe('整改报告期限至少 1 个月');
    expect(planSettingsInput.safeParse({ reportMonths: 2.5 }).error?.issues[0]?.message).toBe('整改报告期限应为整数月');
  });
});
