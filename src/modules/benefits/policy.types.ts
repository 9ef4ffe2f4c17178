import { z } from 'zod';
import { benefitTypes, evidenceKinds, type BenefitType } from '../../core/benefits/policy';
import { periodKinds } from '../../core/benefits/limits';
import { isoDate } from '../../platform/http/schemas';
import { IsoDay } from '../registry/registry.types';

export const BenefitTypeSchema = z.enum(benefitTypes);

/** An amount in fen: a whole number, above zero, exact in a double. */
export const MinorAmount = z.int().positive().max(Number.MAX_SAFE_INTEGER);
const Severity = z.enum(['hard', 'soft']);

export const AmountLimitSchema = z.strictObject({ amountMinor: MinorAmount, severity: Severity });
export const PeriodLimitSchema = AmountLimitSchema.extend({ period: z.enum(periodKinds) });
export const RevenueShareLimitSchema = z.strictObject({ basisPoints: z.int().min(1).max(10_000), severity: Severity });

export const BenefitTypePolicySchema = z
  .strictObject({
    perItem: AmountLimitSchema.nullable().default(null),
    perRecipientPerPeriod: PeriodLimitSchema.nullable().default(null),
    perClientPerYear: AmountLimitSchema.nullable().default(null),
    revenueShare: RevenueShareLimitSchema.nullable().default(null),
    cashLike: z.boolean().default(false),
    requiredEvidence: z
      .array(z.enum(evidenceKinds))
      .max(evidenceKinds.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'each evidence kind once')
      .default([]),
    allowedForPublicOfficials: z.boolean().default(false),
    deMinimisMinor: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  })
  // Below de minimis a benefit is only registered, so a threshold above the item limit would wave through what the limit forbids.
  .refine((p) => !p.perItem || p.deMinimisMinor <= p.perItem.amountMinor, { message: 'deMinimisMinor must not exceed perItem.amountMinor', path: ['deMinimisMinor'] });
export type BenefitTypePolicyInput = z.infer<typeof BenefitTypePolicySchema>;

/** Every benefit type, and nothing else: a policy that forgets a type would leave it unlimited. */
export const PolicyTypesSchema = z.strictObject(
  Object.fromEntries(benefitTypes.map((type) => [type, BenefitTypePolicySchema])) as Record<BenefitType, typeof BenefitTypePolicySchema>,
);
export type PolicyTypes = z.output<typeof PolicyTypesSchema>;

const Note = z.string().trim().max(1000);

export const PolicyVersionInput = z.strictObject({
  effectiveFrom: IsoDay,
  types: PolicyTypesSchema,
  note: Note.nullish(),
});
export type PolicyVersionInput = z.infer<typeof PolicyVersionInput>;

export const UserRefSchema = z.object({ id: z.uuid(), displayName: z.string() });

export const PolicyVersionSchema = z.object({
  version: z.int(),
  effectiveFrom: z.string(),
  currency: z.literal('CNY'),
  types: PolicyTypesSchema,
  note: z.string().nullable(),
  createdAt: isoDate,
  createdBy: UserRefSchema.nullable(),
});

export const PolicyVersionSummarySchema = PolicyVersionSchema.pick({ version: true, effectiveFrom: true, note: true, createdAt: true, createdBy: true });

export const PolicyOverviewSchema = z.object({
  /** The version in force today; later versions may already be published. */
  current: PolicyVersionSchema.nullable(),
  versions: z.array(PolicyVersionSummarySchema),
});

export const VersionParam = z.object({ version: z.coerce.number().int().positive().max(2_147_483_647) });

const stepOptions = { skippableOnLowRisk: z.boolean().optional() };
export const StepSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('department_manager'), ...stepOptions }),
  z.strictObject({ kind: z.literal('role'), role: z.string().trim().min(1).max(40), ...stepOptions }),
  z.strictObject({ kind: z.literal('user'), userId: z.uuid(), ...stepOptions }),
]);

/**
 * Empty lists and bands at or below zero pass here on purpose: validateAuthorityMatrix names them
 * rule by rule, which tells the editor more than a schema failure would.
 */
export const AuthorityRuleSchema = z.strictObject({
  id: z.string().trim().min(1).max(64),
  benefitTypes: z.union([z.literal('*'), z.array(BenefitTypeSchema).max(benefitTypes.length)]),
  departmentIds: z.union([z.literal('*'), z.array(z.uuid()).max(100)]),
  maxAmountMinor: z.int().nullable(),
  currency: z.literal('CNY').default('CNY'),
  steps: z.array(StepSpecSchema).max(10),
});
export type AuthorityRuleDto = z.output<typeof AuthorityRuleSchema>;

