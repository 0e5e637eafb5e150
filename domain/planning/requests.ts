/**
 * What the office sends to plan: rounds, targets, people, teams, phase moves and milestones. Shared by
 * the server (validation at the edge) and the web forms, so both refuse the same input with the same
 * Chinese message.
 */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';
import { optionalIdNumberField } from '../shared/zod-identifiers';
import { roundCompletionPolicyInput } from '../inspections/completion';
import { stepConfigInput } from '../inspections/steps';
import { INSPECTION_MODE_LIST, onSitePolicyInput, workingDaysField, type InspectionMode } from './modes';
import { ROUND_PHASE_LIST, type RoundPhase } from './round';
import { authorisationInput } from './round-description';

export const countyCodeField = z.string().regex(/^\d{6}$/, '区县代码应为 6 位数字');
export const townCodeField = z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字');
export const villageCodeField = z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字');

const roundNumber = z.number().int('应为整数').min(1, '轮次编号从 1 开始').max(999);
const roundYear = z.number().int('应为整数').min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年');

const datesInOrder = (r: { startDate: string; endDate: string }, ctx: z.RefinementCtx) => {
  if (r.endDate < r.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
};

/** A new round; `countyCode` is needed only when the office's scope covers more than one county. */
export const roundCreateInput = z
  .object({
    countyCode: countyCodeField.optional(),
    termPlanId: z.string().uuid().nullable().default(null),
    number: roundNumber,
    year: roundYear,
    theme: z.string().trim().max(200).default(''),
    startDate: isoDateField,
    endDate: isoDateField,
    onSitePolicy: onSitePolicyInput.prefault({}),
    steps: stepConfigInput.prefault({}),
    completionPolicy: roundCompletionPolicyInput.prefault({}),
  })
  .superRefine(datesInOrder);
export type RoundCreateInput = z.input<typeof roundCreateInput>;

/** The round's own fields; number, year, dates, policy and steps only while it is in 准备. */
export const roundUpdateInput = z
  .object({
    termPlanId: z.string().uuid().nullable().default(null),
    number: roundNumber,
    year: roundYear,
    theme: z.string().trim().max(200).default(''),
    startDate: isoDateField,
    endDate: isoDateField,
    onSitePolicy: onSitePolicyInput.prefault({}),
    steps: stepConfigInput.prefault({}),
    completionPolicy: roundCompletionPolicyInput.prefault({}),
  })
  .superRefine(datesInOrder);
export type RoundUpdateInput = z.input<typeof roundUpdateInput>;

const mode = z.enum(INSPECTION_MODE_LIST as [InspectionMode, ...InspectionMode[]], { message: '请选择巡察方式' });
const importance = z.enum(['key', 'ordinary'], { message: '请选择重点或一般' });

function targetRules(t: { kind?: string; mode: InspectionMode; villageCodes: string[] }, ctx: z.RefinementCtx) {
  if (t.kind !== undefined && (t.kind === 'department') !== (t.mode === 'department_with_villages'))
    ctx.addIssue({ code: 'custom', path: ['mode'], message: '巡部门带村只适用于职能部门，职能部门只能巡部门带村' });
  if (t.kind === 'department' && t.villageCodes.length === 0)
    ctx.addIssue({ code: 'custom', path: ['villageCodes'], message: '请选择该部门延伸巡察的村（社区）' });
  if (t.kind === 'village' && t.villageCodes.length > 0)
    ctx.addIssue({ code: 'custom', path: ['villageCodes'], message: '村（社区）巡察对象不再延伸到其他村' });
  if (new Set(t.villageCodes).size !== t.villageCodes.length)
    ctx.addIssue({ code: 'custom', path: ['villageCodes'], message: '同一村（社区）重复选择' });
}

/**
 * A target of a round. `code`: the village's 12 digits, the town's 9, or the department's organisation
 * id. `villageCodes`: the villages reached (of the town, or of the department's policy).
 */
export const targetCreateInput = z
  .object({
    kind: z.enum(['village', 'town', 'department'], { message: '请选择巡察对象类型' }),
    code: z.string().trim().min(1, '请选择巡察对象').max(64),
    mode,
    importance: importance.default('ordinary'),
    minWorkingDays: workingDaysField.nullable().default(null),
    villageCodes: z.array(villageCodeField).max(500).default([]),
    teamId: z.string().uuid().nullable().default(null),
  })
  .superRefine((t, ctx) => {
    targetRules(t, ctx);
    if (t.kind === 'village' && !/^\d{12}$/.test(t.code))
      ctx.addIssue({ code: 'custom', path: ['code'], message: '村（社区）代码应为 12 位数字' });
    if (t.kind === 'town' && !/^\d{9}$/.test(t.code))
      ctx.addIssue({ code: 'custom', path: ['code'], message: '乡镇（街道）代码应为 9 位数字' });
    if (t.kind === 'department' && !z.string().uuid().safeParse(t.code).success)
      ctx.addIssue({ code: 'custom', path: ['code'], message: '请选择职能部门' });
  });
export type TargetCreateInput = z.input<typeof targetCreateInput>;

/** Kind and code stay (another object is another target); `teamId` absent keeps the assignment. */
export const targetUpdateInput = z.object({
  mode,
  importance: importance.default('ordinary'),
  minWorkingDays: workingDaysField.nullable().default(null),
  villageCodes: z.array(villageCodeField).max(500).default([]),
  teamId: z.string().uuid().nullable().optional(),
});
export type TargetUpdateInput = z.input<typeof targetUpdateInput>;

export const teamAssignInput = z.object({ teamId: z.string().uuid().nullable() });

export const phaseMoveInput = z.object({
  to: z.enum(ROUND_PHASE_LIST as [RoundPhase, ...RoundPhase[]], { message: '请选择阶段' }),
  reason: z.string().trim().max(500, '原因不超过 500 字').optional(),
});
export type PhaseMoveInput = z.input<typeof phaseMoveInput>;

export const milestonesInput = z.object({
  /** the leading group heard the report and the secretary's special meeting decided on it */
  reportApprovedOn: isoDateField.nullable().default(null),
  reportNote: z.string().trim().max(1000, '说明不超过 1000 字').default(''),
  /** the effect evaluation (整改成效评估) is done */
  evaluationDoneOn: isoDateField.nullable().default(null),
});
export type MilestonesInput = z.input<typeof milestonesInput>;

export const feedbackInput = z.object({ feedbackOn: isoDateField.nullable() });

export const personRelativeInput = z.object({
  name: z.string().trim().min(1, '请填写亲属姓名').max(40),
  idNumber: optionalIdNumberField,
  relation: z.string().trim().min(1, '请填写与本人关系').max(20),
});

export const personInput = z.object({
  countyCode: countyCodeField.optional(),
  name: z.string().trim().min(1, '请填写姓名').max(40),
  gender: z.enum(['男', '女']).nullable().default(null),
  idNumber: optionalIdNumberField,
  unit: z.string().trim().max(100).default(''),
  position: z.string().trim().max(60).default(''),
  expertise: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  homeTownCode: townCodeField.nullable().default(null),
  workTownCode: townCodeField.nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
  notes: z.string().max(2000).default(''),
  relatives: z.array(personRelativeInput).max(50).default([]),
});
export type PersonInput = z.input<typeof personInput>;

/** Expertise categories offered in the picker (都江堰's think tank draws on these); free entry allowed. */
export const EXPERTISE_SUGGESTIONS = ['组织', '党务', '农经', '财务', '审计', '法律', '纪检监察', '信访', '工程建设', '民政', '自然资源'] as const;

export const teamRequestInput = z.object({
  name: z.string().trim().min(1, '请填写巡察组名称').max(40),
  /** the organisation (kind 巡察组) whose users work as this team */
  orgId: z.string().uuid().nullable().default(null),
  leaderAuthorisation: authorisationInput.nullable().default(null),
  sort: z.number().int().min(0).max(999).default(0),
});
export type TeamRequestInput = z.input<typeof teamRequestInput>;

export const teamMemberRequestInput = z.object({
  personId: z.string().uuid('请选择人员'),
  role: z.enum(['leader', 'deputy', 'member'], { message: '请选择组内职务' }),
});
export type TeamMemberRequestInput = z.input<typeof teamMemberRequestInput>;

export const copyRoundRequestInput = z
  .object({
    number: roundNumber,
    year: roundYear,
    theme: z.string().trim().max(200).optional(),
    startDate: isoDateField,
    endDate: isoDateField,
    keepTeams: z.boolean().default(true),
    asRevisit: z.boolean().default(false),
  })
  .superRefine(datesInOrder);
export type CopyRoundRequest = z.input<typeof copyRoundRequestInput>;

/** "2026年第2轮": how people name a round. */
export const roundLabel = (r: { year: number; number: number }): string => `${r.year}年第${r.number}轮`;
