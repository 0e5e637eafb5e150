import { describe, expect, it } from 'vitest';
import { allowedReportActions, assembleReportSections, groupReportFindings, phaseProblem, REPORT_PHASES, reportActionProblems, reportStatusAfter, type ReportSourceFinding } from './report';

const office = { canWrite: true, canApprove: true };
const team = { canWrite: true, canApprove: false };

const f = (o: Partial<ReportSourceFinding>): ReportSourceFinding => ({
  numberLabel: '001',
  category: 'leadership',
  villageCode: '320481100001',
  unitName: '东湖村',
  title: '问题',
  description: '具体表现。',
  amount: null,
  immediate: false,
  ...o,
});

describe('report statuses', () => {
  it('goes draft → heard → approved → (reopen) draft', () => {
    expect(reportStatusAfter('draft', 'hear')).toBe('heard');
    expect(reportStatusAfter('heard', 'approve')).toBe('approved');
    expect(reportStatusAfter('approved', 'reopen')).toBe('draft');
    expect(reportStatusAfter('heard', 'edit')).toBe('heard');
    expect(reportStatusAfter('heard', 'assemble')).toBe('draft');
  });
  it('refuses approval before the hearing and edits after approval', () => {
    expect(reportActionProblems('draft', 'approve', office)).toEqual(['领导小组尚未听取汇报，不能审定；请先登记听取汇报的日期和意见']);
    expect(reportActionProblems('approved', 'edit', office)[0]).toContain('已审定，不能修改');
    expect(reportActionProblems('approved', 'assemble', team)[0]).toContain('已审定');
    expect(reportActionProblems('draft', 'reopen', office)).toHaveLength(1);
  });
  it('lets only the office hear, approve and reopen; several reasons together', () => {
    expect(reportActionProblems('heard', 'approve', team)).toEqual(['只有巡察办可以审定巡察报告']);
    expect(reportActionProblems('draft', 'approve', team)).toHaveLength(2);
    expect(allowedReportActions('draft', team)).toEqual(['assemble', 'edit']);
    expect(allowedReportActions('approved', office)).toEqual(['reopen']);
    expect(allowedReportActions('heard', office)).toEqual(['assemble', 'edit', 'hear', 'approve']);
  });
  it('names the phase in the refusal', () => {
    expect(phaseProblem('fact_finding', REPORT_PHASES, '起草巡察报告')).toBe('本轮巡察处于“了解”阶段（尚未进入“报告”阶段），起草巡察报告须在报告阶段及以后（立卷归档前）进行');
    expect(phaseProblem('archived', REPORT_PHASES, '起草巡察报告')).toContain('已立卷归档');
    expect(phaseProblem('transfer', REPORT_PHASES, '起草巡察报告')).toBeNull();
  });
});

describe('grouping approved findings', () => {
  const findings = [
    f({ category: 'strict_governance', amount: 0.1, villageCode: '320481100002', unitName: '西湖村' }),
    f({ category: 'leadership', amount: 0.2, villageCode: '320481100002', unitName: '西湖村', immediate: true }),
    f({ category: 'leadership', amount: 0.1, villageCode: '320481100001' }),
    f({ category: 'leadership', amount: null, villageCode: null, unitName: '城关镇' }),
  ];
  it('orders categories as 三大问题 and units town first then by code, with counts and money', () => {
    const s = groupReportFindings(findings);
    expect(s).toMatchObject({ count: 4, amount: 0.4, immediate: 1 });
    expect(s.groups.map((g) => [g.categoryName, g.count, g.amount])).toEqual([
      ['党的领导弱化', 3, 0.3],
      ['全面从严治党不力', 1, 0.1],
    ]);
    expect(s.groups[0]!.units.map((u) => [u.unitName, u.count, u.amount])).toEqual([
      ['城关镇', 1, 0],
      ['东湖村', 1, 0.1],
      ['西湖村', 1, 0.2],
    ]);
  });
  it('assembles sections: overview, one per category, suggestions', () => {
    const sections = assembleReportSections('城关镇', [f({ amount: 36800.5, title: '集体资金支出未经民主决策', numberLabel: '007' })]);
    expect(sections.map((s) => s.heading)).toEqual(['巡察发现问题总体情况', '党的领导弱化方面', '意见建议']);
    expect(sections[0]!.paragraphs[0]).toBe('巡察组对城关镇党组织开展巡察，共发现问题1个，涉及金额3.68万元。');
    expect(sections[1]!.paragraphs).toEqual(['党的领导弱化方面问题1个，涉及金额3.68万元。', '东湖村1个，涉及金额3.68万元：', '集体资金支出未经民主决策（底稿007）：具体表现，涉及金额3.68万元。']);
  });
  it('says so when nothing was found', () => {
    expect(assembleReportSections('东湖村', [])[0]!.paragraphs).toEqual(['巡察组对东湖村党组织开展巡察，共发现问题0个。', '经审定的问题底稿中未发现问题。']);
  });
});
