// Name-matching benchmark: Probity's engine, Fuse.js and PostgreSQL pg_trgm side by side on a synthetic
// registry with labelled variants (see generate.ts for what counts as a correct answer).
// Usage: npm run bench:match [-- --parties 100000] [-- --quick] [--queries 2000] [--peer-queries N]
//        [--peer-budget seconds] [--skip fuse,pglite,postgres]
// Without --parties or --quick it runs 10k, 100k and 1M one after another, a JSON line each (1M last).
// PostgreSQL is measured too when TEST_DATABASE_URL is set (a bench_match_<pid> table, dropped afterwards).
// The last line printed is one JSON object with every figure.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import cliProgress from 'cli-progress';
import Fuse from 'fuse.js';
import pg from 'pg';
import { NameIndex } from '../../src/core/matching/name-index';
import { LIKELY } from '../../src/core/matching/score';
import { generate, VARIANTS, type Dataset, type Query, type Variant } from './generate';

const { values } = parseArgs({
  options: {
    parties: { type: 'string' },
    quick: { type: 'boolean', default: false },
    queries: { type: 'string', default: '2000' },
    'peer-queries': { type: 'string' },
    'peer-budget': { type: 'string', default: '150' },
    skip: { type: 'string', default: '' },
  },
});

// Large registries need more than the default heap, and memory is read after a forced collection:
// run again under node with --expose-gc and a larger heap (plain `tsx` works without, less precisely).
if (!process.env.BENCH_MATCH_CHILD) {
  const sizes = values.quick || values.parties ? [[]] : [10_000, 100_000, 1_000_000].map((n) => ['--parties', String(n)]);
  for (const size of sizes) {
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), ...size], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_MATCH_CHILD: '1' },
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
  process.exit(0);
}

const parties = values.quick ? 10_000 : Number(values.parties ?? 1_000_000);
const queryCount = Number(values.queries);
const peerQueries = Number(values['peer-queries'] ?? (parties <= 10_000 ? 200 : parties <= 100_000 ? 100 : 40));
const peerBudgetMs = Number(values['peer-budget']) * 1000;
const skip = new Set(values.skip.split(',').filter(Boolean));
const TOP = 10;

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc ?? exposeGc();
function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
function memory() {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss };
}
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

