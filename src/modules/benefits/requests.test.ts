import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { queryRows } from '../../platform/db/database';

const testApp = useTestApp();

type Money = { amountMinor: number; currency: string };
type Step = { id: string; order: number; status: string; approvers: { id: string; displayName: string }[]; skipped: { user: { displayName: string }; reason: string }[]; escalatedTo: string | null; decidedBy: { displayName: string } | null };
type Detail = {
  id: string;
  ref: string;
  state: string;
  version: number;
  allowedActions: string[];
  approvedAmount: Money | null;
  paid: Money;
  precheck: { outcome: string; findings: { code: string; severity: string; text: string }[]; risk: { level: string } } | null;
  steps: Step[];
  events: { kind: string; actor: { displayName: string } | null; evidence: { policyVersion?: number; precheck?: unknown; request?: { amount: Money } } | null }[];
  ledger: { id: string; kind: string; amount: Money; amountCny: Money; reversed: boolean }[];
  attachments: { id: string; sha256: string }[];
};

const db = () => testApp().database.db;
const scalar = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db(), query))[0]!.n;
const auditCount = () => scalar(sql`select count(*)::int as n from audit_entries`);
const requestCount = () => scalar(sql`select count(*)::int as n from benefit_requests`);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

async function partyNamed(session: Client, name: string): Promise<string> {
  const res = await session.get(`/api/registry/parties?q=${encodeURIComponent(name)}`);
  const party = res.json().items.find((p: { name?: string; primaryName?: string }) => (p.name ?? p.primaryName) === name);
  if (!party) throw new Error(`no party ${name}: ${res.body.slice(0, 300)}`);
  return party.id;
}

/** An active client outside any blackout, and its party, for requests that should pass. */
async function someClient(session: Client, skip = 0): Promise<{ clientId: string; partyId: string; name: string }> {
  const clients = (await session.get('/api/registry/clients?status=active&pageSize=50')).json().items as { id: string; party: { id: string; name: string } }[];
  const usable = clients.filter((c) => c.party.name !== '苏州瑞丰医疗器械有限公司');
  const client = usable[skip]!;
  return { clientId: client.id, partyId: client.party.id, name: client.party.name };
}

const draft = (session: Client, body: object) => session.post('/api/benefits/requests', { benefitType: 'other', amount: '800.00', currency: 'CNY', benefitDate: '2026-11-20', purpose: '年末客户答谢', ...body });
const detail = async (session: Client, id: string): Promise<Detail> => (await session.get(`/api/benefits/requests/${id}`)).json();
const act = (session: Client, id: string, path: string, body: object) => session.post(`/api/benefits/requests/${id}/${path}`, body);
const upload = (session: Client, id: string, kind: string, name: string, body: Buffer, contentType = 'application/octet-stream') =>
  session.request('PUT', `/api/benefits/requests/${id}/attachments?kind=${kind}&name=${encodeURIComponent(name)}`, { body, headers: { 'content-type': contentType } });

