// Shapes of the client-benefits API (src/modules/benefits), as the web app reads them. The domain's
// own lists and types come from src/core, which the server decides with.
import type { AuthorityRule as CoreAuthorityRule, StepSpec as CoreStepSpec } from '../../../../src/core/benefits/approval-chain';
import { benefitRequestStates, type BenefitRequestState } from '../../../../src/core/benefits/lifecycle';
import { periodKinds, type PeriodKind, type RateToCny } from '../../../../src/core/benefits/limits';
import {
  benefitTypes,
  evidenceKinds,
  type AmountLimit,
  type BenefitType,
  type BenefitTypePolicy,
  type EvidenceKind as PolicyEvidenceKind,
  type Finding as CoreFinding,
  type FindingSeverity,
  type PolicyVersion as CorePolicyVersion,
  type PrecheckResult,
  type RiskLevel,
} from '../../../../src/core/benefits/policy';
import type { Money } from '../../../../src/core/money';

export type { AmountLimit, BenefitType, Money, PolicyEvidenceKind, RiskLevel };

export const BENEFIT_TYPES = benefitTypes;

export const DIRECTIONS = ['given', 'received'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const STATES = benefitRequestStates;
export type RequestState = BenefitRequestState;

/** What a file may be filed as: the kinds a policy can require, and other. */
export const EVIDENCE_KINDS = [...evidenceKinds, 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'voucher', 'points', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const LEDGER_KINDS = ['request', 'approval', 'payment', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const PERIODS = periodKinds;
export type Period = PeriodKind;

export const GROUP_BYS = ['client', 'counterparty', 'requester', 'department', 'benefitType', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const ACTIONS = ['edit', 'submit', 'withdraw', 'cancel', 'approve', 'reject', 'return', 'pay', 'reverse', 'close'] as const;
export type Action = (typeof ACTIONS)[number];

export type Severity = FindingSeverity;

export interface UserRef {
  id: string;
  displayName: string;
}

export type Rate = RateToCny;

/** A user step comes with the user's name. */
export type StepSpec = CoreStepSpec & { displayName?: string };

export interface Skipped {
  user: UserRef;
  reason: string;
  deputy?: UserRef | null;
}

export interface ChainStep {
  order: number;
  spec: StepSpec;
  approvers: UserRef[];
  skipped: Skipped[];
  escalatedTo: string | null;
}

/** A finding with its explanation in the reader's language. */
export interface Finding extends Omit<CoreFinding, 'params'> {
  params: Record<string, unknown>;
  text: string;
}

export interface Precheck extends Pick<PrecheckResult, 'outcome' | 'risk' | 'needsJustification' | 'addCompliance' | 'conflictSignal'> {
  findings: Finding[];
  cumulative: { recipientPeriod: Money; clientYear: Money };
  policyVersion: number | null;
  chain: ChainStep[] | null;
  /** Why no chain could be given (no matching rule, nobody eligible). */
  chainError: { code: string; text: string } | null;
}

export interface BenefitRequest {
  id: string;
  ref: string;
  direction: Direction;
  state: RequestState;
  version: number;
  requester: UserRef;
  department: { id: string; name: string; nameEn?: string | null };
  benefitType: BenefitType;
  counterparty: { id: string; name: string; kind: string };
  client: { id: string; name: string } | null;
  amount: Money;
  rate: Rate | null;
  amountCny: Money;
  benefitDate: string;
  purpose: string;
  justification: string | null;
  policyVersion: number | null;
  riskScore: number | null;
  precheck: Precheck | null;
  approvedAmount: Money | null;
  paid: Money;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  round: number;
  /** The pending step's approvers. */
  waitingFor: UserRef[];
  allowedActions: string[];
}

export type StepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'returned' | 'superseded';

export interface RequestStep extends ChainStep {
  id: string;
  round: number;
  status: StepStatus;
  decidedBy: UserRef | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface RequestEvent {
  id: string;
  kind: string;
  fromState: RequestState | null;
  toState: RequestState | null;
  actor: UserRef | null;
  at: string;
  comment: string | null;
  evidence: unknown;
}

export interface Attachment {
  id: string;
  evidenceKind: EvidenceKind;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: UserRef | null;
}

export interface LedgerEntry {
  id: string;
  requestId: string;
  requestRef: string;
  kind: LedgerKind;
  entryDate: string;
  amount: Money;
  rate: Rate | null;
  amountCny: Money;
  direction: Direction;
  benefitType: BenefitType;
  client: { id: string; name: string } | null;
  counterparty: { id: string; name: string };
  requester: UserRef;
  department: { id: string; name: string; nameEn?: string | null };
  paymentMethod: PaymentMethod | null;
  voucherNo: string | null;
  reversesEntryId: string | null;
  note: string | null;
  createdAt: string;
  createdBy: UserRef | null;
}

/** A request's own ledger entries leave out what the request already says. */
export type RequestLedgerEntry = Pick<
  LedgerEntry,
  'id' | 'kind' | 'entryDate' | 'amount' | 'rate' | 'amountCny' | 'paymentMethod' | 'voucherNo' | 'reversesEntryId' | 'note' | 'createdAt' | 'createdBy'
> & { reversed?: boolean };

export interface RequestDetail extends BenefitRequest {
  steps: RequestStep[];
  events: RequestEvent[];
  attachments: Attachment[];
  ledger: RequestLedgerEntry[];
}

/** What the form sends: money as decimal text, parsed exactly by the server. */
export interface DraftInput {
  direction: Direction;
  benefitType: BenefitType;
  counterpartyPartyId: string;
  clientId?: string | null;
  departmentId?: string;
  amount: string;
  currency: string;
  rate?: string;
  benefitDate: string;
  purpose: string;
  justification?: string | null;
}

/** The live pre-check also takes the saved request (its attachments count as evidence). */
export interface PrecheckInput extends DraftInput {
  requestId?: string;
  evidenceKinds?: EvidenceKind[];
}

/** Over the whole filter, in CNY: reversed is negative, netPaid = paid + reversed. */
export interface LedgerTotals {
  count: number;
  requested: Money;
  approved: Money;
  paid: Money;
  reversed: Money;
  netPaid: Money;
}

export interface LedgerPage {
  items: LedgerEntry[];
  total: number;
  page: number;
  pageSize: number;
  totals: LedgerTotals;
}

export interface SummaryRow {
  key: string | null;
  label: string;
  count: number;
  requested: Money;
  approved: Money;
  paid: Money;
  reversed: Money;
  net: Money;
}

export interface Summary {
  rows: SummaryRow[];
  totals: Omit<SummaryRow, 'key' | 'label'>;
}

// Policy and configuration

export type TypePolicy = BenefitTypePolicy;

export interface VersionInfo {
  version: number;
  effectiveFrom?: string;
  note: string | null;
  createdAt: string;
  createdBy: UserRef | null;
}

export type PolicyVersion = VersionInfo & CorePolicyVersion;

export interface PolicyOverview {
  current: PolicyVersion | null;
  versions: (VersionInfo & { effectiveFrom: string })[];
}

export interface AuthorityRule extends Omit<CoreAuthorityRule, 'steps'> {
  steps: readonly StepSpec[];
}

export interface Matrix extends VersionInfo {
  rules: AuthorityRule[];
  escalationRoles: string[];
}

export interface Delegation {
  id: string;
  from: UserRef;
  to: UserRef;
  startsOn: string;
  endsOn: string;
  reason: string | null;
  createdAt: string;
  createdBy: UserRef | null;
  revokedAt: string | null;
}

export interface Blackout {
  id: string;
  client: { id: string; name: string };
  startsOn: string;
  endsOn: string;
  reason: string;
  createdAt: string;
  liftedAt: string | null;
}

export interface BenefitSettings {
  reminderAfterHours: number;
  attachmentMaxMb: number;
}

// Paths of the pages and the API.
export const PATHS = {
  new: '/benefits/new',
  mine: '/benefits/requests',
  inbox: '/benefits/inbox',
  delegations: '/benefits/delegations',
  payments: '/benefits/payments',
  ledger: '/benefits/ledger',
  policy: '/benefits/policy',
} as const;
export const requestPath = (id: string) => `/benefits/requests/${encodeURIComponent(id)}`;
export const editPath = (id: string) => `/benefits/requests/${encodeURIComponent(id)}/edit`;

export const API = {
  requests: '/api/benefits/requests',
  precheck: '/api/benefits/requests/precheck',
  policy: '/api/benefits/policy',
  policyVersions: '/api/benefits/policy/versions',
  matrix: '/api/benefits/matrix',
  matrixVersions: '/api/benefits/matrix/versions',
  delegations: '/api/benefits/delegations',
  blackouts: '/api/benefits/blackouts',
  settings: '/api/benefits/settings',
  ledgerEntries: '/api/benefits/ledger/entries',
  ledgerSummary: '/api/benefits/ledger/summary',
  ledgerExport: '/api/benefits/ledger/export',
} as const;
export const requestApi = (id: string, rest = '') => `${API.requests}/${encodeURIComponent(id)}${rest}`;
