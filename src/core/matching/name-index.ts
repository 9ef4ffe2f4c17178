import { gramsOf } from './grams';
import { forms, type NameForms, type PartyKind } from './normalize';
import { hasFull, pack, unpack } from './packed';
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

/** A 30-bit FNV-1a hash (a small integer key, so the exact-name table holds numbers, not strings). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

function grown<T extends Uint8Array | Int32Array | Float32Array>(array: T, needed: number, make: (length: number) => T): T {
  if (needed < array.length) return array;
  const bigger = make(Math.max(needed + 1, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * An in-memory index of party names for the conflict check: integer entry ids (one per name),
 * IDF-weighted gram postings for candidates, then full scoring of the best few hundred. Kept compact for
 * a million parties: typed arrays per entry and per party, each name's forms packed into one string.
 */
export class NameIndex {
  private readonly postings = new Postings((entry) => this.entryKind[entry] !== 0);
  /** Hash of the exact form → its first entry; further entries of the same hash chained in `exactNext`. */
  private readonly exactHead = new Map<number, number>();
  private exactNext = new Int32Array(1024);
  private readonly byIdentifier = new Map<string, number[]>();
  private readonly byId = new Map<string, number>();
  private readonly partyIds: string[] = [];
  /** A party's entries are consecutive: `partyFirst` and `partyCount` of them. */
  private partyFirst = new Int32Array(1024);
  private partyCount = new Int32Array(1024);
  private readonly partyKeys = new Map<number, string[]>();
  private entryParty = new Int32Array(1024);
  private readonly entryName: string[] = [];
  private readonly entryForms: string[] = [];
  /** 1 person, 2 organisation, 0 removed: checked for every posting read, so a typed array. */
  private entryKind = new Uint8Array(1024);
  private scores = new Float32Array(1024);

  get size(): number {
    return this.byId.size;
  }

  /** Adds a party, or replaces the one with the same id. */
  add(party: IndexedParty): void {
    this.remove(party.id);
    const index = this.partyIds.length;
    this.partyFirst = grown(this.partyFirst, index, (n) => new Int32Array(n));
    this.partyCount = grown(this.partyCount, index, (n) => new Int32Array(n));
    this.partyFirst[index] = this.entryName.length;
    for (const name of party.names) if (name.trim()) this.addEntry(index, name, party.kind);
    this.partyCount[index] = this.entryName.length - this.partyFirst[index]!;
    const keys = (party.identifiers ?? []).map(identifierKey);
    if (keys.length) this.partyKeys.set(index, keys);
    for (const key of keys) append(this.byIdentifier, key, index);
    this.partyIds.push(party.id);
    this.byId.set(party.id, index);
  }

  /** Packs recently added postings (and drops removed ones): call after a bulk load, before searching. */
  compact(): void {
    this.postings.merge();
  }

  /** Removes a party; its postings stay, skipped as dead, until the next merge. */
  remove(id: string): void {
    const index = this.byId.get(id);
    if (index === undefined) return;
    this.byId.delete(id);
    this.partyIds[index] = '';
    for (let entry = this.partyFirst[index]!, end = entry + this.partyCount[index]!; entry < end; entry += 1) {
      this.unlinkExact(entry);
      this.entryKind[entry] = 0;
      this.entryName[entry] = '';
      this.entryForms[entry] = '';
    }
    for (const key of this.partyKeys.get(index) ?? []) without(this.byIdentifier, key, index);
    this.partyKeys.delete(index);
  }

