/**
 * A deputy's suggestions and motions, for their performance archive (履职档案) and public
 * disclosure (履职公示): those they led or co-signed (confirmed), submitted in a period, with
 * the number, state, the answer's category and the lead deputy's rating. Drafts, withdrawn
 * ones and invitations declined are not the deputy's work. The public sees only those
 * published with a number, as on the public suggestion pages.
 */
import { sql, type Kysely } from 'kysely';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import type { DB } from '../../platform/db/schema.js';
import { periodBounds, type Period } from '../../platform/documents/model.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { suggestionColumns, suggestionPublic } from './access.js';
import { ANSWER_CATEGORY_LABELS, SUGGESTION_STATE_LABELS } from './workflow.js';

export async function deputySuggestions(db: Kysely<DB>, deputyId: number, period: Period, opts: { publicOnly?: boolean } = {}) {
  const bounds = periodBounds(period);
  let q = db.selectFrom('suggestion as s')
    .innerJoin('suggestion_signer as sg', (j) => j.onRef('sg.suggestion_id', '=', 's.id').on('sg.deputy_id', '=', deputyId).on('sg.status', '=', 'confirmed'))
    .select(['s.id', 's.kind', 's.title', 's.number_label', 's.state', 's.answer_category', 's.rating', 's.submitted_at', 'sg.role'])
    .where('s.submitted_at', 'is not', null)
    .where('s.state', '<>', 'withdrawn')
    .where('s.submitted_at', '<=', bounds.to);
  if (bounds.from) q = q.where('s.submitted_at', '>', bounds.from);
  if (opts.publicOnly) q = q.where(suggestionPublic({ ...suggestionColumns('s'), published: sql.ref('s.published'), number: sql.ref('s.number') }));
  const rows = await q.orderBy('s.submitted_at').orderBy('s.id').execute();
  const items = rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, numberLabel: r.number_label, date: shanghaiDate(r.submitted_at!), role: r.role,
    state: r.state, stateLabel: SUGGESTION_STATE_LABELS[r.state], answerCategory: r.answer_category,
    answerCategoryLabel: r.answer_category ? ANSWER_CATEGORY_LABELS[r.answer_category] : null,
    rating: r.rating, ratingLabel: r.rating ? RATING_LABELS.labels[r.rating] : null,
  }));
  const count = (p: (i: (typeof items)[number]) => boolean) => items.filter(p).length;
  return {
    summary: {
      total: items.length, led: count((i) => i.role === 'lead'), cosigned: count((i) => i.role === 'cosigner'),
      answered: count((i) => i.answerCategory !== null), a: count((i) => i.answerCategory === 'A'), b: count((i) => i.answerCategory === 'B'), c: count((i) => i.answerCategory === 'C'),
      satisfied: count((i) => i.rating === 'satisfied'), basicallySatisfied: count((i) => i.rating === 'basically_satisfied'), unsatisfied: count((i) => i.rating === 'unsatisfied'),
    },
    items,
  };
}
