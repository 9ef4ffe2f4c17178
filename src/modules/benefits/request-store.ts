// The shared moves of the request use cases: read under lock, check the version, take a legal
// transition, save, and write the history, the ledger and the audit trail in the same transaction.
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { convertToCny } from '../../core/benefits/limits';
import { rateOf } from './amounts';
import { transition, type BenefitRequestEvent, type BenefitRequestState, type TransitionContext } from '../../core/benefits/lifecycle';
import type { EvidenceKind } from '../../core/benefits/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { publishEvents, type DomainEventType } from '../../platform/events/outbox';
import type { RequestContext } from '../../platform/context';
import { queryRows, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors';
import { benefitApprovalSteps, benefitAttachments, benefitLedgerEntries, benefitRequestEvents, benefitRequests } from './benefits.tables';
import type { BenefitTerms } from './evaluation';
import { changeTotals, lockSubjects } from './totals';
import { ensureRequestVisible } from './visibility';

export type RequestRow = typeof benefitRequests.$inferSelect;
export type StepRow = typeof benefitApprovalSteps.$inferSelect;

/** The CNY equivalent of an amount in the request's currency at the request's rate. */
export function cnyOf(row: Pick<RequestRow, 'currency' | 'rateNumerator' | 'rateDenominator'>, amountMinor: number): number {
  const converted = convertToCny({ amountMinor, currency: row.currency }, rateOf(row) ?? undefined);
  if (!converted.ok) throw Invalid(converted.error === 'MISSING_RATE' ? 'RATE_REQUIRED' : 'INVALID_RATE', {}, [{ path: 'rate', message: converted.error }]);
  return converted.money.amountMinor;
}

export async function evidenceOf(executor: Executor, requestId: string): Promise<EvidenceKind[]> {
  const rows = await executor
    .selectDistinct({ kind: benefitAttachments.evidenceKind })
    .from(benefitAttachments)
    .where(and(eq(benefitAttachments.requestId, requestId), isNull(benefitAttachments.removedAt), ne(benefitAttachments.evidenceKind, 'other')));
  return rows.map((r) => r.kind as EvidenceKind);
}

export const termsOf = (row: RequestRow, evidence: readonly EvidenceKind[]): BenefitTerms => ({
  direction: row.direction,
  benefitType: row.benefitType,
  counterpartyPartyId: row.counterpartyPartyId,
  clientId: row.clientId,
  departmentId: row.departmentId,
  requesterId: row.requesterId,
  amount: { amountMinor: row.amountMinor, currency: row.currency },
  rate: rateOf(row),
  benefitDate: row.benefitDate,
  evidence,
});

/** The request, locked for this transaction (concurrent changes to one request queue here), if the caller may see it. */
export async function lockRequest(tx: Tx, ctx: RequestContext, id: string): Promise<RequestRow> {
  const [row] = await tx.select().from(benefitRequests).where(eq(benefitRequests.id, id)).for('update');
  if (!row) throw NotFound('BENEFIT_REQUEST_NOT_FOUND');
  ensureRequestVisible(ctx, row);
  return row;
}

/** Optimistic check: the caller acted on the version it saw; anything newer means someone else moved first. */
export function expectVersion(row: RequestRow, version: number): void {
  if (row.version !== version) throw Conflict('BENEFIT_REQUEST_STALE', { ref: row.ref }, { state: row.state, version: row.version });
}

export function requireRequester(row: RequestRow, ctx: RequestContext): void {
  if (row.requesterId !== ctx.principal?.userId) throw Forbidden('NOT_THE_REQUESTER');
}

/** The state an event leads to, or 409 naming the current state. */
export function nextState(row: RequestRow, event: BenefitRequestEvent, context?: TransitionContext): BenefitRequestState {
  const result = transition(row.state, event, context);
  if (result.ok) return result.state;
  if (result.code === 'ILLEGAL_TRANSITION') throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: event.type }, { state: row.state, version: row.version });
  if (result.code === 'EXCEEDS_APPROVED') throw Invalid('PAYMENT_EXCEEDS_APPROVED', {}, [{ path: 'amount', message: result.code }]);
  if (result.code === 'EXCEEDS_PAID') throw Conflict('REVERSAL_EXCEEDS_PAID');
  throw Invalid('INVALID_AMOUNT', {}, [{ path: 'amount', message: result.code }]);
}

/** Saves changes with the next version. */
export async function saveRequest(tx: Tx, row: RequestRow, changes: Partial<RequestRow>): Promise<RequestRow> {
  const [saved] = await tx
    .update(benefitRequests)
    .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
    .where(eq(benefitRequests.id, row.id))
    .returning();
  return saved!;
}

export interface HistoryEntry {
  kind: string;
  from?: BenefitRequestState | null;
  to?: BenefitRequestState | null;
  comment?: string | null;
  stepId?: string | null;
  evidence?: unknown;
  /** Audit before/after; defaults to the states. */
  before?: unknown;
  after?: unknown;
}

/** The history kinds other modules react to, as domain events (monitoring judges them). */
const publishedKinds: Record<string, DomainEventType> = {
  submitted: 'BenefitSubmitted',
  resubmitted: 'BenefitSubmitted',
  reapproval: 'BenefitSubmitted',
  registered: 'BenefitSubmitted',
  step_approved: 'BenefitApproved',
  approved: 'BenefitApproved',
  paid: 'BenefitPaid',
  closed: 'BenefitClosed',
  rejected: 'BenefitEnded',
  returned: 'BenefitEnded',
  withdrawn: 'BenefitEnded',
  cancelled: 'BenefitEnded',
};

