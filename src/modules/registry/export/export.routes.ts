import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvStream, xlsxStream, type Column } from '../../../platform/export/tabular';
import type { AppDeps } from '../../../platform/http/deps';
import { negotiateLocale, type Locale } from '../../../platform/i18n/messages';
import { ClientListQuery, PartyListQuery, RelationshipListQuery } from '../registry.types';
import { clientColumns, partyColumns, relationshipColumns } from './export.columns';
import { clientRows, partyRows, relationshipRows } from './export.sources';

const tags = ['registry: export'];
const unpaged = { page: true, pageSize: true } as const;
const format = { format: z.enum(['csv', 'xlsx']).default('csv') };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const sheetNames: Record<string, Record<Locale, string>> = {
  parties: { 'zh-CN': '主体', en: 'Parties' },
  clients: { 'zh-CN': '客户', en: 'Clients' },
  relationships: { 'zh-CN': '关系', en: 'Relationships' },
};

function send<T>(request: FastifyRequest, reply: FastifyReply, list: string, as: 'csv' | 'xlsx', columns: readonly Column<T>[], batches: AsyncIterable<T[]>) {
  const locale = negotiateLocale(request.headers['accept-language']);
  const stream: Readable = as === 'csv' ? csvStream(columns, batches) : xlsxStream(sheetNames[list]![locale], columns, batches, locale);
  const filename = `probity-${list}-${new Date().toISOString().slice(0, 10)}.${as}`;
  return reply
    .type(as === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(stream);
}

const summary = (what: string) => `${what} as CSV (UTF-8 with BOM, import column names) or XLSX (localised headers), with the list's filters; ID numbers masked`;
const produces = ['text/csv', XLSX];

export const exportRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const config = { access: 'registry.read' as const };

    app.get('/parties', { config, schema: { tags, summary: summary('Parties'), querystring: PartyListQuery.omit(unpaged).extend(format), produces } }, async (request, reply) => {
      const { format: as, ...query } = request.query;
      return send(request, reply, 'parties', as, partyColumns, partyRows(db, request.ctx, query));
    });

    app.get('/clients', { config, schema: { tags, summary: summary('Clients'), querystring: ClientListQuery.omit(unpaged).extend(format), produces } }, async (request, reply) => {
      const { format: as, ...query } = request.query;
      return send(request, reply, 'clients', as, clientColumns, clientRows(db, request.ctx, query));
    });

    app.get('/relationships', { config, schema: { tags, summary: summary('Relationships'), querystring: RelationshipListQuery.omit(unpaged).extend(format), produces } }, async (request, reply) => {
      const { format: as, ...query } = request.query;
      return send(request, reply, 'relationships', as, relationshipColumns, relationshipRows(db, request.ctx, query));
    });
  };
