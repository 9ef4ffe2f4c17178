import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app';

const testApp = useTestApp();

describe('clients and contacts', () => {
  it('makes a new organisation a client with owner, department, service lines and revenue', async () => {
    const compliance = await testApp().signIn('compliance');
    const users = (await compliance.get('/api/users?q=liang.chen')).json().items;
    const departments = (await compliance.get('/api/departments')).json().items;
    const sales = departments.find((d: { code: string }) => d.code === 'SAL');
    const res = await compliance.post('/api/registry/clients', {
      party: { kind: 'org', name: '苏州工业园区明德制造有限公司', identifiers: [{ scheme: 'uscc', value: '91110000600037341L' }] },
      status: 'active',
      ownerUserId: users[0].id,
      departmentId: sales.id,
      serviceLines: ['审计', '税务筹划'],
      startDate: '2021-04-01',
      annualRevenue: { amountMinor: 128_000_050, currency: 'CNY' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const client = res.json();
    expect(client).toMatchObject({
      party: { name: '苏州工业园区明德制造有限公司', kind: 'org' },
      status: 'active',
      owner: { username: 'liang.chen' },
      department: { code: 'SAL', name: '销售部' },
      serviceLines: ['审计', '税务筹划'],
      annualRevenue: { amountMinor: 128_000_050, currency: 'CNY' },
      contacts: [],
    });
    const party = (await compliance.get(`/api/registry/parties/${client.party.id}`)).json();
    expect(party.isClient).toBe(true);
    expect(party.client.id).toBe(client.id);
    const again = await compliance.post('/api/registry/clients', { partyId: client.party.id });
    expect(again.json().error.code).toBe('CLIENT_EXISTS');

    const withContact = (await compliance.post(`/api/registry/clients/${client.id}/contacts`, { person: { name: '钱小红' }, role: '财务总监', title: 'CFO', isPrimary: true })).json();
    expect(withContact.contacts).toMatchObject([{ party: { name: '钱小红' }, role: '财务总监', isPrimary: true, endedAt: null }]);
    const contactParty = withContact.contacts[0].party.id;
    expect((await compliance.get(`/api/registry/parties/${contactParty}`)).json().contactOf).toMatchObject([{ clientId: client.id, role: '财务总监' }]);
    const ended = (await compliance.post(`/api/registry/clients/${client.id}/contacts/${withContact.contacts[0].id}/end`)).json();
    expect(ended.contacts[0].endedAt).not.toBeNull();

    const former = (await compliance.patch(`/api/registry/clients/${client.id}`, { status: 'former', endDate: '2025-12-31' })).json();
    expect(former).toMatchObject({ status: 'former', startDate: '2021-04-01', endDate: '2025-12-31' });
    expect((await compliance.patch(`/api/registry/clients/${client.id}`, { endDate: '2020-01-01' })).json().error.code).toBe('DATE_ORDER');
    const trail = (await compliance.get(`/api/audit?entityType=client&entityId=${client.id}`)).json();
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['client.update', 'client.contact.end', 'client.contact.add', 'client.create']);
  });

  it('lists clients with server-side filters and sorting', async () => {
    const manager = await testApp().signIn('manager');
    const active = (await manager.get('/api/registry/clients?status=active&sort=revenue&order=desc')).json();
    expect(active.items.every((c: { status: string }) => c.status === 'active')).toBe(true);
    const revenues = active.items.map((c: { annualRevenue: { amountMinor: number } | null }) => c.annualRevenue?.amountMinor ?? -1);
    expect([...revenues].sort((x, y) => y - x)).toEqual(revenues);
    expect((await manager.post('/api/registry/clients', { party: { kind: 'org', name: 'X' } })).statusCode).toBe(403);
  });

  it('rejects bad money and unknown references without writing', async () => {
    const compliance = await testApp().signIn('compliance');
    const bad = await compliance.post('/api/registry/clients', { party: { kind: 'org', name: '浮点公司' }, annualRevenue: { amountMinor: 12.5, currency: 'CNY' } });
    expect(bad.statusCode).toBe(400);
    const unknownOwner = await compliance.post('/api/registry/clients', { party: { kind: 'org', name: '无主公司' }, ownerUserId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownOwner.json().error.code).toBe('UNKNOWN_USER');
    expect((await compliance.get(`/api/registry/parties?q=${encodeURIComponent('无主公司')}`)).json().total).toBe(0);
  });
});
