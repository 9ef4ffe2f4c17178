import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, killAll, runCli, signIn, startServer } from '../../../test/support/child-server';
import { migrationsFolder } from './migrate';

const migrationCount = (JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe.skipIf(process.env.PROBITY_TEST_DB !== 'postgres')('two server processes on one PostgreSQL database', () => {
  const name = `probity_mp_${randomBytes(4).toString('hex')}`;
  const password = 'multi-process-password';
  let databaseUrl = '';
  async function connect<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const admin = <T>(work: (client: pg.Client) => Promise<T>) => connect(process.env.TEST_DATABASE_URL!, work);

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  });
  afterAll(async () => {
    await killAll();
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it('migrates once, shares sessions and keeps one audit chain across both', { timeout: 120_000 }, async () => {
    // Started together on an empty database, so their migrations race for the advisory lock.
    const [a, b] = await Promise.all([startServer({ databaseUrl }, { logLevel: 'info' }), startServer({ databaseUrl }, { logLevel: 'info' })]);
    const migrated = [a, b].filter((s) => s.output().includes('"msg":"database migrated"'));
    expect(migrated, 'exactly one server applies the migrations').toHaveLength(1);
    const applied = await connect(databaseUrl, (c) => c.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations'));
    expect(applied.rows[0]!.n).toBe(migrationCount);

    const seed = await runCli(['seed', '--password', password], { databaseUrl });
    expect(seed.code, seed.stderr).toBe(0);

    const session = await signIn(a.url, 'admin', password);
    const me = await call(b.url, session, 'GET', '/api/auth/me');
    expect(me.status, 'a session made on A is valid on B').toBe(200);
    const madeOnB = await createToken(b.url, session, 'made on B');
    expect(madeOnB, 'a write on B with the CSRF token from A').not.toBeNull();
    const listedOnA = ((await (await call(a.url, session, 'GET', '/api/auth/tokens')).json()) as { items: { id: string }[] }).items;
    expect(listedOnA.map((t) => t.id)).toContain(madeOnB);

    // Concurrent writes through both processes must still append to one unbroken chain.
    const second = await signIn(b.url, 'compliance', password);
    const writes = await Promise.all(
      Array.from({ length: 24 }, (_, i) => createToken(i % 2 ? a.url : b.url, i % 3 ? session : second, `interleaved-${i}`)),
    );
    expect(writes.filter((id) => id === null)).toEqual([]);
    const verify = await runCli(['audit', 'verify'], { databaseUrl });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(Number(/(\d+) entries verified/.exec(verify.stdout)?.[1])).toBeGreaterThanOrEqual(writes.length + 3);
  });
});
