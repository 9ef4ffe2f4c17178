// What a file refers to, fetched in one query per kind of reference however many rows there are.
import { eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { IdentifierScheme } from '../../../core/identifiers';
import { relationshipRules, type RelationshipType } from '../../../core/relationships';
import { departments, users } from '../../../platform/auth/auth.tables';
import type { RequestContext } from '../../../platform/context';
import type { Executor } from '../../../platform/db/database';
import type { MessageCode } from '../../../platform/i18n/messages';
import { clientContacts, clients, parties, partyIdentifiers, relationships } from '../registry.tables';
import { refusedParties } from '../visibility';

/** A set of values as one parameter: a file can hold more values than a query may have parameters. */
const setOf = (values: Iterable<string>, type: 'text' | 'uuid' = 'text'): SQL =>
  sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(values)])}::jsonb)::${sql.raw(type)})`;

export interface KnownParty {
  id: string;
  kind: 'person' | 'org';
  name: string;
  ended: boolean;
  clientId: string | null;
}

export async function partiesByRef(executor: Executor, refs: Iterable<string>): Promise<Map<string, KnownParty>> {
  const rows = await executor
    .select({ id: parties.id, ref: parties.ref, kind: parties.kind, name: parties.primaryName, endedAt: parties.endedAt, clientId: clients.id })
    .from(parties)
    .leftJoin(clients, eq(clients.partyId, parties.id))
    .where(sql`${parties.ref} in ${setOf(refs)}`);
  return new Map(rows.map((r) => [r.ref!, { id: r.id, kind: r.kind, name: r.name, ended: r.endedAt !== null, clientId: r.clientId }]));
}

/**
 * The parties a file refers to, as the caller may see them: a client hidden from them is left out, so
 * a row naming it is refused as naming an unknown party (the least surprising answer: the same as for
 * a key the registry does not hold), and the attempt is noted.
 */
export async function visiblePartiesByRef(executor: Executor, ctx: RequestContext, refs: Iterable<string>): Promise<Map<string, KnownParty>> {
  const known = await partiesByRef(executor, refs);
  const hidden = refusedParties(ctx, [...known.values()].map((p) => p.id));
  for (const [ref, party] of known) if (hidden.has(party.id)) known.delete(ref);
  return known;
}

export const identifierKey = (scheme: IdentifierScheme, value: string) => `${scheme}:${value}`;

export interface HolderRefusal {
  code: MessageCode;
  params: Record<string, string>;
}

/**
 * How to refuse each identifier a live party already holds, by identifierKey: naming the holder,
 * unless it is a client hidden from the caller (still refused, one identifier has one holder, but not named).
 */
export async function identifierHolders(executor: Executor, ctx: RequestContext, identifiers: readonly { scheme: IdentifierScheme; value: string }[]): Promise<Map<string, HolderRefusal>> {
  if (!identifiers.length) return new Map();
  const rows = await executor
    .select({ scheme: partyIdentifiers.scheme, value: partyIdentifiers.value, id: parties.id, name: parties.primaryName })
    .from(partyIdentifiers)
    .innerJoin(parties, eq(parties.id, partyIdentifiers.partyId))
    .where(sql`${isNull(partyIdentifiers.endedAt)} and ${partyIdentifiers.value} in ${setOf(identifiers.map((i) => i.value))}`);
  const hidden = refusedParties(ctx, rows.map((r) => r.id));
  return new Map(
    rows.map((r): [string, HolderRefusal] => [
      identifierKey(r.scheme, r.value),
      hidden.has(r.id) ? { code: 'IDENTIFIER_TAKEN', params: {} } : { code: 'PARTY_IDENTIFIER_EXISTS', params: { party: r.name } },
    ]),
  );
}

/** User ids by lower-case username. */
export async function usersByName(executor: Executor, names: Iterable<string>): Promise<Map<string, string>> {
  const rows = await executor.select({ id: users.id, name: sql<string>`lower(${users.username})` }).from(users).where(sql`lower(${users.username}) in ${setOf([...names].map((n) => n.toLowerCase()))}`);
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Department ids by upper-case code. */
export async function departmentsByCode(executor: Executor, codes: Iterable<string>): Promise<Map<string, string>> {
  const rows = await executor.select({ id: departments.id, code: departments.code }).from(departments).where(sql`${departments.code} in ${setOf([...codes].map((c) => c.toUpperCase()))}`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

export const contactKey = (clientId: string, partyId: string) => `${clientId}|${partyId}`;

/** Live contacts of these clients, by contactKey. */
export async function existingContacts(executor: Executor, clientIds: Iterable<string>): Promise<Set<string>> {
  const rows = await executor
    .select({ clientId: clientContacts.clientId, partyId: clientContacts.partyId })
    .from(clientContacts)
    .where(sql`${isNull(clientContacts.endedAt)} and ${clientContacts.clientId} in ${setOf(clientIds, 'uuid')}`);
  return new Set(rows.map((r) => contactKey(r.clientId, r.partyId)));
}

/** The same link: either direction of a symmetric type, and the same start (a relationship may recur). */
export function relationshipKey(r: { fromPartyId: string; toPartyId: string; type: RelationshipType; validFrom: string | null }): string {
  const ends = relationshipRules[r.type].symmetric && r.toPartyId < r.fromPartyId ? [r.toPartyId, r.fromPartyId] : [r.fromPartyId, r.toPartyId];
  return `${ends.join('|')}|${r.type}|${r.validFrom ?? ''}`;
}

/** Current (not superseded) relationships touching these parties, by relationshipKey. */
export async function existingRelationships(executor: Executor, partyIds: Iterable<string>): Promise<Set<string>> {
  const ids = setOf(partyIds, 'uuid');
  const rows = await executor
    .select({ fromPartyId: relationships.fromPartyId, toPartyId: relationships.toPartyId, type: relationships.type, validFrom: relationships.validFrom })
    .from(relationships)
    .where(sql`${isNull(relationships.supersededById)} and (${relationships.fromPartyId} in ${ids} or ${relationships.toPartyId} in ${ids})`);
  return new Set(rows.map(relationshipKey));
}
