import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isRole, roles, type Role } from '../core/access';
import { createUser, findDepartmentByCode, findUserByUsername, generatePassword, resetPassword } from '../platform/auth/users.service';
import { verifyAuditChain } from '../platform/audit/audit.service';
import { loadConfig, type Config } from '../platform/config';
import { systemContext } from '../platform/context';
import { backupEmbedded, restoreEmbedded } from '../platform/db/embedded';
import { EmbeddedDatabaseLocked } from '../platform/db/embedded-lock';
import { openConfiguredDatabase, type OpenedDatabase } from '../platform/db/open';
import { DomainError } from '../platform/errors';
import { translate } from '../platform/i18n/messages';
import { isSeeded, seedDemoFirm } from '../platform/seed/demo-firm';
import { installModules } from '../modules';
import { importKinds, type ImportKind } from '../modules/registry/import/import.types';
import { importCommand } from './import';
import { serve } from './serve';

const USAGE = `Usage: probity <command>

  serve                              start the server (PORT, DATABASE_URL, PROBITY_DATA_DIR…)
  migrate                            apply pending database migrations
  seed [--password P]                load the demo firm into an empty database
  audit verify                       check the audit trail's hash chain (exit 1 if broken)
  user create USERNAME --name NAME --role ROLE[,ROLE] [--department CODE] [--password P]
  user reset-password USERNAME [--password P]
  backup FILE                        copy the embedded database to FILE (server stopped)
  restore FILE                       replace the embedded database with FILE (server stopped)
  import FILE --kind KIND [--dry-run] [--json] [--yes]
                                     check a CSV/XLSX (or FtM JSON lines) file row by row, then
                                     load its valid rows in one transaction
                                     (KIND: ${importKinds.join(', ')}; exit 1 if any row is rejected)
  match --parties FILE --queries FILE [--top 10] [--hops 0] [--relationships FILE]
                                     match the names of the queries against the parties (CSV files
                                     id,kind,name[,aliases][,uscc][,role]; no database): one JSON line
                                     per query; with --hops N and a relationships file (from,to,type),
                                     each hit also lists its paths to parties whose role is staff or client

Roles: ${roles.join(', ')}`;

const ctx = systemContext('cli');

async function withDatabase<T>(config: Config, purpose: string, work: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const opened = await openConfiguredDatabase(config, purpose, { seedNew: false });
  try {
    return await work(opened);
  } finally {
    await opened.database.close();
  }
}

function requireEmbedded(config: Config, command: string) {
  if (config.databaseUrl) throw new UsageError(`'${command}' is for the embedded database; on PostgreSQL use pg_dump / pg_restore.`);
}

class UsageError extends Error {}

