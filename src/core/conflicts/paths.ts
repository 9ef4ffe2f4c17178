import { relationshipRules, type RelationshipType } from '../relationships';

/** A party with more links than this (the firm itself, a large group) is reached but not walked through. */
export const HUB_LINKS = 25;

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  type: RelationshipType;
}

/** One step of a path: the relationship taken and the party it leads to. */
export interface PathStep {
  edge: GraphEdge;
  /** The relationship points from `partyId` back to the previous party. */
  reversed: boolean;
  partyId: string;
}

export type PathTarget = 'staff' | 'client';

export interface FoundPath {
  target: PathTarget;
  steps: PathStep[];
  /** Only circumstantial links (shared address or phone) make it. */
  weak: boolean;
}

export interface PathSearch {
  start: string;
  hops: number;
  edgesOf: (partyId: string) => readonly GraphEdge[];
  /** What the party is to the firm, when it is something a path should end at. */
  targetOf: (partyId: string) => PathTarget | null;
  /** A party with too many links (the firm itself, a large group): reached, never walked through. */
  isHub: (partyId: string) => boolean;
  maxPaths?: number;
}

const isWeak = (steps: readonly PathStep[]) => steps.some((step) => relationshipRules[step.edge.type].weak);

/**
 * Every simple path of at most `hops` relationships from the start to staff or a client; a path ends
 * at the first such party. One path per party reached, the strongest and shortest, best first.
 */
export function findPaths(search: PathSearch): FoundPath[] {
  const best = new Map<string, FoundPath>();
  const better = (a: FoundPath, b: FoundPath) => (a.weak !== b.weak ? !a.weak : a.steps.length < b.steps.length);
  const visited = new Set([search.start]);
  const walk = (at: string, steps: PathStep[]) => {
    if (steps.length >= search.hops || (steps.length > 0 && search.isHub(at))) return;
    for (const edge of search.edgesOf(at)) {
      const next = edge.from === at ? edge.to : edge.from;
      if (visited.has(next)) continue;
      const path = [...steps, { edge, reversed: edge.from !== at, partyId: next }];
      const target = search.targetOf(next);
      if (target) {
        const found = { target, steps: path, weak: isWeak(path) };
        const previous = best.get(next);
        if (!previous || better(found, previous)) best.set(next, found);
        continue;
      }
      visited.add(next);
      walk(next, path);
      visited.delete(next);
    }
  };
  walk(search.start, []);
  return [...best.values()]
    .sort((a, b) => Number(a.weak) - Number(b.weak) || a.steps.length - b.steps.length || (a.target === 'staff' ? -1 : 0) - (b.target === 'staff' ? -1 : 0))
    .slice(0, search.maxPaths ?? 10);
}
