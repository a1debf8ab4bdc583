import type { Kysely } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { presentNotification, type NotificationView } from './presenter.js';
import { now } from '../../platform/clock.js';
import { KINDS_OF_TYPE, TYPED_KINDS, type NotificationTypeKey } from '../../../common/notificationTypes.js';

/** The one rule of the inbox: an account reaches its own notifications and no one else's. */
function own(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('notification').where('account_id', '=', actor.accountId);
}

/** What the inbox lists and counts: not the notifications kept for (or folded into) a digest. */
function shown(db: Kysely<DB>, actor: Actor) {
  return own(db, actor).where('shown', '=', true);
}

export async function unreadCount(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await shown(db, actor).where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface InboxFilters {
  unread: boolean;
  /** Only this type (see common/notificationTypes.ts). */
  type?: NotificationTypeKey;
  /** The notifications folded into this digest of the actor's, instead of the inbox. */
  digest?: number;
  limit: number;
  cursor?: string;
}

/** Newest first, keyed by id. */
export async function listNotifications(db: Kysely<DB>, actor: Actor, f: InboxFilters) {
  const before = decodeCursor(f.cursor, isIdCursor);
  let q = (f.digest === undefined ? shown(db, actor) : own(db, actor).where('digest_id', '=', f.digest))
    .selectAll().orderBy('id', 'desc').limit(f.limit + 1);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.type === 'other') q = q.where('kind', 'not in', TYPED_KINDS);
  else if (f.type) q = q.where('kind', 'in', KINDS_OF_TYPE[f.type]);
  if (before !== null) q = q.where('id', '<', before);
  const page = toPage(await q.execute(), f.limit, (n) => n.id, presentNotification);
  return { ...page, unreadCount: await unreadCount(db, actor) };
}

/** Marks one of the actor's notifications read (again: no change). Someone else's answers 404. */
export async function markRead(ctx: WriteContext, id: number): Promise<NotificationView> {
  const current = await own(ctx.trx, ctx.actor).selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  if (current.read_at) return presentNotification(current);
  const updated = await ctx.trx.updateTable('notification').set({ read_at: now() })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'notification.read', entityType: 'notification', entityId: id,
    before: { readAt: null }, after: { readAt: updated.read_at },
  });
  return presentNotification(updated);
}

/** Marks every unread notification of the actor read; answers how many changed. */
export async function markAllRead(ctx: WriteContext): Promise<number> {
  const readAt = now();
  const changed = await ctx.trx.updateTable('notification').set({ read_at: readAt })
    .where('account_id', '=', ctx.actor.accountId).where('shown', '=', true).where('read_at', 'is', null)
    .returning('id').execute();
  if (changed.length) {
    await recordAudit(ctx, {
      action: 'notification.read_all', entityType: 'account', entityId: ctx.actor.accountId,
      after: { count: changed.length, readAt },
    });
  }
  return changed.length;
}
