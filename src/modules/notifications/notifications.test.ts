import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app';
import { users } from '../../platform/auth/auth.tables';
import { systemContext } from '../../platform/context';
import { inTransaction, queryRows } from '../../platform/db/database';
import type { Mailer, MailMessage } from '../../platform/mail/mailer';
import { notificationText } from './notifications.messages';
import { notifications } from './notifications.tables';
import { deliverNotificationMail, notify } from './notifications.service';
import type { NotificationItem } from './notifications.types';

const testApp = useTestApp();

const userId = async (username: string) => {
  const [row] = await testApp().database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row!.id;
};

const item = (userId: string, ref: string, overrides: Partial<NotificationItem> = {}): NotificationItem => ({
  userId,
  kind: 'benefit.step_pending',
  params: { ref, requesterName: '王强', amount: { amountMinor: 123_456, currency: 'CNY' } },
  entityType: 'benefit_request',
  entityId: '6f1c2b1e-0000-4000-8000-000000000001',
  ...overrides,
});

// The demo firm may come with notifications of its own; these tests count from an empty inbox.
beforeAll(async () => {
  await testApp().database.db.delete(notifications);
});

const send = (items: NotificationItem[]) => inTransaction(testApp().database.db, (tx) => notify(tx, systemContext('test'), items));

