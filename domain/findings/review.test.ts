import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../access/roles';
import { allowedFindingActions, FINDING_ACTION_LIST, FINDING_STATUS_LIST, findingMove, type FindingAction, type FindingActor, type FindingStatus } from './review';

/** Actors by role, built from the real role → permission table; `_author` means they wrote the paper. */
function actorOf(role: Role, isAuthor: boolean, team: { deputyAvailable?: boolean; authorIsLeader?: boolean } = {}): FindingActor {
  const p = permissionsOf([role]);
  return {
    canWrite: p.has('findings.write'),
    canReviewDeputy: p.has('findings.review_deputy'),
    canReviewLeader: p.has('findings.review_leader'),
    isAuthor,
    deputyAvailable: team.deputyAvailable ?? true,
    authorIsLeader: team.authorIsLeader ?? (role === 'team_leader' && isAuthor),
  };
}
const ACTORS: Record<string, FindingActor> = {
  author: actorOf('team_member', true),
  member: actorOf('team_member', false),
  deputy: actorOf('team_deputy', false),
  deputy_author: actorOf('team_deputy', true),
  leader: actorOf('team_leader', false),
  leader_author: actorOf('team_leader', true),
  office: actorOf('office', false),
  leading_group: actorOf('leading_group', false),
  discipline: actorOf('discipline', false),
};
const WRITERS = ['author', 'deputy_author', 'leader_author'];

/** The whole table of what is allowed, written out by hand: (status, action, actor) → new status. */
const ALLOWED = new Map<string, FindingStatus>();
const allow = (status: FindingStatus, action: FindingAction, actors: string[], to: FindingStatus) => {
  for (const a of actors) ALLOWED.set(`${status}|${action}|${a}`, to);
};
allow('draft', 'edit', WRITERS, 'draft');
allow('returned', 'edit', WRITERS, 'returned');
allow('draft', 'delete', WRITERS, 'draft');
allow('draft', 'submit', WRITERS, 'submitted');
allow('returned', 'submit', WRITERS, 'submitted');
allow('submitted', 'approve', ['deputy'], 'deputy_approved');
allow('submitted', 'return', ['deputy'], 'returned');
allow('deputy_approved', 'approve', ['leader'], 'approved');
allow('deputy_approved', 'return', ['leader'], 'returned');
allow('approved', 'reopen', ['leader', 'leader_author'], 'returned');

