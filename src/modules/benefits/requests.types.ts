import { z } from 'zod';
import { benefitRequestStates } from '../../core/benefits/lifecycle';
import { benefitTypes, evidenceKinds } from '../../core/benefits/policy';
import { isoDate, pageQuery } from '../../platform/http/schemas';

const calendarDate = z.iso.date();
const decimalText = z.string().trim().min(1).max(40);
const currencyCode = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/);

export const MoneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });
export const RateSchema = z.object({ numerator: z.number().int(), denominator: z.number().int() });
const Person = z.object({ id: z.string(), displayName: z.string() });
const Named = z.object({ id: z.string(), name: z.string() });

export const BenefitDirectionSchema = z.enum(['given', 'received']);
export const BenefitTypeSchema = z.enum(benefitTypes);
export const EvidenceKindSchema = z.enum([...evidenceKinds, 'other']);
export const paymentMethods = ['bank_transfer', 'cash', 'voucher', 'points', 'other'] as const;

/** What the requester types; amounts are decimal text read exactly in the currency's minor units. */
export const BenefitDraftInput = z.object({
  direction: BenefitDirectionSchema.default('given'),
  benefitType: BenefitTypeSchema,
  counterpartyPartyId: z.uuid(),
  clientId: z.uuid().nullish(),
  /** The department charged; the requester's own when absent. */
  departmentId: z.uuid().nullish(),
  amount: decimalText,
  currency: currencyCode.default('CNY'),
  /** CNY for one unit of a foreign currency, as decimal text (e.g. "7.1234"). */
  rate: decimalText.nullish(),
  benefitDate: calendarDate,
  purpose: z.string().trim().min(1).max(2000),
  justification: z.string().trim().max(4000).nullish(),
});
export type BenefitDraftInput = z.infer<typeof BenefitDraftInput>;

/** The live pre-check: a draft not yet saved, or a saved one (its attachments count as evidence). */
export const PrecheckInput = BenefitDraftInput.extend({
  requestId: z.uuid().nullish(),
  evidenceKinds: z.array(EvidenceKindSchema).max(10).default([]),
});

const versioned = { version: z.number().int().min(1) };
const comment = z.string().trim().max(4000);

export const BenefitEditInput = BenefitDraftInput.partial().extend(versioned);
export const SubmitInput = z.object({ ...versioned, justification: comment.nullish() });
export const DecisionInput = z.object({ ...versioned, decision: z.enum(['approve', 'reject', 'return']), comment: comment.nullish() });
export const CommentInput = z.object({ ...versioned, comment: comment.nullish() });
export const ReasonInput = z.object({ ...versioned, comment: comment.min(1) });
export const PaymentInput = z.object({
  ...versioned,
  amount: decimalText,
  paidOn: calendarDate,
  method: z.enum(paymentMethods),
  voucherNo: z.string().trim().min(1).max(100),
  note: comment.nullish(),
});
export const ReassignInput = z.object({ approverIds: z.array(z.uuid()).min(1).max(20), comment: comment.min(1) });
export const VersionInput = z.object(versioned);
export const AttachmentQuery = z.object({ kind: EvidenceKindSchema, name: z.string().trim().min(1).max(255) });

export const requestScopes = ['mine', 'inbox', 'decided', 'all'] as const;
export const RequestListQuery = pageQuery.extend({
  scope: z.enum(requestScopes).default('mine'),
  state: z.union([z.enum(benefitRequestStates), z.array(z.enum(benefitRequestStates))]).optional(),
  direction: BenefitDirectionSchema.optional(),
  benefitType: BenefitTypeSchema.optional(),
  clientId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

export const requestIdParam = z.object({ id: z.uuid() });
export const stepParam = z.object({ id: z.uuid(), stepId: z.uuid() });
export const entryParam = z.object({ id: z.uuid(), entryId: z.uuid() });
export const attachmentParam = z.object({ id: z.uuid(), attachmentId: z.uuid() });

const StepSpecSchema = z.record(z.string(), z.unknown());
const Skipped = z.object({ user: Person, reason: z.string(), text: z.string(), deputy: Person.nullable() });

export const ChainStepSchema = z.object({
  order: z.number().int(),
  spec: StepSpecSchema,
  approvers: z.array(Person),
  skipped: z.array(Skipped),
  escalatedTo: z.string().nullable(),
});

export const FindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['hard', 'soft', 'info']),
  params: z.record(z.string(), z.unknown()),
  text: z.string(),
});

