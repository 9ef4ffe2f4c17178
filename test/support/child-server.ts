// Real `probity` child processes (server and CLI) for the database durability and locking tests
// and for bench/crash-durability.ts. No Vitest imports: the bench runs this under plain tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openPglite, queryRows } from '../../src/platform/db/database';
import { openEmbedded } from '../../src/platform/db/embedded';
import { seedDemoFirm } from '../../src/platform/seed/demo-firm';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repoRoot, 'bin/probity.mjs');
const live = new Set<ChildProcess>();

/** Where the child's database is: an embedded data directory or a PostgreSQL URL. */
export type Target = { dataDir: string } | { databaseUrl: string };

function childEnv(target: Target, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Unset the other kind explicitly: an inherited DATABASE_URL would silently switch databases.
  const db = 'dataDir' in target ? { PROBITY_DATA_DIR: target.dataDir, DATABASE_URL: undefined } : { DATABASE_URL: target.databaseUrl, PROBITY_DATA_DIR: undefined };
  // These servers are about the database: they serve only the API, never build the web app and run no
  // background jobs (jobs.test.ts covers those), unless a test asks through `extra`.
  return { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', PROBITY_SERVE_WEB: 'false', PROBITY_JOBS: 'false', ...db, ...extra };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node bin/probity.mjs ARGS` to completion (killed after `timeoutMs`). */
export function runCli(args: string[], target: Target, timeoutMs = 60_000): Promise<CliResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: childEnv(target), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The server ended without being asked to; `how` is its exit code or the signal that ended it. */
export class ServerGone extends Error {
  constructor(
    readonly how: string,
    when: string,
    output: string,
  ) {
    super(`the server ended (${how}) ${when}:\n${output}`);
  }
}

export interface ChildServer {
  url: string;
  pid: number;
  output(): string;
  running(): boolean;
  /** Exit code or signal, once ended. */
  how(): string | null;
  /** Sends the signal and waits for the process to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `probity serve` on a free port and resolves once /api/health answers. */
export async function startServer(target: Target, options: { password?: string; logLevel?: string; timeoutMs?: number } = {}): Promise<ChildServer> {
  const port = await freePort();
  const extra: Record<string, string> = { PORT: String(port), LOG_LEVEL: options.logLevel ?? 'warn' };
  if (options.password) extra.PROBITY_DEMO_PASSWORD = options.password;
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: repoRoot, env: childEnv(target, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  const server: ChildServer = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    how: () => (server.running() ? null : String(child.exitCode ?? child.signalCode)),
    async kill(signal = 'SIGTERM') {
      if (server.running()) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (!server.running()) throw new ServerGone(server.how()!, 'before it was ready', output);
    const healthy = await fetch(`${server.url}/api/health`).then((r) => r.ok, () => false);
    if (healthy) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.kill('SIGKILL');
  throw new Error(`server did not become ready in time:\n${output}`);
}

/** Kills every child this module started that is still running (for afterAll and the bench's exit). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  })));
  live.clear();
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
}

/** A cookie-authenticated request; writes carry the CSRF token. */
export function call(url: string, session: Session, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Creates an API token (a committed write with an audit entry) and returns its id, or null if not 201. */
export async function createToken(url: string, session: Session, name: string): Promise<string | null> {
  const response = await call(url, session, 'POST', '/api/auth/tokens', { name });
  if (response.status !== 201) return null;
  return ((await response.json()) as { token: { id: string } }).token.id;
}

/**
 * A seeded embedded data directory, built the way a first start builds it (with the demo firm), or,
 * faster, unpacked from a dump of an already seeded database (`dumpFile`, seeded with `password`).
 */
export async function createDataDir(dataDir: string, password: string, dumpFile?: string): Promise<void> {
  if (dumpFile) {
    mkdirSync(dataDir, { recursive: true });
    const database = await openPglite(join(dataDir, 'pgdata'), { loadDataDir: new Blob([await readFile(dumpFile)]) });
    await database.close();
    return;
  }
  const { database } = await openEmbedded(dataDir, { purpose: 'test setup', initialise: (fresh) => seedDemoFirm(fresh.db, password).then(() => undefined) });
  await database.close();
}

export interface CrashRound {
  acknowledged: string[];
  /** Acknowledged token ids missing after the restart. */
  lost: string[];
  /** Writes answered with something other than 201 before the kill (should be none). */
  failed: number;
  killedAfterMs: number;
  chainIntact: boolean;
  auditOutput: string;
}

/**
 * One crash: a server on `dataDir` takes concurrent token writes, is SIGKILLed after a random
 * 0.3–1.5 s, and the directory is reopened (the dead server's lock is stale and taken over) to check
 * that every write answered 201 survived and that `probity audit verify` passes.
 */
export async function crashRound(dataDir: string, password: string, options: { concurrency?: number; label?: string } = {}): Promise<CrashRound> {
  const server = await startServer({ dataDir }, { password });
  const acknowledged: string[] = [];
  let failed = 0;
  let killed = false;
  let killedAfterMs = 0;
  try {
    const session = await signIn(server.url, 'admin', password);
    const writer = async (w: number) => {
      for (let i = 0; !killed; i += 1) {
        try {
          const id = await createToken(server.url, session, `${options.label ?? 'crash'}-${w}-${i}`);
          if (id) acknowledged.push(id);
          else if (!killed) failed += 1;
        } catch {
          // A request cut off by the kill: never acknowledged, so it may or may not have committed.
        }
      }
    };
    const started = Date.now();
    const writers = Array.from({ length: options.concurrency ?? 8 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200));
    killed = true;
    killedAfterMs = Date.now() - started;
    if (!server.running()) throw new ServerGone(server.how()!, 'during the writes, before the test killed it', server.output());
    await server.kill('SIGKILL');
    await Promise.all(writers);
  } finally {
    await server.kill('SIGKILL');
  }
  const { database } = await openEmbedded(dataDir, { purpose: 'crash check' });
  let present: Set<string>;
  try {
    const rows = await queryRows<{ id: string }>(database.db, sql`select id::text as id from api_tokens`);
    present = new Set(rows.map((r) => r.id));
  } finally {
    await database.close();
  }
  const audit = await runCli(['audit', 'verify'], { dataDir });
  return {
    acknowledged,
    lost: acknowledged.filter((id) => !present.has(id)),
    failed,
    killedAfterMs,
    chainIntact: audit.code === 0,
    auditOutput: (audit.stdout + audit.stderr).trim(),
  };
}
