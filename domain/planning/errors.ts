/**
 * Refusal codes of the planning area, to be added to ERROR_CODES in domain/shared/errors.ts (this
 * area may not edit it). The service throws DomainError with the code and the reasons from the guards
 * in `details`, so the web shows the headline and every reason.
 */
export const PLANNING_ERROR_CODES = {
  ROUND_PHASE_TRANSITION_NOT_ALLOWED: '轮次不能转入该阶段',
  ROUND_PHASE_CONDITIONS_UNMET: '轮次尚不满足进入该阶段的条件',
  AVOIDANCE_CONFLICT: '存在应当回避的情形，不能如此安排',
} as const;
export type PlanningErrorCode = keyof typeof PLANNING_ERROR_CODES;
