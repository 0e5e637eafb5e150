import { describe, expect, it } from 'vitest';
import { roundDescription, roundTargetInput, teamInput } from './round-description';

const village = { kind: 'village', code: '320481102001', name: '东风村', mode: 'direct' } as const;

describe('roundTargetInput', () => {
  it('fills defaults: ordinary, the policy’s days, no team, 未开始', () => {
    expect(roundTargetInput.parse(village)).toEqual({
      ...village,
      villages: [],
      importance: 'ordinary',
      minWorkingDays: null,
      teamKey: null,
      status: 'not_started',
    });
  });

  it.each([
    [{ ...village, code: '320481102' }, '村（社区）代码应为 12 位数字'],
    [{ ...village, kind: 'town' }, '乡镇（街道）代码应为 9 位数字'],
    [{ ...village, mode: 'department_with_villages' }, '巡部门带村只适用于职能部门，职能部门只能巡部门带村'],
    [{ kind: 'department', code: 'org-1', name: '县农业农村局', mode: 'direct', villages: [{ code: '320481102001', name: '东风村' }] }, '巡部门带村只适用于职能部门，职能部门只能巡部门带村'],
    [{ kind: 'department', code: 'org-1', name: '县农业农村局', mode: 'department_with_villages' }, '请选择该部门延伸巡察的村（社区）'],
    [{ ...village, villages: [{ code: '320481102002', name: '红旗村' }] }, '村（社区）巡察对象不再延伸到其他村'],
    [
      { kind: 'town', code: '320481102', name: '社渚镇', mode: 'town_with_villages', villages: [{ code: '320481103001', name: '别镇村' }] },
      '不属于该乡镇（街道）的村（社区）：别镇村',
    ],
    [{ ...village, mode: 'fly' }, '请选择巡察方式'],
    [{ ...village, minWorkingDays: 0 }, '至少 1 个工作日'],
  ])('refuses %j', (input, message) => {
    const r = roundTargetInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });
});

describe('teamInput', () => {
  it.each([
    [[{ personId: 'a', name: '甲', role: 'leader' }, { personId: 'b', name: '乙', role: 'leader' }], '一个巡察组只能有一名组长'],
    [[{ personId: 'a', name: '甲', role: 'leader' }, { personId: 'a', name: '甲', role: 'member' }], '同一人不能重复编入本组'],
  ])('refuses %j', (members, message) => {
    expect(teamInput.safeParse({ key: 't', name: '第一组', members }).error?.issues[0]?.message).toBe(message);
  });

  it('an authorisation needs its document number', () => {
    const r = teamInput.safeParse({ key: 't', name: '第一组', leaderAuthorisation: { documentNumber: ' ', date: '2025-02-20' } });
    expect(r.error?.issues[0]?.message).toBe('请填写授权文号');
  });
});

describe('roundDescription', () => {
  const base = { number: 1, year: 2025, startDate: '2025-03-03', endDate: '2025-05-30' };

  it('a new round starts in 准备 with default policy and steps', () => {
    const r = roundDescription.parse(base);
    expect(r).toMatchObject({ phase: 'preparation', onSitePolicy: { key: 10, ordinary: 3 }, teams: [], targets: [] });
    expect(r.steps.feedback).toBe('mandatory');
  });

  it.each([
    [{ ...base, endDate: '2025-03-02' }, '结束日期不能早于开始日期'],
    [{ ...base, targets: [village, village] }, '巡察对象重复：东风村'],
    [{ ...base, targets: [{ ...village, teamKey: 'nope' }] }, '东风村分配的巡察组不存在'],
    [{ ...base, teams: [{ key: 't', name: '一组' }, { key: 't', name: '二组' }] }, '巡察组标识重复'],
  ])('refuses %#', (input, message) => {
    expect(roundDescription.safeParse(input).error?.issues.map((i) => i.message)).toContain(message);
  });
});
