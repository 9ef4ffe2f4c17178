import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';

const testApp = useTestApp();
const ID_NUMBER = '11010519491231002X';
const USCC = '91440300708461136T';

async function createParty(session: Client, body: Record<string, unknown>) {
  const res = await session.post('/api/registry/parties', body);
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
}

describe('parties', () => {
  it('creates a person with aliases and identifiers, masked on reading', async () => {
    const compliance = await testApp().signIn('compliance');
    const party = await createParty(compliance, {
      kind: 'person',
      name: '欧阳明',
      aliases: [{ name: 'Ouyang Ming', nameType: 'english' }, { name: '歐陽明', nameType: 'traditional', language: 'zh-Hant' }],
      identifiers: [{ scheme: 'cn_resident_id', value: '110105 19491231 002x' }],
      country: 'cn',
    });
    expect(party).toMatchObject({ kind: 'person', primaryName: '欧阳明', country: 'CN', isClient: false, isStaff: false });
    expect(party.names.map((n: { name: string; nameType: string; language: string }) => [n.name, n.nameType, n.language])).toEqual([
      ['欧阳明', 'primary', 'zh-Hans'],
      ['Ouyang Ming', 'english', 'en'],
      ['歐陽明', 'traditional', 'zh-Hant'],
    ]);
    expect(party.identifiers[0]).toMatchObject({ scheme: 'cn_resident_id', value: '1101**********002X', masked: true });
    // Searching by any name, or by the full identifier, finds it.
    for (const q of ['ouyang ming', '歐陽', ID_NUMBER]) {
      const found = (await compliance.get(`/api/registry/parties?q=${encodeURIComponent(q)}`)).json();
      expect(found.items.map((p: { id: string }) => p.id), q).toContain(party.id);
    }
  });

  it('rejects wrong check digits with the failing field and writes nothing', async () => {
    const compliance = await testApp().signIn('compliance');
    const before = (await compliance.get('/api/registry/parties?pageSize=1')).json().total;
    const bad = await compliance.post('/api/registry/parties', { kind: 'org', name: '坏码公司', identifiers: [{ scheme: 'uscc', value: '91440300708461136X' }] }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'USCC_CHECK_DIGIT', message: 'Wrong check character in the unified social credit code.', fields: [{ path: 'identifiers.0.value' }] });
    const badId = await compliance.post('/api/registry/parties', { kind: 'person', name: '某人', identifiers: [{ scheme: 'cn_resident_id', value: '110105194912310021' }] });
    expect(badId.json().error.code).toBe('ID_NUMBER_CHECK_DIGIT');
    expect((await compliance.get('/api/registry/parties?pageSize=1')).json().total).toBe(before);
  });

  it('refuses an identifier another party holds, naming it; warns of a near-identical name', async () => {
    const compliance = await testApp().signIn('compliance');
    const first = await createParty(compliance, { kind: 'org', name: '深圳市腾讯计算机系统有限公司', identifiers: [{ scheme: 'uscc', value: USCC }] });
    const duplicate = await compliance.post('/api/registry/parties', { kind: 'org', name: '腾讯深圳', identifiers: [{ scheme: 'uscc', value: USCC.toLowerCase() }] });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'PARTY_IDENTIFIER_EXISTS', message: '该证件号码已登记在「深圳市腾讯计算机系统有限公司」名下。', details: { party: { id: first.id } } });

    const similar = await compliance.post('/api/registry/parties', { kind: 'org', name: '深圳市腾讯计算机系统 有限公司 ' });
    expect(similar.statusCode).toBe(409);
    expect(similar.json().error).toMatchObject({ code: 'SIMILAR_PARTY_EXISTS', details: { party: { id: first.id } } });
    const checked = (await compliance.post('/api/registry/parties/similar', { names: ['深圳市腾讯计算机系统有限公司'] })).json();
    expect(checked.items.map((p: { id: string }) => p.id)).toEqual([first.id]);
    const acknowledged = await compliance.post('/api/registry/parties', { kind: 'org', name: '深圳市腾讯计算机系统 有限公司', acknowledgeSimilar: true });
    expect(acknowledged.statusCode).toBe(201);
  });

  it('keeps history: a renamed party keeps its former name, ended names and identifiers stay listed, an ended party is frozen', async () => {
    const compliance = await testApp().signIn('compliance');
    const party = await createParty(compliance, { kind: 'org', name: '上海旧名咨询有限公司', identifiers: [{ scheme: 'uscc', value: '91110108551385082Q' }] });
    const renamed = (await compliance.patch(`/api/registry/parties/${party.id}`, { name: '上海新名咨询有限公司', address: '上海市浦东新区世纪大道100号' })).json();
    expect(renamed.primaryName).toBe('上海新名咨询有限公司');
    expect(renamed.names.map((n: { name: string; nameType: string }) => `${n.nameType}:${n.name}`)).toEqual(['former:上海旧名咨询有限公司', 'primary:上海新名咨询有限公司']);
    const endedId = (await compliance.post(`/api/registry/parties/${party.id}/identifiers/${renamed.identifiers[0].id}/end`)).json();
    expect(endedId.identifiers[0].endedAt).not.toBeNull();
    const primary = renamed.names.find((n: { nameType: string }) => n.nameType === 'primary');
    expect((await compliance.post(`/api/registry/parties/${party.id}/names/${primary.id}/end`)).json().error.code).toBe('PRIMARY_NAME_REQUIRED');

    const ended = (await compliance.post(`/api/registry/parties/${party.id}/end`, { reason: '注销' })).json();
    expect(ended.endedAt).not.toBeNull();
    expect((await compliance.patch(`/api/registry/parties/${party.id}`, { notes: 'x' })).json().error.code).toBe('PARTY_ENDED');
    expect((await compliance.get(`/api/registry/parties?q=${encodeURIComponent('上海新名')}`)).json().total).toBe(0);
    expect((await compliance.get(`/api/registry/parties?q=${encodeURIComponent('上海新名')}&includeEnded=yes`)).json().total).toBe(1);
    // The identifier is free again once ended.
    expect((await compliance.post('/api/registry/parties', { kind: 'org', name: '小米科技有限责任公司', identifiers: [{ scheme: 'uscc', value: '91110108551385082Q' }] })).statusCode).toBe(201);
  });

  it('pages, filters and sorts on the server', async () => {
    const staff = await testApp().signIn('staff');
    const page = (await staff.get('/api/registry/parties?staff=yes&sort=name&order=desc&pageSize=5&page=2')).json();
    expect(page.total).toBe(30);
    expect(page.items).toHaveLength(5);
    const names = page.items.map((p: { primaryName: string }) => p.primaryName);
    expect([...names].sort().reverse()).toEqual(names);
    expect(page.items.every((p: { isStaff: boolean }) => p.isStaff)).toBe(true);
    expect((await staff.get('/api/registry/parties?sort=bogus')).statusCode).toBe(400);
  });
});

