import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from '../../../test/support/constants';
import { createDataDir, killAll, runCli, startServer } from '../../../test/support/child-server';
import { createUser } from '../auth/users.service';
import { systemContext } from '../context';
import { openPglite, queryRows } from './database';
import { openEmbedded } from './embedded';
import { EmbeddedDatabaseLocked } from './embedded-lock';
import { migrate, migrationsFolder } from './migrate';

const migrationCount = (JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe.skipIf(process.env.PROBITY_TEST_DB !== 'pglite')('embedded database', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'probity-embedded-'));
    dirs.push(dir);
    return dir;
  };
  let seeded = '';
  /** A private copy of a seeded data directory (copying beats creating one: initdb takes seconds). */
  const seededCopy = () => {
    const dataDir = join(tempDir(), 'data');
    cpSync(seeded, dataDir, { recursive: true });
    return dataDir;
  };
  const lockFile = (dataDir: string) => join(dataDir, 'probity.lock');

  async function addUser(dataDir: string, username: string) {
    const { database } = await openEmbedded(dataDir, { purpose: 'test' });
    try {
      await createUser(database.db, systemContext('test'), { username, displayName: username, roles: ['staff'], password: 'a-long-enough-password' });
    } finally {
      await database.close();
    }
  }
  async function usernames(pgdata: string): Promise<string[]> {
    const database = await openPglite(pgdata);
    try {
      return (await queryRows<{ username: string }>(database.db, sql`select username from users`)).map((r) => r.username);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    const template = inject('templateDatabase');
    if (template.kind !== 'pglite') throw new Error('expected the pglite template');
    seeded = join(tempDir(), 'data');
    await createDataDir(seeded, TEST_PASSWORD, template.dumpFile);
  });
  afterAll(async () => {
    await killAll();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('creates pgdata atomically: a failed or interrupted first start leaves nothing that blocks the next', async () => {
    const dataDir = tempDir();
    const failing = openEmbedded(dataDir, { purpose: 'test', initialise: () => Promise.reject(new Error('seed failed')) });
    await expect(failing).rejects.toThrow('seed failed');
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
    expect(existsSync(lockFile(dataDir))).toBe(false);

    // What a process killed during its first start leaves: a staging directory holding junk.
    mkdirSync(join(dataDir, 'pgdata.init-12345'));
    writeFileSync(join(dataDir, 'pgdata.init-12345', 'PG_VERSION'), 'junk');
    const opened = await openEmbedded(dataDir, { purpose: 'test' });
    try {
      expect(opened.created).toBe(true);
      expect(opened.migrationsApplied).toBe(migrationCount);
      expect(readdirSync(dataDir).sort()).toEqual(['pgdata', 'probity.lock']);
    } finally {
      await opened.database.close();
    }
    expect(readdirSync(dataDir)).toEqual(['pgdata']);

    const reopened = await openEmbedded(dataDir, { purpose: 'test' });
    await reopened.database.close();
    expect(reopened).toMatchObject({ created: false, migrationsApplied: 0 });
  });

  it('refuses a second open while the first holds the lock, naming the holder', async () => {
    const dataDir = seededCopy();
    const first = await openEmbedded(dataDir, { purpose: 'first holder' });
    try {
      const second = openEmbedded(dataDir, { purpose: 'second' });
      await expect(second).rejects.toBeInstanceOf(EmbeddedDatabaseLocked);
      await expect(second).rejects.toThrow(`in use by process ${process.pid} (first holder`);
    } finally {
      await first.database.close();
    }
    expect(existsSync(lockFile(dataDir))).toBe(false);
    await (await openEmbedded(dataDir, { purpose: 'after release' })).database.close();
  });

  it('turns a second process away at once while a server holds the database', async () => {
    const dataDir = seededCopy();
    const server = await startServer({ dataDir });
    try {
      const cli = await runCli(['migrate'], { dataDir });
      expect(cli.code).not.toBe(0);
      expect(cli.stderr).toContain(`is in use by process ${server.pid} (server,`);
      expect(cli.ms, 'ms until the refused process exited').toBeLessThan(5_000);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.kill('SIGTERM');
    }
    expect(existsSync(lockFile(dataDir))).toBe(false); // a clean shutdown releases it
  });

  it('takes over a stale lock: a dead holder, or a half-written lock file', async () => {
    const dataDir = seededCopy();
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockFile(dataDir), JSON.stringify({ pid: deadPid, host: hostname(), startedAt: new Date().toISOString(), purpose: 'server' }));
    const opened = await openEmbedded(dataDir, { purpose: 'after a crash' });
    try {
      expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'after a crash' });
    } finally {
      await opened.database.close();
    }
    writeFileSync(lockFile(dataDir), '{"pid": 4');
    await (await openEmbedded(dataDir, { purpose: 'after a torn write' })).database.close();
  });

  it('migrates only once: a second migrate applies nothing, also through the CLI', async () => {
    const dataDir = seededCopy();
    const opened = await openEmbedded(dataDir, { purpose: 'test' });
    try {
      expect(opened.migrationsApplied).toBe(0);
      expect(await migrate(opened.database)).toBe(0);
    } finally {
      await opened.database.close();
    }
    const cli = await runCli(['migrate'], { dataDir });
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.stdout).toContain('nothing to apply');
  });

  it('restores a backup through the CLI, keeping the replaced database aside', async () => {
    const dataDir = seededCopy();
    const file = join(tempDir(), 'probity-backup.tar.gz');
    await addUser(dataDir, 'before.backup');
    const backup = await runCli(['backup', file], { dataDir });
    expect(backup.code, backup.stderr).toBe(0);
    await addUser(dataDir, 'after.backup');

    const restore = await runCli(['restore', file], { dataDir });
    expect(restore.code, restore.stderr).toBe(0);
    const kept = readdirSync(dataDir).filter((name) => name.startsWith('pgdata.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(restore.stdout).toContain(kept[0]);

    const now = await usernames(join(dataDir, 'pgdata'));
    expect(now).toContain('before.backup');
    expect(now).not.toContain('after.backup');
    expect(await usernames(join(dataDir, kept[0]!))).toContain('after.backup');
    const verify = await runCli(['audit', 'verify'], { dataDir });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
