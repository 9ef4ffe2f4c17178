// Benefits behind recusals (回避) and information barriers (信息隔离墙): a walled-off or recused user
// meets a request, a ledger entry or a blackout of the client exactly as a missing one, approval
// chains pass over them, and each refused attempt reaches the supervision report. Unwalled
// colleagues in the same roles see everything as before.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../core/calendar';
import { parseCsv } from '../../core/csv';
import { parseMoney } from '../../core/money';
import { useTestApp, type Client } from '../../../test/support/test-app';
import type { LightMyRequestResponse } from 'fastify';

const testApp = useTestApp();

const NOBODY = '00000000-0000-4000-8000-000000000000';
const X_NAME = '隔离墙测试甲公司';
const Y_NAME = '隔离墙测试乙公司';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5, 6, 7, 8]);

type Person = { id: string; displayName: string };
type Step = { id: string; round: number; status: string; approvers: Person[]; skipped: { user: Person; reason: string; text: string }[]; escalatedTo: string | null };
type Detail = { id: string; ref: string; state: string; version: number; round: number; steps: Step[]; ledger: { id: string; kind: string }[]; attachments: { id: string }[] };
type Figures = { requested: Money; approved: Money; paid: Money; reversed: Money };
type Money = { amountMinor: number; currency: string };

const s = {} as Record<'compliance' | 'admin' | 'staff' | 'songJie' | 'liangChen' | 'finance' | 'heXin' | 'luoYan' | 'auditor' | 'zhengHao', Client>;
const ids = { x: '', xParty: '', y: '', yParty: '', guest: '', liangChen: '', songJie: '', finance: '', luoYan: '', heXin: '', zhengHao: '', staff: '', wall: '' };
/** Requests made along the way: A (staff, X), B (song.jie's draft, X), G (staff, X, left pending), C and E (staff, Y). */
const r = { a: '', aAttachment: '', b: '', bAttachment: '', g: '', c: '', e: '' };

const draft = (session: Client, body: object) =>
  session.post('/api/benefits/requests', { benefitType: 'other', amount: '800.00', currency: 'CNY', benefitDate: '2026-11-20', purpose: '客户答谢', ...body });
