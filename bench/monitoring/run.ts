// Monitoring benchmark: a synthetic year of benefit activity with planted, labelled patterns of each
// rule (generate.ts), replayed through the rule engine in process on one core with the nightly sweep
// after each day (replay.ts), and each rule's precision and recall scored against the labels
// (score.ts); alerts that hit nothing planted are checked against the rules' definitions over the
// year itself (reference.ts).
// Usage: npm run bench:monitoring [-- --quick] [--events 1000000] [--clients 50000] [--seed 20260101]
//        [--planted 60] [--decoys 30] [--by-kind] [--postgres postgres://user@host:5432/db]
// With --postgres, submit→alert is measured a second time on a fresh database of that server, the
// production configuration; the headline figure stays the embedded database's.
// events_per_s counts the engine's time only (apply and sweep), by the clock; events_per_cpu_s the
// same by the process's CPU time (V8's collector threads included), which others' load on the machine
// inflates less. Making the year and its events is timed apart. The last line printed is one JSON object.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ruleKinds } from '../../src/core/monitoring/rules';
import { dateOf } from './firm';
import { generateYear, plantedPerRule } from './generate';
import type { LatencyFigures } from './latency';
import { judgeUnplanted } from './reference';
import { replay } from './replay';
import { score } from './score';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    events: { type: 'string' },
    clients: { type: 'string' },
    seed: { type: 'string', default: '20260101' },
    planted: { type: 'string' },
    decoys: { type: 'string' },
    'by-kind': { type: 'boolean', default: false },
    postgres: { type: 'string' },
  },
});
const quick = values.quick;
const clients = Number(values.clients ?? (quick ? 2_000 : 50_000));
const targetEvents = Number(values.events ?? (quick ? 50_000 : 1_000_000));
const planted = Number(values.planted ?? (quick ? 20 : 60));
const decoys = Number(values.decoys ?? Math.ceil(planted / 2));
const seed = Number(values.seed);

/** The commit the engine comes from, marked when its files have changes on top. */
function engineCommit(): string | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const files = ['engine', 'windows', 'alerts', 'events', 'rules'].map((f) => `src/core/monitoring/${f}.ts`);
    return git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--', ...files) ? '+changes' : '');
  } catch {
    return null;
  }
}

const mib = (bytes: number) => Math.round(bytes / 1_048_576);
const seconds = (ms: number) => Math.round(ms) / 1000;
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));

// ---- the year -------------------------------------------------------------------------------------
const started = performance.now();
const year = generateYear({ clients, events: targetEvents, seed, planted, decoys });
const generateMs = performance.now() - started;
const { ledger, firm } = year;
console.log(
  `year: ${year.events} events from ${ledger.requests.length} requests, ${ledger.relations.length} relationships recorded and ${ledger.blackouts.length} blackouts; ` +
    `${clients} clients, ${firm.recipients.length} recipients, ${firm.users.length} staff in ${firm.departments.length} departments; ` +
    `planted per rule ${JSON.stringify(plantedPerRule(year.labels))}, ${year.decoys.length} decoys; made in ${seconds(generateMs)} s, heap ${mib(process.memoryUsage().heapUsed)} MiB`,
);

// ---- the engine -----------------------------------------------------------------------------------
const commit = engineCommit();
const run = replay(year, { byKind: values['by-kind'] });
const engineMs = run.applyMs + run.sweepMs;
const eventsPerS = perSecond(run.events, engineMs);
console.log(
  `engine (${commit ?? 'commit unknown'}): ${run.events} events in ${seconds(engineMs)} s on one core = ${eventsPerS} events/s (apply ${seconds(run.applyMs)} s = ${perSecond(run.events, run.applyMs)} events/s, ` +
    `nightly sweep ${seconds(run.sweepMs)} s over 365 nights; CPU time ${seconds(run.engineCpuMs)} s = ${perSecond(run.events, run.engineCpuMs)} events/s); making the events ${seconds(run.makeMs)} s; ${run.candidates} candidates (${run.fromSweeps} from sweeps) ` +
    `merged into ${run.book.alerts.length} alerts in ${seconds(run.bookMs)} s; peak RSS ${mib(run.peakRss)} MiB`,
);
for (const [kind, k] of Object.entries(run.kinds)) console.log(`  apply ${kind.padEnd(9)} ${String(k.count).padStart(8)} events ${seconds(k.ms).toFixed(3).padStart(9)} s = ${perSecond(k.count, k.ms)} events/s`);

