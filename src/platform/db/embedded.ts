import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPglite, type EmbeddedDatabase } from './database';
import { acquireLock } from './embedded-lock';
import { migrate } from './migrate';

export interface OpenEmbeddedOptions {
  /** Why this process opens the database, shown to anyone refused by the lock. */
  purpose: string;
  /** Runs once, inside the brand-new database before it is moved into place (demo data). */
  initialise?: (database: EmbeddedDatabase) => Promise<void>;
}

export interface OpenedEmbedded {
  database: EmbeddedDatabase;
  created: boolean;
  migrationsApplied: number;
}

const pgDataDir = (dataDir: string) => join(dataDir, 'pgdata');
const isInitialised = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

function removeLeftovers(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith('pgdata.init-') || name.startsWith('pgdata.restore-')) rmSync(join(dataDir, name), { recursive: true, force: true });
  }
}

/**
 * Opens (and on first use creates) the embedded database in `dataDir`, holding its lock until closed.
 * A new database is built in a temporary directory and renamed into place only when complete, so an
 * interrupted first start leaves nothing half-made behind.
 */
export async function openEmbedded(dataDir: string, options: OpenEmbeddedOptions): Promise<OpenedEmbedded> {
  mkdirSync(dataDir, { recursive: true });
  const release = acquireLock(dataDir, options.purpose);
  try {
    removeLeftovers(dataDir);
    const target = pgDataDir(dataDir);
    let created = false;
    let migrationsApplied = 0;
    if (!isInitialised(target)) {
      rmSync(target, { recursive: true, force: true });
      const staging = join(dataDir, `pgdata.init-${process.pid}`);
      const fresh = await openPglite(staging);
      try {
        migrationsApplied = await migrate(fresh);
        await options.initialise?.(fresh);
      } catch (error) {
        await fresh.close();
        rmSync(staging, { recursive: true, force: true });
        throw error;
      }
      await fresh.close();
      renameSync(staging, target);
      created = true;
    }
    const database = await openPglite(target);
    migrationsApplied += await migrate(database);
    const close = database.close;
    return {
      created,
      migrationsApplied,
      database: { ...database, close: () => close().finally(release) },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Writes a gzip'd tarball of the embedded database; the server must be stopped (the lock says so). */
export async function backupEmbedded(dataDir: string, file: string): Promise<number> {
  const { database } = await openEmbedded(dataDir, { purpose: 'backup' });
  try {
    const dump = await database.client.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    await writeFile(file, bytes);
    return bytes.length;
  } finally {
    await database.close();
  }
}

/**
 * Replaces the embedded database with a backup. The backup is unpacked and checked in a staging
 * directory first; the previous database is kept beside it as pgdata.before-restore-<time>.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<{ keptPrevious: string | null }> {
  mkdirSync(dataDir, { recursive: true });
  const release = acquireLock(dataDir, 'restore');
  try {
    removeLeftovers(dataDir);
    const staging = join(dataDir, `pgdata.restore-${process.pid}`);
    const restored = await openPglite(staging, { loadDataDir: new Blob([await readFile(file)]) });
    try {
      await migrate(restored); // also proves the backup opens
    } finally {
      await restored.close();
    }
    const target = pgDataDir(dataDir);
    let keptPrevious: string | null = null;
    if (existsSync(target)) {
      keptPrevious = join(dataDir, `pgdata.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      renameSync(target, keptPrevious);
    }
    renameSync(staging, target);
    return { keptPrevious };
  } finally {
    release();
  }
}
