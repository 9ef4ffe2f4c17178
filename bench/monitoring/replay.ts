// The year replayed through one MonitoringEngine in this process: each day's events in order, then the
// nightly sweep, every candidate merged into an AlertBook. Only the engine's work (apply and sweep) is
// timed as the engine's; making the events and merging the alerts are timed apart.
import cliProgress from 'cli-progress';
import { AlertBook, type AlertCandidate, type BookedAlert } from '../../src/core/monitoring/alerts';
import type { MonitoringEventKind } from '../../src/core/monitoring/events';
import { MonitoringEngine } from '../../src/core/monitoring/engine';
import { defaultRuleSet } from '../../src/core/monitoring/rules';
import { dateOf } from './firm';
import { EventLog, type Year } from './generate';

export interface Replay {
  book: AlertBook;
  /** The day (from 1 January) each alert was opened, and the candidate that opened it. */
  opened: Map<BookedAlert, { day: number; candidate: AlertCandidate }>;
  events: number;
  candidates: number;
  fromSweeps: number;
  applyMs: number;
  sweepMs: number;
  /** The process's CPU time (user and system) spent in apply and sweep. */
  engineCpuMs: number;
  makeMs: number;
  bookMs: number;
  /** With `byKind`: apply time and count per event kind (the clock read around each event adds a little). */
  kinds: Partial<Record<MonitoringEventKind, { ms: number; count: number }>>;
  peakRss: number;
}

function bar(total: number) {
  if (!process.stderr.isTTY) return { update: (_: number) => undefined, stop: () => undefined };
  const b = new cliProgress.SingleBar({ format: 'engine     [{bar}] {value}/{total} events {duration}s', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  b.start(total, 0);
  return { update: (n: number) => b.update(n), stop: () => b.stop() };
}

export function replay(year: Year, options: { byKind: boolean }): Replay {
  const engine = new MonitoringEngine(defaultRuleSet);
  const log = new EventLog(year);
  const result: Replay = { book: new AlertBook(), opened: new Map(), events: 0, candidates: 0, fromSweeps: 0, applyMs: 0, sweepMs: 0, engineCpuMs: 0, makeMs: 0, bookMs: 0, kinds: {}, peakRss: 0 };
  const progress = bar(year.events);
  const sample = () => (result.peakRss = Math.max(result.peakRss, process.memoryUsage().rss));
  for (let day = 0; day < log.dayCount; day += 1) {
    let at = performance.now();
    const events = log.eventsOf(day);
    result.makeMs += performance.now() - at;

    const fired: AlertCandidate[] = [];
    const cpu = process.cpuUsage();
    at = performance.now();
    if (options.byKind)
      for (const event of events) {
        const start = performance.now();
        for (const candidate of engine.apply(event)) fired.push(candidate);
        const kind = (result.kinds[event.kind] ??= { ms: 0, count: 0 });
        kind.ms += performance.now() - start;
        kind.count += 1;
      }
    else for (const event of events) for (const candidate of engine.apply(event)) fired.push(candidate);
    result.applyMs += performance.now() - at;
    at = performance.now();
    const swept = engine.sweep(dateOf(day), engine.lastSeq);
    result.sweepMs += performance.now() - at;
    const used = process.cpuUsage(cpu);
    result.engineCpuMs += (used.user + used.system) / 1000;

    at = performance.now();
    for (const candidate of [...fired, ...swept]) {
      const alert = result.book.add(candidate);
      if (alert && !result.opened.has(alert)) result.opened.set(alert, { day, candidate });
    }
    result.bookMs += performance.now() - at;
    result.candidates += fired.length + swept.length;
    result.fromSweeps += swept.length;
    result.events += events.length;
    progress.update(result.events);
    if (day % 30 === 0) sample();
  }
  progress.stop();
  sample();
  return result;
}
