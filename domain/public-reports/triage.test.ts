import { describe, expect, it } from 'vitest';
import { ROUND_PHASE_LIST, type RoundPhase } from '../planning/round';
import {
  PUBLIC_STATUSES,
  REPORT_STATUS_LIST,
  TRIAGE_ACTION_LIST,
  TRIAGE_TRANSITIONS,
  availableTriageActions,
  closeProblems,
  forwardProblems,
  handlerOf,
  inboxFor,
  intakeCounts,
  linkProblems,
  mergeProblems,
  reopenProblems,
  triageRefusal,
  type Inbox,
  type IntakeActor,
  type ReportStatus,
  type TriageAction,
} from './triage';

const TEAM: Inbox = { kind: 'team', teamId: 'team-1' };
const OFFICE: Inbox = { kind: 'office' };
const ME: IntakeActor = { kind: 'team', teamId: 'team-1' };
const OTHER_TEAM: IntakeActor = { kind: 'team', teamId: 'team-2' };
const OFFICE_ACTOR: IntakeActor = { kind: 'office' };

describe('inbox', () => {
  const round = (phase: RoundPhase, petitionCutoff: string | null = '2026-12-20', onSiteTo: string | null = '2026-12-25') => ({ phase, petitionCutoff, onSiteTo });

  it.each(ROUND_PHASE_LIST)('in phase %s', (phase) => {
    const team = phase === 'entry' || phase === 'fact_finding';
    expect(inboxFor(round(phase), 'team-1', '2026-12-10')).toEqual(team ? TEAM : OFFICE);
  });

  it('goes to the office after the cut-off date, or the last on-site day without one', () => {
    expect(inboxFor(round('fact_finding'), 'team-1', '2026-12-20')).toEqual(TEAM);
    expect(inboxFor(round('fact_finding'), 'team-1', '2026-12-21')).toEqual(OFFICE);
    expect(inboxFor(round('fact_finding', null), 'team-1', '2026-12-25')).toEqual(TEAM);
    expect(inboxFor(round('fact_finding', null), 'team-1', '2026-12-26')).toEqual(OFFICE);
    expect(inboxFor(round('fact_finding', null, null), 'team-1', '2027-03-01')).toEqual(TEAM);
  });

  it('goes to the office when no team is on the target', () => {
    expect(inboxFor(round('entry'), null, '2026-12-10')).toEqual(OFFICE);
  });

  it('passes a team inbox to the office after the report phase', () => {
    for (const phase of ROUND_PHASE_LIST) {
      const team = phase === 'entry' || phase === 'fact_finding' || phase === 'report';
      expect(handlerOf(TEAM, phase)).toEqual(team ? TEAM : OFFICE);
      expect(handlerOf(OFFICE, phase)).toEqual(OFFICE);
    }
  });
});

describe('status table', () => {
  it('every status is reachable and every status has a public name', () => {
    const reached = new Set<ReportStatus>(['received', ...Object.values(TRIAGE_TRANSITIONS).map((t) => t.to)]);
    expect([...reached].sort()).toEqual([...REPORT_STATUS_LIST].sort());
    for (const s of REPORT_STATUS_LIST) expect(PUBLIC_STATUSES[s]).toMatch(/[\u4e00-\u9fa5]/);
    // the reporter is not told that a lead was opened
    expect(PUBLIC_STATUSES.linked).toBe(PUBLIC_STATUSES.accepted);
  });

  // every action × status for the handler: allowed exactly where the table says so
  const cases: [TriageAction, ReportStatus][] = TRIAGE_ACTION_LIST.flatMap((a) => REPORT_STATUS_LIST.map((s) => [a, s] as [TriageAction, ReportStatus]));
  it.each(cases)('%s from %s', (action, status) => {
    const allowed = TRIAGE_TRANSITIONS[action].from.includes(status);
    const actor = action === 'reopen' ? OFFICE_ACTOR : ME;
    const r = triageRefusal(action, status, actor, TEAM, 'fact_finding');
    if (allowed) expect(r).toBeNull();
    else expect(r).toMatch(/当前状态：/);
  });
});

