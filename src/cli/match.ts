// `probity match`: the name-matching engine over two CSV files, without a database.
import { readFile } from 'node:fs/promises';
import { CsvSyntaxError, decodeText, parseCsv } from '../core/csv';
import { findPaths, HUB_LINKS, type GraphEdge, type PathTarget } from '../core/conflicts/paths';
import { NameIndex, type Hit, type Identifier } from '../core/matching/name-index';
import type { PartyKind } from '../core/matching/normalize';
import { relationshipTypes, type RelationshipType } from '../core/relationships';

export interface MatchArgs {
  parties: string;
  queries: string;
  top: number;
  hops: number;
  relationships?: string;
}

interface Row {
  id: string;
  kind: PartyKind;
  names: string[];
  identifiers: Identifier[];
  role: PathTarget | null;
}

export class MatchInputError extends Error {}

/** The rows of a CSV file as cell readers by column name; `required` columns must be in the header. */
async function readTable(file: string, required: string[]) {
  const { records, lines } = parseCsv(decodeText(await readFile(file)).text);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length) throw new MatchInputError(`${file}: the header must have ${required.join(', ')} (missing: ${missing.join(', ')})`);
  return records.slice(1).map((record, n) => ({
    cell: (name: string) => (header.includes(name) ? (record[header.indexOf(name)] ?? '').trim() : ''),
    where: `${file} line ${lines[n + 1]}`,
  }));
}

/** Rows of an `id,kind,name[,aliases][,uscc][,role]` file; aliases are separated by `|`. */
export async function readParties(file: string): Promise<Row[]> {
  return (await readTable(file, ['id', 'kind', 'name'])).map(({ cell, where }) => {
    const kind = cell('kind');
    if (kind !== 'person' && kind !== 'org') throw new MatchInputError(`${where}: kind must be person or org, not "${kind}"`);
    const role = cell('role').toLowerCase();
    if (role && role !== 'staff' && role !== 'client') throw new MatchInputError(`${where}: role must be staff, client or empty, not "${role}"`);
    return {
      id: cell('id'),
      kind,
      names: [cell('name'), ...cell('aliases').split('|').map((a) => a.trim())].filter(Boolean),
      identifiers: cell('uscc') ? [{ scheme: 'uscc', value: cell('uscc') }] : [],
      role: role ? (role as PathTarget) : null,
    };
  });
}

const isRelationshipType = (type: string): type is RelationshipType => (relationshipTypes as readonly string[]).includes(type);

/** A `from,to,type` file: the relationships between parties, by their ids. */
async function readRelationships(file: string): Promise<Map<string, GraphEdge[]>> {
  const links = new Map<string, GraphEdge[]>();
  for (const [n, { cell, where }] of (await readTable(file, ['from', 'to', 'type'])).entries()) {
    const type = cell('type');
    if (!isRelationshipType(type)) throw new MatchInputError(`${where}: type must be one of ${relationshipTypes.join(', ')}, not "${type}"`);
    const edge = { id: String(n + 1), from: cell('from'), to: cell('to'), type };
    for (const end of new Set([edge.from, edge.to])) links.set(end, [...(links.get(end) ?? []), edge]);
  }
  return links;
}

/** The best `top` parties over all of a query's names, best first. */
function matchRow(index: NameIndex, query: Row, top: number): Hit[] {
  const best = new Map<string, Hit>();
  for (const name of query.names) {
    for (const hit of index.search({ name, kind: query.kind, identifiers: query.identifiers }, { top, mode: 'fuzzy' })) {
      if ((best.get(hit.partyId)?.score ?? -1) < hit.score) best.set(hit.partyId, hit);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, top);
}

/** Prints one JSON line per query: {"query":id,"hits":[{"party":id,"score":s},…]}, with paths when hops > 0. */
export async function matchCommand(args: MatchArgs): Promise<number> {
  try {
    const index = new NameIndex();
    const roles = new Map<string, PathTarget>();
    for (const party of await readParties(args.parties)) {
      index.add(party);
      if (party.role) roles.set(party.id, party.role);
    }
    const links = args.hops > 0 && args.relationships ? await readRelationships(args.relationships) : new Map<string, GraphEdge[]>();
    const edgesOf = (id: string) => links.get(id) ?? [];
    const pathsOf = (start: string) =>
      findPaths({ start, hops: args.hops, edgesOf, targetOf: (id) => roles.get(id) ?? null, isHub: (id) => edgesOf(id).length > HUB_LINKS }).map((path) => ({
        target: path.target,
        steps: path.steps.map((step) => ({ type: step.edge.type, party: step.partyId })),
      }));
    for (const query of await readParties(args.queries)) {
      const hits = matchRow(index, query, args.top).map((hit) => (args.hops > 0 ? { party: hit.partyId, score: hit.score, paths: pathsOf(hit.partyId) } : { party: hit.partyId, score: hit.score }));
      process.stdout.write(`${JSON.stringify({ query: query.id, hits })}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof MatchInputError || error instanceof CsvSyntaxError)) throw error;
    console.error(error.message);
    return 1;
  }
}
