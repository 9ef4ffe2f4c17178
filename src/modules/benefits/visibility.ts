// The enforcement point (platform/access/client-scope) as the benefit records meet it: a request,
// a client or a counterparty the caller is recused or walled off from answers exactly as a missing
// one would, with the attempt noted for the supervision report.
import { ensureClientVisible, ensurePartyVisible, isClientHidden, isPartyHidden, noteRefusal } from '../../platform/access/client-scope';
import type { RequestContext } from '../../platform/context';
import { Invalid } from '../../platform/errors';
import type { MessageCode } from '../../platform/i18n/messages';

type Shown = { clientId: string | null; counterpartyPartyId: string };

/**
 * A request of a hidden client is, for the caller, no request at all: the 404 of a missing one. The
 * counterparty counts too, since a request to a hidden client's own party shows that client whatever
 * client it names.
 */
export function ensureRequestVisible(ctx: RequestContext, row: Shown): void {
  ensureClientVisible(ctx, [row.clientId], 'BENEFIT_REQUEST_NOT_FOUND');
  ensurePartyVisible(ctx, [row.counterpartyPartyId], 'BENEFIT_REQUEST_NOT_FOUND');
}

export const isRequestHidden = (ctx: RequestContext, row: Shown) => isClientHidden(ctx, row.clientId) || isPartyHidden(ctx, row.counterpartyPartyId);

const unknown = (code: MessageCode, path: string) => Invalid(code, {}, [{ path, message: code }]);

/** A hidden client named in a form is refused as an unknown one: the same 400 on the same field. */
export function refuseHiddenClient(ctx: RequestContext, clientId: string | null | undefined): void {
  if (!clientId || !isClientHidden(ctx, clientId)) return;
  noteRefusal(ctx, clientId);
  throw unknown('CLIENT_NOT_FOUND', 'clientId');
}

/** A counterparty that is a hidden client is refused as an unknown party. */
export function refuseHiddenCounterparty(ctx: RequestContext, partyId: string): void {
  const clientId = ctx.clientScope?.hiddenParties.get(partyId);
  if (!clientId) return;
  noteRefusal(ctx, clientId);
  throw unknown('PARTY_NOT_FOUND', 'counterpartyPartyId');
}
