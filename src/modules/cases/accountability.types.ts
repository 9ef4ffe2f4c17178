import { z } from 'zod';
import { sanctionEventTypes, sanctionStates } from '../../core/cases/accountability';
import { isoDate, pageQuery } from '../../platform/http/schemas';

const text = (max: number) => z.string().trim().max(max);
const day = z.string().trim().max(20);

export const violationIdParam = z.object({ id: z.uuid() });
export const sanctionParam = z.object({ id: z.uuid(), sanctionId: z.uuid() });

/** A violation found in a case: who, which rule, what was established and whether it is serious. */
export const NewViolationInput = z.object({
  caseId: z.uuid(),
  personId: z.uuid(),
  rule: text(500),
  finding: text(8000),
  foundOn: day,
  serious: z.boolean().default(false),
});
export type NewViolationInput = z.infer<typeof NewViolationInput>;

export const ViolationListQuery = pageQuery.extend({
  /** all: every violation (cases.read_all). */
  scope: z.enum(['mine', 'all']).default('mine'),
  caseId: z.uuid().optional(),
  personId: z.uuid().optional(),
});
export type ViolationListQuery = z.infer<typeof ViolationListQuery>;

const Money = z.object({ amountMinor: z.number().int(), currency: z.string().trim().max(3) });

export const NewSanctionInput = z.object({
  kind: text(40),
  comment: text(4000).default(''),
  dueOn: day.nullish(),
  /** pay_consequence: the amount withheld or fined. */
  amount: Money.nullish(),
  description: text(2000).nullish(),
});
export type NewSanctionInput = z.infer<typeof NewSanctionInput>;

export const CompleteSanctionInput = z.object({ version: z.number().int().min(1), comment: text(4000).default(''), completedOn: day, unionNotifiedOn: day.nullish() });
export type CompleteSanctionInput = z.infer<typeof CompleteSanctionInput>;
export const WaiveSanctionInput = z.object({ version: z.number().int().min(1), comment: text(4000).default(''), reason: text(4000).default('') });
export type WaiveSanctionInput = z.infer<typeof WaiveSanctionInput>;

const Person = z.object({ id: z.string(), displayName: z.string() });

export const SanctionSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  kindLabel: z.string(),
  description: z.string().nullable(),
  state: z.enum(sanctionStates),
  version: z.number().int(),
  decidedOn: z.string(),
  dueOn: z.string().nullable(),
  amount: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  decidedBy: Person.nullable(),
  decisionComment: z.string().nullable(),
  settledOn: z.string().nullable(),
  settledBy: Person.nullable(),
  settleComment: z.string().nullable(),
  unionNotifiedOn: z.string().nullable(),
  waiveReason: z.string().nullable(),
  daysOverdue: z.number().int(),
  allowedEvents: z.array(z.enum(sanctionEventTypes)),
});

export const ViolationSchema = z.object({
  id: z.uuid(),
  case: z.object({ id: z.uuid(), ref: z.string() }),
  person: Person,
  rule: z.string(),
  finding: z.string(),
  foundOn: z.string(),
  serious: z.boolean(),
  recordedBy: Person.nullable(),
  createdAt: isoDate,
  /** no_sanction, open (a sanction still planned) or settled. */
  status: z.enum(['no_sanction', 'open', 'settled']),
  sanctions: z.array(SanctionSchema),
});