describe('finding review table: every (status, action, actor)', () => {
  const cases = FINDING_STATUS_LIST.flatMap((s) => FINDING_ACTION_LIST.flatMap((a) => Object.keys(ACTORS).map((who) => [s, a, who] as const)));
  it('covers 5 statuses × 6 actions × 9 actors', () => expect(cases).toHaveLength(270));
  it.each(cases)('%s · %s · %s', (status, action, who) => {
    const move = findingMove(status, action, ACTORS[who]!, '意见');
    const expected = ALLOWED.get(`${status}|${action}|${who}`);
    if (expected) {
      expect(move).toMatchObject({ ok: true, to: expected });
    } else {
      expect(move.ok).toBe(false);
      if (!move.ok) {
        expect(move.reasons.length).toBeGreaterThan(0);
        for (const r of move.reasons) expect(r).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });
});

/**
 * The two team shapes that would leave a paper stuck (decision 0007), each over every status and action:
 * who may act, and where the paper goes.
 */
describe('review when the team has no other 副组长, or the 组长 wrote the paper', () => {
  const shapes = {
    // a member's paper in a team without a 副组长 account: the 组长 reviews once, finally
    no_deputy: {
      actors: { author: actorOf('team_member', true, { deputyAvailable: false }), leader: actorOf('team_leader', false, { deputyAvailable: false }), office: actorOf('office', false, { deputyAvailable: false }) },
      // (a paper the 副组长 passed before leaving the team still goes to the 组长 as usual)
      allowed: { 'submitted|approve|leader': 'approved', 'submitted|return|leader': 'returned', 'deputy_approved|approve|leader': 'approved', 'deputy_approved|return|leader': 'returned', 'approved|reopen|leader': 'returned' },
    },
    // the 副组长 wrote it and is the only one: the same
    deputy_author_alone: {
      actors: { deputy_author: actorOf('team_deputy', true, { deputyAvailable: false }), leader: actorOf('team_leader', false, { deputyAvailable: false }) },
      // (a paper the 副组长 passed before leaving the team still goes to the 组长 as usual)
      allowed: { 'submitted|approve|leader': 'approved', 'submitted|return|leader': 'returned', 'deputy_approved|approve|leader': 'approved', 'deputy_approved|return|leader': 'returned', 'approved|reopen|leader': 'returned' },
    },
    // the 组长's own paper: the 副组长's approval is final
    leader_author: {
      actors: { leader_author: actorOf('team_leader', true), deputy: actorOf('team_deputy', false, { authorIsLeader: true }), member: actorOf('team_member', false, { authorIsLeader: true }) },
      allowed: { 'submitted|approve|deputy': 'approved', 'submitted|return|deputy': 'returned', 'approved|reopen|leader_author': 'returned' },
    },
    // the 组长's own paper and no 副组长: nobody may review it, and the refusal says what to do
    leader_author_alone: {
      actors: { leader_author: actorOf('team_leader', true, { deputyAvailable: false }), office: actorOf('office', false, { deputyAvailable: false, authorIsLeader: true }) },
      allowed: { 'approved|reopen|leader_author': 'returned' },
    },
  } satisfies Record<string, { actors: Record<string, FindingActor>; allowed: Record<string, FindingStatus> }>;
  const REVIEW_MOVES: FindingAction[] = ['approve', 'return', 'reopen'];
  for (const [shape, { actors, allowed }] of Object.entries(shapes)) {
    const cases = FINDING_STATUS_LIST.flatMap((st) => REVIEW_MOVES.flatMap((a) => Object.keys(actors).map((who) => [st, a, who] as const)));
    it.each(cases)(`${shape}: %s · %s · %s`, (status, action, who) => {
      const move = findingMove(status, action, (actors as Record<string, FindingActor>)[who]!, '意见');
      const expected = (allowed as Record<string, FindingStatus>)[`${status}|${action}|${who}`];
      if (expected) expect(move).toMatchObject({ ok: true, to: expected });
      else expect(move.ok).toBe(false);
    });
  }
  it('records the 组长 direct review as the 组长 step, and explains the stuck case', () => {
    expect(findingMove('submitted', 'approve', shapes.no_deputy.actors.leader)).toEqual({ ok: true, to: 'approved', step: 'leader', decision: 'approved' });
    expect(findingMove('submitted', 'approve', shapes.leader_author.actors.deputy)).toEqual({ ok: true, to: 'approved', step: 'deputy', decision: 'approved' });
    const stuck = findingMove('submitted', 'approve', shapes.leader_author_alone.actors.leader_author);
    expect(stuck.ok).toBe(false);
    if (!stuck.ok) expect(stuck.reasons).toContain('本组没有可审核的副组长，组长本人撰写的问题底稿无法审核；请巡察办为本组增加副组长账号');
  });
});

describe('finding review details', () => {
  it('records the step and decision of each move', () => {
    expect(findingMove('draft', 'submit', ACTORS.author!)).toEqual({ ok: true, to: 'submitted', step: 'author', decision: 'submitted' });
    expect(findingMove('submitted', 'approve', ACTORS.deputy!)).toEqual({ ok: true, to: 'deputy_approved', step: 'deputy', decision: 'approved' });
    expect(findingMove('deputy_approved', 'return', ACTORS.leader!, '证据不足')).toEqual({ ok: true, to: 'returned', step: 'leader', decision: 'returned' });
    expect(findingMove('approved', 'reopen', ACTORS.leader!, '补充材料')).toEqual({ ok: true, to: 'returned', step: 'reopen', decision: 'reopened' });
  });

  it('returning needs a comment, reopening a reason (blank is not one)', () => {
    expect(findingMove('submitted', 'return', ACTORS.deputy!, '  ')).toEqual({ ok: false, reasons: ['退回修改须填写审核意见'] });
    expect(findingMove('deputy_approved', 'return', ACTORS.leader!)).toEqual({ ok: false, reasons: ['退回修改须填写审核意见'] });
    expect(findingMove('approved', 'reopen', ACTORS.leader!, '')).toEqual({ ok: false, reasons: ['重新打开须说明原因'] });
    expect(findingMove('submitted', 'approve', ACTORS.deputy!, '')).toMatchObject({ ok: true });
  });

  it('lists every reason at once', () => {
    const m = findingMove('submitted', 'return', ACTORS.deputy_author!, '');
    expect(m).toEqual({ ok: false, reasons: ['不能审核本人撰写的问题底稿', '退回修改须填写审核意见'] });
    const leaderSkipping = findingMove('submitted', 'approve', ACTORS.leader!);
    expect(leaderSkipping).toEqual({ ok: false, reasons: ['待副组长审核的问题底稿，只有副组长可以审核'] });
    expect(findingMove('approved', 'edit', ACTORS.author!)).toEqual({ ok: false, reasons: ['问题底稿已审定，不能修改；如需修改，请组长重新打开'] });
    expect(findingMove('submitted', 'delete', ACTORS.member!)).toEqual({
      ok: false,
      reasons: ['只有撰写人可以删除问题底稿', '只能删除草稿；该问题底稿已“待副组长审核”，编号保留不能删除'],
    });
  });

  it('offers the buttons the table allows', () => {
    expect(allowedFindingActions('draft', ACTORS.author!)).toEqual(['edit', 'delete', 'submit']);
    expect(allowedFindingActions('returned', ACTORS.author!)).toEqual(['edit', 'submit']);
    expect(allowedFindingActions('submitted', ACTORS.deputy!)).toEqual(['approve', 'return']);
    expect(allowedFindingActions('approved', ACTORS.leader!)).toEqual(['reopen']);
    expect(allowedFindingActions('approved', ACTORS.office!)).toEqual([]);
  });
});