function bar(label: string, total: number) {
  if (!process.stderr.isTTY) return { update: (_: number) => undefined, stop: () => undefined };
  const b = new cliProgress.SingleBar({ format: `${label.padEnd(16)} [{bar}] {value}/{total} {duration}s`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  b.start(total, 0);
  return { update: (n: number) => b.update(n), stop: () => b.stop() };
}

interface Figures {
  p50_ms: number;
  p95_ms: number;
  recall_at_10: number;
  top1_precision: number;
  build_ms: number;
  memory_mb: number;
  queries: number;
  recall_by_variant: Partial<Record<Variant, number>>;
  [extra: string]: unknown;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs `search` over the queries (within a time budget), timing each, and scores the answers. */
async function measure(label: string, data: Dataset, queries: Query[], search: (q: Query) => number[] | Promise<number[]>, budgetMs = Infinity) {
  for (const q of queries.slice(0, 5)) await search(q); // warm-up
  const times: number[] = [];
  const found: boolean[] = [];
  const first: boolean[] = [];
  const progress = bar(label, queries.length);
  const started = performance.now();
  for (const q of queries) {
    const t = performance.now();
    const hits = await search(q);
    times.push(performance.now() - t);
    found.push(hits.slice(0, TOP).some((h) => data.correct(q, h)));
    first.push(hits.length > 0 && data.correct(q, hits[0]!));
    progress.update(times.length);
    if (performance.now() - started > budgetMs) break;
  }
  progress.stop();
  const measured = queries.slice(0, times.length);
  const share = (flags: boolean[]) => round(flags.filter(Boolean).length / Math.max(1, flags.length));
  const byVariant: Partial<Record<Variant, number>> = {};
  for (const v of VARIANTS) {
    const of = measured.map((q, i) => (q.variant === v ? found[i]! : null)).filter((x) => x !== null);
    if (of.length) byVariant[v] = share(of);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 0.5), 2), p95_ms: round(percentile(sorted, 0.95), 2), recall_at_10: share(found), top1_precision: share(first), queries: times.length, recall_by_variant: byVariant, found };
}

function report(name: string, f: Figures) {
  console.log(
    `${name.padEnd(16)} p50 ${f.p50_ms} ms  p95 ${f.p95_ms} ms  recall@10 ${f.recall_at_10}  top1 ${f.top1_precision}  build ${(f.build_ms / 1000).toFixed(1)} s  memory ${f.memory_mb} MB  (${f.queries} queries)`,
  );
  console.log(`${''.padEnd(16)} recall by variant: ${Object.entries(f.recall_by_variant).map(([v, r]) => `${v} ${r}`).join(', ')}`);
}

const partyIndex = (id: string) => Number(id.slice(1));

async function probity(data: Dataset, queries: Query[]) {
  const before = memory();
  const started = performance.now();
  let index: NameIndex | null = new NameIndex();
  const progress = bar('probity index', data.parties.length);
  data.parties.forEach((party, n) => {
    // A copy, so that the index's memory includes the names and ids it keeps (not shared with the generator).
    index!.add(structuredClone(party));
    if (n % 10_000 === 0) progress.update(n);
  });
  index.compact();
  progress.stop();
  const build_ms = Math.round(performance.now() - started);
  const after = memory();
  // Few, well-ranked hits: how many a query returns (at most TOP, score ≥ MIN_SCORE) and how many are likely.
  let hits = 0;
  let likely = 0;
  const { found, ...figures } = await measure('probity queries', data, queries, (q) => {
    const found = index!.search({ name: q.name, kind: q.kind }, { top: TOP, mode: 'fuzzy' });
    hits += found.length;
    likely += found.filter((h) => h.score >= LIKELY).length;
    return found.map((h) => partyIndex(h.partyId));
  });
  const runs = figures.queries + Math.min(5, queries.length);
  const result: Figures = {
    ...figures,
    build_ms,
    memory_mb: mb(after.heap - before.heap),
    rss_mb: mb(after.rss - before.rss),
    gc: Boolean(gc),
    mean_hits: round(hits / runs, 2),
    mean_likely_hits: round(likely / runs, 2),
  };
  index = null;
  return { result, found };
}

async function fuse(data: Dataset, queries: Query[]) {
  const options = { keys: ['names'], includeScore: true, ignoreLocation: true, threshold: 0.4 };
  const before = memory();
  const started = performance.now();
  let engine: Fuse<(typeof data.parties)[number]> | null = new Fuse(data.parties, options, Fuse.createIndex(options.keys, data.parties));
  const build_ms = Math.round(performance.now() - started);
  const after = memory();
  const { found, ...figures } = await measure('fuse.js', data, queries, (q) => engine!.search(q.name, { limit: TOP }).map((r) => r.refIndex), peerBudgetMs);
  engine = null;
  const result: Figures = { ...figures, build_ms, memory_mb: mb(after.heap - before.heap), rss_mb: mb(after.rss - before.rss), options };
  return { result, found };
}

/** pg_trgm over a normalised (NFKC, lower-case, punctuation as spaces) name per row, aliases as rows. */
const pgText = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/gu, ' ').trim();
const THRESHOLD = 0.3;

interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

