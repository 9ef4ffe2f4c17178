import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { normalizeName } from '../../core/names';
import { departments, users } from '../../platform/auth/auth.tables';
import { ensureClientVisible, ensurePartyVisible, visibleClient, visibleParty } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Invalid, NotFound } from '../../platform/errors';
import { findParty, insertParty } from './parties.service';
import { clientContacts, clients, partyNames, parties } from './registry.tables';
import type { z } from 'zod';
import type { ClientChanges, ClientInput, ClientListQuery, ContactInput } from './registry.types';

type ClientRow = typeof clients.$inferSelect;

const clientColumns = {
  client: clients,
  party: { id: parties.id, name: parties.primaryName, kind: parties.kind },
  ownerId: users.id,
  ownerUsername: users.username,
  ownerDisplayName: users.displayName,
  departmentId: departments.id,
  departmentCode: departments.code,
  departmentName: departments.name,
};

const clientQuery = (executor: Executor) =>
  executor
    .select(clientColumns)
    .from(clients)
    .innerJoin(parties, eq(parties.id, clients.partyId))
    .leftJoin(users, eq(users.id, clients.ownerUserId))
    .leftJoin(departments, eq(departments.id, clients.departmentId));

type ClientQueryRow = Awaited<ReturnType<ReturnType<typeof clientQuery>['execute']>>[number];

function toClientView(row: ClientQueryRow) {
  const { client: c } = row;
  return {
    id: c.id,
    party: row.party,
    status: c.status,
    owner: row.ownerId ? { id: row.ownerId, username: row.ownerUsername!, displayName: row.ownerDisplayName! } : null,
    department: row.departmentId ? { id: row.departmentId, code: row.departmentCode!, name: row.departmentName! } : null,
    serviceLines: c.serviceLines,
    startDate: c.startDate,
    endDate: c.endDate,
    annualRevenue: c.annualRevenueMinor === null ? null : { amountMinor: c.annualRevenueMinor, currency: c.revenueCurrency ?? 'CNY' },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export async function listClients(db: Db, ctx: RequestContext, query: z.infer<typeof ClientListQuery>) {
  const conditions: (SQL | undefined)[] = [visibleClient(ctx, clients.id)];
  if (query.q) {
    const pattern = `%${normalizeName(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`exists (select 1 from ${partyNames} where ${partyNames.partyId} = ${clients.partyId} and ${partyNames.endedAt} is null and ${partyNames.normalized} like ${pattern})`);
  }
  if (query.status) conditions.push(eq(clients.status, query.status));
  if (query.departmentId) conditions.push(eq(clients.departmentId, query.departmentId));
  if (query.ownerUserId) conditions.push(eq(clients.ownerUserId, query.ownerUserId));
  const where = and(...conditions);
  const column = { name: parties.primaryName, status: clients.status, startDate: clients.startDate, revenue: clients.annualRevenueMinor, createdAt: clients.createdAt }[query.sort];
  const [rows, [total]] = await Promise.all([
    clientQuery(db)
      .where(where)
      .orderBy(query.order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`, asc(clients.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(clients).where(where),
  ]);
  return { items: rows.map(toClientView), total: total?.n ?? 0 };
}

/** One client; with the caller's ctx, a client hidden from them is as absent as a missing one. */
export async function getClient(executor: Executor, id: string, ctx?: RequestContext) {
  if (ctx) ensureClientVisible(ctx, [id], 'CLIENT_NOT_FOUND');
  const [row] = await clientQuery(executor).where(eq(clients.id, id));
  if (!row) throw NotFound('CLIENT_NOT_FOUND');
  return toClientView(row);
}

/** The client record of a party, if it is one. */
export async function clientOfParty(executor: Executor, partyId: string) {
  const [row] = await clientQuery(executor).where(eq(clients.partyId, partyId));
  return row ? toClientView(row) : null;
}

async function checkReferences(tx: Tx, input: ClientChanges) {
  if (input.ownerUserId) {
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.ownerUserId));
    if (!owner) throw Invalid('UNKNOWN_USER', {}, [{ path: 'ownerUserId', message: 'UNKNOWN_USER' }]);
  }
  if (input.departmentId) {
    const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!department) throw Invalid('UNKNOWN_DEPARTMENT', {}, [{ path: 'departmentId', message: 'UNKNOWN_DEPARTMENT' }]);
  }
}

function assertDates(startDate: string | null | undefined, endDate: string | null | undefined) {
  if (startDate && endDate && endDate < startDate) throw Invalid('DATE_ORDER', {}, [{ path: 'endDate', message: 'DATE_ORDER' }]);
}

const columnsOf = (input: ClientChanges) => ({
  ...(input.status !== undefined ? { status: input.status } : {}),
  ...(input.ownerUserId !== undefined ? { ownerUserId: input.ownerUserId } : {}),
  ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
  ...(input.serviceLines !== undefined ? { serviceLines: input.serviceLines } : {}),
  ...(input.startDate !== undefined ? { startDate: input.startDate } : {}),
  ...(input.endDate !== undefined ? { endDate: input.endDate } : {}),
  ...(input.annualRevenue !== undefined
    ? { annualRevenueMinor: input.annualRevenue?.amountMinor ?? null, revenueCurrency: input.annualRevenue?.currency ?? null }
    : {}),
});

