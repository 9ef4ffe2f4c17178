import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/child-server';
import { openPglite } from '../platform/db/database';

describe.skipIf(process.env.PROBITY_TEST_DB !== 'pglite')('the probity command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'probity-cli-'));
  const target = { dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds, manages users and verifies the audit trail; a tampered trail fails naming the entry', async () => {
    const seeded = await runCli(['seed', '--password', 'cli-demo-password'], target);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('30 users');
    expect((await runCli(['seed'], target)).stdout).toContain('already has users');

    const created = await runCli(['user', 'create', 'ops.lead', '--name', '运维负责人', '--role', 'admin,auditor', '--department', 'fin'], target);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created user ops\.lead \(admin, auditor\)\. Password: \S{14}/);
    const badRole = await runCli(['user', 'create', 'x.y', '--name', 'X', '--role', 'root'], target);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('unknown: root');
    const duplicate = await runCli(['user', 'create', 'staff', '--name', 'X', '--role', 'staff'], target);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('The username "staff" is already taken.');

    const reset = await runCli(['user', 'reset-password', 'auditor', '--password', 'a-brand-new-password'], target);
    expect(reset.code, reset.stderr).toBe(0);

    const intact = await runCli(['audit', 'verify'], target);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/Audit trail intact: \d+ entries verified/);

    const database = await openPglite(join(dataDir, 'pgdata'));
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
      await tx.execute(sql`update audit_entries set action = 'user.delete' where seq = 7`);
    });
    await database.close();
    const broken = await runCli(['audit', 'verify'], target);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Audit trail BROKEN at entry 7: entry 7 was altered');
    // Six CLI processes, one of them seeding the whole demo firm.
  }, 180_000);

  it('explains its usage', async () => {
    const help = await runCli(['--help'], target);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('audit verify');
    const unknown = await runCli(['frobnicate'], target);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command: frobnicate');
  });
});
