import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, ERROR_CODES, type ErrorCode, type FieldIssue } from '../../domain/shared/errors';

/** The one table from error code to HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  LOGIN_THROTTLED: 429,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  ACCOUNT_DISABLED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_TOO_WEAK: 400,
  UNKNOWN_COUNTY: 404,
  ID_NUMBER_INVALID: 400,
  CREDIT_CODE_INVALID: 400,
  IMPORT_FILE_INVALID: 400,
  IMPORT_NOT_FOUND: 404,
  IMPORT_NOTHING_VALID: 400,
  RESTORE_TARGET_NOT_EMPTY: 409,
  RESTORE_VERSION_MISMATCH: 409,
  DATA_DIR_LOCKED: 409,
  ROUND_PHASE_TRANSITION_NOT_ALLOWED: 409,
  ROUND_PHASE_CONDITIONS_UNMET: 409,
  ROUND_LOCKED: 409,
  AVOIDANCE_CONFLICT: 409,
  INSPECTION_TRANSITION_NOT_ALLOWED: 409,
  INSPECTION_NOT_COMPLETABLE: 409,
  INSPECTION_OVERRIDE_REASON_INVALID: 400,
  INSPECTION_STEP_DISABLED: 409,
  CHECKLIST_LOCKED: 409,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_TOO_LARGE: 413,
  FINDING_TRANSITION_NOT_ALLOWED: 409,
  LEAD_TRANSITION_NOT_ALLOWED: 409,
  RECTIFICATION_TRANSITION_NOT_ALLOWED: 409,
  RECTIFICATION_NOT_SIGNED_OFF: 409,
  RECTIFICATION_PLAN_TRANSITION_NOT_ALLOWED: 409,
  RATING_LINK_USED: 409,
  RATING_LINK_GONE: 410,
  // — rectification look-back / evaluation / disclosure codes —
  // — public reports / questionnaires codes —
  PUBLIC_REPORT_RATE_LIMITED: 429,
  PUBLIC_REPORT_KEY_MISSING: 409,
  QUESTIONNAIRE_NOT_DRAFT: 409,
  QUESTIONNAIRE_NOT_OPEN: 410,
  QUESTIONNAIRE_ALREADY_ANSWERED: 409,
  QUESTIONNAIRE_ACCESS_CODE_INVALID: 400,
  // — posters / report links codes —
  RATE_LIMITED: 429,
  PUBLIC_NOTICE_MISSING: 409,
  POSTER_CODE_MISSING: 409,
  // — jobs codes —
  JOB_NOT_FOUND: 404,
  JOB_ALREADY_FINISHED: 409,
  JOB_CANCELLED: 409,
  JOB_INTERRUPTED: 503,
  // — analytics codes —
  ANALYTICS_HIT_VERIFIED: 409,
  ANALYTICS_FILE_INVALID: 400,
  ANALYTICS_MAPPING_INVALID: 400,
  ANALYTICS_DATASET_BUSY: 409,
  ANALYTICS_IMPORT_CANCELLED: 409,
  INTERNAL: 500,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

const ZOD_MESSAGES: Record<string, string> = {
  invalid_type: '类型不正确或缺少该项',
  too_small: '过短或过小',
  too_big: '过长或过大',
  invalid_format: '格式不正确',
  invalid_value: '取值不在允许范围内',
  unrecognized_keys: '包含无法识别的字段',
};

/** What a 429 says when its limiter gave no wait (it always should): a minute, the shortest public window. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * Seconds for the Retry-After header of a throttled DomainError: its details' `retryAfter` (seconds, set by
 * every limiter from its window), rounded up and at least 1.
 */
export function retryAfterSeconds(details: unknown): number {
  const v = details && typeof details === 'object' && !Array.isArray(details) ? (details as { retryAfter?: unknown }).retryAfter : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.max(1, Math.ceil(v)) : DEFAULT_RETRY_AFTER_SECONDS;
}

/** The one route whose per-address cap answers as a login throttle (the login page warns on that code). */
const LOGIN_ROUTE = '/api/auth/login';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      const body: ErrorBody = { code: error.code, message: error.message };
      if (error.details) body.details = error.details;
      const status = STATUS_BY_CODE[error.code];
      if (status === 429) reply.header('retry-after', String(retryAfterSeconds(error.details)));
      return reply.status(status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: FieldIssue[] = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        // a schema's own Chinese message wins; zod's English defaults are replaced by their Chinese kind
        message: /[\u4e00-\u9fff]/.test(v.message ?? '')
          ? v.message!
          : (ZOD_MESSAGES[(v.params as { issue?: { code?: string } })?.issue?.code ?? ''] ?? '输入有误'),
      }));
      const first = details[0];
      const message = first ? `输入有误：${first.path} ${first.message}` : ERROR_CODES.VALIDATION_FAILED;
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message, details } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ code: 'VALIDATION_FAILED', message: '上传的文件过大' });
    }
    if (status === 429) {
      // @fastify/rate-limit sets Retry-After (its window's remaining seconds) before it throws; keep that one
      if (!reply.hasHeader('retry-after')) reply.header('retry-after', String(DEFAULT_RETRY_AFTER_SECONDS));
      // a general code everywhere (public pages, questionnaires, 群众评议…) but on the login route
      const code: ErrorCode = request.routeOptions.url === LOGIN_ROUTE ? 'LOGIN_THROTTLED' : 'RATE_LIMITED';
      return reply.status(429).send({ code, message: ERROR_CODES.RATE_LIMITED } satisfies ErrorBody);
    }
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? '不支持的请求内容类型' : '请求格式有误';
      return reply.status(status).send({ code: 'VALIDATION_FAILED', message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: ERROR_CODES.INTERNAL } satisfies ErrorBody);
  });
}
