import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.tables';
import { clients } from '../registry/registry.tables';
import { conflictCases } from '../cases/cases.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const day = (name: string) => date(name, { mode: 'string' });

export const recusalStatusEnum = pgEnum('recusal_status', ['requested', 'approved', 'rejected', 'withdrawn', 'revoked']);
export const recusalSourceEnum = pgEnum('recusal_source', ['suggested', 'self', 'case', 'compliance']);
export const barrierStatusEnum = pgEnum('information_barrier_status', ['active', 'revoked']);
export const restrictionCauseEnum = pgEnum('restriction_cause', ['recused', 'walled_off']);
export const clientSetStatusEnum = pgEnum('client_set_status', ['active', 'retired']);

/**
 * A client set (客户组): a group of companies or a deal team's clients, kept by compliance. Recusals and
 * barriers that name it follow its members as they change; a retired set names no one (never deleted,
 * so the records naming it still read).
 */
export const clientSets = pgTable(
  'client_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    clientIds: uuid('client_ids').array().notNull(),
    status: clientSetStatusEnum('status').notNull().default('active'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('client_sets_active_name_idx').on(t.name).where(sql`${t.status} = 'active'`), index('client_sets_client_ids_idx').using('gin', t.clientIds)],
);

/** The firm's recusal rules; each publish is a new version, never an edit (trigger in the migration). Absent: the built-in set. */
export const recusalRuleVersions = pgTable('recusal_rule_versions', {
  version: integer('version').primaryKey(),
  /** core RecusalRule[] */
  rules: jsonb('rules').notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const recusals = pgTable(
  'recusals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    clientIds: uuid('client_ids').array().notNull(),
    clientSetIds: uuid('client_set_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: recusalStatusEnum('status').notNull().default('requested'),
    source: recusalSourceEnum('source').notNull(),
    caseId: uuid('case_id').references(() => conflictCases.id),
    reason: text('reason').notNull(),
    /** The suggestion's findings (rules fired and the paths proving them), as it was when recorded. */
    evidence: jsonb('evidence'),
    startsOn: day('starts_on'),
    endsOn: day('ends_on'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionComment: text('decision_comment'),
    revokedOn: day('revoked_on'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Optimistic locking: every change bumps it, a caller acting on an older one gets 409. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('recusals_user_idx').on(t.userId, t.status),
    index('recusals_client_ids_idx').using('gin', t.clientIds),
    index('recusals_client_set_ids_idx').using('gin', t.clientSetIds),
    check('recusals_dates', sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** An ethical wall (信息隔离墙): the users named may not touch the clients named. */
export const informationBarriers = pgTable(
  'information_barriers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    clientIds: uuid('client_ids').array().notNull(),
    clientSetIds: uuid('client_set_ids').array().notNull().default(sql`'{}'::uuid[]`),
    walledOffUserIds: uuid('walled_off_user_ids').array().notNull(),
    status: barrierStatusEnum('status').notNull().default('active'),
    startsOn: day('starts_on'),
    endsOn: day('ends_on'),
    reason: text('reason').notNull(),
    caseId: uuid('case_id').references(() => conflictCases.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedOn: day('revoked_on'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('information_barriers_users_idx').using('gin', t.walledOffUserIds),
    index('information_barriers_client_ids_idx').using('gin', t.clientIds),
    index('information_barriers_client_set_ids_idx').using('gin', t.clientSetIds),
    check('information_barriers_dates', sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Each attempt refused by a recusal or a barrier, for the supervision report. */
export const accessDenials = pgTable(
  'access_denials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    cause: restrictionCauseEnum('cause').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    requestId: text('request_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('access_denials_user_idx').on(t.userId, t.at), index('access_denials_at_idx').on(t.at)],
);
