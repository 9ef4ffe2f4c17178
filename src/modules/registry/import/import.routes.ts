import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../platform/errors';
import type { AppDeps } from '../../../platform/http/deps';
import { commonErrors, errorResponse } from '../../../platform/http/schemas';
import { negotiateLocale } from '../../../platform/i18n/messages';
import { importFields, tableKinds } from './columns';
import { runImport } from './import.service';
import { ImportReportSchema, importKinds } from './import.types';

const tags = ['registry: import'];

const MappingParam = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'JSON: {"field": "column"}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string(), z.string()));

const ImportQuery = z.object({
  kind: z.enum(importKinds),
  /** Writes only when asked to: the upload first shows what would happen. */
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  mapping: MappingParam.optional(),
});

const FieldsSchema = z.object({
  kind: z.enum(tableKinds),
  fields: z.array(z.object({ name: z.string(), required: z.boolean(), description: z.string() })),
});

export const importRoutes =
  ({ database: { db }, config }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const bodyLimit = config.importMaxMb * 1024 * 1024;
    // The body is the file as it is, however labelled (octet-stream, text/csv, Windows' vnd.ms-excel for CSV…).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
    // Fastify's own 413 does not say what the limit is; anything else goes on to the API's handler.
    app.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new DomainError(413, 'FILE_TOO_LARGE', { limit: config.importMaxMb });
      throw error;
    });

    app.get(
      '/fields',
      { config: { access: 'registry.import' }, schema: { tags, summary: 'The fields a file of this kind may have, for the column-mapping step', querystring: z.object({ kind: z.enum(tableKinds) }), response: { 200: FieldsSchema, ...commonErrors } } },
      async (request) => {
        const locale = negotiateLocale(request.headers['accept-language']);
        const { kind } = request.query;
        return { kind, fields: importFields[kind].map(({ name, required, description }) => ({ name, required, description: description[locale] })) };
      },
    );

    app.post(
      '',
      {
        bodyLimit,
        config: { access: 'registry.import' },
        schema: {
          tags,
          summary: 'Import a CSV or XLSX file (the raw bytes as the body): every row is checked; with dryRun=false all valid rows are written in one transaction',
          querystring: ImportQuery,
          response: { 200: ImportReportSchema, 413: errorResponse, ...commonErrors },
        },
      },
      async (request) => {
        const { kind, dryRun, mapping } = request.query;
        const bytes = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
        return runImport(db, request.ctx, kind, bytes, { dryRun, mapping }, negotiateLocale(request.headers['accept-language']));
      },
    );
  };
