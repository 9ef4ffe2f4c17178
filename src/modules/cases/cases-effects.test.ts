import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { userIdOf as userId, clientNamed } from '../../../test/support/directory';
import { chinaToday } from '../../core/calendar';
import { addDays } from '../../core/cases/dates';
import { queryRows } from '../../platform/db/database';

const testApp = useTestApp();

const DINGSHENG = '上海鼎盛精密机械股份有限公司';
const NO_CASE = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.from('%PDF-1.4\n% 客户同意函\n');

type Mitigation = { id: string; kind: string; status: string; recordIds: string[]; consents: { clientId: string; consentedBy: string; consentedOn: string }[] | null; note: string | null };
type Case = {
  id: string;
  ref: string;
  state: string;
  version: number;
  nextReviewOn: string | null;
  closedAt: string | null;
  mitigations: Mitigation[];
  reviews: { dueOn: string; reviewedOn: string | null; outcome: string | null; comment: string | null }[];
  timeline: { kind: string; comment: string | null; details: Record<string, unknown> | null; fromState: string | null; toState: string | null }[];
};

async function otherClient(session: Client, not: string): Promise<string> {
  const items = (await session.get('/api/registry/clients?status=active&pageSize=20')).json().items as { id: string }[];
  return items.find((c) => c.id !== not)!.id;
}

