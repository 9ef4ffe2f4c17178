import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, useTestApp, type Client, type TestApp } from '../../../../test/support/test-app';

const testApp = useTestApp();
const sample = readFileSync(new URL('../../../../test/data/ftm/pep-sample.ftm.jsonl', import.meta.url));

const upload = (client: Client, body: Buffer | string, dryRun: boolean) =>
  client.request('POST', `/api/registry/ftm/import?dryRun=${dryRun}`, { body, headers: { 'content-type': 'application/octet-stream', 'accept-language': 'en' } });

async function partyByRef(client: Client, ref: string) {
  const [found] = (await client.get(`/api/registry/parties?q=${encodeURIComponent(ref)}`)).json().items;
  return (await client.get(`/api/registry/parties/${found.id}`)).json();
}

interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** An export with entity ids replaced by party names, sorted: equal when two registries hold the same. */
function comparable(ndjson: string): string[] {
  const entities: FtmEntity[] = ndjson.trim().split('\n').map((line) => JSON.parse(line));
  const caption = new Map(entities.filter((e) => e.properties.name).map((e) => [e.id, e.properties.name![0]!]));
  return entities
    .map(({ schema, properties }) => {
      // Masked personal numbers are not identifiers: they do not survive the trip.
      const named = Object.entries(properties)
        .map(([prop, values]) => [prop, values.filter((v) => !v.includes('*')).map((v) => caption.get(v) ?? v).sort()] as const)
        .filter(([, values]) => values.length);
      return JSON.stringify([schema, Object.fromEntries(named.sort())]);
    })
    .sort();
}

describe('FollowTheMoney import', () => {
  it('reports a dry run exactly and writes nothing', async () => {
    const compliance = await testApp().signIn('compliance');
    const response = await upload(compliance, sample, true);
    expect(response.statusCode).toBe(200);
    const { preview, ...report } = response.json();
    expect(report).toEqual({
      kind: 'ftm',
      format: 'ftm',
      encoding: 'utf-8',
      columns: [],
      mapping: {},
      rows: 19,
      valid: 17,
      rejected: [
        { line: 18, field: '', code: 'FTM_INVALID_JSON', message: 'This line is not a valid FtM entity in JSON.' },
        { line: 19, field: 'asset', code: 'UNKNOWN_PARTY', message: 'The party referred to is not known.' },
      ],
      written: false,
      created: {},
    });
    expect(preview).toHaveLength(10);
    expect(preview[0]).toEqual({ line: '1', schema: 'Person', id: 'pep-li-jianming', kind: 'person', name: '李建明' });
    expect((await compliance.get('/api/registry/parties?q=李建明')).json().total).toBe(0);
  });

  it('imports parties, public officials and relationships, and skips them on a second run', async () => {
    const compliance = await testApp().signIn('compliance');
    const report = (await upload(compliance, sample, false)).json();
    expect(report).toMatchObject({ valid: 17, written: true, created: { parties: 9, relationships: 8 } });

    const pep = await partyByRef(compliance, 'ftm:pep-li-jianming');
    expect(pep).toMatchObject({ kind: 'person', primaryName: '李建明', publicOfficial: true, officialPosition: '国家税务总局宁波市税务局副局长', country: 'CN', source: 'ftm' });
    expect(pep.identifiers).toMatchObject([{ scheme: 'cn_resident_id', value: '3302**********1234', masked: true }]);
    expect(pep.names.map((n: { name: string }) => n.name)).toEqual(['李建明', 'Li Jianming']);
    const legislator = await partyByRef(compliance, 'ftm:pep-chen-huiling');
    expect(legislator).toMatchObject({ publicOfficial: true, officialPosition: 'Legislator, Legislative Yuan; 立法委员', country: 'TW' });
    expect(await partyByRef(compliance, 'ftm:rca-wang-xiuying')).toMatchObject({ publicOfficial: false });
    expect(await partyByRef(compliance, 'ftm:person-zhang-haitao')).toMatchObject({ primaryName: '张海涛' });
    const chenxi = await partyByRef(compliance, 'ftm:co-chenxi');
    expect(chenxi.names.map((n: { nameType: string }) => n.nameType)).toEqual(['primary', 'alias', 'former']);
    expect((await partyByRef(compliance, 'ftm:co-yuanjing')).identifiers[0]).toMatchObject({ scheme: 'uscc', value: '91330106MA27W5LQ0Q' });
    expect((await partyByRef(compliance, 'ftm:org-huaxia-foundation')).identifiers[0]).toMatchObject({ scheme: 'other', value: '民政部-2009-017' });

    const links = (await compliance.get('/api/registry/relationships?source=ftm&status=all&pageSize=50')).json().items;
    const described = links.map((r: { type: string; from: { name: string }; to: { name: string }; percentage: string | null }) => `${r.type} ${r.from.name} → ${r.to.name}${r.percentage ? ` ${r.percentage}` : ''}`);
    expect(described.sort()).toEqual(
      [
        'shareholder 张海涛 → 上海晨曦贸易有限公司 35.50%',
        'shareholder 杭州远景科技股份有限公司 → 上海晨曦贸易有限公司 40%',
        'director 王秀英 → 杭州远景科技股份有限公司',
        'supervisor 张海涛 → 上海晨曦贸易有限公司',
        'public_official 李建明 → 国家税务总局宁波市税务局',
        'employee Zhou Min → 杭州远景科技股份有限公司',
        'spouse 李建明 → 王秀英',
        'business_partner 陈慧玲 → 张海涛',
      ].sort(),
    );
    expect(links.find((r: { type: string }) => r.type === 'employee')).toMatchObject({ validFrom: '2020-03-01', validTo: '2023-12-31', current: false, role: '财务经理' });
    expect((await compliance.get('/api/audit?action=party.import')).json().total).toBe(9);

    const again = (await upload(compliance, sample, false)).json();
    expect(again).toMatchObject({ valid: 17, written: false });
    expect(again.created).toEqual({});
  });

  it('names the rule each bad entity breaks', async () => {
    const compliance = await testApp().signIn('compliance');
    const lines = [
      { id: 'x1', schema: 'Vesel', properties: {} },
      { id: 'x2', schema: 'Address', properties: { full: ['上海'] } },
      { id: 'x3', schema: 'Person', properties: { name: ['甲'], shoeSize: ['42'] } },
      { id: 'x4', schema: 'Company', properties: { name: ['乙公司'], uscCode: ['91310115MA1K3R8X2A'] } },
      { id: 'x5', schema: 'Person', properties: { name: ['丙'], idNumber: ['330203196805121230'] } },
      { id: 'x6', schema: 'Person', properties: { birthDate: ['1970'] } },
      { id: 'x7', schema: 'Ownership', properties: { owner: ['ftm-ok'], asset: ['ftm-org'] } },
      { id: 'x8', schema: 'Directorship', properties: { director: ['ftm-org'], organization: ['ftm-ok'] } },
      { id: 'x9', schema: 'Employment', properties: { employee: ['ftm-ok'], employer: ['ftm-org'], startDate: ['2020-13'] } },
      { id: 'ftm-ok', schema: 'Person', properties: { name: ['丁'] } },
      { id: 'ftm-org', schema: 'Company', properties: { name: ['戊公司'] } },
    ];
    const report = (await upload(compliance, lines.map((l) => JSON.stringify(l)).join('\n'), true)).json();
    expect(report.rejected.map((r: { line: number; field: string; code: string }) => `${r.line} ${r.field} ${r.code}`)).toEqual([
      '1 schema FTM_UNKNOWN_SCHEMA',
      '2 schema FTM_UNSUPPORTED_SCHEMA',
      '3 properties.shoeSize FTM_UNKNOWN_PROPERTY',
      '4 uscCode USCC_CHECK_DIGIT',
      '5 idNumber ID_NUMBER_CHECK_DIGIT',
      '6 name REQUIRED',
      '7 percentage PERCENTAGE_REQUIRED',
      '8 director PARTY_KIND_MISMATCH',
      '9 startDate INVALID_DATE',
    ]);
    expect(report).toMatchObject({ rows: 11, valid: 2, written: false });
  });

  it('is for registry.import holders only', async () => {
    const staff = await testApp().signIn('staff');
    expect((await upload(staff, sample, true)).statusCode).toBe(403);
    expect((await staff.get('/api/registry/ftm/export?fullIdentifiers=true')).statusCode).toBe(403);
  });
});

