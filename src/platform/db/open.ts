import type { Config } from '../config';
import { generatePassword } from '../auth/users.service';
import { isSeeded, seedDemoFirm } from '../seed/demo-firm';
import { openPostgres, type Database } from './database';
import { openEmbedded } from './embedded';
import { migrate } from './migrate';

export interface OpenedDatabase {
  database: Database;
  migrationsApplied: number;
  /** Set when this start loaded the demo firm: the password its users sign in with. */
  demoPassword?: { value: string; generated: boolean };
  /** PostgreSQL with no users yet: the operator must create one (or load the demo). */
  empty: boolean;
}

/**
 * Opens the database the configuration names, migrated to the latest schema. With `seedNew`, a
 * brand-new embedded database also gets the demo firm (unless PROBITY_SEED_DEMO=false).
 */
export async function openConfiguredDatabase(config: Config, purpose: string, options: { seedNew: boolean }): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = openPostgres(config.databaseUrl);
    try {
      const migrationsApplied = await migrate(database);
      return { database, migrationsApplied, empty: !(await isSeeded(database.db)) };
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  let demoPassword: OpenedDatabase['demoPassword'];
  const opened = await openEmbedded(config.dataDir, {
    purpose,
    initialise: options.seedNew && config.seedDemo
      ? async (fresh) => {
          demoPassword = config.demoPassword ? { value: config.demoPassword, generated: false } : { value: generatePassword(), generated: true };
          await seedDemoFirm(fresh.db, demoPassword.value);
        }
      : undefined,
  });
  return { database: opened.database, migrationsApplied: opened.migrationsApplied, demoPassword, empty: !(await isSeeded(opened.database.db)) };
}
