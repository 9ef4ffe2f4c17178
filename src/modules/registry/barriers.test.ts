// Recusals (回避) and information barriers (信息隔离墙) in the registry and the conflict check: a client
// hidden from someone answers them exactly as a missing one, lists and totals leave it out, and an
// unrestricted colleague with the same permissions sees everything as before.
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { parseCsv } from '../../core/csv';
import { usccCheckCharacter } from '../../core/identifiers';
import { queryRows } from '../../platform/db/database';

const testApp = useTestApp();

const DINGSHENG = '上海鼎盛精密机械股份有限公司';
const HUSBAND = '张建华';
const NOBODY = '00000000-0000-4000-8000-000000000000';
// A second client behind the same wall, imported under keys so that files can name it.
const usccOf = (body: string) => body + usccCheckCharacter(body);
const WALLED = { ref: 'B-ORG-1', name: '杭州隔离测试科技有限公司', uscc: usccOf('91330100800000001') };
const PERSON_REF = 'B-P-1';

let compliance: Client; // unrestricted, the same permissions as mediator
let mediator: Client; // a compliance officer walled off
let manager: Client; // unrestricted, the same registry and check permissions as staff
let staff: Client; // walled off
let liNa: Client; // recused from 鼎盛 only
const userIds: Record<string, string> = {};
let dingsheng: { id: string; partyId: string };
let walled: { id: string; partyId: string };
let husbandId: string;

const enc = encodeURIComponent;
const csv = (...lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);
const upload = (session: Client, path: string, body: Buffer) =>
  session.request('POST', path, { body, headers: { 'content-type': 'application/octet-stream', 'accept-language': 'en' } });
const rowsOf = (body: string) => {
  const [header, ...rows] = parseCsv(body).records;
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]])));
};
const total = async (session: Client, url: string) => (await session.get(url)).json().total as number;

/** A hidden record answers exactly as an absent one: same status, code and message. */
function sameAs(hidden: LightMyRequestResponse, absent: LightMyRequestResponse, code: string) {
  expect(hidden.statusCode, hidden.body).toBe(absent.statusCode);
  expect(hidden.json().error.code).toBe(code);
  expect({ code: hidden.json().error.code, message: hidden.json().error.message }).toEqual({ code: absent.json().error.code, message: absent.json().error.message });
}

beforeAll(async () => {
  const signIn = (username: string) => testApp().signIn(username);
  [compliance, mediator, manager, staff, liNa] = await Promise.all([signIn('compliance'), signIn('mediator'), signIn('manager'), signIn('staff'), signIn('li.na')]);
  for (const username of ['staff', 'mediator', 'li.na', 'manager', 'compliance']) {
    const found = (await compliance.get(`/api/users?q=${username}&pageSize=50`)).json().items as { id: string; username: string }[];
    userIds[username] = found.find((u) => u.username === username)!.id;
  }
  const client = ((await compliance.get(`/api/registry/clients?q=${enc(DINGSHENG)}`)).json().items as { id: string; party: { id: string; name: string } }[]).find((c) => c.party.name === DINGSHENG)!;
  dingsheng = { id: client.id, partyId: client.party.id };
  const director = (await compliance.get(`/api/registry/relationships?partyId=${dingsheng.partyId}&type=director`)).json().items.find((r: { from: { name: string } }) => r.from.name === HUSBAND);
  husbandId = director.from.id;

  const parties = csv('id,kind,name,uscc', `${WALLED.ref},org,${WALLED.name},${WALLED.uscc}`, `${PERSON_REF},person,隔离测试联系人,`);
  expect((await upload(compliance, '/api/registry/imports?kind=parties&dryRun=false', parties)).json()).toMatchObject({ created: { parties: 2 } });
  expect((await upload(compliance, '/api/registry/imports?kind=clients&dryRun=false', csv('party,status', `${WALLED.ref},active`))).json()).toMatchObject({ created: { clients: 1 } });
  const imported = (await compliance.get(`/api/registry/clients?q=${enc(WALLED.name)}`)).json().items[0];
  walled = { id: imported.id, partyId: imported.party.id };

  const barrier = await compliance.post('/api/recusals/barriers', { name: '鼎盛项目隔离', clientIds: [dingsheng.id, walled.id], walledOffUserIds: [userIds.staff, userIds.mediator], reason: '并购项目' });
  expect(barrier.statusCode, barrier.body).toBe(201);
  const recusal = await liNa.post('/api/recusals', { clientIds: [dingsheng.id], reason: '配偶张建华任该客户董事' });
  expect(recusal.statusCode, recusal.body).toBe(201);
  expect((await compliance.post(`/api/recusals/${recusal.json().id}/approve`, { version: 1, comment: '同意回避' })).statusCode).toBe(200);
});

