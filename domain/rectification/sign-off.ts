/**
 * 销号 as a multi-party sign-off (都江堰 "四方联审", DOMAIN.md "Rectification — 整改").
 *
 * The office configures the required parties; by default four: 巡察办, 纪委监委, 组织部 and the competent
 * department of the item's field (主管部门). Evidence is versioned: each time the responsible unit
 * adds or replaces evidence the version goes up, and an approval counts only for the version the
 * reviewer saw — new evidence therefore resets every approval given before it. Any party may send the
 * item back with a reason, which clears all approvals. Closure needs every required party's approval
 * on the current version AND, when the item has been rated by mass representatives, a rating that is
 * not unsatisfied (rating.ts: more than half of the answers unsatisfied).
 *
 * The service starts the state when an item passes the check (item.ts accept → signing) with the
 * item's current evidence version, calls addEvidence whenever evidence is added (item.ts add_evidence),
 * and after every approval or rating asks closureBlockers whether to take the item's `close` step.
 * The functions are pure: they take the state as stored and return the next state or the reasons.
 */
import { z } from 'zod';
import type { RatingTally } from './rating';

export const SIGNING_PARTIES = { office: '巡察办', discipline: '纪委监委', organization: '组织部', department: '主管部门' } as const;
export type SigningParty = keyof typeof SIGNING_PARTIES;
export const SIGNING_PARTY_LIST = Object.keys(SIGNING_PARTIES) as SigningParty[];
export const DEFAULT_REQUIRED_PARTIES: readonly SigningParty[] = SIGNING_PARTY_LIST;

const partyField = z.enum(SIGNING_PARTY_LIST as [SigningParty, ...SigningParty[]], { message: '请选择销号审核单位（巡察办、纪委监委、组织部或主管部门）' });

export const signOffSettingsInput = z.object(
  {
    requiredParties: z
      .array(partyField, { message: '请选择销号审核单位' })
      .min(1, '至少需要一个销号审核单位')
      .refine((l) => new Set(l).size === l.length, '销号审核单位不能重复'),
    /** when true an item cannot be closed before mass representatives have rated it */
    ratingRequired: z.boolean({ message: '请选择是否须经群众评议' }).default(false),
  },
  { message: '请填写销号审核设置' },
);
export type SignOffSettings = z.output<typeof signOffSettingsInput>;
export const DEFAULT_SIGN_OFF_SETTINGS: SignOffSettings = { requiredParties: [...DEFAULT_REQUIRED_PARTIES], ratingRequired: false };

export interface Approval {
  party: SigningParty;
  /** the evidence version the reviewer saw */
  evidenceVersion: number;
  /** ISO instant, passed in */
  at: string;
  byUserId?: string | null;
}

export interface SignOffState {
  requiredParties: SigningParty[];
  /** the current evidence version: 1 for the first submission */
  evidenceVersion: number;
  approvals: Approval[];
}

export type SignOffResult = { ok: true; state: SignOffState } | { ok: false; reasons: string[] };

export const newSignOff = (requiredParties: readonly SigningParty[] = DEFAULT_REQUIRED_PARTIES, evidenceVersion = 1): SignOffState => ({
  requiredParties: [...requiredParties],
  evidenceVersion,
  approvals: [],
});

/** Approvals that still count: those given on the current evidence version by a required party. */
export const currentApprovals = (s: SignOffState): Approval[] =>
  s.approvals.filter((a) => a.evidenceVersion === s.evidenceVersion && s.requiredParties.includes(a.party));

/** Required parties that have not approved the current version, in table order. */
export const pendingParties = (s: SignOffState): SigningParty[] => {
  const done = new Set(currentApprovals(s).map((a) => a.party));
  return SIGNING_PARTY_LIST.filter((p) => s.requiredParties.includes(p) && !done.has(p));
};

/** A party approves having seen `seenVersion` of the evidence. */
export function approveSignOff(s: SignOffState, party: SigningParty, seenVersion: number, at: string, byUserId: string | null = null): SignOffResult {
  const reasons: string[] = [];
  if (!s.requiredParties.includes(party)) reasons.push(`${SIGNING_PARTIES[party]}不是该整改事项的销号审核单位`);
  if (seenVersion !== s.evidenceVersion) {
    reasons.push(`整改佐证材料已更新为第 ${s.evidenceVersion} 版，您查看的是第 ${seenVersion} 版；请查看最新材料后再审核`);
  }
  if (currentApprovals(s).some((a) => a.party === party)) reasons.push(`${SIGNING_PARTIES[party]}已审核通过当前版本的材料，不能重复审核`);
  if (reasons.length > 0) return { ok: false, reasons };
  // an older approval of this party is superseded, not kept beside the new one
  const approvals = [...s.approvals.filter((a) => a.party !== party), { party, evidenceVersion: seenVersion, at, byUserId }];
  return { ok: true, state: { ...s, approvals } };
}

/** New or replaced evidence: the version goes up and earlier approvals stop counting. */
export const addEvidence = (s: SignOffState): SignOffState => ({ ...s, evidenceVersion: s.evidenceVersion + 1, approvals: [] });

/** Any required party sends the item back with a reason: every approval is cleared. */
export function sendBackSignOff(s: SignOffState, party: SigningParty, reason: string): SignOffResult {
  const reasons: string[] = [];
  if (!s.requiredParties.includes(party)) reasons.push(`${SIGNING_PARTIES[party]}不是该整改事项的销号审核单位`);
  if (!reason.trim()) reasons.push('退回须说明理由');
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, state: { ...s, approvals: [] } };
}

/**
 * Everything that still blocks closure, in Chinese; empty means the item may be closed now.
 * `rating` is the item's tally (rating.ts) or null when no rating session covers it.
 */
export function closureBlockers(s: SignOffState, rating: RatingTally | null, settings: Pick<SignOffSettings, 'ratingRequired'> = DEFAULT_SIGN_OFF_SETTINGS): string[] {
  const reasons: string[] = [];
  const pending = pendingParties(s);
  if (pending.length > 0) reasons.push(`尚待${pending.map((p) => SIGNING_PARTIES[p]).join('、')}审核通过第 ${s.evidenceVersion} 版材料`);
  const rated = rating !== null && rating.answers > 0;
  if (rated && rating.unsatisfiedMajority) reasons.push(`群众评议不满意过半（${rating.unsatisfied}/${rating.answers}），不能销号`);
  if (!rated && settings.ratingRequired) reasons.push('尚未经群众代表评议，不能销号');
  return reasons;
}
