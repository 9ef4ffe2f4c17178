import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../../test/support/test-app';
import { usccCheckCharacter } from '../../../core/identifiers';
import { queryRows } from '../../../platform/db/database';
import { translate, type MessageCode } from '../../../platform/i18n/messages';

const testApp = useTestApp();
const ID_NUMBER = '11010519491231002X';
const csv = (...lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);
const uscc = (n: number) => {
  const body = `91110000${String(n).padStart(9, '0')}`;
  return body + usccCheckCharacter(body);
};
const badUscc = uscc(2).slice(0, 17) + (uscc(2).endsWith('0') ? '1' : '0');
const reject = (line: number, field: string, code: MessageCode, params?: Record<string, string | number>) => ({ line, field, code, message: translate(code, 'en', params) });

function upload(session: Client, kind: string, body: Buffer | string, query = '&dryRun=false', contentType = 'application/octet-stream') {
  return session.request('POST', `/api/registry/imports?kind=${kind}${query}`, { body, headers: { 'content-type': contentType, 'accept-language': 'en' } });
}
const count = async (from: string) => (await queryRows<{ n: number }>(testApp().database.db, sql.raw(`select count(*)::int as n from ${from}`)))[0]!.n;

const PARTIES = csv(
  'id,kind,name,aliases,uscc,id_number,country',
  `T-ORG-1,org,北京星河科技有限公司,星河科技|Xinghe Tech,${uscc(1)},,cn`,
  `T-ORG-2,org,上海明月贸易有限公司,,${badUscc},,CN`,
  `T-P-1,person,王小明,,,${ID_NUMBER},CN`,
  'T-X,constructor,机器人,,,,',
  'T-P-2,person,,,,,',
  'T-P-1,person,王小明二号,,,,',
  `T-ORG-3,org,广州某有限公司,,${uscc(900)},,`,
  `T-ORG-4,org,深圳海风有限公司,,${uscc(4)},,`,
  `T-ORG-5,org,深圳重复有限公司,,${uscc(1)},,`,
  'T-P-3,person,李四,,,,',
);
const PARTY_REJECTIONS = [
  reject(3, 'uscc', 'USCC_CHECK_DIGIT'),
  reject(5, 'kind', 'INVALID_VALUE', { value: 'constructor' }),
  reject(6, 'name', 'REQUIRED'),
  reject(7, 'id', 'DUPLICATE_IN_FILE', { line: 4 }),
  reject(8, 'uscc', 'PARTY_IDENTIFIER_EXISTS', { party: '广州已登记有限公司' }),
  reject(10, 'uscc', 'PARTY_IDENTIFIER_EXISTS', { party: '北京星河科技有限公司' }),
];

