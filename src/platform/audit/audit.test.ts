import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app';
import { inTransaction, queryRows } from '../db/database';
import { verifyAuditChain } from './audit.service';

const testApp = useTestApp();

/** Runs raw SQL as the database owner with the immutability triggers off, as a tamperer would. */
async function tamper(statement: ReturnType<typeof sql>) {
  const { db } = testApp().database;
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
  });
}

describe('audit trail', () => {
  it('records a state change with who, what, before/after and the request id, in the same transaction', async () => {
    const admin = await testApp().signIn('admin');
    const users = (await admin.get('/api/users?q=song.jie')).json();
    const target = users.items[0];
    const res = await admin.patch(`/api/users/${target.id}`, { displayName: '宋杰（销售）' });
    expect(res.statusCode).toBe(200);
    const auditor = await testApp().signIn('auditor');
    const trail = (await auditor.get(`/api/audit?entityType=user&entityId=${target.id}&action=user.update`)).json();
    expect(trail.total).toBe(1);
    const [entry] = trail.items;
    expect(entry.actor.username).toBe('admin');
    expect(entry.before.displayName).toBe('宋杰');
    expect(entry.after.displayName).toBe('宋杰（销售）');
    expect(entry.requestId).toBe(res.headers['x-request-id']);
  });

  it('writes nothing when the change is refused', async () => {
    const admin = await testApp().signIn('admin');
    const before = (await admin.get('/api/audit?action=user.create')).json().total;
    const res = await admin.post('/api/users', { username: 'staff', displayName: 'Dup', roles: ['staff'], password: 'long-enough-pass' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('USERNAME_TAKEN');
    expect((await admin.get('/api/audit?action=user.create')).json().total).toBe(before);
  });

  it('filters by actor and date range and pages newest first', async () => {
    const auditor = await testApp().signIn('auditor');
    const page = (await auditor.get('/api/audit?actor=auditor&action=auth.&pageSize=1')).json();
    expect(page.items[0]).toMatchObject({ action: 'auth.login', actor: { username: 'auditor' } });
    const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    expect((await auditor.get(`/api/audit?from=${future}`)).json().total).toBe(0);
    const all = (await auditor.get('/api/audit?pageSize=5&page=2')).json();
    expect(all.items).toHaveLength(5);
    expect(all.items[0].seq).toBeGreaterThan(all.items[4].seq);
  });

  it('exports CSV with a BOM, a header and one line per entry', async () => {
    const auditor = await testApp().signIn('auditor');
    const res = await auditor.get('/api/audit/export.csv?entityType=department');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="probity-audit-/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,actor_name,action,entity_type,entity_id,before,after,request_id,ip,hash');
    expect(lines).toHaveLength(6); // five departments
    expect(res.body).toContain('审计部');
  });

  it('refuses updates, deletes and truncation in the database itself', async () => {
    const { db } = testApp().database;
    const refusal = (statement: ReturnType<typeof sql>) =>
      db.execute(statement).then(
        () => 'accepted',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await refusal(sql`update audit_entries set action = 'x' where seq = 1`)).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(sql`delete from audit_entries where seq = 1`)).toMatch(/append-only: DELETE refused/);
    expect(await refusal(sql`truncate audit_entries`)).toMatch(/append-only: TRUNCATE refused/);
  });

  it('verifies intact, then names the first altered entry, then the first removed one', async () => {
    const auditor = await testApp().signIn('auditor');
    const intact = (await auditor.get('/api/audit/verify')).json();
    expect(intact).toMatchObject({ ok: true, firstBroken: null });
    expect(intact.checked).toBeGreaterThan(30);

    await tamper(sql`update audit_entries set after = '{"displayName":"forged"}' where seq = 12`);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: false, checked: 11, firstBroken: { seq: 12, reason: 'hash_mismatch' } });

    await tamper(sql`delete from audit_entries where seq = 5`);
    const result = await verifyAuditChain(testApp().database.db);
    expect(result).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 6, reason: 'sequence_gap', expectedSeq: 5 } });
    const [count] = await queryRows<{ n: number }>(testApp().database.db, sql`select count(*)::int as n from audit_entries where seq = 5`);
    expect(count!.n).toBe(0);
  });
});

describe('access to the audit trail', () => {
  it.each(['staff', 'finance', 'manager', 'xu.lei'])('is refused to %s with 403', async (username) => {
    const session = await testApp().signIn(username);
    for (const url of ['/api/audit', '/api/audit/export.csv', '/api/audit/verify']) {
      const res = await session.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });
});
