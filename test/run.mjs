#!/usr/bin/env node
// `npm test`: type-checks, runs every Vitest project, then prints one closing line that any CI can read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

const started = Date.now();
const typecheck = run('npx', ['tsc', '-p', '.']) || run('npx', ['tsc', '-p', 'web']);
if (typecheck !== 0) {
  console.error('Type check failed.');
  process.exit(typecheck);
}
mkdirSync('.tmp', { recursive: true });
const results = '.tmp/vitest-results.json';
rmSync(results, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)]);
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\nnpm test took ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
}
process.exit(status);
