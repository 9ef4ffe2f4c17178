import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { queryRows } from '../../platform/db/database';
import { processMonitoringEvents } from './consumer';
import { runRiskAssessmentIfDue } from './risk.service';
import { startMonitoring } from './runner';

const testApp = useTestApp();
const db = () => testApp().database.db;
const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db(), query))[0]!.n;

/** An active client outside the demo's blackout, and its party. */
async function someClient(session: Client, skip: number) {
  const clients = (await session.get('/api/registry/clients?status=active&pageSize=50')).json().items as { id: string; party: { id: string; name: string } }[];
  const client = clients.filter((c) => c.party.name !== '苏州瑞丰医疗器械有限公司')[skip]!;
  return { clientId: client.id, partyId: client.party.id, name: client.party.name };
}

/** A ¥3,000 "other" benefit submitted: under the ¥5,000 structuring threshold. */
async function submitted(session: Client, partyId: string, amount = '3000.00'): Promise<{ id: string; ref: string }> {
  const created = await session.post('/api/benefits/requests', { benefitType: 'other', counterpartyPartyId: partyId, amount, currency: 'CNY', benefitDate: '2026-11-20', purpose: '客户答谢' });
  expect(created.statusCode, created.body).toBe(201);
  const request = created.json();
  const sent = await session.post(`/api/benefits/requests/${request.id}/submit`, { version: request.version, justification: '客户年度答谢' });
  expect(sent.statusCode, sent.body).toBe(200);
  return { id: request.id, ref: request.ref };
}

type Alert = { id: string; ref: string; rule: string; state: string; version: number; explanation: string; severity: string; requests: { id: string; ref: string }[]; allowedActions: string[]; assignee: { displayName: string } | null; case: { id: string; ref: string } | null; hits: number; history?: { kind: string }[] };