describe('full identifier views', () => {
  it('are given to compliance and auditors only, and every view is audited', async () => {
    const compliance = await testApp().signIn('compliance');
    const party = await createParty(compliance, { kind: 'person', name: '李四', identifiers: [{ scheme: 'cn_resident_id', value: '360426199101010071' }, { scheme: 'passport', value: 'E12345678' }] });
    const [idNumber, passport] = party.identifiers;
    expect(passport.value).toBe('E1*****78');
    const url = `/api/registry/parties/${party.id}/identifiers/${idNumber.id}/reveal`;
    for (const username of ['staff', 'manager', 'finance', 'admin']) {
      const session = await testApp().signIn(username);
      expect((await session.get(`/api/registry/parties/${party.id}`)).json().identifiers[0].value, username).toBe('3604**********0071');
      expect((await session.post(url)).statusCode, username).toBe(403);
    }
    for (const username of ['compliance', 'auditor']) {
      const session = await testApp().signIn(username);
      expect((await session.post(url)).json()).toEqual({ value: '360426199101010071' });
    }
    const auditor = await testApp().signIn('auditor');
    const views = (await auditor.get(`/api/audit?action=party.identifier.reveal&entityId=${party.id}`)).json();
    expect(views.items.map((e: { actor: { username: string } }) => e.actor.username).sort()).toEqual(['auditor', 'compliance']);
    // The audit trail itself never holds the full number.
    const created = (await auditor.get(`/api/audit?action=party.create&entityId=${party.id}`)).json();
    expect(JSON.stringify(created.items[0].after)).not.toContain('360426199101010071');
  });
});