  search(query: NameQuery, options: SearchOptions): Hit[] {
    // Without a kind, the name is read both ways and each candidate compared with the reading of its kind.
    const queryForms = new Map((query.kind ? [query.kind] : (['org', 'person'] as const)).map((kind) => [kind, forms(query.name, kind)]));
    const wanted = query.kind ? kindCode(query.kind) : 0;
    const best = new Map<number, Hit>();
    for (const key of (query.identifiers ?? []).map(identifierKey)) {
      for (const index of this.byIdentifier.get(key) ?? []) {
        best.set(index, { partyId: this.partyIds[index]!, score: 1, matchedName: this.entryName[this.partyFirst[index]!] ?? '', reasons: [{ code: 'IDENTIFIER', scheme: key.split(':')[0]! }] });
      }
    }
    for (const entry of this.candidates([...queryForms.values()], wanted, options.mode)) {
      const index = this.entryParty[entry]!;
      const kind: PartyKind = this.entryKind[entry] === 1 ? 'person' : 'org';
      const scored = scoreNames(queryForms.get(kind)!, unpack(this.entryForms[entry]!), options.mode);
      if (!scored || scored.score < (options.minScore ?? MIN_SCORE)) continue;
      const previous = best.get(index);
      if (previous?.reasons[0]?.code === 'IDENTIFIER') {
        if (previous.reasons.length === 1) previous.reasons.push(...scored.reasons);
      } else if (!previous || scored.score > previous.score) {
        best.set(index, { partyId: this.partyIds[index]!, score: scored.score, matchedName: this.entryName[entry]!, reasons: scored.reasons });
      }
    }
    const identified = (hit: Hit) => (hit.reasons[0]?.code === 'IDENTIFIER' ? 1 : 0);
    return [...best.entries()]
      .sort(([a, x], [b, y]) => y.score - x.score || identified(y) - identified(x) || a - b)
      .slice(0, options.top)
      .map(([, hit]) => ({ ...hit, score: Math.round(hit.score * 1000) / 1000 }));
  }

  private addEntry(party: number, name: string, kind: PartyKind): number {
    const entry = this.entryName.length;
    const f = forms(name, kind);
    this.entryParty = grown(this.entryParty, entry, (n) => new Int32Array(n));
    this.entryKind = grown(this.entryKind, entry, (n) => new Uint8Array(n));
    this.exactNext = grown(this.exactNext, entry, (n) => new Int32Array(n));
    if (this.scores.length < this.entryKind.length) this.scores = new Float32Array(this.entryKind.length);
    this.entryParty[entry] = party;
    this.entryName.push(name);
    this.entryForms.push(pack(f));
    this.entryKind[entry] = kindCode(kind);
    const key = hash(f.full);
    this.exactNext[entry] = this.exactHead.get(key) ?? -1;
    this.exactHead.set(key, entry);
    for (const gram of gramsOf(f)) this.postings.add(gram, entry);
    return entry;
  }

  private unlinkExact(entry: number): void {
    const key = hash(unpack(this.entryForms[entry]!).full);
    let at = this.exactHead.get(key) ?? -1;
    if (at === entry) {
      const next = this.exactNext[entry]!;
      if (next < 0) this.exactHead.delete(key);
      else this.exactHead.set(key, next);
      return;
    }
    while (at >= 0 && this.exactNext[at] !== entry) at = this.exactNext[at]!;
    if (at >= 0) this.exactNext[at] = this.exactNext[entry]!;
  }

  /** Live entries whose exact form is `full`. */
  private exactly(full: string): number[] {
    const found: number[] = [];
    for (let at = this.exactHead.get(hash(full)) ?? -1; at >= 0; at = this.exactNext[at]!) {
      if (this.entryKind[at] !== 0 && hasFull(this.entryForms[at]!, full)) found.push(at);
    }
    return found;
  }

  /** Live entries of the wanted kind (0: any) sharing the rarest grams, exact matches first. */
  private candidates(queryForms: NameForms[], wanted: number, mode: MatchMode): number[] {
    const kinds = this.entryKind;
    const live = (entry: number) => (wanted ? kinds[entry] === wanted : kinds[entry] !== 0);
    const exact = [...new Set(queryForms.flatMap((f) => this.exactly(f.full)))].filter(live);
    if (mode === 'exact') return exact;
    const grams = [...new Set(queryForms.flatMap((f) => [...gramsOf(f)]))]
      .map((gram) => this.postings.gram(gram))
      .filter((g) => g >= 0)
      .map((g) => ({ g, count: this.postings.count(g) }))
      .filter(({ count }) => count > 0)
      .sort((a, b) => a.count - b.count);
    const total = this.entryName.length;
    const common = Math.max(1000, total * COMMON_SHARE);
    const scores = this.scores;
    const touched: number[] = [];
    for (let read = 0; read < grams.length; read += 1) {
      const { g, count } = grams[read]!;
      if (count > common && read >= 2) break;
      this.postings.accumulate(g, Math.log(1 + total / count), scores, touched, kinds, wanted);
    }
    const chosen = topK(touched, scores, CANDIDATES);
    for (const entry of touched) scores[entry] = 0;
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
