/**
 * The steps (环节) of a village inspection. 溧阳 makes five mandatory for every village and offers
 * three more; a round may change that, so the set is a per-round configuration with these defaults.
 */
import { z } from 'zod';
import { isoDateField } from '../shared/calendar';

export const INSPECTION_STEPS = {
  meeting: '见面沟通',
  mobilisation: '进驻动员会',
  briefing: '听取汇报',
  individual_talks: '个别谈话',
  symposium: '召开座谈会',
  record_review: '查阅资料',
  petitions: '受理信访',
  feedback: '集中反馈',
} as const;
export type InspectionStep = keyof typeof INSPECTION_STEPS;
/** In the order they usually happen on site. */
export const INSPECTION_STEP_LIST = Object.keys(INSPECTION_STEPS) as InspectionStep[];

export const STEP_REQUIREMENTS = { mandatory: '必经', optional: '可选', disabled: '不适用' } as const;
export type StepRequirement = keyof typeof STEP_REQUIREMENTS;

export type StepConfig = Record<InspectionStep, StepRequirement>;

export const DEFAULT_STEP_CONFIG: Readonly<StepConfig> = Object.freeze({
  meeting: 'mandatory',
  mobilisation: 'optional',
  briefing: 'optional',
  individual_talks: 'mandatory',
  symposium: 'optional',
  record_review: 'mandatory',
  petitions: 'mandatory',
  feedback: 'mandatory',
});

const requirement = z.enum(['mandatory', 'optional', 'disabled'], { message: '请选择必经、可选或不适用' });

/** A round's step configuration; steps left out keep their default. */
export const stepConfigInput = z
  .object(
    Object.fromEntries(INSPECTION_STEP_LIST.map((s) => [s, requirement.default(DEFAULT_STEP_CONFIG[s])])) as Record<
      InspectionStep,
      z.ZodDefault<typeof requirement>
    >,
  )
  .strict()
  .refine((c) => Object.values(c).includes('mandatory'), '至少保留一个必经环节');

export const mandatorySteps = (config: StepConfig): InspectionStep[] =>
  INSPECTION_STEP_LIST.filter((s) => config[s] === 'mandatory');

/** The steps the workspace shows: mandatory and optional, in order. */
export const enabledSteps = (config: StepConfig): InspectionStep[] =>
  INSPECTION_STEP_LIST.filter((s) => config[s] !== 'disabled');

/** Mandatory steps not among those done, in order. */
export function missingMandatorySteps(config: StepConfig, done: Iterable<InspectionStep>): InspectionStep[] {
  const doneSet = new Set(done);
  return mandatorySteps(config).filter((s) => !doneSet.has(s));
}

/** A step marked done on site: when, and a line about it. */
export const stepRecordInput = z.object({
  step: z.enum(INSPECTION_STEP_LIST as [InspectionStep, ...InspectionStep[]], { message: '未知的巡察环节' }),
  date: isoDateField,
  notes: z.string().trim().max(2000).default(''),
});
export type StepRecord = z.output<typeof stepRecordInput>;

/** Why a step may not be recorded in this round, or null. */
export const stepRecordRefusal = (config: StepConfig, step: InspectionStep): string | null =>
  config[step] === 'disabled' ? `本轮巡察不设“${INSPECTION_STEPS[step]}”环节` : null;