describe('registry import', () => {
  it('reports every bad party row exactly; a dry run writes nothing, the real run only the valid rows', async () => {
    const compliance = await testApp().signIn('compliance');
    await compliance.post('/api/registry/parties', { kind: 'org', name: '广州已登记有限公司', identifiers: [{ scheme: 'uscc', value: uscc(900) }] });
    const audit = await count('audit_entries');

    const dry = await upload(compliance, 'parties', PARTIES, '');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ kind: 'parties', format: 'csv', encoding: 'utf-8', rows: 10, valid: 4, rejected: PARTY_REJECTIONS, written: false, created: {} });
    expect(dry.json().mapping).toEqual({ id: 'id', kind: 'kind', name: 'name', aliases: 'aliases', uscc: 'uscc', id_number: 'id_number', country: 'country' });
    expect(dry.json().preview.map((p: { id: string }) => p.id)).toEqual(['T-ORG-1', 'T-P-1', 'T-ORG-4', 'T-P-3']);
    expect(dry.json().preview[1]).toMatchObject({ kind: 'person', name: '王小明', id_number: '1101**********002X', country: 'CN' });
    expect([await count(`parties where ref like 'T-%'`), await count('audit_entries')]).toEqual([0, audit]);

    const real = await upload(compliance, 'parties', PARTIES);
    expect(real.json()).toMatchObject({ valid: 4, rejected: PARTY_REJECTIONS, written: true, created: { parties: 4, names: 6, identifiers: 3 } });
    const stored = await queryRows<{ ref: string; source: string }>(testApp().database.db, sql`select ref, source from parties where ref like 'T-%' order by ref`);
    expect(stored).toEqual(['T-ORG-1', 'T-ORG-4', 'T-P-1', 'T-P-3'].map((ref) => ({ ref, source: 'imported' })));
    const entries = await queryRows<{ after: { ref: string; identifiers: unknown } }>(testApp().database.db, sql`select after from audit_entries where action = 'party.import' order by seq`);
    expect(entries.map((e) => e.after.ref)).toEqual(['T-ORG-1', 'T-P-1', 'T-ORG-4', 'T-P-3']);
    expect(entries[1]!.after.identifiers).toEqual([{ scheme: 'cn_resident_id', value: '1101**********002X' }]);
    const found = (await compliance.get('/api/registry/parties?q=Xinghe%20Tech')).json();
    expect(found.items.map((p: { ref: string }) => p.ref)).toEqual(['T-ORG-1']);
    // The same file again: every ref is taken now.
    expect((await upload(compliance, 'parties', PARTIES)).json().rejected).toEqual(expect.arrayContaining([reject(2, 'id', 'DUPLICATE_REF', { ref: 'T-ORG-1' })]));
  });

  it('checks relationships against the rules and the refs already imported', async () => {
    const compliance = await testApp().signIn('compliance');
    const file = csv(
      'from,to,type,percentage,role,valid_from,valid_to',
      'T-P-1,T-ORG-1,shareholder,30,,2020-01-01,',
      'T-P-3,T-ORG-1,股东,150,,,',
      'T-P-3,T-ORG-4,shareholder,-5,,,',
      'T-ORG-1,T-ORG-1,business_partner,,,,',
      'T-P-1,T-ORG-4,friend,,,,',
      'T-P-1,T-ORG-4,employee,,,2021-05-01,2020-01-01',
      'T-P-1,NOBODY,director,,,,',
      'T-P-3,T-P-1,配偶,,,2015/6/1,',
      'T-P-1,T-ORG-4,director,,董事,2019-13-01,',
      'T-P-1,T-ORG-1,shareholder,30,,2020-01-01,',
    );
    const rejected = [
      reject(3, 'percentage', 'PERCENTAGE_RANGE'),
      reject(4, 'percentage', 'PERCENTAGE_RANGE'),
      reject(5, 'to', 'SELF_RELATIONSHIP'),
      reject(6, 'type', 'UNKNOWN_RELATIONSHIP_TYPE'),
      reject(7, 'valid_to', 'DATE_ORDER'),
      reject(8, 'to', 'UNKNOWN_PARTY'),
      reject(10, 'valid_from', 'INVALID_DATE'),
      reject(11, 'to', 'DUPLICATE_IN_FILE', { line: 2 }),
    ];
    expect((await upload(compliance, 'relationships', file, '')).json()).toMatchObject({ rows: 10, valid: 2, rejected, written: false });
    expect(await count(`relationships where source = 'imported'`)).toBe(0);

    expect((await upload(compliance, 'relationships', file)).json()).toMatchObject({ valid: 2, rejected, written: true, created: { relationships: 2 } });
    const listed = (await compliance.get('/api/registry/relationships?source=imported')).json();
    expect(listed.items.map((r: { type: string; percentage: string | null; validFrom: string }) => [r.type, r.percentage, r.validFrom]).sort()).toEqual([
      ['shareholder', '30%', '2020-01-01'],
      ['spouse', null, '2015-06-01'],
    ]);
    expect(await count(`audit_entries where action = 'relationship.import'`)).toBe(2);
    const again = (await upload(compliance, 'relationships', file)).json();
    expect([again.valid, again.written, again.rejected.filter((r: { code: string }) => r.code === 'RECORD_EXISTS').map((r: { line: number }) => r.line)]).toEqual([0, false, [2, 9, 11]]);
  });

  it('imports clients and their contacts by ref, owner username and department code', async () => {
    const compliance = await testApp().signIn('compliance');
    const clients = csv(
      'party,status,owner,department,service_lines,start_date,end_date,annual_revenue,currency',
      'T-ORG-1,现有,compliance,tax,审计|税务,2020-01-01,,"1,234,567.89",',
      'T-ORG-4,active,nobody,XXX,,2021-01-01,2020-01-01,abc,',
      'NOBODY,,,,,,,,',
      'T-ORG-1,former,,,,,,,',
    );
    expect((await upload(compliance, 'clients', clients)).json()).toMatchObject({
      valid: 1,
      created: { clients: 1 },
      rejected: [
        reject(3, 'end_date', 'DATE_ORDER'),
        reject(3, 'annual_revenue', 'INVALID_MONEY'),
        reject(3, 'owner', 'UNKNOWN_USER'),
        reject(3, 'department', 'UNKNOWN_DEPARTMENT'),
        reject(4, 'party', 'UNKNOWN_PARTY'),
        reject(5, 'party', 'DUPLICATE_IN_FILE', { line: 2 }),
      ],
    });
    const [client] = (await compliance.get(`/api/registry/clients?q=${encodeURIComponent('星河')}`)).json().items;
    expect(client).toMatchObject({ status: 'active', owner: { username: 'compliance' }, department: { code: 'TAX' }, serviceLines: ['审计', '税务'], startDate: '2020-01-01', annualRevenue: { amountMinor: 123456789, currency: 'CNY' } });

    const contacts = csv('client,person,role,title,primary', 'T-ORG-1,T-P-1,财务联系人,财务总监,是', 'T-ORG-1,T-ORG-4,,,', 'T-ORG-4,T-P-3,,,', 'T-ORG-1,T-P-3,,,maybe');
    expect((await upload(compliance, 'contacts', contacts)).json()).toMatchObject({
      valid: 1,
      created: { contacts: 1 },
      rejected: [reject(3, 'person', 'PARTY_KIND_MISMATCH'), reject(4, 'client', 'NOT_A_CLIENT'), reject(5, 'primary', 'INVALID_VALUE', { value: 'maybe' })],
    });
    const detail = (await compliance.get(`/api/registry/clients/${client.id}`)).json();
    expect(detail.contacts).toMatchObject([{ party: { name: '王小明' }, role: '财务联系人', title: '财务总监', isPrimary: true }]);
  });

  it('reads GB18030 CSV, XLSX and mapped columns', async () => {
    const compliance = await testApp().signIn('compliance');
    // 北京上海 in GB18030: B1B1 BEA9 C9CF BAA3.
    const gb = Buffer.concat([Buffer.from('id,kind,name\nT-GB-1,org,'), Buffer.from([0xb1, 0xb1, 0xbe, 0xa9, 0xc9, 0xcf, 0xba, 0xa3]), Buffer.from('\n')]);
    expect((await upload(compliance, 'parties', gb, '')).json()).toMatchObject({ encoding: 'gb18030', valid: 1, preview: [{ name: '北京上海' }] });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('主体');
    sheet.addRow(['id', 'kind', 'name', 'country', 'notes']);
    sheet.addRow(['T-XL-1', 'org', { richText: [{ text: '杭州' }, { text: '西湖有限公司' }] }, { formula: '"C"&"N"', result: 'CN' }, new Date(Date.UTC(2024, 0, 15))]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = (await upload(compliance, 'parties', xlsx)).json();
    expect(imported).toMatchObject({ format: 'xlsx', encoding: null, rows: 1, valid: 1, written: true, preview: [{ id: 'T-XL-1', name: '杭州西湖有限公司', country: 'CN', notes: '2024-01-15' }] });

    const mapping = encodeURIComponent(JSON.stringify({ id: '编号', kind: '类型', name: '名称' }));
    const mapped = (await upload(compliance, 'parties', csv('编号,类型,名称', 'T-MAP-1,个人,赵六'), `&mapping=${mapping}`)).json();
    expect(mapped).toMatchObject({ mapping: { id: '编号', kind: '类型', name: '名称' }, valid: 1, preview: [{ id: 'T-MAP-1', kind: 'person', name: '赵六' }] });
    const fields = (await compliance.get('/api/registry/imports/fields?kind=relationships', { 'accept-language': 'en' })).json();
    expect(fields.fields.filter((f: { required: boolean }) => f.required).map((f: { name: string }) => f.name)).toEqual(['from', 'to', 'type']);
  });

  it('refuses files it cannot read, and callers without registry.import, changing nothing', async () => {
    const { signIn, config } = testApp();
    const compliance = await signIn('compliance');
    const parties = await count('parties');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('not really a workbook')]);
    const garbage = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97 + 13) % 256));
    for (const body of [png, zip, garbage]) expect((await upload(compliance, 'parties', body)).json().error.code).toBe('UNSUPPORTED_FILE');
    expect((await upload(compliance, 'parties', '{"id":1}', '', 'application/json')).json().error.code).toBe('MISSING_COLUMN');
    expect((await upload(compliance, 'parties', csv('id,kind,name', '"T-Q,org,x'))).json().error).toMatchObject({ code: 'CSV_SYNTAX', message: translate('CSV_SYNTAX', 'en', { line: 2 }) });
    const missing = await upload(compliance, 'parties', csv('id,name', 'T-M,某'));
    expect([missing.statusCode, missing.json().error.code, missing.json().error.fields]).toEqual([400, 'MISSING_COLUMN', [{ path: 'kind', code: 'MISSING_COLUMN', message: 'The file lacks a required column: kind' }]]);
    const badQueries = ['kind=people', 'kind=parties&mapping=%7Bnot-json', `kind=parties&mapping=${encodeURIComponent('{"name":"nope"}')}`];
    for (const query of badQueries) expect((await compliance.request('POST', `/api/registry/imports?${query}`, { body: PARTIES, headers: { 'content-type': 'text/csv' } })).statusCode, query).toBe(400);
    const huge = await upload(compliance, 'parties', Buffer.alloc(config.importMaxMb * 1024 * 1024 + 1, 0x61));
    expect([huge.statusCode, huge.json().error]).toEqual([413, { code: 'FILE_TOO_LARGE', message: translate('FILE_TOO_LARGE', 'en', { limit: 50 }) }]);

    const staff = await signIn('staff');
    expect((await upload(staff, 'parties', csv('id,kind,name', 'T-S,org,员工导入'))).statusCode).toBe(403);
    expect((await staff.get('/api/registry/imports/fields?kind=parties')).statusCode).toBe(403);
    expect(await count('parties')).toBe(parties);
  });

  it('leaves nothing behind when the database fails midway through the write', async () => {
    const compliance = await testApp().signIn('compliance');
    const { db } = testApp().database;
    const before = [await count('parties'), await count('party_names'), await count('audit_entries')];
    await db.execute(sql.raw(`create function import_test_fail() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`));
    // Fails on the 1,100th audit entry: the first chunk of 1,000 parties is already in.
    await db.execute(sql.raw(`create trigger import_test_fail before insert on audit_entries for each row when (new.after->>'ref' = 'T-ATOM-1100') execute function import_test_fail()`));
    try {
      const rows = Array.from({ length: 1200 }, (_, i) => `T-ATOM-${i + 1},person,原子${i + 1}`);
      const failed = await upload(compliance, 'parties', csv('id,kind,name', ...rows));
      expect([failed.statusCode, failed.json().error.code]).toEqual([500, 'INTERNAL']);
    } finally {
      await db.execute(sql.raw('drop trigger import_test_fail on audit_entries'));
      await db.execute(sql.raw('drop function import_test_fail()'));
    }
    expect([await count('parties'), await count('party_names'), await count('audit_entries')]).toEqual(before);
  });
});
