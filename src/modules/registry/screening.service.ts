// What the conflict check reads from the registry: names to index, facts about parties, current links.
import { and, asc, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { GraphEdge } from '../../core/conflicts/paths';
import type { ClientRef, DeclaredDispute, RecusalEdge, StaffRef } from '../../core/recusal/suggest';
import type { IndexedParty } from '../../core/matching/name-index';
import { users } from '../../platform/auth/auth.tables';
import type { Executor } from '../../platform/db/database';
import { relationshipLabel } from '../../core/conflicts/explain';
import { clientContacts, clients, parties, partyIdentifiers, partyNames, relationships } from './registry.tables';

type PartyKind = IndexedParty['kind'];

/** Live parties with their live names and identifiers, ready for the name index: three flat reads. */
async function indexRows(executor: Executor, where: SQL, limit?: number): Promise<IndexedParty[]> {
  const page = await executor
    .select({ id: parties.id, kind: parties.kind })
    .from(parties)
    .where(and(isNull(parties.endedAt), where))
    .orderBy(asc(parties.id))
    .limit(limit ?? Number.MAX_SAFE_INTEGER);
  if (!page.length) return [];
  const ids = page.map((p) => p.id);
  // A page is contiguous in id order, so a range reads its names and identifiers off the party_id indexes.
  const within = (column: typeof partyNames.partyId | typeof partyIdentifiers.partyId) =>
    limit ? and(gte(column, ids[0]!), lte(column, ids[ids.length - 1]!)) : inArray(column, ids);
  const [names, identifiers] = await Promise.all([
    executor
      .select({ partyId: partyNames.partyId, name: partyNames.name })
      .from(partyNames)
      .where(and(within(partyNames.partyId), isNull(partyNames.endedAt)))
      .orderBy(sql`${partyNames.nameType} <> 'primary'`, asc(partyNames.createdAt)),
    executor
      .select({ partyId: partyIdentifiers.partyId, scheme: partyIdentifiers.scheme, value: partyIdentifiers.value })
      .from(partyIdentifiers)
      .where(and(within(partyIdentifiers.partyId), isNull(partyIdentifiers.endedAt))),
  ]);
  const byId = new Map(page.map((p): [string, { id: string; kind: PartyKind; names: string[]; identifiers: { scheme: string; value: string }[] }] => [p.id, { ...p, names: [], identifiers: [] }]));
  for (const n of names) byId.get(n.partyId)?.names.push(n.name);
  for (const i of identifiers) byId.get(i.partyId)?.identifiers.push({ scheme: i.scheme, value: i.value });
  return [...byId.values()];
}

/** One page of the whole registry, in id order after `afterId`, for building the index at start. */
export async function indexablePartiesAfter(executor: Executor, afterId: string | null, limit: number): Promise<IndexedParty[]> {
  return indexRows(executor, afterId ? gt(parties.id, afterId) : sql`true`, limit);
}

/** The given parties as the index should hold them; ended or unknown ones are absent. */
export async function indexableParties(executor: Executor, ids: readonly string[]): Promise<IndexedParty[]> {
  if (!ids.length) return [];
  return indexRows(executor, inArray(parties.id, [...ids]));
}

export async function countLiveParties(executor: Executor): Promise<number> {
  const [row] = await executor.select({ n: sql<number>`count(*)::int` }).from(parties).where(isNull(parties.endedAt));
  return row?.n ?? 0;
}

export interface PartyFactsRow {
  id: string;
  kind: 'person' | 'org';
  name: string;
  staff: { userId: string; displayName: string } | null;
  client: { id: string; status: 'prospect' | 'active' | 'former' } | null;
  publicOfficial: boolean;
  ended: boolean;
}

/** What each party is to the firm: staff (an active user), a client, a public official. */
export async function partyFacts(executor: Executor, ids: readonly string[]): Promise<Map<string, PartyFactsRow>> {
  if (!ids.length) return new Map();
  const rows = await executor
    .select({
      id: parties.id,
      kind: parties.kind,
      name: parties.primaryName,
      userId: users.id,
      displayName: users.displayName,
      clientId: clients.id,
      clientStatus: clients.status,
      publicOfficial: parties.publicOfficial,
      endedAt: parties.endedAt,
    })
    .from(parties)
    .leftJoin(users, and(eq(users.id, parties.userId), eq(users.active, true)))
    .leftJoin(clients, eq(clients.partyId, parties.id))
    .where(inArray(parties.id, [...ids]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        kind: r.kind,
        name: r.name,
        staff: r.userId ? { userId: r.userId, displayName: r.displayName ?? '' } : null,
        client: r.clientId ? { id: r.clientId, status: r.clientStatus! } : null,
        publicOfficial: r.publicOfficial,
        ended: r.endedAt !== null,
      },
    ]),
  );
}

/** Current relationships (not superseded, not past their end) touching any of the parties. */
export async function currentLinksOf(executor: Executor, ids: readonly string[]): Promise<GraphEdge[]> {
  if (!ids.length) return [];
  const today = new Date().toISOString().slice(0, 10);
  const list = [...ids];
  return executor
    .select({ id: relationships.id, from: relationships.fromPartyId, to: relationships.toPartyId, type: relationships.type })
    .from(relationships)
    .where(
      and(
        isNull(relationships.supersededById),
        or(isNull(relationships.validTo), gt(relationships.validTo, today), eq(relationships.validTo, today)),
        or(inArray(relationships.fromPartyId, list), inArray(relationships.toPartyId, list)),
      ),
    );
}

