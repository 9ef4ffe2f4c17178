import { z } from 'zod';
import type { Money } from '../../core/money';
import { isoDate, pageQuery } from '../../platform/http/schemas';

export const notificationKinds = [
  'benefit.step_pending',
  'benefit.approved',
  'benefit.rejected',
  'benefit.returned',
  'benefit.paid',
  'benefit.reminder',
  'benefit.reassigned',
  'benefit.cancelled',
  'case.stage_reminder',
  'case.stage_overdue',
  'disclosure.decided',
  'disclosure.expiring',
  'disclosure.expired',
  'violation.recorded',
  'sanction.decided',
  'alert.raised',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** What a notification's text is made from; stored as given and rendered when read. */
export interface NotificationParams {
  ref: string;
  requesterName?: string;
  counterpartyName?: string;
  amount?: Money;
  comment?: string;
  /** A due or expiry date (YYYY-MM-DD) and the days left or overdue. */
  dueOn?: string;
  days?: number;
}

export interface NotificationItem {
  userId: string;
  kind: NotificationKind;
  params: NotificationParams;
  entityType: string | null;
  entityId: string | null;
}

export const NotificationListQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  /** In the reader's language. */
  text: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: isoDate,
  readAt: isoDate.nullable(),
});
export type NotificationDto = z.infer<typeof NotificationSchema>;

export const UnreadCountSchema = z.object({ count: z.number().int() });
export const ReadAllSchema = z.object({ updated: z.number().int() });
