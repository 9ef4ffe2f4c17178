// The registry out as FtM entity JSON lines: every live party, then every relationship between them.
import type { Entity } from '@opensanctions/followthemoney';
import { aliasedTable, and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { maskIdentifier } from '../../../core/identifiers';
import { formatPercentage } from '../../../core/relationships';
import { visibleParty } from '../../../platform/access/client-scope';
import type { RequestContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { parties, partyIdentifiers, partyNames, relationships } from '../registry.tables';
import type { PartyRow } from '../parties.service';
import type { RelationshipRow } from '../relationships.service';
import { buildEntity, directorshipRole, ftmModel, identifierProperty, kinshipOf, kinshipWord } from './ftm-mapping';

export interface FtmExportOptions {
  /** ID and passport numbers in full; only for holders of identifiers.reveal (the route audits it). */
  fullIdentifiers?: boolean;
}

const BATCH = 1000;
const NAME_PROPERTY = { alias: 'alias', english: 'alias', traditional: 'alias', abbreviation: 'abbreviation', former: 'previousName' } as const;

/** A party keeps the id an FtM file gave it; others are named by their uuid. */
const ftmIdOf = (p: { id: string; ref: string | null }) => (p.ref?.startsWith('ftm:') ? p.ref.slice(4) : `probity-${p.id}`);

const entity = (id: string, schema: string, properties: Record<string, (string | null | undefined)[]>) => buildEntity(id, ftmModel.getSchema(schema), properties);

const line = (e: Entity) => `${JSON.stringify(e.toJSON())}\n`;

function byParty<T extends { partyId: string }>(rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const group = grouped.get(row.partyId);
    if (group) group.push(row);
    else grouped.set(row.partyId, [row]);
  }
  return grouped;
}

async function* partyBatches(db: Db, ctx: RequestContext) {
  let after: string | null = null;
  for (;;) {
    const batch: PartyRow[] = await db
      .select()
      .from(parties)
      .where(and(isNull(parties.endedAt), visibleParty(ctx, parties.id), after ? gt(parties.id, after) : undefined))
      .orderBy(asc(parties.id))
      .limit(BATCH);
    if (!batch.length) return;
    const ids = batch.map((p) => p.id);
    const [names, identifiers] = await Promise.all([
      db.select().from(partyNames).where(and(inArray(partyNames.partyId, ids), isNull(partyNames.endedAt))).orderBy(asc(partyNames.createdAt)),
      db.select().from(partyIdentifiers).where(and(inArray(partyIdentifiers.partyId, ids), isNull(partyIdentifiers.endedAt))),
    ]);
    const namesOf = byParty(names);
    const identifiersOf = byParty(identifiers);
    yield batch.map((p) => ({ party: p, names: namesOf.get(p.id) ?? [], identifiers: identifiersOf.get(p.id) ?? [] }));
    after = batch[batch.length - 1]!.id;
  }
}

type Edge = { schema: string; ends: [string, string]; properties: Record<string, (string | null)[]> };

/** The edge schema each type is written as; import reads each back as the same type. */
function edgeOf(r: RelationshipRow, fromKind: string, toKind: string): Edge {
  const role = [r.role];
  switch (r.type) {
    case 'shareholder':
      return { schema: 'Ownership', ends: ['owner', 'asset'], properties: { percentage: [r.shareBasisPoints === null ? null : formatPercentage(r.shareBasisPoints).replace('%', '')] } };
    case 'director':
    case 'supervisor':
    case 'legal_representative':
      return { schema: 'Directorship', ends: ['director', 'organization'], properties: { role: [directorshipRole(r.type, r.role)] } };
    // A public official is employed by the authority, which is written as a PublicBody.
    case 'employee':
    case 'public_official':
      return { schema: 'Employment', ends: ['employee', 'employer'], properties: { role } };
    case 'relative':
      return { schema: 'Family', ends: ['person', 'relative'], properties: { relationship: [r.role && kinshipOf(r.role) === 'relative' ? r.role : 'relative'] } };
    case 'spouse':
    case 'parent':
    case 'child':
    case 'sibling':
      return { schema: 'Family', ends: ['person', 'relative'], properties: { relationship: [kinshipWord[r.type]!] } };
    // FtM has no schema for links between organisations, shared contact details or disputes: an
    // UnknownLink names the type in its role.
    case 'business_partner':
    case 'same_address':
    case 'same_phone':
    case 'dispute':
      if (r.type === 'business_partner' && fromKind === 'person' && toKind === 'person') return { schema: 'Associate', ends: ['person', 'associate'], properties: { relationship: role } };
      return { schema: 'UnknownLink', ends: ['subject', 'object'], properties: { role: [r.type] } };
  }
}

const fromParty = aliasedTable(parties, 'from_party');
const toParty = aliasedTable(parties, 'to_party');

async function* relationshipLines(db: Db, ctx: RequestContext) {
  let after: string | null = null;
  for (;;) {
    const batch = await db
      .select({ r: relationships, from: { id: fromParty.id, ref: fromParty.ref, kind: fromParty.kind }, to: { id: toParty.id, ref: toParty.ref, kind: toParty.kind } })
      .from(relationships)
      .innerJoin(fromParty, eq(fromParty.id, relationships.fromPartyId))
      .innerJoin(toParty, eq(toParty.id, relationships.toPartyId))
      .where(
        and(
          isNull(relationships.supersededById),
          isNull(fromParty.endedAt),
          isNull(toParty.endedAt),
          visibleParty(ctx, fromParty.id),
          visibleParty(ctx, toParty.id),
          after ? gt(relationships.id, after) : undefined,
        ),
      )
      .orderBy(asc(relationships.id))
      .limit(BATCH);
    if (!batch.length) return;
    for (const { r, from, to } of batch) {
      const edge = edgeOf(r, from.kind, to.kind);
      yield line(
        entity(`probity-${r.id}`, edge.schema, {
          [edge.ends[0]]: [ftmIdOf(from)],
          [edge.ends[1]]: [ftmIdOf(to)],
          startDate: [r.validFrom],
          endDate: [r.validTo],
          ...edge.properties,
        }),
      );
    }
    after = batch[batch.length - 1]!.r.id;
  }
}

/**
 * One JSON line per entity. Persons are Person; organisations a PublicBody when someone holds
 * public office in them, a Company when they have a USCC, else an Organization. Public officials
 * carry `topics: role.pep` and their positions. Relationships are written in their latest version,
 * ended ones with their end date. Clients hidden from the caller are left out, and every relationship touching them.
 */
export async function* exportFtm(db: Db, ctx: RequestContext, options: FtmExportOptions = {}): AsyncIterable<string> {
  const authorities = await db
    .selectDistinct({ id: relationships.toPartyId })
    .from(relationships)
    .where(and(eq(relationships.type, 'public_official'), isNull(relationships.supersededById)));
  const publicBodies = new Set(authorities.map((a) => a.id));
  for await (const batch of partyBatches(db, ctx)) {
    for (const { party: p, names, identifiers } of batch) {
      const schema = p.kind === 'person' ? 'Person' : publicBodies.has(p.id) ? 'PublicBody' : identifiers.some((i) => i.scheme === 'uscc') ? 'Company' : 'Organization';
      const properties: Record<string, (string | null)[]> = { name: [p.primaryName], country: [p.country?.toLowerCase() ?? null], address: [p.address] };
      const add = (prop: string, value: string | null) => (properties[prop] ??= []).push(value);
      for (const n of names) if (n.nameType !== 'primary') add(NAME_PROPERTY[n.nameType], n.name);
      for (const i of identifiers) add(identifierProperty(i.scheme, p.kind), options.fullIdentifiers ? i.value : maskIdentifier(i.scheme, i.value));
      if (p.kind === 'person' && p.publicOfficial) {
        add('topics', 'role.pep');
        for (const position of p.officialPosition?.split('; ') ?? []) add('position', position);
      }
      yield line(entity(ftmIdOf(p), schema, properties));
    }
  }
  yield* relationshipLines(db, ctx);
}
