import { gramsOf } from './grams';
import { forms, type NameForms, type PartyKind } from './normalize';
import { Postings, topK } from './postings';
import { scoreNames, type MatchMode, type Reason } from './score';

export interface Identifier {
  scheme: string;
  value: string;
}
export interface IndexedParty {
  id: string;
  kind: PartyKind;
  names: string[];
  identifiers?: Identifier[];
}
export interface NameQuery {
  name: string;
  kind?: PartyKind;
  identifiers?: Identifier[];
}
export interface SearchOptions {
  top: number;
  mode: MatchMode;
  /** Hits scoring below this are left out (few, well-ranked hits); default MIN_SCORE. */
  minScore?: number;
}
export interface Hit {
  partyId: string;
  score: number;
  matchedName: string;
  reasons: Reason[];
}

export const MIN_SCORE = 0.5;
/** Candidates scored in full per query; the rest are ranked by shared grams only. */
const CANDIDATES = 200;
/** A gram on more than this share of entries (有限, 科技, zha) is read only if the query has no rarer one. */
const COMMON_SHARE = 0.01;

const kindCode = (kind: PartyKind) => (kind === 'person' ? 1 : 2);
const identifierKey = ({ scheme, value }: Identifier) => `${scheme.toLowerCase()}:${value.replace(/[\s-]+/gu, '').toUpperCase()}`;

/**
 * An in-memory index of party names for the conflict check: integer entry ids (one per name),
 * IDF-weighted gram postings for candidates, then full scoring of the best few hundred.
 */
export class NameIndex {
  private readonly postings = new Postings();
  private readonly exact = new Map<string, number[]>();
  private readonly byIdentifier = new Map<string, number[]>();
  private readonly byId = new Map<string, number>();
  private readonly parties: { id: string; kind: PartyKind; entries: number[]; keys: string[] }[] = [];
  private readonly entryParty: number[] = [];
  private readonly entryName: string[] = [];
  private readonly entryForms: NameForms[] = [];
  /** 1 person, 2 organisation, 0 removed: checked for every posting read, so a typed array. */
  private entryKind = new Uint8Array(1024);
  private scores = new Float32Array(1024);

  get size(): number {
    return this.byId.size;
  }

  /** Adds a party, or replaces the one with the same id. */
  add(party: IndexedParty): void {
    this.remove(party.id);
    const index = this.parties.length;
    const keys = (party.identifiers ?? []).map(identifierKey);
    const entries = party.names.filter((name) => name.trim()).map((name) => this.addEntry(index, name, party.kind));
    for (const key of keys) append(this.byIdentifier, key, index);
    this.parties.push({ id: party.id, kind: party.kind, entries, keys });
    this.byId.set(party.id, index);
  }

  /** Removes a party; its postings stay, skipped as dead, until a rebuild. */
  remove(id: string): void {
    const index = this.byId.get(id);
    if (index === undefined) return;
    const party = this.parties[index]!;
    this.byId.delete(id);
    for (const entry of party.entries) {
      this.entryKind[entry] = 0;
      without(this.exact, this.entryForms[entry]!.full, entry);
    }
    for (const key of party.keys) without(this.byIdentifier, key, index);
  }

  search(query: NameQuery, options: SearchOptions): Hit[] {
    // Without a kind, the name is read both ways and each candidate compared with the reading of its kind.
    const queryForms = new Map((query.kind ? [query.kind] : (['org', 'person'] as const)).map((kind) => [kind, forms(query.name, kind)]));
    const wanted = query.kind ? kindCode(query.kind) : 0;
    const best = new Map<number, Hit>();
    for (const key of (query.identifiers ?? []).map(identifierKey)) {
      for (const index of this.byIdentifier.get(key) ?? []) {
        const party = this.parties[index]!;
        best.set(index, { partyId: party.id, score: 1, matchedName: this.entryName[party.entries[0]!] ?? '', reasons: [{ code: 'IDENTIFIER', scheme: key.split(':')[0]! }] });
      }
    }
    for (const entry of this.candidates([...queryForms.values()], wanted, options.mode)) {
      const index = this.entryParty[entry]!;
      const party = this.parties[index]!;
      const scored = scoreNames(queryForms.get(party.kind)!, this.entryForms[entry]!, options.mode);
      if (!scored || scored.score < (options.minScore ?? MIN_SCORE)) continue;
      const previous = best.get(index);
      if (previous?.reasons[0]?.code === 'IDENTIFIER') {
        if (previous.reasons.length === 1) previous.reasons.push(...scored.reasons);
      } else if (!previous || scored.score > previous.score) {
        best.set(index, { partyId: party.id, score: scored.score, matchedName: this.entryName[entry]!, reasons: scored.reasons });
      }
    }
    const identified = (hit: Hit) => (hit.reasons[0]?.code === 'IDENTIFIER' ? 1 : 0);
    return [...best.entries()]
      .sort(([a, x], [b, y]) => y.score - x.score || identified(y) - identified(x) || a - b)
      .slice(0, options.top)
      .map(([, hit]) => ({ ...hit, score: Math.round(hit.score * 1000) / 1000 }));
  }

  private addEntry(party: number, name: string, kind: PartyKind): number {
    const entry = this.entryParty.length;
    const f = forms(name, kind);
    this.entryParty.push(party);
    this.entryName.push(name);
    this.entryForms.push(f);
    if (entry >= this.entryKind.length) {
      const grown = new Uint8Array(this.entryKind.length * 2);
      grown.set(this.entryKind);
      this.entryKind = grown;
      this.scores = new Float32Array(grown.length);
    }
    this.entryKind[entry] = kindCode(kind);
    append(this.exact, f.full, entry);
    for (const gram of gramsOf(f)) this.postings.add(gram, entry);
    return entry;
  }

  /** Live entries of the wanted kind (0: any) sharing the rarest grams, exact matches first. */
  private candidates(queryForms: NameForms[], wanted: number, mode: MatchMode): number[] {
    const kinds = this.entryKind;
    const live = (entry: number) => (wanted ? kinds[entry] === wanted : kinds[entry] !== 0);
    const exact = [...new Set(queryForms.flatMap((f) => this.exact.get(f.full) ?? []))].filter(live);
    if (mode === 'exact') return exact;
    const grams = [...new Set(queryForms.flatMap((f) => [...gramsOf(f)]))]
      .map((gram) => ({ gram, count: this.postings.count(gram) }))
      .filter(({ count }) => count > 0)
      .sort((a, b) => a.count - b.count);
    const total = this.entryParty.length;
    const common = Math.max(1000, total * COMMON_SHARE);
    const scores = this.scores;
    const touched: number[] = [];
    for (let read = 0; read < grams.length; read += 1) {
      const { gram, count } = grams[read]!;
      if (count > common && read >= 2) break;
      const weight = Math.log(1 + total / count);
      for (const entry of this.postings.get(gram)!) {
        if (scores[entry] === 0) {
          if (!live(entry)) continue;
          touched.push(entry);
        }
        scores[entry]! += weight;
      }
    }
    const chosen = topK(touched, this.scores, CANDIDATES);
    for (const entry of touched) this.scores[entry] = 0;
    return [...new Set([...exact, ...chosen])];
  }
}

function append(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function without(map: Map<string, number[]>, key: string, value: number): void {
  const rest = (map.get(key) ?? []).filter((v) => v !== value);
  if (rest.length) map.set(key, rest);
  else map.delete(key);
}
