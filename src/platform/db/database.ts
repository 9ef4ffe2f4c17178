import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: services take it so several writes and the audit entry commit together. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

interface DatabaseBase {
  readonly db: Db;
  /** Where the data lives, for logs and messages (never includes a password). */
  readonly location: string;
  close(): Promise<void>;
}
export interface EmbeddedDatabase extends DatabaseBase {
  readonly kind: 'pglite';
  readonly client: PGlite;
}
export interface SharedDatabase extends DatabaseBase {
  readonly kind: 'postgres';
  readonly pool: pg.Pool;
}
export type Database = EmbeddedDatabase | SharedDatabase;

export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<EmbeddedDatabase> {
  const client = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir, extensions: { pg_trgm } });
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return { kind: 'pglite', db, client, location: dataDir ?? 'memory://', close: () => client.close() };
}

export function openPostgres(url: string, options: { max?: number } = {}): SharedDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, options: '-c TimeZone=UTC' });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return { kind: 'postgres', db, pool, location: redactUrl(url), close: () => pool.end() };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/** Runs `work` in one transaction: it all commits, or none of it does. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T extends Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
