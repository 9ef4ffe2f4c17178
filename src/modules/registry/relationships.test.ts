import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';

const testApp = useTestApp();

async function party(session: Client, kind: 'person' | 'org', name: string) {
  const res = await session.post('/api/registry/parties', { kind, name, acknowledgeSimilar: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('relationships', () => {
  it('records typed, directed relationships and refuses unsound ones with a reason', async () => {
    const compliance = await testApp().signIn('compliance');
    const [person, company, other] = [await party(compliance, 'person', '周杰'), await party(compliance, 'org', '杭州恒远科技有限公司'), await party(compliance, 'org', '杭州恒远控股有限公司')];
    const share = await compliance.post('/api/registry/relationships', { fromPartyId: other, toPartyId: company, type: 'shareholder', percentage: '51.5', validFrom: '2020-01-01' });
    expect(share.statusCode).toBe(201);
    expect(share.json()).toMatchObject({ type: 'shareholder', percentage: '51.50%', shareBasisPoints: 5150, current: true, source: 'manual', from: { name: '杭州恒远控股有限公司' } });

    const cases: [Record<string, unknown>, string][] = [
      [{ fromPartyId: person, toPartyId: person, type: 'sibling' }, 'SELF_RELATIONSHIP'],
      [{ fromPartyId: person, toPartyId: company, type: 'shareholder', percentage: '150' }, 'PERCENTAGE_RANGE'],
      [{ fromPartyId: person, toPartyId: company, type: 'shareholder', percentage: '-5' }, 'PERCENTAGE_RANGE'],
      [{ fromPartyId: person, toPartyId: company, type: 'shareholder' }, 'PERCENTAGE_REQUIRED'],
      [{ fromPartyId: person, toPartyId: company, type: 'director', percentage: '10' }, 'PERCENTAGE_NOT_ALLOWED'],
      [{ fromPartyId: company, toPartyId: person, type: 'director' }, 'PARTY_KIND_MISMATCH'],
      [{ fromPartyId: person, toPartyId: company, type: 'employee', validFrom: '2024-05-01', validTo: '2023-01-01' }, 'DATE_ORDER'],
      [{ fromPartyId: person, toPartyId: company, type: 'employee', validFrom: '2024-02-30' }, 'VALIDATION_FAILED'],
      [{ fromPartyId: person, toPartyId: company, type: 'cousin' }, 'VALIDATION_FAILED'],
      [{ fromPartyId: person, toPartyId: '00000000-0000-4000-8000-000000000000', type: 'employee' }, 'UNKNOWN_PARTY'],
    ];
    for (const [body, code] of cases) {
      const res = await compliance.post('/api/registry/relationships', body);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    const listed = (await compliance.get(`/api/registry/relationships?partyId=${person}&status=all`)).json();
    expect(listed.total).toBe(0);
  });

  it('never overwrites: a correction supersedes, an end keeps the dates, and ended ones are kept', async () => {
    const compliance = await testApp().signIn('compliance');
    const [person, company] = [await party(compliance, 'person', '郑宇'), await party(compliance, 'org', '南京大成会计师事务所')];
    const created = (await compliance.post('/api/registry/relationships', { fromPartyId: person, toPartyId: company, type: 'employee', role: '审计员', validFrom: '2018-03-01' })).json();
    const corrected = await compliance.post(`/api/registry/relationships/${created.id}/supersede`, { role: '高级审计员' });
    expect(corrected.json()).toMatchObject({ role: '高级审计员', validFrom: '2018-03-01', current: true });
    const old = (await compliance.get(`/api/registry/relationships/${created.id}`)).json();
    expect(old).toMatchObject({ role: '审计员', supersededById: corrected.json().id, current: false });
    expect((await compliance.post(`/api/registry/relationships/${created.id}/end`, { validTo: '2023-06-30' })).json().error.code).toBe('RECORD_ENDED');

    const ended = (await compliance.post(`/api/registry/relationships/${corrected.json().id}/end`, { validTo: '2023-06-30' })).json();
    expect(ended).toMatchObject({ validFrom: '2018-03-01', validTo: '2023-06-30', current: false });
    expect((await compliance.get(`/api/registry/relationships?partyId=${person}&status=current`)).json().total).toBe(0);
    expect((await compliance.get(`/api/registry/relationships?partyId=${person}&status=ended`)).json().items.map((r: { role: string }) => r.role)).toEqual(['高级审计员']);
    const detail = (await compliance.get(`/api/registry/parties/${person}`)).json();
    expect(detail.relationships).toHaveLength(1); // superseded versions are history, not listed
  });

  it('draws a two-hop graph from a party', async () => {
    const compliance = await testApp().signIn('compliance');
    const [a, b, c, d] = [await party(compliance, 'person', '甲某'), await party(compliance, 'person', '乙某'), await party(compliance, 'org', '丙公司'), await party(compliance, 'org', '丁公司')];
    await compliance.post('/api/registry/relationships', { fromPartyId: a, toPartyId: b, type: 'spouse' });
    await compliance.post('/api/registry/relationships', { fromPartyId: b, toPartyId: c, type: 'director' });
    await compliance.post('/api/registry/relationships', { fromPartyId: c, toPartyId: d, type: 'shareholder', percentage: 30 });
    expect((await compliance.post('/api/registry/clients', { partyId: c, status: 'active' })).statusCode).toBe(201);
    const graph = (await compliance.get(`/api/registry/parties/${a}/graph`)).json();
    expect(graph.nodes.filter((n: { isClient: boolean }) => n.isClient).map((n: { name: string }) => n.name)).toEqual(['丙公司']);
    expect(graph.nodes.map((n: { name: string; depth: number }) => `${n.name}:${n.depth}`).sort()).toEqual(['丙公司:2', '乙某:1', '甲某:0']);
    expect(graph.edges).toHaveLength(2);
    expect((await compliance.get(`/api/registry/parties/${a}/graph?hops=3`)).json().nodes).toHaveLength(4);

    // A hub (here an employer of 30) is drawn but not walked through.
    const hub = await party(compliance, 'org', '戊集团');
    await compliance.post('/api/registry/relationships', { fromPartyId: b, toPartyId: hub, type: 'employee' });
    for (let i = 0; i < 29; i += 1) await compliance.post('/api/registry/relationships', { fromPartyId: await party(compliance, 'person', `员工${i}`), toPartyId: hub, type: 'employee' });
    const withHub = (await compliance.get(`/api/registry/parties/${b}/graph`)).json();
    expect(withHub.collapsed).toEqual([hub]);
    expect(withHub.nodes.map((n: { name: string }) => n.name).sort()).toEqual(['丁公司', '丙公司', '乙某', '戊集团', '甲某']);
    expect((await compliance.get(`/api/registry/parties/${hub}/graph?hops=1`)).json().nodes).toHaveLength(31);
  });

  it('is read by every role but written only by compliance', async () => {
    const staff = await testApp().signIn('staff');
    expect((await staff.get('/api/registry/relationships')).statusCode).toBe(200);
    const res = await staff.post('/api/registry/relationships', { fromPartyId: '00000000-0000-4000-8000-000000000000', toPartyId: '00000000-0000-4000-8000-000000000001', type: 'spouse' });
    expect(res.statusCode).toBe(403);
  });
});