// ---- precision and recall -------------------------------------------------------------------------
const scores = score(run.book.alerts, year.labels, year.decoys);
const openedOn = (alert: (typeof run.book.alerts)[number]) => run.opened.get(alert)!.day;
const unplanted = judgeUnplanted(ledger, scores, openedOn);
console.log(`${'rule'.padEnd(18)} planted detected recall | alerts matched precision | on decoys | unplanted: background meets rule / rule not met`);
for (const rule of ruleKinds) {
  const s = scores[rule];
  const u = unplanted[rule];
  console.log(
    `${rule.padEnd(18)} ${String(s.planted).padStart(7)} ${String(s.detected).padStart(8)} ${s.recall.toFixed(3).padStart(6)} | ` +
      `${String(s.alerts).padStart(6)} ${String(s.matched).padStart(7)} ${s.precision.toFixed(3).padStart(9)} | ${String(s.onDecoys).padStart(9)} | ${String(u.meets.length).padStart(32)} / ${u.notMet.length}`,
  );
}
// When the unplanted alerts opened: a rule that needs history shows it in the first months.
console.log(`unplanted alerts by the month they opened (Jan … Dec):`);
for (const rule of ruleKinds) {
  const months = Array.from({ length: 12 }, () => 0);
  for (const alert of unplanted[rule].meets) months[Number(dateOf(openedOn(alert)).slice(5, 7)) - 1]! += 1;
  for (const { alert } of unplanted[rule].notMet) months[Number(dateOf(openedOn(alert)).slice(5, 7)) - 1]! += 1;
  if (months.some((n) => n > 0)) console.log(`  ${rule.padEnd(18)} ${months.map((n) => String(n).padStart(5)).join('')}`);
}
const show = (what: string, alert: (typeof run.book.alerts)[number]) => {
  const { day, candidate } = run.opened.get(alert)!;
  console.log(`  ${what} ${alert.key}: opened ${dateOf(day)} with ${JSON.stringify(candidate.reason)}; ${alert.hits} candidates merged, last ${alert.day}`);
};
for (const rule of ruleKinds) {
  const s = scores[rule];
  for (const label of s.missed.slice(0, 3)) console.log(`  missed ${rule} (${label.variant}): keys ${label.keys.join(', ')}; requests ${label.requestIds.join(', ')}`);
  for (const alert of [...s.decoyAlerts].slice(0, 3)) show('on a decoy:', alert);
  for (const { alert, figures } of unplanted[rule].notMet.slice(0, 3)) {
    show('rule not met:', alert);
    console.log(`    the year that day: ${JSON.stringify(figures)}`);
  }
  for (const alert of unplanted[rule].meets.slice(0, 2)) show('background meets rule:', alert);
}

// End-to-end, through the API with the server's listener, in a process of its own: not beside the
// gigabyte the replay above holds.
const latencySamples = quick ? 20 : 100;
const measureLatency = (where: string, serverUrl?: string) => {
  console.log(`submit→alert: ${latencySamples} samples through the API in a fresh process (${where})…`);
  const args = [...process.execArgv, fileURLToPath(new URL('./latency.ts', import.meta.url)), String(latencySamples), ...(serverUrl ? [serverUrl] : [])];
  const figures = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-1)!) as LatencyFigures;
  console.log(`submit→alert through the API (${where}, ${figures.samples} samples): p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, max ${figures.max_ms} ms`);
  return figures;
};
const latency = measureLatency('embedded database');
const onPostgres = values.postgres ? measureLatency('PostgreSQL', values.postgres) : null;

// The figures, in the order the issue gives them.
const rules = Object.fromEntries(ruleKinds.map((rule) => [rule, { precision: scores[rule].precision, recall: scores[rule].recall }]));
console.log(
  JSON.stringify({
    events: run.events,
    events_per_s: eventsPerS,
    submit_to_alert_p95_ms: latency.p95_ms,
    min_recall: Math.min(...ruleKinds.map((r) => scores[r].recall)),
    min_precision: Math.min(...ruleKinds.map((r) => scores[r].precision)),
    rules,
    unplanted: Object.fromEntries(
      ruleKinds.map((rule) => [rule, { alerts: scores[rule].alerts, on_decoys: scores[rule].onDecoys, background_meets_rule: unplanted[rule].meets.length, rule_not_met: unplanted[rule].notMet.length }]),
    ),
    ...(onPostgres ? { submit_to_alert_postgres_p95_ms: onPostgres.p95_ms } : {}),
    engine_commit: commit,
    clients,
    seed,
    planted_per_rule: planted,
    decoys: year.decoys.length,
    alerts: run.book.alerts.length,
    engine_s: seconds(engineMs),
    engine_cpu_s: seconds(run.engineCpuMs),
    events_per_cpu_s: perSecond(run.events, run.engineCpuMs),
    sweep_s: seconds(run.sweepMs),
    generate_s: seconds(generateMs + run.makeMs),
    generated_events_per_s: perSecond(run.events, generateMs + run.makeMs),
    book_s: seconds(run.bookMs),
    peak_rss_mib: mib(run.peakRss),
    machine: { cpus: os.cpus().length, load: Number(os.loadavg()[0]!.toFixed(2)) },
  }),
);
