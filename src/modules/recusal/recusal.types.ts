import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas';

const text = (max: number) => z.string().trim().max(max);
const day = z.iso.date();
const versioned = { version: z.number().int().min(1) };

export const recusalIdParam = z.object({ id: z.uuid() });

/** Rules are checked by the core's ruleSetProblems, field by field; the schema only bounds the payload. */
const RuleShape = z.record(z.string(), z.unknown());
export const RulesInput = z.object({ rules: z.array(RuleShape).min(1).max(50), note: text(2000).nullish() });
export type RulesInput = z.infer<typeof RulesInput>;
export const RulesSchema = z.object({ version: z.number().int().nullable(), rules: z.array(z.unknown()), note: z.string().nullable(), createdAt: isoDate.nullable() });

export const SuggestionQuery = z.object({ userId: z.uuid().optional(), clientId: z.uuid().optional() });
export const SuggestionSchema = z.object({
  user: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  staffPartyId: z.string(),
  client: z.object({ id: z.string(), name: z.string() }),
  severity: z.enum(['high', 'medium', 'low']),
  findings: z.array(z.record(z.string(), z.unknown())),
  explanation: z.array(z.string()),
});

export const NewRecusalInput = z.object({
  /** Someone else (compliance only); absent: the caller. */
  userId: z.uuid().optional(),
  /** Clients, client sets (客户组), or both: the service asks for at least one. */
  clientIds: z.array(z.uuid()).max(50).default([]),
  clientSetIds: z.array(z.uuid()).max(50).optional(),
  source: z.enum(['suggested', 'self', 'case', 'compliance']).optional(),
  caseId: z.uuid().nullish(),
  reason: text(4000).min(1),
  /** For a suggested recusal: the suggestion's findings. */
  evidence: z.array(z.record(z.string(), z.unknown())).max(50).nullish(),
  startsOn: day.nullish(),
  endsOn: day.nullish(),
  /** Compliance recording a recusal for someone may decide it at once. */
  approve: z.boolean().default(false),
  comment: text(4000).nullish(),
});
export type NewRecusalInput = z.infer<typeof NewRecusalInput>;

export const RecusalListQuery = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(['requested', 'approved', 'rejected', 'withdrawn', 'revoked']).optional(),
  userId: z.uuid().optional(),
});
export type RecusalListQuery = z.infer<typeof RecusalListQuery>;

export const DecisionInput = z.object({ ...versioned, comment: text(4000).nullish() });
export type DecisionInput = z.infer<typeof DecisionInput>;

const Person = z.object({ id: z.string(), displayName: z.string() });
const ClientRefSchema = z.object({ id: z.string(), name: z.string() });
/** A set a record names, with its current members: a retired one names no one any more. */
const ClientSetRefSchema = z.object({ id: z.string(), name: z.string(), status: z.enum(['active', 'retired']), clients: z.array(ClientRefSchema) });

export const RecusalSchema = z.object({
  id: z.uuid(),
  user: Person,
  clients: z.array(ClientRefSchema),
  clientSets: z.array(ClientSetRefSchema),
  status: z.enum(['requested', 'approved', 'rejected', 'withdrawn', 'revoked']),
  source: z.enum(['suggested', 'self', 'case', 'compliance']),
  caseId: z.string().nullable(),
  reason: z.string(),
  evidence: z.unknown(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  requestedBy: Person,
  decidedBy: Person.nullable(),
  decidedAt: isoDate.nullable(),
  decisionComment: z.string().nullable(),
  revokedOn: z.string().nullable(),
  createdAt: isoDate,
  version: z.number().int(),
});

export const NewBarrierInput = z.object({
  name: text(200).min(1),
  /** Clients, client sets (客户组), or both: the service asks for at least one. */
  clientIds: z.array(z.uuid()).max(200).default([]),
  clientSetIds: z.array(z.uuid()).max(50).optional(),
  walledOffUserIds: z.array(z.uuid()).min(1).max(500),
  startsOn: day.nullish(),
  endsOn: day.nullish(),
  reason: text(4000).min(1),
  caseId: z.uuid().nullish(),
});
export type NewBarrierInput = z.infer<typeof NewBarrierInput>;

export const BarrierListQuery = z.object({ status: z.enum(['active', 'revoked']).optional() });

export const BarrierSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  clients: z.array(ClientRefSchema),
  clientSets: z.array(ClientSetRefSchema),
  walledOff: z.array(Person),
  status: z.enum(['active', 'revoked']),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  reason: z.string(),
  caseId: z.string().nullable(),
  createdBy: Person,
  createdAt: isoDate,
  revokedOn: z.string().nullable(),
  version: z.number().int(),
});

export const MineSchema = z.object({
  recusals: z.array(RecusalSchema),
  barriers: z.array(BarrierSchema.omit({ walledOff: true })),
  /** What keeps me out today, in words. */
  restrictions: z.array(z.object({ clientId: z.string(), clientName: z.string(), cause: z.enum(['recused', 'walled_off']), recordId: z.string(), explanation: z.string() })),
});

export const DenialReportQuery = z.object({ from: day.optional(), to: day.optional() });
export const DenialReportSchema = z.object({
  items: z.array(z.object({ user: Person, recused: z.number().int(), walledOff: z.number().int(), total: z.number().int(), lastAt: isoDate })),
});

// Client sets (客户组)
export const ClientSetListQuery = z.object({ status: z.enum(['active', 'retired']).optional() });
export const NewClientSetInput = z.object({ name: text(200).min(1), description: text(2000).nullish(), clientIds: z.array(z.uuid()).min(1).max(500) });
export type NewClientSetInput = z.infer<typeof NewClientSetInput>;
export const ClientSetChangeInput = z.object({ ...versioned, name: text(200).min(1).optional(), description: text(2000).nullish(), clientIds: z.array(z.uuid()).min(1).max(500).optional() });
export type ClientSetChangeInput = z.infer<typeof ClientSetChangeInput>;
export const ClientSetSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  clients: z.array(ClientRefSchema),
  status: z.enum(['active', 'retired']),
  createdBy: Person,
  createdAt: isoDate,
  updatedAt: isoDate,
  version: z.number().int(),
});
