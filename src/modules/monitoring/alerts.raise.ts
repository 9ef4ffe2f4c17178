// Raising an alert: a candidate from the engine opens a new alert, grows the open one with the same
// key, or is dropped when a closed one already judged all its facts. Audited with its history.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rolesWith } from '../../core/access';
import { chinaToday } from '../../core/calendar';
import { decideMerge, mergeRequests, type AlertCandidate, type AlertRequestFact } from '../../core/monitoring/alerts';
import { ruleLabels } from '../../core/monitoring/explain';
import { severityOf, type RuleKind } from '../../core/monitoring/rules';
import { appendAudit } from '../../platform/audit/audit.service';
import { userRoles, users } from '../../platform/auth/auth.tables';
import { notify } from '../notifications/notifications.service';
import { restrictedAmong } from '../recusal/recusal.service';
import { systemContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { alertHistory, alerts } from './monitoring.tables';

const MONITORING = systemContext('monitoring');

const uniq = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

/** The clients and parties an alert names, for the information barriers. */
function namedBy(candidate: Pick<AlertCandidate, 'subject'>, requests: readonly AlertRequestFact[]) {
  return {
    clientIds: uniq([candidate.subject.clientId, ...requests.map((r) => r.clientId)]),
    partyIds: uniq([candidate.subject.recipientId, ...requests.map((r) => r.recipientId)]),
    requestIds: uniq(requests.map((r) => r.requestId)),
  };
}

/** A new high-severity alert is told to everyone who triages alerts, except those kept out of a client it names. */
async function notifyTriage(tx: Tx, alertId: string, ref: string, rule: RuleKind, clientIds: readonly string[]): Promise<void> {
  const found = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), inArray(userRoles.role, rolesWith('monitoring.triage'))));
  const keptOut = new Set<string>();
  for (const clientId of clientIds) for (const userId of (await restrictedAmong(tx, found.map((u) => u.id), clientId, chinaToday())).keys()) keptOut.add(userId);
  const triagers = found.filter((u) => !keptOut.has(u.id));
  await notify(
    tx,
    MONITORING,
    triagers.map((u) => ({ userId: u.id, kind: 'alert.raised' as const, params: { ref, comment: ruleLabels[rule]['zh-CN'] }, entityType: 'alert', entityId: alertId })),
  );
}

/** Returns whether an alert was opened or grown. */
export async function raiseAlert(tx: Tx, candidate: AlertCandidate, ruleVersion: number): Promise<boolean> {
  const held = await tx
    .select({ id: alerts.id, ref: alerts.ref, state: alerts.state, requestIds: alerts.requestIds, requests: alerts.requests, score: alerts.score, hits: alerts.hits })
    .from(alerts)
    .where(eq(alerts.key, candidate.key))
    .orderBy(asc(alerts.createdAt))
    .for('update');
  const decision = decideMerge(
    held.map((a) => ({ open: a.state === 'new' || a.state === 'reviewing', requestIds: a.requestIds })),
    candidate,
  );
  if (decision.action === 'duplicate') return false;

  if (decision.action === 'merge') {
    const alert = held[decision.index]!;
    const requests = mergeRequests(alert.requests as AlertRequestFact[], candidate.requests);
    const added = candidate.requests.map((r) => r.requestId).filter((id) => !alert.requestIds.includes(id));
    await tx
      .update(alerts)
      .set({
        ...namedBy(candidate, requests),
        requests,
        reason: candidate.reason,
        score: Math.max(alert.score, candidate.score),
        hits: alert.hits + 1,
        lastSeq: candidate.seq,
        ruleVersion,
        updatedAt: new Date(),
      })
      .where(eq(alerts.id, alert.id));
    await tx.insert(alertHistory).values({ alertId: alert.id, kind: 'merged', evidence: { addedRequestIds: added, reason: candidate.reason, score: candidate.score } });
    await appendAudit(tx, MONITORING, { action: 'monitoring.alert.merge', entityType: 'alert', entityId: alert.id, after: { ref: alert.ref, addedRequestIds: added, score: candidate.score } });
    return true;
  }

  const [row] = await tx
    .insert(alerts)
    .values({
      // Numbered in the insert itself; six digits at least, never cut.
      ref: sql`(select ${`AL-${chinaToday().slice(0, 4)}-`} || case when length(n) >= 6 then n else lpad(n, 6, '0') end from (select nextval('alert_ref_seq')::text as n) as next)`,
      rule: candidate.rule,
      ruleVersion,
      key: candidate.key,
      score: candidate.score,
      clientId: candidate.subject.clientId,
      recipientPartyId: candidate.subject.recipientId,
      userId: candidate.subject.userId,
      departmentId: candidate.subject.departmentId,
      ...namedBy(candidate, candidate.requests),
      requests: candidate.requests,
      reason: candidate.reason,
      firstSeq: candidate.seq,
      lastSeq: candidate.seq,
    })
    .returning({ id: alerts.id, ref: alerts.ref });
  const { ref } = row!;
  await tx.insert(alertHistory).values({ alertId: row!.id, kind: 'raised', evidence: { reason: candidate.reason, score: candidate.score, ruleVersion } });
  await appendAudit(tx, MONITORING, { action: 'monitoring.alert.raise', entityType: 'alert', entityId: row!.id, after: { ref, rule: candidate.rule, key: candidate.key, score: candidate.score } });
  if (severityOf(candidate.score) === 'high') await notifyTriage(tx, row!.id, ref, candidate.rule, namedBy(candidate, candidate.requests).clientIds);
  return true;
}
