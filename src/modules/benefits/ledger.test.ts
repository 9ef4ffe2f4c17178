import { asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/csv';
import { parseMoney } from '../../core/money';
import { auditEntries } from '../../platform/audit/audit.tables';
import { departments, users } from '../../platform/auth/auth.tables';
import { systemContext } from '../../platform/context';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { benefitLedgerEntries, benefitRequests } from './benefits.tables';
import { rateToDecimalString } from './amounts';
import { ledgerEntryBatches } from './ledger.service';
import type { LedgerEntryKind } from './ledger.types';

const testApp = useTestApp();
let compliance: Client;

// Far from any seeded data: every query names this window.
const WINDOW = 'from=2031-01-01&to=2032-12-31';
const ids = { clientA: '', clientB: '', p1: '', p2: '', staff: '', manager: '', sal: '', aud: '', r1: '', r2: '', r3: '' };
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

/*
 * R1: given gift, staff (SAL), to P1 for client A, 1,000.00 CNY: requested and approved in
 *     December 2031, paid 800.00 then 200.00 across the new year, the 200.00 reversed.
 * R2: given hospitality, manager (AUD), to P2 for client B, 123.45 USD at 7.1234 = 879.38 CNY
 *     (879.373… rounded half-up), requested, approved and paid in January 2032.
 * R3: received gift, staff (SAL), from P2, no client, 300.00 CNY, only requested (February 2032).
 */
const R2_CNY = 87938;
const TOTALS = { requested: 100000 + R2_CNY + 30000, approved: 100000 + R2_CNY, paid: 80000 + 20000 + R2_CNY, reversed: -20000 };

beforeAll(async () => {
  const { db } = testApp().database;
  compliance = await testApp().signIn('compliance');
  const party = async (body: object) => {
    const response = await compliance.post('/api/registry/parties', body);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const client = async (partyId: string) => {
    const response = await compliance.post('/api/registry/clients', { partyId, status: 'active' });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  ids.clientA = await client(await party({ kind: 'org', name: '台账测试甲公司' }));
  ids.clientB = await client(await party({ kind: 'org', name: '台账测试乙公司' }));
  ids.p1 = await party({ kind: 'person', name: '台账对方一' });
  ids.p2 = await party({ kind: 'person', name: '台账对方二' });
  const people = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['staff', 'manager']));
  ids.staff = people.find((u) => u.username === 'staff')!.id;
  ids.manager = people.find((u) => u.username === 'manager')!.id;
  const depts = await db.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.code, ['SAL', 'AUD']));
  ids.sal = depts.find((d) => d.code === 'SAL')!.id;
  ids.aud = depts.find((d) => d.code === 'AUD')!.id;

  const request = async (facts: Omit<typeof benefitRequests.$inferInsert, 'state' | 'purpose'>) => {
    const [row] = await db
      .insert(benefitRequests)
      .values({ ...facts, state: 'closed', purpose: '台账测试' })
      .returning({ id: benefitRequests.id });
    return { id: row!.id, facts };
  };
  type Facts = Awaited<ReturnType<typeof request>>;
  // One recording time for all, so the order among entries of one day rests on the id alone.
  const createdAt = new Date('2032-03-01T08:00:00.000Z');
  const entry = async (r: Facts, kind: LedgerEntryKind, entryDate: string, amountMinor: number, amountCnyMinor: number, extra: Partial<typeof benefitLedgerEntries.$inferInsert> = {}) => {
    const { facts } = r;
    const [row] = await db
      .insert(benefitLedgerEntries)
      .values({
        requestId: r.id,
        kind,
        entryDate,
        amountMinor,
        currency: facts.currency,
        rateNumerator: facts.rateNumerator ?? null,
        rateDenominator: facts.rateDenominator ?? null,
        amountCnyMinor,
        direction: facts.direction,
        benefitType: facts.benefitType,
        clientId: facts.clientId ?? null,
        counterpartyPartyId: facts.counterpartyPartyId,
        requesterId: facts.requesterId,
        departmentId: facts.departmentId,
        createdAt,
        ...extra,
      })
      .returning({ id: benefitLedgerEntries.id });
    return row!.id;
  };

  const r1 = await request({
    ref: 'BR-2031-900001', direction: 'given', requesterId: ids.staff, departmentId: ids.sal, benefitType: 'gift', counterpartyPartyId: ids.p1, clientId: ids.clientA,
    amountMinor: 100000, currency: 'CNY', amountCnyMinor: 100000, benefitDate: '2031-12-20',
  });
  await entry(r1, 'request', '2031-12-20', 100000, 100000);
  await entry(r1, 'approval', '2031-12-22', 100000, 100000);
  await entry(r1, 'payment', '2031-12-28', 80000, 80000, { paymentMethod: 'bank_transfer', voucherNo: 'V-001' });
  const second = await entry(r1, 'payment', '2032-01-05', 20000, 20000, { paymentMethod: 'voucher', voucherNo: 'V-002' });
  await entry(r1, 'reversal', '2032-01-10', -20000, -20000, { reversesEntryId: second, note: '重复支付' });

  const r2 = await request({
    ref: 'BR-2032-900002', direction: 'given', requesterId: ids.manager, departmentId: ids.aud, benefitType: 'hospitality', counterpartyPartyId: ids.p2, clientId: ids.clientB,
    amountMinor: 12345, currency: 'USD', rateNumerator: 71234, rateDenominator: 10000, amountCnyMinor: R2_CNY, benefitDate: '2032-01-15',
  });
  await entry(r2, 'request', '2032-01-15', 12345, R2_CNY);
  await entry(r2, 'approval', '2032-01-16', 12345, R2_CNY);
  await entry(r2, 'payment', '2032-01-16', 12345, R2_CNY, { paymentMethod: 'cash' });

  const r3 = await request({
    ref: 'BR-2032-900003', direction: 'received', requesterId: ids.staff, departmentId: ids.sal, benefitType: 'gift', counterpartyPartyId: ids.p2,
    amountMinor: 30000, currency: 'CNY', amountCnyMinor: 30000, benefitDate: '2032-02-01',
  });
  await entry(r3, 'request', '2032-02-01', 30000, 30000);
  Object.assign(ids, { r1: r1.id, r2: r2.id, r3: r3.id });
});

