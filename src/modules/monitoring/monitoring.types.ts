import { z } from 'zod';
import { ruleKinds, type RuleKind } from '../../core/monitoring/rules';
import { riskFrequencies } from '../../core/monitoring/risk';
import { alertMoves, alertStates } from '../../core/monitoring/triage';
import { isoDate, pageQuery } from '../../platform/http/schemas';

const text = (max: number) => z.string().trim().max(max);
const days = (max: number) => z.number().int().min(1).max(max);
const money = z.number().int().min(0).max(1e13);
const basisPoints = z.number().int().min(0).max(1_000_000);
const count = z.number().int().min(1).max(10_000);
const factor = z.number().min(1).max(100);

/** Each rule's parameters, bounded so a typo cannot make a rule absurd. */
export const RuleParamsSchemas = {
  structuring: z.strictObject({ windowDays: days(90), thresholdMinor: money.min(1), minCount: count.min(2) }),
  cumulative_limit: z.strictObject({ ratioBasisPoints: basisPoints.min(1).max(10_000), minDepartments: count.max(50) }),
  frequency_spike: z.strictObject({ recentDays: days(90), baselineDays: days(730), factor, minRecentCount: count, maxChancePerMillion: z.number().int().min(1).max(100_000) }),
  public_official: z.strictObject({ minAmountMinor: money }),
  related_party: z.strictObject({ lookbackDays: days(1825) }),
  revenue_outlier: z.strictObject({ peerBy: z.enum(['department', 'service_line']), minDeviations: z.number().min(1).max(10), minRatioBasisPoints: basisPoints, minPeers: count.min(3), warmUpDays: z.number().int().min(0).max(730) }),
  blackout: z.strictObject({ lookbackDays: days(1825) }),
  approver_affinity: z.strictObject({ windowDays: days(365), minCount: count, minShareBasisPoints: basisPoints.max(10_000), minDistinctRequesters: count }),
  payment_mismatch: z.strictObject({ toleranceBasisPoints: basisPoints.max(10_000), maxDaysAfterApproval: days(3650) }),
  new_client: z.strictObject({ withinDays: days(3650), minAmountMinor: money }),
} satisfies Record<RuleKind, z.ZodType>;

export const ruleParam = z.object({ rule: z.enum(ruleKinds) });

/** A rule's configuration as compliance edits it; params are checked against the rule's own schema. */
export const RuleConfigInput = z.strictObject({
  enabled: z.boolean(),
  weight: z.number().int().min(1).max(100),
  params: z.record(z.string(), z.unknown()),
});
export const RuleVersionInput = RuleConfigInput.extend({ note: text(1000).nullish() });
export type RuleVersionInput = z.infer<typeof RuleVersionInput>;

const UserRef = z.object({ id: z.string(), displayName: z.string() });
const NamedRef = z.object({ id: z.string(), name: z.string() });

export const RuleSchema = z.object({
  rule: z.enum(ruleKinds),
  label: z.string(),
  description: z.string(),
  version: z.number().int(),
  enabled: z.boolean(),
  weight: z.number().int(),
  params: z.record(z.string(), z.unknown()),
  defaults: z.record(z.string(), z.unknown()),
  paramLabels: z.record(z.string(), z.object({ label: z.string(), unit: z.string() })),
  note: z.string().nullable(),
  createdBy: UserRef.nullable(),
  createdAt: isoDate.nullable(),
});

