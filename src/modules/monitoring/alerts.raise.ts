// Raising an alert: a candidate from the engine opens a new alert, grows the open one with the same
// key, or is dropped when a closed one already judged all its facts. Audited with its history.
import { asc, eq, sql } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import { decideMerge, mergeRequests, type AlertCandidate, type AlertRequestFact } from '../../core/monitoring/alerts';
import { appendAudit } from '../../platform/audit/audit.service';
import { systemContext } from '../../platform/context';
import { queryRows, type Tx } from '../../platform/db/database';
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

  const [seq] = await queryRows<{ n: string }>(tx, sql`select nextval('alert_ref_seq')::text as n`);
  const ref = `AL-${chinaToday().slice(0, 4)}-${seq!.n.padStart(6, '0')}`;
  const [row] = await tx
    .insert(alerts)
    .values({
      ref,
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
    .returning({ id: alerts.id });
  await tx.insert(alertHistory).values({ alertId: row!.id, kind: 'raised', evidence: { reason: candidate.reason, score: candidate.score, ruleVersion } });
  await appendAudit(tx, MONITORING, { action: 'monitoring.alert.raise', entityType: 'alert', entityId: row!.id, after: { ref, rule: candidate.rule, key: candidate.key, score: candidate.score } });
  return true;
}
