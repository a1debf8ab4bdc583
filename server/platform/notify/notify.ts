import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ChannelName } from '../db/schemaJobs.js';
import { enqueueJob } from '../jobs/queue.js';
import { deliveryChannels } from './channels.js';
import { OUTBOX_DELIVER, outboxDedupeKey } from './deliver.js';

export interface NotifyInput {
  accountIds: number[];
  /** What happened, e.g. `case.assigned`. */
  kind: string;
  title: string;
  body: string;
  /** An in-app path such as `/cases/123`. */
  link?: string | null;
  caseId?: number | null;
}

export interface NotifyResult {
  notificationIds: number[];
  outboxIds: number[];
}

/**
 * Tells accounts about something, inside the caller's transaction: one in-app notification
 * per account, one outbox message per account and registered channel that has an address for
 * it, and one `outbox.deliver` job per message. All of it exists exactly when the caller's
 * change commits. Disabled and unknown accounts are left out.
 */
export async function notify(trx: Transaction<DB>, input: NotifyInput): Promise<NotifyResult> {
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) return { notificationIds: [], outboxIds: [] };
  const recipients = await trx.selectFrom('account as a')
    .leftJoin('deputy as d', 'd.id', 'a.deputy_id')
    .select(['a.id', 'a.username', 'a.display_name', 'd.phone'])
    .where('a.id', 'in', ids).where('a.active', '=', true)
    .orderBy('a.id')
    .execute();
  if (recipients.length === 0) return { notificationIds: [], outboxIds: [] };

  const notifications = await trx.insertInto('notification').values(recipients.map((r) => ({
    account_id: r.id,
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link ?? null,
    case_id: input.caseId ?? null,
  }))).returning(['id', 'account_id']).execute();
  const notificationOf = new Map(notifications.map((n) => [n.account_id, n.id]));

  const messages: { channel: ChannelName; recipient: string; subject: string; body: string; notification_id: number }[] = [];
  for (const channel of deliveryChannels()) {
    for (const r of recipients) {
      const address = channel.address({ accountId: r.id, username: r.username, displayName: r.display_name, phone: r.phone });
      if (address) messages.push({ channel: channel.name, recipient: address, subject: input.title, body: input.body, notification_id: notificationOf.get(r.id)! });
    }
  }
  const outbox = messages.length ? await trx.insertInto('outbox').values(messages).returning('id').execute() : [];
  for (const { id } of outbox) {
    await enqueueJob(trx, { kind: OUTBOX_DELIVER, payload: { outboxId: id }, dedupeKey: outboxDedupeKey(id) });
  }
  return { notificationIds: notifications.map((n) => n.id), outboxIds: outbox.map((o) => o.id) };
}
