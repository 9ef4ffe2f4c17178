import { isIsoDate } from '../../../core/relationships';
import { translate, type Locale, type MessageCode } from '../../../platform/i18n/messages';
import type { RejectedRow } from './import.types';
import type { TableRow } from './read-table';

/** One data row of the file, read by target field. */
export interface ImportRow {
  line: number;
  get(field: string): string;
}

export function importRows(rows: readonly TableRow[], index: ReadonlyMap<string, number>): ImportRow[] {
  return rows.map(({ line, cells }) => ({
    line,
    get: (field: string) => {
      const at = index.get(field);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    },
  }));
}

/** Every problem found, each in the caller's language; a row with any problem is not written. */
export class Rejections {
  private readonly found: RejectedRow[] = [];
  private readonly lines = new Set<number>();

  constructor(private readonly locale: Locale) {}

  add(line: number, field: string, code: MessageCode, params: Record<string, string | number> = {}) {
    this.found.push({ line, field, code, message: translate(code, this.locale, params) });
    this.lines.add(line);
  }

  has(line: number): boolean {
    return this.lines.has(line);
  }

  /** By line, and within a line in the order found. */
  list(): RejectedRow[] {
    return [...this.found].sort((a, b) => a.line - b.line);
  }
}

/** Remembers where each key first appeared; answers that line for every later appearance. */
export function firstLines() {
  const seen = new Map<string, number>();
  return (key: string, line: number): number | undefined => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, line);
    return first;
  };
}

/** YYYY-MM-DD, also YYYY/M/D and YYYY-M-D as spreadsheets write them; null if no such day. */
function parseImportDate(text: string): string | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export const YES_NO: Record<string, boolean> = { yes: true, y: true, true: true, '1': true, 是: true, no: false, n: false, false: false, '0': false, 否: false };

/** Field readers for one row that record what is wrong as they go. */
export function fieldsOf(row: ImportRow, rejections: Rejections) {
  const reject = (field: string, code: MessageCode, params?: Record<string, string | number>) => rejections.add(row.line, field, code, params);
  const text = (field: string, max: number, required = false): string | null => {
    const value = row.get(field);
    if (!value) {
      if (required) reject(field, 'REQUIRED');
      return null;
    }
    if (value.length > max) {
      reject(field, 'TOO_LONG', { max });
      return null;
    }
    return value;
  };
  return {
    reject,
    text,
    /** `a|b|c`, blanks and repeats dropped. */
    list(field: string, max: number): string[] {
      const items = [...new Set(row.get(field).split('|').map((s) => s.trim()).filter(Boolean))];
      const long = items.find((item) => item.length > max);
      if (long) reject(field, 'TOO_LONG', { max });
      return long ? [] : items;
    },
    date(field: string): string | null {
      const value = row.get(field);
      if (!value) return null;
      const day = parseImportDate(value);
      if (!day) reject(field, 'INVALID_DATE');
      return day;
    },
    /** One of the table's keys (compared in lower case), the fallback when empty, else rejected. */
    choice<T>(field: string, table: Record<string, T>, fallback?: T): T | null {
      const value = text(field, 200, fallback === undefined);
      if (value === null) return fallback ?? null;
      const key = value.toLowerCase();
      // Own keys only: a cell reading "constructor" must not pick up Object.prototype.
      const chosen = Object.hasOwn(table, key) ? table[key] : undefined;
      if (chosen === undefined) reject(field, 'INVALID_VALUE', { value });
      return chosen ?? null;
    },
  };
}
