import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database';
import { migrate } from '../../src/platform/db/migrate';
import { seedDemoFirm } from '../../src/platform/seed/demo-firm';
import { installModules } from '../../src/modules';
import { TEST_PASSWORD } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; adminUrl: string; name: string };
  }
}

async function prepare(database: Database) {
  installModules();
  await migrate(database);
  await seedDemoFirm(database.db, TEST_PASSWORD);
}

/** Migrates and seeds one template per run; every test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  if (project.config.env?.PROBITY_TEST_DB === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `probity_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const template = openPostgres(url.toString(), { max: 2 });
    await prepare(template);
    await template.close();
    project.provide('templateDatabase', { kind: 'postgres', adminUrl, name });
    return async () => {
      const copies = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${name.replace('tpl', 't')}%`]);
      for (const { datname } of copies.rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'probity-template-'));
  const template = await openPglite(undefined);
  await prepare(template);
  const dump = await template.client.dumpDataDir('none');
  await template.close();
  const dumpFile = join(dir, 'template.tar');
  writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDatabase', { kind: 'pglite', dumpFile });
  return () => rmSync(dir, { recursive: true, force: true });
}
