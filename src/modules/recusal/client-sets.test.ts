// Client sets (客户组): compliance keeps them, and a wall or recusal naming one follows its members —
// a client added later is walled from then on, a retired set keeps no one out.
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { restrictedAmong, restrictionsOfUser } from './recusal.service';

const testApp = useTestApp();

const DINGSHENG = '上海鼎盛精密机械股份有限公司';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

async function userId(session: Client, username: string): Promise<string> {
  const found = (await session.get(`/api/users?q=${username}&pageSize=50`)).json().items as { id: string; username: string }[];
  return found.find((u) => u.username === username)!.id;
}

/** 上海鼎盛 and two other clients. */
async function threeClients(session: Client): Promise<[string, string, string]> {
  const dingsheng = ((await session.get(`/api/registry/clients?q=${encodeURIComponent(DINGSHENG)}&pageSize=5`)).json().items as { id: string; party: { name: string } }[]).find((c) => c.party.name === DINGSHENG)!;
  const others = ((await session.get('/api/registry/clients?pageSize=10&sort=name')).json().items as { id: string }[]).filter((c) => c.id !== dingsheng.id);
  return [dingsheng.id, others[0]!.id, others[1]!.id];
}

const statusOf = async (session: Client, clientId: string) => (await session.get(`/api/registry/clients/${clientId}`)).statusCode;

