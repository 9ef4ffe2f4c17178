// What recusals and information barriers cost each request: the demo firm in a fresh PGlite (and, with
// TEST_DATABASE_URL, PostgreSQL) database, one user walled off many clients and recused from more, and the
// same routes timed for them and for an unrestricted colleague with the same roles, through the app.
// Usage: npm run bench:enforcement [-- --requests 400] [--walled 200] [--skip pglite|postgres]
// The last line printed is one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { loadConfig } from '../src/platform/config';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { buildApp } from '../src/platform/http/app';
import { seedDemoFirm } from '../src/platform/seed/demo-firm';
import { version } from '../src/platform/version';
import { percentile, session as signIn } from './support/app-session';

const session = (app: Parameters<typeof signIn>[0], username: string) => signIn(app, username, PASSWORD);

const { values } = parseArgs({ options: { requests: { type: 'string', default: '400' }, walled: { type: 'string', default: '200' }, skip: { type: 'string', default: '' } } });
const requests = Number(values.requests);
const walledClients = Number(values.walled);
const skip = new Set(values.skip.split(',').filter(Boolean));
const PASSWORD = 'bench-enforcement-password';

const ROUTES = ['/api/auth/me', '/api/registry/clients?pageSize=50', `/api/registry/parties?q=${encodeURIComponent('科技')}&pageSize=50`, '/api/cases?scope=all&pageSize=50', '/api/benefits/requests?scope=all&pageSize=50'];

async function measure(label: string, database: Database, dataDir: string) {
  let at = performance.now();
  await migrate(database);
  await seedDemoFirm(database.db, PASSWORD);
  console.log(`${label}: migrated and seeded the demo firm in ${((performance.now() - at) / 1000).toFixed(1)} s`);
  const base = loadConfig({ PROBITY_DATA_DIR: dataDir, PROBITY_SEED_DEMO: 'false' });
  const app = await buildApp({ database, config: { ...base, login: { ...base.login, ratePerMinute: 100_000 } } , version }, { logger: false });
  try {
    // Two officers with the same roles; one is walled off `walledClients` clients and recused from ten more.
    const admin = await session(app, 'admin');
    const department = (await admin.get('/api/departments')).json().items[0].id as string;
    const ids: Record<string, string> = {};
    for (const username of ['bench.walled', 'bench.free']) {
      const created = await admin.post('/api/users', { username, displayName: username, departmentId: department, roles: ['compliance', 'finance', 'manager', 'staff'], password: PASSWORD });
      ids[username] = created.json().id;
    }
    const compliance = await session(app, 'compliance');
    const clientIds = ((await compliance.get(`/api/registry/clients?pageSize=200`)).json().items as { id: string }[]).map((c) => c.id);
    const walled = clientIds.slice(0, Math.min(walledClients, clientIds.length - 10));
    await compliance.post('/api/recusals/barriers', { name: '基准测试隔离墙', clientIds: walled, walledOffUserIds: [ids['bench.walled']], reason: 'benchmark' });
    for (const clientId of clientIds.slice(walled.length, walled.length + 10)) await compliance.post('/api/recusals', { userId: ids['bench.walled'], clientIds: [clientId], reason: 'benchmark', approve: true });

    const figures: Record<string, { restricted: { p50_ms: number; p95_ms: number }; unrestricted: { p50_ms: number; p95_ms: number } }> = {};
    const bar = new SingleBar({ format: `${label} {bar} {value}/{total} requests`, hideCursor: true });
    bar.start(ROUTES.length * 2 * requests, 0);
    for (const route of ROUTES) {
      const timings: Record<string, number[]> = {};
      for (const username of ['bench.walled', 'bench.free']) {
        const user = await session(app, username);
        for (let i = 0; i < 20; i++) await user.get(route);
        const times: number[] = [];
        for (let i = 0; i < requests; i++) {
          at = performance.now();
          const answer = await user.get(route);
          times.push(performance.now() - at);
          if (answer.statusCode !== 200) throw new Error(`${route} for ${username}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
          bar.increment();
        }
        timings[username] = times.sort((a, b) => a - b);
      }
      const of = (t: number[]) => ({ p50_ms: percentile(t, 50), p95_ms: percentile(t, 95) });
      figures[route.split('?')[0]!] = { restricted: of(timings['bench.walled']!), unrestricted: of(timings['bench.free']!) };
    }
    bar.stop();
    for (const [route, f] of Object.entries(figures)) console.log(`${label}: ${route} restricted p50 ${f.restricted.p50_ms} ms p95 ${f.restricted.p95_ms} ms; unrestricted p50 ${f.unrestricted.p50_ms} ms p95 ${f.unrestricted.p95_ms} ms`);
    return { hidden_clients: walled.length + 10, routes: figures };
  } finally {
    await app.close();
  }
}

async function main() {
  const result: Record<string, unknown> = { requests_per_route: requests };
  if (!skip.has('pglite')) {
    const dir = mkdtempSync(join(os.tmpdir(), 'probity-enforcement-bench-'));
    try {
      const database = await openPglite(join(dir, 'pgdata'));
      try {
        result.pglite = await measure('pglite', database, join(dir, 'files'));
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url && !skip.has('postgres')) {
    const name = `probity_bench_enforcement_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dir = mkdtempSync(join(os.tmpdir(), 'probity-enforcement-bench-'));
    try {
      const target = new URL(url);
      target.pathname = `/${name}`;
      const database = openPostgres(target.toString());
      try {
        result.postgres = await measure('postgres', database, dir);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  }
  console.log(JSON.stringify(result));
}

await main();