describe('recusals and barriers in the registry', () => {
  it('clients: left out of lists, totals and searches; reading or changing one answers as for a missing client', async () => {
    const search = `/api/registry/clients?q=${enc('上海鼎盛精密机械')}`;
    expect((await manager.get(search)).json()).toMatchObject({ total: 1, items: [{ id: dingsheng.id }] });
    for (const session of [staff, liNa]) expect((await session.get(search)).json()).toMatchObject({ total: 0, items: [] });
    const everyone = await total(manager, '/api/registry/clients?pageSize=1');
    expect(everyone - (await total(staff, '/api/registry/clients?pageSize=1'))).toBe(2);
    expect(everyone - (await total(liNa, '/api/registry/clients?pageSize=1'))).toBe(1);
    const active = await total(manager, '/api/registry/clients?status=active&pageSize=1');
    expect(active - (await total(staff, '/api/registry/clients?status=active&pageSize=1'))).toBe(2);

    const absent = await staff.get(`/api/registry/clients/${NOBODY}`);
    for (const session of [staff, liNa]) sameAs(await session.get(`/api/registry/clients/${dingsheng.id}`), absent, 'CLIENT_NOT_FOUND');
    expect((await manager.get(`/api/registry/clients/${dingsheng.id}`)).json()).toMatchObject({ id: dingsheng.id, party: { name: DINGSHENG } });

    const change = { serviceLines: ['审计', '内部控制咨询'] };
    sameAs(await mediator.patch(`/api/registry/clients/${dingsheng.id}`, change), await mediator.patch(`/api/registry/clients/${NOBODY}`, change), 'CLIENT_NOT_FOUND');
    expect((await compliance.patch(`/api/registry/clients/${dingsheng.id}`, change)).statusCode).toBe(200);
    const contact = { person: { name: '隔离测试新联系人' }, role: '财务联系人' };
    sameAs(await mediator.post(`/api/registry/clients/${dingsheng.id}/contacts`, contact), await mediator.post(`/api/registry/clients/${NOBODY}/contacts`, contact), 'CLIENT_NOT_FOUND');
    sameAs(await mediator.post(`/api/registry/clients/${dingsheng.id}/contacts/${NOBODY}/end`), await mediator.post(`/api/registry/clients/${NOBODY}/contacts/${NOBODY}/end`), 'CONTACT_NOT_FOUND');
    // Making its party a client again: to the walled-off it is an unknown party, to others already a client.
    sameAs(await mediator.post('/api/registry/clients', { partyId: dingsheng.partyId, status: 'active' }), await mediator.post('/api/registry/clients', { partyId: NOBODY, status: 'active' }), 'PARTY_NOT_FOUND');
    expect((await compliance.post('/api/registry/clients', { partyId: dingsheng.partyId, status: 'active' })).json().error.code).toBe('CLIENT_EXISTS');
  });

  it('parties: hidden clients are left out of searches and totals, read and changed as missing, and cut out of a visible party’s links', async () => {
    const search = `/api/registry/parties?q=${enc('上海鼎盛精密机械')}`;
    const names = async (session: Client) => ((await session.get(search)).json().items as { name: string; primaryName: string }[]).map((p) => p.primaryName);
    expect(await names(manager)).toContain(DINGSHENG);
    expect(await names(staff)).not.toContain(DINGSHENG);
    expect((await total(manager, search)) - (await total(staff, search))).toBe(1);
    const clients = '/api/registry/parties?client=yes&pageSize=1';
    expect((await total(manager, clients)) - (await total(staff, clients))).toBe(2);
    expect((await total(manager, clients)) - (await total(liNa, clients))).toBe(1);

    for (const path of ['', '/graph']) {
      sameAs(await staff.get(`/api/registry/parties/${dingsheng.partyId}${path}`), await staff.get(`/api/registry/parties/${NOBODY}${path}`), 'PARTY_NOT_FOUND');
      expect((await manager.get(`/api/registry/parties/${dingsheng.partyId}${path}`)).statusCode).toBe(200);
    }
    // Her husband stays visible, without his seat on the hidden client's board.
    const related = async (session: Client) =>
      ((await session.get(`/api/registry/parties/${husbandId}`)).json().relationships as { from: { name: string }; to: { name: string } }[]).flatMap((r) => [r.from.name, r.to.name]);
    expect(await related(manager)).toContain(DINGSHENG);
    expect(await related(liNa)).not.toContain(DINGSHENG);
    expect(await related(liNa)).toContain('李娜');
    const graph = async (session: Client) => ((await session.get(`/api/registry/parties/${husbandId}/graph?hops=2`)).json().nodes as { name: string }[]).map((n) => n.name);
    expect(await graph(manager)).toContain(DINGSHENG);
    expect(await graph(staff)).not.toContain(DINGSHENG);

    const uscc = (await compliance.get(`/api/registry/parties/${dingsheng.partyId}`)).json().identifiers.find((i: { scheme: string }) => i.scheme === 'uscc');
    const changes: [string, string, object?][] = [
      ['PATCH', '', { notes: '隔离测试' }],
      ['POST', '/end', { reason: '隔离测试' }],
      ['POST', '/names', { name: '鼎盛精机', nameType: 'abbreviation' }],
      ['POST', `/names/${NOBODY}/end`],
      ['POST', '/identifiers', { scheme: 'passport', value: 'E12345678' }],
      ['POST', `/identifiers/${uscc.id}/end`],
      ['POST', `/identifiers/${uscc.id}/reveal`],
    ];
    for (const [method, path, body] of changes) {
      const hidden = await mediator.request(method as 'POST', `/api/registry/parties/${dingsheng.partyId}${path}`, { body });
      const absent = await mediator.request(method as 'POST', `/api/registry/parties/${NOBODY}${path}`, { body });
      sameAs(hidden, absent, path.endsWith('/reveal') ? 'IDENTIFIER_NOT_FOUND' : 'PARTY_NOT_FOUND');
    }
    expect((await compliance.post(`/api/registry/parties/${dingsheng.partyId}/identifiers/${uscc.id}/reveal`)).json()).toEqual({ value: uscc.value });

    const similar = async (session: Client) => ((await session.post('/api/registry/parties/similar', { names: [DINGSHENG] })).json().items as { name: string }[]).map((p) => p.name);
    expect(await similar(compliance)).toEqual([DINGSHENG]);
    expect(await similar(mediator)).toEqual([]);
    // An identifier has one holder: still refused, but without naming a hidden one.
    const taken = { kind: 'org', name: '隔离测试另一家公司', identifiers: [{ scheme: 'uscc', value: uscc.value }] };
    const refused = await mediator.post('/api/registry/parties', taken);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('IDENTIFIER_TAKEN');
    expect(refused.body).not.toContain(DINGSHENG);
    expect((await compliance.post('/api/registry/parties', taken)).json().error).toMatchObject({ code: 'PARTY_IDENTIFIER_EXISTS', message: expect.stringContaining(DINGSHENG) });
  });

  it('relationships: any with a hidden client at either end is left out and answers as missing; naming one is naming an unknown party', async () => {
    const ofDingsheng = (await manager.get(`/api/registry/relationships?partyId=${dingsheng.partyId}&status=all&pageSize=100`)).json();
    const seat = (ofDingsheng.items as { id: string; type: string; from: { id: string } }[]).find((r) => r.type === 'director' && r.from.id === husbandId)!;
    expect(ofDingsheng.total).toBeGreaterThan(1);
    expect((await staff.get(`/api/registry/relationships?partyId=${dingsheng.partyId}&status=all`)).json()).toMatchObject({ total: 0, items: [] });
    const all = '/api/registry/relationships?status=all&pageSize=1';
    expect((await total(manager, all)) - (await total(staff, all))).toBe(ofDingsheng.total);
    const his = `/api/registry/relationships?partyId=${husbandId}&status=all`;
    expect((await total(manager, his)) - (await total(liNa, his))).toBe(1);
    expect(((await liNa.get(his)).json().items as { id: string }[]).map((r) => r.id)).not.toContain(seat.id);

    sameAs(await staff.get(`/api/registry/relationships/${seat.id}`), await staff.get(`/api/registry/relationships/${NOBODY}`), 'RELATIONSHIP_NOT_FOUND');
    expect((await manager.get(`/api/registry/relationships/${seat.id}`)).json()).toMatchObject({ id: seat.id, to: { name: DINGSHENG } });
    const link = (toPartyId: string) => ({ fromPartyId: husbandId, toPartyId, type: 'shareholder', percentage: '5%' });
    const unknown = await mediator.post('/api/registry/relationships', link(NOBODY));
    sameAs(await mediator.post('/api/registry/relationships', link(dingsheng.partyId)), unknown, 'UNKNOWN_PARTY');
    expect(unknown.json().error.fields).toEqual([expect.objectContaining({ path: 'toPartyId' })]);
    sameAs(await mediator.post(`/api/registry/relationships/${seat.id}/supersede`, { role: '独立董事' }), await mediator.post(`/api/registry/relationships/${NOBODY}/supersede`, { role: '独立董事' }), 'RELATIONSHIP_NOT_FOUND');
    sameAs(await mediator.post(`/api/registry/relationships/${seat.id}/end`, { validTo: '2026-01-01' }), await mediator.post(`/api/registry/relationships/${NOBODY}/end`, { validTo: '2026-01-01' }), 'RELATIONSHIP_NOT_FOUND');
    expect((await compliance.post('/api/registry/relationships', link(dingsheng.partyId))).statusCode).toBe(201);
  });

  it('exports: the same lists, so no hidden rows in any file', async () => {
    const clients = `/api/registry/export/clients?q=${enc('上海鼎盛精密机械')}`;
    expect(rowsOf((await manager.get(clients)).body).map((r) => r.name)).toEqual([DINGSHENG]);
    expect(rowsOf((await staff.get(clients)).body)).toEqual([]);
    const parties = `/api/registry/export/parties?q=${enc('鼎盛精密机械')}`;
    expect(rowsOf((await manager.get(parties)).body).map((r) => r.name)).toContain(DINGSHENG);
    expect((await staff.get(parties)).body).not.toContain(DINGSHENG);
    const relationships = `/api/registry/export/relationships?partyId=${husbandId}&status=all`;
    expect(rowsOf((await manager.get(relationships)).body).map((r) => r.to_name)).toContain(DINGSHENG);
    const hers = rowsOf((await liNa.get(relationships)).body);
    expect(hers.length).toBeGreaterThan(0);
    expect(hers.map((r) => r.to_name)).not.toContain(DINGSHENG);
    const everything = await staff.get('/api/registry/export/clients');
    expect(everything.body).not.toContain(DINGSHENG);
    expect(everything.body).not.toContain(WALLED.name);

    const ftm = async (session: Client) => (await session.get('/api/registry/ftm/export')).body;
    const full = await ftm(manager);
    expect(full).toContain(DINGSHENG);
    expect(full).toContain(`probity-${dingsheng.partyId}`);
    const cut = await ftm(staff);
    expect(cut).toContain(HUSBAND);
    for (const hidden of [DINGSHENG, `probity-${dingsheng.partyId}`, WALLED.name]) expect(cut).not.toContain(hidden);
  });

  it('imports: a row naming a hidden client is refused as naming an unknown party; a hidden holder of an identifier is not named', async () => {
    const dryRun = (session: Client, kind: string, body: Buffer) => upload(session, `/api/registry/imports?kind=${kind}&dryRun=true`, body).then((r) => r.json());
    const rejected = (line: number, field: string, code: string) => [expect.objectContaining({ line, field, code })];

    const link = csv('from,to,type,role', `${PERSON_REF},${WALLED.ref},director,董事`);
    expect((await dryRun(mediator, 'relationships', link)).rejected).toEqual(rejected(2, 'to', 'UNKNOWN_PARTY'));
    expect((await dryRun(mediator, 'relationships', csv('from,to,type,role', `${PERSON_REF},NO-SUCH-REF,director,董事`))).rejected).toEqual(rejected(2, 'to', 'UNKNOWN_PARTY'));
    expect(await dryRun(compliance, 'relationships', link)).toMatchObject({ valid: 1, rejected: [] });

    const client = csv('party,status', `${WALLED.ref},active`);
    expect((await dryRun(mediator, 'clients', client)).rejected).toEqual(rejected(2, 'party', 'UNKNOWN_PARTY'));
    expect((await dryRun(compliance, 'clients', client)).rejected).toEqual(rejected(2, 'party', 'CLIENT_EXISTS'));

    const contact = csv('client,person,role', `${WALLED.ref},${PERSON_REF},财务联系人`);
    expect((await dryRun(mediator, 'contacts', contact)).rejected).toEqual(rejected(2, 'client', 'UNKNOWN_PARTY'));
    expect(await dryRun(compliance, 'contacts', contact)).toMatchObject({ valid: 1, rejected: [] });

    const party = csv('id,kind,name,uscc', `B-ORG-2,org,隔离测试重复公司,${WALLED.uscc}`);
    const hidden = await dryRun(mediator, 'parties', party);
    expect(hidden.rejected).toEqual(rejected(2, 'uscc', 'IDENTIFIER_TAKEN'));
    expect(JSON.stringify(hidden)).not.toContain(WALLED.name);
    expect((await dryRun(compliance, 'parties', party)).rejected).toEqual([expect.objectContaining({ code: 'PARTY_IDENTIFIER_EXISTS', message: expect.stringContaining(WALLED.name) })]);

    const entities = [
      { id: 'b-ftm-director', schema: 'Person', properties: { name: ['隔离测试董事'] } },
      { id: 'b-ftm-seat', schema: 'Directorship', properties: { director: ['b-ftm-director'], organization: [`probity-${dingsheng.partyId}`], role: ['董事'] } },
    ];
    const ftm = Buffer.from(entities.map((e) => JSON.stringify(e)).join('\n'));
    const walledImport = (await upload(mediator, '/api/registry/ftm/import?dryRun=true', ftm)).json();
    expect(walledImport).toMatchObject({ valid: 1, rejected: rejected(2, 'organization', 'UNKNOWN_PARTY') });
    expect((await upload(compliance, '/api/registry/ftm/import?dryRun=true', ftm)).json()).toMatchObject({ valid: 2, rejected: [] });
  });
});

