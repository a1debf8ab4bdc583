import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ChannelName } from '../db/schemaJobs.js';
import { enqueueJob } from '../jobs/queue.js';
import { OUTBOX_DELIVER, outboxDedupeKey } from './deliver.js';

/**
 * Sends a message to an address outside the accounts (a constituent's phone), inside the
 * caller's transaction: one outbox row and its `outbox.deliver` job, which exist exactly when
 * the caller's change commits. No in-app notification: the recipient has no account.
 */
export async function sendToAddress(trx: Transaction<DB>, message: { channel: ChannelName; recipient: string; subject: string; body: string }): Promise<number> {
  const { id } = await trx.insertInto('outbox').values({ ...message, notification_id: null }).returning('id').executeTakeFirstOrThrow();
  await enqueueJob(trx, { kind: OUTBOX_DELIVER, payload: { outboxId: id }, dedupeKey: outboxDedupeKey(id) });
  return id;
}
