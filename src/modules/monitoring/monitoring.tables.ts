import { bigint, bigserial, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from '../../platform/auth/auth.tables';
import { clients, parties } from '../registry/registry.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const alertStateEnum = pgEnum('alert_state', ['new', 'reviewing', 'dismissed', 'escalated']);

/** Each rule's configuration as compliance published it; a change is a new version. Append-only. */
export const monitoringRuleVersions = pgTable(
  'monitoring_rule_versions',
  {
    rule: text('rule').notNull(),
    version: integer('version').notNull(),
    enabled: boolean('enabled').notNull(),
    weight: integer('weight').notNull(),
    params: jsonb('params').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.rule, t.version] })],
);

/** How far the monitoring consumer has read the outbox; its row lock lets one process at a time judge events. */
export const monitoringCursor = pgTable('monitoring_cursor', {
  id: text('id').primaryKey(),
  lastXid: bigint('last_xid', { mode: 'number' }).notNull(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * What the rules judged, in order, with the facts as they were: the engine's log. Replaying it rebuilds
 * the in-memory aggregates and lets a draft rule be tried on the last 90 days. Append-only.
 */
export const monitoringEvents = pgTable(
  'monitoring_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    sourceEventId: bigint('source_event_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** MonitoringEvent without its seq. */
    event: jsonb('event').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('monitoring_events_day_idx').on(t.day), index('monitoring_events_source_idx').on(t.sourceEventId)],
);

/** An alert a rule raised, grown by later facts of the same pattern until it is triaged. */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ref: text('ref').notNull().unique(),
    rule: text('rule').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    /** Same key, same pattern: see core/monitoring/alerts. */
    key: text('key').notNull(),
    state: alertStateEnum('state').notNull().default('new'),
    version: integer('version').notNull().default(1),
    score: integer('score').notNull(),
    clientId: uuid('client_id').references(() => clients.id),
    recipientPartyId: uuid('recipient_party_id').references(() => parties.id),
    userId: uuid('user_id').references(() => users.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** Every client and party the facts name, for the information barriers. */
    clientIds: uuid('client_ids').array().notNull(),
    partyIds: uuid('party_ids').array().notNull(),
    requestIds: uuid('request_ids').array().notNull(),
    /** AlertRequestFact[] and AlertReason. */
    requests: jsonb('requests').notNull(),
    reason: jsonb('reason').notNull(),
    hits: integer('hits').notNull().default(1),
    firstSeq: bigint('first_seq', { mode: 'number' }).notNull(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    caseId: uuid('case_id'),
    dismissReason: text('dismiss_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    index('alerts_key_idx').on(t.key),
    index('alerts_state_idx').on(t.state, t.score),
    index('alerts_client_idx').on(t.clientId),
    index('alerts_requests_idx').using('gin', t.requestIds),
  ],
);

/** Everything that happened to an alert: raised, merged, reviewed, dismissed, escalated. Append-only. */
export const alertHistory = pgTable(
  'alert_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    at: ts('at').notNull().defaultNow(),
    comment: text('comment'),
    evidence: jsonb('evidence'),
  },
  (t) => [index('alert_history_alert_idx').on(t.alertId, t.at)],
);

export const riskSubjectEnum = pgEnum('risk_subject', ['client', 'staff']);

/** One risk assessment of every client and staff member, scheduled or asked for. */
export const riskRuns = pgTable('risk_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The firm's day it assessed. */
  assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
  trigger: text('trigger').notNull(),
  requestedBy: uuid('requested_by').references(() => users.id),
  clients: integer('clients').notNull(),
  staff: integer('staff').notNull(),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at').notNull().defaultNow(),
});

/** Each subject's score in a run, with what made it; kept for the trend. Append-only. */
export const riskScores = pgTable(
  'risk_scores',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => riskRuns.id),
    subjectType: riskSubjectEnum('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    score: integer('score').notNull(),
    /** Record<RiskCategory, number> and RiskFactor[]. */
    categories: jsonb('categories').notNull(),
    factors: jsonb('factors').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.subjectType, t.subjectId] }), index('risk_scores_subject_idx').on(t.subjectType, t.subjectId, t.assessedOn)],
);

/** How often the assessment runs by itself: one row. */
export const riskSettings = pgTable('risk_settings', {
  id: text('id').primaryKey().default('firm'),
  frequency: text('frequency').notNull().default('monthly'),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
