import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app';
import { auditEntries } from '../../platform/audit/audit.tables';
import { users } from '../../platform/auth/auth.tables';
import { notifications } from '../notifications/notifications.tables';
import { clients, parties } from '../registry/registry.tables';
import { benefitApprovalSteps, benefitRequests, benefitSettings } from './benefits.tables';
import { sendDueReminders } from './reminders';

const testApp = useTestApp();
const HOUR = 3_600_000;

async function user(username: string) {
  const [row] = await testApp().database.db.select({ id: users.id, departmentId: users.departmentId }).from(users).where(eq(users.username, username));
  return row!;
}

/** A request in approval with its steps, written directly: only what reminders read. */
async function requestInApproval(ref: string, steps: { approvers: string[]; status: 'pending' | 'waiting' | 'approved'; activatedAt: Date | null }[], clientId: string | null = null) {
  const db = testApp().database.db;
  const requester = await user('staff');
  const [party] = await db.select({ id: parties.id }).from(parties).limit(1);
  const [request] = await db
    .insert(benefitRequests)
    .values({
      ref,
      direction: 'given',
      state: 'in_approval',
      requesterId: requester.id,
      departmentId: requester.departmentId!,
      benefitType: 'gift',
      counterpartyPartyId: party!.id,
      amountMinor: 88_800,
      currency: 'CNY',
      amountCnyMinor: 88_800,
      benefitDate: '2026-03-01',
      purpose: '春节礼品',
      round: 1,
      clientId,
    })
    .returning({ id: benefitRequests.id });
  const ids: string[] = [];
  for (const [i, step] of steps.entries()) {
    const [row] = await db
      .insert(benefitApprovalSteps)
      .values({ requestId: request!.id, round: 1, stepOrder: i + 1, spec: { kind: 'role', role: 'manager' }, approverIds: step.approvers, skipped: [], status: step.status, activatedAt: step.activatedAt })
      .returning({ id: benefitApprovalSteps.id });
    ids.push(row!.id);
  }
  return { requestId: request!.id, stepIds: ids };
}

const remindersOf = (requestId: string) =>
  testApp().database.db.select().from(notifications).where(and(eq(notifications.entityId, requestId), eq(notifications.kind, 'benefit.reminder')));

describe('approval reminders', () => {
  it('remind each approver of a step waiting too long, once per interval, with an audit entry', async () => {
    const db = testApp().database.db;
    const [manager, director, finance] = [await user('manager'), await user('auditor'), await user('finance')];
    const now = new Date('2020-03-10T09:00:00Z');
    const stale = await requestInApproval('BR-2026-800001', [
      { approvers: [manager.id, director.id], status: 'pending', activatedAt: new Date(now.getTime() - 25 * HOUR) },
      { approvers: [finance.id], status: 'waiting', activatedAt: null },
    ]);
    const fresh = await requestInApproval('BR-2026-800002', [{ approvers: [manager.id], status: 'pending', activatedAt: new Date(now.getTime() - 2 * HOUR) }]);
    const decided = await requestInApproval('BR-2026-800003', [{ approvers: [manager.id], status: 'approved', activatedAt: new Date(now.getTime() - 48 * HOUR) }]);

    expect(await sendDueReminders(db, now)).toBe(2);
    const sent = await remindersOf(stale.requestId);
    expect(sent.map((n) => n.userId).sort()).toEqual([manager.id, director.id].sort());
    expect(sent[0]!.params).toEqual({ ref: 'BR-2026-800001', requesterName: '王强', counterpartyName: expect.any(String), amount: { amountMinor: 88_800, currency: 'CNY' } });
    expect(await remindersOf(fresh.requestId)).toEqual([]);
    expect(await remindersOf(decided.requestId)).toEqual([]);
    const [step] = await db.select().from(benefitApprovalSteps).where(eq(benefitApprovalSteps.id, stale.stepIds[0]!));
    expect(step!.lastRemindedAt).toEqual(now);
    const trail = await db.select().from(auditEntries).where(and(eq(auditEntries.action, 'benefit.step.remind'), eq(auditEntries.entityId, stale.requestId)));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.after).toMatchObject({ stepId: stale.stepIds[0], approverIds: [manager.id, director.id] });

    // The same run again, or one an hour later, sends nothing; a day later the approvers hear again.
    expect(await sendDueReminders(db, now)).toBe(0);
    expect(await sendDueReminders(db, new Date(now.getTime() + HOUR))).toBe(0);
    expect(await sendDueReminders(db, new Date(now.getTime() + 24 * HOUR + 1))).toBe(3);
    expect(await remindersOf(stale.requestId)).toHaveLength(4);
    expect(await remindersOf(fresh.requestId)).toHaveLength(1);
  });

  it('follow the firm’s reminder interval', async () => {
    const db = testApp().database.db;
    const manager = await user('manager');
    const now = new Date('2020-04-01T09:00:00Z');
    const request = await requestInApproval('BR-2026-800010', [{ approvers: [manager.id], status: 'pending', activatedAt: new Date(now.getTime() - 5 * HOUR) }]);
    await db.update(benefitSettings).set({ reminderAfterHours: 4 }).where(eq(benefitSettings.id, 'firm'));
    try {
      // Steps of the first test are due too under a shorter interval; only this request is looked at.
      await sendDueReminders(db, now);
      expect(await remindersOf(request.requestId)).toHaveLength(1);
    } finally {
      await db.update(benefitSettings).set({ reminderAfterHours: 24 }).where(eq(benefitSettings.id, 'firm'));
    }
  });

  it('leave out an approver walled off the request’s client since the step began', async () => {
    const db = testApp().database.db;
    const [manager, auditor] = [await user('manager'), await user('auditor')];
    const compliance = await testApp().signIn('compliance');
    const [client] = await db.select({ id: clients.id }).from(clients).limit(1);
    const now = new Date('2020-05-01T09:00:00Z');
    const request = await requestInApproval('BR-2026-800020', [{ approvers: [manager.id, auditor.id], status: 'pending', activatedAt: new Date(now.getTime() - 30 * HOUR) }], client!.id);
    const wall = await compliance.post('/api/recusals/barriers', { name: '提醒测试', clientIds: [client!.id], walledOffUserIds: [manager.id], reason: '项目隔离' });
    expect(wall.statusCode, wall.body).toBe(201);
    await sendDueReminders(db, now);
    expect((await remindersOf(request.requestId)).map((n) => n.userId)).toEqual([auditor.id]);
  });
});
