import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = fileURLToPath(new URL('../../web', import.meta.url));
export const webDist = join(webRoot, 'dist');
const STAMP = join(webDist, '.source-hash');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('dist') || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return [path];
  });
}

// The web app imports the domain's types, lists and money formatting from here.
const coreRoot = fileURLToPath(new URL('../core', import.meta.url));

/** A hash of every web source file and of src/core, so a build is redone exactly when the sources changed. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(webRoot), ...sourceFiles(coreRoot)].sort()) {
    if (!statSync(file).isFile()) continue;
    hash.update(relative(webRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds the web app unless web/dist already holds a build of the current sources. */
export async function ensureWebBuild(log: (message: string) => void = () => undefined): Promise<'fresh' | 'built'> {
  const wanted = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted && existsSync(join(webDist, 'index.html'))) return 'fresh';
  log('Building the web app (first start or changed sources)…');
  // Built aside and swapped in whole, so a running server or a second build never sees half a build.
  const staging = `${webDist}.build-${process.pid}`;
  const { build } = await import('vite');
  await build({ configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
  writeFileSync(join(staging, '.source-hash'), wanted);
  const previous = `${webDist}.old-${process.pid}`;
  if (existsSync(webDist)) renameSync(webDist, previous);
  renameSync(staging, webDist);
  rmSync(previous, { recursive: true, force: true });
  return 'built';
}
