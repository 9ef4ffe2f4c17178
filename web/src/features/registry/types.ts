// Shapes of the registry API (src/modules/registry/registry.types.ts), as the web app reads them.

export const PARTY_KINDS = ['person', 'org'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const IDENTIFIER_SCHEMES = ['uscc', 'cn_resident_id', 'passport', 'other'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export const NAME_TYPES = ['primary', 'alias', 'former', 'english', 'abbreviation', 'traditional'] as const;
export type NameType = (typeof NAME_TYPES)[number];

export const NAME_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en', 'pinyin', 'other'] as const;
export type NameLanguage = (typeof NAME_LANGUAGES)[number];

export const RELATIONSHIP_TYPES = [
  'spouse', 'parent', 'child', 'sibling', 'relative',
  'shareholder', 'director', 'supervisor', 'legal_representative', 'employee',
  'business_partner', 'public_official', 'same_address', 'same_phone',
  'dispute',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export const SOURCES = ['manual', 'declared', 'imported', 'ftm', 'seed'] as const;
export type Source = (typeof SOURCES)[number];

export const CLIENT_STATUSES = ['prospect', 'active', 'former'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export interface PartyRef {
  id: string;
  name: string;
  kind: PartyKind;
}

export interface PartySummary {
  id: string;
  kind: PartyKind;
  primaryName: string;
  ref: string | null;
  country: string | null;
  publicOfficial: boolean;
  isClient: boolean;
  isStaff: boolean;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface PartyName {
  id: string;
  name: string;
  language: NameLanguage;
  nameType: NameType;
  createdAt: string;
  endedAt: string | null;
}

export interface Identifier {
  id: string;
  scheme: IdentifierScheme;
  /** Masked for ID and passport numbers; the full value only comes from the reveal endpoint. */
  value: string;
  masked: boolean;
  country: string | null;
  createdAt: string;
  endedAt: string | null;
}

export interface Relationship {
  id: string;
  type: RelationshipType;
  from: PartyRef;
  to: PartyRef;
  percentage: string | null;
  role: string | null;
  validFrom: string | null;
  validTo: string | null;
  current: boolean;
  source: Source;
  notes: string | null;
  createdAt: string;
  supersededById: string | null;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

type UserRef = { id: string; username: string; displayName: string };

export interface Client {
  id: string;
  party: PartyRef;
  status: ClientStatus;
  owner: UserRef | null;
  department: { id: string; code: string; name: string } | null;
  serviceLines: string[];
  startDate: string | null;
  endDate: string | null;
  annualRevenue: Money | null;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: string;
  party: { id: string; name: string };
  role: string | null;
  title: string | null;
  isPrimary: boolean;
  createdAt: string;
  endedAt: string | null;
}

export interface ClientDetail extends Client {
  contacts: Contact[];
}

export interface PartyDetail extends PartySummary {
  address: string | null;
  notes: string | null;
  officialPosition: string | null;
  userId: string | null;
  source: Source;
  endReason: string | null;
  names: PartyName[];
  identifiers: Identifier[];
  client: Client | null;
  contactOf: { clientId: string; name: string; role: string | null; title: string | null }[];
  relationships: Relationship[];
}

export interface GraphNode extends PartyRef {
  depth: number;
  isClient: boolean;
  isStaff: boolean;
  publicOfficial: boolean;
}

export interface Graph {
  nodes: GraphNode[];
  edges: Relationship[];
  truncated: boolean;
}

export const partyPath = (id: string) => `/registry/parties/${encodeURIComponent(id)}`;
export const clientPath = (id: string) => `/registry/clients/${encodeURIComponent(id)}`;
export const partyApi = (id: string, rest = '') => `/api/registry/parties/${encodeURIComponent(id)}${rest}`;
export const clientApi = (id: string, rest = '') => `/api/registry/clients/${encodeURIComponent(id)}${rest}`;
