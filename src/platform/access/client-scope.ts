// The one enforcement point for recusals (回避) and information barriers (信息隔离墙). The access hook
// loads the caller's restrictions once per request into ctx.clientScope; every query of client data
// adds `visibleClient`/`visibleParty` to its conditions, every read or change of one record calls
// `ensureClientVisible`. A hidden record answers exactly as a missing one (same 404, same code), and
// lists simply leave it out, so neither counts, search hits, exports nor messages reveal it.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { RequestContext } from '../context';
import type { Executor } from '../db/database';
import { NotFound } from '../errors';
import type { MessageCode } from '../i18n/messages';

export type RestrictionCause = 'recused' | 'walled_off';

export interface ClientScope {
  /** Clients the caller may not touch today, with the first cause (a recusal before a wall). */
  readonly hiddenClients: ReadonlyMap<string, RestrictionCause>;
  /** The parties that are those clients, for queries keyed by party. */
  readonly hiddenParties: ReadonlyMap<string, string>;
  /** Attempts refused during this request, logged for the supervision report when it ends. */
  readonly refused: { clientId: string; cause: RestrictionCause }[];
}

export interface RefusedAttempt {
  userId: string;
  clientId: string;
  cause: RestrictionCause;
  method: string;
  route: string;
  requestId: string | null;
}

type ScopeLoader = (executor: Executor, userId: string) => Promise<{ clientId: string; partyId: string; cause: RestrictionCause }[]>;
type RefusalRecorder = (executor: Executor, attempts: RefusedAttempt[]) => Promise<void>;

let loader: ScopeLoader | null = null;
let recorder: RefusalRecorder | null = null;

/** The recusal module says where restrictions come from and where refused attempts go. */
export function installClientScope(source: { load: ScopeLoader; record: RefusalRecorder }): void {
  loader = source.load;
  recorder = source.record;
}

export async function loadClientScope(executor: Executor, userId: string): Promise<ClientScope> {
  if (!loader) throw new Error('client scope not installed (installModules)');
  const hiddenClients = new Map<string, RestrictionCause>();
  const hiddenParties = new Map<string, string>();
  for (const r of await loader(executor, userId)) {
    if (!hiddenClients.has(r.clientId)) hiddenClients.set(r.clientId, r.cause);
    hiddenParties.set(r.partyId, r.clientId);
  }
  return { hiddenClients, hiddenParties, refused: [] };
}

/** Writes the refused attempts of a finished request (outside its transaction, which may have rolled back). */
export async function recordRefusals(executor: Executor, ctx: RequestContext, request: { method: string; route: string }): Promise<void> {
  const scope = ctx.clientScope;
  if (!scope?.refused.length || !ctx.principal || !recorder) return;
  const seen = new Set<string>();
  const attempts = scope.refused.filter((r) => !seen.has(r.clientId) && seen.add(r.clientId));
  scope.refused.length = 0;
  await recorder(
    executor,
    attempts.map((r) => ({ userId: ctx.principal!.userId, clientId: r.clientId, cause: r.cause, method: request.method, route: request.route, requestId: ctx.requestId })),
  );
}

const hiddenClientIds = (ctx: RequestContext) => [...(ctx.clientScope?.hiddenClients.keys() ?? [])];
const hiddenPartyIds = (ctx: RequestContext) => [...(ctx.clientScope?.hiddenParties.keys() ?? [])];

/** Whether the caller is kept out of any client at all (most are not: then nothing is added to a query). */
export const hasRestrictions = (ctx: RequestContext) => (ctx.clientScope?.hiddenClients.size ?? 0) > 0;

export const isClientHidden = (ctx: RequestContext, clientId: string | null | undefined) => !!clientId && !!ctx.clientScope?.hiddenClients.has(clientId);
export const isPartyHidden = (ctx: RequestContext, partyId: string | null | undefined) => !!partyId && !!ctx.clientScope?.hiddenParties.has(partyId);

const uuidArray = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

/** A condition keeping rows of hidden clients out; rows with no client stay. Undefined when nothing is hidden. */
export function visibleClient(ctx: RequestContext, column: AnyPgColumn | SQL): SQL | undefined {
  const ids = hiddenClientIds(ctx);
  return ids.length ? sql`(${column} is null or ${column} <> all(${uuidArray(ids)}))` : undefined;
}

