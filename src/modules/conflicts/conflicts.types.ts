import { z } from 'zod';
import { identifierSchemes } from '../../core/identifiers';
import { relationshipTypes } from '../../core/relationships';
import { isoDate, pageQuery } from '../../platform/http/schemas';
import { PartyKindSchema } from '../registry/registry.types';

export const MatchModeSchema = z.enum(['fuzzy', 'exact']);
export const SubjectRoleSchema = z.enum(['prospective_client', 'counterparty', 'benefit_recipient', 'other']);

export const SubjectInput = z.object({
  name: z.string().trim().min(1).max(300),
  /** Without a kind the name is read both as a person and as an organisation. */
  kind: PartyKindSchema.optional(),
  role: SubjectRoleSchema.default('prospective_client'),
  identifiers: z
    .array(z.object({ scheme: z.enum(identifierSchemes), value: z.string().trim().min(1).max(64) }))
    .max(10)
    .default([]),
});
export type SubjectInput = z.infer<typeof SubjectInput>;

export const ConflictCheckInput = z.object({
  subjects: z.array(SubjectInput).min(1).max(50),
  /** Defaults to the firm's setting. */
  mode: MatchModeSchema.optional(),
  /** How many relationship hops to walk from each matched party; defaults to the firm's setting. */
  hops: z.number().int().min(0).max(3).optional(),
  /** What the check is for, e.g. the engagement: kept with the saved check. */
  purpose: z.string().trim().max(500).nullish(),
});
export type ConflictCheckInput = z.infer<typeof ConflictCheckInput>;

export const SuggestionQuery = z.object({
  name: z.string().trim().min(1).max(300),
  kind: PartyKindSchema.optional(),
  mode: MatchModeSchema.optional(),
  top: z.coerce.number().int().min(1).max(20).default(8),
});

/** A reason code with its parameters and its explanation in the reader's language. */
export const ReasonSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  text: z.string(),
});

/** What the firm knows a party to be: the facts that make a hit matter. */
export const PartyFactsSchema = z.object({
  id: z.uuid(),
  kind: PartyKindSchema,
  name: z.string(),
  staff: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
  client: z.object({ id: z.uuid(), status: z.enum(['prospect', 'active', 'former']) }).nullable(),
  publicOfficial: z.boolean(),
  ended: z.boolean(),
});
export type PartyFacts = z.infer<typeof PartyFactsSchema>;

export const PathStepSchema = z.object({
  relationshipId: z.uuid(),
  type: z.enum(relationshipTypes),
  /** True when the relationship points from this step's party to the previous one (read it backwards). */
  reversed: z.boolean(),
  label: z.string(),
  party: z.object({ id: z.uuid(), name: z.string(), kind: PartyKindSchema }),
});

/** From the matched party to something the firm cares about: a member of staff or a client. */
export const ConflictPathSchema = z.object({
  target: z.enum(['staff', 'client']),
  steps: z.array(PathStepSchema).min(1),
  /** Only circumstantial links (shared address or phone) on the way. */
  weak: z.boolean(),
  text: z.string(),
});

export const ConflictHitSchema = z.object({
  party: PartyFactsSchema,
  score: z.number(),
  likely: z.boolean(),
  matchedName: z.string(),
  reasons: z.array(ReasonSchema),
  paths: z.array(ConflictPathSchema),
});
export type ConflictHit = z.infer<typeof ConflictHitSchema>;

export const SubjectResultSchema = z.object({
  subject: z.object({ name: z.string(), kind: PartyKindSchema.nullable(), role: SubjectRoleSchema, identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })) }),
  /** none: nothing found; possible: resemblances only; likely: a likely match, or a path to staff or a client. */
  level: z.enum(['none', 'possible', 'likely']),
  hits: z.array(ConflictHitSchema),
});

const UserRef = z.object({ id: z.uuid(), username: z.string(), displayName: z.string() });

export const ConflictCheckSchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  checkedBy: UserRef.nullable(),
  checkedAt: isoDate,
  mode: MatchModeSchema,
  hops: z.number().int(),
  purpose: z.string().nullable(),
  level: z.enum(['none', 'possible', 'likely']),
  hitCount: z.number().int(),
  results: z.array(SubjectResultSchema),
  /** How many parties the index held when the check ran. */
  indexSize: z.number().int(),
  tookMs: z.number().int(),
});

export const ConflictCheckSummarySchema = ConflictCheckSchema.omit({ results: true }).extend({ subjects: z.array(z.string()) });

export const ConflictCheckListQuery = pageQuery.extend({
  scope: z.enum(['mine', 'all']).default('mine'),
  q: z.string().trim().max(200).optional(),
});

export const SuggestionSchema = z.object({
  hits: z.array(ConflictHitSchema.omit({ paths: true })),
  indexSize: z.number().int(),
});

export const ConflictSettingsSchema = z.object({
  defaultMode: MatchModeSchema,
  defaultHops: z.number().int().min(0).max(3),
  /** Hits scoring below this are not shown. */
  minScore: z.number().min(0.3).max(1),
});
export type ConflictSettings = z.infer<typeof ConflictSettingsSchema>;
