import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database';
import { notify } from '../../modules/notifications/notifications.service';
import { notifications } from '../../modules/notifications/notifications.tables';
import { users } from '../auth/auth.tables';
import { loadConfig } from '../config';
import { systemContext } from '../context';
import { inTransaction, queryRows, type Database } from '../db/database';
import type { MailMessage } from '../mail/mailer';
import { pgliteExecutor, startJobs } from './jobs';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function notifyStaff(ref: string) {
  const [staff] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, 'staff'));
  await inTransaction(database.db, (tx) =>
    notify(tx, systemContext('test'), [{ userId: staff!.id, kind: 'benefit.approved', params: { ref }, entityType: 'benefit_request', entityId: null }]),
  );
}

describe('background jobs', () => {
  it('start pg-boss on the database, run the scheduled jobs and jobs queued on demand, and stop', async () => {
    const mail: MailMessage[] = [];
    const errors: unknown[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => void errors.push(args) };
    await notifyStaff('BR-2026-700001');

    const jobs = await startJobs({ database, config: loadConfig({}), log, mailer: { send: async (m) => void mail.push(m), close: () => undefined }, scheduleCheckSeconds: 1 });
    try {
      const schedules = await queryRows<{ name: string; cron: string }>(database.db, sql`select name, cron from pgboss.schedule order by name`);
      expect(schedules).toEqual([
        { name: 'benefit-reminders', cron: '*/15 * * * *' },
        { name: 'case-stage-reminders', cron: '5 * * * *' },
        { name: 'clearance-expiry', cron: '10 16 * * *' },
        { name: 'monitoring-events', cron: '* * * * *' },
        { name: 'monitoring-sweep', cron: '30 18 * * *' },
        { name: 'notification-mail', cron: '* * * * *' },
        { name: 'risk-assessment', cron: '0 19 * * *' },
      ]);
      // The every-minute schedule is due at once: the notification made before is mailed.
      await until(() => mail.some((m) => m.subject.includes('BR-2026-700001')), 'the scheduled mail run');
      // Sent by the scheduler (through pg-boss's own send-it queue), not by anyone asking.
      const scheduled = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = '__pgboss__send-it' and data->>'name' = 'notification-mail'`);
      expect(scheduled[0]!.n).toBeGreaterThan(0);
      expect(mail.find((m) => m.subject.includes('BR-2026-700001'))).toMatchObject({ to: 'staff@demo.probity.cn', subject: '[Probity] 您的好处费申请 BR-2026-700001 已获批准' });

      await notifyStaff('BR-2026-700002');
      await jobs.runNow('notification-mail');
      await until(() => mail.some((m) => m.subject.includes('BR-2026-700002')), 'the mail run queued on demand');
      const unsent = await database.db
        .select({ id: notifications.id })
        .from(notifications)
        .where(sql`${notifications.emailedAt} is null and ${notifications.params}->>'ref' like 'BR-2026-7000%'`);
      expect(unsent).toEqual([]);

      await jobs.runNow('benefit-reminders');
      await until(
        async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = 'benefit-reminders' and state = 'completed'`))[0]!.n > 0,
        'the reminders run',
      );
    } finally {
      await jobs.stop();
    }
    expect(errors).toEqual([]);
    // The database is still fine for everyone else once the jobs stopped.
    expect(await queryRows(database.db, sql`select 1 as ok`)).toEqual([{ ok: 1 }]);
  });

  it.runIf(process.env.PROBITY_TEST_DB === 'pglite')('never leave the embedded database inside a failed pg-boss script', async () => {
    if (database.kind !== 'pglite') return;
    const executor = pgliteExecutor(database.client);
    await expect(executor.executeSql('BEGIN; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    expect(await queryRows(database.db, sql`select 2 as ok`)).toEqual([{ ok: 2 }]);
    expect(await executor.executeSql('SELECT $1::int AS n', [3])).toEqual({ rows: [{ n: 3 }] });
  });
});
