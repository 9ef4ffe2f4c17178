// What the conflict check reads from the registry: names to index, facts about parties, current links.
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { GraphEdge } from '../../core/conflicts/paths';
import type { IndexedParty } from '../../core/matching/name-index';
import { users } from '../../platform/auth/auth.tables';
import { queryRows, type Executor } from '../../platform/db/database';
import { clients, parties, partyIdentifiers, partyNames, relationships } from './registry.tables';

type IndexRow = { id: string; kind: 'person' | 'org'; names: string[] | null; identifiers: { scheme: string; value: string }[] | null };

/** Live parties with their live names and identifiers, ready for the name index. */
function indexRows(executor: Executor, where: ReturnType<typeof sql>, limit?: number) {
  return queryRows<IndexRow>(
    executor,
    sql`select p.id, p.kind,
          (select array_agg(n.name order by n.name_type <> 'primary', n.created_at) from ${partyNames} n where n.party_id = p.id and n.ended_at is null) as names,
          (select json_agg(json_build_object('scheme', i.scheme, 'value', i.value)) from ${partyIdentifiers} i where i.party_id = p.id and i.ended_at is null) as identifiers
        from ${parties} p
        where p.ended_at is null and ${where}
        order by p.id ${limit ? sql`limit ${limit}` : sql``}`,
  );
}

const toIndexed = (row: IndexRow): IndexedParty => ({ id: row.id, kind: row.kind, names: row.names ?? [], identifiers: row.identifiers ?? [] });

/** One page of the whole registry, in id order after `afterId`, for building the index at start. */
export async function indexablePartiesAfter(executor: Executor, afterId: string | null, limit: number): Promise<IndexedParty[]> {
  return (await indexRows(executor, afterId ? sql`p.id > ${afterId}` : sql`true`, limit)).map(toIndexed);
}

/** The given parties as the index should hold them; ended or unknown ones are absent. */
export async function indexableParties(executor: Executor, ids: readonly string[]): Promise<IndexedParty[]> {
  if (!ids.length) return [];
  return (await indexRows(executor, sql`p.id in ${[...ids]}`)).map(toIndexed);
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
