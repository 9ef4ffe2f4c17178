import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.service';
import { inTransaction } from '../../../platform/db/database';
import { Forbidden } from '../../../platform/errors';
import type { AppDeps } from '../../../platform/http/deps';
import { commonErrors } from '../../../platform/http/schemas';
import { negotiateLocale } from '../../../platform/i18n/messages';
import { ImportReportSchema } from '../import/import.types';
import { exportFtm } from './ftm-export';
import { importFtm } from './ftm-import';

const tags = ['registry: FollowTheMoney'];
const flag = z.enum(['true', 'false']);

export const ftmRoutes =
  ({ database: { db }, config }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Whatever the upload is labelled (octet-stream, x-ndjson, even json), the file arrives as bytes.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.importMaxMb * 1024 * 1024 }, (_request, body, done) => done(null, body));

    app.get(
      '/export',
      {
        config: { access: 'registry.read' },
        schema: {
          tags,
          summary: 'Every live party and relationship as FtM entity JSON lines (ID and passport numbers masked unless fullIdentifiers=true, which needs identifiers.reveal and is audited)',
          querystring: z.object({ fullIdentifiers: flag.default('false') }),
          produces: ['application/x-ndjson'],
        },
      },
      async (request, reply) => {
        const fullIdentifiers = request.query.fullIdentifiers === 'true';
        if (fullIdentifiers) {
          if (!request.ctx.principal?.permissions.includes('identifiers.reveal')) throw Forbidden('FORBIDDEN', { permission: 'identifiers.reveal' });
          await inTransaction(db, (tx) => appendAudit(tx, request.ctx, { action: 'registry.ftm.export', entityType: 'registry', after: { fullIdentifiers } }));
        }
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="probity-registry-${stamp}.ftm.json"`)
          .send(Readable.from(exportFtm(db, request.ctx, { fullIdentifiers })));
      },
    );

    app.post(
      '/import',
      {
        config: { access: 'registry.import' },
        schema: {
          tags,
          summary: 'Load FtM entity JSON lines (the request body); dryRun=true (the default) only reports what would happen',
          querystring: z.object({ dryRun: flag.default('true') }),
          response: { 200: ImportReportSchema, ...commonErrors },
        },
      },
      async (request) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return importFtm(db, request.ctx, bytes, { dryRun: request.query.dryRun === 'true' }, negotiateLocale(request.headers['accept-language']));
      },
    );
  };
