import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import { runImport } from '../modules/registry/import/import.service';
import type { ImportKind, ImportOptions, ImportReport } from '../modules/registry/import/import.types';
import type { Config } from '../platform/config';
import { systemContext } from '../platform/context';
import type { Db } from '../platform/db/database';
import { DomainError } from '../platform/errors';
import { translate, type Locale } from '../platform/i18n/messages';

export interface ImportArgs {
  file: string;
  kind: ImportKind;
  dryRun: boolean;
  json: boolean;
  yes: boolean;
}

/** Row messages in Chinese on a Chinese system, otherwise in English like the rest of the command. */
export const cliLocale = (env: NodeJS.ProcessEnv = process.env): Locale => (/^zh/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'zh-CN' : 'en');

const STAGES = { parse: 'Reading ', validate: 'Checking', write: 'Writing ' } as const;

/** A bar on stderr, for people watching a terminal; nothing for pipes and --json. */
export function progressBar(enabled: boolean): { onProgress?: ImportOptions['onProgress']; stop(): void } {
  if (!enabled) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: '{stage} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let stage: string | null = null;
  return {
    onProgress(next, done, total) {
      if (next !== stage) {
        if (stage) bar.stop();
        stage = next;
        bar.start(total, done, { stage: STAGES[next] });
      } else bar.update(done);
    },
    stop() {
      if (stage) bar.stop();
      stage = null;
    },
  };
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|是)$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

function printReport(file: string, report: ImportReport) {
  const encoding = report.encoding ? `, ${report.encoding}` : '';
  const rejectedRows = new Set(report.rejected.map((r) => r.line)).size;
  console.log(`${file}: ${report.rows} rows (${report.format}${encoding}): ${report.valid} valid, ${rejectedRows} rejected.`);
  for (const r of report.rejected) console.log(`  line ${r.line}  ${r.field}  ${r.code}  ${r.message}`);
}

function printOutcome(report: ImportReport, dryRun: boolean) {
  if (report.written) console.log(`Imported: ${Object.entries(report.created).map(([type, n]) => `${type} ${n}`).join(', ')}.`);
  else console.log(dryRun ? 'Dry run: nothing was written.' : 'Nothing was imported.');
}

/** A whole-file problem (too large, not CSV/XLSX, a missing column) in the shape of the JSON report. */
const fileProblem = (error: DomainError, locale: Locale) => ({
  valid: 0,
  rejected: [{ line: Number(error.details?.line ?? 0), field: error.fields?.[0]?.path ?? 'file', code: error.code, message: translate(error.code, locale, error.params) }],
});

/**
 * `probity import FILE --kind K`: checks every row, then (unless --dry-run) writes the valid ones in
 * one transaction, after asking on a terminal. Exit 0 when no row was rejected, 1 otherwise.
 */
export async function importCommand(db: Db, config: Config, args: ImportArgs): Promise<number> {
  const locale = cliLocale();
  const interactive = !args.dryRun && !args.json && !args.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const bar = progressBar(!args.json && Boolean(process.stderr.isTTY));
  const run = (bytes: Buffer, dryRun: boolean) => runImport(db, systemContext('cli'), args.kind, bytes, { dryRun, onProgress: bar.onProgress }, locale).finally(bar.stop);
  let bytes: Buffer;
  let report: ImportReport;
  try {
    if ((await stat(args.file)).size > config.importMaxMb * 1024 * 1024) throw new DomainError(413, 'FILE_TOO_LARGE', { limit: config.importMaxMb });
    bytes = await readFile(args.file);
    report = await run(bytes, args.dryRun || interactive);
  } catch (error) {
    if (!(error instanceof DomainError && args.json)) throw error;
    console.log(JSON.stringify(fileProblem(error, locale)));
    return 1;
  }
  if (args.json) {
    const { valid, rejected, written, created } = report;
    console.log(JSON.stringify({ valid, rejected, written, created }));
    return rejected.length ? 1 : 0;
  }
  printReport(args.file, report);
  if (interactive && report.valid > 0 && (await confirm(`Import ${report.valid} valid rows? [y/N] `))) report = await run(bytes, false);
  printOutcome(report, args.dryRun);
  return report.rejected.length ? 1 : 0;
}
