// Feeds the platform's enforcement point (platform/access/client-scope) from recusals and barriers.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { installClientScope, registerClientRecords } from '../../platform/access/client-scope';
import { clientParties } from '../registry/screening.service';
import { recordDenials, restrictionsOfUser } from './recusal.service';
import { clientSets, informationBarriers, recusals } from './recusal.tables';

/** A record's clients, directly or through its sets (whatever their status), meet the hidden ones. */
const naming = (clients: SQL, clientIds: AnyColumn, setIds: AnyColumn) =>
  sql`(${clientIds} && ${clients} or exists (select 1 from ${clientSets} where ${clientSets.id} = any(${setIds}) and ${clientSets.clientIds} && ${clients}))`;

export function installRecusalEnforcement(): void {
  installClientScope({
    load: async (executor, userId) => {
      const restrictions = await restrictionsOfUser(executor, userId);
      if (!restrictions.length) return [];
      const parties = await clientParties(executor, restrictions.map((r) => r.clientId));
      return restrictions.flatMap((r) => {
        const partyId = parties.get(r.clientId);
        return partyId ? [{ clientId: r.clientId, partyId, cause: r.cause }] : [];
      });
    },
    record: recordDenials,
  });
  // Audit entries about a set, a wall or a recusal (a retirement or revocation names no client) belong to the clients it names.
  registerClientRecords('client_set', (clients) => sql`select ${clientSets.id}::text from ${clientSets} where ${clientSets.clientIds} && ${clients}`);
  registerClientRecords('information_barrier', (clients) => sql`select ${informationBarriers.id}::text from ${informationBarriers} where ${naming(clients, informationBarriers.clientIds, informationBarriers.clientSetIds)}`);
  registerClientRecords('recusal', (clients) => sql`select ${recusals.id}::text from ${recusals} where ${naming(clients, recusals.clientIds, recusals.clientSetIds)}`);
}