export const AlertListQuery = pageQuery.extend({
  state: z.enum([...alertStates, 'open']).optional(),
  rule: z.enum(ruleKinds).optional(),
  severity: z.enum(['high', 'medium', 'low']).optional(),
  clientId: z.uuid().optional(),
  requestId: z.uuid().optional(),
  /** Alerts assigned to the caller. */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;

const Money = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const AlertRequestSchema = z.object({
  id: z.string(),
  ref: z.string(),
  amount: Money,
  benefitDate: z.string(),
  day: z.string(),
  requester: UserRef.nullable(),
  department: NamedRef.nullable(),
  recipient: NamedRef.nullable(),
  client: NamedRef.nullable(),
});

export const AlertSchema = z.object({
  id: z.string(),
  ref: z.string(),
  rule: z.enum(ruleKinds),
  ruleLabel: z.string(),
  ruleVersion: z.number().int(),
  state: z.enum(alertStates),
  version: z.number().int(),
  score: z.number().int(),
  severity: z.enum(['high', 'medium', 'low']),
  explanation: z.string(),
  client: NamedRef.nullable(),
  recipient: NamedRef.nullable(),
  user: UserRef.nullable(),
  department: NamedRef.nullable(),
  requests: z.array(AlertRequestSchema),
  reason: z.record(z.string(), z.unknown()),
  hits: z.number().int(),
  assignee: UserRef.nullable(),
  case: z.object({ id: z.string(), ref: z.string() }).nullable(),
  dismissReason: z.string().nullable(),
  ageDays: z.number().int(),
  allowedActions: z.array(z.enum(alertMoves)),
  createdAt: isoDate,
  updatedAt: isoDate,
  closedAt: isoDate.nullable(),
});

export const AlertHistorySchema = z.object({ kind: z.string(), actor: UserRef.nullable(), at: isoDate, comment: z.string().nullable(), evidence: z.unknown() });
export const AlertDetailSchema = AlertSchema.extend({ history: z.array(AlertHistorySchema) });

const versioned = { version: z.number().int().min(1) };
export const ReviewInput = z.strictObject({ ...versioned, comment: text(2000).nullish() });
export const DismissInput = z.strictObject({ ...versioned, reason: text(2000).min(1) });
export const EscalateInput = z.strictObject({
  ...versioned,
  title: text(200).min(1).optional(),
  description: text(8000).optional(),
  kind: text(40).optional(),
  subjectMatters: z.array(text(40)).max(10).optional(),
  severity: text(40).nullish(),
  comment: text(2000).nullish(),
});
export type EscalateInput = z.infer<typeof EscalateInput>;

export const DashboardSchema = z.object({
  open: z.number().int(),
  bySeverity: z.array(z.object({ severity: z.enum(['high', 'medium', 'low']), buckets: z.record(z.string(), z.number().int()), total: z.number().int() })),
  byRule: z.array(z.object({ rule: z.enum(ruleKinds), label: z.string(), open: z.number().int(), total: z.number().int() })),
  oldestOpenDays: z.number().int().nullable(),
  lastJudgedAt: isoDate.nullable(),
});

export const PreviewInput = RuleConfigInput.extend({ days: z.number().int().min(1).max(365).default(90) });
export const PreviewSchema = z.object({
  rule: z.enum(ruleKinds),
  from: z.string(),
  to: z.string(),
  eventsReplayed: z.number().int(),
  alerts: z.array(z.object({ key: z.string(), score: z.number().int(), severity: z.enum(['high', 'medium', 'low']), explanation: z.string(), day: z.string(), requests: z.array(AlertRequestSchema) })),
  total: z.number().int(),
  /** What the rule as in force raised on the same days, for comparison. */
  inForceTotal: z.number().int(),
});

export const RiskSubjectType = z.enum(['client', 'staff']);
const RiskLevel = z.enum(['high', 'medium', 'low']);
const RiskRunRef = z.object({ id: z.string(), assessedOn: z.string(), trigger: z.string() });
const RiskFactorView = z.object({ category: z.string(), code: z.string(), points: z.number().int(), value: z.number(), text: z.string() });

export const RegisterQuery = pageQuery.extend({ subjectType: RiskSubjectType.default('client'), departmentId: z.uuid().optional(), level: RiskLevel.optional() });
export const RegisterSchema = z.object({
  run: RiskRunRef.nullable(),
  items: z.array(
    z.object({
      subjectType: RiskSubjectType,
      subject: NamedRef,
      department: NamedRef.nullable(),
      score: z.number().int(),
      level: RiskLevel,
      previousScore: z.number().int().nullable(),
      categories: z.record(z.string(), z.number()),
      factors: z.array(RiskFactorView),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const HeatMapQuery = z.object({ subjectType: RiskSubjectType.default('client') });
export const HeatMapSchema = z.object({
  run: RiskRunRef.nullable(),
  departments: z.array(z.object({ id: z.string().nullable(), name: z.string() })),
  categories: z.array(z.object({ key: z.string(), label: z.string() })),
  cells: z.array(z.object({ departmentId: z.string().nullable(), category: z.string(), average: z.number(), subjects: z.number().int(), high: z.number().int() })),
});
export const HistoryParams = z.object({ subjectType: RiskSubjectType, id: z.uuid() });
export const HistorySchema = z.object({
  items: z.array(z.object({ assessedOn: z.string(), score: z.number().int(), level: RiskLevel, categories: z.record(z.string(), z.number()), factors: z.array(RiskFactorView) })),
});
export const RiskRunSchema = z.object({
  id: z.string(),
  assessedOn: z.string(),
  trigger: z.string(),
  clients: z.number().int(),
  staff: z.number().int(),
  startedAt: isoDate,
  finishedAt: isoDate,
  requestedBy: UserRef.nullable(),
});
export const RiskSettingsSchema = z.object({ frequency: z.enum(riskFrequencies) });
