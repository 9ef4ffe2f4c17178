import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { appendAuditBatch } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import { systemContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/database';
import { notify } from '../notifications/notifications.service';
import type { NotificationItem } from '../notifications/notifications.types';
import { restrictedAmong } from '../recusal/recusal.service';
import { parties } from '../registry/registry.tables';
import { benefitApprovalSteps, benefitRequests } from './benefits.tables';
import { getBenefitSettings } from './policy.service';

const BATCH = 200;

/**
 * Reminds the approvers of every step that has waited longer than the firm's reminder interval and
 * was not reminded within it: one notification per approver, the step's last_reminded_at and an
 * audit entry, per batch in one transaction. Running it again at the same `now` sends nothing.
 * Returns how many notifications were sent.
 */
export async function sendDueReminders(db: Db, now: Date = new Date()): Promise<number> {
  const { reminderAfterHours } = await getBenefitSettings(db);
  const due = new Date(now.getTime() - reminderAfterHours * 3_600_000);
  const ctx = systemContext('job:benefit-reminders');
  let sent = 0;
  for (;;) {
    const batch = await inTransaction(db, async (tx) => {
      const steps = await tx
        .select({
          id: benefitApprovalSteps.id,
          requestId: benefitApprovalSteps.requestId,
          round: benefitApprovalSteps.round,
          stepOrder: benefitApprovalSteps.stepOrder,
          approverIds: benefitApprovalSteps.approverIds,
          activatedAt: benefitApprovalSteps.activatedAt,
          lastRemindedAt: benefitApprovalSteps.lastRemindedAt,
          ref: benefitRequests.ref,
          clientId: benefitRequests.clientId,
          amountMinor: benefitRequests.amountMinor,
          currency: benefitRequests.currency,
          requesterName: users.displayName,
          counterpartyName: parties.primaryName,
        })
        .from(benefitApprovalSteps)
        .innerJoin(benefitRequests, eq(benefitRequests.id, benefitApprovalSteps.requestId))
        .innerJoin(users, eq(users.id, benefitRequests.requesterId))
        .innerJoin(parties, eq(parties.id, benefitRequests.counterpartyPartyId))
        .where(
          and(
            eq(benefitApprovalSteps.status, 'pending'),
            eq(benefitRequests.state, 'in_approval'),
            lt(benefitApprovalSteps.activatedAt, due),
            // Strictly older: a step reminded at `now` never qualifies again at `now`, whatever the interval.
            or(isNull(benefitApprovalSteps.lastRemindedAt), lt(benefitApprovalSteps.lastRemindedAt, due)),
          ),
        )
        .orderBy(asc(benefitApprovalSteps.activatedAt), asc(benefitApprovalSteps.id))
        .limit(BATCH)
        // Two server processes running the job at once remind each step once: the second skips locked rows.
        .for('update', { of: benefitApprovalSteps, skipLocked: true });
      if (steps.length === 0) return { steps: 0, sent: 0 };
      // Someone recused or walled off since the step began hears nothing of the client's request.
      const kept = new Map<string, Set<string>>();
      for (const step of steps) {
        if (!step.clientId) continue;
        const restricted = await restrictedAmong(tx, step.approverIds, step.clientId);
        kept.set(step.id, new Set(step.approverIds.filter((id) => !restricted.has(id))));
      }
      const items: NotificationItem[] = steps.flatMap((step) =>
        [...new Set(step.approverIds)].filter((userId) => kept.get(step.id)?.has(userId) ?? true).map((userId) => ({
          userId,
          kind: 'benefit.reminder' as const,
          params: { ref: step.ref, requesterName: step.requesterName, counterpartyName: step.counterpartyName, amount: { amountMinor: step.amountMinor, currency: step.currency } },
          entityType: 'benefit_request',
          entityId: step.requestId,
        })),
      );
      await notify(tx, ctx, items);
      await tx
        .update(benefitApprovalSteps)
        .set({ lastRemindedAt: now })
        .where(inArray(benefitApprovalSteps.id, steps.map((s) => s.id)));
      await appendAuditBatch(
        tx,
        ctx,
        steps.map((step) => ({
          action: 'benefit.step.remind',
          entityType: 'benefit_request',
          entityId: step.requestId,
          before: { lastRemindedAt: step.lastRemindedAt },
          after: { stepId: step.id, round: step.round, order: step.stepOrder, approverIds: step.approverIds, pendingSince: step.activatedAt, lastRemindedAt: now },
        })),
      );
      return { steps: steps.length, sent: items.length };
    });
    sent += batch.sent;
    if (batch.steps < BATCH) return sent;
  }
}
