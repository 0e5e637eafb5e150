import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { WorkRecordView } from '../../../api/inspections';
import { checkRecordForm, recordBody, recordFormValues, rowsForKind, type RecordFormValues } from './record-form';

const day = dayjs('2026-11-20');

describe('record form values', () => {
  it('starts a blank talk with one person row, a blank visit with one household row', () => {
    expect(recordFormValues(null, undefined, day)).toMatchObject({ kind: 'talk', people: [{ roles: [] }], households: [] });
    expect(recordFormValues(null, 'visit', day)).toMatchObject({ kind: 'visit', people: [], households: [{ roles: [] }] });
    expect(recordFormValues(null, 'review', day)).toMatchObject({ kind: 'review', people: [], households: [] });
    expect(recordFormValues(null, 'review', day).date?.format('YYYY-MM-DD')).toBe('2026-11-20');
  });

  it('loads a saved record and turns it back into the same body', () => {
    const saved: WorkRecordView = {
      id: 'r1',
      kind: 'visit',
      kindName: '走访农户',
      date: '2026-11-18',
      place: '三组',
      notes: '反映低保评定不公开',
      people: [{ name: '陈书记', roles: ['village_cadre'], roleNames: ['村（社区）干部'], position: '陪同' }],
      households: [{ head: '李四', address: '三组 12 号', roles: ['subsistence'], roleNames: ['低保户'] }],
      attachments: [{ id: 'a1', fileName: '照片.jpg', mime: 'image/jpeg', size: 10 }],
      createdByName: '张组长',
      createdAt: '2026-11-18T08:00:00.000Z',
    };
    const body = recordBody(recordFormValues(saved, undefined) as RecordFormValues, saved.attachments);
    expect(body).toEqual({
      kind: 'visit',
      date: '2026-11-18',
      place: '三组',
      notes: '反映低保评定不公开',
      attachmentIds: ['a1'],
      people: [{ name: '陈书记', roles: ['village_cadre'], position: '陪同' }],
      households: [{ head: '李四', address: '三组 12 号', roles: ['subsistence'] }],
    });
  });
});

describe('checking the form with the server schema', () => {
  const base = { date: day, place: '', notes: '' };

  it('refuses a talk without anyone talked to, on the people list', () => {
    const r = checkRecordForm({ ...base, kind: 'talk', people: [] }, []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ name: ['people'], errors: ['请填写谈话对象'] }]);
  });

  it('refuses a visit without households and a person without a name, each on its field', () => {
    const r = checkRecordForm({ ...base, kind: 'visit', people: [{ name: '  ', roles: [] }], households: [] }, []);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toContainEqual({ name: ['people', 0, 'name'], errors: ['请填写姓名'] });
      expect(r.problems).toContainEqual({ name: ['households'], errors: ['请填写走访的农户'] });
    }
  });

  it('accepts a talk with an old Party member and trims what the server trims', () => {
    const r = checkRecordForm({ ...base, kind: 'talk', place: ' 村委会 ', people: [{ name: ' 王大爷 ', roles: ['old_party_member', 'subsistence'] }] }, []);
    expect(r).toEqual({
      ok: true,
      body: { kind: 'talk', date: '2026-11-20', place: '村委会', notes: '', attachmentIds: [], people: [{ name: '王大爷', roles: ['old_party_member', 'subsistence'], position: '' }] },
    });
  });

  it('sends households only with a visit', () => {
    const r = checkRecordForm({ ...base, kind: 'review', households: [{ head: '李四' }] }, []);
    expect(r.ok && 'households' in r.body).toBe(false);
  });
});

describe('changing the kind', () => {
  it('drops blank rows of the previous kind and offers the row the new kind needs', () => {
    expect(rowsForKind('visit', [{ roles: [] }], [])).toEqual({ people: [], households: [{ roles: [] }] });
    expect(rowsForKind('talk', [], [{ head: '' }])).toEqual({ people: [{ roles: [] }], households: [] });
  });

  it('keeps rows already filled in', () => {
    expect(rowsForKind('review', [{ name: '王大爷', roles: ['veteran'] }], [{ head: '李四', roles: [] }])).toEqual({
      people: [{ name: '王大爷', roles: ['veteran'] }],
      households: [{ head: '李四', roles: [] }],
    });
  });
});
