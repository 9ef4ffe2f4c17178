// Running monthly totals of what counts toward the cumulative limits. Kept in the transaction that
// changes a request, so a pre-check reads at most twelve rows per scope, whatever the history.
import { and, eq, gte, lte, or, sql } from 'drizzle-orm';
import type { BenefitType } from '../../core/benefits/policy';
import type { Money } from '../../core/money';
import type { Executor, Tx } from '../../platform/db/database';
import { benefitTotals } from './benefits.tables';

export interface CountedBenefit {
  counterpartyPartyId: string;
  clientId: string | null;
  benefitType: BenefitType;
  benefitDate: string;
  amountCnyMinor: number;
}

const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/**
 * Serialises limit checks and count changes for one recipient and one client, across transactions
 * and processes: two requests submitted at once cannot both fit under a limit only one fits under.
 * Keys are taken in a fixed order, so two transactions never wait on each other crosswise.
 */
export async function lockSubjects(tx: Tx, benefit: Pick<CountedBenefit, 'counterpartyPartyId' | 'clientId'>): Promise<void> {
  const keys = [benefit.counterpartyPartyId, benefit.clientId].filter((k): k is string => k !== null).sort();
  const locks = keys.map((key) => sql`pg_advisory_xact_lock(hashtext(${`benefit-total:${key}`}))`);
  await tx.execute(sql`select ${sql.join(locks, sql`, `)}`);
}

/** Adds (sign 1) or removes (sign -1) a request's amount from its recipient's and client's totals, in one statement. */
export async function changeTotals(tx: Tx, benefit: CountedBenefit, sign: 1 | -1): Promise<void> {
  const scopes = [
    { scope: 'recipient' as const, subjectId: benefit.counterpartyPartyId },
    ...(benefit.clientId ? [{ scope: 'client' as const, subjectId: benefit.clientId }] : []),
  ];
  const amount = sign * benefit.amountCnyMinor;
  await tx
    .insert(benefitTotals)
    .values(scopes.map(({ scope, subjectId }) => ({ scope, subjectId, benefitType: benefit.benefitType, month: monthOf(benefit.benefitDate), amountCnyMinor: amount, count: sign })))
    .onConflictDoUpdate({
      target: [benefitTotals.scope, benefitTotals.subjectId, benefitTotals.benefitType, benefitTotals.month],
      set: { amountCnyMinor: sql`${benefitTotals.amountCnyMinor} + excluded.amount_cny_minor`, count: sql`${benefitTotals.count} + excluded.count` },
    });
}

export interface TotalsQuery {
  counterpartyPartyId: string;
  clientId: string | null;
  benefitType: BenefitType;
  recipientWindow: { from: string; to: string };
  clientWindow: { from: string; to: string };
}

/** The read behind cumulativeTotals, on its own so its plan can be inspected. */
export function cumulativeTotalsQuery(executor: Executor, q: TotalsQuery) {
  const inWindow = (scope: 'recipient' | 'client', subjectId: string, window: { from: string; to: string }) =>
    and(eq(benefitTotals.scope, scope), eq(benefitTotals.subjectId, subjectId), gte(benefitTotals.month, monthOf(window.from)), lte(benefitTotals.month, monthOf(window.to)));
  const recipient = inWindow('recipient', q.counterpartyPartyId, q.recipientWindow);
  const client = q.clientId ? inWindow('client', q.clientId, q.clientWindow) : sql`false`;
  return executor
    .select({
      recipient: sql<string>`coalesce(sum(${benefitTotals.amountCnyMinor}) filter (where ${recipient}), 0)::text`,
      client: sql<string>`coalesce(sum(${benefitTotals.amountCnyMinor}) filter (where ${client}), 0)::text`,
    })
    .from(benefitTotals)
    .where(and(eq(benefitTotals.benefitType, q.benefitType), or(recipient, client)));
}

/** What already counts (CNY): the recipient's total in its period window and the client's in its year, in one read. */
export async function cumulativeTotals(executor: Executor, q: TotalsQuery): Promise<{ recipientPeriod: Money; clientYear: Money }> {
  const [row] = await cumulativeTotalsQuery(executor, q);
  const cny = (text: string | undefined) => ({ amountMinor: Number(text ?? 0), currency: 'CNY' });
  return { recipientPeriod: cny(row?.recipient), clientYear: cny(row?.client) };
}
