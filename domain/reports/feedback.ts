/**
 * Feedback in order (反馈): the team feeds back to the target itself first — the town Party committee for
 * a town target, the village for a village target — and only then to each village of a town target
 * (溧阳: 巡察组向镇级反馈，镇再向村反馈). A village's feedback cannot precede its town's, neither in
 * the record nor by date, and feedback waits for the approved report. Pure: the web shows the same reasons.
 */
export interface FeedbackFacts {
  target: { kind: 'town' | 'village' | string; name: string };
  /** null: feedback to the target itself; otherwise one village of a town target. */
  villageCode: string | null;
  fedBackOn: string;
  reportStatus: 'draft' | 'heard' | 'approved' | null;
  /** The villages the target reaches (a town target's village inspections), code → name. */
  villages: ReadonlyMap<string, string>;
  /** The target-level feedback already recorded, if any. */
  targetFeedbackOn: string | null;
  /** The villages already fed back, code → date. */
  villageFeedbacks: ReadonlyMap<string, string>;
  /** The round's phase check (a message), or null when feedback may be recorded. */
  phaseProblem: string | null;
}

/** Why this feedback cannot be recorded (empty when it can). */
export function feedbackProblems(f: FeedbackFacts): string[] {
  const reasons: string[] = [];
  if (f.phaseProblem) reasons.push(f.phaseProblem);
  if (f.reportStatus !== 'approved') {
    reasons.push(f.reportStatus === null ? `${f.target.name}的巡察报告尚未起草，报告审定后才能反馈` : `${f.target.name}的巡察报告尚未审定，报告审定后才能反馈`);
  }
  if (f.villageCode === null) {
    if (f.targetFeedbackOn !== null) reasons.push(`已登记对${f.target.name}的反馈`);
    const earliest = [...f.villageFeedbacks.values()].sort()[0];
    if (earliest && earliest < f.fedBackOn) reasons.push(`对${f.target.name}的反馈不能晚于已登记的村（社区）反馈（${earliest}）`);
    return reasons;
  }
  if (f.target.kind !== 'town') {
    reasons.push(`${f.target.name}是村（社区）巡察对象，对它本身的反馈即为对该村的反馈，不能再按村登记`);
    return reasons;
  }
  const name = f.villages.get(f.villageCode);
  if (name === undefined) {
    reasons.push(`该村（社区）不在${f.target.name}本轮巡察的范围内`);
    return reasons;
  }
  if (f.villageFeedbacks.has(f.villageCode)) reasons.push(`已登记对${name}的反馈`);
  if (f.targetFeedbackOn === null) reasons.push(`须先向${f.target.name}党委反馈，再向${name}反馈`);
  else if (f.fedBackOn < f.targetFeedbackOn) reasons.push(`对${name}的反馈日期（${f.fedBackOn}）不能早于对${f.target.name}的反馈日期（${f.targetFeedbackOn}）`);
  return reasons;
}

/** The order the web shows the feedback steps in: the target first, then its villages by code. */
export function feedbackSteps(
  target: { kind: string; name: string },
  villages: ReadonlyMap<string, string>,
): { villageCode: string | null; unit: string }[] {
  const steps: { villageCode: string | null; unit: string }[] = [{ villageCode: null, unit: target.name }];
  if (target.kind === 'town') for (const [code, name] of [...villages.entries()].sort(([a], [b]) => a.localeCompare(b))) steps.push({ villageCode: code, unit: name });
  return steps;
}
