import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { isSensitiveScheme, maskIdentifier, validateIdentifier, type IdentifierScheme } from '../../core/identifiers';
import { guessNameLanguage, normalizeName, type NameLanguage, type NameType } from '../../core/names';
import { ensurePartyVisible, visibleParty } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors';
import type { MessageCode } from '../../platform/i18n/messages';
import { clients, parties, partyIdentifiers, partyNames } from './registry.tables';
import type { PartyChanges, PartyInput, PartyListQuery } from './registry.types';
import { refusedParties } from './visibility';

export type PartyRow = typeof parties.$inferSelect;

/** True when the party is a client; `partyId` is the outer query's party column. */
export const isClient = (partyId: SQL | typeof parties.id) => sql`exists (select 1 from ${clients} where ${clients.partyId} = ${partyId})`;

/** What a party is to the firm, as shown on every list, card and graph node. */
export const partyRoles = {
  publicOfficial: parties.publicOfficial,
  isClient: sql<boolean>`${isClient(parties.id)}`,
  isStaff: sql<boolean>`${parties.userId} is not null`,
};

const summaryColumns = {
  id: parties.id,
  kind: parties.kind,
  primaryName: parties.primaryName,
  ref: parties.ref,
  country: parties.country,
  ...partyRoles,
  createdAt: parties.createdAt,
  updatedAt: parties.updatedAt,
  endedAt: parties.endedAt,
};

