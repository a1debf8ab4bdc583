/**
 * The cases (群众意见) and activities a suggestion grows from (suggestion_source): the deputy
 * links only those they can see, and the constituents whose opinions went into it see a note on
 * their tracking page when it is submitted and when it is answered.
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { invalidFields, type FieldMessageCode } from '../../platform/errors.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { caseColumns, caseVisible, noteOnCase, type CaseNote } from '../cases/index.js';

export interface Sources { caseIds: number[]; activityIds: number[] }

/** Checks that the actor sees every case and activity named; the fields' errors (UNKNOWN_REFERENCE) otherwise. */
export async function checkSources(trx: Transaction<DB>, actor: Actor, s: Sources): Promise<void> {
  const problems: { path: string; code: FieldMessageCode }[] = [];
  if (s.caseIds.length) {
    const seen = new Set((await trx.selectFrom('opinion as o').select('o.id').where('o.id', 'in', s.caseIds)
      .where(caseVisible(actor, caseColumns('o'))).execute()).map((r) => r.id));
    s.caseIds.forEach((id, i) => { if (!seen.has(id)) problems.push({ path: `caseIds.${i}`, code: 'UNKNOWN_REFERENCE' }); });
  }
  if (s.activityIds.length) {
    const seen = new Set((await trx.selectFrom('activity as a').select('a.id').where('a.id', 'in', s.activityIds)
      .where(activityVisible(actor, activityColumns('a'))).execute()).map((r) => r.id));
    s.activityIds.forEach((id, i) => { if (!seen.has(id)) problems.push({ path: `activityIds.${i}`, code: 'UNKNOWN_REFERENCE' }); });
  }
  if (problems.length) throw invalidFields(problems);
}

/** Sets the suggestion's sources to exactly those named. */
export async function replaceSources(trx: Transaction<DB>, suggestionId: number, s: Sources): Promise<void> {
  await trx.deleteFrom('suggestion_source').where('suggestion_id', '=', suggestionId).execute();
  const rows = [
    ...[...new Set(s.caseIds)].map((id) => ({ suggestion_id: suggestionId, opinion_id: id, activity_id: null })),
    ...[...new Set(s.activityIds)].map((id) => ({ suggestion_id: suggestionId, opinion_id: null, activity_id: id })),
  ];
  if (rows.length) await trx.insertInto('suggestion_source').values(rows).execute();
}

/**
 * Notes on the timeline of each case the suggestion grows from (public: the constituent reads
 * it on the tracking page): `suggestion_included` when it is submitted, `suggestion_answered` when answered.
 */
export async function noteLinkedCases(trx: Transaction<DB>, suggestionId: number, note: CaseNote, now: Date): Promise<void> {
  const s = await trx.selectFrom('suggestion').select('title').where('id', '=', suggestionId).executeTakeFirstOrThrow();
  const cases = await trx.selectFrom('suggestion_source').select('opinion_id').where('suggestion_id', '=', suggestionId)
    .where('opinion_id', 'is not', null).orderBy('opinion_id').execute();
  for (const c of cases) await noteOnCase(trx, c.opinion_id!, note, `《${s.title}》`, { suggestionId }, now);
}
