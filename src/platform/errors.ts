import type { MessageCode } from './i18n/messages';

export type ErrorParams = Record<string, string | number>;

/** The one error type services throw; the HTTP layer turns it into the API's error shape. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly params: ErrorParams = {},
    readonly fields?: { path: string; message: string }[],
    /** Machine-readable facts for the caller, e.g. the existing record a duplicate collides with. */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const Invalid = (code: MessageCode = 'VALIDATION_FAILED', params?: ErrorParams, fields?: { path: string; message: string }[]) =>
  new DomainError(400, code, params, fields);
export const Unauthenticated = (code: MessageCode = 'UNAUTHENTICATED', params?: ErrorParams) =>
  new DomainError(401, code, params);
export const Forbidden = (code: MessageCode = 'FORBIDDEN', params?: ErrorParams) => new DomainError(403, code, params);
export const NotFound = (code: MessageCode = 'NOT_FOUND', params?: ErrorParams) => new DomainError(404, code, params);
export const Conflict = (code: MessageCode = 'CONFLICT', params?: ErrorParams, details?: Record<string, unknown>) =>
  new DomainError(409, code, params, undefined, details);
/** Well-formed but refused by a business rule, e.g. a pre-check that blocks a request. */
export const Unprocessable = (code: MessageCode, params?: ErrorParams, details?: Record<string, unknown>) =>
  new DomainError(422, code, params, undefined, details);
export const TooManyRequests = (code: MessageCode = 'RATE_LIMITED', params?: ErrorParams) =>
  new DomainError(429, code, params);
