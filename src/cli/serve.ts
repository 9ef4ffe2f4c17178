import pino from 'pino';
import { buildApp } from '../platform/http/app';
import type { Config } from '../platform/config';
import { openConfiguredDatabase, type OpenedDatabase } from '../platform/db/open';
import { startMonitoring } from '../modules/monitoring/runner';
import { startJobs, type Jobs } from '../platform/jobs/jobs';
import { DEMO_ROLE_USERS } from '../platform/seed/demo-firm';
import { version } from '../platform/version';
import { ensureWebBuild, webDist } from './web-build';

function banner(config: Config, opened: OpenedDatabase): string {
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  Probity ${version} is running at ${url}`,
    `  API docs: ${url}/api/docs`,
    `  Database: ${opened.database.kind === 'pglite' ? `embedded (${opened.database.location})` : `PostgreSQL (${opened.database.location})`}`,
  ];
  if (opened.demoPassword) {
    lines.push('', '  Demo sign-ins (username / role):');
    for (const user of DEMO_ROLE_USERS) lines.push(`    ${user.username.padEnd(12)} ${user.roles.join(', ')}`);
    lines.push(
      opened.demoPassword.generated
        ? `  Password for all demo users: ${opened.demoPassword.value}   (shown only now; set PROBITY_DEMO_PASSWORD to choose it)`
        : '  Password for all demo users: the value of PROBITY_DEMO_PASSWORD',
    );
  } else if (opened.empty) {
    lines.push('', '  No users yet. Create an administrator:  npx probity user create <username> --name <name> --role admin', '  or load the demo firm:  npx probity seed');
  } else if (opened.database.kind === 'pglite') {
    lines.push(`  Demo sign-ins: ${DEMO_ROLE_USERS.map((u) => u.username).join(', ')} (password as printed on the first start;`, '  forgot it? npx probity user reset-password <username>, with the server stopped)');
  }
  return `${lines.join('\n')}\n`;
}

export async function serve(config: Config): Promise<void> {
  const logger = pino({ level: config.logLevel });
  const opened = await openConfiguredDatabase(config, 'server', { seedNew: true });
  if (opened.migrationsApplied) logger.info({ migrations: opened.migrationsApplied }, 'database migrated');
  if (config.serveWeb) await ensureWebBuild((message) => logger.info(message));
  const app = await buildApp({ database: opened.database, config, version }, { logger, webDist: config.serveWeb ? webDist : undefined });
  let jobs: Promise<Jobs | undefined> = Promise.resolve(undefined);
  let monitoring: Promise<(() => Promise<void>) | undefined> = Promise.resolve(undefined);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await (await monitoring)?.();
    await (await jobs)?.stop();
    await app.close();
    await opened.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  // Started after listening and not awaited, so they never delay the first page; only the server runs
  // them, never a CLI one-shot. Without them the API still works, so a failed start is logged, not fatal.
  // Every server judges events as they commit (they take turns on the outbox), jobs or not.
  monitoring = startMonitoring(opened.database, logger).catch((error: unknown) => {
    logger.error({ err: error }, 'early warning did not start listening: events wait for the minute job');
    return undefined;
  });
  if (config.jobs) {
    jobs = startJobs({ database: opened.database, config, log: logger }).catch((error: unknown) => {
      logger.error({ err: error }, 'background jobs did not start: no approval reminders or notification mail');
      return undefined;
    });
  }
  process.stdout.write(banner(config, opened));
}