describe('benefit requests', () => {
  it('go from draft to closed: pre-checks, a chain of two, partial payments, a reversal, and the trail for the auditor', async () => {
    const staff = await testApp().signIn('staff'); // 王强, Sales
    const { partyId, name } = await someClient(staff);

    // ¥1,500 of "other" is over the ¥1,000 soft per-item limit: a justification, and compliance joins the chain.
    const live = await staff.post('/api/benefits/requests/precheck', { benefitType: 'other', counterpartyPartyId: partyId, amount: '1500', currency: 'CNY', benefitDate: '2026-11-20', purpose: '答谢' });
    expect(live.statusCode, live.body).toBe(200);
    const panel = live.json();
    expect(panel).toMatchObject({ outcome: 'approve', needsJustification: true, addCompliance: true, policyVersion: 1 });
    expect(panel.findings[0]).toMatchObject({ code: 'OVER_ITEM_LIMIT', severity: 'soft' });
    expect(panel.findings[0].text).toContain('超过单笔限额 ¥1,000.00');
    expect(panel.chain.map((s: { approvers: { displayName: string }[] }) => s.approvers.map((a) => a.displayName))).toEqual([['梁晨'], expect.arrayContaining(['林晓雯'])]);

    const created = await draft(staff, { counterpartyPartyId: partyId, amount: '1500' });
    expect(created.statusCode, created.body).toBe(201);
    let request: Detail = created.json();
    expect(request).toMatchObject({ ref: expect.stringMatching(/^BR-\d{4}-\d{6}$/), state: 'draft', allowedActions: expect.arrayContaining(['edit', 'submit', 'withdraw']) });
    expect(created.json().client).toMatchObject({ name });

    const unjustified = await act(staff, request.id, 'submit', { version: request.version });
    expect(unjustified.statusCode).toBe(422);
    expect(unjustified.json().error).toMatchObject({ code: 'JUSTIFICATION_REQUIRED', details: { findings: [expect.objectContaining({ code: 'OVER_ITEM_LIMIT' })] } });
    expect((await detail(staff, request.id)).state).toBe('draft');

    const submitted = await act(staff, request.id, 'submit', { version: request.version, justification: '年度战略客户，经部门讨论确定' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    request = submitted.json();
    expect(request.state).toBe('in_approval');
    expect(request.steps.map((s) => s.status)).toEqual(['pending', 'waiting']);
    expect(request.events.at(-1)).toMatchObject({ kind: 'submitted', evidence: { policyVersion: 1 } });

    // Editing a submitted request is refused, and changes nothing.
    const edit = await staff.patch(`/api/benefits/requests/${request.id}`, { version: request.version, amount: '100' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'in_approval' } });

    // The Sales manager approves; compliance (not the same person) approves the last step.
    const salesManager = await testApp().signIn('liang.chen');
    const inbox = (await salesManager.get('/api/benefits/requests?scope=inbox')).json();
    expect(inbox.items.map((r: { ref: string }) => r.ref)).toContain(request.ref);
    const notices = (await salesManager.get('/api/notifications')).json().items as { kind: string; text: string; entityId: string }[];
    expect(notices.find((n) => n.entityId === request.id)).toMatchObject({ kind: 'benefit.step_pending', text: expect.stringContaining(request.ref) });
    request = (await act(salesManager, request.id, 'decision', { version: request.version, decision: 'approve', comment: '同意' })).json();
    expect(request.steps.map((s) => s.status)).toEqual(['approved', 'pending']);
    const compliance = await testApp().signIn('compliance');
    const approved = await act(compliance, request.id, 'decision', { version: request.version, decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    request = approved.json();
    expect(request).toMatchObject({ state: 'approved', approvedAmount: { amountMinor: 150000, currency: 'CNY' } });
    const decision = request.events.find((e) => e.kind === 'approved')!;
    expect(decision.evidence).toMatchObject({ policyVersion: 1, request: { amount: { amountMinor: 150000 } }, precheck: expect.objectContaining({ outcome: 'approve' }) });

    // Finance pays in two parts; over the approved amount is refused.
    const finance = await testApp().signIn('finance');
    const pay = (amount: string, version: number) => act(finance, request.id, 'payments', { version, amount, paidOn: '2026-11-21', method: 'bank_transfer', voucherNo: `V-${amount}` });
    const over = await pay('1500.01', request.version);
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('PAYMENT_EXCEEDS_APPROVED');
    request = (await pay('1000', request.version)).json();
    expect(request).toMatchObject({ state: 'partially_paid', paid: { amountMinor: 100000 } });
    request = (await pay('500', request.version)).json();
    expect(request).toMatchObject({ state: 'paid', paid: { amountMinor: 150000 } });

    // A wrong payment is corrected by a reversal entry, once.
    const second = request.ledger.find((e) => e.kind === 'payment' && e.amount.amountMinor === 50000)!;
    request = (await act(finance, request.id, `payments/${second.id}/reverse`, { version: request.version, comment: '凭证号录入错误' })).json();
    expect(request).toMatchObject({ state: 'partially_paid', paid: { amountMinor: 100000 } });
    expect(request.ledger.find((e) => e.kind === 'reversal')).toMatchObject({ amount: { amountMinor: -50000 } });
    const twice = await act(finance, request.id, `payments/${second.id}/reverse`, { version: request.version, comment: 'again' });
    expect(twice.json().error.code).toBe('PAYMENT_ALREADY_REVERSED');
    request = (await pay('500', request.version)).json();
    request = (await act(finance, request.id, 'close', { version: request.version })).json();
    expect(request.state).toBe('closed');
    expect(request.ledger.map((e) => e.kind)).toEqual(['request', 'approval', 'payment', 'payment', 'reversal', 'payment']);

    // The auditor reads every step and the audit trail; another staff member learns nothing.
    const auditor = await testApp().signIn('auditor');
    const seen = await detail(auditor, request.id);
    expect(seen.events.map((e) => e.kind)).toEqual(['created', 'submitted', 'step_approved', 'approved', 'paid', 'paid', 'reversed', 'paid', 'closed']);
    const trail = (await auditor.get(`/api/audit?entityType=benefit_request&entityId=${request.id}&pageSize=50`)).json();
    expect(trail.items.length).toBe(seen.events.length);
    const stranger = await testApp().signIn('zhang.wei');
    expect((await stranger.get(`/api/benefits/requests/${request.id}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/benefits/requests?scope=all')).statusCode).toBe(403);
  });

  it('refuse bad amounts, unknown currencies, strangers and second decisions, changing nothing', async () => {
    const staff = await testApp().signIn('staff');
    const { partyId } = await someClient(staff);
    const [requests, audits] = [await requestCount(), await auditCount()];
    for (const [amount, currency] of [['-5', 'CNY'], ['0', 'CNY'], ['1.234', 'CNY'], ['abc', 'CNY'], ['1.5', 'JPY'], ['10', 'XYZ']] as const) {
      const res = await draft(staff, { counterpartyPartyId: partyId, amount, currency, rate: '0.05' });
      expect(res.statusCode, `${amount} ${currency}`).toBe(400);
      expect(['INVALID_AMOUNT', 'UNKNOWN_CURRENCY', 'VALIDATION_FAILED']).toContain(res.json().error.code);
    }
    expect((await draft(staff, { counterpartyPartyId: partyId, amount: '10', currency: 'USD' })).json().error.code).toBe('RATE_REQUIRED');
    expect((await draft(staff, { counterpartyPartyId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
    expect([await requestCount(), await auditCount()]).toEqual([requests, audits]);

    // A USD amount is kept as entered with its rate; the CNY figure is exact.
    const usd = (await draft(staff, { counterpartyPartyId: partyId, amount: '100.00', currency: 'USD', rate: '7.1234' })).json();
    expect(usd).toMatchObject({ amount: { amountMinor: 10000, currency: 'USD' }, rate: { numerator: 71234, denominator: 10000 }, amountCny: { amountMinor: 71234 } });

    const submitted: Detail = (await act(staff, usd.id, 'submit', { version: usd.version })).json();
    expect(submitted.state).toBe('in_approval');
    const [outsider, manager, finance] = [await testApp().signIn('wu.jing'), await testApp().signIn('liang.chen'), await testApp().signIn('finance')];
    const before = await auditCount();
    // Not in the chain: refused. Twice the same version: the second is stale.
    expect((await act(outsider, usd.id, 'decision', { version: submitted.version, decision: 'approve' })).json().error.code).toBe('NOT_AN_APPROVER');
    expect((await act(manager, usd.id, 'decision', { version: submitted.version, decision: 'approve' })).statusCode).toBe(200);
    const again = await act(manager, usd.id, 'decision', { version: submitted.version, decision: 'approve' });
    expect(again.statusCode).toBe(409);
    const paid = await act(finance, usd.id, 'payments', { version: submitted.version + 1, amount: '100.001', paidOn: '2026-11-21', method: 'bank_transfer', voucherNo: 'V1' });
    expect(paid.statusCode).toBe(400);
    expect(await auditCount()).toBe(before + 1);
  });

  it('let exactly one of two concurrent approvals of a step succeed', async () => {
    const requester = await testApp().signIn('zhang.wei'); // Audit: managers 陈志远 and 沈宏
    const { partyId } = await someClient(requester, 1);
    const created: Detail = (await draft(requester, { counterpartyPartyId: partyId, amount: '600' })).json();
    const submitted: Detail = (await act(requester, created.id, 'submit', { version: created.version })).json();
    expect(submitted.steps[0]!.approvers.map((a) => a.displayName).sort()).toEqual(['沈宏', '陈志远'].sort());
    const [a, b] = [await testApp().signIn('manager'), await testApp().signIn('shen.hong')];
    const results = await Promise.all([
      act(a, created.id, 'decision', { version: submitted.version, decision: 'approve' }),
      act(b, created.id, 'decision', { version: submitted.version, decision: 'reject', comment: '不同意' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const final = await detail(requester, created.id);
    expect(final.steps.filter((s) => s.decidedBy)).toHaveLength(1);
    expect(['approved', 'rejected']).toContain(final.state);
  });

  it('skip the requester and related approvers, and record why', async () => {
    const compliance = await testApp().signIn('compliance');
    // A manager asking for his own department goes to the other manager; 陈志远 related to the recipient is skipped too.
    const shen = await testApp().signIn('shen.hong');
    const { partyId, name } = await someClient(shen, 2);
    const chen = await partyNamed(compliance, '陈志远');
    const link = await compliance.post('/api/registry/relationships', { fromPartyId: chen, toPartyId: partyId, type: 'shareholder', percentage: '5' });
    expect(link.statusCode, link.body).toBe(201);
    const created: Detail = (await draft(shen, { counterpartyPartyId: partyId, amount: '600' })).json();
    const submitted = await act(shen, created.id, 'submit', { version: created.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const step = (submitted.json() as Detail).steps[0]!;
    expect(step.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ user: expect.objectContaining({ displayName: '沈宏' }), reason: 'self' }), expect.objectContaining({ user: expect.objectContaining({ displayName: '陈志远' }), reason: 'related' })]));
    expect(step.escalatedTo).toBe('compliance');
    expect(step.approvers.map((a) => a.displayName)).not.toContain('陈志远');
    expect(name).toBeTruthy();
  });

  it('register small benefits without approval, block hard breaches with the figures, and take received gifts to review', async () => {
    const staff = await testApp().signIn('staff');
    const { partyId } = await someClient(staff, 3);
    const small: Detail = (await draft(staff, { counterpartyPartyId: partyId, benefitType: 'points', amount: '50' })).json();
    const registered: Detail = (await act(staff, small.id, 'submit', { version: small.version })).json();
    expect(registered).toMatchObject({ state: 'approved', steps: [] });
    expect(registered.events.at(-1)!.kind).toBe('registered');

    // A gift over the hard per-item limit, without its photo: blocked, with each reason.
    const gift: Detail = (await draft(staff, { counterpartyPartyId: partyId, benefitType: 'gift', amount: '2500' })).json();
    const blocked = await act(staff, gift.id, 'submit', { version: gift.version });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.details.findings.map((f: { code: string }) => f.code).sort()).toEqual(['MISSING_EVIDENCE', 'OVER_ITEM_LIMIT']);

    // With a photo and within the limit it goes through; the file's hash is in the audit trail.
    const wrongType = await upload(staff, gift.id, 'photo', 'photo.png', Buffer.from('not a png at all'));
    expect(wrongType.statusCode).toBe(415);
    const photo = await upload(staff, gift.id, 'photo', '礼品照片.png', PNG);
    expect(photo.statusCode, photo.body).toBe(201);
    const fixed: Detail = (await staff.patch(`/api/benefits/requests/${gift.id}`, { version: gift.version + 1, amount: '1800' })).json();
    expect((await act(staff, gift.id, 'submit', { version: fixed.version })).statusCode).toBe(200);
    const compliance = await testApp().signIn('compliance');
    const trail = (await compliance.get(`/api/audit?entityType=benefit_request&entityId=${gift.id}&pageSize=50`)).json();
    expect(JSON.stringify(trail.items)).toContain(photo.json().sha256);
    const file = await staff.get(`/api/benefits/requests/${gift.id}/attachments/${photo.json().id}`);
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // A gift received from a client goes to the manager and compliance, then closes.
    const received: Detail = (await draft(staff, { direction: 'received', counterpartyPartyId: partyId, benefitType: 'gift', amount: '800' })).json();
    await upload(staff, received.id, 'photo', 'gift.png', PNG);
    const declared: Detail = (await act(staff, received.id, 'submit', { version: received.version + 1 })).json();
    expect(declared.precheck!.findings.map((f) => f.code)).toContain('RECEIVED_BENEFIT');
    const manager = await testApp().signIn('liang.chen');
    const step1: Detail = (await act(manager, received.id, 'decision', { version: declared.version, decision: 'approve' })).json();
    const done: Detail = (await act(compliance, received.id, 'decision', { version: step1.version, decision: 'approve' })).json();
    expect(done.state).toBe('closed');
  });

  it('send an approved request back for approval after a material change', async () => {
    const staff = await testApp().signIn('staff');
    const { partyId } = await someClient(staff, 4);
    const created: Detail = (await draft(staff, { counterpartyPartyId: partyId, amount: '500' })).json();
    let request: Detail = (await act(staff, created.id, 'submit', { version: created.version })).json();
    const manager = await testApp().signIn('liang.chen');
    request = (await act(manager, created.id, 'decision', { version: request.version, decision: 'approve' })).json();
    expect(request.state).toBe('approved');
    const smaller = await staff.patch(`/api/benefits/requests/${created.id}`, { version: request.version, amount: '400' });
    expect(smaller.json()).toMatchObject({ state: 'approved', approvedAmount: { amountMinor: 40000 } });
    const larger = await staff.patch(`/api/benefits/requests/${created.id}`, { version: smaller.json().version, amount: '900' });
    expect(larger.statusCode, larger.body).toBe(200);
    expect(larger.json()).toMatchObject({ state: 'in_approval', approvedAmount: null, round: 2 });
    const totals = (larger.json() as Detail).ledger.reduce((sum: Record<string, number>, e) => ({ ...sum, [e.kind]: (sum[e.kind] ?? 0) + e.amount.amountMinor }), {});
    expect(totals).toEqual({ request: 90000, approval: 0 });
  });
});

describe('the demo firm', () => {
  it('has requests waiting in the inboxes, for payment and in the ledger', async () => {
    const manager = await testApp().signIn('manager');
    const inbox = (await manager.get('/api/benefits/requests?scope=inbox')).json();
    expect(inbox.items.map((r: { purpose: string }) => r.purpose)).toContain('审计现场配合答谢：会议茶歇');
    const finance = await testApp().signIn('finance');
    const toPay = (await finance.get('/api/benefits/requests?scope=all&state=approved')).json();
    expect(toPay.items.map((r: { purpose: string }) => r.purpose)).toContain('客户新品发布会花篮');
    const states = (await finance.get('/api/benefits/requests?scope=all&pageSize=100')).json().items.map((r: { state: string }) => r.state);
    expect(new Set(states)).toEqual(new Set(['closed', 'in_approval', 'approved', 'rejected', 'draft']));
  });
});

describe('one person, one step', () => {
  it('refuses a second step of the same round to whoever decided the first', async () => {
    const requester = await testApp().signIn('luo.yan'); // Compliance: managers 郑浩 and 钱卫东, who also hold the compliance role
    const { partyId } = await someClient(requester, 5);
    const created: Detail = (await draft(requester, { counterpartyPartyId: partyId, amount: '1500' })).json();
    let request: Detail = (await act(requester, created.id, 'submit', { version: created.version, justification: '客户年度活动' })).json();
    expect(request.steps).toHaveLength(2);
    const zheng = await testApp().signIn('zheng.hao');
    request = (await act(zheng, created.id, 'decision', { version: request.version, decision: 'approve' })).json();
    expect(request.steps[1]!.approvers.map((a) => a.displayName)).toContain('郑浩');
    const second = await act(zheng, created.id, 'decision', { version: request.version, decision: 'approve' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('ALREADY_DECIDED_A_STEP');
    expect((await detail(requester, created.id)).state).toBe('in_approval');
  });
});

describe('what the pre-checks refuse outright', () => {
  it('a client in its tender period, a public official, and a file over the size limit', async () => {
    const staff = await testApp().signIn('staff');
    const compliance = await testApp().signIn('compliance');
    const tender = await partyNamed(compliance, '苏州瑞丰医疗器械有限公司');
    const duringTender = (await staff.post('/api/benefits/requests/precheck', { benefitType: 'other', counterpartyPartyId: tender, amount: '300', benefitDate: '2026-12-10', purpose: '拜访' })).json();
    expect(duringTender).toMatchObject({ outcome: 'blocked', chain: null });
    expect(duringTender.findings.find((f: { code: string }) => f.code === 'BLACKOUT').text).toContain('2026-11-16 至 2027-01-15');

    const official = await compliance.post('/api/registry/parties', { kind: 'person', name: '欧阳振华', publicOfficial: true, officialPosition: '市场监督管理局副局长', acknowledgeSimilar: true });
    expect(official.statusCode, official.body).toBe(201);
    const toOfficial = (await staff.post('/api/benefits/requests/precheck', { benefitType: 'other', counterpartyPartyId: official.json().id, amount: '300', benefitDate: '2026-12-10', purpose: '拜访' })).json();
    expect(toOfficial.findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'PUBLIC_OFFICIAL', severity: 'hard' })]));

    expect((await compliance.request('PUT', '/api/benefits/settings', { body: { reminderAfterHours: 24, attachmentMaxMb: 1 } })).statusCode).toBe(200);
    const { partyId } = await someClient(staff, 6);
    const created: Detail = (await draft(staff, { counterpartyPartyId: partyId, benefitType: 'gift', amount: '500' })).json();
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    const tooLarge = await upload(staff, created.id, 'photo', 'big.png', big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: '附件超过 1 MB 的上限。' });
    expect((await detail(staff, created.id)).attachments).toEqual([]);
  });
});
