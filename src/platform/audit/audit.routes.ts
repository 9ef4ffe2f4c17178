import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { csvLine, UTF8_BOM } from '../../core/csv';
import type { AppDeps } from '../http/deps';
import { commonErrors, paged, pageQuery } from '../http/schemas';
import { listAudit, streamAudit, verifyAuditChain, type AuditRow } from './audit.service';
import { AuditEntrySchema, AuditFilterQuery, VerifyResultSchema } from './audit.types';

const toEntry = ({ actorId, actorUsername, actorDisplayName, ...row }: AuditRow) => ({
  ...row,
  actor: actorId ? { id: actorId, username: actorUsername!, displayName: actorDisplayName! } : null,
});

const CSV_HEADER = ['seq', 'at', 'actor', 'actor_name', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id', 'ip', 'hash'];

async function* auditCsv(rows: AsyncIterable<AuditRow>) {
  yield UTF8_BOM + csvLine(CSV_HEADER);
  for await (const r of rows) {
    yield csvLine([r.seq, r.at, r.actorUsername, r.actorDisplayName, r.action, r.entityType, r.entityId, r.before, r.after, r.requestId, r.ip, r.hash]);
  }
}

export const auditRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '',
      {
        config: { access: 'audit.read' },
        schema: { tags: ['audit'], summary: 'Audit trail, newest first', querystring: AuditFilterQuery.extend(pageQuery.shape), response: { 200: paged(AuditEntrySchema), ...commonErrors } },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        const { items, total } = await listAudit(db, request.ctx, filter, page, pageSize);
        return { items: items.map(toEntry), total, page, pageSize };
      },
    );

    app.get(
      '/export.csv',
      {
        config: { access: 'audit.read' },
        schema: { tags: ['audit'], summary: 'Audit trail as CSV (UTF-8 with BOM), oldest first', querystring: AuditFilterQuery, produces: ['text/csv'] },
      },
      async (request, reply) => {
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="probity-audit-${stamp}.csv"`)
          .send(Readable.from(auditCsv(streamAudit(db, request.ctx, request.query))));
      },
    );

    app.get(
      '/verify',
      { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: 'Recompute the hash chain end to end', response: { 200: VerifyResultSchema, ...commonErrors } } },
      async () => verifyAuditChain(db),
    );
  };
