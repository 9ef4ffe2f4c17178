import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** In-app notifications; e-mailed too when SMTP is configured. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** A message code with its params, rendered in the reader's language. */
    kind: text('kind').notNull(),
    params: jsonb('params').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    emailedAt: ts('emailed_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    // The mail job's scan: recent notifications not yet mailed, in (created_at, id) order.
    index('notifications_unmailed_idx').on(t.createdAt, t.id).where(sql`${t.emailedAt} is null`),
  ],
);
