import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { readOnlyReason, refusalReasons } from './workspace-state';

const ws = (o: { canWork: boolean; onSite?: boolean; status?: 'not_started' | 'in_progress' | 'completed' }) => ({
  canWork: o.canWork,
  round: { onSiteWorkAllowed: o.onSite ?? true, phaseName: o.onSite === false ? '报告' : '了解' },
  inspection: { status: o.status ?? 'in_progress' },
}) as Parameters<typeof readOnlyReason>[0];

describe('read-only reason', () => {
  it('is none when the server lets the user work', () => {
    expect(readOnlyReason(ws({ canWork: true, status: 'not_started' }), true)).toBeNull();
  });

  it('names the missing permission before anything else', () => {
    expect(readOnlyReason(ws({ canWork: false, status: 'completed', onSite: false }), false)).toContain('没有开展巡察工作的权限');
  });

  it('names the round phase, then the finished status', () => {
    expect(readOnlyReason(ws({ canWork: false, onSite: false }), true)).toContain('“报告”阶段');
    expect(readOnlyReason(ws({ canWork: false, status: 'completed' }), true)).toContain('重新打开');
  });
});

describe('refusal reasons', () => {
  it('lists every reason of details.reasons', () => {
    const e = new ApiError(409, 'INSPECTION_NOT_COMPLETABLE', '村级巡察尚不满足完成条件（2 项）', { reasons: ['尚未完成必经环节“见面沟通”', '尚未制定监督清单'] });
    expect(refusalReasons(e)).toEqual(['尚未完成必经环节“见面沟通”', '尚未制定监督清单']);
  });

  it('falls back to the message when no reasons are given', () => {
    expect(refusalReasons(new ApiError(409, 'CONFLICT', '该村（社区）巡察已完成'))).toEqual(['该村（社区）巡察已完成']);
    expect(refusalReasons(new Error('x'))).toEqual([]);
  });
});
