// The rows of each exportable list, page by page through the list services (so the filters, and what
// the caller's recusals and barriers hide, are theirs).
import { and, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { IdentifierScheme } from '../../../core/identifiers';
import type { RequestContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { listClients } from '../clients.service';
import { listParties } from '../parties.service';
import { parties, partyIdentifiers, partyNames } from '../registry.tables';
import type { ClientListQuery, PartyListQuery, RelationshipListQuery } from '../registry.types';
import { listRelationships } from '../relationships.service';

const PAGE = 500;
type Unpaged<T> = Omit<T, 'page' | 'pageSize'>;

async function* pages<T>(fetch: (page: number, pageSize: number) => Promise<{ items: T[] }>): AsyncIterable<T[]> {
  for (let page = 1; ; page += 1) {
    const { items } = await fetch(page, PAGE);
    if (items.length) yield items;
    if (items.length < PAGE) return;
  }
}

/** What an import file calls a party: the key it was imported with, else its uuid. */
async function keysOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = ids.length ? await db.select({ id: parties.id, ref: parties.ref }).from(parties).where(inArray(parties.id, [...new Set(ids)])) : [];
  return new Map(rows.map((r) => [r.id, r.ref ?? r.id]));
}

export type PartyExportRow = Awaited<ReturnType<typeof listParties>>['items'][number] & {
  key: string;
  address: string | null;
  notes: string | null;
  officialPosition: string | null;
  aliases: string[];
  identifiers: { scheme: IdentifierScheme; value: string }[];
};

export async function* partyRows(db: Db, ctx: RequestContext, query: Unpaged<PartyListQuery>): AsyncIterable<PartyExportRow[]> {
  for await (const items of pages((page, pageSize) => listParties(db, ctx, { ...query, page, pageSize }))) {
    const ids = items.map((p) => p.id);
    const [details, names, identifiers] = await Promise.all([
      db.select({ id: parties.id, address: parties.address, notes: parties.notes, officialPosition: parties.officialPosition }).from(parties).where(inArray(parties.id, ids)),
      db.select({ partyId: partyNames.partyId, name: partyNames.name, nameType: partyNames.nameType }).from(partyNames).where(and(inArray(partyNames.partyId, ids), isNull(partyNames.endedAt))),
      db.select({ partyId: partyIdentifiers.partyId, scheme: partyIdentifiers.scheme, value: partyIdentifiers.value }).from(partyIdentifiers).where(and(inArray(partyIdentifiers.partyId, ids), isNull(partyIdentifiers.endedAt))),
    ]);
    yield items.map((p) => ({
      ...p,
      ...details.find((d) => d.id === p.id)!,
      key: p.ref ?? p.id,
      aliases: names.filter((n) => n.partyId === p.id && n.nameType !== 'primary').map((n) => n.name),
      identifiers: identifiers.filter((i) => i.partyId === p.id),
    }));
  }
}

export type ClientExportRow = Awaited<ReturnType<typeof listClients>>['items'][number] & { partyKey: string };

export async function* clientRows(db: Db, ctx: RequestContext, query: Unpaged<z.infer<typeof ClientListQuery>>): AsyncIterable<ClientExportRow[]> {
  for await (const items of pages((page, pageSize) => listClients(db, ctx, { ...query, page, pageSize }))) {
    const keys = await keysOf(db, items.map((c) => c.party.id));
    yield items.map((c) => ({ ...c, partyKey: keys.get(c.party.id)! }));
  }
}

export type RelationshipExportRow = Awaited<ReturnType<typeof listRelationships>>['items'][number] & { fromKey: string; toKey: string };

export async function* relationshipRows(db: Db, ctx: RequestContext, query: Unpaged<z.infer<typeof RelationshipListQuery>>): AsyncIterable<RelationshipExportRow[]> {
  for await (const items of pages((page, pageSize) => listRelationships(db, ctx, { ...query, page, pageSize }))) {
    const keys = await keysOf(db, items.flatMap((r) => [r.from.id, r.to.id]));
    yield items.map((r) => ({ ...r, fromKey: keys.get(r.from.id)!, toKey: keys.get(r.to.id)! }));
  }
}
