import { z } from 'zod';
import type { OutboxRow } from '../db/schemaJobs.js';
import { jobKind } from '../feature.js';
import { describeError, PermanentJobError } from '../jobs/registry.js';
import { deliveryChannel, type OutboxMessage } from './channels.js';

/** The job that sends one outbox message; enqueued by `notify`, deduplicated per outbox row. */
export const OUTBOX_DELIVER = 'outbox.deliver';

export const outboxDedupeKey = (outboxId: number) => `outbox:${outboxId}`;

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id, channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body,
    notificationId: row.notification_id,
  };
}

const Payload = z.object({ outboxId: z.number().int().positive() });

/** Sends one outbox message through its channel; a kernel job kind. */
export const outboxDeliverJob = jobKind(OUTBOX_DELIVER, async ({ trx, payload, now }) => {
  // Marked sent, and so locked, before it is sent, in one statement: a failed delivery rolls the
  // mark back with the job's transaction. No row: sent already, or no such message.
  const row = await trx.updateTable('outbox').set((eb) => ({ sent_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', payload.outboxId).where('sent_at', 'is', null).returningAll().executeTakeFirst();
  if (!row) {
    const known = await trx.selectFrom('outbox').select('id').where('id', '=', payload.outboxId).executeTakeFirst();
    if (!known) throw new PermanentJobError(`Outbox message ${payload.outboxId} does not exist`);
    return;
  }
  const channel = deliveryChannel(row.channel);
  if (!channel) throw new Error(`No delivery channel '${row.channel}' is registered in this process`);
  await channel.deliver(toMessage(row));
}, {
  payload: Payload,
  async onError({ trx, payload, error }) {
    await trx.updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: describeError(error) }))
      .where('id', '=', payload.outboxId).where('sent_at', 'is', null)
      .execute();
  },
});