const get = (session: Client, id: string, locale = 'zh-CN') => session.get(`/api/benefits/requests/${id}`, { 'accept-language': locale });
const detail = async (session: Client, id: string): Promise<Detail> => {
  const res = await get(session, id);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const act = (session: Client, id: string, path: string, body: object) => session.post(`/api/benefits/requests/${id}/${path}`, body);
const upload = (session: Client, id: string, name: string) =>
  session.request('PUT', `/api/benefits/requests/${id}/attachments?kind=other&name=${encodeURIComponent(name)}`, { body: PNG, headers: { 'content-type': 'application/octet-stream' } });
const list = async (session: Client, query: string) => {
  const res = await session.get(`/api/benefits/requests?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[]; total: number }>();
};
const listed = async (session: Client, query: string) => (await list(session, query)).items.map((i) => i.id);

/** What a caller sees of a refusal: status and the whole error, message included. */
const answer = (res: LightMyRequestResponse) => ({ status: res.statusCode, error: res.json().error });
/** Refused exactly as the same call on a request that does not exist: the same 404, code and message. */
async function asMissing(call: (id: string) => Promise<LightMyRequestResponse>, id: string) {
  const seen = answer(await call(id));
  expect(seen).toEqual(answer(await call(NOBODY)));
  expect(seen.status).toBe(404);
}
const actAsMissing = (session: Client, id: string, path: string, body: object) => asMissing((target) => act(session, target, path, body), id);
const getAsMissing = (session: Client, id: string, suffix = '') => asMissing((target) => session.get(`/api/benefits/requests/${target}${suffix}`), id);

async function userId(username: string): Promise<string> {
  const found = (await s.compliance.get(`/api/users?q=${username}&pageSize=50`)).json().items as { id: string; username: string }[];
  return found.find((u) => u.username === username)!.id;
}

async function newClient(name: string): Promise<{ id: string; partyId: string }> {
  const party = await s.compliance.post('/api/registry/parties', { kind: 'org', name });
  expect(party.statusCode, party.body).toBe(201);
  const client = await s.compliance.post('/api/registry/clients', { partyId: party.json().id, status: 'active' });
  expect(client.statusCode, client.body).toBe(201);
  return { id: client.json().id, partyId: party.json().id };
}

async function submitted(session: Client, body: object, justification?: string): Promise<Detail> {
  const created = await draft(session, body);
  expect(created.statusCode, created.body).toBe(201);
  const res = await act(session, created.json().id, 'submit', { version: created.json().version, ...(justification ? { justification } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  const app = testApp();
  for (const [key, username] of [
    ['compliance', 'compliance'],
    ['admin', 'admin'],
    ['staff', 'staff'],
    ['songJie', 'song.jie'],
    ['liangChen', 'liang.chen'],
    ['finance', 'finance'],
    ['luoYan', 'luo.yan'],
    ['auditor', 'auditor'],
    ['zhengHao', 'zheng.hao'],
  ] as const)
    s[key] = await app.signIn(username);
  for (const key of ['liangChen', 'songJie', 'finance', 'luoYan', 'heXin', 'zhengHao', 'staff'] as const)
    ids[key] = await userId({ liangChen: 'liang.chen', songJie: 'song.jie', finance: 'finance', luoYan: 'luo.yan', heXin: 'he.xin', zhengHao: 'zheng.hao', staff: 'staff' }[key]);
  // A second finance officer, the walled one's unwalled colleague.
  const promoted = await s.admin.patch(`/api/users/${ids.heXin}`, { roles: ['staff', 'finance'] });
  expect(promoted.statusCode, promoted.body).toBe(200);
  s.heXin = await app.signIn('he.xin');

  ({ id: ids.x, partyId: ids.xParty } = await newClient(X_NAME));
  ({ id: ids.y, partyId: ids.yParty } = await newClient(Y_NAME));
  const guest = await s.compliance.post('/api/registry/parties', { kind: 'person', name: '隔离墙测试来宾' });
  ids.guest = guest.json().id;

  // song.jie drafts a request for X, with evidence, before the wall goes up.
  const b = await draft(s.songJie, { counterpartyPartyId: ids.xParty });
  expect(b.statusCode, b.body).toBe(201);
  r.b = b.json().id;
  const attached = await upload(s.songJie, r.b, 'before-wall.png');
  expect(attached.statusCode, attached.body).toBe(201);
  r.bAttachment = attached.json().id;

  const wall = await s.compliance.post('/api/recusals/barriers', {
    name: '甲公司并购项目隔离',
    clientIds: [ids.x],
    walledOffUserIds: [ids.liangChen, ids.songJie, ids.finance, ids.luoYan],
    reason: '并购项目信息隔离',
  });
  expect(wall.statusCode, wall.body).toBe(201);
  ids.wall = wall.json().id;
});

describe('approval chains and barriers', () => {
  it('skip a walled-off manager: compliance gets the step, the manager neither lists nor reads nor decides it, an unwalled colleague does', async () => {
    const preview = await s.staff.post('/api/benefits/requests/precheck', { benefitType: 'other', counterpartyPartyId: ids.xParty, amount: '800', currency: 'CNY', benefitDate: '2026-11-20', purpose: '答谢' });
    expect(preview.statusCode, preview.body).toBe(200);
    const [first] = preview.json().chain as Step[];
    expect(first!.escalatedTo).toBe('compliance');
    expect(first!.skipped).toEqual(
      expect.arrayContaining([
        { user: { id: ids.liangChen, displayName: '梁晨' }, reason: 'walled_off', text: '受信息隔离墙限制，审批跳过', deputy: null },
        { user: { id: ids.luoYan, displayName: '罗艳' }, reason: 'walled_off', text: '受信息隔离墙限制，审批跳过', deputy: null },
      ]),
    );
    expect(first!.approvers.map((a) => a.displayName)).toEqual(expect.arrayContaining(['林晓雯', '钱卫东']));
    expect(first!.approvers.map((a) => a.id)).not.toContain(ids.liangChen);
    expect(first!.approvers.map((a) => a.id)).not.toContain(ids.luoYan);

    const created = await draft(s.staff, { counterpartyPartyId: ids.xParty });
    expect(created.statusCode, created.body).toBe(201);
    r.a = created.json().id;
    const evidence = await upload(s.staff, r.a, 'invoice.png');
    expect(evidence.statusCode, evidence.body).toBe(201);
    r.aAttachment = evidence.json().id;
    const sent = await act(s.staff, r.a, 'submit', { version: created.json().version + 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    const request: Detail = sent.json();
    expect(request.state).toBe('in_approval');
    expect(request.steps[0]).toMatchObject({ status: 'pending', escalatedTo: 'compliance' });
    expect(request.steps[0]!.skipped.map((k) => [k.user.id, k.reason])).toEqual(expect.arrayContaining([[ids.liangChen, 'walled_off'], [ids.luoYan, 'walled_off']]));
    const english = (await get(s.staff, r.a, 'en')).json() as Detail;
    expect(english.steps[0]!.skipped.find((k) => k.user.id === ids.liangChen)!.text).toBe('Behind an information barrier for this client: skipped');

    // The walled manager: not in the inbox, and the request reads as missing, for reading and deciding alike.
    expect(await listed(s.liangChen, 'scope=inbox')).not.toContain(r.a);
    await getAsMissing(s.liangChen, r.a);
    await actAsMissing(s.liangChen, r.a, 'decision', { version: request.version, decision: 'approve' });
    expect(await listed(s.luoYan, 'scope=inbox')).not.toContain(r.a);

    // An unwalled colleague sees it in the inbox and decides it.
    expect(await listed(s.compliance, 'scope=inbox')).toContain(r.a);
    const approved = await act(s.compliance, r.a, 'decision', { version: request.version, decision: 'approve', comment: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('approved');
  });

  it('a recusal after the chain was formed: the approver loses the step and the decided request; reassigning is the way out', async () => {
    const decided = await submitted(s.staff, { counterpartyPartyId: ids.yParty, amount: '1500' }, '年度重点客户');
    r.c = decided.id;
    expect(decided.steps[0]!.approvers.map((a) => a.id)).toEqual([ids.liangChen]);
    const first = await act(s.liangChen, r.c, 'decision', { version: decided.version, decision: 'approve', comment: '同意' });
    expect(first.statusCode, first.body).toBe(200);
    const waiting = await submitted(s.staff, { counterpartyPartyId: ids.yParty });
    r.e = waiting.id;
    expect(await listed(s.liangChen, 'scope=inbox')).toContain(r.e);
    expect(await listed(s.liangChen, 'scope=decided')).toContain(r.c);

    const recusal = await s.compliance.post('/api/recusals', { userId: ids.liangChen, clientIds: [ids.y], source: 'compliance', reason: '近亲属入职该客户', approve: true });
    expect(recusal.statusCode, recusal.body).toBe(201);

    expect(await listed(s.liangChen, 'scope=inbox')).not.toContain(r.e);
    expect(await listed(s.liangChen, 'scope=decided')).not.toContain(r.c);
    await getAsMissing(s.liangChen, r.c);
    await getAsMissing(s.liangChen, r.e);
    await actAsMissing(s.liangChen, r.e, 'decision', { version: waiting.version, decision: 'approve' });

    // Compliance hands the step on; back to the recused manager is refused like any ineligible approver.
    const step = (await detail(s.compliance, r.e)).steps[0]!;
    expect(step.approvers.map((a) => a.id)).toEqual([ids.liangChen]);
    const back = await act(s.compliance, r.e, `steps/${step.id}/reassign`, { approverIds: [ids.liangChen], comment: '转交' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error).toMatchObject({ code: 'APPROVER_INELIGIBLE', fields: [{ path: 'approverIds.0' }] });
    const onward = await act(s.compliance, r.e, `steps/${step.id}/reassign`, { approverIds: [ids.zhengHao], comment: '原审批人已回避' });
    expect(onward.statusCode, onward.body).toBe(200);
    const done = await act(s.zhengHao, r.e, 'decision', { version: onward.json().version, decision: 'approve' });
    expect(done.statusCode, done.body).toBe(200);

    // More money after approval opens a new round, whose chain passes over him too.
    const raised = await s.staff.patch(`/api/benefits/requests/${r.e}`, { version: done.json().version, amount: '900' });
    expect(raised.statusCode, raised.body).toBe(200);
    const round: Detail = raised.json();
    expect(round.state).toBe('in_approval');
    const fresh = round.steps.filter((st) => st.round === round.round);
    expect(fresh[0]).toMatchObject({ status: 'pending', escalatedTo: 'compliance', skipped: [{ user: { id: ids.liangChen }, reason: 'recused', text: '已回避该客户，审批跳过' }] });

    // New requests for Y pass over him, naming the recusal.
    const preview = await s.staff.post('/api/benefits/requests/precheck', { benefitType: 'other', counterpartyPartyId: ids.yParty, amount: '800', currency: 'CNY', benefitDate: '2026-11-20', purpose: '答谢' }, { 'accept-language': 'en' });
    expect(preview.json().chain[0]).toMatchObject({ escalatedTo: 'compliance', skipped: [{ user: { id: ids.liangChen }, reason: 'recused', text: 'Recused from this client: skipped' }] });
  });
});

describe('request routes for a walled-off user', () => {
  it('the walled requester meets their own request as missing on every route, and nothing changes', async () => {
    const before = await detail(s.compliance, r.b);
    expect(before).toMatchObject({ state: 'draft', attachments: [{ id: r.bAttachment }] });
    expect(await listed(s.songJie, 'scope=mine')).not.toContain(r.b);
    expect((await list(s.songJie, `scope=mine&clientId=${ids.x}`)).total).toBe(0);
    await getAsMissing(s.songJie, r.b);
    await asMissing((target) => s.songJie.patch(`/api/benefits/requests/${target}`, { version: before.version, amount: '100' }), r.b);
    for (const path of ['submit', 'withdraw', `attachments/${r.bAttachment}/remove`]) await actAsMissing(s.songJie, r.b, path, { version: before.version });
    await asMissing((target) => upload(s.songJie, target, 'after-wall.png'), r.b);
    await getAsMissing(s.songJie, r.b, `/attachments/${r.bAttachment}`);
    expect(await detail(s.compliance, r.b)).toEqual(before);

    // The unwalled requester works on a request for the same client as usual.
    const own = await draft(s.staff, { counterpartyPartyId: ids.xParty, amount: '500' });
    expect((await s.staff.patch(`/api/benefits/requests/${own.json().id}`, { version: own.json().version, amount: '600' })).statusCode).toBe(200);
    expect((await act(s.staff, own.json().id, 'withdraw', { version: own.json().version + 1 })).json().state).toBe('withdrawn');
  });

  it('drafting or pre-checking for a hidden client is refused as for an unknown client', async () => {
    const body = { benefitType: 'other', amount: '800', currency: 'CNY', benefitDate: '2026-11-20', purpose: '答谢', evidenceKinds: [] };
    const unknownClient = answer(await s.songJie.post('/api/benefits/requests/precheck', { ...body, counterpartyPartyId: ids.guest, clientId: NOBODY }));
    expect(unknownClient).toMatchObject({ status: 400, error: { code: 'CLIENT_NOT_FOUND' } });
    expect(answer(await s.songJie.post('/api/benefits/requests/precheck', { ...body, counterpartyPartyId: ids.guest, clientId: ids.x }))).toEqual(unknownClient);
    expect(answer(await draft(s.songJie, { counterpartyPartyId: ids.guest, clientId: ids.x }))).toEqual(answer(await draft(s.songJie, { counterpartyPartyId: ids.guest, clientId: NOBODY })));
    // The hidden client as the counterparty itself: an unknown party.
    const unknownParty = answer(await draft(s.songJie, { counterpartyPartyId: NOBODY }));
    expect(unknownParty).toMatchObject({ status: 400, error: { code: 'PARTY_NOT_FOUND' } });
    expect(answer(await draft(s.songJie, { counterpartyPartyId: ids.xParty, clientId: ids.y }))).toEqual(unknownParty);
    expect(answer(await s.songJie.post('/api/benefits/requests/precheck', { ...body, counterpartyPartyId: ids.xParty }))).toEqual(answer(await s.songJie.post('/api/benefits/requests/precheck', { ...body, counterpartyPartyId: NOBODY })));
    // Unwalled, the same draft is fine.
    expect((await draft(s.staff, { counterpartyPartyId: ids.guest, clientId: ids.x })).statusCode).toBe(201);
  });

  it('a walled reader of all requests lists and counts none of the client; the auditor sees them all', async () => {
    const everything = await list(s.auditor, 'scope=all');
    const ofX = await list(s.auditor, `scope=all&clientId=${ids.x}`);
    expect(ofX.items.map((i) => i.id)).toEqual(expect.arrayContaining([r.a, r.b]));
    const walled = await list(s.finance, 'scope=all');
    expect(walled.total).toBe(everything.total - ofX.total);
    expect(walled.items.map((i) => i.id)).not.toContain(r.a);
    expect(walled.items.map((i) => i.id)).toContain(r.c);
    expect(await list(s.finance, `scope=all&clientId=${ids.x}`)).toMatchObject({ items: [], total: 0 });
    expect(await list(s.finance, `scope=all&q=${encodeURIComponent(X_NAME)}`)).toMatchObject({ items: [], total: 0 });
    await getAsMissing(s.finance, r.a, `/attachments/${r.aAttachment}`);
    expect((await s.auditor.get(`/api/benefits/requests/${r.a}/attachments/${r.aAttachment}`)).statusCode).toBe(200);
  });

  it('finance walled off cannot pay, reverse or close; an unwalled finance colleague can', async () => {
    const payment = (version: number) => ({ version, amount: '800', paidOn: chinaToday(), method: 'bank_transfer', voucherNo: `V-${version}` });
    const pay = (session: Client, version: number) => act(session, r.a, 'payments', payment(version));
    let request = await detail(s.heXin, r.a);
    await actAsMissing(s.finance, r.a, 'payments', payment(request.version));
    request = (await pay(s.heXin, request.version)).json();
    expect(request.state).toBe('paid');
    const paid = request.ledger.find((e) => e.kind === 'payment')!;
    await actAsMissing(s.finance, r.a, `payments/${paid.id}/reverse`, { version: request.version, comment: '错付' });
    request = (await act(s.heXin, r.a, `payments/${paid.id}/reverse`, { version: request.version, comment: '凭证错误' })).json();
    request = (await pay(s.heXin, request.version)).json();
    await actAsMissing(s.finance, r.a, 'close', { version: request.version });
    request = (await act(s.heXin, r.a, 'close', { version: request.version })).json();
    expect(request.state).toBe('closed');
    expect(request.ledger.map((e) => e.kind)).toEqual(['request', 'approval', 'payment', 'reversal', 'payment']);
  });

  it('a walled administrator cannot cancel or reassign; the unwalled one can', async () => {
    const g = await submitted(s.staff, { counterpartyPartyId: ids.xParty, amount: '300' });
    r.g = g.id;
    const step = g.steps[0]!;
    await actAsMissing(s.luoYan, r.g, `steps/${step.id}/reassign`, { approverIds: [ids.zhengHao], comment: '转交' });
    expect(answer(await act(s.compliance, r.g, `steps/${step.id}/reassign`, { approverIds: [ids.liangChen], comment: '转交' })).error.code).toBe('APPROVER_INELIGIBLE');
    expect((await act(s.compliance, r.g, `steps/${step.id}/reassign`, { approverIds: [ids.zhengHao], comment: '转交' })).statusCode).toBe(200);
    const b = await detail(s.compliance, r.b);
    await actAsMissing(s.luoYan, r.b, 'cancel', { version: b.version, comment: '项目取消' });
    expect((await act(s.compliance, r.b, 'cancel', { version: b.version, comment: '项目取消' })).json().state).toBe('cancelled');
  });
});

type LedgerTotals = Figures & { count: number; netPaid: Money };
type Summary = { rows: { key: string | null; label: string }[]; totals: Figures & { count: number; net: Money } };
const figures = ['requested', 'approved', 'paid', 'reversed'] as const;
const minus = (all: Figures, part: Figures) => Object.fromEntries(figures.map((f) => [f, { amountMinor: all[f].amountMinor - part[f].amountMinor, currency: 'CNY' }]));
const pick = (t: Figures) => Object.fromEntries(figures.map((f) => [f, t[f]]));
const minor = (text: string) => parseMoney(text, 'CNY')!.amountMinor;

describe('the ledger for a walled-off reader', () => {
  const ledger = async (session: Client, query: string) => {
    const res = await session.get(`/api/benefits/ledger/entries?pageSize=200&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { requestId: string; client: { id: string } | null; counterparty: { id: string } }[]; total: number; totals: LedgerTotals }>();
  };

  it('leaves the client out of entries and their totals', async () => {
    const all = await ledger(s.auditor, '');
    const ofX = await ledger(s.auditor, `clientId=${ids.x}`);
    expect(ofX.items.map((e) => e.requestId)).toContain(r.a);
    expect(ofX.totals.paid.amountMinor).toBe(160000);
    const walled = await ledger(s.finance, '');
    expect(walled.items.some((e) => e.client?.id === ids.x || e.counterparty.id === ids.xParty)).toBe(false);
    expect(walled.total).toBe(all.total - ofX.total);
    expect(pick(walled.totals)).toEqual(minus(all.totals, ofX.totals));
    expect(walled.totals.netPaid.amountMinor).toBe(all.totals.netPaid.amountMinor - ofX.totals.netPaid.amountMinor);
    expect(await ledger(s.finance, `clientId=${ids.x}`)).toMatchObject({ items: [], total: 0, totals: { count: 0, paid: { amountMinor: 0 } } });
  });

  it.each(['client', 'counterparty', 'requester', 'department', 'benefitType', 'month'])('summarises by %s without the client', async (groupBy) => {
    const summary = async (session: Client, query = '') => (await session.get(`/api/benefits/ledger/summary?groupBy=${groupBy}${query}`)).json<Summary>();
    const [all, ofX, walled] = [await summary(s.auditor), await summary(s.auditor, `&clientId=${ids.x}`), await summary(s.finance)];
    expect(pick(walled.totals)).toEqual(minus(all.totals, ofX.totals));
    const keys = walled.rows.map((row) => row.key);
    expect(keys).not.toContain(ids.x);
    expect(keys).not.toContain(ids.xParty);
    expect(walled.rows.map((row) => row.label)).not.toContain(X_NAME);
    if (groupBy === 'client') expect(all.rows.map((row) => row.key)).toContain(ids.x);
  });

  it('exports CSV and XLSX without a row of the client, totals summed without it', async () => {
    const walledTotals = (await ledger(s.finance, '')).totals;
    const csv = await s.finance.get('/api/benefits/ledger/export?format=csv', { 'accept-language': 'en' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain(X_NAME);
    const [header, ...rows] = parseCsv(csv.body.replace(/^\uFEFF/, '')).records;
    const at = (row: string[], name: string) => row[header!.indexOf(name)]!;
    const totals = Object.fromEntries(rows.filter((row) => at(row, 'Date') === 'Total').map((row) => [at(row, 'Entry'), minor(at(row, 'Amount (CNY)'))]));
    expect(totals).toEqual({
      'Total requested': walledTotals.requested.amountMinor,
      'Total approved': walledTotals.approved.amountMinor,
      'Total paid': walledTotals.paid.amountMinor,
      'Total reversed': walledTotals.reversed.amountMinor,
      'Net paid': walledTotals.netPaid.amountMinor,
    });
    expect(rows.filter((row) => at(row, 'Date') !== 'Total')).toHaveLength(walledTotals.count);
    // The auditor's export has the client.
    expect((await s.auditor.get('/api/benefits/ledger/export?format=csv')).body).toContain(X_NAME);

    const xlsx = await s.finance.get('/api/benefits/ledger/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).not.toContain(X_NAME);
    expect(sheet.rowCount).toBe(1 + walledTotals.count + 5);

    // Asking for the client by name gives an empty ledger: the header and zero totals.
    const onlyX = await s.finance.get(`/api/benefits/ledger/export?format=csv&clientId=${ids.x}`, { 'accept-language': 'en' });
    const [, ...xRows] = parseCsv(onlyX.body.replace(/^\uFEFF/, '')).records;
    expect(xRows.map((row) => row[0])).toEqual(['Total', 'Total', 'Total', 'Total', 'Total']);
  });
});

describe('blackouts for a walled-off configurer', () => {
  it('are neither listed, added nor lifted for the client; the unwalled officer sees and lifts them', async () => {
    const add = (session: Client, clientId: string) => session.post('/api/benefits/blackouts', { clientId, startsOn: '2031-03-01', endsOn: '2031-03-31', reason: '招标期' });
    const onX = await add(s.compliance, ids.x);
    expect(onX.statusCode, onX.body).toBe(201);
    const onY = await add(s.compliance, ids.y);
    const shown = async (session: Client, query = '') => ((await session.get(`/api/benefits/blackouts?${query}`)).json().items as { id: string }[]).map((b) => b.id);
    expect(await shown(s.compliance)).toEqual(expect.arrayContaining([onX.json().id, onY.json().id]));
    expect(await shown(s.luoYan)).toContain(onY.json().id);
    expect(await shown(s.luoYan)).not.toContain(onX.json().id);
    expect(await shown(s.luoYan, `clientId=${ids.x}`)).toEqual([]);
    expect(answer(await add(s.luoYan, ids.x))).toEqual(answer(await add(s.luoYan, NOBODY)));
    expect(answer(await s.luoYan.post(`/api/benefits/blackouts/${onX.json().id}/lift`))).toEqual(answer(await s.luoYan.post(`/api/benefits/blackouts/${NOBODY}/lift`)));
    expect((await s.compliance.post(`/api/benefits/blackouts/${onX.json().id}/lift`)).statusCode).toBe(200);
  });
});

describe('the supervision report', () => {
  it('shows the refused attempts of each walled-off or recused user, and none of their colleagues', async () => {
    const report = await s.compliance.get('/api/recusals/denials');
    expect(report.statusCode, report.body).toBe(200);
    const byUser = new Map((report.json().items as { user: { id: string }; recused: number; walledOff: number; total: number }[]).map((i) => [i.user.id, i]));
    for (const id of [ids.liangChen, ids.songJie, ids.finance, ids.luoYan]) expect(byUser.get(id)?.walledOff, id).toBeGreaterThan(0);
    expect(byUser.get(ids.liangChen)!.recused).toBeGreaterThan(0);
    for (const id of [ids.staff, ids.heXin, ids.zhengHao]) expect(byUser.has(id), id).toBe(false);
  });
});
