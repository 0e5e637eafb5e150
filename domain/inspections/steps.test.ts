import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STEP_CONFIG,
  enabledSteps,
  INSPECTION_STEPS,
  mandatorySteps,
  missingMandatorySteps,
  stepConfigInput,
  stepRecordInput,
  stepRecordRefusal,
} from './steps';

const labels = (steps: (keyof typeof INSPECTION_STEPS)[]) => steps.map((s) => INSPECTION_STEPS[s]);

describe('default steps (溧阳)', () => {
  it('five are mandatory', () => {
    expect(labels(mandatorySteps(DEFAULT_STEP_CONFIG))).toEqual(['见面沟通', '个别谈话', '查阅资料', '受理信访', '集中反馈']);
  });

  it('three more are optional and shown', () => {
    const optional = enabledSteps(DEFAULT_STEP_CONFIG).filter((s) => DEFAULT_STEP_CONFIG[s] === 'optional');
    expect(labels(optional)).toEqual(['进驻动员会', '听取汇报', '召开座谈会']);
    expect(enabledSteps(DEFAULT_STEP_CONFIG)).toHaveLength(8);
  });
});

describe('stepConfigInput: per-round configuration', () => {
  it('an empty config is the default', () => {
    expect(stepConfigInput.parse({})).toEqual(DEFAULT_STEP_CONFIG);
  });

  it('a round can make an optional step mandatory and switch one off', () => {
    const c = stepConfigInput.parse({ symposium: 'mandatory', mobilisation: 'disabled' });
    expect(labels(mandatorySteps(c))).toEqual(['见面沟通', '个别谈话', '召开座谈会', '查阅资料', '受理信访', '集中反馈']);
    expect(labels(enabledSteps(c))).not.toContain('进驻动员会');
    expect(stepRecordRefusal(c, 'mobilisation')).toBe('本轮巡察不设“进驻动员会”环节');
    expect(stepRecordRefusal(c, 'symposium')).toBeNull();
  });

  it.each([
    [{ unknown_step: 'mandatory' }],
    [{ meeting: 'sometimes' }],
    [
      {
        meeting: 'optional',
        individual_talks: 'optional',
        record_review: 'optional',
        petitions: 'optional',
        feedback: 'disabled',
      },
    ],
  ])('refuses %j', (input) => {
    expect(stepConfigInput.safeParse(input).success).toBe(false);
  });

  it('says why a config without any mandatory step is refused', () => {
    const all = Object.fromEntries(Object.keys(INSPECTION_STEPS).map((s) => [s, 'optional']));
    expect(stepConfigInput.safeParse(all).error?.issues[0]?.message).toBe('至少保留一个必经环节');
  });
});

describe('missingMandatorySteps', () => {
  it.each([
    [[], ['见面沟通', '个别谈话', '查阅资料', '受理信访', '集中反馈']],
    [['meeting', 'feedback', 'briefing'], ['个别谈话', '查阅资料', '受理信访']],
    [['meeting', 'individual_talks', 'record_review', 'petitions', 'feedback'], []],
  ] as const)('done %j → missing %j', (done, missing) => {
    expect(labels(missingMandatorySteps(DEFAULT_STEP_CONFIG, done))).toEqual(missing);
  });
});

describe('stepRecordInput', () => {
  it('takes a real date and a known step', () => {
    expect(stepRecordInput.parse({ step: 'meeting', date: '2025-03-03' })).toEqual({ step: 'meeting', date: '2025-03-03', notes: '' });
    expect(stepRecordInput.safeParse({ step: 'meeting', date: '2025-02-30' }).success).toBe(false);
    expect(stepRecordInput.safeParse({ step: 'lunch', date: '2025-03-03' }).success).toBe(false);
  });
});
