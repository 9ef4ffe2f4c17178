import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import { sendDueReminders } from '../../modules/benefits/reminders';
import { sendClearanceNotices, sendStageNotices } from '../../modules/cases/reminders';
import { processMonitoringEvents, sweepMonitoring } from '../../modules/monitoring/consumer';
import { runRiskAssessmentIfDue } from '../../modules/monitoring/risk.service';
import { deliverNotificationMail } from '../../modules/notifications/notifications.service';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { createMailer, type Log, type Mailer } from '../mail/mailer';

/** The background jobs and when they run (cron, UTC). */
export const jobSchedules = {
  'benefit-reminders': '*/15 * * * *',
  'notification-mail': '* * * * *',
  'case-stage-reminders': '5 * * * *',
  // 00:10 in Shanghai: a clearance expires once its last day is over there.
  'clearance-expiry': '10 16 * * *',
  // Catches up on events a lost wake-up left; normally the outbox's NOTIFY has judged them already.
  'monitoring-events': '* * * * *',
  // 02:30 in Shanghai: what only time and the other clients change (revenue against peers).
  'monitoring-sweep': '30 18 * * *',
  // 03:00 in Shanghai, daily: runs the risk assessment when its period (monthly by default) has none yet.
  'risk-assessment': '0 19 * * *',
} as const;
export type JobName = keyof typeof jobSchedules;

export interface Jobs {
  /** Queues a run now, besides the schedule (operators, tests). */
  runNow(name: JobName): Promise<void>;
  /** Lets a running job finish (up to 10 s), then stops polling. */
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  database: Database;
  config: Config;
  log: Log;
  /** Defaults to the configured SMTP server, or the log. */
  mailer?: Mailer;
  /** How often pg-boss looks for scheduled runs that are due (default 30 s); tests shorten it. */
  scheduleCheckSeconds?: number;
}

/**
 * pg-boss talks to PGlite through this: one statement at a time, in order. Its statements without
 * parameters are scripts that open their own transaction (BEGIN … COMMIT); if one fails halfway,
 * PGlite's single session would stay in an aborted transaction and refuse every later query of the
 * whole server, so each script runs inside PGlite's transaction(), which rolls back on error before
 * anyone else gets the session.
 */
export function pgliteExecutor(pglite: PGlite): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    executeSql(text, values) {
      const run = async () => {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
        const results = await pglite.transaction((tx) => tx.exec(text));
        return { rows: results.at(-1)?.rows ?? [] };
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * Starts the background jobs on the server's database. Both kinds of database keep their schedules
 * in pg-boss, so with several server processes on one PostgreSQL each run happens once.
 */
export async function startJobs({ database, config, log, mailer = createMailer(config, log), scheduleCheckSeconds = 30 }: StartJobsOptions): Promise<Jobs> {
  const connection: PgBoss.ConstructorOptions =
    database.kind === 'postgres' ? { connectionString: database.pool.options.connectionString, max: 3 } : { db: pgliteExecutor(database.client) };
  const boss = new PgBoss({
    ...connection,
    schema: 'pgboss',
    application_name: 'probity-jobs',
    cronMonitorIntervalSeconds: scheduleCheckSeconds,
    cronWorkerIntervalSeconds: Math.min(scheduleCheckSeconds, 5),
  });
  // Without a listener an 'error' event would end the process; a failed poll is retried by pg-boss.
  boss.on('error', (error) => log.error({ err: error }, 'background jobs: pg-boss error'));
  await boss.start();

  const handlers: Record<JobName, () => Promise<void>> = {
    'benefit-reminders': async () => {
      const sent = await sendDueReminders(database.db);
      if (sent > 0) log.info({ notifications: sent }, 'benefit approval reminders sent');
    },
    'notification-mail': async () => {
      const { sent, failed } = await deliverNotificationMail(database.db, mailer, log);
      if (sent > 0 || failed > 0) log.info({ sent, failed }, 'notification mail delivered');
    },
    'case-stage-reminders': async () => {
      const sent = await sendStageNotices(database.db);
      if (sent > 0) log.info({ notices: sent }, 'case stage reminders and escalations sent');
    },
    'monitoring-events': async () => {
      const { read, raised } = await processMonitoringEvents(database.db);
      if (raised > 0) log.info({ events: read, alerts: raised }, 'early-warning alerts raised by the catch-up run');
    },
    'monitoring-sweep': async () => {
      const raised = await sweepMonitoring(database.db);
      log.info({ alerts: raised }, 'early-warning nightly sweep done');
    },
    'risk-assessment': async () => {
      const run = await runRiskAssessmentIfDue(database.db);
      if (run) log.info({ clients: run.clients, staff: run.staff }, 'risk assessment done');
    },
    'clearance-expiry': async () => {
      const { reminded, expired } = await sendClearanceNotices(database.db);
      if (reminded > 0 || expired > 0) log.info({ reminded, expired }, 'clearance expiry reminders sent and expired clearances returned for review');
    },
  };
  for (const [name, cron] of Object.entries(jobSchedules) as [JobName, string][]) {
    // 'stately': at most one run queued and one running, so a slow run is never overlapped by the next.
    // No retries: the next scheduled run picks up whatever this one left.
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 0, expireInSeconds: 600 });
    await boss.work(name, { pollingIntervalSeconds: 2 }, async () => {
      try {
        await handlers[name]();
      } catch (error) {
        log.error({ err: error, job: name }, 'background job failed');
        throw error;
      }
    });
    await boss.schedule(name, cron, {}, { tz: 'UTC' });
  }

  return {
    async runNow(name) {
      await boss.send(name, {});
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      mailer.close();
    },
  };
}
