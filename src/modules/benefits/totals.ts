// Running monthly totals of what counts toward the cumulative limits. Kept in the transaction that
// changes a request, so a pre-check reads at most twelve rows per scope, whatever the history.
import { and, eq, gte, lte, sql } from 'drizzle-orm';
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
 */
export async function lockSubjects(tx: Tx, benefit: Pick<CountedBenefit, 'counterpartyPartyId' | 'clientId'>): Promise<void> {
  const keys = [benefit.counterpartyPartyId, benefit.clientId].filter((k): k is string => k !== null).sort();
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`benefit-total:${key}`}))`);
}

/** Adds (sign 1) or removes (sign -1) a request's amount from its recipient's and client's totals. */
export async function changeTotals(tx: Tx, benefit: CountedBenefit, sign: 1 | -1): Promise<void> {
  const scopes = [
    { scope: 'recipient' as const, subjectId: benefit.counterpartyPartyId },
    ...(benefit.clientId ? [{ scope: 'client' as const, subjectId: benefit.clientId }] : []),
  ];
  const amount = sign * benefit.amountCnyMinor;
  for (const { scope, subjectId } of scopes) {
    await tx
      .insert(benefitTotals)
      .values({ scope, subjectId, benefitType: benefit.benefitType, month: monthOf(benefit.benefitDate), amountCnyMinor: amount, count: sign })
      .onConflictDoUpdate({
        target: [benefitTotals.scope, benefitTotals.subjectId, benefitTotals.benefitType, benefitTotals.month],
        set: { amountCnyMinor: sql`${benefitTotals.amountCnyMinor} + ${amount}`, count: sql`${benefitTotals.count} + ${sign}` },
      });
  }
}

/** The total counted for a subject and type in the months of a window (CNY). */
export async function totalInWindow(
  executor: Executor,
  scope: 'recipient' | 'client',
  subjectId: string,
  benefitType: BenefitType,
  window: { from: string; to: string },
): Promise<Money> {
  const [row] = await executor
    .select({ total: sql<string>`coalesce(sum(${benefitTotals.amountCnyMinor}), 0)::text` })
    .from(benefitTotals)
    .where(
      and(
        eq(benefitTotals.scope, scope),
        eq(benefitTotals.subjectId, subjectId),
        eq(benefitTotals.benefitType, benefitType),
        gte(benefitTotals.month, monthOf(window.from)),
        lte(benefitTotals.month, monthOf(window.to)),
      ),
    );
  return { amountMinor: Number(row?.total ?? 0), currency: 'CNY' };
}
