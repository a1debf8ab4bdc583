/**
 * Numbers (编号) of suggestions and motions: one sequence per congress term, session (0 between
 * sessions, 闭会期间) and kind, given when a suggestion is registered (or a motion turned into
 * one) and when a motion is placed on the agenda. The counter row is taken with an upsert under
 * the caller's transaction, so two registrations at once never get the same number.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { SuggestionKind } from '../../platform/db/schemaSuggestions.js';
import { chineseNumeral } from '../terms/index.js';

/**
 * The label of a number as the congress writes it: 第十八届第三次会议第0012号, 第十八届闭会期间第0003号;
 * a motion 第十八届第三次会议议案第0002号.
 */
export function numberLabel(termNumber: number, sessionNumber: number | null, kind: SuggestionKind, n: number): string {
  const when = sessionNumber === null ? '闭会期间' : `第${chineseNumeral(sessionNumber)}次会议`;
  return `第${chineseNumeral(termNumber)}届${when}${kind === 'motion' ? '议案' : ''}第${String(n).padStart(4, '0')}号`;
}

/** The next number of the term, session (null: between sessions) and kind. */
export async function nextNumber(trx: Transaction<DB>, termId: number, sessionNumber: number | null, kind: SuggestionKind): Promise<number> {
  const row = await trx.insertInto('suggestion_counter')
    .values({ term_id: termId, session_number: sessionNumber ?? 0, kind, last: 1 })
    .onConflict((oc) => oc.columns(['term_id', 'session_number', 'kind']).doUpdateSet((eb) => ({ last: eb('suggestion_counter.last', '+', 1) })))
    .returning('last').executeTakeFirstOrThrow();
  return row.last;
}

/** The number and label a suggestion of `kind` gets now, for the columns `number` and `number_label`. */
export async function numberFor(trx: Transaction<DB>, s: { term_id: number; session_id: number | null }, kind: SuggestionKind) {
  const term = await trx.selectFrom('congress_term').select('number').where('id', '=', s.term_id).executeTakeFirstOrThrow();
  const session = s.session_id === null ? null
    : await trx.selectFrom('congress_session').select('number').where('id', '=', s.session_id).executeTakeFirstOrThrow();
  const n = await nextNumber(trx, s.term_id, session?.number ?? null, kind);
  return { number: n, number_label: numberLabel(term.number, session?.number ?? null, kind, n) };
}
