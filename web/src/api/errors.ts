/**
 * The one place where API errors become messages on screen. The server's `message` is already
 * Chinese and says what to do, so it is shown as is.
 */
import type { App, FormInstance } from 'antd';
import { ApiError, isApiError } from './client';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

let messageApi: MessageInstance | null = null;

/** Set once by <MessageBridge/> inside antd's <App>, so toasts follow the theme and locale. */
export function setMessageApi(api: MessageInstance | null) {
  messageApi = api;
}

export function toast(): MessageInstance | null {
  return messageApi;
}

/** Human text for any error a page may meet. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return `出错了：${error.message}`;
  return '出错了，请稍后再试';
}

/** Every reason a refusal lists in `details.reasons` (each unmet condition, each bad cell of an import). */
export function refusalReasons(error: unknown): string[] {
  if (!isApiError(error)) return [];
  const d = error.details as { reasons?: unknown } | undefined;
  return Array.isArray(d?.reasons) ? d.reasons.filter((r): r is string => typeof r === 'string') : [];
}

/** Shows an error as a toast; session errors are left to the session layer, which redirects. */
export function reportError(error: unknown) {
  if (isApiError(error) && error.status === 401 && error.code === 'UNAUTHENTICATED') return;
  messageApi?.error({ content: errorText(error), key: isApiError(error) ? `${error.code}:${error.message}` : undefined, duration: 5 });
}

/**
 * Puts field-level problems of a VALIDATION_FAILED answer onto the form's fields
 * (`body.relatives.0.idNumber` -> ['relatives', 0, 'idNumber']). Returns true when any field matched.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, rename: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = error.fieldIssues
    .map((issue) => {
      const parts = issue.path.split('.').filter(Boolean);
      if (parts[0] === 'body') parts.shift();
      if (parts.length === 0) return null;
      const first = rename[parts[0]!] ?? parts[0]!;
      const name = [first, ...parts.slice(1)].map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      return { name, errors: [issue.message] };
    })
    .filter((f): f is { name: (string | number)[]; errors: string[] } => f !== null);
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
