import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { userIdOf as userId } from '../../../test/support/directory';
import { chinaToday } from '../../core/calendar';
import { defaultRecusalRules } from '../../core/recusal/rules';
import { queryRows } from '../../platform/db/database';
import { denialReport, recordDenials, restrictionsOfUser } from './recusal.service';

const testApp = useTestApp();

async function clientNamed(session: Client, name: string): Promise<{ id: string }> {
  const items = (await session.get(`/api/registry/clients?q=${encodeURIComponent(name)}&pageSize=5`)).json().items as { id: string; party: { name: string } }[];
  return items.find((c) => c.party.name === name)!;
}

const DINGSHENG = '上海鼎盛精密机械股份有限公司';

describe('recusals', () => {
  it('suggest li.na from the planted kinship, take her own request through approval to revocation, and restrict only while approved', async () => {
    const compliance = await testApp().signIn('compliance');
    const liNa = await testApp().signIn('li.na');
    const staff = await testApp().signIn('staff');
    const liNaId = await userId(compliance, 'li.na');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const { db } = testApp().database;

    const suggested = await compliance.get(`/api/recusals/suggestions?userId=${liNaId}`);
    expect(suggested.statusCode, suggested.body).toBe(200);
    const hit = (suggested.json().items as { client: { id: string; name: string }; user: { id: string }; severity: string; explanation: string[] }[]).find((s) => s.client.id === dingsheng.id);
    expect(hit).toMatchObject({ user: { id: liNaId }, client: { name: DINGSHENG } });
    expect(hit!.explanation.join('\n')).toContain('张建华');
    const english = (await compliance.get(`/api/recusals/suggestions?userId=${liNaId}&clientId=${dingsheng.id}`, { 'accept-language': 'en' })).json().items;
    expect(english).toHaveLength(1);
    expect(english[0].explanation.join('\n')).toMatch(/spouse/i);
    // Only compliance reads the graph for others.
    expect((await staff.get('/api/recusals/suggestions')).statusCode).toBe(403);

    const asked = await liNa.post('/api/recusals', { clientIds: [dingsheng.id], reason: '配偶张建华任该客户董事' });
    expect(asked.statusCode, asked.body).toBe(201);
    let recusal = asked.json();
    expect(recusal).toMatchObject({ status: 'requested', source: 'self', version: 1, user: { id: liNaId, displayName: '李娜' }, clients: [{ id: dingsheng.id, name: DINGSHENG }] });
    // A requested recusal is no longer suggested, and restricts nothing yet.
    expect((await compliance.get(`/api/recusals/suggestions?userId=${liNaId}&clientId=${dingsheng.id}`)).json().items).toEqual([]);
    expect(await restrictionsOfUser(db, liNaId)).toEqual([]);

    // Staff cannot decide; nor record one for someone else.
    expect((await staff.post(`/api/recusals/${recusal.id}/approve`, { version: 1 })).statusCode).toBe(403);
    expect((await staff.post('/api/recusals', { userId: liNaId, clientIds: [dingsheng.id], reason: 'x' })).statusCode).toBe(403);
    // A stale version or an illegal move is a conflict and changes nothing.
    expect((await compliance.post(`/api/recusals/${recusal.id}/approve`, { version: 7 })).json().error).toMatchObject({ code: 'RECUSAL_STALE', details: { status: 'requested', version: 1 } });
    const early = await compliance.post(`/api/recusals/${recusal.id}/revoke`, { version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'RECUSAL_ILLEGAL_MOVE', details: { status: 'requested', version: 1 } });

    const approved = await compliance.post(`/api/recusals/${recusal.id}/approve`, { version: 1, comment: '同意回避' });
    expect(approved.statusCode, approved.body).toBe(200);
    recusal = approved.json();
    expect(recusal).toMatchObject({ status: 'approved', version: 2, decidedBy: { displayName: expect.any(String) }, decisionComment: '同意回避' });
    expect(await restrictionsOfUser(db, liNaId)).toEqual([expect.objectContaining({ clientId: dingsheng.id, cause: 'recused', recordId: recusal.id })]);
    const again = await compliance.post(`/api/recusals/${recusal.id}/approve`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ status: 'approved', version: 2 });
    expect((await liNa.post(`/api/recusals/${recusal.id}/withdraw`, { version: 2 })).json().error.code).toBe('RECUSAL_ILLEGAL_MOVE');

    const mine = (await liNa.get('/api/recusals/mine')).json();
    expect(mine.recusals.map((r: { id: string }) => r.id)).toContain(recusal.id);
    expect(mine.restrictions).toEqual([expect.objectContaining({ clientId: dingsheng.id, cause: 'recused', explanation: expect.stringContaining(DINGSHENG) })]);
    // Staff see their own; everyone's is for compliance and auditors.
    expect((await staff.get('/api/recusals?scope=all')).statusCode).toBe(403);
    const auditor = await testApp().signIn('auditor');
    expect((await auditor.get(`/api/recusals?scope=all&status=approved`)).json().items.map((r: { id: string }) => r.id)).toContain(recusal.id);
    expect((await staff.get('/api/recusals')).json().items).toEqual([]);

    const revoked = await compliance.post(`/api/recusals/${recusal.id}/revoke`, { version: 2, comment: '配偶已卸任' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', version: 3, revokedOn: chinaToday() });
    expect(await restrictionsOfUser(db, liNaId)).toEqual([]);

    const audit = await queryRows<{ action: string }>(db, sql`select action from audit_entries where entity_id = ${recusal.id} order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['recusal.request', 'recusal.approve', 'recusal.revoke']);
  });

  it('let compliance record an approved recusal for someone, withdraw a request, and refuse unknown clients and reversed dates', async () => {
    const compliance = await testApp().signIn('compliance');
    const zhangWei = await testApp().signIn('zhang.wei');
    const zhangWeiId = await userId(compliance, 'zhang.wei');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const { db } = testApp().database;

    const recorded = await compliance.post('/api/recusals', { userId: zhangWeiId, clientIds: [dingsheng.id], source: 'compliance', reason: '项目组调整', approve: true, startsOn: '2026-01-01' });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ status: 'approved', source: 'compliance', startsOn: '2026-01-01' });

    // Once recused, the client is hidden from him: naming it again is naming an unknown client, and logged.
    const again = await zhangWei.post('/api/recusals', { clientIds: [dingsheng.id], reason: '自愿回避' });
    expect(again.json().error).toMatchObject({ code: 'RECUSAL_UNKNOWN_CLIENT' });
    expect((await denialReport(db)).items).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: zhangWeiId }), recused: 1, total: 1 })]);
    const other = ((await compliance.get('/api/registry/clients?pageSize=5&sort=name')).json().items as { id: string }[]).find((c) => c.id !== dingsheng.id)!;
    const asked = (await zhangWei.post('/api/recusals', { clientIds: [other.id], reason: '自愿回避' })).json();
    const withdrawn = await zhangWei.post(`/api/recusals/${asked.id}/withdraw`, { version: 1 });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', version: 2 });

    const unknown = await compliance.post('/api/recusals', { userId: zhangWeiId, clientIds: ['00000000-0000-4000-8000-000000000000'], reason: 'x' });
    expect(unknown.json().error).toMatchObject({ code: 'RECUSAL_UNKNOWN_CLIENT' });
    const reversed = await zhangWei.post('/api/recusals', { clientIds: [other.id], reason: 'x', startsOn: '2026-05-02', endsOn: '2026-05-01' });
    expect(reversed.json().error).toMatchObject({ code: 'RECUSAL_DATES', fields: [{ path: 'endsOn' }] });
  });
});

describe('information barriers', () => {
  it('wall a user off a client, show it in /mine, and lift it', async () => {
    const compliance = await testApp().signIn('compliance');
    const staff = await testApp().signIn('staff');
    const staffId = await userId(compliance, 'staff');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const { db } = testApp().database;

    expect((await staff.post('/api/recusals/barriers', { name: 'x', clientIds: [dingsheng.id], walledOffUserIds: [staffId], reason: 'x' })).statusCode).toBe(403);
    const bad = await compliance.post('/api/recusals/barriers', { name: '鼎盛项目隔离', clientIds: [dingsheng.id], walledOffUserIds: ['00000000-0000-4000-8000-000000000000'], reason: '并购项目' });
    expect(bad.json().error).toMatchObject({ code: 'RECUSAL_UNKNOWN_USER', fields: [{ path: 'walledOffUserIds' }] });

    const created = await compliance.post('/api/recusals/barriers', { name: '鼎盛项目隔离', clientIds: [dingsheng.id], walledOffUserIds: [staffId], reason: '并购项目' });
    expect(created.statusCode, created.body).toBe(201);
    const barrier = created.json();
    expect(barrier).toMatchObject({ status: 'active', version: 1, clients: [{ name: DINGSHENG }], walledOff: [{ id: staffId }] });

    const mine = (await staff.get('/api/recusals/mine', { 'accept-language': 'en' })).json();
    expect(mine.barriers).toEqual([expect.objectContaining({ id: barrier.id, name: '鼎盛项目隔离' })]);
    expect(mine.barriers[0].walledOff).toBeUndefined();
    expect(mine.restrictions).toEqual([expect.objectContaining({ clientId: dingsheng.id, cause: 'walled_off', explanation: expect.stringContaining('information barrier') })]);
    expect(await restrictionsOfUser(db, staffId)).toEqual([expect.objectContaining({ clientId: dingsheng.id, cause: 'walled_off', recordId: barrier.id })]);
    expect((await compliance.get('/api/recusals/barriers?status=active')).json().items.map((b: { id: string }) => b.id)).toContain(barrier.id);

    // The supervision log and its report.
    await recordDenials(db, [{ userId: staffId, clientId: dingsheng.id, cause: 'walled_off', method: 'GET', route: '/api/registry/clients/:id', requestId: 'r1' }]);
    expect((await denialReport(db)).items.filter((row) => row.user.id === staffId)).toEqual([expect.objectContaining({ walledOff: 1, recused: 0, total: 1 })]);
    expect((await compliance.get('/api/recusals/denials')).json().items.find((row: { user: { id: string } }) => row.user.id === staffId)).toMatchObject({ total: 1 });
    // The log is evidence: it cannot be edited or deleted.
    await expect(db.execute(sql`delete from access_denials`)).rejects.toThrow();

    const lifted = await compliance.post(`/api/recusals/barriers/${barrier.id}/revoke`, { version: 1, comment: '项目结束' });
    expect(lifted.json()).toMatchObject({ status: 'revoked', version: 2, revokedOn: chinaToday() });
    expect((await compliance.post(`/api/recusals/barriers/${barrier.id}/revoke`, { version: 2 })).json().error).toMatchObject({ code: 'BARRIER_ALREADY_REVOKED', details: { status: 'revoked' } });
    expect(await restrictionsOfUser(db, staffId)).toEqual([]);
  });
});

describe('recusal rules', () => {
  it('serve the built-in set until compliance publishes a valid new version', async () => {
    const compliance = await testApp().signIn('compliance');
    const staff = await testApp().signIn('staff');
    const builtIn = (await staff.get('/api/recusals/rules')).json();
    expect(builtIn).toMatchObject({ version: null });
    expect(builtIn.rules.map((r: { id: string }) => r.id)).toEqual(defaultRecusalRules.map((r) => r.id));

    const broken = structuredClone(defaultRecusalRules) as unknown as Record<string, unknown>[];
    broken[0]!.maxHops = 9;
    const refused = await compliance.post('/api/recusals/rules', { rules: broken });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'RECUSAL_RULES_INVALID', fields: [{ path: `rules.${defaultRecusalRules[0]!.id}.maxHops`, message: 'HOPS_RANGE' }] });
    expect((await staff.post('/api/recusals/rules', { rules: defaultRecusalRules })).statusCode).toBe(403);

    const tightened = structuredClone(defaultRecusalRules).map((r) => (r.kind === 'shareholding' ? { ...r, minBasisPoints: 100 } : r));
    const published = await compliance.post('/api/recusals/rules', { rules: tightened, note: '持股 1% 即回避' });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: 1, note: '持股 1% 即回避' });
    await expect(testApp().database.db.execute(sql`update recusal_rule_versions set note = 'x'`)).rejects.toThrow();
    expect((await staff.get('/api/recusals/rules')).json().rules.find((r: { kind: string }) => r.kind === 'shareholding').minBasisPoints).toBe(100);
  });
});
