import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { userIdOf as userId } from '../../../test/support/directory';
import { chinaToday } from '../../core/calendar';
import { addDays } from '../../core/cases/dates';
import { auditEntries } from '../../platform/audit/audit.tables';
import { userRoles, users } from '../../platform/auth/auth.tables';
import { notificationText } from '../notifications/notifications.messages';
import { notifications } from '../notifications/notifications.tables';
import { sendClearanceNotices, sendStageNotices } from './reminders';

const testApp = useTestApp();
const DINGSHENG = '上海鼎盛精密机械股份有限公司';

async function clientNamed(session: Client, name: string): Promise<{ id: string }> {
  const items = (await session.get(`/api/registry/clients?q=${encodeURIComponent(name)}&pageSize=5`)).json().items as { id: string; party: { name: string } }[];
  return items.find((c) => c.party.name === name)!;
}

const sentAbout = (entityId: string, kind: string) =>
  testApp()
    .database.db.select({ userId: notifications.userId, params: notifications.params })
    .from(notifications)
    .where(and(eq(notifications.entityId, entityId), eq(notifications.kind, kind)))
    .orderBy(asc(notifications.userId), asc(notifications.createdAt));

const trailOf = (entityId: string, action: string) => testApp().database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, entityId), eq(auditEntries.action, action)));

async function complianceUsers(): Promise<string[]> {
  const rows = await testApp().database.db.selectDistinct({ id: users.id }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id)).where(and(eq(userRoles.role, 'compliance'), eq(users.active, true)));
  return rows.map((r) => r.id);
}

describe('case stage reminders', () => {
  it('remind the responsible person before the stage is due and escalate once overdue to compliance, each notice once, leaving out who the case names or a wall keeps out', async () => {
    const compliance = await testApp().signIn('compliance');
    const staff = await testApp().signIn('staff');
    const { db } = testApp().database;
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const [liNa, manager, zhengHao, luoYan] = await Promise.all(['li.na', 'manager', 'zheng.hao', 'luo.yan'].map((u) => userId(compliance, u)));
    const today = chinaToday();
    // zheng.hao (compliance) is named in the case; luo.yan (compliance) is walled off from its client.
    const opened = await staff.post('/api/cases', { title: '李娜配偶任客户董事', description: '李娜的配偶在客户处任董事。', kind: 'staff_client', subjectMatters: ['rights'], clientIds: [dingsheng.id], staffIds: [liNa, zhengHao] });
    expect(opened.statusCode, opened.body).toBe(201);
    const c = opened.json();
    expect(c.stageDueOn).toBe(addDays(today, 3));
    expect((await compliance.post(`/api/cases/${c.id}/assign`, { version: c.version, responsibleUserId: manager })).statusCode).toBe(200);
    expect((await compliance.post('/api/recusals/barriers', { name: '鼎盛隔离墙', clientIds: [dingsheng.id], walledOffUserIds: [luoYan], reason: '另一项目' })).statusCode).toBe(201);

    // Three days out: the responsible person hears, once however often the job runs.
    expect(await sendStageNotices(db, today)).toBeGreaterThanOrEqual(1);
    await sendStageNotices(db, today);
    expect(await sentAbout(c.id, 'case.stage_reminder')).toEqual([{ userId: manager, params: { ref: c.ref, dueOn: addDays(today, 3), days: 3 } }]);
    await sendStageNotices(db, addDays(today, 1));
    expect(await sentAbout(c.id, 'case.stage_reminder')).toHaveLength(1);
    // On the day it is due, once more.
    await sendStageNotices(db, addDays(today, 3));
    await sendStageNotices(db, addDays(today, 3));
    expect((await sentAbout(c.id, 'case.stage_reminder')).map((n) => n.params)).toEqual([
      { ref: c.ref, dueOn: addDays(today, 3), days: 3 },
      { ref: c.ref, dueOn: addDays(today, 3), days: 0 },
    ]);
    expect(await sentAbout(c.id, 'case.stage_overdue')).toEqual([]);

    // Overdue: the head of compliance, once for the stage.
    await sendStageNotices(db, addDays(today, 5));
    await sendStageNotices(db, addDays(today, 6));
    const escalated = await sentAbout(c.id, 'case.stage_overdue');
    const heads = (await complianceUsers()).filter((id) => id !== zhengHao && id !== luoYan);
    expect(heads.length).toBeGreaterThan(1);
    expect(escalated.map((n) => n.userId).sort()).toEqual(heads.sort());
    expect(escalated[0]!.params).toEqual({ ref: c.ref, dueOn: addDays(today, 3), days: 2 });
    expect(notificationText('case.stage_overdue', escalated[0]!.params as never, 'zh-CN')).toBe(`升级：利益冲突案件 ${c.ref} 的当前阶段已于 ${addDays(today, 3)} 到期，逾期 2 天`);
    const trail = await trailOf(c.id, 'conflict_case.stage_escalation');
    expect(trail).toHaveLength(1);
    expect(trail[0]!.after).toMatchObject({ ref: c.ref, state: 'reported', notice: 'escalation', days: 2 });
    expect(await trailOf(c.id, 'conflict_case.stage_reminder')).toHaveLength(2);

    // A new stage starts its own reminders.
    const moved = await compliance.post(`/api/cases/${c.id}/transition`, { version: c.version + 1, event: 'start_investigation', comment: '开始调查' });
    expect(moved.statusCode, moved.body).toBe(200);
    await sendStageNotices(db, addDays(today, 27));
    expect((await sentAbout(c.id, 'case.stage_reminder')).map((n) => n.params)).toContainEqual({ ref: c.ref, dueOn: addDays(today, 30), days: 3 });
  });
});

