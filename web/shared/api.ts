/**
 * The one way the web clients talk to the server: JSON in and out, the session cookie sent by
 * the browser, the CSRF token on writes, the interface language in Accept-Language, and
 * errors turned into ApiError with the server's stable code, message and field errors.
 */
export interface FieldError { path: string; code: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';
const sessionEndedListeners = new Set<(err: ApiError) => void>();

/** Called when the server says the session is gone (expired, signed out elsewhere): the back office returns to sign-in. */
export function onSessionEnded(listener: (err: ApiError) => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}
let language: 'zh' | 'en' = 'zh';

export function setCsrfToken(token: string): void { csrfToken = token; }
export function setApiLanguage(lang: 'zh' | 'en'): void { language = lang; }

function readCsrfCookie(): string {
  const match = /(?:^|;\s*)lx_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : '';
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      'accept-language': language === 'en' ? 'en' : 'zh-CN',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(method !== 'GET' && { 'x-csrf-token': csrfToken || readCsrfCookie() }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = data?.error ?? {};
    const err = new ApiError(res.status, e.code ?? 'INTERNAL', e.message ?? res.statusText, e.details ?? {}, e.fields ?? []);
    if (res.status === 401 && (err.code === 'SESSION_EXPIRED' || err.code === 'UNAUTHENTICATED')) {
      for (const listener of sessionEndedListeners) listener(err);
    }
    throw err;
  }
  return data as T;
}

/** Server field errors (`body.content`, `body.photos.0` …) as form fields: the top-level field carries the message. */
export function formFieldErrors(err: ApiError): { name: string; errors: string[] }[] {
  return err.fields.map((f) => ({ name: f.path.replace(/^(body|querystring)\./, '').split('.')[0]!, errors: [f.message] }));
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body: unknown = {}, headers?: Record<string, string>) => api<T>('POST', url, body, headers);
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);
export const del = (url: string) => api<null>('DELETE', url);

/** Query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
