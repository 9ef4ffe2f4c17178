// What the benefits module tells the risk assessment: per client and per requester, the benefits given
// since a day that still count (not rejected, withdrawn or cancelled), and how many went to public officials.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database';

export interface BenefitIntensity {
  count: number;
  amountCnyMinor: number;
  toPublicOfficials: number;
}

export async function benefitIntensity(executor: Executor, since: string): Promise<{ byClient: Map<string, BenefitIntensity>; byRequester: Map<string, BenefitIntensity> }> {
  const grouped = (column: 'client_id' | 'requester_id') =>
    queryRows<{ id: string; n: number; amount: string; officials: number }>(
      executor,
      sql`select r.${sql.raw(column)} as id, count(*)::int as n, sum(r.amount_cny_minor)::text as amount, (count(*) filter (where p.public_official))::int as officials
          from benefit_requests r join parties p on p.id = r.counterparty_party_id
          where r.direction = 'given' and r.counted and r.benefit_date >= ${since}::date and r.${sql.raw(column)} is not null
          group by r.${sql.raw(column)}`,
    );
  const toMap = (rows: Awaited<ReturnType<typeof grouped>>) => new Map(rows.map((r) => [r.id, { count: r.n, amountCnyMinor: Number(r.amount), toPublicOfficials: r.officials }]));
  return { byClient: toMap(await grouped('client_id')), byRequester: toMap(await grouped('requester_id')) };
}
