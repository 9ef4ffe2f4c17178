import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sanctionStates } from '../../core/cases/accountability';
import { caseStates } from '../../core/cases/lifecycle';
import { caseSources } from '../../core/cases/taxonomy';
import { users } from '../../platform/auth/auth.tables';
import { clients, declarations, parties } from '../registry/registry.tables';

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

/**
 * The stage reminders and escalations the reminder job has sent: at most one per stage of a case (its
 * state and the day it was entered) and notice, so a rerun or a second server process sends nothing twice.
 */
export const conflictCaseStageNotices = pgTable(
  'conflict_case_stage_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => conflictCases.id),
    state: caseStateEnum('state').notNull(),
    stageEnteredOn: day('stage_entered_on').notNull(),
    /** reminder:<days before due> or escalation */
    notice: text('notice').notNull(),
    dueOn: day('due_on').notNull(),
    recipientIds: uuid('recipient_ids').array().notNull(),
    sentOn: day('sent_on').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conflict_case_stage_notices_once_idx').on(t.caseId, t.state, t.stageEnteredOn, t.notice)],
);

/** pending and review_due wait for compliance; the others are the decision in force. */
export const disclosureStatuses = ['pending', 'no_conflict', 'cleared_with_conditions', 'rejected', 'review_due'] as const;
export const disclosureStatusEnum = pgEnum('staff_disclosure_status', disclosureStatuses);

/** A staff member's disclosure of an interest, from a declaration item or entered directly, and the decision in force on it. */
export const staffDisclosures = pgTable(
  'staff_disclosures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ref: text('ref').notNull().unique(),
    status: disclosureStatusEnum('status').notNull().default('pending'),
    /** Optimistic locking, as for cases. */
    version: integer('version').notNull().default(1),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    summary: text('summary').notNull(),
    declarationId: uuid('declaration_id').references(() => declarations.id),
    declarationItem: integer('declaration_item'),
    /** The declaration item as declared, kept with the disclosure. */
    item: jsonb('item'),
    clientId: uuid('client_id').references(() => clients.id),
    caseId: uuid('case_id').references(() => conflictCases.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedOn: day('decided_on'),
    decisionComment: text('decision_comment'),
    /** cleared_with_conditions: core MitigationPlan[]. */
    conditions: jsonb('conditions'),
    expiresOn: day('expires_on'),
    requiredAction: text('required_action'),
    actionDueOn: day('action_due_on'),
    /** Days-before-expiry of the reminders already sent for the clearance in force. */
    remindersSent: integer('reminders_sent').array().notNull().default(sql`'{}'::integer[]`),
    /** Why it is back for review: an expired clearance, or compliance's reason. */
    reviewReason: text('review_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('staff_disclosures_user_idx').on(t.userId), index('staff_disclosures_status_idx').on(t.status, t.expiresOn), index('staff_disclosures_case_idx').on(t.caseId)],
);

/** Every decision on a disclosure, renewals included. Append-only (trigger in the migration). */
export const staffDisclosureDecisions = pgTable(
  'staff_disclosure_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disclosureId: uuid('disclosure_id')
      .notNull()
      .references(() => staffDisclosures.id),
    decision: text('decision').notNull(),
    comment: text('comment').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedOn: day('decided_on').notNull(),
    conditions: jsonb('conditions'),
    expiresOn: day('expires_on'),
    requiredAction: text('required_action'),
    actionDueOn: day('action_due_on'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('staff_disclosure_decisions_disclosure_idx').on(t.disclosureId, t.createdAt)],
);

/** A violation found against a member of staff in a case. Append-only (trigger in the migration): a finding is not edited. */
export const conflictCaseViolations = pgTable(
  'conflict_case_violations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => conflictCases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => users.id),
    rule: text('rule').notNull(),
    finding: text('finding').notNull(),
    foundOn: day('found_on').notNull(),
    serious: boolean('serious').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('conflict_case_violations_case_idx').on(t.caseId), index('conflict_case_violations_person_idx').on(t.personId)],
);

export const sanctionStateEnum = pgEnum('conflict_sanction_state', sanctionStates);

/** A sanction decided for a violation and whether it was carried out or waived. */
export const conflictCaseSanctions = pgTable(
  'conflict_case_sanctions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    violationId: uuid('violation_id')
      .notNull()
      .references(() => conflictCaseViolations.id),
    kind: text('kind').notNull(),
    description: text('description'),
    state: sanctionStateEnum('state').notNull().default('planned'),
    version: integer('version').notNull().default(1),
    decidedOn: day('decided_on').notNull(),
    dueOn: day('due_on'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decisionComment: text('decision_comment'),
    /** completed: the day it was carried out; waived: the day it was waived. */
    settledOn: day('settled_on'),
    settledBy: uuid('settled_by').references(() => users.id),
    settleComment: text('settle_comment'),
    unionNotifiedOn: day('union_notified_on'),
    waiveReason: text('waive_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('conflict_case_sanctions_violation_idx').on(t.violationId)],
);