async function open(session: Client, body: object): Promise<Case> {
  const res = await session.post('/api/cases', { kind: 'staff_client', subjectMatters: ['service'], description: '详见附件', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function step(session: Client, c: Pick<Case, 'id' | 'version'>, body: object): Promise<Case> {
  const res = await session.post(`/api/cases/${c.id}/transition`, { version: c.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const upload = (session: Client, caseId: string, name: string, body: Buffer) =>
  session.request('PUT', `/api/cases/${caseId}/attachments?name=${encodeURIComponent(name)}`, { body, headers: { 'content-type': 'application/octet-stream' } });

describe('conflict cases behind recusals and barriers', () => {
  it('look exactly missing on every route to a walled-off user, while an unwalled colleague works as before', async () => {
    const compliance = await testApp().signIn('compliance');
    const luoYan = await testApp().signIn('luo.yan');
    const staff = await testApp().signIn('staff');
    const dingsheng = (await clientNamed(compliance, DINGSHENG)).id;
    const other = await otherClient(compliance, dingsheng);

    const hidden = await open(staff, { title: '围墙测试：鼎盛项目关联', clientIds: [dingsheng] });
    const visible = await open(staff, { title: '围墙测试：其他客户', clientIds: [other] });
    const stamped = await upload(staff, hidden.id, '说明.txt', Buffer.from('项目说明'));
    expect(stamped.statusCode, stamped.body).toBe(201);
    const attachmentId = stamped.json().id as string;
    // The hidden one is overdue, so the overdue filter would show it if anything did.
    await queryRows(testApp().database.db, sql`update conflict_cases set stage_entered_on = ${addDays(chinaToday(), -10)}::date where id = ${hidden.id}`);

    const wall = await compliance.post('/api/recusals/barriers', { name: '鼎盛项目隔离', clientIds: [dingsheng], walledOffUserIds: [await userId(compliance, 'luo.yan'), await userId(compliance, 'staff')], reason: '并购项目' });
    expect(wall.statusCode, wall.body).toBe(201);

    const list = async (session: Client, query: string) => (await session.get(`/api/cases?pageSize=200&${query}`)).json() as { items: { id: string }[]; total: number };
    for (const query of ['', `q=${encodeURIComponent('围墙测试')}`, 'overdue=true', 'state=reported', 'reviewDue=false']) {
      const seen = await list(compliance, query);
      const walled = await list(luoYan, query);
      expect(seen.items.map((i) => i.id), query).toContain(hidden.id);
      expect(walled.items.map((i) => i.id), query).not.toContain(hidden.id);
      expect(walled.total, query).toBe(seen.total - 1);
    }
    expect((await list(luoYan, `q=${encodeURIComponent('围墙测试')}`)).items.map((i) => i.id)).toEqual([visible.id]);
    // The reporter, walled off too, no longer finds the case they reported.
    const reported = (await list(staff, '')).items.map((i) => i.id);
    expect(reported).toContain(visible.id);
    expect(reported).not.toContain(hidden.id);

    // Every route on the hidden case answers as for a case that does not exist.
    const routes: [Client, string, string, object | Buffer | undefined][] = [
      [luoYan, 'GET', '', undefined],
      [luoYan, 'POST', '/transition', { version: 1, event: 'start_investigation', comment: '开始' }],
      [luoYan, 'POST', `/mitigations/${NO_CASE}/in-effect`, { version: 1 }],
      [luoYan, 'POST', '/comments', { comment: '看一下' }],
      [luoYan, 'POST', '/assign', { version: 1, responsibleUserId: await userId(compliance, 'manager') }],
      [luoYan, 'POST', '/reviews', { version: 1, outcome: 'holds', note: '仍有效' }],
      [luoYan, 'GET', '/attachments', undefined],
      [luoYan, 'GET', `/attachments/${attachmentId}`, undefined],
      [staff, 'GET', '', undefined],
      [staff, 'POST', '/comments', { comment: '补充' }],
      [staff, 'GET', '/attachments', undefined],
    ];
    for (const [session, method, path, body] of routes) {
      const missing = await session.request(method as 'GET' | 'POST', `/api/cases/${NO_CASE}${path}`, { body });
      const refused = await session.request(method as 'GET' | 'POST', `/api/cases/${hidden.id}${path}`, { body });
      expect(refused.statusCode, `${method} ${path}`).toBe(404);
      expect(refused.json(), `${method} ${path}`).toEqual(missing.json());
      expect(refused.json().error.code).toBe('CASE_NOT_FOUND');
    }
    const refusedUpload = await upload(luoYan, hidden.id, '说明.txt', Buffer.from('x'));
    expect(refusedUpload.statusCode).toBe(404);
    expect(refusedUpload.json().error.code).toBe('CASE_NOT_FOUND');

    // Naming the hidden client in a new case is naming an unknown one.
    const unknown = await luoYan.post('/api/cases', { title: 't', description: 'd', kind: 'client_client', subjectMatters: ['price'], clientIds: [NO_CASE] });
    const named = await luoYan.post('/api/cases', { title: 't', description: 'd', kind: 'client_client', subjectMatters: ['price'], clientIds: [dingsheng] });
    expect(named.statusCode).toBe(404);
    expect(named.json()).toEqual(unknown.json());
    expect(named.json().error.code).toBe('CLIENT_NOT_FOUND');

    // The colleague outside the wall moves, comments on and assigns the same case as usual.
    let c = await step(compliance, hidden, { event: 'start_investigation', comment: '受理' });
    expect((await compliance.post(`/api/cases/${c.id}/comments`, { comment: '已受理' })).statusCode).toBe(201);
    const assigned = await compliance.post(`/api/cases/${c.id}/assign`, { version: c.version, responsibleUserId: await userId(compliance, 'manager') });
    expect(assigned.statusCode, assigned.body).toBe(200);
    c = assigned.json();
    expect((await compliance.get(`/api/cases/${c.id}/attachments/${attachmentId}`)).statusCode).toBe(200);

    // A plan naming the hidden client makes the other case name it too: it disappears for the walled-off user.
    let v = await step(compliance, visible, { event: 'start_investigation', comment: '受理' });
    v = await step(compliance, v, { event: 'assess', comment: '评估', severity: 'low', impact: '有限', assessment: '须告知鼎盛' });
    expect((await luoYan.get(`/api/cases/${v.id}`)).statusCode).toBe(200);
    v = await step(compliance, v, { event: 'decide_resolution', comment: '向鼎盛披露', mitigations: [{ kind: 'disclosure_consent', clientIds: [dingsheng] }] });
    expect((await luoYan.get(`/api/cases/${v.id}`)).json().error.code).toBe('CASE_NOT_FOUND');
    expect((await list(luoYan, `q=${encodeURIComponent('围墙测试')}`)).items).toEqual([]);

    // The refused attempts are in the supervision report.
    const denials = (await compliance.get('/api/recusals/denials')).json().items as { user: { displayName: string }; walledOff: number }[];
    expect(denials.find((d) => d.user.displayName === '罗艳')?.walledOff).toBeGreaterThan(0);
    expect(denials.find((d) => d.user.displayName === '王强')?.walledOff).toBeGreaterThan(0);
  });

  it('put a recusal in effect as an approved recusal that keeps li.na out of the client, a barrier as a real wall, and record consents and notes', async () => {
    const compliance = await testApp().signIn('compliance');
    const liNa = await testApp().signIn('li.na');
    const dingsheng = (await clientNamed(compliance, DINGSHENG)).id;
    const liNaId = await userId(compliance, 'li.na');
    const zhangWei = await userId(compliance, 'zhang.wei');
    const today = chinaToday();

    let c = await open(compliance, { source: 'compliance', title: '李娜配偶任客户董事', clientIds: [dingsheng], staffIds: [liNaId] });
    c = await step(compliance, c, { event: 'start_investigation', comment: '受理' });
    c = await step(compliance, c, { event: 'assess', comment: '评估', severity: 'high', impact: '审计独立性', assessment: '构成利益冲突' });
    const unknownClient = await compliance.post(`/api/cases/${c.id}/transition`, { version: c.version, event: 'decide_resolution', comment: '决定', mitigations: [{ kind: 'disclosure_consent', clientIds: [NO_CASE] }] });
    expect(unknownClient.json().error.code).toBe('CLIENT_NOT_FOUND');
    c = await step(compliance, c, {
      event: 'decide_resolution',
      comment: '李娜回避，张伟隔离，披露取得同意，调整项目组',
      mitigations: [
        { kind: 'recusal', staffIds: [liNaId] },
        { kind: 'information_barrier', staffIds: [zhangWei], clientIds: [dingsheng] },
        { kind: 'disclosure_consent', clientIds: [dingsheng] },
        { kind: 'restructure', description: '更换项目经理' },
      ],
    });
    const [recusal, barrier, consent, restructure] = c.mitigations as [Mitigation, Mitigation, Mitigation, Mitigation];
    expect((await liNa.get('/api/recusals/mine')).json().restrictions).toEqual([]);
    expect((await liNa.get(`/api/registry/clients/${dingsheng}`)).statusCode).toBe(200);

    const inEffect = async (m: Mitigation, body: object = {}) => compliance.post(`/api/cases/${c.id}/mitigations/${m.id}/in-effect`, { version: c.version, ...body });
    let res = await inEffect(recusal, { comment: '已通知李娜' });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    const recusalIds = c.mitigations.find((m) => m.id === recusal.id)!.recordIds;
    expect(recusalIds).toHaveLength(1);
    expect(c.timeline.at(-1)).toMatchObject({ kind: 'mitigation_in_effect', details: { mitigationId: recusal.id, kind: 'recusal', recordIds: recusalIds } });
    // The recusal is approved, from the case, and keeps li.na out of the case's client from now on.
    const mine = (await liNa.get('/api/recusals/mine')).json();
    expect(mine.recusals).toEqual([expect.objectContaining({ id: recusalIds[0], status: 'approved', source: 'case', caseId: c.id, user: expect.objectContaining({ id: liNaId }), clients: [expect.objectContaining({ id: dingsheng })] })]);
    expect(mine.restrictions).toEqual([expect.objectContaining({ clientId: dingsheng, cause: 'recused', recordId: recusalIds[0] })]);
    const gone = await liNa.get(`/api/registry/clients/${dingsheng}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('CLIENT_NOT_FOUND');

    res = await inEffect(barrier);
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    const [barrierId] = c.mitigations.find((m) => m.id === barrier.id)!.recordIds;
    const walls = (await compliance.get('/api/recusals/barriers?status=active')).json().items as { id: string; caseId: string | null; walledOff: { id: string }[] }[];
    expect(walls.find((w) => w.id === barrierId)).toMatchObject({ caseId: c.id, walledOff: [{ id: zhangWei }] });

    const noConsent = await inEffect(consent);
    expect(noConsent.json().error).toMatchObject({ code: 'CASE_CONSENT_REQUIRED', fields: [{ path: 'consents' }] });
    const futureConsent = await inEffect(consent, { consents: [{ clientId: dingsheng, consentedBy: '客户董事会秘书', consentedOn: addDays(today, 1) }] });
    expect(futureConsent.json().error.code).toBe('CASE_CONSENT_DATE_FUTURE');
    res = await inEffect(consent, { consents: [{ clientId: dingsheng, consentedBy: '客户董事会秘书', consentedOn: today }] });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    expect(c.mitigations.find((m) => m.id === consent.id)).toMatchObject({ status: 'in_effect', consents: [{ clientId: dingsheng, consentedBy: '客户董事会秘书', consentedOn: today }], recordIds: [] });

    expect((await inEffect(restructure)).json().error.code).toBe('CASE_EFFECT_NOTE_REQUIRED');
    res = await inEffect(restructure, { note: '项目经理已更换为郑浩' });
    c = res.json();
    expect(c.mitigations.find((m) => m.id === restructure.id)).toMatchObject({ status: 'in_effect', note: '项目经理已更换为郑浩' });
    expect(c.timeline.at(-1)!.details).toMatchObject({ kind: 'restructure', note: '项目经理已更换为郑浩' });
    c = await step(compliance, c, { event: 'put_mitigations_in_effect', comment: '措施均已落实' });

    // Recused, li.na cannot file a conflict-check hit whose path runs through the client: either her
    // check leaves that path out, or opening a case from it is refused as a hit the check does not have.
    const checked = await liNa.post('/api/conflict-checks', { subjects: [{ name: '张建华', kind: 'person' }], purpose: '新项目' });
    expect(checked.statusCode, checked.body).toBe(201);
    const check = checked.json();
    const hit = check.results[0].hits.find((h: { party: { name: string } }) => h.party.name === '张建华');
    const toClient = (hit?.paths ?? []).findIndex((p: { target: string }) => p.target === 'client');
    if (toClient < 0) {
      expect(JSON.stringify(check)).not.toContain(DINGSHENG);
    } else {
      const smuggled = await liNa.post('/api/cases', { source: 'conflict_check', title: 't', description: 'd', kind: 'client_client', subjectMatters: ['other'], conflictCheck: { checkId: check.id, partyId: hit.party.id, pathIndex: toClient } });
      expect(smuggled.statusCode).toBe(400);
      expect(smuggled.json().error.code).toBe('CASE_HIT_NOT_IN_CHECK');
    }
  });

  it('end the recusals and walls of a replaced plan when a new decision is made', async () => {
    const compliance = await testApp().signIn('compliance');
    const mediator = await testApp().signIn('mediator');
    const zhengHao = await testApp().signIn('zheng.hao');
    const client = await otherClient(compliance, (await clientNamed(compliance, DINGSHENG)).id);
    const mediatorId = await userId(compliance, 'mediator');
    const zhengHaoId = await userId(compliance, 'zheng.hao');

    let c = await open(compliance, { source: 'compliance', title: '替换处理方案', clientIds: [client] });
    c = await step(compliance, c, { event: 'start_investigation', comment: '受理' });
    c = await step(compliance, c, { event: 'assess', comment: '评估', severity: 'medium', impact: '有限', assessment: '须回避' });
    c = await step(compliance, c, { event: 'decide_resolution', comment: '回避并隔离', mitigations: [{ kind: 'recusal', staffIds: [mediatorId] }, { kind: 'information_barrier', staffIds: [zhengHaoId] }] });
    for (const m of c.mitigations) c = (await compliance.post(`/api/cases/${c.id}/mitigations/${m.id}/in-effect`, { version: c.version })).json();
    const created = c.mitigations.flatMap((m) => m.recordIds);
    expect(created).toHaveLength(2);
    expect((await mediator.get('/api/recusals/mine')).json().restrictions).toEqual([expect.objectContaining({ clientId: client, cause: 'recused' })]);
    expect((await zhengHao.get('/api/recusals/mine')).json().restrictions).toEqual([expect.objectContaining({ clientId: client, cause: 'walled_off' })]);

    c = await step(compliance, c, { event: 'decide_resolution', comment: '改为调整项目组', mitigations: [{ kind: 'restructure', description: '调整项目组' }] });
    expect(c.mitigations.map((m) => m.status)).toEqual(['lifted', 'lifted', 'planned']);
    expect((c.timeline.at(-1)!.details as { endedRecordIds: string[] }).endedRecordIds.sort()).toEqual([...created].sort());
    expect((await mediator.get('/api/recusals/mine')).json().restrictions).toEqual([]);
    expect((await zhengHao.get('/api/recusals/mine')).json().restrictions).toEqual([]);
    const audit = await queryRows<{ action: string }>(testApp().database.db, sql`select action from audit_entries where entity_id in (${sql.join(created.map((id) => sql`${id}`), sql`, `)}) order by seq`);
    expect(audit.map((a) => a.action).sort()).toEqual(['information_barrier.create', 'information_barrier.revoke', 'recusal.record', 'recusal.revoke']);
  });

  it('review watched cases: holding sets the next date, failing sends the case back with the reason; reviewDue lists those due', async () => {
    const compliance = await testApp().signIn('compliance');
    const staff = await testApp().signIn('staff');
    const client = await otherClient(compliance, (await clientNamed(compliance, DINGSHENG)).id);
    const today = chinaToday();
    const { db } = testApp().database;

    let c = await open(compliance, { source: 'compliance', title: '复查测试', clientIds: [client] });
    c = await step(compliance, c, { event: 'start_investigation', comment: '受理' });
    const early = await compliance.post(`/api/cases/${c.id}/reviews`, { version: c.version, outcome: 'holds', note: '有效' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'investigating' } });
    c = await step(compliance, c, { event: 'assess', comment: '评估', severity: 'low', impact: '有限', assessment: '轻微' });
    c = await step(compliance, c, { event: 'decide_resolution', comment: '调整', mitigations: [{ kind: 'restructure', description: '调整项目组' }] });
    c = (await compliance.post(`/api/cases/${c.id}/mitigations/${c.mitigations[0]!.id}/in-effect`, { version: c.version, note: '已调整' })).json();
    c = await step(compliance, c, { event: 'put_mitigations_in_effect', comment: '已落实' });
    c = await step(compliance, c, { event: 'start_monitoring', comment: '监控', reviewDates: [addDays(today, 30), addDays(today, 90)] });

    const dueIds = async (flag: boolean) => ((await compliance.get(`/api/cases?reviewDue=${flag}&pageSize=200`)).json().items as { id: string }[]).map((i) => i.id);
    expect(await dueIds(true)).not.toContain(c.id);
    expect(await dueIds(false)).toContain(c.id);
    // The first review date has come.
    await queryRows(db, sql`update conflict_case_reviews set due_on = ${addDays(today, -1)}::date where case_id = ${c.id} and due_on = ${addDays(today, 30)}::date`);
    await queryRows(db, sql`update conflict_cases set next_review_on = ${addDays(today, -1)}::date where id = ${c.id}`);
    expect(await dueIds(true)).toContain(c.id);
    expect(await dueIds(false)).not.toContain(c.id);

    expect((await staff.post(`/api/cases/${c.id}/reviews`, { version: c.version, outcome: 'holds', note: '有效' })).statusCode).toBe(403);
    const silent = await compliance.post(`/api/cases/${c.id}/reviews`, { version: c.version, outcome: 'holds', note: ' ' });
    expect(silent.json().error).toMatchObject({ code: 'CASE_COMMENT_REQUIRED', fields: [{ path: 'note' }] });
    expect((await compliance.post(`/api/cases/${c.id}/reviews`, { version: c.version - 1, outcome: 'holds', note: '有效' })).json().error.code).toBe('CASE_STALE');

    let res = await compliance.post(`/api/cases/${c.id}/reviews`, { version: c.version, outcome: 'holds', note: '项目组调整仍有效' });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    expect(c).toMatchObject({ state: 'monitoring', nextReviewOn: addDays(today, 90), version: expect.any(Number) });
    expect(c.reviews[0]).toMatchObject({ dueOn: addDays(today, -1), reviewedOn: today, outcome: 'holds', comment: '项目组调整仍有效' });
    expect(c.timeline.at(-1)).toMatchObject({ kind: 'review', comment: '项目组调整仍有效', details: { outcome: 'holds', nextReviewOn: addDays(today, 90) } });
    expect(await dueIds(true)).not.toContain(c.id);

    c = await step(compliance, c, { event: 'close', comment: '结案，长期跟踪', reviewDates: [addDays(today, 180)] });
    res = await compliance.post(`/api/cases/${c.id}/reviews`, { version: c.version, outcome: 'failed', note: '发现原项目经理仍参与该客户业务' });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    expect(c).toMatchObject({ state: 'investigating', closedAt: null, nextReviewOn: null });
    expect(c.reviews.map((r) => [r.dueOn, r.outcome])).toEqual([
      [addDays(today, -1), 'holds'],
      [addDays(today, 90), 'failed'],
      [addDays(today, 180), 'superseded'],
    ]);
    expect(c.timeline.slice(-2)).toMatchObject([
      { kind: 'review', details: { outcome: 'failed' } },
      { kind: 'reopen', fromState: 'closed', toState: 'investigating', details: { reason: '发现原项目经理仍参与该客户业务' } },
    ]);
    const nothing = await compliance.post(`/api/cases/${c.id}/reviews`, { version: c.version, outcome: 'holds', note: '有效' });
    expect(nothing.json().error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('file evidence on a case for its readers only: stored by hash, audited, on the timeline; wrong types and oversized files refused', async () => {
    const staff = await testApp().signIn('staff');
    const finance = await testApp().signIn('finance');
    const auditor = await testApp().signIn('auditor');
    const compliance = await testApp().signIn('compliance');
    const c = await open(staff, { title: '附件测试', clientIds: [await otherClient(compliance, (await clientNamed(compliance, DINGSHENG)).id)] });

    const added = await upload(staff, c.id, '客户同意函.pdf', PDF);
    expect(added.statusCode, added.body).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(added.json()).toMatchObject({ fileName: '客户同意函.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, sha256, uploadedBy: { displayName: '王强' } });
    const attachment = added.json() as { id: string };

    expect((await upload(staff, c.id, 'photo.png', Buffer.from('not a png at all'))).statusCode).toBe(415);
    expect((await upload(staff, c.id, 'run.exe', Buffer.from('MZ'))).statusCode).toBe(415);
    expect((await upload(staff, c.id, 'empty.txt', Buffer.alloc(0))).json().error.code).toBe('ATTACHMENT_EMPTY');
    const tooLarge = await upload(staff, c.id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: '附件超过 20 MB 的上限。' });

    const listed = (await auditor.get(`/api/cases/${c.id}/attachments`)).json().items as { id: string }[];
    expect(listed.map((a) => a.id)).toEqual([attachment.id]);
    const downloaded = await auditor.get(`/api/cases/${c.id}/attachments/${attachment.id}`);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.rawPayload.equals(PDF)).toBe(true);
    expect(downloaded.headers['x-content-sha256']).toBe(sha256);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    // Auditors read; they do not file.
    expect((await upload(auditor, c.id, 'a.txt', Buffer.from('a'))).statusCode).toBe(403);
    expect((await staff.get(`/api/cases/${c.id}/attachments/${NO_CASE}`)).json().error.code).toBe('ATTACHMENT_NOT_FOUND');

    // Someone who may not read the case sees neither it nor its files.
    for (const res of [await finance.get(`/api/cases/${c.id}/attachments`), await finance.get(`/api/cases/${c.id}/attachments/${attachment.id}`), await upload(finance, c.id, 'a.txt', Buffer.from('a'))]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('CASE_NOT_FOUND');
    }

    const detail = (await staff.get(`/api/cases/${c.id}`)).json() as Case;
    expect(detail.version).toBe(c.version);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'attachment_added', details: { attachmentId: attachment.id, fileName: '客户同意函.pdf', sha256 } });
    const trail = (await auditor.get(`/api/audit?entityType=conflict_case&entityId=${c.id}&pageSize=50`)).json().items as { action: string; after: Record<string, unknown> }[];
    expect(trail.find((t) => t.action === 'conflict_case.attachment_added')?.after).toMatchObject({ sha256 });
    // The record is evidence: it cannot be changed, not even through the database.
    await expect(queryRows(testApp().database.db, sql`update conflict_case_attachments set file_name = 'x' where id = ${attachment.id}`)).rejects.toThrow();
  });
});
