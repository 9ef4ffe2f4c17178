// Judges events as soon as their transaction commits: the outbox's NOTIFY wakes this process, which
// drains the outbox; wake-ups during a run fold into one more run. Events held back by a transaction
// still running are retried shortly; the minute job catches anything a lost wake-up left.
import { listenForEvents } from '../../platform/events/outbox';
import type { Database } from '../../platform/db/database';
import type { Log } from '../../platform/mail/mailer';
import { processMonitoringEvents } from './consumer';

const RETRY_MS = 50;

export async function startMonitoring(database: Database, log: Log): Promise<() => Promise<void>> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const drain = async () => {
    do {
      again = false;
      const run = await processMonitoringEvents(database.db);
      if (run.raised > 0) log.info({ events: run.read, alerts: run.raised }, 'early-warning alerts raised');
      if (run.held && !stopped && !retry) retry = setTimeout(() => ((retry = null), wake()), RETRY_MS);
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => log.error({ err: error }, 'early-warning judging failed; the next event or the minute job retries'))
      .finally(() => (running = null));
  };

  const unlisten = await listenForEvents(database, wake);
  wake();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await unlisten();
    await running;
  };
}
