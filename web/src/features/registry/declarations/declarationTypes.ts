import type { RelationshipType } from '../types';

export const RELATIVE_RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'relative'] as const satisfies readonly RelationshipType[];
export const INTEREST_RELATIONS = ['shareholder', 'director', 'supervisor', 'legal_representative', 'employee', 'business_partner'] as const satisfies readonly RelationshipType[];

export interface RelativeItem {
  type: 'relative';
  relation: (typeof RELATIVE_RELATIONS)[number];
  name: string;
  idNumber?: string | null;
  /** Where the relative works, e.g. a client. */
  employer?: string | null;
  position?: string | null;
  notes?: string | null;
}

export interface InterestItem {
  type: 'interest';
  relation: (typeof INTEREST_RELATIONS)[number];
  organisation: string;
  uscc?: string | null;
  /** As entered: "25", "25%" or, from API clients, a number. */
  percentage?: string | number | null;
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  notes?: string | null;
}

/** A personal dispute of the declarant, with a registry party or with a person or organisation named. */
export interface DisputeItem {
  type: 'dispute';
  counterpartyId?: string | null;
  counterpartyKind?: 'person' | 'org' | null;
  counterpartyName?: string | null;
  /** Resident ID number for a person, USCC for an organisation: finds them in the registry. */
  counterpartyIdentifier?: string | null;
  description: string;
  since: string;
  endedOn?: string | null;
}

export type DeclarationItem = RelativeItem | InterestItem | DisputeItem;

export const DECLARATION_STATUSES = ['submitted', 'accepted', 'rejected', 'withdrawn'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

type UserRef = { id: string; username: string; displayName: string };

export interface Declaration {
  id: string;
  user: UserRef;
  status: DeclarationStatus;
  statement: string | null;
  items: DeclarationItem[];
  submittedAt: string;
  reviewedBy: UserRef | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  /** Relationships created in the registry when the declaration was accepted. */
  relationshipIds: string[];
}

export const declarationApi = (id: string, action: string) => `/api/registry/declarations/${encodeURIComponent(id)}/${action}`;
