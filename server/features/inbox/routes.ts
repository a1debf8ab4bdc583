import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, PageQuery, pageOf } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { listNotifications, markAllRead, markRead, unreadCount } from './inbox.js';
import { NotificationSchema } from './presenter.js';
import { getPreferences, PreferencesBody, PreferencesSchema, savePreferences } from './preferences.js';
import { NOTIFICATION_TYPES } from '../../../common/notificationTypes.js';

const UnreadCount = z.number().int().meta({ description: 'Your unread notifications' });

const NotificationParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/notifications', {
    config: { access: 'authenticated', ability: 'notification.read' },
    schema: {
      tags: ['notifications'],
      summary: '我的通知 Your notifications, newest first',
      querystring: z.object({
        unread: z.enum(['true', 'false']).default('false').meta({ description: '`true`: only unread ones' }),
        type: z.enum(NOTIFICATION_TYPES.keys).optional().meta({ description: 'Only notifications of this type' }),
        digest: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()
          .meta({ description: 'The notifications folded into this daily digest of yours, instead of the inbox' }),
        ...PageQuery,
      }),
      response: { 200: pageOf(NotificationSchema).extend({ unreadCount: UnreadCount }), ...errorResponses },
    },
  }, async (request) => {
    const { unread, ...page } = request.query;
    return listNotifications(app.db, request.actor!, { ...page, unread: unread === 'true' });
  });

  app.get('/api/notifications/preferences', {
    config: { access: 'authenticated', ability: 'notification.read' },
    schema: {
      tags: ['notifications'],
      summary: '通知偏好 Your notification preferences',
      description: 'For each type and channel: immediately, in the daily digest (sent the next morning), or off.',
      response: { 200: PreferencesSchema, ...errorResponses },
    },
  }, async (request) => getPreferences(app.db, request.actor!));

  app.put('/api/notifications/preferences', {
    config: { access: 'authenticated', ability: 'notification.update' },
    schema: {
      tags: ['notifications'],
      summary: '保存通知偏好 Save your notification preferences',
      description: 'The type × channel choices given are saved; the others stay as they were.',
      body: PreferencesBody,
      response: { 200: PreferencesSchema, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => savePreferences(ctx, request.body.prefs));
    return getPreferences(app.db, request.actor!);
  });

  app.get('/api/notifications/unread-count', {
    config: { access: 'authenticated', ability: 'notification.read' },
    schema: {
      tags: ['notifications'],
      summary: '未读通知数 How many of your notifications are unread',
      response: { 200: z.object({ count: UnreadCount }), ...errorResponses },
    },
  }, async (request) => ({ count: await unreadCount(app.db, request.actor!) }));

  app.post('/api/notifications/:id/read', {
    config: { access: 'authenticated', ability: 'notification.update' },
    schema: {
      tags: ['notifications'],
      summary: '标为已读 Mark one of your notifications read',
      description: 'Marking an already read notification changes nothing. Another account\'s notification answers 404.',
      params: NotificationParams,
      response: { 200: NotificationSchema, ...errorResponses },
    },
  }, async (request) => runWrite(request, (ctx) => markRead(ctx, request.params.id)));

  app.post('/api/notifications/read-all', {
    config: { access: 'authenticated', ability: 'notification.update' },
    schema: {
      tags: ['notifications'],
      summary: '全部标为已读 Mark all your notifications read',
      response: { 200: z.object({ count: z.number().int().meta({ description: 'How many were unread and are now read' }) }), ...errorResponses },
    },
  }, async (request) => ({ count: await runWrite(request, (ctx) => markAllRead(ctx)) }));
};