export const MatrixInput = z.strictObject({
  rules: z.array(AuthorityRuleSchema).max(200),
  /** Where a step with nobody eligible goes, tried in order. */
  escalationRoles: z.array(z.string().trim().min(1).max(40)).max(8).default(['compliance', 'director']),
  note: Note.nullish(),
});
export type MatrixInput = z.infer<typeof MatrixInput>;

export const MatrixVersionSchema = z.object({
  version: z.int(),
  rules: z.array(AuthorityRuleSchema),
  escalationRoles: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: isoDate,
  createdBy: UserRefSchema.nullable(),
});

export const MatrixVersionSummarySchema = MatrixVersionSchema.pick({ version: true, note: true, createdAt: true, createdBy: true }).extend({ ruleCount: z.int() });

/** One thing the matrix editor must fix, with where it is. */
export const MatrixProblemSchema = z.object({
  code: z.string(),
  ruleId: z.string().optional(),
  role: z.string().optional(),
  userId: z.string().optional(),
  departmentId: z.string().optional(),
});

export const MatrixPreviewInput = z.strictObject({
  benefitType: BenefitTypeSchema,
  departmentId: z.uuid(),
  /** Decimal text, e.g. "1234.56". */
  amount: z.string().trim().min(1).max(32),
  // The matrix bands are in CNY; a foreign amount is converted on the request itself.
  currency: z.literal('CNY').default('CNY'),
});

const SkippedSchema = z.object({ user: UserRefSchema, reason: z.string(), text: z.string(), deputy: UserRefSchema.optional() });
export const ChainStepSchema = z.object({
  order: z.int(),
  spec: StepSpecSchema,
  approvers: z.array(UserRefSchema),
  skipped: z.array(SkippedSchema),
  escalatedTo: z.string().nullable(),
});

export const MatrixPreviewSchema = z.object({
  matrixVersion: z.int(),
  ruleId: z.string().nullable(),
  steps: z.array(ChainStepSchema),
  routing: z.array(z.object({ kind: z.string(), spec: StepSpecSchema.optional(), because: z.string().optional() })),
  /** Why no chain could be formed: NO_MATCHING_RULE, or NO_ELIGIBLE_APPROVER with the step that found nobody. */
  problem: z.object({ code: z.string(), step: ChainStepSchema.omit({ approvers: true, escalatedTo: true }).optional() }).nullable(),
});

export const DelegationInput = z.strictObject({
  /** Whose approvals are handed over; omitted, the caller's own. */
  fromUserId: z.uuid().optional(),
  toUserId: z.uuid(),
  startsOn: IsoDay,
  endsOn: IsoDay,
  reason: z.string().trim().max(500).nullish(),
});
export type DelegationInput = z.infer<typeof DelegationInput>;

export const DelegationListQuery = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  includeRevoked: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const DelegationSchema = z.object({
  id: z.uuid(),
  from: UserRefSchema,
  to: UserRefSchema,
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string().nullable(),
  createdAt: isoDate,
  createdBy: UserRefSchema.nullable(),
  revokedAt: isoDate.nullable(),
  revokedBy: UserRefSchema.nullable(),
});

export const BlackoutInput = z.strictObject({
  clientId: z.uuid(),
  startsOn: IsoDay,
  endsOn: IsoDay,
  reason: z.string().trim().min(1).max(500),
});
export type BlackoutInput = z.infer<typeof BlackoutInput>;

export const BlackoutListQuery = z.object({
  clientId: z.uuid().optional(),
  includeLifted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const BlackoutSchema = z.object({
  id: z.uuid(),
  client: z.object({ id: z.uuid(), name: z.string() }),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
  createdAt: isoDate,
  createdBy: UserRefSchema.nullable(),
  liftedAt: isoDate.nullable(),
  liftedBy: UserRefSchema.nullable(),
});

export const BenefitSettingsSchema = z.strictObject({
  /** A step waiting longer than this reminds its approvers, then again every as many hours. */
  reminderAfterHours: z.int().min(1).max(720),
  attachmentMaxMb: z.int().min(1).max(100),
});
export type BenefitSettings = z.infer<typeof BenefitSettingsSchema>;
