// The two case jobs: stage reminders and escalations (seed 十八: 明确责任主体), and the expiry of
// conditional clearances (seed 十六: 长期跟踪). Both are driven by the firm's calendar day, decide with
// the pure core, and send each message once: a rerun, or a second server process, sends nothing new.
import { and, asc, eq, gt, lt, lte, ne, sql } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import { DEFAULT_REMINDER_DAYS, reminderDue } from '../../core/cases/clearance';
import { stageNotice } from '../../core/cases/lifecycle';
import type { ClientScope } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { userRoles, users } from '../../platform/auth/auth.tables';
import { systemContext } from '../../platform/context';
import { inTransaction, type Db, type Executor } from '../../platform/db/database';
import { notify } from '../notifications/notifications.service';
import { caseNames, notKeptOut } from './case-scope';
import { conflictCases, conflictCaseStageNotices, conflictCaseSubjects, staffDisclosures } from './cases.tables';

const BATCH = 200;

/** The head of compliance: every active holder of the compliance role. */
async function complianceHeads(executor: Executor): Promise<string[]> {
  const rows = await executor
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'compliance'), eq(users.active, true)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/**
 * Reminds the responsible person of each open case on the days before its stage is due (compliance
 * when nobody is responsible yet) and escalates an overdue stage to the head of compliance. Each
 * notice goes once per stage: its row in conflict_case_stage_notices is the guard. Nobody named in the
 * case, or kept out of a client it names, is told. Returns how many notices were sent.
 */
export async function sendStageNotices(db: Db, today: string = chinaToday()): Promise<number> {
  const ctx = systemContext('job:case-stage-reminders');
  const heads = await complianceHeads(db);
  const scopes = new Map<string, ClientScope>();
  let sent = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const open = await db
      .select({ id: conflictCases.id, ref: conflictCases.ref, state: conflictCases.state, stageEnteredOn: conflictCases.stageEnteredOn, responsibleUserId: conflictCases.responsibleUserId })
      .from(conflictCases)
      .where(and(ne(conflictCases.state, 'closed'), gt(conflictCases.id, after)))
      .orderBy(asc(conflictCases.id))
      .limit(BATCH);
    for (const row of open) {
      const notice = stageNotice(today, { state: row.state, enteredOn: row.stageEnteredOn });
      if (notice.kind === 'none') continue;
      const key = notice.kind === 'reminder' ? `reminder:${notice.daysLeft}` : 'escalation';
      const guard = and(eq(conflictCaseStageNotices.caseId, row.id), eq(conflictCaseStageNotices.state, row.state), eq(conflictCaseStageNotices.stageEnteredOn, row.stageEnteredOn), eq(conflictCaseStageNotices.notice, key));
      if ((await db.select({ id: conflictCaseStageNotices.id }).from(conflictCaseStageNotices).where(guard)).length > 0) continue;

      const involved = (await db.select({ userId: conflictCaseSubjects.userId }).from(conflictCaseSubjects).where(eq(conflictCaseSubjects.caseId, row.id))).flatMap((s) => (s.userId ? [s.userId] : []));
      const candidates = (notice.kind === 'reminder' && row.responsibleUserId ? [row.responsibleUserId] : heads).filter((id) => !involved.includes(id));
      const recipients = await notKeptOut(db, candidates, await caseNames(db, row.id), scopes);
      const days = notice.kind === 'reminder' ? notice.daysLeft : notice.daysOverdue;
      const done = await inTransaction(db, async (tx) => {
        // The unique index decides between two runs at once: only the one that inserts sends.
        const [claimed] = await tx
          .insert(conflictCaseStageNotices)
          .values({ caseId: row.id, state: row.state, stageEnteredOn: row.stageEnteredOn, notice: key, dueOn: notice.dueOn, recipientIds: recipients, sentOn: today })
          .onConflictDoNothing()
          .returning({ id: conflictCaseStageNotices.id });
        if (!claimed) return false;
        await notify(
          tx,
          ctx,
          recipients.map((userId) => ({
            userId,
            kind: notice.kind === 'reminder' ? ('case.stage_reminder' as const) : ('case.stage_overdue' as const),
            params: { ref: row.ref, dueOn: notice.dueOn, days },
            entityType: 'conflict_case',
            entityId: row.id,
          })),
        );
        await appendAudit(tx, ctx, {
          action: notice.kind === 'reminder' ? 'conflict_case.stage_reminder' : 'conflict_case.stage_escalation',
          entityType: 'conflict_case',
          entityId: row.id,
          after: { ref: row.ref, state: row.state, stageEnteredOn: row.stageEnteredOn, dueOn: notice.dueOn, notice: key, days, recipientIds: recipients },
        });
        return true;
      });
      if (done) sent += 1;
    }
    if (open.length < BATCH) return sent;
    after = open[open.length - 1]!.id;
  }
}

