// The benefits module's account of a request for the early-warning rules: the request's terms in CNY
// with the registry and policy facts that judge it, read when the event is recorded.
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import type { BenefitFacts, BlackoutFact } from '../../core/monitoring/events';
import { queryRows, type Executor } from '../../platform/db/database';
import { benefitBlackouts, benefitLedgerEntries, benefitRequests } from './benefits.tables';
import { relatedStaff, resolveClient } from './evaluation';
import { policyInForceOn, policyVersion } from './policy.service';

export interface MonitoredRequest {
  facts: BenefitFacts;
  direction: 'given' | 'received';
  /** Staff linked to the recipient or its client, with the link in words. */
  relatedStaff: Map<string, string>;
  approvedOn: string | null;
  approvedCnyMinor: number | null;
  /** Paid net of reversals, in CNY at the recorded rates; 0 unless asked for. */
  paidCnyMinor: number;
}

const toBlackout = (row: typeof benefitBlackouts.$inferSelect): BlackoutFact => ({ id: row.id, startsOn: row.startsOn, endsOn: row.endsOn, reason: row.reason });

/**
 * The request's facts; what it has been paid is summed only when asked for (`payments`), as only a
 * closing needs it: every query here is time between a submission and its alert.
 */
export async function monitoredRequest(executor: Executor, requestId: string, options: { payments?: boolean } = {}): Promise<MonitoredRequest | null> {
  const [row] = await executor.select().from(benefitRequests).where(eq(benefitRequests.id, requestId));
  if (!row) return null;
  const client = await resolveClient(executor, row.counterpartyPartyId, row.clientId);
  const { related, counterparty } = await relatedStaff(executor, row.counterpartyPartyId, client?.party.id ?? null);
  const policy = (row.policyVersion ? await policyVersion(executor, row.policyVersion) : null) ?? (await policyInForceOn(executor, chinaToday()));
  const typePolicy = policy?.types[row.benefitType];
  const [blackout] = client
    ? await executor
        .select()
        .from(benefitBlackouts)
        .where(and(eq(benefitBlackouts.clientId, client.id), isNull(benefitBlackouts.liftedAt), lte(benefitBlackouts.startsOn, row.benefitDate), gte(benefitBlackouts.endsOn, row.benefitDate)))
        .orderBy(asc(benefitBlackouts.startsOn))
        .limit(1)
    : [];
  const [paid] = options.payments
    ? await queryRows<{ cny: string | null }>(
        executor,
        sql`select sum(${benefitLedgerEntries.amountCnyMinor})::text as cny from ${benefitLedgerEntries} where ${benefitLedgerEntries.requestId} = ${row.id} and ${benefitLedgerEntries.kind} in ('payment', 'reversal')`,
      )
    : [];
  const approvedCnyMinor = row.approvedAmountMinor === null ? null : row.amountMinor === 0 ? 0 : Math.round((row.approvedAmountMinor * row.amountCnyMinor) / row.amountMinor);
  const revenue = client?.annualRevenue && client.annualRevenue.currency === 'CNY' ? client.annualRevenue.amountMinor : null;
  const facts: BenefitFacts = {
    requestId: row.id,
    ref: row.ref,
    clientId: client?.id ?? null,
    recipientId: row.counterpartyPartyId,
    requesterId: row.requesterId,
    departmentId: row.departmentId,
    benefitType: row.benefitType,
    amountCnyMinor: row.amountCnyMinor,
    benefitDate: row.benefitDate,
    recipientPublicOfficial: counterparty?.publicOfficial ?? false,
    requesterPath: related.get(row.requesterId) ?? null,
    clientSince: client?.startDate ?? null,
    clientRevenueCnyMinor: revenue,
    clientDepartmentId: client?.department?.id ?? null,
    clientServiceLines: client?.serviceLines ?? [],
    limits: {
      recipientPeriod: typePolicy?.perRecipientPerPeriod ? { amountMinor: typePolicy.perRecipientPerPeriod.amountMinor, period: typePolicy.perRecipientPerPeriod.period } : null,
      clientYear: typePolicy?.perClientPerYear?.amountMinor ?? null,
    },
    blackout: blackout ? toBlackout(blackout) : null,
  };
  return {
    facts,
    direction: row.direction,
    relatedStaff: related,
    approvedOn: row.approvedAt ? chinaToday(row.approvedAt) : null,
    approvedCnyMinor,
    paidCnyMinor: Number(paid?.cny ?? 0),
  };
}

/** A blackout window as the rules see it, with its client. */
export async function monitoredBlackout(executor: Executor, blackoutId: string): Promise<{ clientId: string; blackout: BlackoutFact } | null> {
  const [row] = await executor.select().from(benefitBlackouts).where(eq(benefitBlackouts.id, blackoutId));
  return row && !row.liftedAt ? { clientId: row.clientId, blackout: toBlackout(row) } : null;
}

/** One payment's amount in CNY at its recorded rate. */
export async function paymentCnyMinor(executor: Executor, entryId: string): Promise<number> {
  const [entry] = await executor.select({ cny: benefitLedgerEntries.amountCnyMinor }).from(benefitLedgerEntries).where(eq(benefitLedgerEntries.id, entryId));
  return entry?.cny ?? 0;
}