async function trigrams(label: string, db: Sql, table: string, data: Dataset, queries: Query[], rssOf?: () => number) {
  const before = rssOf?.() ?? 0;
  const started = performance.now();
  await db.query('create extension if not exists pg_trgm');
  await db.query(`create table ${table} (party integer not null, kind text not null, name text not null)`);
  const progress = bar(`${label} load`, data.parties.length);
  const chunk = 20_000;
  for (let at = 0; at < data.parties.length; at += chunk) {
    const ids: number[] = [];
    const kinds: string[] = [];
    const names: string[] = [];
    data.parties.slice(at, at + chunk).forEach((p, n) => {
      for (const name of p.names) {
        ids.push(at + n);
        kinds.push(p.kind);
        names.push(pgText(name));
      }
    });
    await db.query(`insert into ${table} select * from unnest($1::int[], $2::text[], $3::text[])`, [ids, kinds, names]);
    progress.update(Math.min(at + chunk, data.parties.length));
  }
  progress.stop();
  await db.query(`create index on ${table} using gin (name gin_trgm_ops)`);
  await db.query(`analyze ${table}`);
  const build_ms = Math.round(performance.now() - started);
  const size = (await db.query<{ bytes: string }>(`select pg_total_relation_size('${table}')::text as bytes`)).rows[0]!.bytes;
  await db.query(`set pg_trgm.similarity_threshold = ${THRESHOLD}`);
  // In-process (PGlite) only: a server's memory is its own.
  const rss = rssOf ? mb(rssOf() - before) : null;
  const { found, ...figures } = await measure(label, data, queries, async (q) => {
    const { rows } = await db.query<{ party: number }>(
      `select party from ${table} where name % $1 and kind = $2 order by similarity(name, $1) desc limit ${TOP * 3}`,
      [pgText(q.name), q.kind],
    );
    return [...new Set(rows.map((r) => r.party))].slice(0, TOP);
  }, peerBudgetMs);
  const result: Figures = { ...figures, build_ms, memory_mb: mb(Number(size)), memory_basis: 'table + GIN index size', rss_mb: rss, similarity_threshold: THRESHOLD };
  return { result, found };
}

async function pglite(data: Dataset, queries: Query[]) {
  const db = await PGlite.create({ extensions: { pg_trgm } });
  try {
    return await trigrams('pg_trgm pglite', db, 'bench_match', data, queries, () => memory().rss);
  } finally {
    await db.close();
  }
}

async function postgres(url: string, data: Dataset, queries: Query[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const table = `bench_match_${process.pid}`;
  try {
    return await trigrams('pg_trgm postgres', client, table, data, queries);
  } finally {
    await client.query(`drop table if exists ${table}`);
    await client.end();
  }
}

const generated = performance.now();
const data = generate(parties, queryCount);
console.log(`${parties} parties, ${data.queries.length} labelled queries (${VARIANTS.join(', ')}), generated in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
const sample = data.queries.slice(0, peerQueries);

const out: Record<string, unknown> = { parties };
const loadAtStart = os.loadavg()[0]!;
const { result: ours, found: ourFound } = await probity(data, data.queries);
report('probity', ours);
out.probity = ours;
/** Probity's recall on exactly the queries a peer was measured on, for a like-for-like comparison. */
const sameQueries = (n: number) => round(ourFound.slice(0, n).filter(Boolean).length / Math.max(1, n));
const peers: [string, () => Promise<{ result: Figures }>][] = [
  ['fuse', () => fuse(data, sample)],
  ['pg_trgm', () => pglite(data, sample)],
];
if (process.env.TEST_DATABASE_URL) peers.push(['pg_trgm_postgres', () => postgres(process.env.TEST_DATABASE_URL!, data, sample)]);
for (const [name, run] of peers) {
  if (skip.has(name === 'pg_trgm' ? 'pglite' : name === 'pg_trgm_postgres' ? 'postgres' : name)) continue;
  const { result } = await run();
  result.probity_recall_at_10_same_queries = sameQueries(result.queries);
  result.probity_speedup_p95 = round(result.p95_ms / ours.p95_ms, 1);
  report(name, result);
  out[name] = result;
}
const peerFigures = ['fuse', 'pg_trgm'].map((k) => out[k] as Figures | undefined).filter((f) => f !== undefined);
// The targets are stated for 1M parties; at smaller sizes they are shown for orientation only.
out.targets = {
  stated_for_parties: 1_000_000,
  p95_le_10ms: ours.p95_ms <= 10,
  recall_ge_0_97: ours.recall_at_10 >= 0.97,
  top1_ge_0_9: ours.top1_precision >= 0.9,
  memory_le_1_5gb: ours.memory_mb <= 1536,
  speedup_ge_20x_at_equal_recall: peerFigures.length > 0 && peerFigures.every((f) => (f.probity_speedup_p95 as number) >= 20 && (f.probity_recall_at_10_same_queries as number) >= f.recall_at_10),
};
// Other work on the machine inflates latencies: the load averages say how quiet it was.
out.machine = { cpus: os.cpus().length, load_at_start: round(loadAtStart, 2), load_at_end: round(os.loadavg()[0]!, 2) };
console.log(JSON.stringify(out));
