import { z } from 'zod';

export const importKinds = ['parties', 'clients', 'contacts', 'relationships', 'ftm'] as const;
export type ImportKind = (typeof importKinds)[number];

/** One rejected row: its line in the file (the header is line 1), the field and the rule it broke. */
export const RejectedRowSchema = z.object({ line: z.number().int(), field: z.string(), code: z.string(), message: z.string() });
export type RejectedRow = z.infer<typeof RejectedRowSchema>;

/** What an import (or its dry run) found and did; the same for the API, the CLI and FtM files. */
export const ImportReportSchema = z.object({
  kind: z.enum(importKinds),
  format: z.enum(['csv', 'xlsx', 'ftm']),
  encoding: z.enum(['utf-8', 'gb18030']).nullable(),
  columns: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  rows: z.number().int(),
  valid: z.number().int(),
  rejected: z.array(RejectedRowSchema),
  /** True only when this call wrote: not a dry run, and at least one valid row. */
  written: z.boolean(),
  /** Records created, by type (e.g. { parties: 120, relationships: 30 }). */
  created: z.record(z.string(), z.number().int()),
  /** The first valid rows as they will be stored, for the confirmation step. */
  preview: z.array(z.record(z.string(), z.string())),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export interface ImportOptions {
  dryRun: boolean;
  /** Target field → column name in the file; fields left out are looked up by their own name. */
  mapping?: Record<string, string>;
  /** Called as rows are validated and written, for progress bars. */
  onProgress?: (stage: 'parse' | 'validate' | 'write', done: number, total: number) => void;
}