describe('recusals and barriers in conflict checks', () => {
  type Hit = { party: { id: string; name: string }; paths: { text: string; steps: { party: { id: string } }[] }[] };
  type Check = { id: string; level: string; hitCount: number; results: { level: string; hits: Hit[] }[] };
  const body = { subjects: [{ name: HUSBAND, kind: 'person' }, { name: DINGSHENG, kind: 'org' }], purpose: '隔离墙测试', hops: 2 };
  const hits = (check: Check) => check.results.flatMap((r) => r.hits);
  const touchesDingsheng = (hit: Hit) => hit.party.id === dingsheng.partyId || hit.paths.some((p) => p.steps.some((s) => s.party.id === dingsheng.partyId));
  const run = async (session: Client) => {
    const response = await session.post('/api/conflict-checks', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Check;
  };

  it('save what was really found, but show the restricted checker only what they may see, with the verdict and count of that', async () => {
    const shown = await run(staff);
    expect(hits(shown).some(touchesDingsheng)).toBe(false);
    expect(shown.hitCount).toBe(hits(shown).length);
    const husband = shown.results[0]!.hits.find((h) => h.party.id === husbandId)!;
    expect(husband.paths.map((p) => p.text)).toContain('张建华 —配偶— 李娜（员工）');
    expect(shown.results[0]!.level).toBe('likely');

    // Saved in full: compliance (unrestricted) reading the same check sees every hit.
    const saved = (await compliance.get(`/api/conflict-checks/${shown.id}`)).json() as Check;
    expect(saved.results[1]!.hits.map((h) => h.party.name)).toContain(DINGSHENG);
    expect(saved.results[0]!.hits.find((h) => h.party.id === husbandId)!.paths.map((p) => p.text)).toContain(`张建华 —董事→ ${DINGSHENG}（客户）`);
    expect(saved.hitCount).toBeGreaterThan(shown.hitCount);
    expect(saved.hitCount).toBe(hits(saved).length);

    // Read back and listed, the checker sees the same as when it ran.
    const again = (await staff.get(`/api/conflict-checks/${shown.id}`)).json() as Check;
    expect({ level: again.level, hitCount: again.hitCount, results: again.results }).toEqual({ level: shown.level, hitCount: shown.hitCount, results: shown.results });
    const listed = ((await staff.get('/api/conflict-checks')).json().items as { id: string; level: string; hitCount: number }[]).find((c) => c.id === shown.id);
    expect(listed).toMatchObject({ level: shown.level, hitCount: shown.hitCount });
    const listedAll = ((await compliance.get('/api/conflict-checks?scope=all')).json().items as { id: string; hitCount: number }[]).find((c) => c.id === shown.id);
    expect(listedAll).toMatchObject({ hitCount: saved.hitCount });
    // Someone else's check that found the client is, to a walled-off reader with the history permission,
    // as absent as any other record of it: its subjects and purpose alone say who is looking at the client.
    sameAs(await mediator.get(`/api/conflict-checks/${shown.id}`), await mediator.get(`/api/conflict-checks/${NOBODY}`), 'CONFLICT_CHECK_NOT_FOUND');
    const listedWalled = (await mediator.get('/api/conflict-checks?scope=all&pageSize=200')).json() as { items: { id: string }[]; total: number };
    expect(listedWalled.items.map((c) => c.id)).not.toContain(shown.id);
    expect(listedWalled.total).toBe(listedWalled.items.length);

    // A colleague with the same permissions finds the client; the recused one does not.
    expect(hits(await run(manager)).some(touchesDingsheng)).toBe(true);
    expect(hits(await run(liNa)).some(touchesDingsheng)).toBe(false);
  });

  it('leave hidden clients out of the type-ahead', async () => {
    const offered = async (session: Client) =>
      ((await session.get(`/api/conflict-checks/suggestions?name=${enc('上海鼎盛精密机械')}&kind=org&top=3`)).json().hits as { party: { name: string } }[]).map((h) => h.party.name);
    expect(await offered(manager)).toContain(DINGSHENG);
    const staffOffered = await offered(staff);
    expect(staffOffered).not.toContain(DINGSHENG);
    expect(staffOffered.length).toBeLessThanOrEqual(3);
  });
});

describe('recusals and barriers in declarations', () => {
  it('leave a declaration naming a hidden client to a reviewer who may see it', async () => {
    const finance = await testApp().signIn('finance');
    const declared = await finance.post('/api/registry/declarations', { items: [{ type: 'interest', relation: 'shareholder', organisation: DINGSHENG, percentage: '0.5' }] });
    expect(declared.statusCode, declared.body).toBe(201);
    const id = declared.json().id as string;
    sameAs(await mediator.post(`/api/registry/declarations/${id}/accept`, { comment: '同意' }), await mediator.post(`/api/registry/declarations/${NOBODY}/accept`, { comment: '同意' }), 'DECLARATION_NOT_FOUND');
    const accepted = await compliance.post(`/api/registry/declarations/${id}/accept`, { comment: '同意' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().relationshipIds).toHaveLength(1);
    expect((await mediator.get(`/api/registry/declarations/${id}`)).json().relationshipIds).toEqual([]);
  });
});

describe('the supervision report', () => {
  it('shows the refused attempts of each restricted person, and none of their colleagues', async () => {
    const report = (await compliance.get('/api/recusals/denials')).json().items as { user: { id: string }; recused: number; walledOff: number; total: number }[];
    const of = (username: string) => report.find((r) => r.user.id === userIds[username]);
    expect(of('staff')).toMatchObject({ recused: 0, walledOff: expect.any(Number) });
    expect(of('mediator')).toMatchObject({ recused: 0, walledOff: expect.any(Number) });
    expect(of('li.na')).toMatchObject({ recused: expect.any(Number), walledOff: 0 });
    for (const username of ['staff', 'mediator', 'li.na']) expect(of(username)!.total).toBeGreaterThan(0);
    expect(of('manager')).toBeUndefined();
    expect(of('compliance')).toBeUndefined();

    const routes = async (username: string) =>
      (await queryRows<{ route: string }>(testApp().database.db, sql`select distinct route from access_denials where user_id = ${userIds[username]!}`)).map((r) => r.route);
    expect(await routes('staff')).toEqual(
      expect.arrayContaining(['/api/registry/clients/:id', '/api/registry/parties/:id', '/api/registry/parties/:id/graph', '/api/registry/relationships/:id', '/api/conflict-checks', '/api/conflict-checks/:id']),
    );
    expect(await routes('mediator')).toEqual(
      expect.arrayContaining([
        '/api/registry/clients/:id',
        '/api/registry/clients',
        '/api/registry/parties/:id/identifiers/:childId/reveal',
        '/api/registry/relationships',
        '/api/registry/relationships/:id/supersede',
        '/api/registry/imports',
        '/api/registry/ftm/import',
        '/api/registry/declarations/:id/accept',
        '/api/conflict-checks/:id',
      ]),
    );
    expect(await routes('li.na')).toEqual(expect.arrayContaining(['/api/registry/clients/:id', '/api/conflict-checks']));
    // Lists and exports leave rows out without logging an attempt.
    expect(await routes('staff')).not.toContain('/api/registry/export/clients');
  });
});
