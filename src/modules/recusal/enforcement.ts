// Feeds the platform's enforcement point (platform/access/client-scope) from recusals and barriers,
// and answers the approval chain's question: who among these people is kept out of this client.
import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import { restrictionsOf, type RestrictionCause } from '../../core/recusal/barriers';
import { installClientScope } from '../../platform/access/client-scope';
import type { Executor } from '../../platform/db/database';
import { clientParties } from '../registry/screening.service';
import { asBarrier, asRecusal, recordDenials, restrictionsOfUser } from './recusal.service';
import { informationBarriers, recusals } from './recusal.tables';

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
}

/**
 * Which of the users are kept out of the client today, and why (a recusal named before a wall):
 * two reads on the GIN indexes of the records' client lists.
 */
export async function restrictedAmong(executor: Executor, userIds: readonly string[], clientId: string, today: string = chinaToday()): Promise<Map<string, RestrictionCause>> {
  const found = new Map<string, RestrictionCause>();
  const people = [...new Set(userIds)];
  if (!people.length) return found;
  const named = sql`array[${clientId}]::uuid[]`;
  const [recusalRows, barrierRows] = await Promise.all([
    executor
      .select()
      .from(recusals)
      .where(and(inArray(recusals.userId, people), sql`${recusals.clientIds} @> ${named}`, or(eq(recusals.status, 'approved'), and(eq(recusals.status, 'revoked'), gt(recusals.revokedOn, today))))),
    executor
      .select()
      .from(informationBarriers)
      .where(and(sql`${informationBarriers.clientIds} @> ${named}`, or(eq(informationBarriers.status, 'active'), and(eq(informationBarriers.status, 'revoked'), gt(informationBarriers.revokedOn, today))))),
  ]);
  const recusalRecords = recusalRows.map(asRecusal);
  const barrierRecords = barrierRows.map(asBarrier);
  for (const userId of people) {
    const first = restrictionsOf(userId, recusalRecords, barrierRecords, today).find((r) => r.clientId === clientId);
    if (first) found.set(userId, first.cause);
  }
  return found;
}
