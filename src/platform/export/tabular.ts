// A table of rows, arriving in batches, as a CSV or XLSX byte stream that never holds the whole list.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, UTF8_BOM } from '../../core/csv';
import type { Locale } from '../i18n/messages';

export type Cell = string | number | null;

export interface Column<T> {
  /** The CSV header when the file is meant to be read back by a machine (an import). */
  name: string;
  label: Record<Locale, string>;
  width: number;
  value: (row: T) => Cell;
}

export const column = <T>(name: string, zh: string, en: string, width: number, value: (row: T) => Cell): Column<T> => ({ name, label: { 'zh-CN': zh, en }, width, value });

export interface CsvOptions {
  /** Headers in this language instead of the column names, for files meant for people. */
  locale?: Locale;
}

async function* csvText<T>(columns: readonly Column<T>[], batches: AsyncIterable<T[]>, { locale }: CsvOptions) {
  yield UTF8_BOM + csvLine(columns.map((c) => (locale ? c.label[locale] : c.name)));
  for await (const rows of batches) yield rows.map((row) => csvLine(columns.map((c) => c.value(row)))).join('');
}

export const csvStream = <T>(columns: readonly Column<T>[], batches: AsyncIterable<T[]>, options: CsvOptions = {}): Readable => Readable.from(csvText(columns, batches, options));

export interface XlsxOptions<T> {
  /** Rows set in bold, such as totals. */
  bold?: (row: T) => boolean;
}

export function xlsxStream<T>(sheetName: string, columns: readonly Column<T>[], batches: AsyncIterable<T[]>, locale: Locale, options: XlsxOptions<T> = {}): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.label[locale], key: c.name, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const rows of batches)
      for (const row of rows) {
        const added = sheet.addRow(columns.map((c) => c.value(row)));
        if (options.bold?.(row)) added.font = { bold: true };
        added.commit();
      }
    sheet.commit();
    await workbook.commit();
  };
  // A failure mid-way ends the download with an error rather than a truncated workbook.
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