/** Makes a party (existing, or new in the same transaction) a client of the firm. */
export async function insertClient(tx: Tx, ctx: RequestContext, input: ClientInput): Promise<ClientRow> {
  assertDates(input.startDate, input.endDate);
  await checkReferences(tx, input);
  let party;
  if (input.partyId) {
    // A hidden client's party is unknown to the caller, not "already a client".
    ensurePartyVisible(ctx, [input.partyId], 'PARTY_NOT_FOUND');
    party = await findParty(tx, input.partyId);
    if (party.endedAt) throw Conflict('PARTY_ENDED');
  } else if (input.party) {
    party = await insertParty(tx, ctx, input.party);
  } else {
    throw Invalid('REQUIRED', {}, [{ path: 'partyId', message: 'REQUIRED' }]);
  }
  const [existing] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.partyId, party.id));
  if (existing) throw Conflict('CLIENT_EXISTS', { party: party.primaryName }, { clientId: existing.id });
  const [row] = await tx
    .insert(clients)
    .values({ partyId: party.id, status: input.status, serviceLines: [], ...columnsOf(input) })
    .returning();
  await appendAudit(tx, ctx, { action: 'client.create', entityType: 'client', entityId: row!.id, after: row });
  return row!;
}

export const createClient = (db: Db, ctx: RequestContext, input: ClientInput) =>
  inTransaction(db, async (tx) => getClient(tx, (await insertClient(tx, ctx, input)).id));

export async function updateClient(db: Db, ctx: RequestContext, id: string, changes: ClientChanges) {
  ensureClientVisible(ctx, [id], 'CLIENT_NOT_FOUND');
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(clients).where(eq(clients.id, id)).for('update');
    if (!before) throw NotFound('CLIENT_NOT_FOUND');
    assertDates(changes.startDate !== undefined ? changes.startDate : before.startDate, changes.endDate !== undefined ? changes.endDate : before.endDate);
    await checkReferences(tx, changes);
    const [after] = await tx.update(clients).set({ ...columnsOf(changes), updatedAt: new Date() }).where(eq(clients.id, id)).returning();
    await appendAudit(tx, ctx, { action: 'client.update', entityType: 'client', entityId: id, before, after });
    return getClient(tx, id);
  });
}

/** A client's contact persons; one who is a client hidden from the caller is left out. */
export async function listContacts(executor: Executor, ctx: RequestContext, clientId: string) {
  const rows = await executor
    .select({ contact: clientContacts, party: { id: parties.id, name: parties.primaryName } })
    .from(clientContacts)
    .innerJoin(parties, eq(parties.id, clientContacts.partyId))
    .where(and(eq(clientContacts.clientId, clientId), visibleParty(ctx, clientContacts.partyId)))
    .orderBy(desc(clientContacts.isPrimary), asc(clientContacts.createdAt));
  return rows.map(({ contact: c, party }) => ({ id: c.id, party, role: c.role, title: c.title, isPrimary: c.isPrimary, createdAt: c.createdAt, endedAt: c.endedAt }));
}

/** Clients where the party is a (current) contact person; with the caller's ctx, those hidden from them are left out. */
export async function clientsContactedBy(executor: Executor, partyId: string, ctx?: RequestContext) {
  return executor
    .select({ clientId: clients.id, name: parties.primaryName, role: clientContacts.role, title: clientContacts.title })
    .from(clientContacts)
    .innerJoin(clients, eq(clients.id, clientContacts.clientId))
    .innerJoin(parties, eq(parties.id, clients.partyId))
    .where(and(eq(clientContacts.partyId, partyId), isNull(clientContacts.endedAt), ctx ? visibleClient(ctx, clients.id) : undefined));
}

export async function addContact(db: Db, ctx: RequestContext, clientId: string, input: z.infer<typeof ContactInput>) {
  return inTransaction(db, async (tx) => {
    await getClient(tx, clientId, ctx);
    let personId = input.partyId;
    if (personId) {
      ensurePartyVisible(ctx, [personId], 'PARTY_NOT_FOUND');
      const person = await findParty(tx, personId);
      if (person.kind !== 'person') throw Invalid('PARTY_KIND_MISMATCH', {}, [{ path: 'partyId', message: 'PARTY_KIND_MISMATCH' }]);
      if (person.endedAt) throw Conflict('PARTY_ENDED');
    } else if (input.person) {
      personId = (await insertParty(tx, ctx, { kind: 'person', name: input.person.name, aliases: input.person.aliases, acknowledgeSimilar: true })).id;
    } else {
      throw Invalid('REQUIRED', {}, [{ path: 'partyId', message: 'REQUIRED' }]);
    }
    const [row] = await tx.insert(clientContacts).values({ clientId, partyId: personId, role: input.role, title: input.title, isPrimary: input.isPrimary }).returning();
    await appendAudit(tx, ctx, { action: 'client.contact.add', entityType: 'client', entityId: clientId, after: row });
    return (await listContacts(tx, ctx, clientId)).find((c) => c.id === row!.id)!;
  });
}

export async function endContact(db: Db, ctx: RequestContext, clientId: string, contactId: string) {
  // A contact looked up under a missing client is a missing contact: a hidden client answers the same.
  ensureClientVisible(ctx, [clientId], 'CONTACT_NOT_FOUND');
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(clientContacts).where(and(eq(clientContacts.id, contactId), eq(clientContacts.clientId, clientId))).for('update');
    if (!before) throw NotFound('CONTACT_NOT_FOUND');
    if (before.endedAt) throw Conflict('RECORD_ENDED');
    const [after] = await tx.update(clientContacts).set({ endedAt: new Date() }).where(eq(clientContacts.id, contactId)).returning();
    await appendAudit(tx, ctx, { action: 'client.contact.end', entityType: 'client', entityId: clientId, before, after });
  });
}
