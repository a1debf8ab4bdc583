import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ChannelName, DeliveryMode, PrefChannel } from '../db/schemaJobs.js';
import { typeOfKind } from '../../../common/notificationTypes.js';
import { now } from '../clock.js';
import { deliveryChannels } from './channels.js';
import { OUTBOX_DELIVER } from './deliver.js';

export interface NotifyInput {
  accountIds: number[];
  /** What happened, e.g. `case.assigned`. */
  kind: string;
  title: string;
  body: string;
  /** An in-app path such as `/cases/123`. */
  link?: string | null;
  caseId?: number | null;
  /**
   * At most one notification per account and key, ever: telling an account again under a key it
   * was told under already does nothing (no notification, no message). The database holds it
   * (a unique index), whichever process or worker writes.
   */
  dedupeKey?: string | null;
}

export interface NotifyResult {
  notificationIds: number[];
  outboxIds: number[];
}

/**
 * Tells accounts about something, inside the caller's transaction, as each account wishes for
 * the notification's type (see `notification_pref`; no wish: immediately everywhere): an in-app
 * notification, and one outbox message per registered channel that has an address for the
 * account, with one `outbox.deliver` job per message. A channel set to the daily digest waits
 * for it (`digest_channels`), a channel set off gets nothing. All of it exists exactly when the
 * caller's change commits. Disabled and unknown accounts are left out.
 */
export async function notify(trx: Transaction<DB>, input: NotifyInput): Promise<NotifyResult> {
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) return { notificationIds: [], outboxIds: [] };
  const type = typeOfKind(input.kind);
  // The recipients with their wishes for this type, in one statement.
  const recipients = await trx.selectFrom('account as a')
    .leftJoin('deputy as d', 'd.id', 'a.deputy_id')
    .select(['a.id', 'a.username', 'a.display_name', 'd.phone'])
    .select(sql<{ channel: PrefChannel; mode: DeliveryMode }[]>`coalesce((select json_agg(json_build_object('channel', p.channel, 'mode', p.mode))
      from notification_pref p where p.account_id = a.id and p.type = ${type}), '[]'::json)`.as('prefs'))
    .where('a.id', 'in', ids).where('a.active', '=', true)
    .orderBy('a.id')
    .execute();
  if (recipients.length === 0) return { notificationIds: [], outboxIds: [] };
  const prefsOf = new Map(recipients.map((r) => [r.id, r.prefs]));
  const modeOf = (accountId: number, channel: PrefChannel): DeliveryMode =>
    prefsOf.get(accountId)!.find((p) => p.channel === channel)?.mode ?? 'immediate';
  const plans = recipients.map((r) => {
    const outside = deliveryChannels().flatMap((channel) => {
      const address = channel.address({ accountId: r.id, username: r.username, displayName: r.display_name, phone: r.phone });
      const mode = modeOf(r.id, channel.name);
      return address && mode !== 'off' ? [{ channel: channel.name, address, mode }] : [];
    });
    const app = modeOf(r.id, 'app');
    const digest = [...(app === 'digest' ? ['app'] : []), ...outside.filter((o) => o.mode === 'digest').map((o) => o.channel)];
    return { r, shown: app === 'immediate', digest, immediate: outside.filter((o) => o.mode === 'immediate') };
  }).filter((p) => p.shown || p.digest.length > 0 || p.immediate.length > 0);
  if (plans.length === 0) return { notificationIds: [], outboxIds: [] };

  const dedupeKey = input.dedupeKey ?? null;
  const notifications = await trx.insertInto('notification').values(plans.map((p) => ({
    account_id: p.r.id,
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link ?? null,
    case_id: input.caseId ?? null,
    dedupe_key: dedupeKey,
    shown: p.shown,
    digest_channels: p.digest,
  })))
    .$if(dedupeKey !== null, (q) => q.onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing()))
    .returning(['id', 'account_id']).execute();
  const notificationOf = new Map(notifications.map((n) => [n.account_id, n.id]));

  const messages: { channel: ChannelName; recipient: string; subject: string; body: string; notification_id: number }[] = [];
  for (const p of plans) {
    const notificationId = notificationOf.get(p.r.id);
    if (notificationId === undefined) continue; // told under this key already
    for (const o of p.immediate) messages.push({ channel: o.channel, recipient: o.address, subject: input.title, body: input.body, notification_id: notificationId });
  }
  // The messages and their delivery jobs (keyed `outbox:<id>` as `outboxDedupeKey` keys them), in one statement.
  const outbox = messages.length
    ? await trx.with('o', (db) => db.insertInto('outbox').values(messages).returning('id'))
      .with('j', (db) => db.insertInto('job').columns(['kind', 'payload', 'dedupe_key', 'run_at'])
        .expression((eb) => eb.selectFrom('o').select([
          eb.val(OUTBOX_DELIVER).as('kind'),
          sql<string>`jsonb_build_object('outboxId', o.id)`.as('payload'),
          sql<string>`'outbox:' || o.id`.as('dedupe_key'),
          eb.val(now()).as('run_at'),
        ]))
        .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing()))
      .selectFrom('o').select('id').orderBy('id').execute()
    : [];
  return { notificationIds: notifications.map((n) => n.id), outboxIds: outbox.map((o) => o.id) };
}
