import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { csvStream, xlsxStream } from '../../platform/export/tabular';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors } from '../../platform/http/schemas';
import { negotiateLocale, type Locale } from '../../platform/i18n/messages';
import { auditLedgerExport, ledgerColumns, ledgerEntryBatches, ledgerExportLines, listLedgerEntries, summariseLedger } from './ledger.service';
import { LedgerEntriesPageSchema, LedgerEntriesQuery, LedgerExportQuery, LedgerSummaryQuery, LedgerSummarySchema } from './ledger.types';

const tags = ['benefits: ledger'];
const config = { access: 'benefits.read_all' as const };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sheetName: Record<Locale, string> = { 'zh-CN': '利益台账', en: 'Benefit ledger' };
const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);

export const benefitLedgerRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/entries',
      {
        config,
        schema: {
          tags,
          summary: 'Ledger entries, newest first, with the CNY totals (requested, approved, paid, reversed, net paid) of the whole filter',
          querystring: LedgerEntriesQuery,
          response: { 200: LedgerEntriesPageSchema, ...commonErrors },
        },
      },
      async (request) => listLedgerEntries(db, request.ctx, request.query, locale(request)),
    );

    app.get(
      '/summary',
      {
        config,
        schema: {
          tags,
          summary: 'The ledger grouped by client, counterparty, requester, department, benefit type or month, in CNY, largest net paid first, with grand totals',
          querystring: LedgerSummaryQuery,
          response: { 200: LedgerSummarySchema, ...commonErrors },
        },
      },
      async (request) => summariseLedger(db, request.ctx, request.query, locale(request)),
    );

    app.get(
      '/export',
      {
        config,
        schema: {
          tags,
          summary: 'The filtered entries as XLSX or CSV (UTF-8 with BOM), oldest first, headers in the reader’s language, money as decimal text, totals at the end; audited',
          querystring: LedgerExportQuery,
          produces: [XLSX, 'text/csv'],
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        const language = locale(request);
        await auditLedgerExport(db, request.ctx, filter, format);
        const lines = ledgerExportLines(ledgerEntryBatches(db, request.ctx, filter, language));
        const columns = ledgerColumns(language);
        const stream =
          format === 'csv' ? csvStream(columns, lines, { locale: language }) : xlsxStream(sheetName[language], columns, lines, language, { bold: (line) => 'total' in line });
        const filename = `benefit-ledger-${new Date().toISOString().slice(0, 10)}.${format}`;
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(stream);
      },
    );
  };
