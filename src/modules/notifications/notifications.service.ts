import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { visibleEntityRow } from '../../platform/access/client-scope';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import type { Db, Executor, Tx } from '../../platform/db/database';
import { NotFound, Unauthenticated } from '../../platform/errors';
import type { Locale } from '../../platform/i18n/messages';
import type { Log, Mailer } from '../../platform/mail/mailer';
import { notificationMail, notificationText } from './notifications.messages';
import { notifications } from './notifications.tables';
import type { NotificationDto, NotificationItem, NotificationListQuery, NotificationParams } from './notifications.types';

export type { NotificationItem, NotificationKind, NotificationParams } from './notifications.types';

/**
 * Records notifications in the caller's transaction, so they exist exactly when the change they
 * announce commits. Mail goes out later, from the notification-mail job.
 */
export async function notify(tx: Tx, _ctx: RequestContext, items: readonly NotificationItem[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(notifications).values(
    items.map((item) => ({
      userId: item.userId,
      kind: item.kind,
      // Through JSON so what is stored is plain data (no undefined, no class instances).
      params: JSON.parse(JSON.stringify(item.params)) as NotificationParams,
      entityType: item.entityType,
      entityId: item.entityId,
    })),
  );
}

const me = (ctx: RequestContext) => {
  if (!ctx.principal) throw Unauthenticated();
  return ctx.principal.userId;
};

type Row = typeof notifications.$inferSelect;

const present = (row: Row, locale: Locale): NotificationDto => ({
  id: row.id,
  kind: row.kind,
  text: notificationText(row.kind, row.params as NotificationParams, locale),
  entityType: row.entityType,
  entityId: row.entityId,
  createdAt: row.createdAt,
  readAt: row.readAt,
});

/** The caller's own notifications, newest first. */
/** A notice about a client the reader has since been recused or walled off from is no longer shown to them. */
const visibleNotification = (ctx: RequestContext) => visibleEntityRow(ctx, { type: notifications.entityType, id: notifications.entityId }, sql`${notifications.params}::text`);

export async function listNotifications(db: Db, ctx: RequestContext, query: NotificationListQuery, locale: Locale) {
  const userId = me(ctx);
  const where = and(eq(notifications.userId, userId), query.unread ? isNull(notifications.readAt) : undefined, visibleNotification(ctx));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items: rows.map((row) => present(row, locale)), total: total?.n ?? 0 };
}

export async function unreadCount(executor: Executor, ctx: RequestContext): Promise<{ count: number }> {
  const [row] = await executor
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, me(ctx)), isNull(notifications.readAt), visibleNotification(ctx)));
  return { count: row?.n ?? 0 };
}

// Reading a notification changes only the reader's own inbox, so it is not written to the audit trail.

/** Marks one of the caller's notifications read; reading it again keeps the first time. Another user's is as good as absent. */
export async function markRead(db: Db, ctx: RequestContext, id: string, locale: Locale): Promise<NotificationDto> {
  const userId = me(ctx);
  const [updated] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!updated) throw NotFound('NOTIFICATION_NOT_FOUND');
  return present(updated, locale);
}

export async function markAllRead(db: Db, ctx: RequestContext): Promise<{ updated: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, me(ctx)), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

/** Older notifications are not mailed any more: after a long outage a flood of stale mail helps nobody. */
const MAIL_MAX_AGE_HOURS = 72;
const MAIL_BATCH = 100;

/**
 * Mails notifications not yet mailed to active users who have an address, outside any request's
 * transaction. Each is marked mailed only after the server accepted it; one that fails stays
 * unmarked and is tried again on the next run.
 */
export async function deliverNotificationMail(db: Db, mailer: Mailer, log: Log, now = new Date()): Promise<{ sent: number; failed: number }> {
  const since = new Date(now.getTime() - MAIL_MAX_AGE_HOURS * 3_600_000);
  let sent = 0;
  let failed = 0;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const batch: { id: string; kind: string; params: unknown; createdAt: Date; email: string | null }[] = await db
      .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, createdAt: notifications.createdAt, email: users.email })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(
        and(
          isNull(notifications.emailedAt),
          gt(notifications.createdAt, since),
          isNotNull(users.email),
          sql`${users.email} <> ''`,
          eq(users.active, true),
          // Keyset paging past failures, so one bad address does not stall the rest.
          after ? sql`(${notifications.createdAt}, ${notifications.id}) > (${after.createdAt}, ${after.id})` : undefined,
        ),
      )
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .limit(MAIL_BATCH);
    if (batch.length === 0) break;
    const delivered: string[] = [];
    for (const row of batch) {
      try {
        await mailer.send({ to: row.email!, ...notificationMail(row.kind, row.params as NotificationParams) });
        delivered.push(row.id);
      } catch (error) {
        failed += 1;
        log.warn({ err: error, notification: row.id }, 'notification mail failed; will retry');
      }
    }
    if (delivered.length) await db.update(notifications).set({ emailedAt: new Date() }).where(inArray(notifications.id, delivered));
    sent += delivered.length;
    const last = batch[batch.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
    if (batch.length < MAIL_BATCH) break;
  }
  return { sent, failed };
}