describe('who may act', () => {
  it('the team on the target, while it handles its inbox', () => {
    expect(triageRefusal('accept', 'received', ME, TEAM, 'entry')).toBeNull();
    expect(triageRefusal('accept', 'received', ME, TEAM, 'report')).toBeNull();
    expect(triageRefusal('accept', 'received', ME, TEAM, 'feedback')).toBe('本轮巡察已进入“反馈”阶段，未办结的来件已转由巡察办处理');
    expect(triageRefusal('accept', 'received', OTHER_TEAM, TEAM, 'entry')).toBe('该来件不在本组收件箱，由负责该村（社区）的巡察组或巡察办处理');
    expect(triageRefusal('accept', 'received', ME, OFFICE, 'entry')).toBe('该来件不在本组收件箱，由负责该村（社区）的巡察组或巡察办处理');
  });

  it('the office for its own inbox and for team inboxes after the team has gone', () => {
    expect(triageRefusal('accept', 'received', OFFICE_ACTOR, OFFICE, 'entry')).toBeNull();
    expect(triageRefusal('accept', 'received', OFFICE_ACTOR, TEAM, 'fact_finding')).toBe('巡察期间该来件由负责该村（社区）的巡察组处理，巡察办可查看并督促');
    expect(triageRefusal('accept', 'received', OFFICE_ACTOR, TEAM, 'rectification')).toBeNull();
    expect(triageRefusal('close', 'linked', OFFICE_ACTOR, TEAM, 'archived')).toBeNull();
  });

  it('reopening is the office’s, at any time; nobody else triages', () => {
    expect(triageRefusal('reopen', 'closed', ME, TEAM, 'entry')).toBe('重新打开来件由巡察办办理');
    expect(triageRefusal('reopen', 'closed', OFFICE_ACTOR, TEAM, 'entry')).toBeNull();
    expect(triageRefusal('accept', 'received', { kind: 'other' }, TEAM, 'entry')).toBe('只有巡察组或巡察办可以处理群众来件');
  });

  it('lists the buttons', () => {
    expect(availableTriageActions('received', ME, TEAM, 'entry')).toEqual(['accept', 'merge', 'forward', 'close']);
    expect(availableTriageActions('accepted', ME, TEAM, 'entry')).toEqual(['link', 'merge', 'forward', 'close']);
    expect(availableTriageActions('linked', ME, TEAM, 'entry')).toEqual(['link', 'close']);
    expect(availableTriageActions('closed', ME, TEAM, 'entry')).toEqual([]);
    expect(availableTriageActions('closed', OFFICE_ACTOR, TEAM, 'entry')).toEqual(['reopen']);
  });
});

describe('guards', () => {
  it('link needs something new to link', () => {
    expect(linkProblems({ findingIds: [], leadIds: [], alreadyLinked: [] })).toEqual(['请选择要关联的问题底稿或问题线索']);
    expect(linkProblems({ findingIds: ['f1'], leadIds: [], alreadyLinked: ['f1'] })).toEqual(['所选问题底稿或线索已经关联过']);
    expect(linkProblems({ findingIds: ['f1'], leadIds: ['l1'], alreadyLinked: [] })).toEqual([]);
  });

  it('merge into another open report of the round', () => {
    const base = { reportId: 'r1', roundId: 'round-1' };
    expect(mergeProblems({ ...base, into: null })).toEqual(['要合并到的来件不存在或无权查看']);
    expect(mergeProblems({ ...base, into: { id: 'r1', roundId: 'round-1', status: 'received' } })).toEqual(['不能把来件合并到它自己']);
    expect(mergeProblems({ ...base, into: { id: 'r2', roundId: 'round-2', status: 'merged' } })).toEqual(['只能合并到本轮巡察的来件', '要合并到的来件已合并，请合并到仍在办理的来件']);
    expect(mergeProblems({ ...base, into: { id: 'r2', roundId: 'round-1', status: 'linked' } })).toEqual([]);
  });

  it('forward names a reason, the body and a reply', () => {
    expect(forwardProblems({ reason: '', note: null, body: '', reply: '' })).toEqual(['请选择转交理由', '请填写转交的部门或机关', '请填写给反映人的转交答复']);
    expect(forwardProblems({ reason: 'other', note: ' ', body: '县法院', reply: '好的' })).toEqual(['选择“其他原因”时请写明理由', '答复过短：至少 5 个字']);
    expect(forwardProblems({ reason: 'litigation', note: null, body: '县人民法院', reply: '您反映的土地纠纷属涉法涉诉事项，已转县人民法院依法处理。' })).toEqual([]);
  });

  it('close needs a reply; reopen a reason', () => {
    expect(closeProblems({ reply: null })).toEqual(['请填写给反映人的办结答复']);
    expect(closeProblems({ reply: '问'.repeat(2001) })).toEqual(['答复不超过 2000 字']);
    expect(closeProblems({ reply: '经核实，修路款已按合同支付并公示。' })).toEqual([]);
    expect(reopenProblems({ reason: '再看' })).toHaveLength(1);
    expect(reopenProblems({ reason: '反映人补充了新的材料' })).toEqual([]);
  });
});

describe('counts per village', () => {
  it('counts totals, statuses and petitions', () => {
    const c = intakeCounts([
      { villageCode: 'v1', status: 'received', wasAccepted: false },
      { villageCode: 'v1', status: 'linked', wasAccepted: true },
      { villageCode: 'v1', status: 'closed', wasAccepted: true },
      { villageCode: 'v1', status: 'forwarded', wasAccepted: false },
      { villageCode: 'v2', status: 'merged', wasAccepted: false },
    ]);
    expect(c.get('v1')).toMatchObject({ total: 4, petitions: 2, byStatus: { received: 1, linked: 1, closed: 1, forwarded: 1, merged: 0 } });
    expect(c.get('v2')).toMatchObject({ total: 1, petitions: 0 });
  });
});
