import { describe, expect, it } from 'vitest';
import {
  countByKind,
  householdsVisited,
  householdVisitQuota,
  talkCoverage,
  workRecordInput,
  type WorkRecord,
  type WorkRecordInput,
} from './work-records';

const rec = (r: WorkRecordInput): WorkRecord => workRecordInput.parse(r);

describe('workRecordInput', () => {
  it('fills defaults for a record of site survey', () => {
    expect(rec({ kind: 'survey', date: '2025-03-05', place: '村集体鱼塘' })).toEqual({
      kind: 'survey',
      date: '2025-03-05',
      place: '村集体鱼塘',
      notes: '',
      attachmentIds: [],
      people: [],
    });
  });

  it.each([
    [{ kind: 'talk', date: '2025-03-05', people: [] }, '请填写谈话对象'],
    [{ kind: 'visit', date: '2025-03-05', households: [] }, '请填写走访的农户'],
    [{ kind: 'talk', date: '2025-02-29', people: [{ name: '张三' }] }, '日期应为有效的 YYYY-MM-DD 格式'],
    [{ kind: 'talk', date: '2025-03-05', people: [{ name: '张三', roles: ['老乡'] }] }, '未知的人员类别'],
    [{ kind: 'talk', date: '2025-03-05', people: [{ name: ' ' }] }, '请填写姓名'],
    [{ kind: 'visit', date: '2025-03-05', households: [{ head: '' }] }, '请填写户主姓名'],
  ])('refuses %j', (input, message) => {
    const r = workRecordInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('refuses an unknown kind', () => {
    expect(workRecordInput.safeParse({ kind: 'lunch', date: '2025-03-05' }).success).toBe(false);
  });
});

describe('householdVisitQuota: 10% of households, rounded up', () => {
  it.each([
    [245, 25],
    [240, 24],
    [1, 1],
    [0, 0],
    [null, null],
  ])('%s households → %s', (households, quota) => {
    expect(householdVisitQuota(households)).toBe(quota);
  });

  it('the percentage is policy', () => {
    expect(householdVisitQuota(245, { householdPercent: 15 })).toBe(37);
  });
});

describe('householdsVisited', () => {
  it('counts distinct households across records', () => {
    const records = [
      rec({ kind: 'visit', date: '2025-03-05', households: [{ head: '张三', address: '一组' }, { head: '李四', address: '二组' }] }),
      rec({ kind: 'visit', date: '2025-03-06', households: [{ head: '張三', address: '一组' }, { head: '张三', address: '三组' }] }),
      rec({ kind: 'talk', date: '2025-03-06', people: [{ name: '王五' }] }),
    ];
    expect(householdsVisited(records)).toBe(3);
  });
});

describe('talkCoverage of the 三老 and 两低', () => {
  it('counts people reached by talks and visits, each person once per role', () => {
    const records = [
      rec({
        kind: 'talk',
        date: '2025-03-05',
        people: [
          { name: '老赵', roles: ['old_party_member', 'subsistence'] },
          { name: '钱某', roles: ['old_cadre'] },
        ],
      }),
      rec({ kind: 'talk', date: '2025-03-06', people: [{ name: '老赵', roles: ['old_party_member'] }] }),
      rec({ kind: 'visit', date: '2025-03-06', households: [{ head: '孙某', roles: ['low_income'] }] }),
      rec({ kind: 'briefing', date: '2025-03-06', people: [{ name: '周书记', roles: ['veteran'] }] }),
    ];
    const c = talkCoverage(records);
    expect(c.byRole).toMatchObject({ old_party_member: 1, old_cadre: 1, veteran: 0, subsistence: 1, low_income: 1, petitioner: 0 });
    expect(c.sanLao).toEqual({ covered: ['old_party_member', 'old_cadre'], missing: ['veteran'] });
    expect(c.liangDi).toEqual({ covered: ['subsistence', 'low_income'], missing: [] });
  });

  it('with no records nothing is covered', () => {
    const c = talkCoverage([]);
    expect(c.sanLao.missing).toEqual(['old_party_member', 'old_cadre', 'veteran']);
    expect(c.liangDi.missing).toEqual(['subsistence', 'low_income']);
  });
});

describe('countByKind', () => {
  it('counts every kind, zero included', () => {
    const records = [
      rec({ kind: 'fix', date: '2025-03-05' }),
      rec({ kind: 'fix', date: '2025-03-06' }),
      rec({ kind: 'review', date: '2025-03-06' }),
    ];
    expect(countByKind(records)).toEqual({ publicity: 0, briefing: 0, talk: 0, visit: 0, review: 1, survey: 0, fix: 2 });
  });
});
