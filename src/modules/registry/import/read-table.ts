import ExcelJS from 'exceljs';
import { CsvSyntaxError, decodeText, parseCsv } from '../../../core/csv';
import { DomainError, Invalid } from '../../../platform/errors';

export interface TableRow {
  /** Line in the file (CSV) or row number (XLSX); the header is line 1. */
  line: number;
  cells: string[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gb18030' | null;
  columns: string[];
  rows: TableRow[];
}

const unsupported = () => Invalid('UNSUPPORTED_FILE');
const hasContent = (row: TableRow) => row.cells.some((cell) => cell.trim() !== '');

/** An XLSX file is a zip archive; anything else must be text. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return readXlsx(bytes);
  return readCsv(bytes);
}

// Control characters other than tab and line ends do not occur in CSV; images, PDFs, .xls do contain them.
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 64 * 1024);
  for (let i = 0; i < end; i += 1) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  }
  return false;
}

function readCsv(bytes: Uint8Array): Table {
  if (looksBinary(bytes)) throw unsupported();
  const { text, encoding } = decodeText(bytes);
  // Every byte sequence decodes as GB18030, some only to U+FFFD: such a file is no text we can read.
  if (encoding === 'gb18030' && text.includes('\uFFFD')) throw unsupported();
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DomainError(400, 'CSV_SYNTAX', { line: error.line }, undefined, { line: error.line });
    throw error;
  }
  const { records, lines } = parsed;
  const rows: TableRow[] = [];
  for (let i = 1; i < records.length; i += 1) {
    const row = { line: lines[i]!, cells: records[i]! };
    if (hasContent(row)) rows.push(row);
  }
  return { format: 'csv', encoding, columns: (records[0] ?? []).map((c) => c.trim()), rows };
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw unsupported();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unsupported();
  const rows: TableRow[] = [];
  sheet.eachRow((row, line) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value));
    rows.push({ line, cells });
  });
  const [header, ...data] = rows.filter(hasContent);
  return { format: 'xlsx', encoding: null, columns: (header?.cells ?? []).map((c) => c.trim()), rows: data };
}

/** A cell as the text a user sees: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  return ''; // an error value (#N/A…)
}
