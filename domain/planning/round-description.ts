/**
 * A round (轮次) as the office describes it: number, theme, dates, phase, the teams with their
 * authorised leaders, and the targets — towns, villages, or departments with the villages their policy
 * reaches — each with its mode, importance and minimum working days on site.
 */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';
import { INSPECTION_STATUS_LIST, type InspectionStatus } from '../inspections/completion';
import { stepConfigInput } from '../inspections/steps';
import { INSPECTION_MODE_LIST, onSitePolicyInput, workingDaysField, type InspectionMode } from './modes';
import { ROUND_PHASE_LIST, type RoundPhase } from './round';

export const TEAM_ROLES = { leader: '组长', deputy: '副组长', member: '组员' } as const;
export type TeamRole = keyof typeof TEAM_ROLES;

/** 一次一授权: the leader is authorised for this round only, by a document with a number. */
export const authorisationInput = z.object({
  documentNumber: z.string().trim().min(1, '请填写授权文号').max(60),
  date: isoDateField,
});

export const teamMemberInput = z.object({
  personId: z.string().min(1).max(64),
  name: z.string().trim().min(1, '请填写姓名').max(40),
  role: z.enum(['leader', 'deputy', 'member'], { message: '请选择组内职务' }),
  /** the member filed his 回避 declaration for this round */
  avoidanceDeclared: z.boolean().default(false),
});

export const teamInput = z
  .object({
    key: z.string().trim().min(1).max(40),
    name: z.string().trim().min(1, '请填写巡察组名称').max(40),
    leaderAuthorisation: authorisationInput.nullable().default(null),
    members: z.array(teamMemberInput).max(60).default([]),
  })
  .superRefine((t, ctx) => {
    if (t.members.filter((m) => m.role === 'leader').length > 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: '一个巡察组只能有一名组长' });
    if (new Set(t.members.map((m) => m.personId)).size !== t.members.length)
      ctx.addIssue({ code: 'custom', path: ['members'], message: '同一人不能重复编入本组' });
  });

const villageRef = z.object({
  code: z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字'),
  name: z.string().trim().min(1).max(60),
});

const mode = z.enum(INSPECTION_MODE_LIST as [InspectionMode, ...InspectionMode[]], { message: '请选择巡察方式' });
const status = z.enum(INSPECTION_STATUS_LIST as [InspectionStatus, ...InspectionStatus[]]);

export const roundTargetInput = z
  .object({
    kind: z.enum(['village', 'town', 'department'], { message: '请选择巡察对象类型' }),
    /** division code for a village (12 digits) or town (9); the organisation's id for a department */
    code: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1, '请填写巡察对象名称').max(60),
    /** villages reached: of a town in 巡镇带村 / 镇村一体巡, of a department in 巡部门带村 */
    villages: z.array(villageRef).max(500).default([]),
    mode,
    importance: z.enum(['key', 'ordinary']).default('ordinary'),
    /** null: the round's policy for the importance */
    minWorkingDays: workingDaysField.nullable().default(null),
    teamKey: z.string().nullable().default(null),
    status: status.default('not_started'),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'village' && !/^\d{12}$/.test(t.code))
      ctx.addIssue({ code: 'custom', path: ['code'], message: '村（社区）代码应为 12 位数字' });
    if (t.kind === 'town' && !/^\d{9}$/.test(t.code))
      ctx.addIssue({ code: 'custom', path: ['code'], message: '乡镇（街道）代码应为 9 位数字' });
    if ((t.kind === 'department') !== (t.mode === 'department_with_villages'))
      ctx.addIssue({ code: 'custom', path: ['mode'], message: '巡部门带村只适用于职能部门，职能部门只能巡部门带村' });
    if (t.kind === 'department' && t.villages.length === 0)
      ctx.addIssue({ code: 'custom', path: ['villages'], message: '请选择该部门延伸巡察的村（社区）' });
    if (t.kind === 'village' && t.villages.length > 0)
      ctx.addIssue({ code: 'custom', path: ['villages'], message: '村（社区）巡察对象不再延伸到其他村' });
    if (t.kind === 'town') {
      const stray = t.villages.filter((v) => !v.code.startsWith(t.code));
      if (stray.length > 0)
        ctx.addIssue({ code: 'custom', path: ['villages'], message: `不属于该乡镇（街道）的村（社区）：${stray.map((v) => v.name).join('、')}` });
    }
  });
export type RoundTarget = z.output<typeof roundTargetInput>;

export const roundDescription = z
  .object({
    number: z.number().int('应为整数').min(1, '轮次编号从 1 开始').max(999),
    year: z.number().int('应为整数').min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年'),
    theme: z.string().trim().max(200).default(''),
    startDate: isoDateField,
    endDate: isoDateField,
    phase: z.enum(ROUND_PHASE_LIST as [RoundPhase, ...RoundPhase[]]).default('preparation'),
    onSitePolicy: onSitePolicyInput.prefault({}),
    steps: stepConfigInput.prefault({}),
    teams: z.array(teamInput).max(50).default([]),
    targets: z.array(roundTargetInput).max(2000).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.endDate < r.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
    const keys = new Set(r.teams.map((t) => t.key));
    if (keys.size !== r.teams.length) ctx.addIssue({ code: 'custom', path: ['teams'], message: '巡察组标识重复' });
    const seen = new Set<string>();
    r.targets.forEach((t, i) => {
      const id = `${t.kind}:${t.code}`;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['targets', i], message: `巡察对象重复：${t.name}` });
      seen.add(id);
      if (t.teamKey !== null && !keys.has(t.teamKey))
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'teamKey'], message: `${t.name}分配的巡察组不存在` });
    });
  });
export type RoundDescriptionInput = z.input<typeof roundDescription>;
export type RoundDescription = z.output<typeof roundDescription>;