/** The same for a column holding a party: the parties that are hidden clients are left out. */
export function visibleParty(ctx: RequestContext, column: AnyPgColumn | SQL): SQL | undefined {
  const ids = hiddenPartyIds(ctx);
  return ids.length ? sql`(${column} is null or ${column} <> all(${uuidArray(ids)}))` : undefined;
}

/** For a uuid[] column of clients: rows naming any hidden client are left out. */
export function visibleClientArray(ctx: RequestContext, column: AnyPgColumn | SQL): SQL | undefined {
  const ids = hiddenClientIds(ctx);
  return ids.length ? sql`not (coalesce(${column}, '{}'::uuid[]) && ${uuidArray(ids)})` : undefined;
}

/**
 * For free-form records (the audit trail's before/after): no hidden client's or its party's id appears
 * in the text. Ids are UUIDs, so they can be matched as they are.
 */
export function visibleText(ctx: RequestContext, text: SQL): SQL | undefined {
  const ids = [...hiddenClientIds(ctx), ...hiddenPartyIds(ctx)];
  return ids.length ? sql`not (coalesce(${text}, '') ~ ${ids.join('|')})` : undefined;
}

/** Given the hidden clients and their parties (uuid[] expressions): a select of the ids, as text, of one kind of record that belongs to them. */
export type RecordsOfClients = (clients: SQL, parties: SQL) => SQL;
const clientRecords = new Map<string, RecordsOfClients>();

/** A module names how its records (by audit entity type) belong to clients, for the audit trail's and notifications' filter. */
export function registerClientRecords(entityType: string, recordsOf: RecordsOfClients): void {
  clientRecords.set(entityType, recordsOf);
}

/**
 * A row about some record (an audit entry, a notification) the reader may see: its text names no hidden
 * client or party, and the record it is about does not belong to one (a benefit request, a case… as registered).
 */
export function visibleEntityRow(ctx: RequestContext, entity: { type: AnyPgColumn; id: AnyPgColumn }, text: SQL): SQL | undefined {
  const clients = hiddenClientsArray(ctx);
  const parties = hiddenPartiesArray(ctx);
  if (!clients || !parties) return undefined;
  const owned = [...clientRecords].map(([type, recordsOf]) => sql`(${entity.type} = ${type} and ${entity.id} in (${recordsOf(clients, parties)}))`);
  return sql`(${visibleText(ctx, text)} and not (${sql.join(owned.length ? owned : [sql`false`], sql` or `)}))`;
}

/** The hidden clients as a uuid[] expression, for a sub-select (e.g. "no subject of this case is hidden"); null when none. */
export function hiddenClientsArray(ctx: RequestContext): SQL | null {
  const ids = hiddenClientIds(ctx);
  return ids.length ? uuidArray(ids) : null;
}

/** The same for the hidden clients' parties. */
export function hiddenPartiesArray(ctx: RequestContext): SQL | null {
  const ids = hiddenPartyIds(ctx);
  return ids.length ? uuidArray(ids) : null;
}

/**
 * Refuses a read or change touching a hidden client exactly as if the record did not exist, and notes
 * the attempt for the supervision report. `missing` is the code the route gives for an absent record.
 */
export function ensureClientVisible(ctx: RequestContext, clientIds: Iterable<string | null | undefined>, missing: MessageCode): void {
  const scope = ctx.clientScope;
  if (!scope?.hiddenClients.size) return;
  let refused = false;
  for (const clientId of clientIds) {
    const cause = clientId ? scope.hiddenClients.get(clientId) : undefined;
    if (cause) {
      scope.refused.push({ clientId: clientId!, cause });
      refused = true;
    }
  }
  if (refused) throw NotFound(missing);
}

/** The same, keyed by the parties a record shows (a party that is a hidden client). */
export function ensurePartyVisible(ctx: RequestContext, partyIds: Iterable<string | null | undefined>, missing: MessageCode): void {
  const scope = ctx.clientScope;
  if (!scope?.hiddenParties.size) return;
  const clientIds = [...partyIds].map((partyId) => (partyId ? scope.hiddenParties.get(partyId) : undefined));
  ensureClientVisible(ctx, clientIds, missing);
}

/** Notes an attempt refused without an error, e.g. a conflict check whose hit on a hidden client was left out. */
export function noteRefusal(ctx: RequestContext, clientId: string): void {
  const cause = ctx.clientScope?.hiddenClients.get(clientId);
  if (cause) ctx.clientScope!.refused.push({ clientId, cause });
}
