// Kills a real server with SIGKILL mid-write N times and counts acknowledged writes lost.
// Usage: npx tsx bench/crash-durability.ts [--runs 30] [--concurrency 8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crashRound, createDataDir, killAll, ServerGone, type CrashRound } from '../test/support/child-server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, concurrency: { type: 'string', default: '8' } } });
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const password = 'crash-bench-password';
const dir = mkdtempSync(join(tmpdir(), 'probity-crash-bench-'));
const dataDir = join(dir, 'data');
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.once('SIGINT', () => void killAll().finally(() => (cleanUp(), process.exit(130))));

let acknowledged = 0;
let lost = 0;
let failed = 0;
let aborted = 0;
let chainIntact = true;
const started = Date.now();
try {
  await createDataDir(dataDir, password);
  // One data directory for every run: each restart also recovers from all the crashes before it.
  for (let run = 1; run <= runs; run += 1) {
    let round: CrashRound;
    try {
      round = await crashRound(dataDir, password, { concurrency, label: `run${run}` });
    } catch (error) {
      // A server signalled by something else on the machine is no durability result: say so, go on.
      if (!(error instanceof ServerGone && error.how.startsWith('SIG'))) throw error;
      aborted += 1;
      console.log(`run ${String(run).padStart(2)}: ABORTED: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    acknowledged += round.acknowledged.length;
    lost += round.lost.length;
    failed += round.failed;
    chainIntact &&= round.chainIntact;
    console.log(
      `run ${String(run).padStart(2)}: killed after ${String(round.killedAfterMs).padStart(4)} ms; acknowledged ${round.acknowledged.length}, ` +
        `found after restart ${round.acknowledged.length - round.lost.length}, lost ${round.lost.length}` +
        `${round.lost.length ? ` (${round.lost.join(', ')})` : ''}${round.failed ? `; ${round.failed} non-201 answers` : ''}` +
        `; audit chain ${round.chainIntact ? 'intact' : `BROKEN: ${round.auditOutput}`}`,
    );
  }
} finally {
  await killAll();
  cleanUp();
}
console.log(
  `${runs} runs in ${Math.round((Date.now() - started) / 1000)} s: ${acknowledged} acknowledged writes, ${lost} lost, ` +
    `${failed} non-201 answers, ${aborted} runs aborted, audit chain ${chainIntact ? 'intact after every restart' : 'BROKEN'}`,
);
console.log(JSON.stringify({ runs, acknowledged, lost, chainIntact, ...(aborted ? { aborted } : {}) }));
process.exit(lost === 0 && chainIntact && failed === 0 && aborted === 0 ? 0 : 1);
