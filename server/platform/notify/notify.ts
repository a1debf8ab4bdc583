import { sql, type QueryCreator, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DeliveryMode, PrefChannel } from '../db/schemaJobs.js';
import { typeOfKind } from '../../../common/notificationTypes.js';
import { now } from '../clock.js';
import { deliveryChannels } from './channels.js';
import { OUTBOX_DELIVER } from './deliver.js';

export interface NotifyInput {
  /** Whom to tell: account ids, or a query of them, read inside the statement that reads the recipients. */
  accountIds: number[] | SelectQueryBuilder<DB, keyof DB, { id: number }>;
  /** An account left out (the one who acted). */
  exceptAccountId?: number | null;
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
  /** The recipients read already by `recipientsQuery` (inside the statement that wrote what they are told of); `accountIds` is then not read again. */
  recipients?: Recipient[];
}

/** An account to tell, with its wishes for the notification's type. */
export interface Recipient {
  id: number;
  username: string;
  display_name: string;
  phone: string | null;
  prefs: { channel: PrefChannel; mode: DeliveryMode }[];
}

/**
 * The active accounts among `accountIds` but `exceptAccountId`, with their wishes for `type`, in
 * id order: one query, sent alone by `notify` or read inside another statement.
 */
export function recipientsQuery(db: QueryCreator<DB>, accountIds: NotifyInput['accountIds'], type: string, exceptAccountId: number | null) {
  return db.selectFrom('account as a')
    .leftJoin('deputy as d', 'd.id', 'a.deputy_id')
    .select(['a.id', 'a.username', 'a.display_name', 'd.phone'])
    .select(sql<Recipient['prefs']>`coalesce((select json_agg(json_build_object('channel', p.channel, 'mode', p.mode))
      from notification_pref p where p.account_id = a.id and p.type = ${type}), '[]'::json)`.as('prefs'))
    .where('a.id', 'in', accountIds).where('a.active', '=', true)
    .where(sql<SqlBool>`a.id is distinct from ${exceptAccountId}::int`)
    .orderBy('a.id');
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
  const except = input.exceptAccountId ?? null;
  const ids = Array.isArray(input.accountIds) ? [...new Set(input.accountIds)].filter((id) => id !== except) : input.accountIds;
  if (Array.isArray(ids) && ids.length === 0) return { notificationIds: [], outboxIds: [] };
  // The recipients with their wishes for this type, in one statement (unless read already).
  const recipients = input.recipients ?? await recipientsQuery(trx, ids, typeOfKind(input.kind), except).execute();
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
  const insertNotifications = (db: QueryCreator<DB>) => db.insertInto('notification').values(plans.map((p) => ({
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
    .returning(['id', 'account_id']);
  // The messages to send now, one per recipient and channel, in the recipients' order.
  const messages = plans.flatMap((p) => p.immediate.map((o) => ({ accountId: p.r.id, channel: o.channel, recipient: o.address })));
  if (messages.length === 0) {
    const notifications = await insertNotifications(trx).execute();
    return { notificationIds: notifications.map((n) => n.id), outboxIds: [] };
  }
  // The notifications, their messages (none for an account told under this key already) and the
  // messages' delivery jobs (keyed `outbox:<id>` as `outboxDedupeKey` keys them), in one statement.
  const rows = await trx.with('n', (db) => insertNotifications(db))
    .with('o', (db) => db.insertInto('outbox').columns(['channel', 'recipient', 'subject', 'body', 'notification_id'])
      .expression(sql<never>`select m.channel, m.recipient, ${input.title}::text, ${input.body}::text, n.id
        from unnest(${messages.map((m) => m.accountId)}::int[], ${messages.map((m) => m.channel)}::text[], ${messages.map((m) => m.recipient)}::text[])
          with ordinality as m(account_id, channel, recipient, ord)
        join n on n.account_id = m.account_id
        order by m.ord`)
      .returning('id'))
    .with('j', (db) => db.insertInto('job').columns(['kind', 'payload', 'dedupe_key', 'run_at'])
      .expression((eb) => eb.selectFrom('o').select([
        eb.val(OUTBOX_DELIVER).as('kind'),
        sql<string>`jsonb_build_object('outboxId', o.id)`.as('payload'),
        sql<string>`'outbox:' || o.id`.as('dedupe_key'),
        eb.val(now()).as('run_at'),
      ]))
      .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing()))
    .selectFrom('n').select(['n.id', 'n.account_id', sql<number[]>`(select coalesce(json_agg(o.id order by o.id), '[]') from o)`.as('outbox_ids')])
    .execute();
  const notificationOf = new Map(rows.map((n) => [n.account_id, n.id]));
  return {
    notificationIds: plans.flatMap((p) => (notificationOf.has(p.r.id) ? [notificationOf.get(p.r.id)!] : [])),
    outboxIds: rows[0]?.outbox_ids ?? [],
  };
}
