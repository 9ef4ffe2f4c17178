// `probity match`: the name-matching engine over two CSV files, without a database.
import { readFile } from 'node:fs/promises';
import { CsvSyntaxError, decodeText, parseCsv } from '../core/csv';
import { NameIndex, type Hit, type Identifier } from '../core/matching/name-index';
import type { PartyKind } from '../core/matching/normalize';

export interface MatchArgs {
  parties: string;
  queries: string;
  top: number;
}

interface Row {
  id: string;
  kind: PartyKind;
  names: string[];
  identifiers: Identifier[];
}

export class MatchInputError extends Error {}

/** Rows of an `id,kind,name[,aliases][,uscc]` file; aliases are separated by `|`. */
export async function readParties(file: string): Promise<Row[]> {
  const { records, lines } = parseCsv(decodeText(await readFile(file)).text);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const [id, kind, name, aliases, uscc] = ['id', 'kind', 'name', 'aliases', 'uscc'].map(column) as [number, number, number, number, number];
  if (id < 0 || kind < 0 || name < 0) throw new MatchInputError(`${file}: the header must have id, kind and name`);
  return records.slice(1).map((record, n) => {
    const cell = (at: number) => (at < 0 ? '' : (record[at] ?? '').trim());
    const rowKind = cell(kind);
    if (rowKind !== 'person' && rowKind !== 'org') throw new MatchInputError(`${file} line ${lines[n + 1]}: kind must be person or org, not "${rowKind}"`);
    return {
      id: cell(id),
      kind: rowKind,
      names: [cell(name), ...cell(aliases).split('|').map((a) => a.trim())].filter(Boolean),
      identifiers: cell(uscc) ? [{ scheme: 'uscc', value: cell(uscc) }] : [],
    };
  });
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

/** Prints one JSON line per query: {"query":id,"hits":[{"party":id,"score":s},…]}. */
export async function matchCommand(args: MatchArgs): Promise<number> {
  try {
    const index = new NameIndex();
    for (const party of await readParties(args.parties)) index.add(party);
    for (const query of await readParties(args.queries)) {
      const hits = matchRow(index, query, args.top).map((hit) => ({ party: hit.partyId, score: hit.score }));
      process.stdout.write(`${JSON.stringify({ query: query.id, hits })}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof MatchInputError || error instanceof CsvSyntaxError)) throw error;
    console.error(error.message);
    return 1;
  }
}