/**
 * The registry as the recusal suggestions read it, in three flat reads: every relationship not
 * superseded (ended ones too: prior employment counts), staff parties with an active account, and
 * clients that are not former ones.
 */
export async function recusalGraphEdges(executor: Executor): Promise<{ edges: RecusalEdge[]; staff: StaffRef[]; clients: ClientRef[] }> {
  const [edges, staff, clientRows] = await Promise.all([
    executor
      .select({
        id: relationships.id,
        from: relationships.fromPartyId,
        to: relationships.toPartyId,
        type: relationships.type,
        shareBasisPoints: relationships.shareBasisPoints,
        role: relationships.role,
        validFrom: relationships.validFrom,
        validTo: relationships.validTo,
      })
      .from(relationships)
      .where(isNull(relationships.supersededById)),
    executor
      .select({ partyId: parties.id, userId: users.id })
      .from(parties)
      .innerJoin(users, and(eq(users.id, parties.userId), eq(users.active, true)))
      .where(isNull(parties.endedAt)),
    executor
      .select({ clientId: clients.id, partyId: clients.partyId })
      .from(clients)
      .where(inArray(clients.status, ['prospect', 'active'])),
  ]);
  return { edges, staff, clients: clientRows };
}

/**
 * Personal disputes of staff, as the recusal suggestions read them: dispute relationships not
 * superseded (ended ones too: the rule looks back some years) with an active staff member at either
 * end, one per staff end. The staff party is one end of the relationship, not necessarily its start.
 */
export async function staffDisputes(executor: Executor): Promise<DeclaredDispute[]> {
  const rows = await executor
    .select({
      id: relationships.id,
      from: relationships.fromPartyId,
      to: relationships.toPartyId,
      validFrom: relationships.validFrom,
      validTo: relationships.validTo,
      description: relationships.notes,
      staffPartyId: parties.id,
    })
    .from(relationships)
    .innerJoin(parties, or(eq(parties.id, relationships.fromPartyId), eq(parties.id, relationships.toPartyId)))
    .innerJoin(users, and(eq(users.id, parties.userId), eq(users.active, true)))
    .where(and(eq(relationships.type, 'dispute'), isNull(relationships.supersededById), isNull(parties.endedAt)));
  return rows.map(({ from, to, staffPartyId, ...dispute }) => ({ ...dispute, staffPartyId, counterpartyId: staffPartyId === from ? to : from }));
}

/** Client names (the client party's primary name) by client id; an unknown id is absent. */
export async function clientNames(executor: Executor, clientIds: readonly string[]): Promise<Map<string, string>> {
  if (!clientIds.length) return new Map();
  const rows = await executor
    .select({ id: clients.id, name: parties.primaryName })
    .from(clients)
    .innerJoin(parties, eq(parties.id, clients.partyId))
    .where(inArray(clients.id, [...new Set(clientIds)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The party of each client, by client id; an unknown id is absent. */
export async function clientParties(executor: Executor, clientIds: readonly string[]): Promise<Map<string, string>> {
  if (!clientIds.length) return new Map();
  const rows = await executor.select({ id: clients.id, partyId: clients.partyId }).from(clients).where(inArray(clients.id, [...new Set(clientIds)]));
  return new Map(rows.map((r) => [r.id, r.partyId]));
}

/** A relationship that links a staff member to a party: the pairs monitoring re-judges past benefits for. */
export interface StaffLink {
  userId: string;
  partyId: string;
  /** The client the party is, or one it is a contact of. */
  clientId: string | null;
  /** The link in words, e.g. 张伟 —配偶— 王芳. */
  path: string;
}

/** The staff links a relationship makes: staff to the other party, and to the clients that party is or is a contact of. */
export async function staffLinksOf(executor: Executor, relationshipId: string): Promise<StaffLink[]> {
  const [link] = await executor
    .select({ from: relationships.fromPartyId, to: relationships.toPartyId, type: relationships.type, supersededById: relationships.supersededById })
    .from(relationships)
    .where(eq(relationships.id, relationshipId));
  if (!link || link.supersededById) return [];
  const facts = await partyFacts(executor, [link.from, link.to]);
  const [from, to] = [facts.get(link.from), facts.get(link.to)];
  if (!from || !to) return [];
  const path = `${from.name} —${relationshipLabel(link.type, 'zh-CN')}— ${to.name}`;
  const found: StaffLink[] = [];
  for (const [staff, other] of [
    [from, to],
    [to, from],
  ] as const) {
    if (!staff.staff || other.staff) continue;
    const contacted = await executor
      .select({ clientId: clientContacts.clientId })
      .from(clientContacts)
      .where(and(eq(clientContacts.partyId, other.id), isNull(clientContacts.endedAt)));
    const clientIds = [...new Set([other.client?.id ?? null, ...contacted.map((c) => c.clientId)])];
    for (const clientId of clientIds) found.push({ userId: staff.staff.userId, partyId: other.id, clientId: clientId ?? null, path });
  }
  return found;
}
