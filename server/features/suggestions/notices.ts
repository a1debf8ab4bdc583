/**
 * Who hears of what happens to a suggestion, in the action's transaction (in-app and through the
 * outbox, as each account wishes): deputies by their accounts, a congress's staff, units' clerks.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notify } from '../../platform/notify/notify.js';
import { anyOf, clerksOf, deputiesOf, staffOf } from '../../platform/notify/audience.js';

/** The people to tell: deputies, the staff of a congress (by its region; none for the NPC), units. */
export interface Audience { deputyIds?: number[]; congressRegionCode?: string | null; unitIds?: number[] }

/** The deputies who signed (the lead and confirmed co-signers), or with `invited` also those still asked. */
export async function signersOf(trx: Transaction<DB>, suggestionId: number, o: { invited?: boolean } = {}): Promise<number[]> {
  const rows = await trx.selectFrom('suggestion_signer').select('deputy_id').where('suggestion_id', '=', suggestionId)
    .where('status', 'in', o.invited ? ['confirmed', 'invited'] : ['confirmed']).execute();
  return rows.map((r) => r.deputy_id);
}

/**
 * Tells `to` about suggestion `id` (`kind` like `suggestion.register`, the title heads the body);
 * the account that acted is left out.
 */
export async function notifySuggestion(
  trx: Transaction<DB>, id: number, kind: string, title: string, to: Audience, exceptAccountId: number | null, dedupeKey?: string,
): Promise<void> {
  const s = await trx.selectFrom('suggestion').select(['title', 'number_label']).where('id', '=', id).executeTakeFirstOrThrow();
  await notify(trx, {
    accountIds: anyOf(deputiesOf(trx, to.deputyIds ?? []), !!to.congressRegionCode && staffOf(trx, to.congressRegionCode), clerksOf(trx, to.unitIds ?? [])),
    exceptAccountId, kind, title, body: `${s.number_label ? `${s.number_label} ` : ''}《${s.title}》`, link: `/suggestions/${id}`, dedupeKey: dedupeKey ?? null,
  });
}
