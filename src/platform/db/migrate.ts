import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { queryRows, type Database, type Db, type EmbeddedDatabase, type SharedDatabase } from './database';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number: the advisory lock that keeps two processes from migrating at once.
const MIGRATION_LOCK = 727_001;

async function appliedCount(db: Db): Promise<number> {
  const [table] = await queryRows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!table?.t) return 0;
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return counted?.n ?? 0;
}

/** Applies pending migrations; returns how many were applied (0 when already up to date). */
export async function migrate(database: Database): Promise<number> {
  return database.kind === 'pglite' ? migrateEmbedded(database) : migrateShared(database);
}

async function migrateEmbedded(database: EmbeddedDatabase): Promise<number> {
  const before = await appliedCount(database.db);
  await migratePglite(drizzlePglite({ client: database.client }), { migrationsFolder });
  return (await appliedCount(database.db)) - before;
}

/** On PostgreSQL several servers may start together: one migrates, the others wait and find nothing to do. */
async function migrateShared(database: SharedDatabase): Promise<number> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const db = drizzleNodePg({ client });
    const before = await appliedCount(db as unknown as Db);
    await migrateNodePg(db, { migrationsFolder });
    return (await appliedCount(db as unknown as Db)) - before;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
