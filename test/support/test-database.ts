import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database';

/** A private copy of the migrated, seeded template database for one test file. */
export async function openTestDatabase(): Promise<Database> {
  const template = inject('templateDatabase');
  if (template.kind === 'pglite') {
    return openPglite(undefined, { loadDataDir: new Blob([readFileSync(template.dumpFile)]) });
  }
  const name = `${template.name.replace('tpl', 't')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(template.adminUrl);
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), { max: 4 });
}