/** One line of the request's history, its audit entry and, for the moves others react to, a domain event. */
export async function recordHistory(tx: Tx, ctx: RequestContext, row: Pick<RequestRow, 'id' | 'ref'>, entry: HistoryEntry): Promise<void> {
  await tx.insert(benefitRequestEvents).values({
    requestId: row.id,
    stepId: entry.stepId ?? null,
    kind: entry.kind,
    fromState: entry.from ?? null,
    toState: entry.to ?? null,
    actorId: ctx.principal?.userId ?? null,
    comment: entry.comment ?? null,
    evidence: entry.evidence ?? null,
  });
  await appendAudit(tx, ctx, {
    action: `benefit.request.${entry.kind}`,
    entityType: 'benefit_request',
    entityId: row.id,
    before: entry.before ?? (entry.from ? { state: entry.from } : null),
    after: entry.after ?? { ref: row.ref, ...(entry.to ? { state: entry.to } : {}), ...(entry.comment ? { comment: entry.comment } : {}) },
  });
  const type = publishedKinds[entry.kind];
  if (type) {
    const payment = entry.kind === 'paid' ? (entry.evidence as { entryId: string; paidOn: string }) : null;
    await publishEvents(tx, ctx, [
      { type, entityType: 'benefit_request', entityId: row.id, payload: { kind: entry.kind, ...(payment ? { entryId: payment.entryId, paidOn: payment.paidOn } : {}) } },
    ]);
  }
}

export interface LedgerMove {
  kind: 'request' | 'approval' | 'payment' | 'reversal';
  amountMinor: number;
  entryDate: string;
  paymentMethod?: string;
  voucherNo?: string;
  reversesEntryId?: string;
  note?: string | null;
}

/**
 * Ledger entries keep running balances per kind: request entries sum to what is requested and still
 * live, approval entries to what is approved, payments plus reversals to what is paid. A release
 * (rejection, withdrawal, cancellation) is a negative entry of the same kind, never a deletion.
 */
export async function postLedger(tx: Tx, ctx: RequestContext, row: RequestRow, move: LedgerMove): Promise<string | null> {
  if (move.amountMinor === 0) return null;
  const [entry] = await tx
    .insert(benefitLedgerEntries)
    .values({
      requestId: row.id,
      kind: move.kind,
      entryDate: move.entryDate,
      amountMinor: move.amountMinor,
      currency: row.currency,
      rateNumerator: row.rateNumerator,
      rateDenominator: row.rateDenominator,
      amountCnyMinor: cnyOf(row, move.amountMinor),
      direction: row.direction,
      benefitType: row.benefitType,
      clientId: row.clientId,
      counterpartyPartyId: row.counterpartyPartyId,
      requesterId: row.requesterId,
      departmentId: row.departmentId,
      paymentMethod: move.paymentMethod ?? null,
      voucherNo: move.voucherNo ?? null,
      reversesEntryId: move.reversesEntryId ?? null,
      note: move.note ?? null,
      createdBy: ctx.principal?.userId ?? null,
    })
    .returning({ id: benefitLedgerEntries.id });
  return entry!.id;
}

/**
 * Stops counting a request toward the limits (rejected, returned, withdrawn, cancelled, or about to
 * be judged again). The flag is read from the database, so a row held in memory cannot count twice.
 */
export async function uncount(tx: Tx, row: RequestRow): Promise<void> {
  const [current] = await tx.update(benefitRequests).set({ counted: false }).where(and(eq(benefitRequests.id, row.id), eq(benefitRequests.counted, true))).returning();
  if (!current) return;
  await lockSubjects(tx, current);
  await changeTotals(tx, current, -1);
}

/** Counts the request's current terms toward the limits. */
export async function count(tx: Tx, row: RequestRow): Promise<void> {
  const [current] = await tx.update(benefitRequests).set({ counted: true }).where(and(eq(benefitRequests.id, row.id), eq(benefitRequests.counted, false))).returning();
  if (!current) return;
  await lockSubjects(tx, current);
  await changeTotals(tx, current, 1);
}

/** Steps not yet decided in the current round are superseded when the round ends early. */
export async function supersedeOpenSteps(tx: Tx, row: RequestRow): Promise<void> {
  await tx
    .update(benefitApprovalSteps)
    .set({ status: 'superseded' })
    .where(and(eq(benefitApprovalSteps.requestId, row.id), eq(benefitApprovalSteps.round, row.round), inArray(benefitApprovalSteps.status, ['waiting', 'pending'])));
}

export async function stepsOfRound(executor: Executor, row: RequestRow): Promise<StepRow[]> {
  return executor
    .select()
    .from(benefitApprovalSteps)
    .where(and(eq(benefitApprovalSteps.requestId, row.id), eq(benefitApprovalSteps.round, row.round)))
    .orderBy(benefitApprovalSteps.stepOrder);
}

export async function nextRequestRef(tx: Tx, today: string): Promise<string> {
  const [row] = await queryRows<{ n: string }>(tx, sql`select nextval('benefit_request_ref_seq')::text as n`);
  return `BR-${today.slice(0, 4)}-${row!.n.padStart(6, '0')}`;
}
