import i18n, { currentLocale } from './i18n';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** Machine-readable facts, e.g. the existing party an identifier belongs to. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server's field errors of a refused form, one `path: message` line each, for an ErrorAlert. */
export const fieldErrorLines = (error: unknown): string[] => (error instanceof ApiError ? error.fields.map((f) => `${f.path}: ${f.message}`) : []);

export type Query = Record<string, string | number | undefined | null>;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For requests made outside `request` (uploads with progress). */
export const currentCsrfToken = () => csrfToken;

/** Called when the session is gone, so the app can drop the cached user and show the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Builds `?a=1&b=2`, skipping empty values; '' when nothing is left. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The ApiError for an error answer's status and parsed body (null when it was not JSON). */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
    return new ApiError(status, error.code, error.message, Array.isArray(error.fields) ? (error.fields as FieldError[]) : [], details);
  }
  // A bare 502–504 comes from a proxy in front of a server that is down or restarting.
  const unreachable = status >= 502 && status <= 504;
  const message = unreachable ? i18n.t('errors.network') : i18n.t('errors.unexpected', { status });
  return new ApiError(status, `HTTP_${status}`, message);
}

const toApiError = async (res: Response) => errorFromBody(res.status, await res.json().catch(() => null));

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }

  if (!res.ok) {
    const error = await toApiError(res);
    // INVALID_CREDENTIALS is a wrong password (login, change password), not a lost session.
    if (res.status === 401 && error.code !== 'INVALID_CREDENTIALS') onUnauthorized?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path + queryString(query)),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};
