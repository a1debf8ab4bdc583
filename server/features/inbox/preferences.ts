/**
 * An account's notification preferences: for each type and channel, immediately, in the daily
 * digest, or not at all. No row means immediately. `notify` (platform/notify) reads them.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DELIVERY_MODES, NOTIFICATION_TYPES, PREF_CHANNELS, type PrefChannelKey } from '../../../common/notificationTypes.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { channelAddress, deliveryChannels } from '../../platform/notify/channels.js';
import { now } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';

const Pref = z.object({
  type: z.enum(NOTIFICATION_TYPES.keys),
  channel: z.enum(PREF_CHANNELS.keys),
  mode: z.enum(DELIVERY_MODES.keys),
});
export type Pref = z.infer<typeof Pref>;

export const PreferencesSchema = z.object({
  channels: z.array(z.enum(PREF_CHANNELS.keys)).meta({ description: 'The channels that reach you: `app` (the inbox) and the outside channels of this installation with an address for you' }),
  prefs: z.array(Pref).meta({ description: 'One per type and channel' }),
}).meta({ id: 'NotificationPreferences' });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const PreferencesBody = z.object({ prefs: z.array(Pref).min(1).max(64) });

/** The channels offered: the inbox, then the outside channels registered in this process that have an address for the account. */
async function offeredChannels(db: Kysely<DB>, accountId: number): Promise<PrefChannelKey[]> {
  const account = await db.selectFrom('account as a').leftJoin('deputy as d', 'd.id', 'a.deputy_id')
    .select(['a.username', 'd.phone']).where('a.id', '=', accountId).executeTakeFirstOrThrow();
  const reach = deliveryChannels().filter((c) => channelAddress(c, account));
  return ['app', ...reach.map((c) => c.name)];
}

export async function getPreferences(db: Kysely<DB>, actor: Actor): Promise<Preferences> {
  const rows = await db.selectFrom('notification_pref').select(['type', 'channel', 'mode']).where('account_id', '=', actor.accountId).execute();
  const channels = await offeredChannels(db, actor.accountId);
  const prefs = NOTIFICATION_TYPES.keys.flatMap((type) => channels.map((channel) => ({
    type, channel, mode: rows.find((r) => r.type === type && r.channel === channel)?.mode ?? 'immediate' as const,
  })));
  return { channels, prefs };
}

/** Saves the given type × channel choices of one's own (the others stay); audited with what changed. */
export async function savePreferences(ctx: WriteContext, prefs: Pref[]): Promise<void> {
  const channels = await offeredChannels(ctx.trx, ctx.actor.accountId);
  if (prefs.some((p) => !channels.includes(p.channel))) throw new AppError('NOTIFICATION_CHANNEL_UNAVAILABLE');
  const accountId = ctx.actor.accountId;
  const before = await ctx.trx.selectFrom('notification_pref').select(['type', 'channel', 'mode'])
    .where('account_id', '=', accountId).forUpdate().execute();
  const at = now();
  const changed: Pref[] = [];
  for (const p of prefs) {
    const was = before.find((r) => r.type === p.type && r.channel === p.channel)?.mode ?? 'immediate';
    if (was === p.mode) continue;
    changed.push(p);
    await ctx.trx.insertInto('notification_pref').values({ account_id: accountId, type: p.type, channel: p.channel, mode: p.mode, updated_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'type', 'channel']).doUpdateSet({ mode: p.mode, updated_at: at }))
      .execute();
  }
  if (changed.length) {
    await recordAudit(ctx, { action: 'notification.preferences', entityType: 'account', entityId: accountId, after: { changed } });
  }
}
