// What the registry tells the risk assessment: the clients, how many staff each is linked to (directly,
// or through one of its contacts), how many clients each staff member is linked to, and public
// officials among each client's contacts. Three grouped reads, whatever the size of the registry.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database';

export interface RegistryRiskFacts {
  clients: { id: string; departmentId: string | null; revenueCnyMinor: number | null }[];
  staffLinksByClient: Map<string, number>;
  clientLinksByUser: Map<string, number>;
  officialContactsByClient: Map<string, number>;
}

export async function registryRiskFacts(executor: Executor, today: string): Promise<RegistryRiskFacts> {
  const clients = await queryRows<{ id: string; department_id: string | null; revenue: string | null }>(
    executor,
    sql`select id, department_id, case when revenue_currency = 'CNY' or revenue_currency is null then annual_revenue_minor::text end as revenue from clients where status <> 'former'`,
  );
  const links = await queryRows<{ client_id: string; user_id: string }>(
    executor,
    sql`with live as (
          select from_party_id as a, to_party_id as b from relationships where superseded_by_id is null and (valid_to is null or valid_to >= ${today}::date)
          union all
          select to_party_id, from_party_id from relationships where superseded_by_id is null and (valid_to is null or valid_to >= ${today}::date)),
        client_side as (
          select id as client_id, party_id from clients where status <> 'former'
          union
          select cc.client_id, cc.party_id from client_contacts cc join clients c on c.id = cc.client_id where cc.ended_at is null and c.status <> 'former')
        select distinct cs.client_id, s.user_id
        from client_side cs join live l on l.b = cs.party_id join parties s on s.id = l.a and s.user_id is not null and s.ended_at is null`,
  );
  const officials = await queryRows<{ client_id: string; n: number }>(
    executor,
    sql`select cc.client_id, count(distinct cc.party_id)::int as n from client_contacts cc join parties p on p.id = cc.party_id
        where cc.ended_at is null and p.public_official group by cc.client_id`,
  );
  const tally = (keys: string[]) => keys.reduce((map, key) => map.set(key, (map.get(key) ?? 0) + 1), new Map<string, number>());
  return {
    clients: clients.map((c) => ({ id: c.id, departmentId: c.department_id, revenueCnyMinor: c.revenue === null ? null : Number(c.revenue) })),
    staffLinksByClient: tally(links.map((l) => l.client_id)),
    clientLinksByUser: tally(links.map((l) => l.user_id)),
    officialContactsByClient: new Map(officials.map((o) => [o.client_id, o.n])),
  };
}
