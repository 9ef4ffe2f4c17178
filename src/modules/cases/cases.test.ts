import { chinaToday } from '../../core/calendar';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { userIdOf as userId } from '../../../test/support/directory';
import { addDays } from '../../core/cases/dates';
import { defaultTaxonomy } from '../../core/cases/taxonomy';
import { queryRows } from '../../platform/db/database';

const testApp = useTestApp();

type Case = { id: string; ref: string; state: string; version: number; daysOverdue: number; stageDueOn: string | null; timeline: { kind: string; fromState: string | null; toState: string | null; comment: string | null; actor: { displayName: string } | null }[]; mitigations: { id: string; kind: string; status: string }[]; reviews: { dueOn: string }[]; subjects: { role: string; name: string | null }[]; evidence: Record<string, unknown> | null };

async function firstClient(session: Client) {
  return (await session.get('/api/registry/clients?status=active&pageSize=5')).json().items[0] as { id: string; party: { id: string; name: string } };
}

const move = async (session: Client, c: Pick<Case, 'id' | 'version'>, body: object) => session.post(`/api/cases/${c.id}/transition`, { version: c.version, ...body });

async function step(session: Client, c: Pick<Case, 'id' | 'version'>, body: object): Promise<Case> {
  const res = await move(session, c, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('conflict cases', () => {
  it('take a staff report through investigation, assessment, resolution, mitigation and monitoring to closed, and reopen it', async () => {
    const compliance = await testApp().signIn('compliance');
    const staff = await testApp().signIn('staff');
    const client = await firstClient(compliance);
    const zhangWei = await userId(compliance, 'zhang.wei');
    const today = chinaToday();

    const reported = await staff.post('/api/cases', {
      title: '员工与客户存在亲属关系',
      description: '张伟的配偶在该客户担任财务总监。',
      kind: 'staff_client',
      subjectMatters: ['rights'],
      clientIds: [client.id],
      staffIds: [zhangWei],
    });
    expect(reported.statusCode, reported.body).toBe(201);
    let c: Case = reported.json();
    expect(c).toMatchObject({ ref: expect.stringMatching(/^CF-\d{4}-\d{6}$/), state: 'reported', version: 1, source: 'staff_report', reportedBy: { displayName: '王强' }, stageDueOn: addDays(today, 3), daysOverdue: 0 });
    expect(c.subjects.map((s) => s.role).sort()).toEqual(['client', 'staff']);
    expect(c.subjects.find((s) => s.role === 'client')!.name).toBe(client.party.name);

    // The reporter follows the case but cannot run it.
    expect((await move(staff, c, { event: 'start_investigation', comment: '开始' })).statusCode).toBe(403);
    // Every move needs a comment.
    const silent = await move(compliance, c, { event: 'start_investigation' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().error).toMatchObject({ code: 'CASE_COMMENT_REQUIRED', fields: [{ path: 'comment' }] });
    // An illegal move is a conflict naming the state, and changes nothing.
    const illegal = await move(compliance, c, { event: 'close', comment: '直接结案', reviewDates: [addDays(today, 30)] });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'reported', version: 1 } });
    expect((await compliance.get(`/api/cases/${c.id}`)).json()).toMatchObject({ state: 'reported', version: 1 });

    c = await step(compliance, c, { event: 'start_investigation', comment: '受理，开始调查' });
    expect(c.state).toBe('investigating');
    // Acting on an old version is refused.
    expect((await move(compliance, { id: c.id, version: 1 }, { event: 'assess', comment: 'x', severity: 'high', impact: 'x', assessment: 'x' })).json().error.code).toBe('CASE_STALE');
    const noSeverity = await move(compliance, c, { event: 'assess', comment: '评估', impact: '影响客户权益', assessment: '构成利益冲突' });
    expect(noSeverity.json().error).toMatchObject({ code: 'CASE_SEVERITY_REQUIRED', fields: [{ path: 'severity' }] });
    c = await step(compliance, c, { event: 'assess', comment: '评估完成', severity: 'high', impact: '可能影响客户权益', assessment: '构成员工与客户之间的利益冲突' });
    expect(c).toMatchObject({ state: 'assessed', severity: 'high', assessment: { impact: '可能影响客户权益' } });

    const noStaff = await move(compliance, c, { event: 'decide_resolution', comment: '决定', mitigations: [{ kind: 'recusal' }] });
    expect(noStaff.json().error).toMatchObject({ code: 'CASE_MITIGATION_NEEDS_STAFF', fields: [{ path: 'mitigations.0' }] });
    c = await step(compliance, c, {
      event: 'decide_resolution',
      comment: '张伟回避，并向客户披露取得同意',
      mitigations: [
        { kind: 'recusal', staffIds: [zhangWei] },
        { kind: 'disclosure_consent', clientIds: [client.id] },
      ],
    });
    expect(c.state).toBe('resolution_decided');
    expect(c.mitigations.map((m) => [m.kind, m.status])).toEqual([['recusal', 'planned'], ['disclosure_consent', 'planned']]);

    const pending = await move(compliance, c, { event: 'put_mitigations_in_effect', comment: '已落实' });
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error).toMatchObject({ code: 'CASE_MITIGATIONS_PENDING', details: { state: 'resolution_decided', index: 0 } });
    for (const m of c.mitigations) {
      const consents = m.kind === 'disclosure_consent' ? [{ clientId: client.id, consentedBy: '客户法务负责人', consentedOn: today }] : undefined;
      const res = await compliance.post(`/api/cases/${c.id}/mitigations/${m.id}/in-effect`, { version: c.version, comment: `${m.kind} 已落实`, consents });
      expect(res.statusCode, res.body).toBe(200);
      c = res.json();
    }
    c = await step(compliance, c, { event: 'put_mitigations_in_effect', comment: '措施均已落实' });
    expect(c.state).toBe('mitigations_in_effect');

    const past = await move(compliance, c, { event: 'start_monitoring', comment: '监控', reviewDates: [today] });
    expect(past.json().error).toMatchObject({ code: 'CASE_REVIEW_DATE_NOT_FUTURE', fields: [{ path: 'reviewDates.0' }] });
    c = await step(compliance, c, { event: 'start_monitoring', comment: '进入监控期', reviewDates: [addDays(today, 90), addDays(today, 30)] });
    expect(c).toMatchObject({ state: 'monitoring', nextReviewOn: addDays(today, 30) });
    c = await step(compliance, c, { event: 'close', comment: '结案，转入长期跟踪', reviewDates: [addDays(today, 365)] });
    expect(c).toMatchObject({ state: 'closed', stageDueOn: null, closedAt: expect.any(String) });
    expect(c.reviews.map((r) => r.dueOn)).toEqual([addDays(today, 30), addDays(today, 90), addDays(today, 365)]);

    const noReason = await move(compliance, c, { event: 'reopen', comment: '重新开启' });
    expect(noReason.json().error.code).toBe('CASE_REASON_REQUIRED');
    c = await step(compliance, c, { event: 'reopen', comment: '重新开启', reason: '复查发现张伟仍参与该客户项目' });
    expect(c).toMatchObject({ state: 'investigating', closedAt: null });

    // The timeline has every move with its comment, in order.
    expect(c.timeline.map((e) => e.kind)).toEqual([
      'open', 'start_investigation', 'assess', 'decide_resolution', 'mitigation_in_effect', 'mitigation_in_effect',
      'put_mitigations_in_effect', 'start_monitoring', 'close', 'reopen',
    ]);
    expect(c.timeline.slice(1).every((e) => e.comment && e.actor?.displayName === '林晓雯')).toBe(true);
    expect(c.timeline.at(-1)).toMatchObject({ fromState: 'closed', toState: 'investigating' });

    // So does the audit trail.
    const auditor = await testApp().signIn('auditor');
    const trail = (await auditor.get(`/api/audit?entityType=conflict_case&entityId=${c.id}&pageSize=50`)).json().items as { action: string }[];
    expect(trail.map((t) => t.action).sort()).toEqual(c.timeline.map((e) => `conflict_case.${e.kind}`).sort());

    // A comment lands on the timeline without changing the version.
    const commented = await staff.post(`/api/cases/${c.id}/comments`, { comment: '补充：该项目下周开标' });
    expect(commented.statusCode, commented.body).toBe(201);
    expect(commented.json()).toMatchObject({ version: c.version, timeline: expect.arrayContaining([expect.objectContaining({ kind: 'comment', comment: '补充：该项目下周开标' })]) });

    // The person the case names cannot be responsible for it; someone else can, and then sees it.
    const involved = await compliance.post(`/api/cases/${c.id}/assign`, { version: c.version, responsibleUserId: zhangWei });
    expect(involved.json().error.code).toBe('CASE_RESPONSIBLE_INVOLVED');
    const managerId = await userId(compliance, 'manager');
    const assigned = await compliance.post(`/api/cases/${c.id}/assign`, { version: c.version, responsibleUserId: managerId, comment: '指定负责人' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    c = assigned.json();
    const manager = await testApp().signIn('manager');
    expect((await manager.get('/api/cases?responsible=me')).json().items.map((i: Case) => i.id)).toContain(c.id);
    // The responsible person may write the assessment, but deciding stays with compliance.
    c = await step(manager, c, { event: 'assess', comment: '重新评估', severity: 'critical', impact: '项目仍在进行', assessment: '须重新决定处理措施' });
    expect((await move(manager, c, { event: 'decide_resolution', comment: '决定', mitigations: [{ kind: 'recusal', staffIds: [zhangWei] }] })).statusCode).toBe(403);

    // A stranger (and the named staff member) cannot see it at all.
    const finance = await testApp().signIn('finance');
    expect((await finance.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await finance.post(`/api/cases/${c.id}/comments`, { comment: '?' })).statusCode).toBe(404);
    expect((await finance.get('/api/cases')).json().items.map((i: Case) => i.id)).not.toContain(c.id);

    // The timeline is evidence: nobody may change it, not even through the database.
    await expect(queryRows(testApp().database.db, sql`update conflict_case_events set comment = 'x' where case_id = ${c.id}`)).rejects.toThrow();
  });

  it('open a case from a saved conflict-check hit, keeping its path, and list by state and overdue', async () => {
    const compliance = await testApp().signIn('compliance');
    const checked = await compliance.post('/api/conflict-checks', { subjects: [{ name: '張建華', kind: 'person' }], purpose: '新客户承接' });
    expect(checked.statusCode).toBe(201);
    const check = checked.json();
    const hit = check.results[0].hits.find((h: { party: { name: string } }) => h.party.name === '张建华');
    const pathIndex = hit.paths.findIndex((p: { text: string }) => p.text === '张建华 —配偶— 李娜（员工）');
    expect(pathIndex).toBeGreaterThanOrEqual(0);

    const missing = await compliance.post('/api/cases', { source: 'conflict_check', title: 't', description: 'd', kind: 'staff_client', subjectMatters: ['other'], conflictCheck: { checkId: check.id, partyId: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.json().error.code).toBe('CASE_HIT_NOT_IN_CHECK');
    // Someone who cannot read the check cannot open a case from it.
    const staff = await testApp().signIn('staff');
    expect((await staff.post('/api/cases', { source: 'conflict_check', title: 't', description: 'd', kind: 'staff_client', subjectMatters: ['other'], conflictCheck: { checkId: check.id, partyId: hit.party.id } })).statusCode).toBe(404);

    const opened = await compliance.post('/api/cases', {
      source: 'conflict_check',
      title: '新客户实际控制人与员工为配偶',
      description: '冲突检索命中：张建华与员工李娜为配偶。',
      kind: 'staff_client',
      subjectMatters: ['service'],
      conflictCheck: { checkId: check.id, partyId: hit.party.id, pathIndex },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const c: Case = opened.json();
    expect(c.evidence).toMatchObject({ checkId: check.id, checkRef: check.ref, partyId: hit.party.id, path: { target: 'staff', text: '张建华 —配偶— 李娜（员工）' } });
    expect(c.subjects.map((s) => s.name)).toEqual(expect.arrayContaining(['张建华', '李娜']));

    // A case without a check or without anyone named is refused with the fields at fault.
    const bare = await compliance.post('/api/cases', { source: 'conflict_check', title: 't', description: ' ', kind: 'nope', subjectMatters: [] });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields.map((f: { message: string }) => f.message)).toEqual(expect.arrayContaining(['DESCRIPTION_REQUIRED', 'NOBODY_NAMED', 'EVIDENCE_REQUIRED', 'UNKNOWN_KIND', 'SUBJECT_MATTER_REQUIRED']));
    // Staff may report, not log an anonymous tip.
    expect((await staff.post('/api/cases', { source: 'anonymous_report', title: 't', description: 'd', kind: 'client_firm', subjectMatters: ['price'], partyIds: [hit.party.id] })).statusCode).toBe(403);
    const tip = await compliance.post('/api/cases', { source: 'anonymous_report', title: '匿名举报', description: '有人反映报价偏离', kind: 'client_firm', subjectMatters: ['price'], partyIds: [hit.party.id] });
    expect(tip.statusCode, tip.body).toBe(201);
    expect(tip.json()).toMatchObject({ source: 'anonymous_report', reportedBy: null });

    const ids = async (query: string) => ((await compliance.get(`/api/cases?${query}&pageSize=200`)).json().items as Case[]).map((i) => i.id);
    expect(await ids('state=reported')).toContain(c.id);
    expect(await ids('state=closed')).not.toContain(c.id);
    expect(await ids('overdue=true')).not.toContain(c.id);
    // Reported ten days ago: triage was due after three.
    await queryRows(testApp().database.db, sql`update conflict_cases set stage_entered_on = ${addDays(chinaToday(), -10)}::date where id = ${c.id}`);
    expect(await ids('overdue=true')).toContain(c.id);
    expect(await ids('overdue=false')).not.toContain(c.id);
    expect((await compliance.get(`/api/cases/${c.id}`)).json()).toMatchObject({ daysOverdue: 7 });
    expect(await ids(`q=${encodeURIComponent('配偶')}`)).toContain(c.id);
  });

  it('publish the taxonomy as versions, refusing one that drops a code', async () => {
    const compliance = await testApp().signIn('compliance');
    const builtIn = (await compliance.get('/api/cases/taxonomy')).json();
    expect(builtIn).toMatchObject({ version: null, taxonomy: { conflictKinds: defaultTaxonomy.conflictKinds } });

    const dropped = await compliance.post('/api/cases/taxonomy', { taxonomy: { ...defaultTaxonomy, subjectMatters: defaultTaxonomy.subjectMatters.slice(1) } });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().error).toMatchObject({ code: 'CASE_TAXONOMY_INVALID', fields: [{ path: 'subjectMatters', message: 'CODE_REMOVED:price' }] });

    const withSupplier = { ...defaultTaxonomy, conflictKinds: [...defaultTaxonomy.conflictKinds, { code: 'staff_supplier', labels: { 'zh-CN': '员工与供应商', en: 'staff and supplier' }, active: true }] };
    const published = await compliance.post('/api/cases/taxonomy', { taxonomy: withSupplier, note: '增加员工与供应商' });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: 1, note: '增加员工与供应商' });
    const again = await compliance.post('/api/cases/taxonomy', { taxonomy: withSupplier });
    expect(again.json().version).toBe(2);

    const staff = await testApp().signIn('staff');
    expect((await staff.get('/api/cases/taxonomy')).json().taxonomy.conflictKinds.map((k: { code: string }) => k.code)).toContain('staff_supplier');
    expect((await staff.post('/api/cases/taxonomy', { taxonomy: withSupplier })).statusCode).toBe(403);
    const client = await firstClient(compliance);
    const res = await staff.post('/api/cases', { title: '供应商', description: '员工持有供应商股份', kind: 'staff_supplier', subjectMatters: ['price'], clientIds: [client.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().kindLabel).toBe('员工与供应商');
  });
});
