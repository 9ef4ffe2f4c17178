import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../errors';
import { messages, negotiateLocale, translate, type Locale, type MessageCode } from '../i18n/messages';

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: { path: string; in?: string; code?: string; message: string }[]; details?: Record<string, unknown> };
}

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

/** Field messages in the caller's language; a schema's own custom message is kept as written. */
function fieldMessage(keyword: string, message: string | undefined, params: Record<string, unknown>, locale: Locale): string {
  if (keyword === 'custom') return message ?? '';
  const localised = zodLocales[locale].localeError?.({ code: keyword, ...params } as never);
  return typeof localised === 'string' ? localised : (localised?.message ?? message ?? '');
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: MessageCode,
  locale: Locale,
  params: Record<string, string | number> = {},
  fields?: ApiErrorBody['error']['fields'],
  details?: Record<string, unknown>,
) {
  const body: ApiErrorBody = { error: { code, message: translate(code, locale, params), ...(fields ? { fields } : {}), ...(details ? { details } : {}) } };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

const statusCodes: Record<number, MessageCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** One error shape for the whole API; anything unexpected is a 500 that names the request, never its stack. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    if (error instanceof DomainError) {
      // Services name a field's problem by its code; the caller reads it in their language.
      const fields = error.fields?.map((f) => (f.message in messages ? { path: f.path, code: f.message, message: translate(f.message as MessageCode, locale, error.params) } : f));
      return sendError(reply, error.status, error.code, locale, error.params, fields, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        in: error.validationContext,
        message: fieldMessage(issue.keyword, issue.message, issue.params as Record<string, unknown>, locale),
      }));
      return sendError(reply, 400, 'VALIDATION_FAILED', locale, {}, fields);
    }
    const status = error.statusCode ?? 500;
    const known = statusCodes[status];
    if (known && !isResponseSerializationError(error)) {
      return sendError(reply, status, known, locale, { permission: '' });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'INTERNAL', locale, { requestId: request.id });
  });

  app.setNotFoundHandler((request, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    return sendError(reply, 404, 'ROUTE_NOT_FOUND', locale, { method: request.method, url: request.url.split('?')[0]! });
  });
}
