import { sql, type Expression, type QueryCreator, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { typeOfKind } from '../../../common/notificationTypes.js';
import { now } from '../clock.js';
import type { Audience } from './audience.js';
import { deliveryChannels } from './channels.js';
import { OUTBOX_DELIVER } from './deliver.js';

export interface NotifyInput {
  /** Whom to tell: account ids, or a query of them read inside the statement that writes the notifications (see audience.ts); null: nobody. */
  accountIds: number[] | Audience | null;
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
}

/** The active accounts among `accountIds` but `exceptAccountId`, in id order, with what the outside channels address them by. */
export function recipientsQuery(db: QueryCreator<DB>, accountIds: number[] | Audience, exceptAccountId: number | null) {
  return db.selectFrom('account as a')
    .leftJoin('deputy as d', 'd.id', 'a.deputy_id')
    .select(['a.id', 'a.username', 'd.phone'])
    .where('a.id', 'in', accountIds).where('a.active', '=', sql.lit(true))
    .where(sql<SqlBool>`a.id is distinct from ${exceptAccountId}::int`)
    .orderBy('a.id');
}

/**
 * What a notification says, and how it is delivered, as values of the statement that writes it:
 * its type's wishes are read by that statement, the registered channels (their names and what
 * they address an account by) are given, so the statement's text does not depend on them.
 */
export interface NotificationValues {
  notifyKind: string;
  notifyType: string;
  notifyTitle: string;
  notifyBody: string;
  notifyDedupeKey: string | null;
  notifyChannels: string[];
  notifyAddressedBy: (string | null)[];
  notifyAt: Date;
}

/** The values of a notification of `kind`, for the channels registered now. */
export function notificationValues(input: Pick<NotifyInput, 'kind' | 'title' | 'body' | 'dedupeKey'>): NotificationValues {
  const channels = deliveryChannels();
  return {
    notifyKind: input.kind, notifyType: typeOfKind(input.kind), notifyTitle: input.title, notifyBody: input.body,
    notifyDedupeKey: input.dedupeKey ?? null, notifyChannels: channels.map((c) => c.name), notifyAddressedBy: channels.map((c) => c.addressedBy),
    notifyAt: now(),
  };
}

/**
 * The parts of a statement that tell the accounts of `recipients` (a CTE named `notify_r`, as
 * `recipientsQuery` answers them), each as it wishes for the notification's type (see
 * `notification_pref`; no wish: immediately everywhere):
 * - `notify_p`: the recipients' wishes for the notification's type, read once for all channels;
 * - `notify_m`: each recipient on each registered channel, with its address there (null: the
 *   channel does not reach it) and its wish;
 * - `notify_n`: the notifications: shown in the inbox unless the wish for `app` is the digest or
 *   off, the channels that wait for the digest, none for an account that wants nothing at all
 *   or was told under the dedupe key already;
 * - `notify_o`: one outbox message per notification and channel wanted now with an address;
 * - `notify_j`: one `outbox.deliver` job per message, keyed `outbox:<id>` as `outboxDedupeKey` keys it.
 * `about` gives the notifications' link and case (values, or columns of a CTE of the statement
 * named in `from`, such as the case it inserts: nothing is written when that CTE is empty).
 */
export function notificationCtes(v: NotificationValues, about: { link: Expression<string | null>; caseId: Expression<number | null>; from: RawBuilder<unknown> | null }) {
  const from = about.from === null ? sql`` : sql`cross join ${about.from}`;
  return {
    p: sql<{ account_id: number; channel: string; mode: string }>`(select p.account_id, p.channel, p.mode from notification_pref p
      where p.type = ${v.notifyType}::text and p.account_id in (select id from notify_r))`,
    m: sql<{ account_id: number; ord: number; channel: string; address: string | null; mode: string }>`(select r.id as account_id, c.ord, c.name as channel,
        case c.addressed_by when 'username' then r.username when 'phone' then r.phone end as address, coalesce(p.mode, 'immediate') as mode
      from notify_r r cross join unnest(${v.notifyChannels}::text[], ${v.notifyAddressedBy}::text[]) with ordinality as c(name, addressed_by, ord)
      left join notify_p p on p.account_id = r.id and p.channel = c.name)`,
    n: sql<{ id: number; account_id: number }>`(insert into notification (account_id, kind, title, body, link, case_id, dedupe_key, shown, digest_channels)
      select w.id, ${v.notifyKind}::text, ${v.notifyTitle}::text, ${v.notifyBody}::text, ${about.link}, ${about.caseId}, ${v.notifyDedupeKey}::text,
        w.app = 'immediate',
        (case when w.app = 'digest' then array['app'] else '{}'::text[] end)
          || array(select m.channel from notify_m m where m.account_id = w.id and m.address is not null and m.mode = 'digest' order by m.ord)
      from (select r.id, coalesce(p.mode, 'immediate') as app from notify_r r left join notify_p p on p.account_id = r.id and p.channel = 'app') w ${from}
      where w.app <> 'off' or exists (select 1 from notify_m m where m.account_id = w.id and m.address is not null and m.mode <> 'off')
      order by w.id
      on conflict (account_id, dedupe_key) where dedupe_key is not null do nothing
      returning id, account_id)`,
    o: sql<{ id: number }>`(insert into outbox (channel, recipient, subject, body, notification_id)
      select m.channel, m.address, ${v.notifyTitle}::text, ${v.notifyBody}::text, n.id
      from notify_m m join notify_n n on n.account_id = m.account_id
      where m.address is not null and m.mode = 'immediate'
      order by m.account_id, m.ord
      returning id)`,
    j: sql<{ id: number }>`(insert into job (kind, payload, dedupe_key, run_at)
      select ${sql.lit(OUTBOX_DELIVER)}, jsonb_build_object('outboxId', o.id), 'outbox:' || o.id, ${v.notifyAt}::timestamptz from notify_o o
      on conflict (dedupe_key) where dedupe_key is not null do nothing
      returning id)`,
  };
}

export interface NotifyResult {
  notificationIds: number[];
  outboxIds: number[];
}

/**
 * Tells accounts about something, inside the caller's transaction, in one statement (see
 * `notificationCtes`): an in-app notification, and one outbox message per registered channel
 * that has an address for the account, with one `outbox.deliver` job per message. A channel set
 * to the daily digest waits for it (`digest_channels`), a channel set off gets nothing. All of it
 * exists exactly when the caller's change commits. Disabled and unknown accounts are left out.
 */
export async function notify(trx: Transaction<DB>, input: NotifyInput): Promise<NotifyResult> {
  const except = input.exceptAccountId ?? null;
  const ids = Array.isArray(input.accountIds) ? [...new Set(input.accountIds)].filter((id) => id !== except) : input.accountIds;
  if (ids === null || (Array.isArray(ids) && ids.length === 0)) return { notificationIds: [], outboxIds: [] };
  const ctes = notificationCtes(notificationValues(input), {
    link: sql<string | null>`${input.link ?? null}::text`, caseId: sql<number | null>`${input.caseId ?? null}::bigint`, from: null,
  });
  const [row] = await trx.with('notify_r', (db) => recipientsQuery(db, ids, except))
    .with('notify_p', () => ctes.p).with('notify_m', () => ctes.m).with('notify_n', () => ctes.n).with('notify_o', () => ctes.o).with('notify_j', () => ctes.j)
    .selectNoFrom([
      sql<number[]>`(select coalesce(json_agg(id order by account_id), '[]') from notify_n)`.as('notification_ids'),
      sql<number[]>`(select coalesce(json_agg(id order by id), '[]') from notify_o)`.as('outbox_ids'),
    ])
    .execute();
  return { notificationIds: row!.notification_ids, outboxIds: row!.outbox_ids };
}
