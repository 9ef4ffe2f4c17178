import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/csv';
import { useTestApp, type Client } from '../../../../test/support/test-app';

const testApp = useTestApp();
let compliance: Client;
let orgId: string;

beforeAll(async () => {
  compliance = await testApp().signIn('compliance');
  const person = await compliance.post('/api/registry/parties', {
    kind: 'person',
    name: '测试导出人',
    aliases: [{ name: 'Export Person', nameType: 'english' }],
    identifiers: [{ scheme: 'cn_resident_id', value: '310101197003042422' }],
    country: 'CN',
  });
  const org = await compliance.post('/api/registry/parties', { kind: 'org', name: '导出测试科技有限公司', identifiers: [{ scheme: 'uscc', value: '91330203MA2H7Q6K4T' }] });
  orgId = org.json().id;
  await compliance.post('/api/registry/clients', { partyId: orgId, status: 'active', serviceLines: ['审计', '税务筹划'], startDate: '2024-01-01', annualRevenue: { amountMinor: 123456789, currency: 'CNY' } });
  await compliance.post('/api/registry/relationships', { fromPartyId: person.json().id, toPartyId: orgId, type: 'director', role: '董事长' });
});

const csvOf = (body: string) => {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(body).records;
  return { header: header!, rows: rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]]))) };
};

describe('registry exports', () => {
  it('exports parties as CSV with the import’s column names, identifiers masked', async () => {
    const response = await compliance.get(`/api/registry/export/parties?q=${encodeURIComponent('导出')}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="probity-parties-\d{4}-\d{2}-\d{2}\.csv"$/);
    const { header, rows } = csvOf(response.body);
    expect(header.slice(0, 9)).toEqual(['id', 'kind', 'name', 'aliases', 'uscc', 'id_number', 'passport', 'other_identifiers', 'country']);
    expect(rows.map((r) => r.name).sort()).toEqual(['导出测试科技有限公司', '测试导出人'].sort());
    expect(rows.find((r) => r.kind === 'person')).toMatchObject({ aliases: 'Export Person', id_number: '3101**********2422', country: 'CN', client: 'no' });
    expect(rows.find((r) => r.kind === 'org')).toMatchObject({ uscc: '91330203MA2H7Q6K4T', client: 'yes', id: orgId });
    expect(response.body).not.toContain('310101197003042422');
  });

  it('applies the list filters', async () => {
    const orgs = csvOf((await compliance.get(`/api/registry/export/parties?kind=org&q=${encodeURIComponent('导出')}`)).body);
    expect(orgs.rows.map((r) => r.name)).toEqual(['导出测试科技有限公司']);
    const relationships = csvOf((await compliance.get(`/api/registry/export/relationships?partyId=${orgId}`)).body);
    expect(relationships.rows).toEqual([expect.objectContaining({ from_name: '测试导出人', type: 'director', to: orgId, role: '董事长', current: 'yes' })]);
    expect(csvOf((await compliance.get(`/api/registry/export/relationships?partyId=${orgId}&type=shareholder`)).body).rows).toEqual([]);
  });

  it('exports clients with exact money and lists the import reads', async () => {
    const { rows } = csvOf((await compliance.get(`/api/registry/export/clients?q=${encodeURIComponent('导出测试')}`)).body);
    expect(rows).toEqual([expect.objectContaining({ party: orgId, status: 'active', service_lines: '审计|税务筹划', start_date: '2024-01-01', annual_revenue: '1234567.89', currency: 'CNY' })]);
  });

  it('exports XLSX with localised, frozen headers that read back', async () => {
    for (const [language, first] of [['en', 'ID'], ['zh-CN', '编号']] as const) {
      const response = await compliance.get(`/api/registry/export/parties?format=xlsx&q=${encodeURIComponent('导出')}`, { 'accept-language': language });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain('.xlsx"');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe(first);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.rowCount).toBe(3);
      const names = [2, 3].map((n) => sheet.getRow(n).getCell(3).value);
      expect(names.sort()).toEqual(['导出测试科技有限公司', '测试导出人'].sort());
    }
  });

  it('is open to everyone who may read the registry', async () => {
    const staff = await testApp().signIn('staff');
    expect((await staff.get('/api/registry/export/clients?format=xlsx')).statusCode).toBe(200);
    expect((await testApp().anonymous.get('/api/registry/export/clients')).statusCode).toBe(401);
  });
});
