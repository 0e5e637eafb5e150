import { describe, expect, it } from 'vitest';
import { actionButtons, partyLine, statusTabs } from './item-view';

describe('rectification item view helpers', () => {
  it('says when an approval was given on older evidence and must be given again', () => {
    const a = { actorName: '纪委张三', evidenceVersion: 1, at: '2026-11-22T02:00:00.000Z', current: false };
    expect(partyLine(a, 2, true)).toEqual({ text: '曾于 2026-11-22 纪委张三 审核通过第 1 版；新材料后需重新审核', color: 'warning' });
    expect(partyLine({ ...a, evidenceVersion: 2, current: true }, 2, true)).toEqual({ text: '2026-11-22 纪委张三 审核通过第 2 版材料', color: 'success' });
    expect(partyLine(null, 3, true)).toEqual({ text: '待审核第 3 版材料', color: 'default' });
    expect(partyLine(null, 3, false).text).toBe('未进入销号审核');
  });

  it('lists every status tab with its count', () => {
    const tabs = statusTabs({ all: 5, drafting: 3, signing: 2, in_progress: 0, submitted: 0, returned: 0, closed: 0 });
    expect(tabs.map((t) => t.label)).toEqual(['全部（5）', '待制定措施（3）', '整改中（0）', '待核查（0）', '待销号审核（2）', '退回整改（0）', '已销号（0）']);
    expect(statusTabs(undefined)[0]).toEqual({ key: 'all', label: '全部' });
  });

  it('offers buttons only for the allowed actions, in working order', () => {
    expect(actionButtons(['return', 'approve', 'close', 'add_evidence']).map((b) => b.action)).toEqual(['approve', 'return']);
    expect(actionButtons([])).toEqual([]);
  });
});