interface EntriesPage {
  items: { id: string; requestId: string; requestRef: string; kind: string; entryDate: string; amount: { amountMinor: number; currency: string }; rate: unknown; amountCny: unknown; client: { name: string } | null; counterparty: { name: string }; requester: { displayName: string }; department: { name: string } }[];
  total: number;
  totals: Record<'requested' | 'approved' | 'paid' | 'reversed' | 'netPaid', { amountMinor: number; currency: string }> & { count: number };
}

const entries = async (query: string, headers?: Record<string, string>) => {
  const response = await compliance.get(`/api/benefits/ledger/entries?${WINDOW}&pageSize=200&${query}`, headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<EntriesPage>();
};

const totalsOf = (t: { requested: number; approved: number; paid: number; reversed: number }, count: number) => ({
  count,
  requested: cny(t.requested),
  approved: cny(t.approved),
  paid: cny(t.paid),
  reversed: cny(t.reversed),
  netPaid: cny(t.paid + t.reversed),
});

describe('ledger entries', () => {
  it('lists every entry with its labels and totals the whole filter in CNY, the USD entry at its rate and the reversal negative', async () => {
    const page = await entries('');
    expect(page.total).toBe(9);
    expect(page.totals).toEqual(totalsOf(TOTALS, 9));
    expect(page.totals.netPaid.amountMinor).toBe(167938);
    const usd = page.items.find((e) => e.requestId === ids.r2 && e.kind === 'payment')!;
    expect(usd).toMatchObject({
      requestRef: 'BR-2032-900002',
      amount: { amountMinor: 12345, currency: 'USD' },
      rate: { numerator: 71234, denominator: 10000 },
      amountCny: cny(R2_CNY),
      client: { id: ids.clientB, name: '台账测试乙公司' },
      counterparty: { id: ids.p2, name: '台账对方二' },
      requester: { id: ids.manager, displayName: '陈志远' },
      paymentMethod: 'cash',
    });
    const reversal = page.items.find((e) => e.kind === 'reversal')!;
    expect(reversal).toMatchObject({ amount: cny(-20000), amountCny: cny(-20000), note: '重复支付', reversesEntryId: expect.any(String) });
    expect(page.items.find((e) => e.requestId === ids.r3)!.client).toBeNull();
  });

  it('pages newest first in a stable order, the totals still of the whole filter', async () => {
    const all = (await entries('')).items;
    const dates = all.map((e) => e.entryDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all[0]!.requestId).toBe(ids.r3);
    const pages = [];
    for (const n of [1, 2, 3]) {
      const response = await compliance.get(`/api/benefits/ledger/entries?${WINDOW}&pageSize=4&page=${n}`);
      const page = response.json<EntriesPage>();
      expect(page.totals.requested.amountMinor).toBe(TOTALS.requested);
      pages.push(...page.items.map((e) => e.id));
    }
    expect(pages).toEqual(all.map((e) => e.id));
  });

  it('filters by each dimension', async () => {
    const cases: [string, number, Partial<typeof TOTALS>][] = [
      [`clientId=${ids.clientA}`, 5, { requested: 100000, approved: 100000, paid: 100000, reversed: -20000 }],
      [`clientId=${ids.clientB}`, 3, { requested: R2_CNY, approved: R2_CNY, paid: R2_CNY, reversed: 0 }],
      [`counterpartyPartyId=${ids.p2}`, 4, { requested: R2_CNY + 30000, approved: R2_CNY, paid: R2_CNY, reversed: 0 }],
      [`requesterId=${ids.manager}`, 3, { requested: R2_CNY, approved: R2_CNY, paid: R2_CNY, reversed: 0 }],
      [`departmentId=${ids.sal}`, 6, { requested: 130000, approved: 100000, paid: 100000, reversed: -20000 }],
      ['benefitType=hospitality', 3, { requested: R2_CNY, approved: R2_CNY, paid: R2_CNY, reversed: 0 }],
      ['direction=received', 1, { requested: 30000, approved: 0, paid: 0, reversed: 0 }],
      ['kind=payment', 3, { requested: 0, approved: 0, paid: 100000 + R2_CNY, reversed: 0 }],
      ['kind=reversal', 1, { requested: 0, approved: 0, paid: 0, reversed: -20000 }],
    ];
    for (const [query, count, figures] of cases) {
      const page = await entries(query);
      expect(page.items, query).toHaveLength(count);
      expect(page.totals, query).toEqual(totalsOf({ ...TOTALS, ...figures } as typeof TOTALS, count));
    }
    const january = await compliance.get('/api/benefits/ledger/entries?from=2032-01-01&to=2032-01-31');
    expect(january.json<EntriesPage>().totals).toEqual(totalsOf({ requested: R2_CNY, approved: R2_CNY, paid: 20000 + R2_CNY, reversed: -20000 }, 5));
    const oneDay = await compliance.get('/api/benefits/ledger/entries?from=2032-01-16&to=2032-01-16');
    expect(oneDay.json<EntriesPage>().items.map((e) => e.kind).sort()).toEqual(['approval', 'payment']);
  });

  it('names the department in the reader’s language', async () => {
    const zh = await entries(`requesterId=${ids.manager}`);
    const en = await entries(`requesterId=${ids.manager}`, { 'accept-language': 'en' });
    expect(zh.items[0]!.department.name).not.toBe(en.items[0]!.department.name);
    expect(en.items[0]!.department.name).toMatch(/^[\x20-\x7e]+$/);
  });
});

interface Summary {
  groupBy: string;
  rows: { key: string | null; label: string; count: number; requested: { amountMinor: number }; approved: { amountMinor: number }; paid: { amountMinor: number }; reversed: { amountMinor: number }; net: { amountMinor: number; currency: string } }[];
  totals: { count: number; requested: { amountMinor: number }; net: { amountMinor: number } };
}

const summary = async (groupBy: string, headers?: Record<string, string>, query = WINDOW) => {
  const response = await compliance.get(`/api/benefits/ledger/summary?${query}&groupBy=${groupBy}`, headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Summary>();
};
const brief = (s: Summary) => s.rows.map((r) => [r.key, r.label, r.count, r.net.amountMinor]);

describe('ledger summary', () => {
  it('groups by client, largest net paid first, entries without a client in a group of their own', async () => {
    const s = await summary('client');
    expect(brief(s)).toEqual([
      [ids.clientB, '台账测试乙公司', 1, R2_CNY],
      [ids.clientA, '台账测试甲公司', 1, 80000],
      [null, '（无客户）', 1, 0],
    ]);
    expect(s.rows[1]).toMatchObject({ requested: cny(100000), approved: cny(100000), paid: cny(100000), reversed: cny(-20000), net: cny(80000) });
    expect(s.totals).toEqual({ count: 3, requested: cny(TOTALS.requested), approved: cny(TOTALS.approved), paid: cny(TOTALS.paid), reversed: cny(-20000), net: cny(167938) });
    expect((await summary('client', { 'accept-language': 'en' })).rows[2]!.label).toBe('(no client)');
  });

  it('groups by counterparty, requester, department and benefit type', async () => {
    expect(brief(await summary('counterparty'))).toEqual([
      [ids.p2, '台账对方二', 2, R2_CNY],
      [ids.p1, '台账对方一', 1, 80000],
    ]);
    expect(brief(await summary('requester'))).toEqual([
      [ids.manager, '陈志远', 1, R2_CNY],
      [ids.staff, '王强', 2, 80000],
    ]);
    const department = await summary('department', { 'accept-language': 'en' });
    expect(department.rows.map((r) => [r.key, r.count, r.net.amountMinor])).toEqual([
      [ids.aud, 1, R2_CNY],
      [ids.sal, 2, 80000],
    ]);
    expect(department.rows[0]!.label).toMatch(/^[\x20-\x7e]+$/);
    expect(brief(await summary('benefitType'))).toEqual([
      ['hospitality', '招待', 1, R2_CNY],
      ['gift', '礼品', 2, 80000],
    ]);
    expect((await summary('benefitType', { 'accept-language': 'en' })).rows[0]!.label).toBe('hospitality');
  });

  it('groups by month across the year boundary', async () => {
    const s = await summary('month');
    expect(brief(s)).toEqual([
      ['2032-01', '2032-01', 2, R2_CNY],
      ['2031-12', '2031-12', 1, 80000],
      ['2032-02', '2032-02', 1, 0],
    ]);
    expect(s.rows[0]).toMatchObject({ requested: cny(R2_CNY), approved: cny(R2_CNY), paid: cny(20000 + R2_CNY), reversed: cny(-20000) });
    expect(s.rows[1]).toMatchObject({ requested: cny(100000), approved: cny(100000), paid: cny(80000), reversed: cny(0) });
    expect(s.totals.net.amountMinor).toBe(167938);
  });

  it('applies the filters, and totals zero over nothing', async () => {
    expect(brief(await summary('month', undefined, `${WINDOW}&clientId=${ids.clientA}`))).toEqual([
      ['2031-12', '2031-12', 1, 80000],
      ['2032-01', '2032-01', 1, 0],
    ]);
    const none = await summary('client', undefined, 'from=2040-01-01&to=2040-12-31');
    expect(none.rows).toEqual([]);
    expect(none.totals).toMatchObject({ count: 0, net: cny(0) });
  });
});

const csvOf = (body: string) => {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(body).records;
  return { header: header!, rows: rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? '']))) };
};
const minor = (text: string) => parseMoney(text, 'CNY')!.amountMinor;

