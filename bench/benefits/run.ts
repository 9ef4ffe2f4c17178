// Submit-with-pre-checks benchmark: a fresh database with the demo firm and N historical ledger
// entries, then a real server driven over HTTP; times POST /api/benefits/requests/:id/submit.
// Usage: npm run bench:benefits [-- --quick] [--entries 1000000] [--submissions 2000] [--concurrency 8]
//        [--analyze] [--skip pglite|postgres]
// PostgreSQL is measured too when TEST_DATABASE_URL is set, in a temporary database
// probity_bench_<pid> created and dropped on that server. The last line printed is one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database';
import { migrate } from '../../src/platform/db/migrate';
import { seedDemoFirm } from '../../src/platform/seed/demo-firm';
import { databaseMiB, loadHistory, type History } from './history';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    entries: { type: 'string' },
    submissions: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    analyze: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
  },
});
const entries = Number(values.entries ?? (values.quick ? 20_000 : 1_000_000));
const submissions = Number(values.submissions ?? (values.quick ? 300 : 2_000));
const concurrency = Number(values.concurrency);
const skip = new Set(values.skip.split(',').filter(Boolean));
const PASSWORD = 'bench-benefits-password';
// Benefit dates are calendar dates in China.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface BackendFigures {
  p50_ms: number;
  p95_ms: number;
  per_s: number;
  [extra: string]: unknown;
}

async function prepare(label: string, database: Database): Promise<History> {
  let at = performance.now();
  await migrate(database);
  await seedDemoFirm(database.db, PASSWORD);
  console.log(`${label}: migrated and seeded the demo firm in ${((performance.now() - at) / 1000).toFixed(1)} s`);
  at = performance.now();
  const history = await loadHistory(database.db, { entries, today });
  console.log(
    `${label}: ${history.entries} ledger entries (${history.requests} requests, ${history.reversals} reversed payments), ${history.totals} running totals, ` +
      `${history.extraParties} extra parties (${history.extraClients} clients) loaded in ${history.seconds} s (${history.rowsPerSecond} rows/s)`,
  );
  // A server's autovacuum analyses the loaded tables within a minute; PGlite has none, so there
  // the planner sees what the application leaves it unless --analyze is given.
  if (database.kind === 'postgres' || values.analyze) {
    at = performance.now();
    await database.db.execute(sql`analyze`);
    console.log(`${label}: analyze in ${((performance.now() - at) / 1000).toFixed(1)} s`);
  }
  console.log(`${label}: database size ${await databaseMiB(database.db)} MiB`);
  return history;
}

async function runBackend(label: string, database: Database): Promise<BackendFigures> {
  const history = await prepare(label, database);
  void history;
  return { p50_ms: NaN, p95_ms: NaN, per_s: NaN };
}

async function pglite(): Promise<BackendFigures> {
  const dir = mkdtempSync(join(os.tmpdir(), 'probity-benefits-bench-'));
  try {
    const database = await openPglite(join(dir, 'pgdata'));
    try {
      return await runBackend('pglite', database);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(url: string): Promise<BackendFigures> {
  const name = `probity_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = openPostgres(target.toString(), { max: 10 });
    try {
      return await runBackend('postgres', database);
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch((error: Error) => console.error(`could not drop ${name}: ${error.message}`));
    await admin.end();
  }
}

const out: Record<string, unknown> = { ledger_entries: entries };
if (!skip.has('pglite')) out.pglite = await pglite();
if (process.env.TEST_DATABASE_URL && !skip.has('postgres')) out.postgres = await postgres(process.env.TEST_DATABASE_URL);
console.log(JSON.stringify(out));
void round;
void submissions;
void concurrency;
