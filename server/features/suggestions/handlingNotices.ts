/**
 * Who hears of the handling of a suggestion (notices.ts does the telling): the units it is
 * assigned to, the deputies who signed it, the staff of its congress.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notifySuggestion, signersOf } from './notices.js';

export interface Audience {
  /** Accounts of these units. */
  unitIds?: readonly number[];
  /** The lead deputy and the co-signers who confirmed. */
  signers?: boolean;
  /** The staff of the suggestion's congress. */
  staff?: boolean;
}

/** The units a suggestion is assigned to: the lead unit, the co-units, or all. */
export async function unitsOf(trx: Transaction<DB>, suggestionId: number, role?: 'lead' | 'co'): Promise<number[]> {
  let q = trx.selectFrom('suggestion_unit').select('unit_id').where('suggestion_id', '=', suggestionId);
  if (role) q = q.where('role', '=', role);
  return (await q.orderBy('unit_id').execute()).map((r) => r.unit_id);
}

/** Tells `who` about `action` on suggestion `s`, leaving out the account that took it. */
export async function tellAbout(
  trx: Transaction<DB>, s: { id: number; congress_region_code: string | null }, action: string, title: string, who: Audience,
  opts: { except?: number | null; dedupeKey?: string } = {},
): Promise<void> {
  await notifySuggestion(trx, s.id, `suggestion.${action}`, title, {
    unitIds: [...who.unitIds ?? []],
    deputyIds: who.signers ? await signersOf(trx, s.id) : [],
    congressRegionCode: who.staff ? s.congress_region_code : null,
  }, opts.except ?? null, opts.dedupeKey);
}
