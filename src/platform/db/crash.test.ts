import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from '../../../test/support/constants';
import { crashRound, createDataDir, killAll } from '../../../test/support/child-server';

// bench/crash-durability.ts runs the same rounds many times; this keeps two in every test run.
describe.skipIf(process.env.PROBITY_TEST_DB !== 'pglite')('embedded database killed mid-write', () => {
  let dir = '';
  afterAll(async () => {
    await killAll();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write and an intact audit chain across two SIGKILLs', { timeout: 120_000 }, async () => {
    const template = inject('templateDatabase');
    if (template.kind !== 'pglite') throw new Error('expected the pglite template');
    dir = mkdtempSync(join(tmpdir(), 'probity-crash-'));
    const dataDir = join(dir, 'data');
    await createDataDir(dataDir, TEST_PASSWORD, template.dumpFile);
    for (const round of [1, 2]) {
      const result = await crashRound(dataDir, TEST_PASSWORD, { label: `round${round}` });
      expect(result.acknowledged.length, `round ${round}: writes acknowledged before the kill`).toBeGreaterThan(0);
      expect(result.failed, `round ${round}: non-201 answers`).toBe(0);
      expect(result.lost, `round ${round}: acknowledged, then lost`).toEqual([]);
      expect(result.chainIntact, result.auditOutput).toBe(true);
    }
  });
});
