import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ON_SITE_POLICY,
  INSPECTION_MODE_DESCRIPTIONS,
  INSPECTION_MODE_LIST,
  INSPECTION_MODES,
  minWorkingDaysFor,
  modeTargetsDepartment,
  onSitePolicyInput,
  parseInspectionMode,
} from './modes';

describe('inspection modes', () => {
  it('are the nine of the issue, each described', () => {
    expect(INSPECTION_MODE_LIST.map((m) => INSPECTION_MODES[m])).toEqual([
      '直接巡', '巡镇带村', '镇村一体巡', '专项巡察', '提级巡察', '交叉巡察', '联动巡察', '巡部门带村', '回头看',
    ]);
    for (const m of INSPECTION_MODE_LIST) expect(INSPECTION_MODE_DESCRIPTIONS[m].length).toBeGreaterThan(4);
  });

  it.each([
    ['直接巡', 'direct'],
    ['延伸巡察', 'town_with_villages'],
    ['巡镇带村', 'town_with_villages'],
    ['乡村一体巡', 'town_village_joint'],
    [' 交叉巡察 ', 'cross'],
    ['回头看', 'revisit'],
    ['revisit', 'revisit'],
    ['随便巡', null],
  ])('parseInspectionMode(%j) = %s', (text, mode) => {
    expect(parseInspectionMode(text)).toBe(mode);
  });

  it('only 巡部门带村 targets a department', () => {
    expect(INSPECTION_MODE_LIST.filter(modeTargetsDepartment)).toEqual(['department_with_villages']);
  });
});

describe('minimum working days on site', () => {
  it('defaults to 10 for key and 3 for ordinary targets', () => {
    expect(onSitePolicyInput.parse({})).toEqual({ key: 10, ordinary: 3 });
    expect(DEFAULT_ON_SITE_POLICY).toEqual({ key: 10, ordinary: 3 });
  });

  it.each([
    [{ importance: 'key' as const }, undefined, 10],
    [{ importance: 'ordinary' as const }, undefined, 3],
    [{ importance: 'ordinary' as const, minWorkingDays: null }, undefined, 3],
    [{ importance: 'ordinary' as const, minWorkingDays: 5 }, undefined, 5],
    [{ importance: 'key' as const }, { key: 15, ordinary: 4 }, 15],
    [{ importance: 'ordinary' as const }, { key: 15, ordinary: 4 }, 4],
  ])('%j with policy %j → %i', (target, policy, days) => {
    expect(minWorkingDaysFor(target, policy)).toBe(days);
  });

  it.each([[{ key: 0 }], [{ ordinary: 2.5 }], [{ key: 121 }]])('refuses policy %j', (p) => {
    expect(onSitePolicyInput.safeParse(p).success).toBe(false);
  });
});
