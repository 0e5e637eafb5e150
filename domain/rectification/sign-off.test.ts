import { describe, expect, it } from 'vitest';
import { tallyRatings, type RatingAnswer } from './rating';
import {
  addEvidence,
  approveSignOff,
  closureBlockers,
  currentApprovals,
  DEFAULT_SIGN_OFF_SETTINGS,
  newSignOff,
  pendingParties,
  sendBackSignOff,
  signOffSettingsInput,
  SIGNING_PARTY_LIST,
  type SignOffState,
  type SigningParty,
} from './sign-off';

const AT = '2026-05-01T02:00:00.000Z';
const approve = (s: SignOffState, party: SigningParty, version = s.evidenceVersion): SignOffState => {
  const r = approveSignOff(s, party, version, AT);
  if (!r.ok) throw new Error(r.reasons.join('；'));
  return r.state;
};
const ratings = (answers: RatingAnswer[]) => tallyRatings(answers.map((answer) => ({ answer, category: 'farmer' as const })));

describe('销号 sign-off', () => {
  it('needs every one of the four default parties, in any order', () => {
    const orders: SigningParty[][] = [
      ['office', 'discipline', 'organization', 'department'],
      ['department', 'organization', 'discipline', 'office'],
      ['discipline', 'office', 'department', 'organization'],
    ];
    for (const order of orders) {
      let s = newSignOff();
      order.forEach((p, i) => {
        expect(closureBlockers(s, null)).toHaveLength(1);
        s = approve(s, p);
        expect(currentApprovals(s)).toHaveLength(i + 1);
      });
      expect(pendingParties(s)).toEqual([]);
      expect(closureBlockers(s, null)).toEqual([]);
    }
  });

  it('says who is still missing', () => {
    const s = approve(approve(newSignOff(), 'office'), 'department');
    expect(pendingParties(s)).toEqual(['discipline', 'organization']);
    expect(closureBlockers(s, null)).toEqual(['尚待纪委监委、组织部审核通过第 1 版材料']);
  });

  it('each subset of parties missing blocks closure', () => {
    for (let mask = 0; mask < 16; mask++) {
      let s = newSignOff();
      SIGNING_PARTY_LIST.forEach((p, i) => {
        if (mask & (1 << i)) s = approve(s, p);
      });
      expect(closureBlockers(s, null).length === 0).toBe(mask === 15);
    }
  });

  it('a configured set of parties replaces the default four', () => {
    let s = newSignOff(['office', 'discipline']);
    s = approve(approve(s, 'office'), 'discipline');
    expect(closureBlockers(s, null)).toEqual([]);
    expect(approveSignOff(s, 'organization', 1, AT)).toEqual({ ok: false, reasons: ['组织部不是该整改事项的销号审核单位'] });
  });

  it('an approval records the version seen, and a stale view is refused', () => {
    const s = addEvidence(newSignOff());
    expect(s.evidenceVersion).toBe(2);
    expect(approveSignOff(s, 'office', 1, AT)).toEqual({ ok: false, reasons: ['整改佐证材料已更新为第 2 版，您查看的是第 1 版；请查看最新材料后再审核'] });
    const ok = approveSignOff(s, 'office', 2, AT, 'u1');
    expect(ok).toEqual({ ok: true, state: { ...s, approvals: [{ party: 'office', evidenceVersion: 2, at: AT, byUserId: 'u1' }] } });
  });

  it('a party cannot approve the same version twice', () => {
    const s = approve(newSignOff(), 'discipline');
    expect(approveSignOff(s, 'discipline', 1, AT)).toEqual({ ok: false, reasons: ['纪委监委已审核通过当前版本的材料，不能重复审核'] });
  });

  it('new evidence resets approvals given for an older version', () => {
    let s = newSignOff();
    s = approve(approve(approve(s, 'office'), 'discipline'), 'organization');
    s = addEvidence(s);
    expect(currentApprovals(s)).toEqual([]);
    expect(pendingParties(s)).toEqual(SIGNING_PARTY_LIST);
    expect(closureBlockers(s, null)).toEqual(['尚待巡察办、纪委监委、组织部、主管部门审核通过第 2 版材料']);
    // approvals kept from an old version (as stored rows) do not count either
    const stale: SignOffState = { requiredParties: [...SIGNING_PARTY_LIST], evidenceVersion: 3, approvals: SIGNING_PARTY_LIST.map((party) => ({ party, evidenceVersion: 2, at: AT })) };
    expect(currentApprovals(stale)).toEqual([]);
    expect(closureBlockers(stale, null)).toHaveLength(1);
    // re-approving the new version replaces the party's old approval
    expect(approve(stale, 'office').approvals.filter((a) => a.party === 'office')).toEqual([{ party: 'office', evidenceVersion: 3, at: AT, byUserId: null }]);
  });

  it('any party may send back with a reason, which clears all approvals', () => {
    let s = approve(approve(approve(newSignOff(), 'office'), 'discipline'), 'organization');
    const back = sendBackSignOff(s, 'department', '照片不能证明问题已整改');
    expect(back.ok).toBe(true);
    if (back.ok) s = back.state;
    expect(s.approvals).toEqual([]);
    expect(sendBackSignOff(s, 'office', '  ')).toEqual({ ok: false, reasons: ['退回须说明理由'] });
    expect(sendBackSignOff(newSignOff(['office']), 'discipline', '理由')).toEqual({ ok: false, reasons: ['纪委监委不是该整改事项的销号审核单位'] });
  });

  it('a rated item also needs a rating that is not an unsatisfied majority', () => {
    let s = newSignOff();
    for (const p of SIGNING_PARTY_LIST) s = approve(s, p);
    const cases: [RatingAnswer[], string[]][] = [
      [[], []], // no answers: not rated
      [['unsatisfied', 'satisfied'], []], // a tie is not a majority
      [['unsatisfied', 'unsatisfied', 'basically_satisfied'], ['群众评议不满意过半（2/3），不能销号']],
      [['unsatisfied'], ['群众评议不满意过半（1/1），不能销号']],
      [['basically_satisfied', 'basically_satisfied', 'unsatisfied'], []],
    ];
    for (const [answers, expected] of cases) expect(closureBlockers(s, ratings(answers))).toEqual(expected);
    // both blockers at once
    expect(closureBlockers(newSignOff(['office']), ratings(['unsatisfied']))).toEqual(['尚待巡察办审核通过第 1 版材料', '群众评议不满意过半（1/1），不能销号']);
  });

  it('the office may require a rating before closure', () => {
    let s = newSignOff(['office']);
    s = approve(s, 'office');
    expect(closureBlockers(s, null, { ratingRequired: true })).toEqual(['尚未经群众代表评议，不能销号']);
    expect(closureBlockers(s, ratings([]), { ratingRequired: true })).toEqual(['尚未经群众代表评议，不能销号']);
    expect(closureBlockers(s, ratings(['satisfied']), { ratingRequired: true })).toEqual([]);
    expect(closureBlockers(s, null, DEFAULT_SIGN_OFF_SETTINGS)).toEqual([]);
  });

  it('settings: at least one party, no duplicates, Chinese messages', () => {
    expect(signOffSettingsInput.parse({ requiredParties: ['office', 'department'] })).toEqual({ requiredParties: ['office', 'department'], ratingRequired: false });
    expect(signOffSettingsInput.safeParse({ requiredParties: [] }).error?.issues[0]?.message).toBe('至少需要一个销号审核单位');
    expect(signOffSettingsInput.safeParse({ requiredParties: ['office', 'office'] }).error?.issues[0]?.message).toBe('销号审核单位不能重复');
    expect(signOffSettingsInput.safeParse({ requiredParties: ['mayor'] }).error?.issues[0]?.message).toBe('请选择销号审核单位（巡察办、纪委监委、组织部或主管部门）');
  });
});