describe('clearance expiry', () => {
  it('reminds before a conditional clearance expires, the latest reminder once, and returns an expired one for review', async () => {
    const compliance = await testApp().signIn('compliance');
    const liNa = await testApp().signIn('li.na');
    const { db } = testApp().database;
    const liNaId = await userId(compliance, 'li.na');
    const today = chinaToday();
    const expiresOn = addDays(today, 60);
    const created = (await liNa.post('/api/disclosures', { summary: '配偶任某客户董事' })).json();
    const cleared = await compliance.post(`/api/disclosures/${created.id}/decide`, { version: 1, decision: 'cleared_with_conditions', comment: '回避', conditions: [{ kind: 'recusal', staffIds: [liNaId] }], expiresOn });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const told = [liNaId, ...(await complianceUsers())].sort();

    // Nothing a month and more out; a run that missed the 30-day reminder sends only the 7-day one.
    expect(await sendClearanceNotices(db, addDays(expiresOn, -31))).toEqual({ reminded: 0, expired: 0 });
    await sendClearanceNotices(db, addDays(expiresOn, -6));
    await sendClearanceNotices(db, addDays(expiresOn, -5));
    let reminders = await sentAbout(created.id, 'disclosure.expiring');
    expect(reminders.map((n) => n.userId).sort()).toEqual(told);
    expect(reminders[0]!.params).toEqual({ ref: created.ref, dueOn: expiresOn, days: 7 });
    await sendClearanceNotices(db, expiresOn);
    reminders = await sentAbout(created.id, 'disclosure.expiring');
    expect(reminders.map((n) => (n.params as { days: number }).days).sort()).toEqual([...told.map(() => 1), ...told.map(() => 7)]);
    expect((await liNa.get(`/api/disclosures/${created.id}`)).json()).toMatchObject({ status: 'cleared_with_conditions', version: 2 });
    expect(await sentAbout(created.id, 'disclosure.expired')).toEqual([]);

    // The day after its last day it is back with compliance, once.
    const next = addDays(expiresOn, 1);
    expect((await sendClearanceNotices(db, next)).expired).toBeGreaterThanOrEqual(1);
    expect(await sendClearanceNotices(db, next)).toEqual({ reminded: 0, expired: 0 });
    const back = (await compliance.get(`/api/disclosures/${created.id}`)).json();
    expect(back).toMatchObject({ status: 'review_due', version: 3, decision: { decision: 'cleared_with_conditions', expiresOn } });
    const expired = await sentAbout(created.id, 'disclosure.expired');
    expect(expired.map((n) => n.userId).sort()).toEqual(told);
    expect(await trailOf(created.id, 'staff_disclosure.expire')).toHaveLength(1);
    expect(await trailOf(created.id, 'staff_disclosure.expiry_reminder')).toHaveLength(2);
    // Decided again, it is a clearance with reminders of its own.
    const renewed = await compliance.post(`/api/disclosures/${created.id}/decide`, { version: 3, decision: 'cleared_with_conditions', comment: '重新许可', conditions: [{ kind: 'recusal', staffIds: [liNaId] }], expiresOn: addDays(today, 90) });
    expect(renewed.json()).toMatchObject({ status: 'cleared_with_conditions', clearance: 'active' });
    await sendClearanceNotices(db, addDays(today, 89));
    expect(await db.select().from(notifications).where(and(eq(notifications.entityId, created.id), inArray(notifications.kind, ['disclosure.expiring'])))).toHaveLength(told.length * 3);
  });
});
