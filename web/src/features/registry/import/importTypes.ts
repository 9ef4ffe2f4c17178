import { queryString } from '../../../app/api';

export const IMPORT_KINDS = ['parties', 'clients', 'contacts', 'relationships', 'ftm'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type TableKind = Exclude<ImportKind, 'ftm'>;

export interface ImportField {
  name: string;
  required: boolean;
  description: string;
}

export interface RejectedRow {
  line: number;
  field: string;
  code: string;
  message: string;
}

export interface ImportReport {
  kind: ImportKind;
  format: 'csv' | 'xlsx' | 'ftm';
  encoding: 'utf-8' | 'gb18030' | null;
  columns: string[];
  mapping: Record<string, string>;
  rows: number;
  valid: number;
  rejected: RejectedRow[];
  written: boolean;
  created: Record<string, number>;
  preview: Record<string, string>[];
}

/** Field → column; fields not mapped are looked up by their own name on the server. */
export type Mapping = Record<string, string | undefined>;

/** Only the fields that have a column. */
export const chosen = (mapping: Mapping): Record<string, string> =>
  Object.fromEntries(Object.entries(mapping).filter((entry): entry is [string, string] => !!entry[1]));

export const sameMapping = (a: Mapping, b: Mapping) =>
  JSON.stringify(Object.entries(chosen(a)).sort()) === JSON.stringify(Object.entries(chosen(b)).sort());

export function importUrl(kind: ImportKind, dryRun: boolean, mapping: Mapping): string {
  if (kind === 'ftm') return `/api/registry/ftm/import${queryString({ dryRun: String(dryRun) })}`;
  const columns = chosen(mapping);
  return `/api/registry/imports${queryString({ kind, dryRun: String(dryRun), mapping: Object.keys(columns).length ? JSON.stringify(columns) : undefined })}`;
}

export const CREATED_TYPES = ['parties', 'names', 'identifiers', 'clients', 'contacts', 'relationships'] as const;
export type CreatedType = (typeof CREATED_TYPES)[number];
export const isCreatedType = (type: string): type is CreatedType => (CREATED_TYPES as readonly string[]).includes(type);

/** The list page (and its menu label) where records of each created type show up. */
export const LIST_OF: Partial<Record<CreatedType, 'parties' | 'clients' | 'relationships'>> = {
  parties: 'parties',
  clients: 'clients',
  contacts: 'clients',
  relationships: 'relationships',
};
