import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { checkFindingForm, findingBody, findingFormValues, TOWN_PREFIX } from './finding-form';

const filled = {
  inspectionId: '00000000-0000-4000-8000-000000000001',
  category: 'party_building' as const,
  title: '三会一课不规范',
  description: '2025年党员大会记录缺失 2 次',
  amount: '',
  source: 'record_review' as const,
  foundOn: dayjs('2026-11-10'),
  responsible: [{ cadreId: '00000000-0000-4000-8000-000000000002' }, { name: '张三', position: '委员' }],
};

describe('working-paper form', () => {
  it('turns the form into the API body: empty amount is none, 立行立改 fields dropped when not flagged', () => {
    const b = findingBody({ ...filled, immediateNoticeNo: '不保留', immediateFixedOn: dayjs('2026-11-11') });
    expect(b).toMatchObject({ amount: null, foundOn: '2026-11-10', immediate: false, immediateNoticeNo: null, immediateFixedOn: null });
    expect(b.responsible).toEqual([
      { cadreId: '00000000-0000-4000-8000-000000000002', name: '', position: '' },
      { cadreId: null, name: '张三', position: '委员' },
    ]);
    expect(checkFindingForm(b, '2026-11-22')).toEqual([]);
  });

  it('shows the server’s reasons on the fields', () => {
    const b = findingBody({ ...filled, amount: '-3', title: '' });
    expect(checkFindingForm(b, '2026-11-22')).toEqual([
      { name: ['title'], errors: ['请填写问题名称'] },
      { name: ['amount'], errors: ['涉及金额不能为负数'] },
    ]);
    const imm = findingBody({ ...filled, immediate: true, immediateFix: '已整改', immediateFixedOn: dayjs('2026-11-23') });
    expect(checkFindingForm(imm, '2026-11-22')).toEqual([
      { name: ['immediateNoticeNo'], errors: ['立行立改事项须填写立行立改通知书文号'] },
      { name: ['immediateFixedOn'], errors: ['整改完成日期（2026-11-23）不能晚于今天'] },
    ]);
  });

  it('a town target picked from the list is sent as a town-level problem: no inspection, no checklist item', () => {
    const b = findingBody({ ...filled, inspectionId: `${TOWN_PREFIX}00000000-0000-4000-8000-000000000009`, checklistItemId: '00000000-0000-4000-8000-000000000003' });
    expect(b).toMatchObject({ inspectionId: null, targetId: '00000000-0000-4000-8000-000000000009', checklistItemId: null });
    expect(checkFindingForm(b, '2026-11-22')).toEqual([]);
    expect(findingBody(filled)).not.toHaveProperty('targetId');
  });

  it('a paper opened on a village is sent for that village (the form has no picker then)', () => {
    const { inspectionId: _picked, ...noPicker } = filled;
    expect(findingBody(noPicker, 'fixed-inspection').inspectionId).toBe('fixed-inspection');
    expect(findingBody(filled).inspectionId).toBe(filled.inspectionId);
  });

  it('a new paper starts on the village and checklist item it was opened from', () => {
    const v = findingFormValues(null, { inspectionId: 'i', checklistItemId: 'c' });
    expect(v).toMatchObject({ inspectionId: 'i', checklistItemId: 'c', immediate: false, responsible: [] });
  });
});
