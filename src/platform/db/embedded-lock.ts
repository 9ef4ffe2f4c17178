import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  purpose: string;
}

/** Another process holds the embedded database; PGlite itself would let both in and corrupt it. */
export class EmbeddedDatabaseLocked extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${lockFile.replace(/\/probity\.lock$/, '')} is in use by process ${holder.pid} ` +
        `(${holder.purpose}, since ${holder.startedAt}). Stop that process first; only one process may open an ` +
        `embedded database. If no such process runs, delete ${lockFile}.`,
    );
    this.name = 'EmbeddedDatabaseLocked';
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot tell for another machine: assume it is alive
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

/** Takes the data directory's lock file or throws EmbeddedDatabaseLocked; returns the release function. */
export function acquireLock(dataDir: string, purpose: string): () => void {
  const file = join(dataDir, 'probity.lock');
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      const release = () => {
        if (readHolder(file)?.pid === me.pid) unlinkSync(file);
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && isAlive(holder)) throw new EmbeddedDatabaseLocked(file, holder);
      unlinkSync(file); // left by a process that died without releasing it
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
