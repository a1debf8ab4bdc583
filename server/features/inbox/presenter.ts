import { z } from 'zod';
import type { Notification } from '../../platform/db/schemaJobs.js';
import { Timestamp } from '../../platform/http/schemas.js';
import { NOTIFICATION_TYPES, typeOfKind } from '../../../common/notificationTypes.js';

export const NotificationSchema = z.object({
  id: z.number().int(),
  kind: z.string().meta({ description: 'What happened, e.g. `case.assigned`; `inbox.digest` for a daily digest' }),
  type: z.enum(NOTIFICATION_TYPES.keys).meta({ description: 'The type it is filtered and configured by' }),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().meta({ description: 'In-app path to open, e.g. `/cases/123`' }),
  caseId: z.number().int().nullable().meta({ description: 'The case this is about, if any' }),
  createdAt: Timestamp,
  readAt: Timestamp.nullable().meta({ description: 'When the recipient marked it read; null while unread' }),
}).meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationSchema>;

export function presentNotification(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    type: typeOfKind(n.kind),
    title: n.title,
    body: n.body,
    link: n.link,
    caseId: n.case_id,
    createdAt: n.created_at.toISOString(),
    readAt: n.read_at ? n.read_at.toISOString() : null,
  };
}
