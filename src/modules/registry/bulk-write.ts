// Set-based writes for file imports, FtM imports and the demo seed: thousands of already-validated records in a
// few statements, one audit entry per record, all inside the caller's transaction.
import { publishEvents } from '../../platform/events/outbox';
import { randomUUID } from 'node:crypto';
import { maskIdentifier, type IdentifierScheme } from '../../core/identifiers';
import { guessNameLanguage, normalizeName, type NameLanguage, type NameType } from '../../core/names';
import type { PartyKind } from '../../core/relationships';
import { appendAuditBatch } from '../../platform/audit/audit.service';
import type { RequestContext } from '../../platform/context';
import { insertRows } from '../../platform/db/bulk';
import type { Tx } from '../../platform/db/database';
import type { PartyRow } from './parties.service';
import { parties, partyIdentifiers, partyNames, relationships } from './registry.tables';
import type { RelationshipValues } from './relationships.service';

export interface BulkName {
  name: string;
  nameType: Exclude<NameType, 'primary'>;
  language?: NameLanguage;
}

/** A party whose identifiers are validated, normalised and known to be free. */
export interface BulkParty {
  id: string;
  kind: PartyKind;
  name: string;
  aliases?: BulkName[];
  identifiers?: { scheme: IdentifierScheme; value: string; country?: string | null }[];
  ref?: string | null;
  country?: string | null;
  address?: string | null;
  notes?: string | null;
  publicOfficial?: boolean;
  officialPosition?: string | null;
  source: PartyRow['source'];
}

/** How the audit trail names the writes: `party.create` for the seed, `party.import` for files. */
export type BulkVerb = 'create' | 'import';

const nameRow = (partyId: string, name: string, nameType: NameType, language?: NameLanguage) => ({
  partyId,
  name,
  normalized: normalizeName(name),
  language: language ?? guessNameLanguage(name),
  nameType,
});

export async function insertPartiesBulk(tx: Tx, ctx: RequestContext, list: readonly BulkParty[], verb: BulkVerb): Promise<void> {
  const rows = list.map((p) => ({
    id: p.id,
    kind: p.kind,
    primaryName: p.name,
    ref: p.ref ?? null,
    country: p.country ?? null,
    address: p.address ?? null,
    notes: p.notes ?? null,
    publicOfficial: p.publicOfficial ?? false,
    officialPosition: p.officialPosition ?? null,
    source: p.source,
  }));
  await insertRows(tx, parties, rows);
  await insertRows(
    tx,
    partyNames,
    list.flatMap((p) => [nameRow(p.id, p.name, 'primary'), ...(p.aliases ?? []).map((a) => nameRow(p.id, a.name, a.nameType, a.language))]),
  );
  await insertRows(
    tx,
    partyIdentifiers,
    list.flatMap((p) => (p.identifiers ?? []).map((i) => ({ partyId: p.id, scheme: i.scheme, value: i.value, country: i.country ?? null }))),
  );
  await appendAuditBatch(
    tx,
    ctx,
    list.map((p, i) => ({
      action: `party.${verb}`,
      entityType: 'party',
      entityId: p.id,
      after: { ...rows[i], aliases: (p.aliases ?? []).map((a) => a.name), identifiers: (p.identifiers ?? []).map((id) => ({ scheme: id.scheme, value: maskIdentifier(id.scheme, id.value) })) },
    })),
  );
}

/** Relationships the caller has checked (kinds, percentages, dates); one audit entry each. */
export async function insertRelationshipsBulk(tx: Tx, ctx: RequestContext, list: readonly RelationshipValues[], verb: BulkVerb): Promise<void> {
  const createdBy = ctx.principal?.userId ?? null;
  const rows = list.map((r) => ({
    id: randomUUID(),
    fromPartyId: r.fromPartyId,
    toPartyId: r.toPartyId,
    type: r.type,
    shareBasisPoints: r.shareBasisPoints,
    role: r.role ?? null,
    validFrom: r.validFrom ?? null,
    validTo: r.validTo ?? null,
    notes: r.notes ?? null,
    source: r.source,
    createdBy,
  }));
  await insertRows(tx, relationships, rows);
  await appendAuditBatch(tx, ctx, rows.map((row) => ({ action: `relationship.${verb}`, entityType: 'relationship', entityId: row.id, after: row })));
  await publishEvents(tx, ctx, rows.map((row) => ({ type: 'RelationshipAdded' as const, entityType: 'relationship', entityId: row.id })));
}
