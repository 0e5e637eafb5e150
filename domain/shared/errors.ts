/**
 * The one domain error. Every refusal the system makes carries a stable code; the HTTP layer maps
 * codes to statuses (server/http/errors.ts) and the web app shows `message`, which is always Chinese.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: '输入有误',
  NOT_FOUND: '记录不存在或无权查看',
  FORBIDDEN: '没有权限执行此操作',
  UNAUTHENTICATED: '请先登录',
  CONFLICT: '记录已被修改或已存在',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '登录失败次数过多，账户已临时锁定',
  LOGIN_THROTTLED: '登录尝试过于频繁，请稍后再试',
  TOTP_REQUIRED: '请输入动态验证码',
  TOTP_INVALID: '动态验证码错误',
  ACCOUNT_DISABLED: '账户已停用',
  PASSWORD_CHANGE_REQUIRED: '首次登录或密码已重置，请先修改密码',
  PASSWORD_TOO_WEAK: '密码强度不足',
  UNKNOWN_COUNTY: '未找到该区县代码',
  ID_NUMBER_INVALID: '身份证号码无效',
  CREDIT_CODE_INVALID: '统一社会信用代码无效',
  IMPORT_FILE_INVALID: '导入文件无法识别',
  IMPORT_NOT_FOUND: '导入批次不存在或已失效',
  IMPORT_NOTHING_VALID: '没有可导入的有效行',
  RESTORE_TARGET_NOT_EMPTY: '目标数据库非空',
  RESTORE_VERSION_MISMATCH: '备份文件的数据库版本与当前程序不一致',
  DATA_DIR_LOCKED: '数据目录正被另一个进程使用',
  ROUND_PHASE_TRANSITION_NOT_ALLOWED: '轮次不能转入该阶段',
  ROUND_PHASE_CONDITIONS_UNMET: '轮次尚不满足进入该阶段的条件',
  ROUND_LOCKED: '轮次所处阶段不允许此项修改',
  AVOIDANCE_CONFLICT: '存在应当回避的情形，不能如此安排',
  INSPECTION_TRANSITION_NOT_ALLOWED: '村级巡察状态不能如此变更',
  INSPECTION_NOT_COMPLETABLE: '村级巡察尚不满足完成条件',
  INSPECTION_OVERRIDE_REASON_INVALID: '特批理由不充分',
  INSPECTION_STEP_DISABLED: '本轮巡察不设该环节',
  CHECKLIST_LOCKED: '监督清单已锁定，不能修改',
  FILE_TYPE_NOT_ALLOWED: '文件类型不允许上传',
  FILE_TOO_LARGE: '文件过大',
  FINDING_TRANSITION_NOT_ALLOWED: '问题底稿不能如此流转',
  LEAD_TRANSITION_NOT_ALLOWED: '问题线索不能如此流转',
  RECTIFICATION_TRANSITION_NOT_ALLOWED: '整改事项不能如此流转',
  RECTIFICATION_NOT_SIGNED_OFF: '整改事项尚未完成销号审核',
  RECTIFICATION_PLAN_TRANSITION_NOT_ALLOWED: '整改方案不能如此流转',
  RATING_LINK_USED: '该评议链接已使用',
  RATING_LINK_GONE: '该评议链接已作废或已过期',
  // — rectification look-back / evaluation / disclosure codes —
  // — public reports / questionnaires codes —
  PUBLIC_REPORT_RATE_LIMITED: '尝试次数过多，请稍后再试',
  PUBLIC_REPORT_KEY_MISSING: '巡察办尚未设置身份信息加密密钥，暂不能实名反映',
  QUESTIONNAIRE_NOT_DRAFT: '问卷已发布，不能再修改题目',
  QUESTIONNAIRE_NOT_OPEN: '问卷未开放作答',
  QUESTIONNAIRE_ALREADY_ANSWERED: '已经作答过这份问卷',
  QUESTIONNAIRE_ACCESS_CODE_INVALID: '问卷验证码无效',
  // — posters / report links codes —
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  PUBLIC_NOTICE_MISSING: '巡察公告尚未填写',
  POSTER_CODE_MISSING: '尚未生成扫码编号',
  // — jobs codes —
  JOB_NOT_FOUND: '任务不存在',
  JOB_ALREADY_FINISHED: '任务已结束，不能取消',
  JOB_CANCELLED: '任务已取消',
  JOB_INTERRUPTED: '服务重启，任务中断，请重新运行',
  // — analytics codes —
  ANALYTICS_HIT_VERIFIED: '该疑点已核实',
  ANALYTICS_FILE_INVALID: '数据文件无法读取',
  ANALYTICS_MAPPING_INVALID: '字段对应关系有误',
  ANALYTICS_DATASET_BUSY: '数据集正在导入，暂不能进行此操作',
  ANALYTICS_IMPORT_CANCELLED: '导入已取消',
  INTERNAL: '服务器内部错误',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** dotted path of the field, e.g. `profile.households` */
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: FieldIssue[] | Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: FieldIssue[] | Record<string, unknown>) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
