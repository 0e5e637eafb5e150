import { describe, expect, it } from 'vitest';
import {
  actionRefusal,
  availableActions,
  disposeProblems,
  isOutcomeMeasure,
  LEAD_ACTION_LIST,
  LEAD_STATUS_LIST,
  LEAD_TRANSITIONS,
  measureName,
  OUTCOME_KINDS,
  outcomeKindName,
  outcomeProblems,
  receiveProblems,
  reportProblems,
  transferProblems,
  type LeadAction,
  type LeadSide,
  type LeadStatus,
  type TransferFacts,
} from './lead';

// Every (status, action, side) with the expected answer, written out so a change to the table shows here.
const ALLOWED: Record<LeadSide, Record<LeadStatus, LeadAction[]>> = {
  sender: {
    draft: ['edit', 'delete', 'transfer'],
    transferred: ['recall'],
    received: [],
    disposed: [],
    closed: [],
  },
  receiver: {
    draft: [],
    transferred: ['receive', 'return'],
    received: ['dispose'],
    disposed: ['dispose', 'outcome', 'report'],
    closed: ['reopen'],
  },
};

describe('the transition table, every status × action × side', () => {
  for (const side of ['sender', 'receiver'] as LeadSide[]) {
    for (const status of LEAD_STATUS_LIST) {
      for (const action of LEAD_ACTION_LIST) {
        const allowed = ALLOWED[side][status].includes(action);
        it(`${side} ${action} in ${status}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const r = actionRefusal(status, action, side);
          if (allowed) expect(r).toBeNull();
          else {
            expect(r).toMatch(/[\u4e00-\u9fa5]/);
            expect(r).not.toBeNull();
          }
        });
      }
    }
  }

  it('names the other side when the wrong side acts', () => {
    expect(actionRefusal('transferred', 'receive', 'sender')).toContain('由接收单位办理');
    expect(actionRefusal('draft', 'edit', 'receiver')).toContain('由移交方');
  });
  it('names the current status when the status is wrong', () => {
    expect(actionRefusal('received', 'edit', 'sender')).toContain('当前状态：已接收');
    expect(actionRefusal('received', 'report', 'receiver')).toContain('登记处置方式后');
  });
  it('every target status is a status; availableActions follows the table', () => {
    for (const t of Object.values(LEAD_TRANSITIONS)) if (t.to) expect(LEAD_STATUS_LIST).toContain(t.to);
    expect(availableActions('disposed', 'receiver')).toEqual(['dispose', 'outcome', 'report']);
    expect(availableActions('draft', 'receiver')).toEqual([]);
  });
  it("a body outside the system may report straight after receipt ('other'), a commission may not", () => {
    expect(actionRefusal('received', 'report', 'receiver', 'other')).toBeNull();
    expect(actionRefusal('received', 'report', 'receiver', 'discipline')).not.toBeNull();
    expect(availableActions('received', 'receiver', 'other')).toEqual(['dispose', 'report']);
  });
});

describe('outcome kinds and measures as data', () => {
  it('holds the sanctions of the domain', () => {
    expect(Object.values(OUTCOME_KINDS.party_sanction.measures)).toEqual(['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍']);
    expect(Object.values(OUTCOME_KINDS.government_sanction.measures)).toEqual(['警告', '记过', '记大过', '降级', '撤职', '开除']);
    expect(Object.values(OUTCOME_KINDS.organisational.measures)).toEqual(['诫勉谈话', '批评教育', '责令检查', '通报批评']);
  });
  it('a measure belongs to its kind only', () => {
    expect(isOutcomeMeasure('party_sanction', 'probation')).toBe(true);
    expect(isOutcomeMeasure('government_sanction', 'probation')).toBe(false);
    expect(isOutcomeMeasure('nonsense', 'warning')).toBe(false);
    expect(measureName('government_sanction', 'demerit')).toBe('记过');
    expect(measureName('x', 'y')).toBe('y');
    expect(outcomeKindName('judicial')).toBe('移送司法机关');
  });
});

const transfer: TransferFacts = {
  authority: 'discipline',
  otherBody: null,
  receivingOrg: { kind: 'discipline', scopeCode: '320481', disabled: false },
  receivingOrgNamed: true,
  leadCode: '320481100001',
  letterNo: '溧巡移〔2026〕3号',
  transferredOn: '2026-11-20',
  today: '2026-11-22',
  persons: 1,
  summary: '村书记涉嫌截留惠农补贴',
};

describe('transferProblems', () => {
  it('a complete transfer to the county commission passes', () => expect(transferProblems(transfer)).toEqual([]));
  it.each<[string, Partial<TransferFacts>, string]>([
    ['no receiving organisation', { receivingOrgNamed: false, receivingOrg: null }, '请选择接收的纪委监委单位'],
    ['receiving organisation missing or out of scope', { receivingOrg: null }, '接收单位不存在或不在本辖区'],
    ['organisation department for a discipline lead', { receivingOrg: { kind: 'organization', scopeCode: '320481', disabled: false } }, '接收单位应为纪委监委'],
    ['another county', { receivingOrg: { kind: 'discipline', scopeCode: '320482', disabled: false } }, '管辖范围不包括'],
    ['disabled', { receivingOrg: { kind: 'discipline', scopeCode: '320481', disabled: true } }, '已停用'],
    ['no letter number', { letterNo: '  ' }, '移交函文号'],
    ['future date', { transferredOn: '2026-11-23' }, '不能晚于今天'],
    ['no persons', { persons: 0 }, '被反映人'],
    ['no summary', { summary: '' }, '摘要'],
    ['other body unnamed', { authority: 'other', receivingOrgNamed: false, receivingOrg: null, otherBody: ' ' }, '写明接收机关名称'],
    ['other body with an organisation', { authority: 'other', otherBody: '县法院' }, '不应选择本系统内的接收单位'],
  ])('%s', (_name, patch, reason) => {
    const problems = transferProblems({ ...transfer, ...patch });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(reason);
  });
  it('lists every reason at once', () => {
    expect(transferProblems({ ...transfer, letterNo: '', transferredOn: '2027-01-01', persons: 0 })).toHaveLength(3);
  });
  it('another body named, no organisation: passes; the due day is today', () => {
    expect(transferProblems({ ...transfer, authority: 'other', otherBody: '县人民法院', receivingOrgNamed: false, receivingOrg: null, transferredOn: '2026-11-22' })).toEqual([]);
  });
});

describe('receive, dispose, outcome and report guards', () => {
  it('receipt: signer named, not before the transfer, not in the future', () => {
    expect(receiveProblems({ receivedOn: '2026-11-21', transferredOn: '2026-11-20', today: '2026-11-22', receivedByName: '王五' })).toEqual([]);
    expect(receiveProblems({ receivedOn: '2026-11-19', transferredOn: '2026-11-20', today: '2026-11-22', receivedByName: '' })).toEqual([
      '请填写签收人姓名',
      '签收日期（2026-11-19）不能早于移交日期（2026-11-20）',
    ]);
    expect(receiveProblems({ receivedOn: '2026-11-23', transferredOn: '2026-11-20', today: '2026-11-22', receivedByName: '王五' })[0]).toContain('不能晚于今天');
  });
  it('disposition and 立案 dates', () => {
    expect(disposeProblems({ dispositionOn: '2026-11-21', caseOpenedOn: null, receivedOn: '2026-11-21', today: '2026-11-22' })).toEqual([]);
    expect(disposeProblems({ dispositionOn: '2026-11-20', caseOpenedOn: '2026-11-25', receivedOn: '2026-11-21', today: '2026-11-22' })).toEqual([
      '处置日期（2026-11-20）不能早于签收日期（2026-11-21）',
      '立案日期（2026-11-25）不能晚于今天',
    ]);
    expect(disposeProblems({ dispositionOn: '2026-11-23', caseOpenedOn: '2026-11-01', receivedOn: '2026-11-21', today: '2026-11-22' })).toHaveLength(2);
  });
  it('outcome: a person of the lead, a measure of the kind, dated', () => {
    const ok = { personName: '张三', persons: ['张三', '李四'], kind: 'party_sanction', measure: 'warning', decidedOn: '2026-11-22', receivedOn: '2026-11-21', today: '2026-11-22' };
    expect(outcomeProblems(ok)).toEqual([]);
    expect(outcomeProblems({ ...ok, personName: '王五', measure: 'demerit', decidedOn: '2026-11-01' })).toEqual([
      '“王五”不是该线索登记的被反映人',
      '处理方式“demerit”不属于“党纪处分”',
      '处理决定日期（2026-11-01）不能早于签收日期（2026-11-21）',
    ]);
    expect(outcomeProblems({ ...ok, decidedOn: '2026-12-01' })[0]).toContain('不能晚于今天');
  });
  it('closing needs a report; a case needs an outcome', () => {
    const ok = { handlingReport: '经初步核实，反映问题基本属实，已给予党纪处分。', reportedOn: '2026-11-22', dispositionOn: '2026-11-21', today: '2026-11-22', caseOpened: true, outcomes: 1 };
    expect(reportProblems(ok)).toEqual([]);
    expect(reportProblems({ ...ok, handlingReport: '已办', outcomes: 0 })).toEqual(['请填写办理情况报告（不少于 10 个字）', '已立案的问题线索，办结前应登记处理结果']);
    expect(reportProblems({ ...ok, reportedOn: '2026-11-20' })[0]).toContain('不能早于处置日期');
    expect(reportProblems({ ...ok, reportedOn: '2026-11-23' })[0]).toContain('不能晚于今天');
    expect(reportProblems({ ...ok, caseOpened: false, outcomes: 0 })).toEqual([]);
  });
});
