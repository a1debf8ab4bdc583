/**
 * The daily digest: the notifications an account chose to receive once a day (per type and
 * channel, see `notification_pref`) are folded, per account, into one digest notification in
 * the inbox (when the account wants the digest there) and one outbox message per outside
 * channel that waits for it. Run by the daily housekeeping; what it takes is what was told
 * before today (Asia/Shanghai), so running it again the same day finds nothing more.
 */
import { sql, type Transaction } from 'kysely';
import { DIGEST_KIND, NOTIFICATION_TYPES, typeOfKind } from '../../../common/notificationTypes.js';
import { shanghaiDate } from '../calendar/workingDays.js';
import type { DB } from '../db/schema.js';
import type { ChannelName } from '../db/schemaJobs.js';
import { enqueueJob } from '../jobs/queue.js';
import { channelAddress, deliveryChannel } from './channels.js';
import { OUTBOX_DELIVER, outboxDedupeKey } from './deliver.js';

/** The titles a digest lists before saying "and N more". */
const LISTED = 8;

export interface DigestSummary {
  accountId: number;
  digestId: number;
  count: number;
}

export async function composeDigests(trx: Transaction<DB>, now: Date): Promise<DigestSummary[]> {
  const today = shanghaiDate(now);
  const cutoff = new Date(`${today}T00:00:00+08:00`);
  const pending = await trx.selectFrom('notification')
    .select(['id', 'account_id', 'kind', 'title', 'body', 'digest_channels'])
    .where(sql<boolean>`digest_channels <> '{}'`)
    .where('created_at', '<', cutoff)
    .orderBy('account_id').orderBy('id')
    .forUpdate()
    .execute();
  const byAccount = new Map<number, typeof pending>();
  for (const n of pending) byAccount.set(n.account_id, [...(byAccount.get(n.account_id) ?? []), n]);

  const done: DigestSummary[] = [];
  for (const [accountId, items] of byAccount) {
    const channels = new Set(items.flatMap((n) => n.digest_channels));
    const counts = new Map<string, number>();
    for (const n of items) counts.set(typeOfKind(n.kind), (counts.get(typeOfKind(n.kind)) ?? 0) + 1);
    const title = `每日通知汇总:${items.length} 条`;
    const tally = NOTIFICATION_TYPES.keys.filter((t) => counts.has(t)).map((t) => `${NOTIFICATION_TYPES.labels[t].zh} ${counts.get(t)} 条`).join(',');
    const lines = items.slice(0, LISTED).map((n) => `· ${n.title}(${n.body})`);
    if (items.length > LISTED) lines.push(`…… 另有 ${items.length - LISTED} 条`);
    const body = `${tally}\n${lines.join('\n')}`;
    const digest = await trx.insertInto('notification').values({
      account_id: accountId, kind: DIGEST_KIND, title, body, link: null, case_id: null,
      dedupe_key: `digest:${today}:${items[0]!.id}`, shown: channels.has('app'),
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('notification').set({ link: `/notifications?digest=${digest.id}` }).where('id', '=', digest.id).execute();
    await trx.updateTable('notification').set({ digest_id: digest.id, digest_channels: [] })
      .where('id', 'in', items.map((n) => n.id)).execute();

    const outside = [...channels].filter((c): c is ChannelName => c !== 'app');
    if (outside.length) {
      const account = await trx.selectFrom('account as a').leftJoin('deputy as d', 'd.id', 'a.deputy_id')
        .select(['a.username', 'a.active', 'd.phone']).where('a.id', '=', accountId).executeTakeFirstOrThrow();
      for (const name of outside) {
        const channel = deliveryChannel(name);
        const address = account.active && channel
          ? channelAddress(channel, account)
          : null;
        if (!address) continue;
        const { id } = await trx.insertInto('outbox').values({ channel: name, recipient: address, subject: title, body, notification_id: digest.id })
          .returning('id').executeTakeFirstOrThrow();
        await enqueueJob(trx, { kind: OUTBOX_DELIVER, payload: { outboxId: id }, dedupeKey: outboxDedupeKey(id) });
      }
    }
    done.push({ accountId, digestId: digest.id, count: items.length });
  }
  return done;
}
