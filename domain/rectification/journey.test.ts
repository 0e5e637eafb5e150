/**
 * The pieces composed as the server will call them: one item from feedback to 销号, with a send-back,
 * supplementary evidence, the four parties, a mass rating, alerts, the rates and the public page.
 */
import { describe, expect, it } from 'vitest';
import {
  addEvidence,
  alertToSend,
  approveSignOff,
  closureBlockers,
  isPublishable,
  itemMove,
  newSignOff,
  nextDueOn,
  rectifiedRate,
  sendBackSignOff,
  SIGNING_PARTY_LIST,
  tallyRatings,
  type AlertLevel,
  type ItemAction,
  type ItemActor,
  type ItemFacts,
  type ItemStatus,
  type RatingAnswer,
  type SignOffState,
  type SigningParty,
} from './index';

const none: ItemActor = { canReport: false, ofResponsibleUnit: false, canReview: false, signingParty: null, canManage: false };
const town: ItemActor = { ...none, canReport: true, ofResponsibleUnit: true };
const team: ItemActor = { ...none, canReview: true };
const party = (p: SigningParty): ItemActor => ({ ...none, signingParty: p, canReview: p === 'office', canManage: p === 'office' });
const system: ItemActor = { ...none, isSystem: true };

describe('one item from feedback to 销号', () => {
  it('goes through send-back, new evidence, four approvals and a rating', () => {
    const item = { id: 'item-1', kind: 'limited' as const, measures: '', deadline: '2026-06-30' as string | null, evidence: 0, status: 'drafting' as ItemStatus };
    let signOff: SignOffState | null = null;
    let evidenceVersion = 0;
    const facts = (extra: Partial<ItemFacts> = {}): ItemFacts => ({ kind: item.kind, measures: item.measures, deadline: item.deadline, evidenceCount: item.evidence, ...extra });
    const act = (action: ItemAction, actor: ItemActor, extra: Partial<ItemFacts> = {}) => {
      const m = itemMove(item.status, action, actor, facts(extra));
      if (!m.ok) throw new Error(m.reasons.join('；'));
      item.status = m.to;
    };
    const addEvidenceFile = () => {
      act('add_evidence', town);
      item.evidence += 1;
      evidenceVersion += 1;
      if (signOff) signOff = addEvidence(signOff);
    };

    // alerts before and after the work starts
    const sent: { level: AlertLevel; dueOn: string }[] = [];
    const job = (today: string) => {
      const a = alertToSend({ id: item.id, status: item.status, dueOn: nextDueOn({ ...item, startedOn: '2026-03-01' }) }, today, sent);
      if (a) sent.push(a);
      return a?.level ?? null;
    };

    expect(itemMove('drafting', 'start', town, facts()).ok).toBe(false); // no measures yet
    item.measures = '清退违规发放的补贴，建立公示制度';
    act('start', town);
    expect(item.status).toBe('in_progress');
    expect(job('2026-06-10')).toBe('green');
    expect(job('2026-06-10')).toBeNull(); // the job ran twice

    act('report_progress', town, { comment: '已清退 80%' });
    expect(itemMove(item.status, 'submit', town, facts()).ok).toBe(false); // no evidence
    addEvidenceFile();
    act('submit', town);
    act('return', team, { comment: '缺少公示照片' });
    expect(item.status).toBe('returned');
    addEvidenceFile();
    act('submit', town);
    act('accept', team);
    expect(item.status).toBe('signing');
    signOff = newSignOff(SIGNING_PARTY_LIST, evidenceVersion);
    expect(job('2026-06-21')).toBe('yellow');

    // three approve, then the town adds a photo: every approval must be given again
    for (const p of ['office', 'discipline', 'organization'] as const) {
      act('approve', party(p));
      const r = approveSignOff(signOff, p, evidenceVersion, '2026-06-22T01:00:00Z');
      if (!r.ok) throw new Error(r.reasons.join());
      signOff = r.state;
    }
    addEvidenceFile();
    expect(item.status).toBe('signing');
    expect(approveSignOff(signOff, 'department', evidenceVersion - 1, '2026-06-23T01:00:00Z').ok).toBe(false); // saw the old version
    expect(closureBlockers(signOff, null)).toEqual([`尚待巡察办、纪委监委、组织部、主管部门审核通过第 ${evidenceVersion} 版材料`]);

    // the department sends it back; fixed, checked and signed again by all four
    act('return', party('department'), { comment: '公示未覆盖全部农户' });
    const back = sendBackSignOff(signOff, 'department', '公示未覆盖全部农户');
    if (!back.ok) throw new Error();
    signOff = back.state;
    addEvidenceFile();
    act('submit', town);
    act('accept', party('office'));
    for (const p of SIGNING_PARTY_LIST) {
      const r = approveSignOff(signOff, p, evidenceVersion, '2026-06-28T01:00:00Z');
      if (!r.ok) throw new Error(r.reasons.join());
      signOff = r.state;
    }

    // the representatives are unhappy: closure waits
    const rate = (answers: RatingAnswer[]) => tallyRatings(answers.map((answer) => ({ answer, category: 'old_party_member' as const })));
    const unhappy = rate(['unsatisfied', 'unsatisfied', 'satisfied']);
    expect(itemMove(item.status, 'close', system, facts({ closureBlockers: closureBlockers(signOff, unhappy) }))).toEqual({
      ok: false,
      reasons: ['群众评议不满意过半（2/3），不能销号'],
    });
    expect(isPublishable({ status: item.status, exemption: null })).toBe(false);

    const happy = rate(['satisfied', 'basically_satisfied', 'unsatisfied']);
    act('close', system, { closureBlockers: closureBlockers(signOff, happy) });
    expect(item.status).toBe('closed');
    expect(job('2026-07-05')).toBeNull(); // closed: no red alert
    expect(sent.map((s) => s.level)).toEqual(['green', 'yellow']);
    expect(isPublishable({ status: item.status, exemption: null })).toBe(true);
    expect(isPublishable({ status: item.status, exemption: 'petition_risk' })).toBe(false);
    expect(rectifiedRate([{ kind: item.kind, deadline: item.deadline, closedOn: '2026-06-29' }], '2026-07-05').rate).toBe(1);
  });
});
