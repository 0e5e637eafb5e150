import { describe, expect, it } from 'vitest';
import { awaitingStaffReply, messageInput, nextSeq, orderMessages, publicThread, reporterMessageRefusal, staffMessageRefusal, storedMessageFields, type ThreadMessage } from './messages';
import type { Inbox } from './triage';

const TEAM: Inbox = { kind: 'team', teamId: 't1' };

describe('message input', () => {
  it('wants text or a file, and bounds the text', () => {
    expect(messageInput.parse({ body: '  补充：施工单位是村主任亲戚开的。\r\n ' }).body).toBe('补充：施工单位是村主任亲戚开的。');
    const empty = messageInput.safeParse({ body: '   ' });
    expect(empty.error?.issues.map((i) => i.message)).toEqual(['请填写留言内容或添加附件']);
    expect(messageInput.safeParse({ body: '', attachments: [{ uploadId: '9f1c2d34-5e6f-4a7b-8c9d-0e1f2a3b4c5d', fileName: '合同.pdf', mime: 'application/pdf', size: 1000 }] }).success).toBe(true);
    expect(messageInput.safeParse({ body: '字'.repeat(2001) }).error?.issues[0]?.message).toBe('留言不超过 2000 字');
  });
});

describe('who may post when', () => {
  const open = { status: 'accepted' as const, finishedOn: null, today: '2026-12-10' };

  it('the reporter: while open, 30 days after finishing, 10 a day', () => {
    expect(reporterMessageRefusal({ ...open, reporterMessagesToday: 0 })).toBeNull();
    expect(reporterMessageRefusal({ ...open, reporterMessagesToday: 10 })).toBe('今天的留言已达 10 条，请明天再留言');
    expect(reporterMessageRefusal({ status: 'closed', finishedOn: '2026-12-01', today: '2026-12-31', reporterMessagesToday: 0 })).toBeNull();
    expect(reporterMessageRefusal({ status: 'closed', finishedOn: '2026-12-01', today: '2027-01-01', reporterMessagesToday: 0 })).toBe('该事项办结已超过 30 天，不能再留言；如有新的问题，请重新反映');
    expect(reporterMessageRefusal({ status: 'forwarded', finishedOn: '2026-10-01', today: '2027-01-01', reporterMessagesToday: 0 })).not.toBeNull();
  });

  it('staff: the handler only, within the same window', () => {
    const f = { ...open, inbox: TEAM, phase: 'fact_finding' as const };
    expect(staffMessageRefusal({ ...f, actor: { kind: 'team', teamId: 't1' } })).toBeNull();
    expect(staffMessageRefusal({ ...f, actor: { kind: 'team', teamId: 't2' } })).toBe('巡察期间由负责该村（社区）的巡察组答复反映人');
    expect(staffMessageRefusal({ ...f, actor: { kind: 'office' } })).toBe('巡察期间由负责该村（社区）的巡察组答复反映人');
    expect(staffMessageRefusal({ ...f, phase: 'rectification', actor: { kind: 'team', teamId: 't1' } })).toBe('该来件现由巡察办处理，由巡察办答复反映人');
    expect(staffMessageRefusal({ ...f, phase: 'rectification', actor: { kind: 'office' } })).toBeNull();
    expect(staffMessageRefusal({ ...f, actor: { kind: 'other' } })).toBe('只有负责处理该来件的巡察组或巡察办可以答复反映人');
    expect(staffMessageRefusal({ ...f, status: 'closed', finishedOn: '2026-10-01', actor: { kind: 'team', teamId: 't1' } })).toContain('超过 30 天');
  });
});

describe('thread', () => {
  const msgs: ThreadMessage[] = [
    { seq: 3, author: 'reporter', body: '合同在村委会。', on: '2026-12-11', at: null, attachments: 1 },
    { seq: 1, author: 'reporter', body: '（原反映）', on: '2026-12-10', at: null, attachments: 0 },
    { seq: 2, author: 'team', body: '请问合同在哪里能看到？', on: '2026-12-11', at: new Date('2026-12-11T02:00:00Z'), attachments: 0 },
  ];

  it('orders by sequence, not by time', () => {
    expect(orderMessages(msgs).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(nextSeq(msgs)).toBe(4);
    expect(nextSeq([])).toBe(1);
  });

  it('shows the reporter sides and dates only', () => {
    expect(publicThread(msgs)).toEqual([
      { author: '反映人', body: '（原反映）', on: '2026-12-10', attachments: 0 },
      { author: '巡察组', body: '请问合同在哪里能看到？', on: '2026-12-11', attachments: 0 },
      { author: '反映人', body: '合同在村委会。', on: '2026-12-11', attachments: 1 },
    ]);
  });

  it('stores no time for the reporter', () => {
    const at = new Date('2026-12-11T17:30:00Z');
    const m = messageInput.parse({ body: '好的' });
    expect(storedMessageFields('reporter', m, at, 4)).toEqual({ seq: 4, author: 'reporter', body: '好的', on: '2026-12-12', at: null });
    expect(storedMessageFields('team', m, at, 5).at).toEqual(at);
  });

  it('knows when the reporter waits for an answer', () => {
    expect(awaitingStaffReply(msgs)).toBe(true);
    expect(awaitingStaffReply(msgs.slice(1))).toBe(false);
    expect(awaitingStaffReply([])).toBe(false);
  });
});