/**
 * Reminds the staff member and compliance before a conditional clearance expires (the latest reminder
 * reached, once each), and returns an expired one to compliance for review. Returns what it did.
 */
export async function sendClearanceNotices(db: Db, today: string = chinaToday()): Promise<{ reminded: number; expired: number }> {
  const ctx = systemContext('job:clearance-expiry');
  const heads = await complianceHeads(db);
  const scopes = new Map<string, ClientScope>();
  const told = (executor: Executor, row: { userId: string; clientId: string | null }) => notKeptOut(executor, [row.userId, ...heads.filter((id) => id !== row.userId)], { clientIds: row.clientId ? [row.clientId] : [], partyIds: [] }, scopes);

  let expired = 0;
  for (;;) {
    const batch = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select()
        .from(staffDisclosures)
        .where(and(eq(staffDisclosures.status, 'cleared_with_conditions'), lt(staffDisclosures.expiresOn, today)))
        .orderBy(asc(staffDisclosures.expiresOn), asc(staffDisclosures.id))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        await tx.update(staffDisclosures).set({ status: 'review_due', reviewReason: null, version: row.version + 1, updatedAt: new Date() }).where(eq(staffDisclosures.id, row.id));
        const recipients = await told(tx, row);
        await notify(tx, ctx, recipients.map((userId) => ({ userId, kind: 'disclosure.expired' as const, params: { ref: row.ref, dueOn: row.expiresOn! }, entityType: 'staff_disclosure', entityId: row.id })));
        await appendAudit(tx, ctx, {
          action: 'staff_disclosure.expire',
          entityType: 'staff_disclosure',
          entityId: row.id,
          before: { status: row.status, version: row.version },
          after: { ref: row.ref, status: 'review_due', version: row.version + 1, expiresOn: row.expiresOn, userId: row.userId, clientId: row.clientId, recipientIds: recipients },
        });
      }
      return rows.length;
    });
    expired += batch;
    if (batch < BATCH) break;
  }

  // Only clearances within the earliest reminder's reach are looked at, so this scan stays small.
  let reminded = 0;
  const candidates = await db
    .select({ id: staffDisclosures.id })
    .from(staffDisclosures)
    .where(and(eq(staffDisclosures.status, 'cleared_with_conditions'), sql`${staffDisclosures.expiresOn} >= ${today}::date`, lte(staffDisclosures.expiresOn, sql`${today}::date + ${Math.max(...DEFAULT_REMINDER_DAYS)}::int`)));
  for (const { id } of candidates) {
    const done = await inTransaction(db, async (tx) => {
      const [row] = await tx.select().from(staffDisclosures).where(and(eq(staffDisclosures.id, id), eq(staffDisclosures.status, 'cleared_with_conditions'))).for('update', { skipLocked: true });
      if (!row?.expiresOn || !row.decidedOn) return false;
      const daysBefore = reminderDue(today, { issuedOn: row.decidedOn, expiresOn: row.expiresOn }, row.remindersSent);
      if (daysBefore === null) return false;
      const remindersSent = [...row.remindersSent, daysBefore];
      // Not a new version: the reminder changes nothing a decider acts on.
      await tx.update(staffDisclosures).set({ remindersSent }).where(eq(staffDisclosures.id, row.id));
      const recipients = await told(tx, row);
      await notify(tx, ctx, recipients.map((userId) => ({ userId, kind: 'disclosure.expiring' as const, params: { ref: row.ref, dueOn: row.expiresOn!, days: daysBefore }, entityType: 'staff_disclosure', entityId: row.id })));
      await appendAudit(tx, ctx, {
        action: 'staff_disclosure.expiry_reminder',
        entityType: 'staff_disclosure',
        entityId: row.id,
        before: { remindersSent: row.remindersSent },
        after: { ref: row.ref, expiresOn: row.expiresOn, daysBefore, remindersSent, userId: row.userId, clientId: row.clientId, recipientIds: recipients },
      });
      return true;
    });
    if (done) reminded += 1;
  }
  return { reminded, expired };
}
