/** A signed decimal number: a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** One CSV field per RFC 4180; cells that a spreadsheet would run as a formula are defused (a negative amount is left as it is). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\r\n`;

/** Excel opens UTF-8 CSV correctly (Chinese included) only when the file starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/** Files from Chinese Excel and legacy systems are often GBK/GB18030; anything not valid UTF-8 is read as that. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
  }
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly reason: 'unterminated_quote' | 'text_after_quote',
    readonly line: number,
  ) {
    super(`CSV syntax error on line ${line}: ${reason === 'unterminated_quote' ? 'a quoted field is never closed' : 'text follows a closing quote'}`);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * RFC 4180 with any line end. `lines[i]` is the physical line on which record i starts, counting
 * line breaks inside quoted fields, so errors can name the line a user sees in an editor.
 * A quote inside an unquoted field is kept as text (`5" screen`), as spreadsheets do.
 */
export function parseCsv(text: string): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let record: string[] = [];
  let recordLine = 1;
  let quoted = false;
  for (;;) {
    let value = '';
    if (text.charCodeAt(i) === QUOTE) {
      const openedOn = line;
      let chunk = ++i;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError('unterminated_quote', openedOn);
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          value += text.slice(chunk, i);
          if (text.charCodeAt(i + 1) !== QUOTE) break;
          chunk = i + 1;
          i += 2;
          continue;
        }
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line += 1;
        i += 1;
      }
      i += 1;
      quoted = true;
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        i += 1;
      }
      value = text.slice(start, i);
    }
    record.push(value);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      continue;
    }
    if (i < n && c !== LF && c !== CR) throw new CsvSyntaxError('text_after_quote', line);
    // A line with nothing on it is not a record, so a trailing newline adds none.
    if (record.length > 1 || value !== '' || quoted) {
      records.push(record);
      lines.push(recordLine);
    }
    if (i >= n) return { records, lines };
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line += 1;
    record = [];
    recordLine = line;
    quoted = false;
  }
}
