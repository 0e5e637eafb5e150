import { describe, expect, it } from 'vitest';
import { copyRoundRequestInput, personInput, roundCreateInput, roundLabel, targetCreateInput, targetUpdateInput } from './requests';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('planning requests', () => {
  it('names rounds as people do', () => {
    expect(roundLabel({ year: 2026, number: 2 })).toBe('2026年第2轮');
  });

  it('fills a round with the default on-site policy and steps, and refuses dates in the wrong order', () => {
    const r = roundCreateInput.parse({ number: 1, year: 2026, startDate: '2026-03-02', endDate: '2026-04-30' });
    expect(r.onSitePolicy).toEqual({ key: 10, ordinary: 3 });
    expect(r.steps.feedback).toBe('mandatory');
    expect(r.termPlanId).toBeNull();
    expect(messages(roundCreateInput.safeParse({ number: 1, year: 2026, startDate: '2026-04-30', endDate: '2026-03-02' }))).toEqual(['结束日期不能早于开始日期']);
    expect(messages(copyRoundRequestInput.safeParse({ number: 2, year: 2026, startDate: '2026-04-30', endDate: '2026-03-02' }))).toEqual(['结束日期不能早于开始日期']);
  });

  it.each([
    [{ kind: 'village', code: '320481101200', mode: 'direct' }, []],
    [{ kind: 'village', code: '320481101', mode: 'direct' }, ['村（社区）代码应为 12 位数字']],
    [{ kind: 'village', code: '320481101200', mode: 'direct', villageCodes: ['320481101201'] }, ['村（社区）巡察对象不再延伸到其他村']],
    [{ kind: 'town', code: '320481101', mode: 'town_with_villages', villageCodes: ['320481101200', '320481101200'] }, ['同一村（社区）重复选择']],
    [{ kind: 'town', code: '320481101', mode: 'department_with_villages' }, ['巡部门带村只适用于职能部门，职能部门只能巡部门带村']],
    [{ kind: 'department', code: '5d0e1c52-8a4b-4f0e-9a51-0c1d2e3f4a5b', mode: 'department_with_villages' }, ['请选择该部门延伸巡察的村（社区）']],
    [{ kind: 'department', code: 'civil-affairs', mode: 'department_with_villages', villageCodes: ['320481101200'] }, ['请选择职能部门']],
    [{ kind: 'village', code: '320481101200', mode: 'direct', minWorkingDays: 0 }, ['至少 1 个工作日']],
  ])('target %j → %j', (input, expected) => {
    expect(messages(targetCreateInput.safeParse(input))).toEqual(expected);
  });

  it('keeps the team assignment when an update does not mention it, clears it with null', () => {
    expect(targetUpdateInput.parse({ mode: 'direct' }).teamId).toBeUndefined();
    expect(targetUpdateInput.parse({ mode: 'direct', teamId: null }).teamId).toBeNull();
  });

  it('checks a person’s ID numbers and town codes', () => {
    expect(personInput.parse({ name: '周正', idNumber: '' }).idNumber).toBeNull();
    expect(personInput.safeParse({ name: '周正', idNumber: '320481198001010010' }).success).toBe(false);
    expect(messages(personInput.safeParse({ name: '周正', homeTownCode: '3204811' }))).toEqual(['乡镇（街道）代码应为 9 位数字']);
    expect(personInput.parse({ name: '周正', relatives: [{ name: '周母', relation: '母亲' }] }).relatives[0]).toEqual({ name: '周母', idNumber: null, relation: '母亲' });
  });
});
