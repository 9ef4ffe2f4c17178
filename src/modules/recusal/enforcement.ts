// Feeds the platform's enforcement point (platform/access/client-scope) from recusals and barriers.
import { installClientScope } from '../../platform/access/client-scope';
import { clientParties } from '../registry/screening.service';
import { recordDenials, restrictionsOfUser } from './recusal.service';

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
