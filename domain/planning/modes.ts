/**
 * How a round reaches a target (巡察方式), how important the target is, and the minimum working days on
 * site that follow from it. The days are policy (都江堰: 重点村 ≥10, 一般村 ≥3), kept as data the office edits.
 */
import { z } from 'zod';

export const INSPECTION_MODES = {
  direct: '直接巡',
  town_with_villages: '巡镇带村',
  town_village_joint: '镇村一体巡',
  special: '专项巡察',
  elevated: '提级巡察',
  cross: '交叉巡察',
  joint: '联动巡察',
  department_with_villages: '巡部门带村',
  revisit: '回头看',
} as const;
export type InspectionMode = keyof typeof INSPECTION_MODES;
export const INSPECTION_MODE_LIST = Object.keys(INSPECTION_MODES) as InspectionMode[];

/** One line each for the picker's tooltip (DOMAIN.md 全覆盖规划). */
export const INSPECTION_MODE_DESCRIPTIONS: Record<InspectionMode, string> = {
  direct: '巡察组直接进驻村（社区）开展巡察',
  town_with_villages: '巡察乡镇（街道）时延伸巡察其所辖村（社区），又称延伸巡察',
  town_village_joint: '乡镇（街道）和所辖村（社区）一并巡察，又称乡村一体巡',
  special: '围绕一个主题开展专项巡察',
  elevated: '由上级巡察机构直接巡察通常由县级巡察的村（社区）',
  cross: '巡察组交换片区巡察，避开熟人社会',
  joint: '市、县两级联合开展巡察',
  department_with_villages: '巡察职能部门并延伸到其政策落实所涉及的村（社区）',
  revisit: '对整改情况进行再巡察',
};

/** Other names seen in documents and spreadsheets, for imports and search. */
const MODE_ALIASES: Record<string, InspectionMode> = {
  延伸巡察: 'town_with_villages',
  延伸巡: 'town_with_villages',
  乡村一体巡: 'town_village_joint',
  镇村一体巡察: 'town_village_joint',
  乡村一体巡察: 'town_village_joint',
  直接巡察: 'direct',
  专项巡: 'special',
  提级巡: 'elevated',
  交叉巡: 'cross',
  联动巡: 'joint',
  上下联动: 'joint',
  巡部门带村巡察: 'department_with_villages',
  回头看巡察: 'revisit',
};

/** The mode a label or alias names, or null. */
export function parseInspectionMode(text: string): InspectionMode | null {
  const t = text.replace(/\s+/g, '');
  const hit = INSPECTION_MODE_LIST.find((m) => INSPECTION_MODES[m] === t || m === t);
  return hit ?? MODE_ALIASES[t] ?? null;
}

/** Modes whose target is a department reaching villages, not a division. */
export const modeTargetsDepartment = (mode: InspectionMode): boolean => mode === 'department_with_villages';

export const TARGET_IMPORTANCE = { key: '重点', ordinary: '一般' } as const;
export type TargetImportance = keyof typeof TARGET_IMPORTANCE;

/** A number of working days on site, as the office may set it. */
export const workingDaysField = z
  .number()
  .int('应为整数')
  .min(1, '至少 1 个工作日')
  .max(120, '不超过 120 个工作日');

/** Minimum working days on site by importance. */
export const onSitePolicyInput = z.object({
  key: workingDaysField.default(10),
  ordinary: workingDaysField.default(3),
});
export type OnSitePolicy = z.output<typeof onSitePolicyInput>;

export const DEFAULT_ON_SITE_POLICY: OnSitePolicy = Object.freeze({ key: 10, ordinary: 3 });

/**
 * The minimum working days on site for a target: its own figure when the office set one, else the
 * policy's default for its importance.
 */
export function minWorkingDaysFor(
  target: { importance: TargetImportance; minWorkingDays?: number | null },
  policy: OnSitePolicy = DEFAULT_ON_SITE_POLICY,
): number {
  return target.minWorkingDays ?? policy[target.importance];
}
