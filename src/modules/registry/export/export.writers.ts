// A table of rows, arriving in batches, as a CSV or XLSX byte stream that never holds the whole list.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, UTF8_BOM } from '../../../core/csv';
import type { Locale } from '../../../platform/i18n/messages';
import type { Column } from './export.columns';

async function* csvText<T>(columns: readonly Column<T>[], batches: AsyncIterable<T[]>) {
  yield UTF8_BOM + csvLine(columns.map((c) => c.name));
  for await (const rows of batches) yield rows.map((row) => csvLine(columns.map((c) => c.value(row)))).join('');
}

export const csvStream = <T>(columns: readonly Column<T>[], batches: AsyncIterable<T[]>): Readable => Readable.from(csvText(columns, batches));

export function xlsxStream<T>(sheetName: string, columns: readonly Column<T>[], batches: AsyncIterable<T[]>, locale: Locale): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.label[locale], key: c.name, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const rows of batches) for (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
    sheet.commit();
    await workbook.commit();
  };
  // A failure mid-way ends the download with an error rather than a truncated workbook.
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
