import { index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const matchModeEnum = pgEnum('match_mode', ['fuzzy', 'exact']);
export const checkLevelEnum = pgEnum('conflict_check_level', ['none', 'possible', 'likely']);

/**
 * Every conflict check as it ran: who, when, the subjects and what was found, so an auditor sees
 * what was known at the time. Never changed or deleted.
 */
export const conflictChecks = pgTable(
  'conflict_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ref: text('ref').notNull().unique(),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: ts('checked_at').notNull().defaultNow(),
    mode: matchModeEnum('mode').notNull(),
    hops: integer('hops').notNull(),
    purpose: text('purpose'),
    level: checkLevelEnum('level').notNull(),
    hitCount: integer('hit_count').notNull(),
    /** The subjects with their hits, scores, reasons (as codes) and paths, in the API's shape. */
    results: jsonb('results').notNull(),
    /** Subject names, for listing and searching the history. */
    subjectNames: text('subject_names').notNull(),
    indexSize: integer('index_size').notNull(),
    tookMs: integer('took_ms').notNull(),
  },
  (t) => [index('conflict_checks_by_idx').on(t.checkedBy, t.checkedAt), index('conflict_checks_at_idx').on(t.checkedAt)],
);

/** The firm's conflict-check settings: one row, changed through the audit trail. */
export const conflictSettings = pgTable('conflict_settings', {
  id: text('id').primaryKey().default('firm'),
  defaultMode: matchModeEnum('default_mode').notNull().default('fuzzy'),
  defaultHops: integer('default_hops').notNull().default(2),
  minScore: real('min_score').notNull().default(0.5),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