describe('ledger export', () => {
  it('exports CSV with headers in the reader’s language, exact money, rate and a totals block that adds up', async () => {
    const response = await compliance.get(`/api/benefits/ledger/export?format=csv&${WINDOW}`, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="benefit-ledger-\d{4}-\d{2}-\d{2}\.csv"$/);
    const { header, rows } = csvOf(response.body);
    expect(header.slice(0, 3)).toEqual(['Date', 'Request', 'Entry']);
    const entryRows = rows.filter((r) => r.Date !== 'Total');
    const totalRows = rows.filter((r) => r.Date === 'Total');
    expect(entryRows).toHaveLength(9);
    expect(rows.slice(-5)).toEqual(totalRows);
    // Oldest first, as a ledger reads.
    expect(entryRows[0]).toMatchObject({ Date: '2031-12-20', Request: 'BR-2031-900001', Entry: 'Request', Direction: 'Given', 'Benefit type': 'gift', Client: '台账测试甲公司' });
    expect(entryRows.find((r) => r.Request === 'BR-2032-900002' && r.Entry === 'Payment')).toMatchObject({ Amount: '123.45', Currency: 'USD', Rate: '7.1234', 'Amount (CNY)': '879.38', 'Payment method': 'cash' });
    expect(entryRows.find((r) => r.Entry === 'Reversal')).toMatchObject({ Amount: '-200.00', Currency: 'CNY', Rate: '', 'Amount (CNY)': '-200.00' });
    const sum = (entry: string) => entryRows.filter((r) => r.Entry === entry).reduce((total, r) => total + minor(r['Amount (CNY)']!), 0);
    expect({ requested: sum('Request'), approved: sum('Approval'), paid: sum('Payment'), reversed: sum('Reversal') }).toEqual(TOTALS);
    expect(totalRows.map((r) => [r.Entry, minor(r['Amount (CNY)']!)])).toEqual([
      ['Total requested', TOTALS.requested],
      ['Total approved', TOTALS.approved],
      ['Total paid', TOTALS.paid],
      ['Total reversed', TOTALS.reversed],
      ['Net paid', TOTALS.paid + TOTALS.reversed],
    ]);
  });

  it('exports XLSX, Chinese by default, that opens with its totals at the end', async () => {
    const response = await compliance.get(`/api/benefits/ledger/export?format=xlsx&${WINDOW}&clientId=${ids.clientA}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="benefit-ledger-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['日期', '申请编号', '类别']);
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1).value;
    expect(sheet.rowCount).toBe(1 + 5 + 5);
    expect(cell(2, '金额')).toBe('1000.00');
    expect(cell(2, '币种')).toBe('CNY');
    const last = sheet.rowCount;
    expect([cell(last, '日期'), cell(last, '类别'), cell(last, '人民币金额')]).toEqual(['合计', '净支付合计', '800.00']);
    expect(sheet.getRow(last).font?.bold).toBe(true);
  });

  it('pages through by key: small batches give every entry once, in order', async () => {
    const filter = { from: '2031-01-01', to: '2032-12-31' };
    const batches: string[][] = [];
    for await (const batch of ledgerEntryBatches(testApp().database.db, systemContext(), filter, 'en', 2)) batches.push(batch.map((e) => e.id));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 2, 1]);
    const whole: string[] = [];
    for await (const batch of ledgerEntryBatches(testApp().database.db, systemContext(), filter, 'en')) whole.push(...batch.map((e) => e.id));
    expect(batches.flat()).toEqual(whole);
    expect(new Set(whole).size).toBe(9);
  });

  it('is audited with the filter and the row count', async () => {
    const { db } = testApp().database;
    await compliance.get(`/api/benefits/ledger/export?format=csv&${WINDOW}&kind=payment`);
    const audited = await db.select().from(auditEntries).where(eq(auditEntries.action, 'benefit.ledger.export')).orderBy(asc(auditEntries.seq));
    expect(audited.at(-1)!.after).toEqual({ format: 'csv', filter: { from: '2031-01-01', to: '2032-12-31', kind: 'payment' }, rows: 3 });
  });
});

describe('ledger rates', () => {
  it('writes a rate as exact decimal text', () => {
    expect(rateToDecimalString({ numerator: 71234, denominator: 10000 })).toBe('7.1234');
    expect(rateToDecimalString({ numerator: 7, denominator: 1 })).toBe('7');
    expect(rateToDecimalString({ numerator: 93, denominator: 100 })).toBe('0.93');
    expect(rateToDecimalString({ numerator: 1, denominator: 3 })).toBe('0.3333333333');
    expect(rateToDecimalString({ numerator: 20, denominator: 3 })).toBe('6.6666666667');
  });
});

describe('ledger access and input', () => {
  it('is for benefits.read_all: compliance, auditor and finance, not staff or managers', async () => {
    const urls = ['/api/benefits/ledger/entries', '/api/benefits/ledger/summary?groupBy=month', '/api/benefits/ledger/export?format=csv'];
    for (const username of ['staff', 'manager']) {
      const user = await testApp().signIn(username);
      for (const url of urls) {
        const response = await user.get(url);
        expect(response.statusCode, `${username} ${url}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
    for (const username of ['auditor', 'finance']) {
      const user = await testApp().signIn(username);
      for (const url of urls) expect((await user.get(url)).statusCode, `${username} ${url}`).toBe(200);
    }
  });

  it('refuses a start after the end, in the reader’s language', async () => {
    for (const url of ['/entries?', '/summary?groupBy=client&', '/export?']) {
      const response = await compliance.get(`/api/benefits/ledger${url}from=2032-02-01&to=2032-01-01`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'LEDGER_DATE_RANGE', message: '起始日期 2032-02-01 晚于结束日期 2032-01-01。', fields: [{ path: 'to', code: 'DATE_ORDER' }] });
    }
    const en = await compliance.get('/api/benefits/ledger/entries?from=2032-02-01&to=2032-01-01', { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('The start date 2032-02-01 is after the end date 2032-01-01.');
  });

  it('refuses an unknown grouping, a malformed id and a date that does not exist', async () => {
    const cases: [string, string][] = [
      ['/summary?groupBy=colour', 'groupBy'],
      ['/summary', 'groupBy'],
      ['/entries?clientId=not-a-uuid', 'clientId'],
      ['/entries?from=2031-02-30', 'from'],
      ['/export?to=31/12/2031', 'to'],
      ['/export?format=pdf', 'format'],
      ['/entries?kind=refund', 'kind'],
    ];
    for (const [url, field] of cases) {
      const response = await compliance.get(`/api/benefits/ledger${url}`, { 'accept-language': 'en' });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });
});