/** Any live name (primary or alias) containing the text, compared in normalised form. */
const nameMatches = (q: string) =>
  sql`exists (select 1 from ${partyNames} where ${partyNames.partyId} = ${parties.id} and ${partyNames.endedAt} is null and ${partyNames.normalized} like ${`%${normalizeName(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`;

export async function listParties(db: Db, ctx: RequestContext, query: PartyListQuery) {
  const conditions: (SQL | undefined)[] = [visibleParty(ctx, parties.id)];
  if (query.q) {
    const byIdentifier = sql`exists (select 1 from ${partyIdentifiers} where ${partyIdentifiers.partyId} = ${parties.id} and ${partyIdentifiers.endedAt} is null and ${partyIdentifiers.value} = ${query.q.toUpperCase().replace(/\s/g, '')})`;
    conditions.push(or(nameMatches(query.q), byIdentifier, eq(parties.ref, query.q))!);
  }
  if (query.kind) conditions.push(eq(parties.kind, query.kind));
  if (query.country) conditions.push(eq(parties.country, query.country.toUpperCase()));
  if (query.client) conditions.push(query.client === 'yes' ? isClient(parties.id) : sql`not ${isClient(parties.id)}`);
  if (query.publicOfficial) conditions.push(eq(parties.publicOfficial, query.publicOfficial === 'yes'));
  if (query.staff) conditions.push(query.staff === 'yes' ? isNotNull(parties.userId) : isNull(parties.userId));
  if (query.includeEnded === 'no') conditions.push(isNull(parties.endedAt));
  const where = and(...conditions);
  const column = { name: parties.primaryName, createdAt: parties.createdAt, updatedAt: parties.updatedAt }[query.sort];
  const [items, [total]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(parties)
      .where(where)
      .orderBy(query.order === 'asc' ? asc(column) : desc(column), asc(parties.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(parties).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findParty(executor: Executor, id: string): Promise<PartyRow> {
  const [party] = await executor.select().from(parties).where(eq(parties.id, id));
  if (!party) throw NotFound('PARTY_NOT_FOUND');
  return party;
}

async function livePartyForUpdate(tx: Tx, ctx: RequestContext, id: string): Promise<PartyRow> {
  ensurePartyVisible(ctx, [id], 'PARTY_NOT_FOUND');
  const [party] = await tx.select().from(parties).where(eq(parties.id, id)).for('update');
  if (!party) throw NotFound('PARTY_NOT_FOUND');
  if (party.endedAt) throw Conflict('PARTY_ENDED');
  return party;
}

/** The identifier in its stored form, or a 400 naming the field and the rule it breaks. */
export function checkedIdentifier(scheme: IdentifierScheme, raw: string, field = 'identifiers'): string {
  const result = validateIdentifier(scheme, raw);
  if (!result.ok) throw Invalid(result.code as MessageCode, {}, [{ path: field, message: result.code }]);
  return result.value;
}

/** Refuses an identifier another live party holds, naming that party unless it is a client hidden from the caller. */
async function assertIdentifierFree(executor: Executor, ctx: RequestContext, scheme: IdentifierScheme, value: string) {
  const [holder] = await executor
    .select({ id: parties.id, name: parties.primaryName })
    .from(partyIdentifiers)
    .innerJoin(parties, eq(parties.id, partyIdentifiers.partyId))
    .where(and(eq(partyIdentifiers.scheme, scheme), eq(partyIdentifiers.value, value), isNull(partyIdentifiers.endedAt)));
  if (holder && refusedParties(ctx, [holder.id]).size) throw Conflict('IDENTIFIER_TAKEN');
  if (holder) throw Conflict('PARTY_IDENTIFIER_EXISTS', { party: holder.name }, { party: holder, scheme });
}

/**
 * Live parties with a name identical once case, width, spacing and punctuation are set aside. A client
 * hidden from the caller is not offered: to them it does not exist (a near-duplicate is compliance's to merge).
 */
export async function similarParties(executor: Executor, ctx: RequestContext, names: string[], exceptPartyId?: string) {
  const forms = [...new Set(names.map(normalizeName).filter(Boolean))];
  if (!forms.length) return [];
  return executor
    .selectDistinct({ id: parties.id, name: parties.primaryName, kind: parties.kind })
    .from(partyNames)
    .innerJoin(parties, eq(parties.id, partyNames.partyId))
    .where(
      and(
        inArray(partyNames.normalized, forms),
        isNull(partyNames.endedAt),
        isNull(parties.endedAt),
        exceptPartyId ? ne(parties.id, exceptPartyId) : undefined,
        visibleParty(ctx, parties.id),
      ),
    )
    .limit(10);
}

export interface NewName {
  name: string;
  language?: NameLanguage;
  nameType: NameType;
}

const nameRow = (partyId: string, n: NewName) => ({
  partyId,
  name: n.name,
  normalized: normalizeName(n.name),
  language: n.language ?? guessNameLanguage(n.name),
  nameType: n.nameType,
});

export type NewParty = Pick<PartyInput, 'kind' | 'name'> &
  Partial<Omit<PartyInput, 'kind' | 'name'>> & { ref?: string | null; source?: PartyRow['source']; userId?: string | null };

/** Creates a party inside the caller's transaction (also used by clients, contacts and imports). */
export async function insertParty(tx: Tx, ctx: RequestContext, newParty: NewParty): Promise<PartyRow> {
  const input = { aliases: [], identifiers: [], publicOfficial: false, acknowledgeSimilar: false, ...newParty };
  const identifiers = input.identifiers.map((i, index) => ({ ...i, value: checkedIdentifier(i.scheme, i.value, `identifiers.${index}.value`) }));
  for (const identifier of identifiers) await assertIdentifierFree(tx, ctx, identifier.scheme, identifier.value);
  if (!input.acknowledgeSimilar) {
    const [similar] = await similarParties(tx, ctx, [input.name, ...input.aliases.map((a) => a.name)]);
    if (similar) throw Conflict('SIMILAR_PARTY_EXISTS', { party: similar.name }, { party: similar });
  }
  const [party] = await tx
    .insert(parties)
    .values({
      kind: input.kind,
      primaryName: input.name,
      ref: input.ref ?? null,
      country: input.country?.toUpperCase() ?? null,
      address: input.address ?? null,
      notes: input.notes ?? null,
      publicOfficial: input.publicOfficial,
      officialPosition: input.officialPosition ?? null,
      source: input.source ?? 'manual',
      userId: input.userId ?? null,
    })
    .returning();
  await tx.insert(partyNames).values([nameRow(party!.id, { name: input.name, nameType: 'primary' }), ...input.aliases.map((a) => nameRow(party!.id, a))]);
  if (identifiers.length) await tx.insert(partyIdentifiers).values(identifiers.map((i) => ({ partyId: party!.id, scheme: i.scheme, value: i.value, country: i.country?.toUpperCase() ?? null })));
  await appendAudit(tx, ctx, {
    action: 'party.create',
    entityType: 'party',
    entityId: party!.id,
    after: { ...party, aliases: input.aliases.map((a) => a.name), identifiers: identifiers.map((i) => ({ scheme: i.scheme, value: maskIdentifier(i.scheme, i.value) })) },
  });
  return party!;
}

export const createParty = (db: Db, ctx: RequestContext, input: PartyInput) => inTransaction(db, (tx) => insertParty(tx, ctx, input));

export async function updateParty(db: Db, ctx: RequestContext, id: string, changes: PartyChanges): Promise<PartyRow> {
  return inTransaction(db, async (tx) => {
    const before = await livePartyForUpdate(tx, ctx, id);
    if (changes.name && changes.name !== before.primaryName) {
      // The old primary name stays findable as a former name.
      await tx.update(partyNames).set({ nameType: 'former' }).where(and(eq(partyNames.partyId, id), eq(partyNames.nameType, 'primary'), isNull(partyNames.endedAt)));
      await tx.insert(partyNames).values(nameRow(id, { name: changes.name, nameType: 'primary' }));
    }
    const { name, ...columns } = changes;
    const [after] = await tx
      .update(parties)
      .set({ ...columns, ...(name ? { primaryName: name } : {}), ...(columns.country ? { country: columns.country.toUpperCase() } : {}), updatedAt: new Date() })
      .where(eq(parties.id, id))
      .returning();
    await appendAudit(tx, ctx, { action: 'party.update', entityType: 'party', entityId: id, before, after });
    return after!;
  });
}

export async function endParty(db: Db, ctx: RequestContext, id: string, reason: string): Promise<PartyRow> {
  return inTransaction(db, async (tx) => {
    const before = await livePartyForUpdate(tx, ctx, id);
    const [after] = await tx.update(parties).set({ endedAt: new Date(), endReason: reason, updatedAt: new Date() }).where(eq(parties.id, id)).returning();
    await appendAudit(tx, ctx, { action: 'party.end', entityType: 'party', entityId: id, before, after });
    return after!;
  });
}

export async function addName(db: Db, ctx: RequestContext, partyId: string, name: NewName) {
  return inTransaction(db, async (tx) => {
    await livePartyForUpdate(tx, ctx, partyId);
    const [row] = await tx.insert(partyNames).values(nameRow(partyId, name)).returning();
    await appendAudit(tx, ctx, { action: 'party.name.add', entityType: 'party', entityId: partyId, after: row });
    return row!;
  });
}

export async function endName(db: Db, ctx: RequestContext, partyId: string, nameId: string) {
  return inTransaction(db, async (tx) => {
    await livePartyForUpdate(tx, ctx, partyId);
    const [before] = await tx.select().from(partyNames).where(and(eq(partyNames.id, nameId), eq(partyNames.partyId, partyId)));
    if (!before) throw NotFound('NAME_NOT_FOUND');
    if (before.endedAt) throw Conflict('RECORD_ENDED');
    if (before.nameType === 'primary') throw Conflict('PRIMARY_NAME_REQUIRED');
    const [after] = await tx.update(partyNames).set({ endedAt: new Date() }).where(eq(partyNames.id, nameId)).returning();
    await appendAudit(tx, ctx, { action: 'party.name.end', entityType: 'party', entityId: partyId, before, after });
  });
}

export async function addIdentifier(db: Db, ctx: RequestContext, partyId: string, input: { scheme: IdentifierScheme; value: string; country?: string | null }) {
  const value = checkedIdentifier(input.scheme, input.value, 'value');
  return inTransaction(db, async (tx) => {
    await livePartyForUpdate(tx, ctx, partyId);
    await assertIdentifierFree(tx, ctx, input.scheme, value);
    const [row] = await tx.insert(partyIdentifiers).values({ partyId, scheme: input.scheme, value, country: input.country?.toUpperCase() ?? null }).returning();
    await appendAudit(tx, ctx, { action: 'party.identifier.add', entityType: 'party', entityId: partyId, after: { scheme: row!.scheme, value: maskIdentifier(row!.scheme, row!.value) } });
    return row!;
  });
}

export async function endIdentifier(db: Db, ctx: RequestContext, partyId: string, identifierId: string) {
  return inTransaction(db, async (tx) => {
    await livePartyForUpdate(tx, ctx, partyId);
    const [row] = await tx.select().from(partyIdentifiers).where(and(eq(partyIdentifiers.id, identifierId), eq(partyIdentifiers.partyId, partyId)));
    if (!row) throw NotFound('IDENTIFIER_NOT_FOUND');
    if (row.endedAt) throw Conflict('RECORD_ENDED');
    await tx.update(partyIdentifiers).set({ endedAt: new Date() }).where(eq(partyIdentifiers.id, identifierId));
    await appendAudit(tx, ctx, { action: 'party.identifier.end', entityType: 'party', entityId: partyId, before: { scheme: row.scheme, value: maskIdentifier(row.scheme, row.value) } });
  });
}

/** The full value of a sensitive identifier, for those allowed to see it; every look is audited. */
export async function revealIdentifier(db: Db, ctx: RequestContext, partyId: string, identifierId: string): Promise<string> {
  if (!ctx.principal?.permissions.includes('identifiers.reveal')) throw Forbidden('FORBIDDEN', { permission: 'identifiers.reveal' });
  // As for an identifier the party does not have: that is what the route answers for a missing party too.
  ensurePartyVisible(ctx, [partyId], 'IDENTIFIER_NOT_FOUND');
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select().from(partyIdentifiers).where(and(eq(partyIdentifiers.id, identifierId), eq(partyIdentifiers.partyId, partyId)));
    if (!row) throw NotFound('IDENTIFIER_NOT_FOUND');
    await appendAudit(tx, ctx, { action: 'party.identifier.reveal', entityType: 'party', entityId: partyId, after: { identifierId, scheme: row.scheme } });
    return row.value;
  });
}

/** Names, identifiers (sensitive ones masked) and the client record of one party. */
export async function partyDetail(db: Db, ctx: RequestContext, id: string) {
  ensurePartyVisible(ctx, [id], 'PARTY_NOT_FOUND');
  const [party] = await db.select(summaryColumns).from(parties).where(eq(parties.id, id));
  if (!party) throw NotFound('PARTY_NOT_FOUND');
  const [full, names, identifiers] = await Promise.all([
    findParty(db, id),
    db.select().from(partyNames).where(eq(partyNames.partyId, id)).orderBy(asc(partyNames.createdAt)),
    db.select().from(partyIdentifiers).where(eq(partyIdentifiers.partyId, id)).orderBy(asc(partyIdentifiers.createdAt)),
  ]);
  return {
    ...party,
    address: full.address,
    notes: full.notes,
    officialPosition: full.officialPosition,
    userId: full.userId,
    source: full.source,
    endReason: full.endReason,
    names: names.map(({ id: nameId, name, language, nameType, createdAt, endedAt }) => ({ id: nameId, name, language, nameType, createdAt, endedAt })),
    identifiers: identifiers.map((i) => ({
      id: i.id,
      scheme: i.scheme,
      value: maskIdentifier(i.scheme, i.value),
      masked: isSensitiveScheme(i.scheme),
      country: i.country,
      createdAt: i.createdAt,
      endedAt: i.endedAt,
    })),
  };
}
