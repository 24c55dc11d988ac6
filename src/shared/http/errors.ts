// One place maps every domain error code to its HTTP status and its words in both languages.
// Codes are stable: API clients may branch on them.
const catalogue = {
  VALIDATION: { status: 422, zh: '提交的信息有误，请检查后重试', en: 'Some of the information is not valid' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  TOO_LARGE: {
    status: 413,
    zh: '提交的内容太大，请删减后重试',
    en: 'What was sent is too large; shorten it and try again',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持该提交格式',
    en: 'This kind of content is not accepted here',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in first' },
  FORBIDDEN: { status: 403, zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF: {
    status: 403,
    zh: '页面已过期，请刷新后重新提交',
    en: 'The page has expired; reload it and submit again',
  },
  NOT_FOUND: { status: 404, zh: '找不到您要访问的内容', en: 'The page or record was not found' },
  GONE: { status: 410, zh: '该内容已撤销，不再提供', en: 'This is no longer available' },
  CONFLICT: { status: 409, zh: '该记录已存在或已被修改', en: 'The record already exists or has changed' },
  LINK_EXPIRED: { status: 410, zh: '链接已过期', en: 'The link has expired' },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many attempts; please try again later',
  },
  LOGIN_FAILED: { status: 401, zh: '手机号或密码不正确', en: 'The mobile number or password is wrong' },
  STAFF_LOGIN_FAILED: {
    status: 401,
    zh: '警号、密码或动态口令不正确',
    en: 'Badge number, password or code is wrong',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  CODE_INVALID: { status: 422, zh: '验证码不正确或已过期', en: 'The code is wrong or has expired' },
  MOBILE_TAKEN: {
    status: 409,
    zh: '该手机号已注册，请直接登录',
    en: 'This mobile number is already registered; please log in',
  },
  PAYMENT_UNAVAILABLE: {
    status: 503,
    zh: '支付服务暂时无法使用，请稍后再试',
    en: 'The payment service cannot be reached just now; please try again later',
  },
  COURIER_UNAVAILABLE: {
    status: 503,
    zh: '快递服务暂时无法使用，请稍后再试',
    en: 'The courier cannot be reached just now; please try again later',
  },
  DATA_DIR_LOCKED: {
    status: 500,
    zh: '数据目录正被另一个进程使用',
    en: 'The data directory is in use by another process',
  },
  INTERNAL: {
    status: 500,
    zh: '系统繁忙，请稍后再试',
    en: 'Something went wrong on our side; please try again later',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof catalogue;

export interface FieldError {
  /** The field's name in the form or the schema: for machines and for linking to the control. */
  field: string;
  message: string;
  /**
   * The message leaves the field out (a refusal at the edge knows the field only by its schema name): beside
   * the field it reads as it is, and elsewhere the field's label, when there is one, goes before it.
   */
  needsLabel?: true;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[];
  readonly detail: string | undefined;

  constructor(code: ErrorCode, options: { detail?: string; fields?: FieldError[] } = {}) {
    super(options.detail ? `${code}: ${options.detail}` : code);
    this.code = code;
    this.status = catalogue[code].status;
    this.fields = options.fields ?? [];
    this.detail = options.detail;
  }
}

export function errorMessage(code: ErrorCode, lang: 'zh' | 'en'): string {
  return catalogue[code][lang];
}

/** True for a stable error code, so a field error can carry one instead of a feature's own message key. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(catalogue, value);
}

export function statusOf(code: ErrorCode): number {
  return catalogue[code].status;
}
