import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseStates } from '../../core/cases/lifecycle';
import { caseSources } from '../../core/cases/taxonomy';
import { users } from '../../platform/auth/auth.tables';
import { clients, parties } from '../registry/registry.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const day = (name: string) => date(name, { mode: 'string' });

export const caseStateEnum = pgEnum('conflict_case_state', caseStates);
export const caseSourceEnum = pgEnum('conflict_case_source', caseSources);
export const mitigationStatusEnum = pgEnum('conflict_mitigation_status', ['planned', 'in_effect', 'lifted']);

/** The firm's case taxonomy; each publish is a new version, never an edit. Absent: the built-in one. */
export const conflictTaxonomyVersions = pgTable('conflict_taxonomy_versions', {
  version: integer('version').primaryKey(),
  /** core Taxonomy */
  taxonomy: jsonb('taxonomy').notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const conflictCases = pgTable(
  'conflict_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ref: text('ref').notNull().unique(),
    state: caseStateEnum('state').notNull().default('reported'),
    /** Optimistic locking: every change bumps it, a caller acting on an older one gets 409. */
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    description: text('description').notNull(),
    kind: text('kind').notNull(),
    subjectMatters: text('subject_matters').array().notNull(),
    severity: text('severity'),
    source: caseSourceEnum('source').notNull(),
    /** null for an anonymous report: the reporter is not recorded anywhere. */
    reportedBy: uuid('reported_by').references(() => users.id),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id),
    stageEnteredOn: day('stage_entered_on').notNull(),
    /** { impact, assessment } as last written. */
    assessment: jsonb('assessment'),
    /** The hit the case came from ({ checkId, checkRef, partyId, path }) or the alert ({ alertId }). */
    evidence: jsonb('evidence'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
    nextReviewOn: day('next_review_on'),
  },
  (t) => [
    index('conflict_cases_state_idx').on(t.state),
    index('conflict_cases_responsible_idx').on(t.responsibleUserId),
    index('conflict_cases_reporter_idx').on(t.reportedBy),
  ],
);

/** Who and what the case names: a registry party, a client, a member of staff. */
export const conflictCaseSubjects = pgTable(
  'conflict_case_subjects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => conflictCases.id),
    partyId: uuid('party_id').references(() => parties.id),
    clientId: uuid('client_id').references(() => clients.id),
    userId: uuid('user_id').references(() => users.id),
    /** party | client | staff */
    role: text('role').notNull(),
  },
  (t) => [
    index('conflict_case_subjects_case_idx').on(t.caseId),
    index('conflict_case_subjects_user_idx').on(t.userId),
    check('conflict_case_subjects_names_one', sql`${t.partyId} is not null or ${t.clientId} is not null or ${t.userId} is not null`),
  ],
);

/** A decided mitigation; a new decision lifts the ones it replaces. */
export const conflictCaseMitigations = pgTable(
  'conflict_case_mitigations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => conflictCases.id),
    /** Order within the plan, as decided; the refusal of a pending mitigation points at it. */
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    description: text('description'),
    staffUserIds: uuid('staff_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    clientIds: uuid('client_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: mitigationStatusEnum('status').notNull().default('planned'),
    inEffectOn: day('in_effect_on'),
    /** What putting it in effect created: the approved recusals (one per staff member) or the information barrier. */
    recordIds: uuid('record_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** disclosure_consent: [{ clientId, consentedBy, consentedOn }], one per client named. */
    consents: jsonb('consents'),
    /** What was done, for a mitigation that creates no record (restructure, decline or exit, the firm's own kinds). */
    effectNote: text('effect_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('conflict_case_mitigations_case_idx').on(t.caseId)],
);

/** The review dates of monitoring and long-term tracking. */
export const conflictCaseReviews = pgTable(
  'conflict_case_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => conflictCases.id),
    dueOn: day('due_on').notNull(),
    reviewedOn: day('reviewed_on'),
    outcome: text('outcome'),
    comment: text('comment'),
    reviewerId: uuid('reviewer_id').references(() => users.id),
  },
  (t) => [index('conflict_case_reviews_case_idx').on(t.caseId, t.dueOn)],
);

/** The case timeline: every move, comment and assignment. Append-only (trigger in the migration). */
export const conflictCaseEvents = pgTable(
  'conflict_case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Timeline order, even for events of one transaction. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => conflictCases.id),
    kind: text('kind').notNull(),
    fromState: caseStateEnum('from_state'),
    toState: caseStateEnum('to_state'),
    actorId: uuid('actor_id').references(() => users.id),
    at: ts('at').notNull().defaultNow(),
    comment: text('comment'),
    details: jsonb('details'),
  },
  (t) => [index('conflict_case_events_case_idx').on(t.caseId, t.seq)],
);

/** Evidence filed on a case; the bytes live in the evidence store under their SHA-256. Append-only (trigger in the migration). */
export const conflictCaseAttachments = pgTable(
  'conflict_case_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => conflictCases.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('conflict_case_attachments_case_idx').on(t.caseId, t.uploadedAt)],
);
