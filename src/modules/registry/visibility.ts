// Where a reference to a party must read as unknown rather than as missing (a relationship's end,
// an import row), the parties of clients hidden from the caller are picked out and each attempt noted.
import { noteRefusal } from '../../platform/access/client-scope';
import type { RequestContext } from '../../platform/context';

/** The parties among these that are clients hidden from the caller; each is noted as a refused attempt. */
export function refusedParties(ctx: RequestContext, partyIds: Iterable<string>): Set<string> {
  const hidden = new Set<string>();
  const scope = ctx.clientScope;
  if (!scope?.hiddenParties.size) return hidden;
  for (const partyId of partyIds) {
    const clientId = scope.hiddenParties.get(partyId);
    if (!clientId || hidden.has(partyId)) continue;
    hidden.add(partyId);
    noteRefusal(ctx, clientId);
  }
  return hidden;
}
