// Shapes of the client-benefits API (src/modules/benefits), as the web app reads them.

export const BENEFIT_TYPES = ['cash_rebate', 'discount', 'gift', 'hospitality', 'points', 'sponsorship', 'other'] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];

export const DIRECTIONS = ['given', 'received'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const STATES = [
  'draft', 'submitted', 'in_approval', 'returned', 'approved', 'partially_paid', 'paid', 'closed', 'rejected', 'withdrawn', 'cancelled',
] as const;
export type RequestState = (typeof STATES)[number];

export const EVIDENCE_KINDS = ['invoice', 'contract_clause', 'photo', 'guest_list', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'voucher', 'points', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const LEDGER_KINDS = ['request', 'approval', 'payment', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const GROUP_BYS = ['client', 'counterparty', 'requester', 'department', 'benefitType', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const ACTIONS = ['edit', 'submit', 'withdraw', 'cancel', 'approve', 'reject', 'return', 'pay', 'reverse', 'close'] as const;
export type Action = (typeof ACTIONS)[number];

export type RiskLevel = 'low' | 'medium' | 'high';
export type Severity = 'hard' | 'soft' | 'info';

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface UserRef {
  id: string;
  displayName: string;
}

export interface Rate {
  numerator: number;
  denominator: number;
}

export type StepSpec = (
  | { kind: 'department_manager' }
  | { kind: 'role'; role: string }
  | { kind: 'user'; userId: string; displayName?: string }
) & { skippableOnLowRisk?: boolean };

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

export interface Finding {
  code: string;
  severity: Severity;
  params: Record<string, unknown>;
  text: string;
}

export interface Precheck {
  outcome: 'register' | 'approve' | 'blocked';
  findings: Finding[];
  risk: { score: number; level: RiskLevel; reasons: { code: string; points: number }[] };
  needsJustification: boolean;
  addCompliance: boolean;
  conflictSignal: boolean;
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

export interface AmountLimit {
  amountMinor: number;
  severity: 'hard' | 'soft';
}

export interface TypePolicy {
  perItem: AmountLimit | null;
  perRecipientPerPeriod: (AmountLimit & { period: Period }) | null;
  perClientPerYear: AmountLimit | null;
  revenueShare: { basisPoints: number; severity: 'hard' | 'soft' } | null;
  cashLike: boolean;
  requiredEvidence: EvidenceKind[];
  allowedForPublicOfficials: boolean;
  deMinimisMinor: number;
}

export interface VersionInfo {
  version: number;
  effectiveFrom?: string;
  note: string | null;
  createdAt: string;
  createdBy: UserRef | null;
}

export interface PolicyVersion extends VersionInfo {
  effectiveFrom: string;
  currency: 'CNY';
  types: Record<BenefitType, TypePolicy>;
}

export interface PolicyOverview {
  current: PolicyVersion | null;
  versions: (VersionInfo & { effectiveFrom: string })[];
}

export interface AuthorityRule {
  id: string;
  benefitTypes: string[] | '*';
  departmentIds: string[] | '*';
  maxAmountMinor: number | null;
  currency: 'CNY';
  steps: StepSpec[];
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
