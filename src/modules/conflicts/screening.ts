// One screening run: names → hits → relationship paths, in a locale-free shape that is saved as is.
import { findPaths, HUB_LINKS, type GraphEdge, type PathTarget } from '../../core/conflicts/paths';
import type { Hit, NameQuery } from '../../core/matching/name-index';
import { LIKELY, type MatchMode, type Reason } from '../../core/matching/score';
import type { RelationshipType } from '../../core/relationships';
import type { Executor } from '../../platform/db/database';
import { currentLinksOf, partyFacts, type PartyFactsRow } from '../registry/screening.service';
import type { PartyIndex } from './party-index';
import type { SubjectInput } from './conflicts.types';

/** Hits per subject: few and well ranked. */
const TOP_HITS = 20;

export type Level = 'none' | 'possible' | 'likely';

export interface SavedStep {
  relationshipId: string;
  type: RelationshipType;
  reversed: boolean;
  party: { id: string; name: string; kind: 'person' | 'org' };
}
export interface SavedPath {
  target: PathTarget;
  weak: boolean;
  steps: SavedStep[];
}
export interface SavedHit {
  party: PartyFactsRow;
  score: number;
  likely: boolean;
  matchedName: string;
  reasons: Reason[];
  paths: SavedPath[];
}
export interface SavedSubjectResult {
  subject: { name: string; kind: 'person' | 'org' | null; role: SubjectInput['role']; identifiers: { scheme: string; value: string }[] };
  level: Level;
  hits: SavedHit[];
}

export interface ScreeningOptions {
  mode: MatchMode;
  hops: number;
  minScore: number;
}

const queryOf = (subject: SubjectInput): NameQuery => ({ name: subject.name, kind: subject.kind, identifiers: subject.identifiers });

/** Names only: the type-ahead, with what each party is to the firm. */
export async function suggest(executor: Executor, index: PartyIndex, query: NameQuery, options: Omit<ScreeningOptions, 'hops'> & { top: number }) {
  const hits = index.names.search(query, { top: options.top, mode: options.mode, minScore: options.minScore });
  const facts = await partyFacts(executor, hits.map((h) => h.partyId));
  return hits.flatMap((hit) => {
    const party = facts.get(hit.partyId);
    return party ? [{ party, score: hit.score, likely: hit.score >= LIKELY, matchedName: hit.matchedName, reasons: hit.reasons }] : [];
  });
}

/** Every current relationship within `hops` of the parties, loaded a level at a time. */
async function neighbourhood(executor: Executor, start: readonly string[], hops: number) {
  const links = new Map<string, GraphEdge[]>();
  const reached = new Set(start);
  let frontier = [...reached];
  for (let hop = 0; hop < hops && frontier.length; hop += 1) {
    const loading = new Set(frontier);
    for (const id of frontier) links.set(id, []);
    for (const edge of await currentLinksOf(executor, frontier)) {
      if (loading.has(edge.from)) links.get(edge.from)!.push(edge);
      if (loading.has(edge.to) && edge.to !== edge.from) links.get(edge.to)!.push(edge);
    }
    const next = new Set<string>();
    for (const id of frontier) {
      const own = links.get(id)!;
      // A hub is not walked through, so what lies beyond it need not be loaded.
      if (own.length > HUB_LINKS && hop > 0) continue;
      for (const edge of own) {
        const other = edge.from === id ? edge.to : edge.from;
        if (!reached.has(other)) next.add(other);
      }
    }
    for (const id of next) reached.add(id);
    frontier = [...next];
  }
  return { links, reached: [...reached] };
}

export const levelOf = (hits: readonly SavedHit[]): Level => {
  if (!hits.length) return 'none';
  const matters = (hit: SavedHit) => hit.party.staff || hit.party.client || hit.party.publicOfficial || hit.paths.some((p) => !p.weak);
  return hits.some((hit) => hit.likely && matters(hit)) ? 'likely' : 'possible';
};

export const overallLevel = (results: readonly SavedSubjectResult[]): Level =>
  results.some((r) => r.level === 'likely') ? 'likely' : results.some((r) => r.level === 'possible') ? 'possible' : 'none';

/** Screens each subject: the matching parties, then their paths to staff and clients. */
export async function screen(executor: Executor, index: PartyIndex, subjects: readonly SubjectInput[], options: ScreeningOptions): Promise<SavedSubjectResult[]> {
  const hitsBySubject: Hit[][] = subjects.map((subject) => index.names.search(queryOf(subject), { top: TOP_HITS, mode: options.mode, minScore: options.minScore }));
  const matched = hitsBySubject.flat().map((h) => h.partyId);
  const { links, reached } = await neighbourhood(executor, matched, options.hops);
  const facts = await partyFacts(executor, [...new Set([...matched, ...reached])]);
  const targetOf = (id: string): PathTarget | null => (facts.get(id)?.staff ? 'staff' : facts.get(id)?.client ? 'client' : null);
  const pathsFrom = (start: string): SavedPath[] =>
    findPaths({ start, hops: options.hops, edgesOf: (id) => links.get(id) ?? [], targetOf, isHub: (id) => (links.get(id)?.length ?? 0) > HUB_LINKS }).map((path) => ({
      target: path.target,
      weak: path.weak,
      steps: path.steps.map((step) => {
        const party = facts.get(step.partyId);
        return { relationshipId: step.edge.id, type: step.edge.type, reversed: step.reversed, party: { id: step.partyId, name: party?.name ?? '', kind: party?.kind ?? 'person' } };
      }),
    }));
  return subjects.map((subject, at) => {
    const hits = hitsBySubject[at]!.flatMap((hit): SavedHit[] => {
      const party = facts.get(hit.partyId);
      if (!party) return [];
      return [{ party, score: hit.score, likely: hit.score >= LIKELY, matchedName: hit.matchedName, reasons: hit.reasons, paths: options.hops > 0 ? pathsFrom(hit.partyId) : [] }];
    });
    return {
      subject: { name: subject.name, kind: subject.kind ?? null, role: subject.role, identifiers: subject.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })) },
      level: levelOf(hits),
      hits,
    };
  });
}
