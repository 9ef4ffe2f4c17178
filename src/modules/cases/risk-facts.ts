// What the cases module tells the risk assessment: per client and per staff member named in a case,
// the cases still open and those opened since a day.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database';

export interface CaseExposure {
  open: number;
  since: number;
}

export async function caseExposure(executor: Executor, since: string): Promise<{ byClient: Map<string, CaseExposure>; byUser: Map<string, CaseExposure> }> {
  const grouped = (column: 'client_id' | 'user_id') =>
    queryRows<{ id: string; open: number; since: number }>(
      executor,
      sql`select s.${sql.raw(column)} as id, (count(distinct c.id) filter (where c.state <> 'closed'))::int as open, (count(distinct c.id) filter (where c.created_at >= ${since}::date))::int as since
          from conflict_case_subjects s join conflict_cases c on c.id = s.case_id
          where s.${sql.raw(column)} is not null group by s.${sql.raw(column)}`,
    );
  const toMap = (rows: Awaited<ReturnType<typeof grouped>>) => new Map(rows.map((r) => [r.id, { open: r.open, since: r.since }]));
  return { byClient: toMap(await grouped('client_id')), byUser: toMap(await grouped('user_id')) };
}
