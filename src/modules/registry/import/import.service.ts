import { DrizzleQueryError } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../../platform/db/database';
import { Conflict } from '../../../platform/errors';
import type { Locale } from '../../../platform/i18n/messages';
import { importFtm } from '../ftm/ftm-import';
import { resolveColumns, type TableKind } from './columns';
import type { ImportKind, ImportOptions, ImportReport } from './import.types';
import { readTable } from './read-table';
import { importRows, Rejections, type ImportRow } from './row-checks';
import { previewClient, validateClients } from './validate-clients';
import { previewContact, validateContacts } from './validate-contacts';
import { previewParty, validateParties } from './validate-parties';
import { previewRelationship, validateRelationships } from './validate-relationships';
import { writeClients, writeContacts, writeParties, writeRelationships, type Progress } from './write';

const PREVIEW_ROWS = 20;

interface Checked {
  valid: number;
  preview: Record<string, string>[];
  write(tx: Tx, ctx: RequestContext, progress: Progress): Promise<Record<string, number>>;
}
type Importer = (executor: Executor, ctx: RequestContext, rows: readonly ImportRow[], rejections: Rejections, progress: Progress) => Promise<Checked>;

/** Ties a kind's validation, writing and preview together over its own record type. */
const importer =
  <R>(
    validate: (executor: Executor, ctx: RequestContext, rows: readonly ImportRow[], rejections: Rejections, progress: Progress) => Promise<R[]>,
    write: (tx: Tx, ctx: RequestContext, records: readonly R[], progress: Progress) => Promise<Record<string, number>>,
    preview: (record: R) => Record<string, string>,
  ): Importer =>
  async (executor, ctx, rows, rejections, progress) => {
    const records = await validate(executor, ctx, rows, rejections, progress);
    return { valid: records.length, preview: records.slice(0, PREVIEW_ROWS).map(preview), write: (tx, ctx, p) => write(tx, ctx, records, p) };
  };

const importers: Record<TableKind, Importer> = {
  parties: importer(validateParties, writeParties, previewParty),
  clients: importer(validateClients, writeClients, previewClient),
  contacts: importer(validateContacts, writeContacts, previewContact),
  relationships: importer(validateRelationships, writeRelationships, previewRelationship),
};

/** Reports progress about every thousand rows rather than on each. */
function counter(stage: 'validate' | 'write', total: number, onProgress: ImportOptions['onProgress']): Progress {
  let done = 0;
  let shown = 0;
  return (n) => {
    done += n;
    if (done - shown >= 1000 || done === total) {
      shown = done;
      onProgress?.(stage, done, total);
    }
  };
}

/**
 * Validates every row of the file; unless a dry run, writes all valid rows in one transaction
 * (validated again inside it, so the report describes exactly what was written).
 */
export async function runImport(db: Db, ctx: RequestContext, kind: ImportKind, bytes: Uint8Array, options: ImportOptions, locale: Locale): Promise<ImportReport> {
  if (kind === 'ftm') return importFtm(db, ctx, bytes, options, locale);
  const table = await readTable(bytes);
  const total = table.rows.length;
  options.onProgress?.('parse', total, total);
  const { index, mapping } = resolveColumns(kind, table.columns, options.mapping);
  const rows = importRows(table.rows, index);
  const rejections = new Rejections(locale);
  const check = (executor: Executor) => importers[kind](executor, ctx, rows, rejections, counter('validate', total, options.onProgress));
  const report = (checked: Checked, created: Record<string, number>): ImportReport => ({
    kind,
    format: table.format,
    encoding: table.encoding,
    columns: table.columns,
    mapping,
    rows: total,
    valid: checked.valid,
    rejected: rejections.list(),
    written: Object.keys(created).length > 0,
    created,
    preview: checked.preview,
  });
  if (options.dryRun) return report(await check(db), {});
  try {
    return await inTransaction(db, async (tx) => {
      const checked = await check(tx);
      return report(checked, checked.valid ? await checked.write(tx, ctx, counter('write', checked.valid, options.onProgress)) : {});
    });
  } catch (error) {
    throw withoutRows(error);
  }
}

/**
 * A failed bulk insert carries its query and every parameter (names, ID numbers) in its message:
 * keep only the database's own reason, so no log receives the file's personal data.
 */
function withoutRows(error: unknown): unknown {
  if (!(error instanceof DrizzleQueryError)) return error;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  // Another import committed the same keys first (PostgreSQL, concurrent imports).
  if (cause?.code === '23505') return Conflict();
  return new Error(`Import failed in the database: ${cause?.message ?? 'unknown error'}`);
}
