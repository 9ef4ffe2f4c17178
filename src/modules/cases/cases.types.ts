import { z } from 'zod';
import { caseEventTypes, caseStates } from '../../core/cases/lifecycle';
import { caseSources, taxonomyLists } from '../../core/cases/taxonomy';
import { isoDate, pageQuery } from '../../platform/http/schemas';

const text = (max: number) => z.string().trim().max(max);
const comment = text(4000);
const versioned = { version: z.number().int().min(1) };

export const caseIdParam = z.object({ id: z.uuid() });
export const mitigationParam = z.object({ id: z.uuid(), mitigationId: z.uuid() });

/**
 * A new case. A staff report names what the reporter knows; a case from a conflict check names the
 * saved check and the hit's party (the path is copied from the check); compliance opens the others.
 */
export const NewCaseInput = z.object({
  source: z.enum(caseSources).default('staff_report'),
  title: text(200).min(1),
  description: text(8000),
  kind: text(40),
  subjectMatters: z.array(text(40)).max(10),
  severity: text(40).nullish(),
  partyIds: z.array(z.uuid()).max(50).default([]),
  clientIds: z.array(z.uuid()).max(50).default([]),
  staffIds: z.array(z.uuid()).max(50).default([]),
  /** For source conflict_check: the saved check, the hit's party and which of its paths (the first when absent). */
  conflictCheck: z.object({ checkId: z.uuid(), partyId: z.uuid(), pathIndex: z.number().int().min(0).max(100).optional() }).nullish(),
  /** For source alert. */
  alertId: text(100).nullish(),
});
export type NewCaseInput = z.infer<typeof NewCaseInput>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CaseListQuery = pageQuery.extend({
  state: z.enum(caseStates).optional(),
  kind: text(40).optional(),
  severity: text(40).optional(),
  /** A user id, or "me". */
  responsible: z.union([z.literal('me'), z.uuid()]).optional(),
  overdue: flag.optional(),
  /** Watched cases (monitoring, or closed into tracking) whose next review date has come. */
  reviewDue: flag.optional(),
  q: text(200).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const MitigationInput = z.object({
  kind: text(40),
  description: text(2000).nullish(),
  staffIds: z.array(z.uuid()).max(50).default([]),
  clientIds: z.array(z.uuid()).max(50).default([]),
});

export const TransitionInput = z.object({
  ...versioned,
  event: z.enum(caseEventTypes),
  comment: comment.default(''),
  severity: text(40).nullish(),
  impact: text(4000).nullish(),
  assessment: text(8000).nullish(),
  mitigations: z.array(MitigationInput).max(20).nullish(),
  reviewDates: z.array(z.string().trim().max(20)).max(50).nullish(),
  reason: text(4000).nullish(),
  finding: text(4000).nullish(),
});
export type TransitionInput = z.infer<typeof TransitionInput>;

export const CommentInput = z.object({ comment: comment.min(1) });
export const AssignInput = z.object({ ...versioned, responsibleUserId: z.uuid(), comment: comment.nullish() });
export const MitigationInEffectInput = z.object({
  ...versioned,
  comment: comment.nullish(),
  /** disclosure_consent: who consented for each client the mitigation names, and on which day. */
  consents: z.array(z.object({ clientId: z.uuid(), consentedBy: text(200).min(1), consentedOn: z.iso.date() })).max(50).nullish(),
  /** What was done: required for restructure, decline or exit and the firm's own kinds; optional otherwise. */
  note: text(4000).nullish(),
});
export type MitigationInEffectInput = z.infer<typeof MitigationInEffectInput>;

/** A review of a watched case: its mitigations still hold, or they failed (the case goes back to investigation). */
export const CaseReviewInput = z.object({ ...versioned, outcome: z.enum(['holds', 'failed']), note: text(4000) });
export type CaseReviewInput = z.infer<typeof CaseReviewInput>;

export const attachmentParam = z.object({ id: z.uuid(), attachmentId: z.uuid() });
export const CaseAttachmentQuery = z.object({ name: z.string().trim().min(1).max(255) });
export const CaseAttachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  uploadedAt: isoDate,
});

const Person = z.object({ id: z.string(), displayName: z.string() });

export const CaseSummarySchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  state: z.enum(caseStates),
  version: z.number().int(),
  title: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  subjectMatters: z.array(z.string()),
  severity: z.string().nullable(),
  source: z.enum(caseSources),
  reportedBy: Person.nullable(),
  responsible: Person.nullable(),
  stageEnteredOn: z.string(),
  stageDueOn: z.string().nullable(),
  daysOverdue: z.number().int(),
  nextReviewOn: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  closedAt: isoDate.nullable(),
});

export const CaseDetailSchema = CaseSummarySchema.extend({
  description: z.string(),
  assessment: z.object({ impact: z.string(), assessment: z.string() }).nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  subjects: z.array(z.object({ id: z.uuid(), role: z.string(), partyId: z.string().nullable(), clientId: z.string().nullable(), userId: z.string().nullable(), name: z.string().nullable() })),
  mitigations: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      kindLabel: z.string(),
      description: z.string().nullable(),
      staffIds: z.array(z.string()),
      clientIds: z.array(z.string()),
      status: z.enum(['planned', 'in_effect', 'lifted']),
      inEffectOn: z.string().nullable(),
      /** The approved recusals or the information barrier putting it in effect created. */
      recordIds: z.array(z.string()),
      consents: z.array(z.object({ clientId: z.string(), consentedBy: z.string(), consentedOn: z.string() })).nullable(),
      note: z.string().nullable(),
    }),
  ),
  reviews: z.array(z.object({ id: z.uuid(), dueOn: z.string(), reviewedOn: z.string().nullable(), outcome: z.string().nullable(), comment: z.string().nullable(), reviewer: Person.nullable() })),
  timeline: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      fromState: z.enum(caseStates).nullable(),
      toState: z.enum(caseStates).nullable(),
      actor: Person.nullable(),
      at: isoDate,
      comment: z.string().nullable(),
      details: z.unknown(),
    }),
  ),
  /** The moves the state allows (whoever may make them). */
  allowedEvents: z.array(z.enum(caseEventTypes)),
});

const EntrySchema = z.object({ code: z.string(), labels: z.object({ 'zh-CN': z.string(), en: z.string() }), active: z.boolean() });
const TaxonomyShape = z.object(Object.fromEntries(taxonomyLists.map((list) => [list, z.array(EntrySchema).max(200)])) as Record<(typeof taxonomyLists)[number], z.ZodArray<typeof EntrySchema>>);

export const TaxonomySchema = z.object({ version: z.number().int().nullable(), taxonomy: TaxonomyShape, note: z.string().nullable(), createdAt: isoDate.nullable() });
export const TaxonomyInput = z.object({ taxonomy: TaxonomyShape, note: text(2000).nullish() });
