// Imports generated parties and relationships files into a fresh embedded database and times each,
// then builds the conflict-check index from that database and times checks with relationship paths.
// Usage: npm run bench:import [-- --rows 100000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../src/cli/import';
import { runImport } from '../src/modules/registry/import/import.service';
import type { ImportKind } from '../src/modules/registry/import/import.types';
import { installModules } from '../src/modules';
import { PartyIndex } from '../src/modules/conflicts/party-index';
import { screen } from '../src/modules/conflicts/screening';
import { parseCsv } from '../src/core/csv';
import { verifyAuditChain } from '../src/platform/audit/audit.service';
import { systemContext } from '../src/platform/context';
import type { Db } from '../src/platform/db/database';
import { openEmbedded } from '../src/platform/db/embedded';
import { generateRegistry } from './generate-registry';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), 'probity-import-bench-'));
const files = { parties: join(dir, 'parties.csv'), relationships: join(dir, 'relationships.csv') };

async function timedImport(db: Db, kind: ImportKind, file: string) {
  const bar = progressBar(Boolean(process.stderr.isTTY));
  const started = performance.now();
  const report = await runImport(db, systemContext('bench'), kind, readFileSync(file), { dryRun: false, onProgress: bar.onProgress }, 'en').finally(bar.stop);
  const seconds = (performance.now() - started) / 1000;
  if (report.rejected.length) throw new Error(`${kind}: ${report.rejected.length} rows rejected, first: ${JSON.stringify(report.rejected[0])}`);
  console.log(`${kind}: ${report.valid} rows in ${seconds.toFixed(1)} s (${Math.round(report.valid / seconds)} rows/s), created ${JSON.stringify(report.created)}`);
  return { seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(report.valid / seconds) };
}

/** The server's path: the index built from the database, then checks of imported names with 2 hops. */
async function timedChecks(db: Db, partiesFile: string) {
  const started = performance.now();
  const index = new PartyIndex(db);
  await index.start();
  const buildSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  const rssMiB = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const names = parseCsv(readFileSync(partiesFile, 'utf8')).records.slice(1);
  const times: number[] = [];
  for (let n = 0; n < 200; n += 1) {
    const [, kind, name] = names[(n * 7919) % names.length]!;
    const at = performance.now();
    await screen(db, index, [{ name: name!, kind: kind as 'person' | 'org', role: 'prospective_client', identifiers: [] }], { mode: 'fuzzy', hops: 2, minScore: 0.5 });
    times.push(performance.now() - at);
  }
  times.sort((a, b) => a - b);
  const ms = (q: number) => Number(times[Math.floor(q * (times.length - 1))]!.toFixed(1));
  const result = { indexed: index.size, buildSeconds, rssMiB, checks: times.length, p50Ms: ms(0.5), p95Ms: ms(0.95) };
  console.log(`conflict check: index of ${result.indexed} parties built from the database in ${buildSeconds} s (process RSS ${rssMiB} MiB); 2-hop checks p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms`);
  return result;
}

try {
  installModules();
  generateRegistry(rows, files.parties, files.relationships);
  const { database } = await openEmbedded(join(dir, 'data'), { purpose: 'import benchmark' });
  try {
    const parties = await timedImport(database.db, 'parties', files.parties);
    const relationships = await timedImport(database.db, 'relationships', files.relationships);
    const chain = await verifyAuditChain(database.db);
    console.log(`audit trail ${chain.ok ? 'intact' : 'BROKEN'}: ${chain.checked} entries verified`);
    const check = await timedChecks(database.db, files.parties);
    const seconds = Math.max(parties.seconds, relationships.seconds);
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ rows, seconds, rowsPerSecond: Math.round(rows / seconds), peakRssMiB, parties, relationships, check }));
    if (seconds >= 60 || !chain.ok) process.exitCode = 1;
  } finally {
    await database.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