export const PrecheckSchema = z.object({
  outcome: z.enum(['register', 'approve', 'blocked']),
  findings: z.array(FindingSchema),
  risk: z.object({ score: z.number().int(), level: z.enum(['low', 'medium', 'high']), reasons: z.array(z.object({ code: z.string(), points: z.number().int() })) }),
  needsJustification: z.boolean(),
  addCompliance: z.boolean(),
  conflictSignal: z.boolean(),
  amountCny: MoneySchema.nullable(),
  cumulative: z.object({ recipientPeriod: MoneySchema, clientYear: MoneySchema }),
  policyVersion: z.number().int(),
  /** The approval chain the request would get; null when it would be registered or is blocked. */
  chain: z.array(ChainStepSchema).nullable(),
  chainError: z.object({ code: z.string(), text: z.string() }).nullable(),
  routing: z.array(z.record(z.string(), z.unknown())),
});
export type PrecheckDto = z.infer<typeof PrecheckSchema>;

export const requestActions = ['edit', 'submit', 'withdraw', 'cancel', 'approve', 'reject', 'return', 'pay', 'reverse', 'close', 'attach', 'reassign'] as const;

export const BenefitRequestSchema = z.object({
  id: z.string(),
  ref: z.string(),
  direction: BenefitDirectionSchema,
  state: z.enum(benefitRequestStates),
  version: z.number().int(),
  requester: Person,
  department: Named,
  benefitType: BenefitTypeSchema,
  counterparty: Named.extend({ kind: z.string() }),
  client: Named.nullable(),
  amount: MoneySchema,
  rate: RateSchema.nullable(),
  amountCny: MoneySchema,
  benefitDate: z.string(),
  purpose: z.string(),
  justification: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  riskScore: z.number().int().nullable(),
  precheck: PrecheckSchema.nullable(),
  approvedAmount: MoneySchema.nullable(),
  paid: MoneySchema,
  round: z.number().int(),
  createdAt: isoDate,
  submittedAt: isoDate.nullable(),
  approvedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  /** The pending step's approvers, for lists. */
  waitingFor: z.array(Person),
  allowedActions: z.array(z.enum(requestActions)),
});

export const ApprovalStepSchema = z.object({
  id: z.string(),
  round: z.number().int(),
  order: z.number().int(),
  spec: StepSpecSchema,
  approvers: z.array(Person),
  skipped: z.array(Skipped),
  escalatedTo: z.string().nullable(),
  status: z.enum(['waiting', 'pending', 'approved', 'rejected', 'returned', 'superseded']),
  activatedAt: isoDate.nullable(),
  decidedBy: Person.nullable(),
  decidedAt: isoDate.nullable(),
  comment: z.string().nullable(),
});

export const RequestEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actor: Person.nullable(),
  at: isoDate,
  comment: z.string().nullable(),
  stepId: z.string().nullable(),
  evidence: z.unknown(),
});

export const AttachmentSchema = z.object({
  id: z.string(),
  evidenceKind: EvidenceKindSchema,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: isoDate,
  uploadedBy: Person.nullable(),
});

export const RequestLedgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['request', 'approval', 'payment', 'reversal']),
  entryDate: z.string(),
  amount: MoneySchema,
  rate: RateSchema.nullable(),
  amountCny: MoneySchema,
  paymentMethod: z.string().nullable(),
  voucherNo: z.string().nullable(),
  reversesEntryId: z.string().nullable(),
  reversed: z.boolean(),
  note: z.string().nullable(),
  createdAt: isoDate,
  createdBy: Person.nullable(),
});

export const BenefitRequestDetailSchema = BenefitRequestSchema.extend({
  steps: z.array(ApprovalStepSchema),
  events: z.array(RequestEventSchema),
  attachments: z.array(AttachmentSchema),
  ledger: z.array(RequestLedgerEntrySchema),
});
