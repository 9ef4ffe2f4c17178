import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { queryRows } from '../../platform/db/database';
import { processMonitoringEvents } from './consumer';

const testApp = useTestApp();
const db = () => testApp().database.db;

async function someClient(session: Client, skip = 0) {
  const clients = (await session.get('/api/registry/clients?status=active&pageSize=50')).json().items as { id: string; party: { id: string; name: string } }[];
  const client = clients.filter((c) => c.party.name !== '苏州瑞丰医疗器械有限公司')[skip]!;
  return { clientId: client.id, partyId: client.party.id };
}

async function submitted(session: Client, body: object): Promise<string> {
  const created = await session.post('/api/benefits/requests', { benefitType: 'other', amount: '3000.00', currency: 'CNY', benefitDate: '2026-11-20', purpose: '客户答谢', ...body });
  expect(created.statusCode, created.body).toBe(201);
  const request = created.json();
  const sent = await session.post(`/api/benefits/requests/${request.id}/submit`, { version: request.version, justification: '客户年度答谢' });
  expect(sent.statusCode, sent.body).toBe(200);
  return request.id;
}

describe('the monitoring consumer', () => {
  it('judges submitted requests once, in order, and merges a growing split into one alert', async () => {
    await processMonitoringEvents(db());
    const staff = await testApp().signIn('staff');
    const { partyId } = await someClient(staff, 3);
    const first = await submitted(staff, { counterpartyPartyId: partyId });
    const second = await submitted(staff, { counterpartyPartyId: partyId });
    const run = await processMonitoringEvents(db());
    expect(run.read).toBeGreaterThanOrEqual(2);
    const rows = await queryRows<{ rule: string; request_ids: string[]; hits: number }>(db(), sql`select rule, request_ids, hits from alerts where ${first} = any(request_ids)`);
    expect(rows).toEqual([expect.objectContaining({ rule: 'structuring', request_ids: expect.arrayContaining([first, second]) })]);
    expect(await processMonitoringEvents(db())).toEqual({ read: 0, raised: 0 });
    const third = await submitted(staff, { counterpartyPartyId: partyId });
    await processMonitoringEvents(db());
    const grown = await queryRows<{ request_ids: string[]; hits: number }>(db(), sql`select request_ids, hits from alerts where rule = 'structuring' and ${first} = any(request_ids)`);
    expect(grown).toEqual([expect.objectContaining({ request_ids: expect.arrayContaining([first, second, third]), hits: 2 })]);
  });
});
