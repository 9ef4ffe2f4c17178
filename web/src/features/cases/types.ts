// Shapes of the conflict-case API (src/modules/cases/cases.types.ts) as the web app reads them; the
// states, moves and who may make them come from src/core, which the server decides with.
import { caseEventTypes, caseStates, type CaseEventType, type CaseState } from '../../../../src/core/cases/lifecycle';
import { rejectionActions, type RejectionAction } from '../../../../src/core/cases/clearance';
import { disclosureDecisions, type CaseSource, type DisclosureDecision, type Labels, type TaxonomyList } from '../../../../src/core/cases/taxonomy';
import type { ConflictPath } from '../conflicts/types';

export { caseEventTypes, caseStates, type CaseEventType, type CaseSource, type CaseState };

export interface Person {
  id: string;
  displayName: string;
}

export interface CaseSummary {
  id: string;
  ref: string;
  state: CaseState;
  version: number;
  title: string;
  kind: string;
  kindLabel: string;
  subjectMatters: string[];
  severity: string | null;
  source: CaseSource;
  reportedBy: Person | null;
  responsible: Person | null;
  stageEnteredOn: string;
  stageDueOn: string | null;
  daysOverdue: number;
  nextReviewOn: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export type SubjectRole = 'party' | 'client' | 'staff';

export interface CaseSubject {
  id: string;
  role: SubjectRole | string;
  partyId: string | null;
  clientId: string | null;
  userId: string | null;
  name: string | null;
}

export type MitigationStatus = 'planned' | 'in_effect' | 'lifted';

export interface Mitigation {
  id: string;
  kind: string;
  kindLabel: string;
  description: string | null;
  staffIds: string[];
  clientIds: string[];
  status: MitigationStatus;
  inEffectOn: string | null;
  /** The approved recusals or the information barrier putting it in effect created. */
  recordIds: string[];
  consents: { clientId: string; consentedBy: string; consentedOn: string }[] | null;
  note: string | null;
}

export interface CaseAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: Person | null;
  uploadedAt: string;
}

export interface CaseReview {
  id: string;
  dueOn: string;
  reviewedOn: string | null;
  outcome: string | null;
  comment: string | null;
  reviewer: Person | null;
}

export interface TimelineEvent {
  id: string;
  kind: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  actor: Person | null;
  at: string;
  comment: string | null;
  details: unknown;
}

/** What a case opened from a conflict-check hit keeps: the check, the party found and how it reaches staff or a client. */
export interface CheckEvidence {
  checkId: string;
  checkRef: string;
  partyId: string;
  partyName: string;
  path: ConflictPath | null;
}

export interface CaseDetail extends CaseSummary {
  description: string;
  assessment: { impact: string; assessment: string } | null;
  evidence: Record<string, unknown> | null;
  subjects: CaseSubject[];
  mitigations: Mitigation[];
  reviews: CaseReview[];
  timeline: TimelineEvent[];
  allowedEvents: CaseEventType[];
}

export interface TaxonomyEntry {
  code: string;
  labels: Labels;
  active: boolean;
}

export interface TaxonomyAnswer {
  version: number | null;
  taxonomy: Record<TaxonomyList, TaxonomyEntry[]>;
}

export interface MitigationInput {
  kind: string;
  description?: string | null;
  staffIds: string[];
  clientIds: string[];
}

export interface NewCaseInput {
  source: CaseSource;
  title: string;
  description: string;
  kind: string;
  subjectMatters: string[];
  severity?: string | null;
  partyIds?: string[];
  clientIds?: string[];
  staffIds?: string[];
  conflictCheck?: { checkId: string; partyId: string; pathIndex?: number } | null;
}

export interface TransitionInput {
  version: number;
  event: CaseEventType;
  comment: string;
  severity?: string | null;
  impact?: string | null;
  assessment?: string | null;
  mitigations?: MitigationInput[] | null;
  reviewDates?: string[] | null;
  reason?: string | null;
  finding?: string | null;
}

export const CASES_API = '/api/cases';
export const TAXONOMY_API = `${CASES_API}/taxonomy`;
export const caseApi = (id: string, rest = '') => `${CASES_API}/${encodeURIComponent(id)}${rest}`;

export const CASES_PATH = '/cases';
export const REPORT_PATH = '/conflict-report';
export const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

/** The evidence of a case opened from a conflict check, when it has that shape. */
export function checkEvidence(evidence: CaseDetail['evidence']): CheckEvidence | null {
  if (!evidence || typeof evidence.checkId !== 'string' || typeof evidence.partyId !== 'string') return null;
  return evidence as unknown as CheckEvidence;
}

// Staff disclosures of interests (利益披露, src/modules/cases/disclosures.types.ts).
export const disclosureStatuses = ['pending', 'no_conflict', 'cleared_with_conditions', 'rejected', 'review_due'] as const;
export type DisclosureStatus = (typeof disclosureStatuses)[number];
export { disclosureDecisions, rejectionActions, type DisclosureDecision, type RejectionAction };

export interface DisclosureDecisionRecord {
  decision: DisclosureDecision;
  comment: string;
  decidedBy: Person | null;
  decidedOn: string;
  conditions: { kind: string; description?: string; staffIds?: readonly string[]; clientIds?: readonly string[] }[];
  expiresOn: string | null;
  requiredAction: RejectionAction | null;
  actionDueOn: string | null;
}

export interface Disclosure {
  id: string;
  ref: string;
  status: DisclosureStatus;
  version: number;
  user: Person;
  summary: string;
  declarationId: string | null;
  declarationItem: number | null;
  item: Record<string, unknown> | null;
  client: { id: string; name: string } | null;
  caseId: string | null;
  /** The decision in force (for review_due, the one that lapsed or was sent back). */
  decision: DisclosureDecisionRecord | null;
  clearance: 'active' | 'expiring' | 'expired' | null;
  reviewReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DisclosureDetail extends Disclosure {
  decisions: (DisclosureDecisionRecord & { at: string })[];
}

export interface NewDisclosureInput {
  summary?: string | null;
  declaration?: { id: string; item: number } | null;
  clientId?: string | null;
  caseId?: string | null;
}

export interface DecideDisclosureInput {
  version: number;
  decision: DisclosureDecision;
  comment: string;
  conditions?: MitigationInput[] | null;
  expiresOn?: string | null;
  requiredAction?: RejectionAction | null;
  actionDueOn?: string | null;
}

export const DISCLOSURES_API = '/api/disclosures';
export const disclosureApi = (id: string, rest = '') => `${DISCLOSURES_API}/${encodeURIComponent(id)}${rest}`;
export const DISCLOSURES_PATH = '/disclosures';
export const disclosurePath = (id: string) => `${DISCLOSURES_PATH}/${encodeURIComponent(id)}`;
