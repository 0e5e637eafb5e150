import { describe, expect, it } from 'vitest';
import { suggestionInput, suggestionSendInput, transferItemInput } from './inputs';
import { clockOf, defaultReplyDue, suggestionNumberLabel, suggestionProblems, transferNumberLabel, transferProblems } from './tracking';

describe('suggestions and transfer items', () => {
  it('defaults the reply to 30 days after sending', () => {
    expect(defaultReplyDue('2026-12-15')).toBe('2027-01-14');
  });
  it('flags overdue after the due day and due soon within 7 days, only while open', () => {
    expect(clockOf(true, '2026-12-10', '2026-12-11')).toBe('overdue');
    expect(clockOf(true, '2026-12-10', '2026-12-10')).toBe('due_soon');
    expect(clockOf(true, '2026-12-10', '2026-12-03')).toBe('due_soon');
    expect(clockOf(true, '2026-12-10', '2026-12-02')).toBe('none');
    expect(clockOf(false, '2026-12-10', '2026-12-11')).toBe('none');
    expect(clockOf(true, null, '2026-12-11')).toBe('none');
  });
  it('refuses what the status does not allow', () => {
    expect(suggestionProblems('draft', 'reply')).toEqual(['巡察建议书尚未发出，不能登记回复']);
    expect(suggestionProblems('sent', 'edit')).toEqual(['巡察建议书已发出待回复，不能修改']);
    expect(suggestionProblems('sent', 'reply', { sentOn: '2026-12-10', date: '2026-12-09' })).toEqual(['回复日期（2026-12-09）不能早于发出日期（2026-12-10）']);
    expect(suggestionProblems('sent', 'reply', { sentOn: '2026-12-10', date: '2026-12-10' })).toEqual([]);
    expect(transferProblems('done', 'complete')).toEqual(['移交事项已办结，不能再次办结']);
    expect(transferProblems('open', 'complete', { sentOn: '2026-12-10', date: '2026-12-01' })).toHaveLength(1);
  });
  it('numbers and validates', () => {
    expect(suggestionNumberLabel(2026, 3)).toBe('巡建〔2026〕3号');
    expect(transferNumberLabel(2026, 2, 7)).toBe('YJ-2026-2-007');
    expect(suggestionSendInput.safeParse({ sentOn: '2026-12-10', replyDueOn: '2026-12-01' }).success).toBe(false);
    expect(suggestionInput.safeParse({ departmentOrgId: '00000000-0000-4000-8000-000000000000', title: 'x', content: 'y', measures: [] }).success).toBe(false);
    expect(transferItemInput.safeParse({ departmentOrgId: '00000000-0000-4000-8000-000000000000', title: 'x', sentOn: '2026-12-10', dueOn: '2026-12-09' }).success).toBe(false);
  });
});