describe('notifications', () => {
  it('show each user only their own, in the reader’s language, newest first', async () => {
    const [manager, director] = [await userId('manager'), await userId('auditor')];
    await send([item(manager, 'BR-2026-900001'), item(director, 'BR-2026-900002')]);
    await send([item(manager, 'BR-2026-900003', { kind: 'benefit.rejected', params: { ref: 'BR-2026-900003', comment: '超出预算' } })]);

    const session = await testApp().signIn('manager');
    const zh = (await session.get('/api/notifications')).json();
    expect(zh.total).toBe(2);
    expect(zh.items.map((n: { text: string }) => n.text)).toEqual(['您的好处费申请 BR-2026-900003 被驳回：超出预算', '好处费申请 BR-2026-900001 待您审批（王强，¥1,234.56）']);
    expect(zh.items[1]).toMatchObject({ kind: 'benefit.step_pending', entityType: 'benefit_request', readAt: null, createdAt: expect.any(String) });

    const en = (await session.get('/api/notifications', { 'accept-language': 'en-US,en;q=0.9' })).json();
    expect(en.items.map((n: { text: string }) => n.text)).toEqual([
      'Your benefit request BR-2026-900003 has been rejected: 超出预算',
      'Benefit request BR-2026-900001 awaits your approval (王强, CN¥1,234.56)',
    ]);
    expect((await session.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
  });

  it('mark one read, and refuse another user’s as not found without changing it', async () => {
    const staffId = await userId('staff');
    const financeId = await userId('finance');
    await send([item(staffId, 'BR-2026-900010'), item(financeId, 'BR-2026-900011', { kind: 'benefit.paid' })]);
    const staff = await testApp().signIn('staff');
    const finance = await testApp().signIn('finance');
    const mine = (await staff.get('/api/notifications')).json().items[0];
    const theirs = (await finance.get('/api/notifications')).json().items[0];

    const read = await staff.post(`/api/notifications/${mine.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: mine.id, readAt: expect.any(String) });
    // Reading it again keeps the first time.
    expect((await staff.post(`/api/notifications/${mine.id}/read`)).json().readAt).toBe(read.json().readAt);
    expect((await staff.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await staff.get('/api/notifications?unread=true')).json()).toMatchObject({ items: [], total: 0 });

    const foreign = await staff.post(`/api/notifications/${theirs.id}/read`, undefined, { 'accept-language': 'en' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toEqual({ code: 'NOTIFICATION_NOT_FOUND', message: 'No such notification.' });
    expect((await finance.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
    const [row] = await queryRows<{ read_at: Date | null }>(testApp().database.db, sql`select read_at from notifications where id = ${theirs.id}`);
    expect(row!.read_at).toBeNull();

    expect((await staff.post('/api/notifications/00000000-0000-4000-8000-000000000000/read')).statusCode).toBe(404);
    expect((await staff.post('/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
  });

  it('mark all of mine read and nobody else’s', async () => {
    const [compliance, admin] = [await userId('compliance'), await userId('admin')];
    await send([item(compliance, 'BR-2026-900020'), item(compliance, 'BR-2026-900021', { kind: 'benefit.reminder' }), item(admin, 'BR-2026-900022')]);
    const session = await testApp().signIn('compliance');
    expect((await session.post('/api/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await session.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await session.post('/api/notifications/read-all')).json()).toEqual({ updated: 0 });
    expect((await (await testApp().signIn('admin')).get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('need a signed-in user', async () => {
    expect((await testApp().anonymous.get('/api/notifications')).statusCode).toBe(401);
    expect((await testApp().anonymous.get('/api/notifications/unread-count')).statusCode).toBe(401);
  });

  it('word every kind in both languages without dangling placeholders', () => {
    const kinds = ['benefit.step_pending', 'benefit.approved', 'benefit.rejected', 'benefit.returned', 'benefit.paid', 'benefit.reminder', 'benefit.reassigned', 'benefit.cancelled'];
    for (const kind of kinds) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const bare = notificationText(kind, { ref: 'BR-1' }, locale);
        expect(bare).toContain('BR-1');
        expect(bare).not.toMatch(/[{}()（）]|[:：]$/);
        const full = notificationText(kind, { ref: 'BR-1', requesterName: '王强', counterpartyName: '上海鼎盛', amount: { amountMinor: 5000, currency: 'CNY' }, comment: '好' }, locale);
        expect(full).not.toMatch(/[{}]/);
      }
    }
    expect(notificationText('benefit.approved', { ref: 'BR-1', counterpartyName: '上海鼎盛', amount: { amountMinor: 5000, currency: 'CNY' } }, 'zh-CN')).toBe('您的好处费申请 BR-1 已获批准（上海鼎盛，¥50.00）');
  });

  it('mail what is not yet mailed once, and try a failed one again later', async () => {
    const db = testApp().database.db;
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    // Earlier tests' notifications are mailed first, so each run below sees only its own.
    await deliverNotificationMail(db, { send: async () => undefined, close: () => undefined }, log);
    const [staffId, auditorId] = [await userId('staff'), await userId('auditor')];
    await send([item(staffId, 'BR-2026-900030'), item(auditorId, 'BR-2026-900031', { kind: 'benefit.approved' })]);
    const sent: MailMessage[] = [];
    let failFor: string | null = 'auditor@demo.probity.cn';
    const mailer: Mailer = {
      async send(message) {
        if (message.to === failFor) throw new Error('mailbox unavailable');
        sent.push(message);
      },
      close: () => undefined,
    };
    expect(await deliverNotificationMail(db, mailer, log)).toEqual({ sent: 1, failed: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'staff@demo.probity.cn', subject: '[Probity] 好处费申请 BR-2026-900030 待您审批（王强，¥1,234.56）' });
    expect(sent[0]!.text).toContain('Benefit request BR-2026-900030 awaits your approval');

    failFor = null;
    expect(await deliverNotificationMail(db, mailer, log)).toEqual({ sent: 1, failed: 0 });
    expect(sent[1]).toMatchObject({ to: 'auditor@demo.probity.cn' });
    expect(await deliverNotificationMail(db, mailer, log)).toEqual({ sent: 0, failed: 0 });
  });

  it('stop showing a notice about a client the reader has since been walled off from', async () => {
    const reader = await userId('zhu.ting');
    const [request] = await queryRows<{ id: string; client_id: string }>(testApp().database.db, sql`select id, client_id from benefit_requests where client_id is not null limit 1`);
    await send([item(reader, 'BR-2026-900101', { entityId: request!.id }), item(reader, 'BR-2026-900102', { entityType: 'benefit_policy', entityId: null })]);
    const session = await testApp().signIn('zhu.ting');
    expect((await session.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });

    const compliance = await testApp().signIn('compliance');
    const wall = await compliance.post('/api/recusals/barriers', { name: '通知测试', clientIds: [request!.client_id], walledOffUserIds: [reader], reason: '项目隔离' });
    expect(wall.statusCode, wall.body).toBe(201);
    const shown = (await session.get('/api/notifications')).json();
    expect(shown.items.map((n: { text: string }) => n.text)).toEqual([expect.stringContaining('BR-2026-900102')]);
    expect(shown.total).toBe(1);
    expect((await session.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });
});
