import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { benefitRequestStates } from '../../core/benefits/lifecycle';
import { benefitTypes, evidenceKinds } from '../../core/benefits/policy';
import { departments, users } from '../../platform/auth/auth.tables';
import { clients, parties } from '../registry/registry.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const day = (name: string) => date(name, { mode: 'string' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export const benefitTypeEnum = pgEnum('benefit_type', benefitTypes);
export const benefitDirectionEnum = pgEnum('benefit_direction', ['given', 'received']);
export const benefitRequestStateEnum = pgEnum('benefit_request_state', benefitRequestStates);
export const evidenceKindEnum = pgEnum('evidence_kind', [...evidenceKinds, 'other']);
export const approvalStepStatusEnum = pgEnum('approval_step_status', ['waiting', 'pending', 'approved', 'rejected', 'returned', 'superseded']);
export const ledgerEntryKindEnum = pgEnum('ledger_entry_kind', ['request', 'approval', 'payment', 'reversal']);
export const benefitTotalScopeEnum = pgEnum('benefit_total_scope', ['recipient', 'client']);

/** The benefit policy as compliance set it; a new version is a new row, never an edit. */
export const benefitPolicyVersions = pgTable('benefit_policy_versions', {
  version: integer('version').primaryKey(),
  effectiveFrom: day('effective_from').notNull(),
  /** Record<BenefitType, BenefitTypePolicy> in minor units of CNY. */
  types: jsonb('types').notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Who approves what: each save is a new version, the latest is in force. */
export const authorityMatrixVersions = pgTable('authority_matrix_versions', {
  version: integer('version').primaryKey(),
  /** AuthorityRule[] */
  rules: jsonb('rules').notNull(),
  escalationRoles: text('escalation_roles').array().notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** An approver away names a deputy for a period; revoked, never deleted. */
export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [index('approval_delegations_from_idx').on(t.fromUserId)],
);

/** A client's tender or audit period: no benefits inside it. Lifted, never deleted. */
export const benefitBlackouts = pgTable(
  'benefit_blackouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    liftedAt: ts('lifted_at'),
    liftedBy: uuid('lifted_by').references(() => users.id),
  },
  (t) => [index('benefit_blackouts_client_idx').on(t.clientId)],
);

/** The firm's benefit workflow settings: one row. */
export const benefitSettings = pgTable('benefit_settings', {
  id: text('id').primaryKey().default('firm'),
  /** A step waiting longer than this reminds its approvers, then again every as many hours. */
  reminderAfterHours: integer('reminder_after_hours').notNull().default(24),
  attachmentMaxMb: integer('attachment_max_mb').notNull().default(10),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A benefit the firm gives a client (given) or one a staff member declares having received
 * (received). `counterpartyPartyId` is the person or organisation on the other side: the
 * recipient of a given benefit, the giver of a received one.
 */
export const benefitRequests = pgTable(
  'benefit_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ref: text('ref').notNull().unique(),
    direction: benefitDirectionEnum('direction').notNull(),
    state: benefitRequestStateEnum('state').notNull(),
    /** Optimistic lock: every change increments it, and a change naming an older one is refused. */
    version: integer('version').notNull().default(1),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    benefitType: benefitTypeEnum('benefit_type').notNull(),
    counterpartyPartyId: uuid('counterparty_party_id')
      .notNull()
      .references(() => parties.id),
    clientId: uuid('client_id').references(() => clients.id),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** 1 unit of the currency = rateNumerator / rateDenominator CNY; null for CNY. */
    rateNumerator: minor('rate_numerator'),
    rateDenominator: minor('rate_denominator'),
    amountCnyMinor: minor('amount_cny_minor').notNull(),
    benefitDate: day('benefit_date').notNull(),
    purpose: text('purpose').notNull(),
    justification: text('justification'),
    /** Set at submission: the policy and matrix judged by, and what the pre-checks found. */
    policyVersion: integer('policy_version'),
    matrixVersion: integer('matrix_version'),
    authorityRuleId: text('authority_rule_id'),
    precheck: jsonb('precheck'),
    riskScore: integer('risk_score'),
    /** Which round of approval: a resubmission or a material change starts another. */
    round: integer('round').notNull().default(0),
    approvedAmountMinor: minor('approved_amount_minor'),
    paidMinor: minor('paid_minor').notNull().default(0),
    /** Whether the amount currently counts toward the cumulative limits (see benefit_totals). */
    counted: boolean('counted').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    approvedAt: ts('approved_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    index('benefit_requests_requester_idx').on(t.requesterId, t.createdAt),
    index('benefit_requests_state_idx').on(t.state),
    index('benefit_requests_counterparty_idx').on(t.counterpartyPartyId),
    index('benefit_requests_client_idx').on(t.clientId),
    index('benefit_requests_department_idx').on(t.departmentId),
  ],
);

/** The approval chain of one round, computed at submission and kept as it was. */
export const benefitApprovalSteps = pgTable(
  'benefit_approval_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => benefitRequests.id),
    round: integer('round').notNull(),
    stepOrder: integer('step_order').notNull(),
    /** StepSpec: what the matrix asked for. */
    spec: jsonb('spec').notNull(),
    approverIds: uuid('approver_ids').array().notNull(),
    /** SkippedApprover[]: who could not approve and why (self, related, inactive, delegated…). */
    skipped: jsonb('skipped').notNull(),
    escalatedTo: text('escalated_to'),
    status: approvalStepStatusEnum('status').notNull(),
    /** When the step became the one waiting for a decision, for reminders. */
    activatedAt: ts('activated_at'),
    lastRemindedAt: ts('last_reminded_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [
    uniqueIndex('benefit_approval_steps_order_idx').on(t.requestId, t.round, t.stepOrder),
    index('benefit_approval_steps_pending_idx').on(t.status, t.activatedAt),
    index('benefit_approval_steps_approvers_idx').using('gin', t.approverIds),
  ],
);

/**
 * Everything that happened to a request, in order: the step-by-step history. A decision keeps as
 * evidence the request as it was, the policy version and the pre-check results. Append-only.
 */
export const benefitRequestEvents = pgTable(
  'benefit_request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => benefitRequests.id),
    stepId: uuid('step_id').references(() => benefitApprovalSteps.id),
    /** created, edited, submitted, registered, approved, rejected, returned, resubmitted, withdrawn, cancelled, reassigned, paid, reversed, closed, material_change, attachment_added, attachment_removed */
    kind: text('kind').notNull(),
    fromState: benefitRequestStateEnum('from_state'),
    toState: benefitRequestStateEnum('to_state'),
    actorId: uuid('actor_id').references(() => users.id),
    at: ts('at').notNull().defaultNow(),
    comment: text('comment'),
    evidence: jsonb('evidence'),
  },
  (t) => [index('benefit_request_events_request_idx').on(t.requestId, t.at)],
);

/**
 * Every money movement: requested, approved, paid, reversed. Signed integer minor units in the
 * currency entered, with the CNY equivalent at the recorded rate. The request's facts are copied
 * onto the entry so the ledger views group and total without joins. Append-only.
 */
export const benefitLedgerEntries = pgTable(
  'benefit_ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => benefitRequests.id),
    kind: ledgerEntryKindEnum('kind').notNull(),
    entryDate: day('entry_date').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    rateNumerator: minor('rate_numerator'),
    rateDenominator: minor('rate_denominator'),
    amountCnyMinor: minor('amount_cny_minor').notNull(),
    direction: benefitDirectionEnum('direction').notNull(),
    benefitType: benefitTypeEnum('benefit_type').notNull(),
    clientId: uuid('client_id').references(() => clients.id),
    counterpartyPartyId: uuid('counterparty_party_id')
      .notNull()
      .references(() => parties.id),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    /** For payments: how and the voucher; for a reversal, the payment it reverses. */
    paymentMethod: text('payment_method'),
    voucherNo: text('voucher_no'),
    reversesEntryId: uuid('reverses_entry_id'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('benefit_ledger_request_idx').on(t.requestId),
    index('benefit_ledger_date_idx').on(t.entryDate),
    index('benefit_ledger_client_idx').on(t.clientId, t.entryDate),
    index('benefit_ledger_counterparty_idx').on(t.counterpartyPartyId, t.entryDate),
    index('benefit_ledger_requester_idx').on(t.requesterId, t.entryDate),
    index('benefit_ledger_department_idx').on(t.departmentId, t.entryDate),
    index('benefit_ledger_type_idx').on(t.benefitType, t.entryDate),
    uniqueIndex('benefit_ledger_reversal_idx').on(t.reversesEntryId).where(sql`${t.reversesEntryId} is not null`),
  ],
);

/**
 * Running monthly totals (CNY) of what counts toward the cumulative limits, per recipient and per
 * client and benefit type, kept in the same transaction as the request's state, so a pre-check
 * reads at most twelve rows instead of the history.
 */
export const benefitTotals = pgTable(
  'benefit_totals',
  {
    scope: benefitTotalScopeEnum('scope').notNull(),
    subjectId: uuid('subject_id').notNull(),
    benefitType: benefitTypeEnum('benefit_type').notNull(),
    /** First day of the month. */
    month: day('month').notNull(),
    amountCnyMinor: minor('amount_cny_minor').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.subjectId, t.benefitType, t.month] })],
);

/** Evidence files; the bytes live on disk under the data directory, named by their SHA-256. */
export const benefitAttachments = pgTable(
  'benefit_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => benefitRequests.id),
    evidenceKind: evidenceKindEnum('evidence_kind').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
    removedAt: ts('removed_at'),
    removedBy: uuid('removed_by').references(() => users.id),
  },
  (t) => [index('benefit_attachments_request_idx').on(t.requestId)],
);
