// Finance's side of a request: payments (partial allowed, never above the approved amount),
// reversals (the only correction once money has moved) and closing.
import { chinaToday } from '../../core/calendar';
import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/database';
import { Conflict, Invalid, NotFound } from '../../platform/errors';
import { notify } from '../notifications/notifications.service';
import { benefitLedgerEntries } from './benefits.tables';
import { parseAmount } from './amounts';
import { expectVersion, lockRequest, nextState, postLedger, recordHistory, saveRequest, type RequestRow } from './request-store';
import type { z } from 'zod';
import type { PaymentInput } from './requests.types';

const moneyOf = (row: RequestRow, amountMinor: number) => ({ amountMinor, currency: row.currency });
const approvedOf = (row: RequestRow) => moneyOf(row, row.approvedAmountMinor ?? 0);

export async function recordPayment(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof PaymentInput>): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, id);
    expectVersion(row, input.version);
    if (row.direction === 'received') throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: 'record_payment' }, { state: row.state, version: row.version });
    const amount = parseAmount(input.amount, row.currency);
    if (input.paidOn > chinaToday()) throw Invalid('DATE_IN_FUTURE', {}, [{ path: 'paidOn', message: 'DATE_IN_FUTURE' }]);
    const state = nextState(row, { type: 'record_payment', amount }, { approved: approvedOf(row), paid: moneyOf(row, row.paidMinor) });
    const saved = await saveRequest(tx, row, { state, paidMinor: row.paidMinor + amount.amountMinor });
    const entryId = await postLedger(tx, ctx, saved, { kind: 'payment', amountMinor: amount.amountMinor, entryDate: input.paidOn, paymentMethod: input.method, voucherNo: input.voucherNo, note: input.note });
    const facts = { entryId, amount, paidOn: input.paidOn, method: input.method, voucherNo: input.voucherNo };
    await recordHistory(tx, ctx, saved, { kind: 'paid', from: row.state, to: state, comment: input.note, evidence: facts, after: { state, ...facts } });
    await notify(tx, ctx, [{ userId: row.requesterId, kind: 'benefit.paid', params: { ref: row.ref, amount }, entityType: 'benefit_request', entityId: row.id }]);
  });
}

/** Reverses one payment in full with a negative entry that names it; a payment is reversed at most once. */
export async function reversePayment(db: Db, ctx: RequestContext, id: string, entryId: string, input: { version: number; comment: string }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, id);
    expectVersion(row, input.version);
    const [payment] = await tx
      .select()
      .from(benefitLedgerEntries)
      .where(and(eq(benefitLedgerEntries.id, entryId), eq(benefitLedgerEntries.requestId, id), eq(benefitLedgerEntries.kind, 'payment')));
    if (!payment) throw NotFound('PAYMENT_NOT_FOUND');
    const [reversal] = await tx.select({ id: benefitLedgerEntries.id }).from(benefitLedgerEntries).where(eq(benefitLedgerEntries.reversesEntryId, entryId));
    if (reversal) throw Conflict('PAYMENT_ALREADY_REVERSED', { ref: row.ref });
    const amount = moneyOf(row, payment.amountMinor);
    const state = nextState(row, { type: 'reverse_payment', amount }, { approved: approvedOf(row), paid: moneyOf(row, row.paidMinor) });
    const saved = await saveRequest(tx, row, { state, paidMinor: row.paidMinor - amount.amountMinor });
    const reversalId = await postLedger(tx, ctx, saved, { kind: 'reversal', amountMinor: -amount.amountMinor, entryDate: chinaToday(), reversesEntryId: entryId, note: input.comment });
    await recordHistory(tx, ctx, saved, { kind: 'reversed', from: row.state, to: state, comment: input.comment, evidence: { entryId: reversalId, reverses: entryId, amount } });
  });
}

/** Closes a fully paid request, or an approved one that needs no payment. */
export async function closeRequest(db: Db, ctx: RequestContext, id: string, input: { version: number; comment?: string | null }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, id);
    expectVersion(row, input.version);
    const state = nextState(row, { type: 'close' });
    const saved = await saveRequest(tx, row, { state, closedAt: new Date() });
    await recordHistory(tx, ctx, saved, { kind: 'closed', from: row.state, to: state, comment: input.comment });
  });
}