async function run(argv: string[]): Promise<number> {
  installModules();
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string' },
      password: { type: 'string' },
      kind: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      parties: { type: 'string' },
      queries: { type: 'string' },
      top: { type: 'string' },
      hops: { type: 'string' },
      relationships: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate':
      return withDatabase(config, 'migrate', async ({ migrationsApplied }) => {
        console.log(migrationsApplied ? `Applied ${migrationsApplied} migration(s).` : 'The database is up to date; nothing to apply.');
        return 0;
      });
    case 'seed':
      return withDatabase(config, 'seed', async ({ database }) => {
        if (await isSeeded(database.db)) {
          console.log('The database already has users; the demo firm is loaded only into an empty database.');
          return 0;
        }
        const password = values.password ?? config.demoPassword ?? generatePassword();
        const { users } = await seedDemoFirm(database.db, password);
        console.log(`Loaded the demo firm: ${users} users. Password for all: ${password}`);
        return 0;
      });
    case 'audit': {
      if (sub !== 'verify') throw new UsageError(`Unknown: audit ${sub ?? ''}`);
      return withDatabase(config, 'audit verify', async ({ database }) => {
        const result = await verifyAuditChain(database.db, (checked, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\rVerifying the audit trail… ${checked}/${total}`);
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (result.ok) {
          console.log(`Audit trail intact: ${result.checked} entries verified.`);
          return 0;
        }
        const broken = result.firstBroken!;
        const detail =
          broken.reason === 'sequence_gap'
            ? `entry ${broken.expectedSeq} is missing (next present entry is ${broken.seq})`
            : broken.reason === 'hash_mismatch'
              ? `entry ${broken.seq} was altered (its contents no longer match its hash)`
              : `entry ${broken.seq} does not link to the entry before it`;
        console.error(`Audit trail BROKEN at entry ${broken.reason === 'sequence_gap' ? broken.expectedSeq : broken.seq}: ${detail}. ${result.checked} entries before it verified.`);
        return 1;
      });
    }
    case 'user':
      return userCommand(config, sub, arg, values);
    case 'backup': {
      requireEmbedded(config, 'backup');
      if (!sub) throw new UsageError('backup needs a FILE');
      const bytes = await backupEmbedded(config.dataDir, sub);
      console.log(`Backed up the embedded database to ${sub} (${(bytes / 1024 / 1024).toFixed(1)} MiB).`);
      return 0;
    }
    case 'restore': {
      requireEmbedded(config, 'restore');
      if (!sub) throw new UsageError('restore needs a FILE');
      const { keptPrevious } = await restoreEmbedded(config.dataDir, sub);
      console.log(`Restored ${sub}.${keptPrevious ? ` The previous database is kept in ${keptPrevious}.` : ''}`);
      return 0;
    }
    case 'import': {
      const kind = values.kind;
      if (!sub || !kind || !(importKinds as readonly string[]).includes(kind)) throw new UsageError(`import needs a FILE and --kind (${importKinds.join(', ')})`);
      if (!existsSync(sub)) throw new UsageError(`No such file: ${sub}`);
      const args = { file: sub, kind: kind as ImportKind, dryRun: values['dry-run'] ?? false, json: values.json ?? false, yes: values.yes ?? false };
      return withDatabase(config, 'import', ({ database }) => importCommand(database.db, config, args));
    }
    case 'match': {
      const { parties, queries, relationships } = values;
      const top = Number(values.top ?? 10);
      const hops = Number(values.hops ?? 0);
      if (!parties || !queries || !Number.isInteger(top) || top < 1) throw new UsageError('match needs --parties FILE and --queries FILE (and --top N of at least 1)');
      if (!Number.isInteger(hops) || hops < 0 || hops > 4) throw new UsageError('--hops must be a whole number from 0 to 4');
      if (hops > 0 && !relationships) throw new UsageError('--hops above 0 follows relationships: give them with --relationships FILE (columns from,to,type)');
      for (const file of [parties, queries, relationships]) if (file && !existsSync(file)) throw new UsageError(`No such file: ${file}`);
      // Loaded here: the pinyin and 繁简 dictionaries would slow every other command's start.
      const { matchCommand } = await import('./match');
      return matchCommand({ parties, queries, top, hops, relationships });
    }
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

async function userCommand(config: Config, sub: string | undefined, username: string | undefined, values: { name?: string; role?: string; department?: string; password?: string }) {
  if (!username) throw new UsageError(`user ${sub ?? ''} needs a USERNAME`);
  if (sub === 'create') {
    const wanted = (values.role ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const bad = wanted.filter((r) => !isRole(r));
    if (!values.name || wanted.length === 0 || bad.length) throw new UsageError(`user create needs --name and --role (one or more of: ${roles.join(', ')})${bad.length ? `; unknown: ${bad.join(', ')}` : ''}`);
    return withDatabase(config, 'user create', async ({ database: { db } }) => {
      let departmentId: string | undefined;
      if (values.department) {
        const department = await findDepartmentByCode(db, values.department);
        if (!department) throw new UsageError(`No department with code ${values.department}`);
        departmentId = department.id;
      }
      const password = values.password ?? generatePassword();
      const user = await createUser(db, ctx, { username, displayName: values.name!, roles: wanted as Role[], departmentId, password });
      console.log(`Created user ${user.username} (${user.roles.join(', ')}).${values.password ? '' : ` Password: ${password}`}`);
      return 0;
    });
  }
  if (sub === 'reset-password') {
    return withDatabase(config, 'user reset-password', async ({ database: { db } }) => {
      const user = await findUserByUsername(db, username);
      if (!user) throw new UsageError(`No user named ${username}`);
      const password = await resetPassword(db, ctx, user.id, values.password);
      console.log(`New password for ${user.username}: ${values.password ? '(as given)' : password}. Their sessions have ended and any lock-out is lifted.`);
      return 0;
    });
  }
  throw new UsageError(`Unknown: user ${sub ?? ''}`);
}

try {
  const code = await run(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof EmbeddedDatabaseLocked) {
    console.error(error.message);
    process.exit(3);
  }
  if (error instanceof DomainError) {
    console.error(`${translate(error.code, 'en', error.params)} / ${translate(error.code, 'zh-CN', error.params)}`);
    process.exit(1);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