async function alertsFor(session: Client, requestId: string, rule: string): Promise<Alert[]> {
  const res = await session.get(`/api/alerts?requestId=${requestId}&rule=${rule}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('early-warning alerts', () => {
  it('are judged once, in order, as requests are submitted; a growing split merges into one alert explained in both languages', async () => {
    await processMonitoringEvents(db());
    const staff = await testApp().signIn('staff');
    const compliance = await testApp().signIn('compliance');
    const { partyId } = await someClient(staff, 3);
    const first = await submitted(staff, partyId);
    const second = await submitted(staff, partyId);
    const judged = await compliance.post('/api/alerts/judge', {});
    expect(judged.json().read).toBeGreaterThanOrEqual(2);
    const [alert] = await alertsFor(compliance, first.id, 'structuring');
    expect(alert).toMatchObject({ rule: 'structuring', state: 'new', hits: 1, allowedActions: ['review', 'dismiss', 'escalate'] });
    expect(alert!.requests.map((r) => r.ref).sort()).toEqual([first.ref, second.ref].sort());
    expect(alert!.explanation).toContain('¥6,000.00');
    expect(alert!.explanation).toContain('¥5,000.00');
    const english = (await compliance.get(`/api/alerts/${alert!.id}`, { 'accept-language': 'en' })).json();
    expect(english.explanation).toMatch(/within 7 days/);
    expect(english.ruleLabel).toMatch(/[A-Za-z]/);

    // Nothing new: judging again reads nothing and raises nothing.
    expect((await compliance.post('/api/alerts/judge', {})).json()).toEqual({ read: 0, raised: 0 });
    const third = await submitted(staff, partyId);
    await compliance.post('/api/alerts/judge', {});
    const [grown] = await alertsFor(compliance, first.id, 'structuring');
    expect(grown).toMatchObject({ id: alert!.id, hits: 2 });
    expect(grown!.requests.map((r) => r.ref)).toContain(third.ref);
    const detail = (await compliance.get(`/api/alerts/${alert!.id}`)).json() as Alert;
    expect(detail.history!.map((h) => h.kind)).toEqual(['raised', 'merged']);
    expect(await count(sql`select count(*)::int as n from audit_entries where entity_type = 'alert' and entity_id = ${alert!.id}`)).toBe(2);
  });

  it('are raised as soon as the submission commits, woken by the outbox, with nobody asking', async () => {
    const stop = await startMonitoring(testApp().database, { info: () => undefined, warn: () => undefined, error: () => undefined });
    try {
      const staff = await testApp().signIn('staff');
      const compliance = await testApp().signIn('compliance');
      const { partyId } = await someClient(staff, 6);
      const first = await submitted(staff, partyId);
      await submitted(staff, partyId);
      let found: Alert[] = [];
      for (let tries = 0; tries < 200 && found.length === 0; tries += 1) {
        found = await alertsFor(compliance, first.id, 'structuring');
        if (!found.length) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(found).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it('are triaged new → reviewing → dismissed with a reason; a closed alert is not raised again for the same facts but new facts open a new one, which escalates to a case', async () => {
    const staff = await testApp().signIn('staff');
    const compliance = await testApp().signIn('compliance');
    const { partyId, clientId } = await someClient(staff, 4);
    const first = await submitted(staff, partyId);
    await submitted(staff, partyId);
    await compliance.post('/api/alerts/judge', {});
    let [alert] = await alertsFor(compliance, first.id, 'structuring');

    const reviewed = await compliance.post(`/api/alerts/${alert!.id}/review`, { version: alert!.version });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    alert = reviewed.json();
    expect(alert).toMatchObject({ state: 'reviewing', assignee: { displayName: expect.any(String) }, allowedActions: ['dismiss', 'escalate'] });
    // Stale version, missing reason, a move the state does not allow: refused, nothing changes.
    const stale = await compliance.post(`/api/alerts/${alert!.id}/dismiss`, { version: 1, reason: '已核实' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('ALERT_STALE');
    expect((await compliance.post(`/api/alerts/${alert!.id}/dismiss`, { version: alert!.version, reason: '  ' })).statusCode).toBe(400);
    expect((await compliance.post(`/api/alerts/${alert!.id}/review`, { version: alert!.version })).json().error.code).toBe('ILLEGAL_TRANSITION');
    const dismissed = await compliance.post(`/api/alerts/${alert!.id}/dismiss`, { version: alert!.version, reason: '同一客户两个部门的正常答谢，已核实发票' });
    expect(dismissed.json()).toMatchObject({ state: 'dismissed', dismissReason: '同一客户两个部门的正常答谢，已核实发票', allowedActions: [] });

    // The same facts do not come back; a third request is a new pattern.
    const third = await submitted(staff, partyId);
    await compliance.post('/api/alerts/judge', {});
    const all = await alertsFor(compliance, first.id, 'structuring');
    expect(all.map((a) => a.state).sort()).toEqual(['dismissed', 'new']);
    const fresh = all.find((a) => a.state === 'new')!;
    expect(fresh.requests.map((r) => r.ref)).toContain(third.ref);

    const escalated = await compliance.post(`/api/alerts/${fresh.id}/escalate`, { version: fresh.version, comment: '需调查' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    const closed = escalated.json() as Alert;
    expect(closed).toMatchObject({ state: 'escalated', case: { ref: expect.stringMatching(/^CF-/) } });
    const opened = (await compliance.get(`/api/cases/${closed.case!.id}`)).json();
    expect(opened).toMatchObject({ source: 'alert' });
    expect(JSON.stringify(opened)).toContain(clientId);
    expect((await compliance.post(`/api/alerts/${fresh.id}/dismiss`, { version: closed.version, reason: 'x' })).json().error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('of high severity are told to those who triage them, by a notification that leads to the alert', async () => {
    const staff = await testApp().signIn('staff');
    const compliance = await testApp().signIn('compliance');
    const { partyId, clientId } = await someClient(staff, 7);
    const given = await submitted(staff, partyId, '800.00');
    // A blackout declared afterwards over the benefit's date: weight 95, high.
    const declared = await compliance.post('/api/benefits/blackouts', { clientId, startsOn: '2026-11-20', endsOn: '2026-11-20', reason: '招标评审期间' });
    expect(declared.statusCode, declared.body).toBe(201);
    await compliance.post('/api/alerts/judge', {});
    const [alert] = await alertsFor(compliance, given.id, 'blackout');
    expect(alert).toMatchObject({ severity: 'high' });
    const notices = (await compliance.get('/api/notifications')).json().items as { kind: string; text: string; entityId: string }[];
    expect(notices.find((n) => n.entityId === alert!.id)).toMatchObject({ kind: 'alert.raised', text: expect.stringContaining(alert!.ref) });
    const staffNotices = (await staff.get('/api/notifications')).json().items as { entityId: string }[];
    expect(staffNotices.some((n) => n.entityId === alert!.id)).toBe(false);
  });

  it('are read by compliance and auditors only, and triaged by compliance only', async () => {
    const auditor = await testApp().signIn('auditor');
    const compliance = await testApp().signIn('compliance');
    const [some] = (await compliance.get('/api/alerts?pageSize=1')).json().items as Alert[];
    expect(some).toBeDefined();
    expect((await auditor.get('/api/alerts')).statusCode).toBe(200);
    expect((await auditor.get(`/api/alerts/${some!.id}`)).statusCode).toBe(200);
    expect((await auditor.get('/api/alerts/dashboard')).statusCode).toBe(200);
    expect((await auditor.post(`/api/alerts/${some!.id}/dismiss`, { version: some!.version, reason: 'x' })).statusCode).toBe(403);
    expect((await auditor.post('/api/monitoring/rules/structuring/versions', { enabled: false, weight: 10, params: {} })).statusCode).toBe(403);
    for (const username of ['staff', 'manager', 'finance', 'admin']) {
      const someone = await testApp().signIn(username);
      expect((await someone.get('/api/alerts')).statusCode, username).toBe(403);
      expect((await someone.get(`/api/alerts/${some!.id}`)).statusCode, username).toBe(403);
    }
  });

  it('show a dashboard of open alerts by severity and age, and per rule', async () => {
    const compliance = await testApp().signIn('compliance');
    const board = (await compliance.get('/api/alerts/dashboard')).json();
    const open = (await compliance.get('/api/alerts?state=open&pageSize=1')).json().total;
    expect(board.open).toBe(open);
    // Every page tells the same total, a page past the end included.
    expect(open).toBeGreaterThan(0);
    const pages = await Promise.all([open, open + 5].map(async (page) => (await compliance.get(`/api/alerts?state=open&pageSize=1&page=${page}`)).json()));
    expect(pages.map((p) => [p.items.length, p.total])).toEqual([
      [1, open],
      [0, open],
    ]);
    expect(board.bySeverity.reduce((sum: number, s: { total: number }) => sum + s.total, 0)).toBe(open);
    expect(board.byRule).toHaveLength(10);
    expect(Object.keys(board.bySeverity[0].buckets)).toEqual(['0-2', '3-7', '8-30', '30+']);
  });
});

describe('early-warning rules', () => {
  it('are published as new versions with checked parameters; a bad one is refused and changes nothing', async () => {
    const compliance = await testApp().signIn('compliance');
    const rules = (await compliance.get('/api/monitoring/rules')).json().items as { rule: string; version: number; params: Record<string, number>; label: string; paramLabels: Record<string, { label: string }> }[];
    expect(rules.map((r) => r.rule)).toHaveLength(10);
    const structuring = rules.find((r) => r.rule === 'structuring')!;
    expect(structuring.paramLabels.thresholdMinor!.label).toBeTruthy();
    const before = await count(sql`select count(*)::int as n from monitoring_rule_versions`);
    const bad = await compliance.post('/api/monitoring/rules/structuring/versions', { enabled: true, weight: 80, params: { windowDays: 0, minCount: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'RULE_PARAMS_INVALID', fields: expect.arrayContaining([expect.objectContaining({ path: 'params.windowDays' }), expect.objectContaining({ path: 'params.minCount' })]) });
    expect((await compliance.post('/api/monitoring/rules/nonsense/versions', { enabled: true, weight: 80, params: {} })).statusCode).toBe(400);
    expect(await count(sql`select count(*)::int as n from monitoring_rule_versions`)).toBe(before);

    const published = await compliance.post('/api/monitoring/rules/new_client/versions', { enabled: true, weight: 45, params: { withinDays: 60 }, note: '新客户观察期延长到 60 天' });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ rule: 'new_client', version: before === 0 ? 1 : expect.any(Number), weight: 45, params: { withinDays: 60, minAmountMinor: 100_000 }, note: '新客户观察期延长到 60 天' });
    const history = (await compliance.get('/api/monitoring/rules/new_client/versions')).json().items;
    expect(history[0]).toMatchObject({ weight: 45, createdBy: { displayName: expect.any(String) } });
  });

  it('preview what a draft would have raised over the last 90 days beside the rule in force', async () => {
    const staff = await testApp().signIn('staff');
    const compliance = await testApp().signIn('compliance');
    const { partyId } = await someClient(staff, 5);
    await submitted(staff, partyId, '2000.00');
    await submitted(staff, partyId, '2000.00');
    await compliance.post('/api/alerts/judge', {});
    // ¥4,000 in two: under the ¥5,000 in force, over a ¥3,000 draft threshold.
    const draft = await compliance.post('/api/monitoring/rules/structuring/preview', { enabled: true, weight: 80, params: { thresholdMinor: 300_000 } });
    expect(draft.statusCode, draft.body).toBe(200);
    const preview = draft.json();
    expect(preview.eventsReplayed).toBeGreaterThan(0);
    const splitOfFour = (a: { explanation: string }) => a.explanation.includes('¥3,000.00') && a.explanation.includes('¥4,000.00');
    expect(preview.alerts.some(splitOfFour)).toBe(true);
    // The draft equal to the rule in force raises what it raised.
    const same = (await compliance.post('/api/monitoring/rules/structuring/preview', { enabled: true, weight: 80, params: {} })).json();
    expect(same.total).toBe(same.inForceTotal);
    expect(same.alerts.some((a: { explanation: string }) => a.explanation.includes('¥4,000.00'))).toBe(false);
    const off = (await compliance.post('/api/monitoring/rules/structuring/preview', { enabled: false, weight: 80, params: {} })).json();
    expect(off.total).toBe(0);
    expect((await compliance.post('/api/monitoring/rules/structuring/preview', { enabled: true, weight: 80, params: { thresholdMinor: -1 } })).statusCode).toBe(400);
  });
});

describe('risk assessment', () => {
  it('scores every client and staff member on demand, keeps each run for the trend, and maps departments × categories', async () => {
    const compliance = await testApp().signIn('compliance');
    const auditor = await testApp().signIn('auditor');
    const staff = await testApp().signIn('staff');
    const run = await compliance.post('/api/risk/runs');
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json().clients).toBeGreaterThan(100);
    expect(run.json().staff).toBeGreaterThanOrEqual(30);
    expect((await auditor.post('/api/risk/runs')).statusCode).toBe(403);
    expect((await staff.get('/api/risk/register')).statusCode).toBe(403);

    const register = (await auditor.get('/api/risk/register?subjectType=client&pageSize=20')).json();
    expect(register.run.id).toBe(run.json().id);
    expect(register.items.map((i: { score: number }) => i.score)).toEqual([...register.items.map((i: { score: number }) => i.score)].sort((a, b) => b - a));
    const top = register.items[0];
    expect(top.score).toBeGreaterThan(0);
    expect(top.factors[0].text).toMatch(/\d/);
    expect(top.previousScore).not.toBeUndefined();

    // A second run: the history shows both, the register the change.
    await compliance.post('/api/risk/runs');
    const history = (await auditor.get(`/api/risk/history/client/${top.subject.id}`)).json().items;
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect((await auditor.get('/api/risk/register?subjectType=client&pageSize=1')).json().items[0].previousScore).toEqual(expect.any(Number));
    expect((await auditor.get(`/api/risk/history/client/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);

    const staffRegister = (await auditor.get('/api/risk/register?subjectType=staff&pageSize=100')).json();
    expect(staffRegister.total).toBeGreaterThanOrEqual(30);
    const heat = (await auditor.get('/api/risk/heatmap?subjectType=client')).json();
    expect(heat.categories.map((c: { key: string }) => c.key)).toEqual(['alerts', 'cases', 'relationships', 'benefits', 'public_officials']);
    expect(heat.cells).toHaveLength(heat.departments.length * 5);
    expect(heat.cells.some((c: { average: number }) => c.average > 0)).toBe(true);
  });

  it('runs by itself once per period, as often as compliance sets', async () => {
    const compliance = await testApp().signIn('compliance');
    expect((await compliance.get('/api/risk/settings')).json()).toEqual({ frequency: 'monthly' });
    expect((await compliance.request('PUT', '/api/risk/settings', { body: { frequency: 'daily' } })).statusCode).toBe(400);
    expect((await compliance.request('PUT', '/api/risk/settings', { body: { frequency: 'quarterly' } })).json()).toEqual({ frequency: 'quarterly' });
    // The demo's assessment was scheduled today: nothing is due until the next quarter.
    expect(await runRiskAssessmentIfDue(db())).toBeNull();
    const next = await runRiskAssessmentIfDue(db(), '2099-01-02');
    expect(next).toMatchObject({ assessedOn: '2099-01-02' });
    expect(await runRiskAssessmentIfDue(db(), '2099-03-31')).toBeNull();
    await compliance.request('PUT', '/api/risk/settings', { body: { frequency: 'monthly' } });
  });
});
