import { z } from 'zod';
import { rejectionActions } from '../../core/cases/clearance';
import { isCalendarDate } from '../../core/cases/dates';
import { disclosureDecisions } from '../../core/cases/taxonomy';
import { isoDate, pageQuery } from '../../platform/http/schemas';
import { disclosureStatuses } from './cases.tables';
import { MitigationInput } from './cases.types';

const text = (max: number) => z.string().trim().max(max);
const day = z.string().trim().max(20);
const versioned = { version: z.number().int().min(1) };

export const disclosureIdParam = z.object({ id: z.uuid() });

/**
 * A disclosure of an interest: an item of one of the staff member's registry declarations, or the
 * interest in words. Compliance (cases.manage) may record one for another member of staff.
 */
export const NewDisclosureInput = z.object({
  userId: z.uuid().nullish(),
  summary: text(2000).nullish(),
  declaration: z.object({ id: z.uuid(), item: z.number().int().min(0).max(99) }).nullish(),
  /** The client the interest touches, if any. */
  clientId: z.uuid().nullish(),
  caseId: z.uuid().nullish(),
});
export type NewDisclosureInput = z.infer<typeof NewDisclosureInput>;

export const DisclosureListQuery = pageQuery.extend({
  /** all: every disclosure (cases.read_all). */
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(disclosureStatuses).optional(),
  userId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  /** Clearances expiring on or before this day. */
  expiringBy: day.refine(isCalendarDate, 'Not a calendar date').optional(),
});
export type DisclosureListQuery = z.infer<typeof DisclosureListQuery>;

/** A decision, or the renewal of a conditional clearance (a new decision on it before it expires). */
export const DecideDisclosureInput = z.object({
  ...versioned,
  decision: z.enum(disclosureDecisions),
  comment: text(4000).default(''),
  conditions: z.array(MitigationInput).max(20).nullish(),
  expiresOn: day.nullish(),
  requiredAction: z.enum(rejectionActions).nullish(),
  actionDueOn: day.nullish(),
});
export type DecideDisclosureInput = z.infer<typeof DecideDisclosureInput>;

/** Sends a decided disclosure back to compliance: circumstances changed, or a condition is not kept. */
export const ReviewDisclosureInput = z.object({ ...versioned, reason: text(4000).min(1) });

const Person = z.object({ id: z.string(), displayName: z.string() });
const Condition = z.object({ kind: z.string(), description: z.string().optional(), staffIds: z.array(z.string()).readonly().optional(), clientIds: z.array(z.string()).readonly().optional() });

const Decision = z.object({
  decision: z.enum(disclosureDecisions),
  comment: z.string(),
  decidedBy: Person.nullable(),
  decidedOn: z.string(),
  conditions: z.array(Condition),
  expiresOn: z.string().nullable(),
  requiredAction: z.enum(rejectionActions).nullable(),
  actionDueOn: z.string().nullable(),
});

export const DisclosureSchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  status: z.enum(disclosureStatuses),
  version: z.number().int(),
  user: Person,
  summary: z.string(),
  declarationId: z.string().nullable(),
  declarationItem: z.number().int().nullable(),
  item: z.record(z.string(), z.unknown()).nullable(),
  client: z.object({ id: z.string(), name: z.string() }).nullable(),
  caseId: z.string().nullable(),
  /** The decision in force (for review_due, the one that lapsed or was sent back). */
  decision: Decision.nullable(),
  /** For a conditional clearance: active, expiring (within 30 days) or expired. */
  clearance: z.enum(['active', 'expiring', 'expired']).nullable(),
  reviewReason: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const DisclosureDetailSchema = DisclosureSchema.extend({ decisions: z.array(Decision.extend({ at: isoDate })) });
