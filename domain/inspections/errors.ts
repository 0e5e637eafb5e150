/**
 * Refusal codes of the inspections area, to be added to ERROR_CODES in domain/shared/errors.ts (this
 * area may not edit it). The service throws DomainError with the code and the guard's reasons in
 * `details`.
 */
export const INSPECTION_ERROR_CODES = {
  INSPECTION_TRANSITION_NOT_ALLOWED: '村级巡察状态不能如此变更',
  INSPECTION_NOT_COMPLETABLE: '村级巡察尚不满足完成条件',
  INSPECTION_OVERRIDE_REASON_INVALID: '特批理由不充分',
  INSPECTION_STEP_DISABLED: '本轮巡察不设该环节',
} as const;
export type InspectionErrorCode = keyof typeof INSPECTION_ERROR_CODES;
