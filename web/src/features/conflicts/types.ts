// Shapes of the conflict-check API (src/modules/conflicts/conflicts.types.ts), as the web app reads them.
import type { ClientStatus, IdentifierScheme, PartyKind, RelationshipType } from '../registry/types';

export const MATCH_MODES = ['fuzzy', 'exact'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export const SUBJECT_ROLES = ['prospective_client', 'counterparty', 'benefit_recipient', 'other'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export const LEVELS = ['none', 'possible', 'likely'] as const;
export type Level = (typeof LEVELS)[number];

export const MAX_HOPS = 3;
export const MAX_SUBJECTS = 50;
export const MAX_IDENTIFIERS = 10;

/** Relationships that read the same both ways: drawn without an arrowhead. */
export const SYMMETRIC_TYPES: ReadonlySet<RelationshipType> = new Set(['spouse', 'sibling', 'relative', 'business_partner', 'same_address', 'same_phone', 'dispute']);
/** Circumstantial links (shared address or phone): drawn dashed. */
export const WEAK_TYPES: ReadonlySet<RelationshipType> = new Set(['same_address', 'same_phone']);

export interface SubjectInput {
  name: string;
  /** Without a kind the name is read both as a person and as an organisation. */
  kind?: PartyKind;
  role: SubjectRole;
  identifiers: { scheme: IdentifierScheme; value: string }[];
}

export interface ConflictCheckInput {
  subjects: SubjectInput[];
  mode?: MatchMode;
  hops?: number;
  purpose?: string | null;
}

/** A reason code with its parameters and its explanation in the reader's language. */
export interface Reason {
  code: string;
  params: Record<string, string | number | boolean>;
  text: string;
}

/** What the firm knows a party to be: the facts that make a hit matter. */
export interface PartyFacts {
  id: string;
  kind: PartyKind;
  name: string;
  staff: { userId: string; displayName: string } | null;
  client: { id: string; status: ClientStatus } | null;
  publicOfficial: boolean;
  ended: boolean;
}

export interface PathStep {
  relationshipId: string;
  type: RelationshipType;
  /** True when the relationship points from this step's party to the previous one (read it backwards). */
  reversed: boolean;
  label: string;
  party: { id: string; name: string; kind: PartyKind };
}

/** From the matched party to something the firm cares about: a member of staff or a client. */
export interface ConflictPath {
  target: 'staff' | 'client';
  steps: PathStep[];
  /** Only circumstantial links (shared address or phone) on the way. */
  weak: boolean;
  text: string;
}

export interface ConflictHit {
  party: PartyFacts;
  score: number;
  likely: boolean;
  matchedName: string;
  reasons: Reason[];
  paths: ConflictPath[];
}

export type SuggestionHit = Omit<ConflictHit, 'paths'>;

export interface Suggestions {
  hits: SuggestionHit[];
  indexSize: number;
}

export interface SubjectResult {
  subject: { name: string; kind: PartyKind | null; role: SubjectRole; identifiers: { scheme: string; value: string }[] };
  level: Level;
  hits: ConflictHit[];
}

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface ConflictCheckSummary {
  id: string;
  ref: string;
  checkedBy: UserRef | null;
  checkedAt: string;
  mode: MatchMode;
  hops: number;
  purpose: string | null;
  level: Level;
  hitCount: number;
  indexSize: number;
  tookMs: number;
  subjects: string[];
}

export interface ConflictCheck extends Omit<ConflictCheckSummary, 'subjects'> {
  results: SubjectResult[];
}

export interface ConflictSettings {
  defaultMode: MatchMode;
  defaultHops: number;
  /** Hits scoring below this are not shown. */
  minScore: number;
}

export const CHECKS_API = '/api/conflict-checks';
export const SUGGESTIONS_API = `${CHECKS_API}/suggestions`;
export const SETTINGS_API = `${CHECKS_API}/settings`;
export const checkApi = (id: string) => `${CHECKS_API}/${encodeURIComponent(id)}`;

export const CONFLICTS_PATH = '/conflicts';
export const HISTORY_PATH = '/conflicts/history';
export const SETTINGS_PATH = '/conflicts/settings';
export const checkPath = (id: string) => `/conflicts/checks/${encodeURIComponent(id)}`;

/** 0.873 → "87%". */
export const percent = (score: number) => `${Math.round(score * 100)}%`;
