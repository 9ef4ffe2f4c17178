// End-to-end submit → alert through the API: the demo firm in a fresh embedded database, the server's
// own early-warning listener running, and for each sample a split completed by a second submission;
// timed from sending that submission until the alert naming it can be read through the API.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { installModules } from '../../src/modules';
import { startMonitoring } from '../../src/modules/monitoring/runner';
import { loadConfig } from '../../src/platform/config';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database';
import { migrate } from '../../src/platform/db/migrate';
import { buildApp } from '../../src/platform/http/app';
import { seedDemoFirm } from '../../src/platform/seed/demo-firm';
import { version } from '../../src/platform/version';
import { percentile, session, type Session } from '../support/app-session';

const PASSWORD = 'bench-monitoring-password';
const POLL_MS = 5;
const quiet = { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error(...args) };

async function submitted(staff: Session, counterpartyPartyId: string, amount: string): Promise<{ id: string; sentAt: number }> {
  const created = await staff.post('/api/benefits/requests', { benefitType: 'other', counterpartyPartyId, amount, currency: 'CNY', benefitDate: new Date().toISOString().slice(0, 10), purpose: '基准测试答谢' });
  if (created.statusCode !== 201) throw new Error(`draft: ${created.statusCode} ${created.body.slice(0, 200)}`);
  const { id, version: draftVersion } = created.json<{ id: string; version: number }>();
  const sentAt = performance.now();
  const sent = await staff.post(`/api/benefits/requests/${id}/submit`, { version: draftVersion, justification: '基准测试' });
  if (sent.statusCode !== 200) throw new Error(`submit: ${sent.statusCode} ${sent.body.slice(0, 200)}`);
  return { id, sentAt };
}

export interface LatencyFigures {
  samples: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
}

/**
 * A database of its own for the run: embedded in a temporary directory, or, given a PostgreSQL server's
 * URL, a fresh database on it (dropped afterwards).
 */
async function benchDatabase(dir: string, serverUrl: string | null): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const database = await openPglite(join(dir, 'pgdata'));
    return { database, drop: () => database.close() };
  }
  const name = `probity_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString());
  return {
    database,
    drop: async () => {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

export async function measureSubmitToAlert(samples: number, progress = true, serverUrl: string | null = null): Promise<LatencyFigures> {
  installModules();
  const dir = mkdtempSync(join(os.tmpdir(), 'probity-monitoring-bench-'));
  const { database, drop } = await benchDatabase(dir, serverUrl);
  const stop: (() => Promise<void>)[] = [];
  try {
    await migrate(database);
    await seedDemoFirm(database.db, PASSWORD);
    const base = loadConfig({ PROBITY_DATA_DIR: join(dir, 'files'), PROBITY_SEED_DEMO: 'false' });
    const app = await buildApp({ database, config: { ...base, login: { ...base.login, ratePerMinute: 100_000 } }, version }, { logger: false });
    stop.push(() => app.close());
    stop.unshift(await startMonitoring(database, quiet));
    const staff = await session(app, 'staff', PASSWORD);
    const compliance = await session(app, 'compliance', PASSWORD);
    const clients = (await compliance.get(`/api/registry/clients?status=active&pageSize=200`)).json<{ items: { id: string }[] }>().items;
    const recipients: string[] = [];
    for (const client of clients) {
      if (recipients.length >= samples) break;
      const detail = (await compliance.get(`/api/registry/clients/${client.id}`)).json<{ contacts?: { party: { id: string } }[] }>();
      const contact = detail.contacts?.[0]?.party.id;
      if (contact) recipients.push(contact);
    }
    if (recipients.length < samples) throw new Error(`only ${recipients.length} client contacts for ${samples} samples`);

    const times: number[] = [];
    const bar = new SingleBar({ format: 'submit→alert {bar} {value}/{total} samples', hideCursor: true });
    if (progress) bar.start(samples, 0);
    for (const recipient of recipients) {
      // ¥3,000 then ¥2,500 for one recipient: each under the ¥5,000 threshold, together over it.
      await submitted(staff, recipient, '3000.00');
      const { id, sentAt } = await submitted(staff, recipient, '2500.00');
      for (;;) {
        const found = (await compliance.get(`/api/alerts?requestId=${id}&rule=structuring`)).json<{ total: number }>();
        if (found.total > 0) break;
        if (performance.now() - sentAt > 10_000) throw new Error(`no alert for ${id} after 10 s`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      times.push(performance.now() - sentAt);
      if (progress) bar.increment();
    }
    if (progress) bar.stop();
    times.sort((a, b) => a - b);
    return { samples, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), max_ms: percentile(times, 100) };
  } finally {
    for (const close of stop) await close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run by itself (`tsx bench/monitoring/latency.ts 100 [postgres://…]`), it prints its figures as one JSON
// line: the benchmark measures in a fresh process, away from the memory its replay of the year holds.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measureSubmitToAlert(Number(process.argv[2] ?? 100), false, process.argv[3] ?? null)));
}
