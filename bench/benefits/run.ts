// Submit-with-pre-checks benchmark: a fresh database with the demo firm and N historical ledger
// entries, then a real server driven over HTTP; times POST /api/benefits/requests/:id/submit.
// Usage: npm run bench:benefits [-- --quick] [--entries 1000000] [--submissions 2000] [--concurrency 8] [--sequential 200]
//        [--analyze] [--profile] [--skip pglite|postgres]
// PostgreSQL is measured too when TEST_DATABASE_URL is set, in a temporary database
// probity_bench_<pid> created and dropped on that server. The last line printed is one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/platform/config';
import { buildApp } from '../../src/platform/http/app';
import { version } from '../../src/platform/version';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database';
import { migrate } from '../../src/platform/db/migrate';
import { seedDemoFirm } from '../../src/platform/seed/demo-firm';
import { drive } from './drive';
import { databaseMiB, explainCumulative, loadHistory, type History } from './history';
import { QueryProfile } from './profile';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    entries: { type: 'string' },
    submissions: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    sequential: { type: 'string' },
    analyze: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
  },
});
const entries = Number(values.entries ?? (values.quick ? 20_000 : 1_000_000));
const submissions = Number(values.submissions ?? (values.quick ? 300 : 2_000));
const sequential = Number(values.sequential ?? Math.min(500, Math.max(100, Math.round(submissions / 4))));
const concurrency = Number(values.concurrency);
const skip = new Set(values.skip.split(',').filter(Boolean));
const PASSWORD = 'bench-benefits-password';
// Benefit dates are calendar dates in China.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface BackendFigures {
  p50_ms: number;
  p95_ms: number;
  per_s: number;
  [extra: string]: unknown;
}

async function prepare(label: string, database: Database): Promise<{ history: History; sizeMiB: number; explain: { indexScan: boolean } }> {
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
  const sizeMiB = await databaseMiB(database.db);
  const explain = await explainCumulative(database.db, today);
  console.log(`${label}: database size ${sizeMiB} MiB; the pre-check's cumulative query:\n${explain.plan.map((line) => `    ${line}`).join('\n')}`);
  return { history, sizeMiB, explain };
}

/** The real server on a free port, with its files (attachments) in the temporary directory. */
async function runBackend(label: string, database: Database, dataDir: string): Promise<BackendFigures> {
  const { history, sizeMiB, explain } = await prepare(label, database);
  const base = loadConfig({ PROBITY_DATA_DIR: dataDir, PROBITY_SEED_DEMO: 'false' });
  const config = { ...base, login: { ...base.login, ratePerMinute: 10_000 } };
  const profile = values.profile ? new QueryProfile(database) : null;
  const app = await buildApp({ database, config, version }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  try {
    const figures = await drive({
      baseUrl: `http://127.0.0.1:${address.port}`,
      password: PASSWORD,
      history,
      today,
      submissions,
      warmup: Math.min(100, Math.max(20, Math.round(submissions / 10))),
      sequential: sequential,
      concurrency,
      ...(profile ? { measuring: profile } : {}),
    });
    if (profile) console.log(`${label}: ${profile.report(figures.submissions)}`);
    const busy = figures.concurrent;
    console.log(
      `${label}: submit one at a time p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, p99 ${figures.p99_ms} ms (${figures.submissions} after ${figures.warmup} warm-up); ` +
        `${figures.per_s}/s with ${busy.concurrency} in flight (p50 ${busy.p50_ms} ms, p95 ${busy.p95_ms} ms over ${busy.submissions}); states ${JSON.stringify(figures.states)}, ` +
        `${figures.soft_with_justification} over a soft limit with a justification, ${figures.blocked_422} blocked, errors ${JSON.stringify(figures.errors)}; ` +
        `drafts p50 ${figures.draft.p50_ms} ms, p95 ${figures.draft.p95_ms} ms`,
    );
    return {
      ...figures,
      load_s: history.seconds,
      load_rows_per_s: history.rowsPerSecond,
      requests_in_history: history.requests,
      totals_rows: history.totals,
      database_mib: sizeMiB,
      cumulative_query_index_scan: explain.indexScan,
    };
  } finally {
    await app.close();
  }
}

// Interrupted, the run still removes its temporary directory and database.
const cleanups = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
  });
}

async function pglite(): Promise<BackendFigures> {
  const dir = mkdtempSync(join(os.tmpdir(), 'probity-benefits-bench-'));
  const cleanup = async () => rmSync(dir, { recursive: true, force: true });
  cleanups.add(cleanup);
  try {
    const database = await openPglite(join(dir, 'pgdata'));
    try {
      return await runBackend('pglite', database, join(dir, 'files'));
    } finally {
      await database.close();
    }
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
  }
}

async function postgres(url: string): Promise<BackendFigures> {
  const name = `probity_bench_${process.pid}`;
  const dir = mkdtempSync(join(os.tmpdir(), 'probity-benefits-bench-'));
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const cleanup = async () => {
    await admin.query(`drop database if exists ${name} with (force)`).catch((error: Error) => console.error(`could not drop ${name}: ${error.message}`));
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.add(cleanup);
  try {
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = openPostgres(target.toString(), { max: 10 });
    try {
      return await runBackend('postgres', database, dir);
    } finally {
      await database.close();
    }
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
    await admin.end();
  }
}

const loadAtStart = os.loadavg()[0]!;
const runStarted = performance.now();
const out: Record<string, unknown> = { ledger_entries: entries };
if (!skip.has('pglite')) out.pglite = await pglite();
if (process.env.TEST_DATABASE_URL && !skip.has('postgres')) out.postgres = await postgres(process.env.TEST_DATABASE_URL);
out.target_p95_le_50ms = Object.fromEntries(['pglite', 'postgres'].filter((k) => out[k]).map((k) => [k, (out[k] as BackendFigures).p95_ms <= 50]));
// Other work on the machine inflates latencies: the load averages say how quiet it was.
out.seconds = Math.round((performance.now() - runStarted) / 1000);
out.machine = { cpus: os.cpus().length, load_at_start: Number(loadAtStart.toFixed(2)), load_at_end: Number(os.loadavg()[0]!.toFixed(2)) };
console.log(JSON.stringify(out));
