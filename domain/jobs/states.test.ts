import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cancelDecision,
  countText,
  elapsedText,
  finalState,
  groupDigits,
  isFinished,
  isStale,
  JOB_MESSAGES,
  JOB_STATUS_LIST,
  JOB_STATUSES,
  percentOf,
  progressWriteDue,
  type JobStatus,
} from './states';

describe('job statuses', () => {
  it('has a Chinese label for each', () => {
    expect(JOB_STATUSES).toEqual({ queued: '排队中', running: '运行中', succeeded: '已完成', failed: '失败', cancelled: '已取消' });
  });
  it.each([
    ['queued', false],
    ['running', false],
    ['succeeded', true],
    ['failed', true],
    ['cancelled', true],
  ] as [JobStatus, boolean][])('%s finished: %s', (s, f) => expect(isFinished(s)).toBe(f));
});

describe('cancelDecision: every status × whether a cancel was already asked', () => {
  const table: [JobStatus, boolean, string][] = [
    ['queued', false, 'cancel_now'],
    ['queued', true, 'cancel_now'],
    ['running', false, 'request'],
    ['running', true, 'already_requested'],
    ['succeeded', false, 'refuse'],
    ['succeeded', true, 'refuse'],
    ['failed', false, 'refuse'],
    ['failed', true, 'refuse'],
    ['cancelled', false, 'refuse'],
    ['cancelled', true, 'refuse'],
  ];
  it('covers every status', () => expect(new Set(table.map((r) => r[0]))).toEqual(new Set(JOB_STATUS_LIST)));
  it.each(table)('%s (asked before: %s) → %s', (s, asked, kind) => expect(cancelDecision(s, asked).kind).toBe(kind));
});

describe('finalState: how a run ends', () => {
  it('a handler that returns succeeds, even when a cancel came too late to stop it', () => {
    expect(finalState({ kind: 'returned' })).toEqual({ status: 'succeeded', errorCode: null, errorMessage: null });
  });
  it('a handler that throws after a cancel was asked is cancelled, whatever it threw', () => {
    for (const domainCode of [null, 'JOB_CANCELLED', 'IMPORT_FILE_INVALID']) {
      expect(finalState({ kind: 'threw', cancelRequested: true, domainCode, message: 'x' })).toEqual({ status: 'cancelled', errorCode: null, errorMessage: JOB_MESSAGES.cancelled });
    }
  });
  it('a domain error keeps its code and Chinese message', () => {
    expect(finalState({ kind: 'threw', cancelRequested: false, domainCode: 'IMPORT_FILE_INVALID', message: '第 3 行无法识别' })).toEqual({
      status: 'failed',
      errorCode: 'IMPORT_FILE_INVALID',
      errorMessage: '第 3 行无法识别',
    });
  });
  it('anything else, or a JOB_CANCELLED nobody asked for, is INTERNAL with a generic Chinese message', () => {
    const internal = { status: 'failed', errorCode: 'INTERNAL', errorMessage: '任务运行出错，请稍后重试或联系管理员' };
    expect(finalState({ kind: 'threw', cancelRequested: false, domainCode: null, message: null })).toEqual(internal);
    expect(finalState({ kind: 'threw', cancelRequested: false, domainCode: 'JOB_CANCELLED', message: '任务已取消' })).toEqual(internal);
  });
});

describe('isStale', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  const pg = { staleMs: 60_000, singleProcess: false };
  it('on PostgreSQL only a heartbeat older than the limit (or none) is stale', () => {
    expect(isStale({ status: 'running', heartbeatAt: ago(61) }, now, pg)).toBe(true);
    expect(isStale({ status: 'running', heartbeatAt: ago(60) }, now, pg)).toBe(false);
    expect(isStale({ status: 'running', heartbeatAt: ago(5) }, now, pg)).toBe(false);
    expect(isStale({ status: 'running', heartbeatAt: null }, now, pg)).toBe(true);
  });
  it('in a single process every running job found at start is stale', () => {
    expect(isStale({ status: 'running', heartbeatAt: ago(1) }, now, { staleMs: 60_000, singleProcess: true })).toBe(true);
  });
  it('only running jobs can be stale', () => {
    for (const s of JOB_STATUS_LIST.filter((x) => x !== 'running')) {
      expect(isStale({ status: s, heartbeatAt: ago(3600) }, now, { staleMs: 60_000, singleProcess: true })).toBe(false);
    }
  });
});

describe('progressWriteDue: at most one write per interval, the first at once', () => {
  it.each([
    [null, 0, true],
    [1000, 1499, false],
    [1000, 1500, true],
    [1000, 9000, true],
  ])('last %s, now %i → %s', (last, now, due) => expect(progressWriteDue(last, now, 500)).toBe(due));
  it('never writes more than twice a second over any sequence of calls', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 300 }), (gaps) => {
        let t = 0;
        let last: number | null = null;
        const writes: number[] = [];
        for (const g of gaps) {
          t += g;
          if (progressWriteDue(last, t, 500)) {
            writes.push(t);
            last = t;
          }
        }
        for (let i = 1; i < writes.length; i++) expect(writes[i]! - writes[i - 1]!).toBeGreaterThanOrEqual(500);
      }),
    );
  });
});

describe('progress text and bar', () => {
  it('groups digits in threes', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(120000)).toBe('120,000');
    expect(groupDigits(1000000)).toBe('1,000,000');
    expect(groupDigits(-1234.5)).toBe('-1,234.5');
  });
  it('writes the Chinese line with or without a total', () => {
    expect(countText('已读取', 120000, 1000000, '行')).toBe('已读取 120,000 / 1,000,000 行');
    expect(countText('已读取', 120000, null, '行')).toBe('已读取 120,000 行');
  });
  it('shows a percent only with a total, and 100 only once succeeded', () => {
    expect(percentOf(5, null, 'running')).toBeNull();
    expect(percentOf(5, 0, 'running')).toBeNull();
    expect(percentOf(120000, 1000000, 'running')).toBe(12);
    expect(percentOf(1000, 1000, 'running')).toBe(99);
    expect(percentOf(2000, 1000, 'running')).toBe(99);
    expect(percentOf(0, null, 'succeeded')).toBe(100);
    expect(percentOf(500, 1000, 'failed')).toBe(50);
  });
  it('writes elapsed time in Chinese', () => {
    expect(elapsedText(0)).toBe('0 秒');
    expect(elapsedText(59_999)).toBe('59 秒');
    expect(elapsedText(125_000)).toBe('2 分 5 秒');
    expect(elapsedText(3_723_000)).toBe('1 小时 2 分 3 秒');
    expect(elapsedText(-5)).toBe('0 秒');
  });
});
