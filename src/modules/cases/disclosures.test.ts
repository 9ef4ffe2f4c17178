import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { userIdOf as userId } from '../../../test/support/directory';
import { chinaToday } from '../../core/calendar';
import { addDays, addMonths } from '../../core/cases/dates';
import { auditEntries } from '../../platform/audit/audit.tables';
import { notifications } from '../notifications/notifications.tables';

const testApp = useTestApp();
const DINGSHENG = '上海鼎盛精密机械股份有限公司';

async function clientNamed(session: Client, name: string): Promise<{ id: string }> {
  const items = (await session.get(`/api/registry/clients?q=${encodeURIComponent(name)}&pageSize=5`)).json().items as { id: string; party: { name: string } }[];
  return items.find((c) => c.party.name === name)!;
}

interface Disclosure {
  id: string;
  ref: string;
  version: number;
  status: string;
}

async function decide(session: Client, d: Pick<Disclosure, 'id' | 'version'>, body: object) {
  return session.post(`/api/disclosures/${d.id}/decide`, { version: d.version, ...body });
}

describe('staff disclosures', () => {
  it('come from a declaration item or in words, are read by their staff member and readers of every case, and are refused on bad input', async () => {
    const liNa = await testApp().signIn('li.na');
    const staff = await testApp().signIn('staff');
    const auditor = await testApp().signIn('auditor');
    const declared = await liNa.post('/api/registry/declarations', {
      items: [{ type: 'interest', relation: 'director', organisation: '杭州远航物流有限公司', role: '独立董事' }],
    });
    expect(declared.statusCode, declared.body).toBe(201);

    const created = await liNa.post('/api/disclosures', { declaration: { id: declared.json().id, item: 0 } });
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({ ref: expect.stringMatching(/^DS-\d{4}-\d{6}$/), status: 'pending', version: 1, user: { displayName: '李娜' }, summary: 'director · 杭州远航物流有限公司 · 独立董事', declarationItem: 0, decision: null, clearance: null, decisions: [] });
    expect(d.item).toMatchObject({ type: 'interest', organisation: '杭州远航物流有限公司' });

    // An item the declaration lacks, someone else's declaration, or nothing disclosed at all: 400.
    const noItem = await liNa.post('/api/disclosures', { declaration: { id: declared.json().id, item: 3 } });
    expect([noItem.statusCode, noItem.json().error.code]).toEqual([400, 'DISCLOSURE_ITEM_NOT_FOUND']);
    expect((await liNa.post('/api/disclosures', {})).json().error).toMatchObject({ code: 'DISCLOSURE_SUMMARY_REQUIRED', fields: [{ path: 'summary' }] });
    // Another member of staff's declaration is not there for her; nor may she disclose for someone else.
    expect((await staff.post('/api/disclosures', { declaration: { id: declared.json().id, item: 0 } })).json().error.code).toBe('DECLARATION_NOT_FOUND');
    expect((await staff.post('/api/disclosures', { userId: await userId(auditor, 'li.na'), summary: 'x' })).statusCode).toBe(403);

    expect((await staff.get(`/api/disclosures/${d.id}`)).json().error.code).toBe('DISCLOSURE_NOT_FOUND');
    expect((await staff.get('/api/disclosures')).json().items).toEqual([]);
    expect((await staff.get('/api/disclosures?scope=all')).statusCode).toBe(403);
    expect((await liNa.get('/api/disclosures')).json().items.map((x: Disclosure) => x.id)).toContain(d.id);
    expect((await auditor.get('/api/disclosures?scope=all&status=pending')).json().items.map((x: Disclosure) => x.id)).toContain(d.id);
    // Only compliance decides.
    expect((await decide(liNa, d, { decision: 'no_conflict', comment: '自评' })).statusCode).toBe(403);
    expect((await decide(auditor, d, { decision: 'no_conflict', comment: '无' })).statusCode).toBe(403);
  });

  it('are decided as no conflict, rejected with an action, or cleared with conditions until a date and renewed, each kind checked', async () => {
    const compliance = await testApp().signIn('compliance');
    const liNa = await testApp().signIn('li.na');
    const liNaId = await userId(compliance, 'li.na');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const { db } = testApp().database;
    const today = chinaToday();

    // Compliance records one for her, in words, naming the client the interest touches.
    const direct = await compliance.post('/api/disclosures', { userId: liNaId, summary: '配偶张建华任该客户董事', clientId: dingsheng.id });
    expect(direct.statusCode, direct.body).toBe(201);
    let d: Disclosure = direct.json();
    expect(direct.json()).toMatchObject({ user: { id: liNaId }, client: { id: dingsheng.id, name: DINGSHENG }, status: 'pending' });

    const stale = await decide(compliance, { id: d.id, version: 9 }, { decision: 'no_conflict', comment: '无冲突' });
    expect([stale.statusCode, stale.json().error.code, stale.json().error.details]).toEqual([409, 'DISCLOSURE_STALE', { status: 'pending', version: 1 }]);
    const fields = async (body: object) => {
      const res = await decide(compliance, d, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('DISCLOSURE_DECISION_INVALID');
      return res.json().error.fields.map((f: { path: string; code?: string; message: string }) => `${f.path}:${f.code ?? f.message}`);
    };
    expect(await fields({ decision: 'no_conflict', comment: '' })).toEqual(['comment:COMMENT_REQUIRED']);
    expect(await fields({ decision: 'no_conflict', comment: '无', conditions: [{ kind: 'recusal', staffIds: [liNaId] }] })).toEqual(['conditions:CONDITIONS_NOT_ALLOWED']);
    expect(await fields({ decision: 'cleared_with_conditions', comment: '附条件' })).toEqual(['conditions:CONDITIONS_REQUIRED', 'expiresOn:EXPIRY_REQUIRED']);
    expect(await fields({ decision: 'cleared_with_conditions', comment: '附条件', conditions: [{ kind: 'recusal' }], expiresOn: addDays(addMonths(today, 12), 1) })).toEqual(['conditions:INVALID_CONDITION', 'expiresOn:EXPIRY_TOO_FAR']);
    expect(await fields({ decision: 'cleared_with_conditions', comment: '附条件', conditions: [{ kind: 'recusal', staffIds: [liNaId] }], expiresOn: today })).toEqual(['expiresOn:EXPIRY_NOT_FUTURE']);
    expect(await fields({ decision: 'rejected', comment: '须退出' })).toEqual(['requiredAction:ACTION_REQUIRED']);
    expect((await decide(compliance, d, { decision: 'maybe', comment: 'x' })).json().error.code).toBe('VALIDATION_FAILED');

    const expiresOn = addDays(today, 60);
    const cleared = await decide(compliance, d, { decision: 'cleared_with_conditions', comment: '回避该客户的所有项目', conditions: [{ kind: 'recusal', staffIds: [liNaId] }], expiresOn });
    expect(cleared.statusCode, cleared.body).toBe(200);
    d = cleared.json();
    expect(cleared.json()).toMatchObject({
      status: 'cleared_with_conditions',
      version: 2,
      clearance: 'active',
      decision: { decision: 'cleared_with_conditions', decidedBy: { displayName: '林晓雯' }, decidedOn: today, expiresOn, conditions: [{ kind: 'recusal', staffIds: [liNaId] }], requiredAction: null },
    });
    const told = await db.select().from(notifications).where(and(eq(notifications.entityId, d.id), eq(notifications.kind, 'disclosure.decided')));
    expect(told.map((n) => n.userId)).toEqual([liNaId]);
    expect((await liNa.get(`/api/disclosures/${d.id}`)).json().status).toBe('cleared_with_conditions');

    // Renewed before it lapses: a new decision, the old one kept in the history.
    const renewed = await decide(compliance, d, { decision: 'cleared_with_conditions', comment: '续期', conditions: [{ kind: 'recusal', staffIds: [liNaId] }], expiresOn: addDays(today, 300) });
    expect(renewed.statusCode, renewed.body).toBe(200);
    d = renewed.json();
    expect(renewed.json().decisions.map((x: { expiresOn: string }) => x.expiresOn)).toEqual([expiresOn, addDays(today, 300)]);
    const trail = await db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, d.id)).orderBy(asc(auditEntries.seq));
    expect(trail.map((t) => t.action)).toEqual(['staff_disclosure.create', 'staff_disclosure.decide', 'staff_disclosure.renew']);

    // Sent back for review, then rejected with what she must do.
    expect((await compliance.post(`/api/disclosures/${d.id}/review`, { version: d.version, reason: '' })).statusCode).toBe(400);
    const back = await compliance.post(`/api/disclosures/${d.id}/review`, { version: d.version, reason: '配偶职务变更' });
    expect(back.statusCode, back.body).toBe(200);
    d = back.json();
    expect(back.json()).toMatchObject({ status: 'review_due', reviewReason: '配偶职务变更', decision: { decision: 'cleared_with_conditions' } });
    expect((await compliance.post(`/api/disclosures/${d.id}/review`, { version: d.version, reason: '再次' })).json().error.code).toBe('DISCLOSURE_NOT_OPEN');
    expect(await fields({ decision: 'rejected', comment: '须退出', requiredAction: 'leave_engagement', actionDueOn: today })).toEqual(['actionDueOn:ACTION_DUE_NOT_FUTURE']);
    const rejected = await decide(compliance, d, { decision: 'rejected', comment: '须退出项目', requiredAction: 'leave_engagement', actionDueOn: addDays(today, 7) });
    expect(rejected.json()).toMatchObject({ status: 'rejected', clearance: null, reviewReason: null, decision: { decision: 'rejected', requiredAction: 'leave_engagement', expiresOn: null } });
    d = rejected.json();
    // A decided disclosure is not decided again without a review first.
    expect((await decide(compliance, d, { decision: 'no_conflict', comment: '改判' })).json().error.code).toBe('DISCLOSURE_NOT_OPEN');

    const plain = (await liNa.post('/api/disclosures', { summary: '持有某上市公司少量股票' })).json();
    const none = await decide(compliance, plain, { decision: 'no_conflict', comment: '与客户无关' });
    expect(none.json()).toMatchObject({ status: 'no_conflict', decision: { decision: 'no_conflict', conditions: [], expiresOn: null } });

    // Nobody decides their own.
    const own = (await compliance.post('/api/disclosures', { summary: '兼任行业协会理事' })).json();
    expect((await decide(compliance, own, { decision: 'no_conflict', comment: '无' })).json().error.code).toBe('DISCLOSURE_DECIDE_FORBIDDEN');
  });

  it('naming a client the reader is walled off from look missing and drop out of lists', async () => {
    const compliance = await testApp().signIn('compliance');
    const auditor = await testApp().signIn('auditor');
    const liNa = await testApp().signIn('li.na');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const hidden = (await liNa.post('/api/disclosures', { summary: '配偶任董事', clientId: dingsheng.id })).json();
    const open = (await liNa.post('/api/disclosures', { summary: '兼职讲师' })).json();
    // Linked to a case naming the client, without naming it itself: hidden all the same.
    const reported = await (await testApp().signIn('staff')).post('/api/cases', { title: '李娜配偶任职', description: '配偶任客户董事。', kind: 'staff_client', subjectMatters: ['rights'], clientIds: [dingsheng.id], staffIds: [await userId(compliance, 'li.na')] });
    expect((await liNa.post('/api/disclosures', { summary: '配偶任董事', caseId: reported.json().id })).json().error.code).toBe('CASE_NOT_FOUND');
    const linked = (await compliance.post('/api/disclosures', { userId: await userId(compliance, 'li.na'), summary: '配偶任董事', caseId: reported.json().id })).json();
    expect(linked).toMatchObject({ caseId: reported.json().id, client: null });
    const before = (await auditor.get('/api/disclosures?scope=all&pageSize=200')).json();
    expect(before.items.map((x: Disclosure) => x.id)).toEqual(expect.arrayContaining([hidden.id, open.id]));

    const wall = await compliance.post('/api/recusals/barriers', { name: '鼎盛项目隔离墙', clientIds: [dingsheng.id], walledOffUserIds: [await userId(compliance, 'auditor')], reason: '审计项目' });
    expect(wall.statusCode, wall.body).toBe(201);
    const missing = await auditor.get(`/api/disclosures/${hidden.id}`);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'DISCLOSURE_NOT_FOUND']);
    const after = (await auditor.get('/api/disclosures?scope=all&pageSize=200')).json();
    expect(after.items.map((x: Disclosure) => x.id)).toContain(open.id);
    expect(after.items.map((x: Disclosure) => x.id)).not.toContain(hidden.id);
    expect((await auditor.get(`/api/disclosures/${linked.id}`)).json().error.code).toBe('DISCLOSURE_NOT_FOUND');
    expect((await auditor.get(`/api/audit?entityId=${linked.id}`)).json().items).toEqual([]);
    expect((await auditor.get(`/api/audit?entityId=${open.id}`)).json().items).toHaveLength(1);
    const ofDingsheng = before.items.filter((x: { client: { id: string } | null; caseId: string | null }) => x.client?.id === dingsheng.id || x.caseId === linked.caseId).length;
    expect(after.total).toBe(before.total - ofDingsheng);
    // Compliance, not walled off, still sees it.
    expect((await compliance.get(`/api/disclosures/${hidden.id}`)).statusCode).toBe(200);
  });
});
