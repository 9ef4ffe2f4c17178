// FtM entity JSON lines in: parties and relationships, all valid lines in one transaction.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { relationshipProblems, type PartyKind } from '../../../core/relationships';
import type { RequestContext } from '../../../platform/context';
import { inTransaction, type Db, type Tx } from '../../../platform/db/database';
import type { Locale } from '../../../platform/i18n/messages';
import type { ImportOptions, ImportReport } from '../import/import.types';
import { identifierHolders, identifierKey, partiesByRef, existingRelationships, relationshipKey } from '../import/lookups';
import { Rejections } from '../import/row-checks';
import { parties } from '../registry.tables';
import { refusedParties } from '../visibility';
import type { RelationshipValues } from '../relationships.service';
import { insertPartiesBulk, insertRelationshipsBulk, type BulkParty } from '../bulk-write';
import { parseFtm, type EdgeDraft, type PartyDraft } from './ftm-parse';

interface Known {
  id: string;
  kind: PartyKind;
  name: string;
  ended: boolean;
  /** Already in the registry before this file. */
  existed: boolean;
}

const PROBITY_ID = /^probity-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Parties the file's ids name: imported before (ref `ftm:<id>`) or exported by Probity (`probity-<uuid>`). */
async function knownParties(tx: Tx, ftmIds: Set<string>): Promise<Map<string, Known>> {
  const known = new Map<string, Known>();
  const byRef = await partiesByRef(tx, [...ftmIds].map((id) => `ftm:${id}`));
  for (const [ref, p] of byRef) known.set(ref.slice(4), { ...p, existed: true });
  const uuids = new Map<string, string>();
  for (const id of ftmIds) {
    const match = PROBITY_ID.exec(id);
    if (match && !known.has(id)) uuids.set(match[1]!, id);
  }
  // One jsonb parameter however many ids: a file may hold more than a query may have parameters.
  const rows = uuids.size
    ? await tx
        .select({ id: parties.id, kind: parties.kind, name: parties.primaryName, endedAt: parties.endedAt })
        .from(parties)
        .where(sql`${parties.id} in (select jsonb_array_elements_text(${JSON.stringify([...uuids.keys()])}::jsonb)::uuid)`)
    : [];
  for (const r of rows) known.set(uuids.get(r.id)!, { id: r.id, kind: r.kind, name: r.name, ended: r.endedAt !== null, existed: true });
  return known;
}

/** New parties whose identifiers no live party and no earlier line holds. */
async function acceptParties(tx: Tx, ctx: RequestContext, drafts: PartyDraft[], known: Map<string, Known>, rejections: Rejections): Promise<{ draft: PartyDraft; party: BulkParty }[]> {
  const fresh = drafts.filter((d) => !known.has(d.ftmId));
  const holders = await identifierHolders(tx, ctx, fresh.flatMap((d) => d.party.identifiers ?? []));
  const firstLine = new Map<string, number>();
  const accepted: { draft: PartyDraft; party: BulkParty }[] = [];
  for (const draft of fresh) {
    const clash = (draft.party.identifiers ?? []).map((i) => identifierKey(i.scheme, i.value)).find((key) => holders.has(key) || firstLine.has(key));
    if (clash) {
      const holder = holders.get(clash);
      if (holder) rejections.add(draft.line, 'identifiers', holder.code, holder.params);
      else rejections.add(draft.line, 'identifiers', 'DUPLICATE_IN_FILE', { line: firstLine.get(clash)! });
      continue;
    }
    for (const i of draft.party.identifiers ?? []) firstLine.set(identifierKey(i.scheme, i.value), draft.line);
    const party = { ...draft.party, id: randomUUID() };
    known.set(draft.ftmId, { id: party.id, kind: party.kind, name: party.name, ended: false, existed: false });
    accepted.push({ draft, party });
  }
  return accepted;
}

const FIELD_OF_PROBLEM: Record<string, (e: EdgeDraft) => string> = {
  fromPartyId: (e) => e.source.prop,
  toPartyId: (e) => e.target.prop,
  percentage: () => 'percentage',
  validTo: () => 'endDate',
};

/**
 * Edges between known, live parties that obey the relationship rules; those already recorded are left
 * out. A client hidden from the caller is an unknown party here, as in a relationships file (an entity
 * of it in the file is, like every party already held, skipped).
 */