describe('FollowTheMoney export', () => {
  let other: TestApp | undefined;
  afterAll(async () => {
    await other?.app.close();
    await other?.database.close();
  });

  it('masks personal numbers unless revealed, which is audited', async () => {
    const compliance = await testApp().signIn('compliance');
    const masked = await compliance.get('/api/registry/ftm/export');
    expect(masked.headers['content-type']).toContain('application/x-ndjson');
    expect(masked.headers['content-disposition']).toMatch(/attachment; filename="probity-registry-.*\.ftm\.json"/);
    expect(masked.body).toContain('"3302**********1234"');
    expect(masked.body).not.toContain('330203196805121234');
    const full = await compliance.get('/api/registry/ftm/export?fullIdentifiers=true');
    expect(full.body).toContain('"330203196805121234"');
    expect((await compliance.get('/api/audit?action=registry.ftm.export')).json().total).toBe(1);
  });

  it('round-trips: the export loaded into a fresh database exports the same registry', async () => {
    const exported = (await (await testApp().signIn('compliance')).get('/api/registry/ftm/export')).body;
    const pep = JSON.parse(exported.split('\n').find((l) => l.includes('"pep-li-jianming"') && l.includes('"Person"'))!);
    expect(pep.properties).toMatchObject({ topics: ['role.pep'], position: ['国家税务总局宁波市税务局副局长'] });
    expect(exported).toContain('"schema":"PublicBody"');

    other = await startTestApp();
    const compliance = await other.signIn('compliance');
    const report = (await upload(compliance, exported, false)).json();
    expect(report).toMatchObject({ rejected: [], written: true, created: { parties: 9, relationships: 8 } });
    expect(report.valid).toBe(report.rows);
    const reexported = (await compliance.get('/api/registry/ftm/export')).body;
    expect(comparable(reexported)).toEqual(comparable(exported));
  });
});
