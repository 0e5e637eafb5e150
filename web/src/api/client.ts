/**
 * The one HTTP client of the web app. Every API error arrives as `{code, message, details?}` with a
 * Chinese `message`; it is turned into an ApiError here and shown to the user in one place
 * (api/errors.ts). Session problems (401, forced password change) are reported to the session
 * layer through the hooks below.
 */

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems (`VALIDATION_FAILED`), paths like `body.relatives.0.idNumber`. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue => typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string' && typeof (d as FieldIssue).message === 'string',
    );
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isNotFound = (e: unknown) => isApiError(e) && (e.status === 404 || e.code === 'NOT_FOUND');
export const isForbidden = (e: unknown) => isApiError(e) && e.status === 403;

type SessionHook = (error: ApiError) => void;
const hooks: { unauthenticated: SessionHook | null; mustChangePassword: SessionHook | null } = {
  unauthenticated: null,
  mustChangePassword: null,
};

/** The session layer registers what to do when the server says the session is gone or blocked. */
export function onSessionProblem(kind: keyof typeof hooks, hook: SessionHook | null) {
  hooks[kind] = hook;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** multipart upload (field names as given) */
  form?: FormData;
  signal?: AbortSignal;
  /** do not run the session hooks on 401 (login, /me) */
  quiet401?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      if (!res.ok) throw new ApiError(res.status, 'INTERNAL', `服务器返回了无法识别的响应（HTTP ${res.status}）`);
      throw new ApiError(res.status, 'INTERNAL', '服务器返回了无法识别的响应');
    }
  }
  if (res.ok) return data as T;

  const err = toApiError(res.status, data);
  if (err.status === 401 && err.code === 'UNAUTHENTICATED' && !opts.quiet401) hooks.unauthenticated?.(err);
  if (err.code === 'PASSWORD_CHANGE_REQUIRED') hooks.mustChangePassword?.(err);
  throw err;
}

function toApiError(status: number, data: unknown): ApiError {
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    const d = data as { code?: string; message: string; details?: unknown };
    return new ApiError(status, d.code ?? 'INTERNAL', d.message, d.details);
  }
  const fallback: Record<number, string> = {
    401: '请先登录',
    403: '没有权限执行此操作',
    404: '记录不存在或无权查看',
    413: '上传的文件过大',
    429: '请求过于频繁，请稍后再试',
  };
  return new ApiError(status, 'INTERNAL', fallback[status] ?? `服务器出错（HTTP ${status}），请稍后再试`);
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: QueryParams) => request<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: File | Blob, query?: QueryParams, fileName?: string) => {
    const form = new FormData();
    form.append('file', file, fileName ?? (file instanceof File ? file.name : 'upload'));
    return request<T>('POST', path, { form, query });
  },
};
