import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { userIdOf as userId } from '../../../test/support/directory';
import { chinaToday } from '../../core/calendar';
import { addDays } from '../../core/cases/dates';
import { auditEntries } from '../../platform/audit/audit.tables';
import { notifications } from '../notifications/notifications.tables';

const testApp = useTestApp();
const DINGSHENG = '上海鼎盛精密机械股份有限公司';

async function clientNamed(session: Client, name: string): Promise<{ id: string }> {
  const items = (await session.get(`/api/registry/clients?q=${encodeURIComponent(name)}&pageSize=5`)).json().items as { id: string; party: { name: string } }[];
  return items.find((c) => c.party.name === name)!;
}

interface Sanction {
  id: string;
  kind: string;
  state: string;
  version: number;
}
interface Violation {
  id: string;
  status: string;
  sanctions: Sanction[];
}

/** A case naming li.na and the client her husband directs, reported by staff. */
async function openCase(staff: Client, liNaId: string, clientId: string): Promise<string> {
  const res = await staff.post('/api/cases', { title: '李娜未申报配偶任职', description: '李娜的配偶张建华任该客户董事，李娜参与了该客户的审计项目。', kind: 'staff_client', subjectMatters: ['rights'], clientIds: [clientId], staffIds: [liNaId] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const sanctionOf = (v: Violation, kind: string) => v.sanctions.find((s) => s.kind === kind)!;

describe('violations and sanctions', () => {
  it('record a finding in a case, decide sanctions by kind and who may, and carry them out or waive them', async () => {
    const compliance = await testApp().signIn('compliance');
    const staff = await testApp().signIn('staff');
    const liNa = await testApp().signIn('li.na');
    const finance = await testApp().signIn('finance');
    const director = await testApp().signIn('director.qian');
    const auditor = await testApp().signIn('auditor');
    const liNaId = await userId(compliance, 'li.na');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const caseId = await openCase(staff, liNaId, dingsheng.id);
    const today = chinaToday();
    const { db } = testApp().database;

    const finding = { caseId, personId: liNaId, rule: '《利益冲突管理办法》第十二条', finding: '未申报配偶在客户处任董事，并参与该客户审计项目。', foundOn: today };
    // Only compliance records a finding; not about themselves; not with gaps or a future date.
    expect((await staff.post('/api/violations', finding)).statusCode).toBe(403);
    expect((await compliance.post('/api/violations', { ...finding, personId: await userId(compliance, 'compliance') })).json().error.code).toBe('ACCOUNTABILITY_FORBIDDEN');
    const bad = await compliance.post('/api/violations', { ...finding, rule: ' ', foundOn: addDays(today, 1) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VIOLATION_INVALID', fields: [{ path: 'rule', message: 'RULE_REQUIRED' }, { path: 'foundOn', message: 'FOUND_IN_FUTURE' }] });
    expect((await compliance.post('/api/violations', { ...finding, caseId: '00000000-0000-4000-8000-000000000000' })).json().error.code).toBe('CASE_NOT_FOUND');

    const recorded = await compliance.post('/api/violations', finding);
    expect(recorded.statusCode, recorded.body).toBe(201);
    let v: Violation = recorded.json();
    expect(recorded.json()).toMatchObject({ case: { id: caseId, ref: expect.stringMatching(/^CF-/) }, person: { id: liNaId, displayName: '李娜' }, serious: false, status: 'no_sanction', sanctions: [], recordedBy: { displayName: '林晓雯' } });

    // She reads her own; readers of every case read all; anyone else is told it does not exist.
    expect((await liNa.get('/api/violations')).json().items.map((x: Violation) => x.id)).toEqual([v.id]);
    expect((await liNa.get(`/api/violations/${v.id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/violations/${v.id}`)).json().error.code).toBe('VIOLATION_NOT_FOUND');
    expect((await staff.get('/api/violations?scope=all')).statusCode).toBe(403);
    expect((await auditor.get(`/api/violations?scope=all&caseId=${caseId}`)).json().items.map((x: Violation) => x.id)).toEqual([v.id]);

    const sanction = (session: Client, body: object) => session.post(`/api/violations/${v.id}/sanctions`, body);
    const training = { kind: 'training', comment: '参加利益冲突合规培训', dueOn: addDays(today, 30) };
    expect((await sanction(compliance, { ...training, dueOn: undefined })).json().error.fields).toEqual([expect.objectContaining({ path: 'dueOn', message: 'DUE_DATE_REQUIRED' })]);
    expect((await sanction(compliance, { ...training, comment: '' })).json().error.code).toBe('SANCTION_INVALID');
    expect((await sanction(liNa, training)).json().error.code).toBe('ACCOUNTABILITY_FORBIDDEN');
    expect((await sanction(compliance, { kind: 'pay_consequence', comment: '扣发绩效' })).json().error.fields).toEqual([expect.objectContaining({ path: 'amount', message: 'AMOUNT_REQUIRED' })]);
    expect((await sanction(compliance, { kind: 'demotion', comment: '降级' })).json().error.fields).toEqual([expect.objectContaining({ path: 'kind', message: 'UNKNOWN_SANCTION' })]);
    // Dismissal is a director's to decide, and only after a serious finding.
    expect((await sanction(compliance, { kind: 'dismissal', comment: '解除劳动合同' })).json().error.code).toBe('ACCOUNTABILITY_FORBIDDEN');
    expect((await sanction(director, { kind: 'dismissal', comment: '解除劳动合同' })).json().error.fields).toEqual([expect.objectContaining({ path: 'kind', message: 'SERIOUS_VIOLATION_REQUIRED' })]);

    for (const body of [training, { kind: 'pay_consequence', comment: '扣发当季绩效', amount: { amountMinor: 500_000, currency: 'CNY' } }, { kind: 'warning', comment: '书面警告' }]) {
      const res = await sanction(compliance, body);
      expect(res.statusCode, res.body).toBe(201);
      v = res.json();
    }
    expect(v.status).toBe('open');
    expect(sanctionOf(v, 'pay_consequence')).toMatchObject({ state: 'planned', version: 1, amount: { amountMinor: 500_000, currency: 'CNY' }, kindLabel: expect.any(String), allowedEvents: ['complete', 'waive'] });
    const decided = await db.select().from(notifications).where(and(eq(notifications.entityId, v.id), eq(notifications.kind, 'sanction.decided')));
    expect(decided.map((n) => n.userId)).toEqual([liNaId, liNaId, liNaId]);

    const settle = (session: Client, s: Sanction, action: 'complete' | 'waive', body: object) => session.post(`/api/violations/${v.id}/sanctions/${s.id}/${action}`, { version: s.version, ...body });
    const course = sanctionOf(v, 'training');
    expect((await settle(compliance, course, 'complete', { comment: '已完成', completedOn: addDays(today, 1) })).json().error.fields).toEqual([expect.objectContaining({ path: 'completedOn', message: 'COMPLETED_IN_FUTURE' })]);
    expect((await settle(compliance, { ...course, version: 5 }, 'complete', { comment: '已完成', completedOn: today })).json().error).toMatchObject({ code: 'SANCTION_STALE', details: { state: 'planned', version: 1 } });
    expect((await settle(liNa, course, 'complete', { comment: '我已完成', completedOn: today })).json().error.code).toBe('ACCOUNTABILITY_FORBIDDEN');
    const done = await settle(compliance, course, 'complete', { comment: '培训考核合格', completedOn: today });
    expect(done.statusCode, done.body).toBe(200);
    v = done.json();
    expect(sanctionOf(v, 'training')).toMatchObject({ state: 'completed', version: 2, settledOn: today, settledBy: { displayName: '林晓雯' }, allowedEvents: [] });
    const again = await settle(compliance, sanctionOf(v, 'training'), 'complete', { comment: '再次', completedOn: today });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'SANCTION_ILLEGAL_MOVE']);

    // Finance applies the pay consequence in payroll, and may read the violation for it.
    expect((await finance.get(`/api/violations/${v.id}`)).statusCode).toBe(200);
    expect((await settle(finance, sanctionOf(v, 'warning'), 'complete', { comment: '已送达', completedOn: today })).json().error.code).toBe('ACCOUNTABILITY_FORBIDDEN');
    v = (await settle(finance, sanctionOf(v, 'pay_consequence'), 'complete', { comment: '已在十二月工资中扣发', completedOn: today })).json();
    expect(sanctionOf(v, 'pay_consequence').state).toBe('completed');
    expect((await settle(compliance, sanctionOf(v, 'warning'), 'waive', { comment: '撤销', reason: '' })).json().error.fields).toEqual([expect.objectContaining({ path: 'reason', message: 'REASON_REQUIRED' })]);
    v = (await settle(compliance, sanctionOf(v, 'warning'), 'waive', { comment: '撤销警告', reason: '已扣发绩效，不再重复处理' })).json();
    expect(sanctionOf(v, 'warning')).toMatchObject({ state: 'waived', waiveReason: '已扣发绩效，不再重复处理' });
    expect(v.status).toBe('settled');

    // The case timeline shows what happened, naming only the records: its reporter reads it too.
    const timeline = (await staff.get(`/api/cases/${caseId}`)).json().timeline as { kind: string; details: Record<string, string> }[];
    const lines = timeline.filter((t) => t.details?.violationId === v.id);
    expect(lines.map((t) => t.kind)).toEqual(['violation_recorded', 'sanction_decided', 'sanction_decided', 'sanction_decided', 'sanction_completed', 'sanction_completed', 'sanction_waived']);
    expect(Object.keys(lines[1]!.details).sort()).toEqual(['sanctionId', 'violationId']);

    const trail = await db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, v.id));
    expect(trail.map((t) => t.action).sort()).toEqual(
      ['conflict_case.violation.record', 'conflict_case.sanction.decide', 'conflict_case.sanction.decide', 'conflict_case.sanction.decide', 'conflict_case.sanction.complete', 'conflict_case.sanction.complete', 'conflict_case.sanction.waive'].sort(),
    );
  });

  it('dismiss only after a serious finding and telling the trade union first, by a director', async () => {
    const compliance = await testApp().signIn('compliance');
    const director = await testApp().signIn('director.qian');
    const staff = await testApp().signIn('staff');
    const liNaId = await userId(compliance, 'li.na');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const caseId = await openCase(staff, liNaId, dingsheng.id);
    const today = chinaToday();
    const v: Violation = (await compliance.post('/api/violations', { caseId, personId: liNaId, rule: '《员工手册》第八条', finding: '隐瞒利益冲突并收受客户好处。', foundOn: today, serious: true })).json();
    const res = await director.post(`/api/violations/${v.id}/sanctions`, { kind: 'dismissal', comment: '严重违反规章制度，解除劳动合同' });
    expect(res.statusCode, res.body).toBe(201);
    const dismissal = sanctionOf(res.json(), 'dismissal');
    const complete = (body: object) => director.post(`/api/violations/${v.id}/sanctions/${dismissal.id}/complete`, { version: dismissal.version, comment: '已解除', completedOn: today, ...body });
    expect((await complete({})).json().error.fields).toEqual([expect.objectContaining({ path: 'unionNotifiedOn', message: 'UNION_NOTICE_REQUIRED' })]);
    expect((await complete({ unionNotifiedOn: 'soon' })).json().error.fields).toEqual([expect.objectContaining({ path: 'unionNotifiedOn', code: 'INVALID_DATE' })]);
    const done = await complete({ unionNotifiedOn: addDays(today, -3) });
    expect(done.statusCode, done.body).toBe(200);
    expect(sanctionOf(done.json(), 'dismissal')).toMatchObject({ state: 'completed', unionNotifiedOn: addDays(today, -3) });
  });

  it('of a case naming a client the reader is walled off from look missing and drop out of lists', async () => {
    const compliance = await testApp().signIn('compliance');
    const auditor = await testApp().signIn('auditor');
    const staff = await testApp().signIn('staff');
    const liNaId = await userId(compliance, 'li.na');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const caseId = await openCase(staff, liNaId, dingsheng.id);
    const otherCase = await staff.post('/api/cases', { title: '其他', description: '与客户无关的兼职。', kind: 'staff_client', subjectMatters: ['other'], staffIds: [liNaId] });
    const hidden: Violation = (await compliance.post('/api/violations', { caseId, personId: liNaId, rule: '第十二条', finding: '未申报。', foundOn: chinaToday() })).json();
    const open: Violation = (await compliance.post('/api/violations', { caseId: otherCase.json().id, personId: liNaId, rule: '第十三条', finding: '未报备兼职。', foundOn: chinaToday() })).json();
    const before = (await auditor.get('/api/violations?scope=all&pageSize=200')).json();

    await compliance.post('/api/recusals/barriers', { name: '鼎盛审计隔离墙', clientIds: [dingsheng.id], walledOffUserIds: [await userId(compliance, 'auditor')], reason: '审计项目' });
    expect((await auditor.get(`/api/violations/${hidden.id}`)).json().error.code).toBe('VIOLATION_NOT_FOUND');
    const after = (await auditor.get('/api/violations?scope=all&pageSize=200')).json();
    expect(after.items.map((x: Violation) => x.id)).toContain(open.id);
    expect(after.items.map((x: Violation) => x.id)).not.toContain(hidden.id);
    // Every earlier violation here is of a case naming that client, so only this one stays.
    expect([before.total, after.total]).toEqual([before.items.length, 1]);
    expect((await compliance.get(`/api/violations/${hidden.id}`)).statusCode).toBe(200);
    // Nor does the audit trail show the walled-off reader what was found.
    expect((await auditor.get(`/api/audit?entityId=${hidden.id}`)).json().items).toEqual([]);
    expect((await auditor.get(`/api/audit?entityId=${open.id}`)).json().items).toHaveLength(1);
  });
});