async function acceptEdges(tx: Tx, ctx: RequestContext, edges: EdgeDraft[], known: Map<string, Known>, rejections: Rejections) {
  const sound: { edge: EdgeDraft; values: RelationshipValues; from: Known; to: Known }[] = [];
  const visible = (party: Known | undefined) => (party && refusedParties(ctx, [party.id]).size ? undefined : party);
  for (const edge of edges) {
    const [from, to] = [visible(known.get(edge.source.ftmId)), visible(known.get(edge.target.ftmId))];
    if (!from || !to) {
      rejections.add(edge.line, from ? edge.target.prop : edge.source.prop, 'UNKNOWN_PARTY');
      continue;
    }
    if (from.ended || to.ended) {
      rejections.add(edge.line, from.ended ? edge.source.prop : edge.target.prop, 'PARTY_ENDED');
      continue;
    }
    const problem = relationshipProblems({ ...edge, fromId: from.id, toId: to.id, fromKind: from.kind, toKind: to.kind })[0];
    if (problem) {
      rejections.add(edge.line, FIELD_OF_PROBLEM[problem.field]?.(edge) ?? problem.field, problem.code);
      continue;
    }
    const { type, role, shareBasisPoints, validFrom, validTo } = edge;
    sound.push({ edge, from, to, values: { fromPartyId: from.id, toPartyId: to.id, type, role, shareBasisPoints, validFrom, validTo, source: 'ftm' } });
  }
  const seen = await existingRelationships(tx, new Set(sound.filter((s) => s.from.existed && s.to.existed).map((s) => s.from.id)));
  const fresh = sound.filter(({ values }) => {
    const key = relationshipKey({ ...values, validFrom: values.validFrom ?? null });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { sound, fresh };
}

const PREVIEW_ROWS = 10;

/**
 * Reads FtM entity JSON lines (Person, Company, Organization, PublicBody, LegalEntity and the edges
 * Ownership, Directorship, Employment, Family, Associate, UnknownLink). Entities imported before
 * (same id) and relationships already recorded are valid but skipped, so a file can be loaded again.
 */
export async function importFtm(db: Db, ctx: RequestContext, bytes: Uint8Array, options: ImportOptions, locale: Locale): Promise<ImportReport> {
  const parsed = parseFtm(new TextDecoder('utf-8').decode(bytes));
  options.onProgress?.('parse', parsed.rows, parsed.rows);
  const rejections = new Rejections(locale);
  for (const p of parsed.problems) rejections.add(p.line, p.field, p.code, p.params);
  return inTransaction(db, async (tx) => {
    const ids = new Set([...parsed.parties.map((p) => p.ftmId), ...parsed.edges.flatMap((e) => [e.source.ftmId, e.target.ftmId])]);
    const known = await knownParties(tx, ids);
    const newParties = await acceptParties(tx, ctx, parsed.parties, known, rejections);
    const { sound, fresh } = await acceptEdges(tx, ctx, parsed.edges, known, rejections);
    const valid = parsed.parties.filter((d) => known.has(d.ftmId) && known.get(d.ftmId)!.existed).length + newParties.length + sound.length;
    options.onProgress?.('validate', valid, parsed.rows);
    const write = !options.dryRun && (newParties.length > 0 || fresh.length > 0);
    if (write) {
      await insertPartiesBulk(tx, ctx, newParties.map((p) => p.party), 'import');
      await insertRelationshipsBulk(tx, ctx, fresh.map((f) => f.values), 'import');
      options.onProgress?.('write', newParties.length + fresh.length, newParties.length + fresh.length);
    }
    const created: Record<string, number> = write ? { parties: newParties.length, relationships: fresh.length } : {};
    const preview = [
      ...newParties.map(({ draft, party }) => ({ line: draft.line, schema: draft.schema, id: draft.ftmId, kind: party.kind, name: party.name })),
      ...fresh.map(({ edge, from, to }) => ({ line: edge.line, schema: edge.schema, id: edge.ftmId, type: edge.type, from: from.name, to: to.name })),
    ]
      .sort((a, b) => a.line - b.line)
      .slice(0, PREVIEW_ROWS)
      .map(({ line, ...row }) => ({ line: String(line), ...row }));
    return {
      kind: 'ftm',
      format: 'ftm',
      encoding: 'utf-8',
      columns: [],
      mapping: {},
      rows: parsed.rows,
      valid,
      rejected: rejections.list(),
      written: write,
      created,
      preview,
    };
  });
}
