import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged, uuidParam } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import { listNotifications, markAllRead, markRead, unreadCount } from './notifications.service';
import { NotificationListQuery, NotificationSchema, ReadAllSchema, UnreadCountSchema } from './notifications.types';

const tags = ['notifications'];
const own = { access: 'authenticated' as const };

export const notificationsRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);

    app.get('', { config: own, schema: { tags, summary: 'My notifications, newest first (unread=true: only unread)', querystring: NotificationListQuery, response: { 200: paged(NotificationSchema), ...commonErrors } } }, async (request) => ({
      ...(await listNotifications(db, request.ctx, request.query, locale(request))),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }));
    app.get('/unread-count', { config: own, schema: { tags, summary: 'How many of my notifications are unread', response: { 200: UnreadCountSchema, ...commonErrors } } }, async (request) =>
      unreadCount(db, request.ctx),
    );
    app.post('/read-all', { config: own, schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllSchema, ...commonErrors } } }, async (request) =>
      markAllRead(db, request.ctx),
    );
    app.post('/:id/read', { config: own, schema: { tags, summary: 'Mark one of my notifications read', params: uuidParam, response: { 200: NotificationSchema, ...commonErrors } } }, async (request) =>
      markRead(db, request.ctx, request.params.id, locale(request)),
    );
  };