describe('client sets', () => {
  it('a wall on a set hides its members, follows a member added later, and ends with the set’s retirement', async () => {
    const compliance = await testApp().signIn('compliance');
    const staff = await testApp().signIn('staff');
    const auditor = await testApp().signIn('auditor');
    const staffId = await userId(compliance, 'staff');
    const complianceId = await userId(compliance, 'compliance');
    const [dingsheng, second, third] = await threeClients(compliance);
    const { db } = testApp().database;

    // Only compliance keeps sets; auditors read them; staff neither.
    expect((await staff.post('/api/recusals/client-sets', { name: '鼎盛集团', clientIds: [dingsheng] })).statusCode).toBe(403);
    expect((await auditor.post('/api/recusals/client-sets', { name: '鼎盛集团', clientIds: [dingsheng] })).statusCode).toBe(403);
    expect((await staff.get('/api/recusals/client-sets')).statusCode).toBe(403);
    // Bad input.
    expect((await compliance.post('/api/recusals/client-sets', { name: '鼎盛集团', clientIds: [] })).json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await compliance.post('/api/recusals/client-sets', { name: ' ', clientIds: [dingsheng] })).statusCode).toBe(400);
    const unknownMember = await compliance.post('/api/recusals/client-sets', { name: '鼎盛集团', clientIds: [dingsheng, UNKNOWN] });
    expect(unknownMember.statusCode).toBe(400);
    expect(unknownMember.json().error).toMatchObject({ code: 'RECUSAL_UNKNOWN_CLIENT', fields: [{ path: 'clientIds' }] });

    const created = await compliance.post('/api/recusals/client-sets', { name: '鼎盛集团', description: '鼎盛及其关联方', clientIds: [dingsheng, second] });
    expect(created.statusCode, created.body).toBe(201);
    const set = created.json();
    expect(set).toMatchObject({ name: '鼎盛集团', status: 'active', version: 1, clients: [{ id: dingsheng, name: DINGSHENG }, { id: second }], createdBy: { id: complianceId } });
    expect((await compliance.post('/api/recusals/client-sets', { name: '鼎盛集团', clientIds: [third] })).json().error).toMatchObject({ code: 'CLIENT_SET_NAME_TAKEN' });
    expect((await auditor.get(`/api/recusals/client-sets/${set.id}`)).json()).toMatchObject({ id: set.id, description: '鼎盛及其关联方' });
    expect((await auditor.get(`/api/recusals/client-sets/${UNKNOWN}`)).json().error).toMatchObject({ code: 'CLIENT_SET_NOT_FOUND' });

    // A record names a client or a set; a set it names must exist.
    const wall = { name: '鼎盛并购项目', walledOffUserIds: [staffId], reason: '并购项目' };
    expect((await compliance.post('/api/recusals/barriers', wall)).json().error).toMatchObject({ code: 'RECUSAL_NO_CLIENT' });
    expect((await compliance.post('/api/recusals/barriers', { ...wall, clientSetIds: [UNKNOWN] })).json().error).toMatchObject({ code: 'CLIENT_SET_UNKNOWN', fields: [{ path: 'clientSetIds' }] });

    for (const clientId of [dingsheng, second, third]) expect(await statusOf(staff, clientId)).toBe(200);
    const walled = await compliance.post('/api/recusals/barriers', { ...wall, clientSetIds: [set.id] });
    expect(walled.statusCode, walled.body).toBe(201);
    const barrier = walled.json();
    expect(barrier).toMatchObject({ clients: [], clientSets: [{ id: set.id, name: '鼎盛集团', status: 'active', clients: [{ id: dingsheng, name: DINGSHENG }, { id: second }] }] });
    expect(await statusOf(staff, dingsheng)).toBe(404);
    expect(await statusOf(staff, second)).toBe(404);
    expect(await statusOf(staff, third)).toBe(200);
    expect(await restrictedAmong(db, [staffId, complianceId], dingsheng)).toEqual(new Map([[staffId, 'walled_off']]));
    expect((await restrictedAmong(db, [staffId, complianceId], third)).size).toBe(0);

    // A client added to the set is walled from then on.
    expect((await compliance.patch(`/api/recusals/client-sets/${set.id}`, { version: 1, clientIds: [dingsheng, second, third] })).json()).toMatchObject({ version: 2, clients: [{ id: dingsheng }, { id: second }, { id: third }] });
    expect(await statusOf(staff, third)).toBe(404);
    expect(await restrictedAmong(db, [staffId], third)).toEqual(new Map([[staffId, 'walled_off']]));
    expect((await compliance.get('/api/recusals/barriers?status=active')).json().items.find((b: { id: string }) => b.id === barrier.id).clientSets[0].clients).toHaveLength(3);
    const stale = await compliance.patch(`/api/recusals/client-sets/${set.id}`, { version: 1, name: '鼎盛系' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CLIENT_SET_STALE', details: { status: 'active', version: 2 } });

    // Each change is audited with what it was and what it became.
    const audit = (await compliance.get(`/api/audit?entityId=${set.id}&pageSize=50`)).json().items as { action: string; before: unknown; after: unknown }[];
    expect(audit.find((e) => e.action === 'client_set.change')).toMatchObject({ before: { clientIds: [dingsheng, second], version: 1 }, after: { clientIds: [dingsheng, second, third], version: 2 } });
    expect(audit.map((e) => e.action)).toContain('client_set.create');

    // Retired, the set keeps no one out; it stays, named by the wall, and cannot be named again or changed.
    const retired = await compliance.post(`/api/recusals/client-sets/${set.id}/retire`, { version: 2, comment: '项目结束' });
    expect(retired.json()).toMatchObject({ status: 'retired', version: 3 });
    for (const clientId of [dingsheng, second, third]) expect(await statusOf(staff, clientId)).toBe(200);
    expect((await restrictedAmong(db, [staffId], dingsheng)).size).toBe(0);
    expect(await restrictionsOfUser(db, staffId)).toEqual([]);
    expect((await compliance.get(`/api/recusals/barriers?status=active`)).json().items.find((b: { id: string }) => b.id === barrier.id).clientSets).toEqual([expect.objectContaining({ id: set.id, status: 'retired' })]);
    expect((await compliance.patch(`/api/recusals/client-sets/${set.id}`, { version: 3, name: '鼎盛系' })).json().error).toMatchObject({ code: 'CLIENT_SET_RETIRED' });
    expect((await compliance.post('/api/recusals/barriers', { ...wall, clientSetIds: [set.id] })).json().error).toMatchObject({ code: 'CLIENT_SET_RETIRED' });
    expect((await compliance.get('/api/recusals/client-sets?status=active')).json().items.map((s: { id: string }) => s.id)).not.toContain(set.id);
    // Its name is free again.
    expect((await compliance.post('/api/recusals/client-sets', { name: '鼎盛集团', clientIds: [dingsheng] })).statusCode).toBe(201);
  });

  it('a recusal through a set restricts once approved; nobody changes a set that keeps them out', async () => {
    const compliance = await testApp().signIn('compliance');
    const liNa = await testApp().signIn('li.na');
    const liNaId = await userId(compliance, 'li.na');
    const complianceId = await userId(compliance, 'compliance');
    const [dingsheng, second] = await threeClients(compliance);
    const { db } = testApp().database;

    const set = (await compliance.post('/api/recusals/client-sets', { name: '鼎盛关联方', clientIds: [dingsheng, second] })).json();
    const suggested = async () => (await compliance.get(`/api/recusals/suggestions?userId=${liNaId}&clientId=${dingsheng}`)).json().items;
    expect(await suggested()).toHaveLength(1);
    const asked = await liNa.post('/api/recusals', { clientSetIds: [set.id], reason: '配偶张建华任该客户董事' });
    expect(asked.statusCode, asked.body).toBe(201);
    // Asked for through the set, the pair is no longer suggested.
    expect(await suggested()).toEqual([]);
    expect(asked.json()).toMatchObject({ clients: [], clientSets: [{ id: set.id, clients: [{ id: dingsheng }, { id: second }] }] });
    expect(await restrictionsOfUser(db, liNaId)).toEqual([]);
    await compliance.post(`/api/recusals/${asked.json().id}/approve`, { version: 1 });
    expect((await restrictionsOfUser(db, liNaId)).map((r) => r.clientId).sort()).toEqual([dingsheng, second].sort());

    // A wall around compliance that starts later does not hide the set yet, but they may not loosen it.
    const other = (await compliance.post('/api/recusals/client-sets', { name: '鼎盛未来项目', clientIds: [second] })).json();
    const later = await compliance.post('/api/recusals/barriers', { name: '未来项目', clientSetIds: [other.id], walledOffUserIds: [complianceId], reason: '对方代理人', startsOn: '2099-01-01' });
    expect(later.statusCode, later.body).toBe(201);
    expect((await compliance.patch(`/api/recusals/client-sets/${other.id}`, { version: 1, clientIds: [dingsheng] })).json().error).toMatchObject({ code: 'CLIENT_SET_OWN_FORBIDDEN' });
    expect((await compliance.post(`/api/recusals/client-sets/${other.id}/retire`, { version: 1 })).statusCode).toBe(403);
  });
});
