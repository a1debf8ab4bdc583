/**
 * The facts of cases as the registers print them: submitter masked exactly as the case API
 * masks it for this reader (caseContactVisible), coded values as Chinese labels, and the
 * handling summed up in words — state, unit, the answer given to the constituent, the rating.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { CASE_CHANNELS, CASE_STATE_LABELS, RATING_LABELS } from '../../../common/caseVocabulary.js';
import { maskPhone } from '../../platform/text/phone.js';
import { caseContactVisible, caseColumns, caseVisible } from './access.js';
import { maskName } from '../../platform/text/personName.js';
import { capped, MAX_REGISTER_ROWS, type RegisterContext } from '../registers/index.js';

export interface OpinionFact {
  id: number;
  trackingCode: string;
  activityId: number | null;
  submittedAt: Date;
  channel: string;
  submitter: string;
  phone: string;
  content: string;
  category: string;
  unit: string;
  state: string;
  answer: string;
  rating: string;
}

/** The latest answer the constituent was given (反馈 or 当场答复). */
const lastAnswer = sql<string | null>`(select e.comment from opinion_event e
  where e.opinion_id = o.id and e.action in ('answer', 'answer_on_spot') order by e.id desc limit 1)`;

/** Cases (`o`) the reader reaches that meet `condition`, oldest first. */
export async function opinionFacts(ctx: RegisterContext, condition: RawBuilder<SqlBool>): Promise<OpinionFact[]> {
  const rows = capped(await ctx.db.selectFrom('opinion as o')
    .innerJoin('case_category as c', 'c.id', 'o.category_id')
    .leftJoin('unit as u', 'u.id', 'o.assigned_unit_id')
    .select([
      'o.id', 'o.tracking_code', 'o.activity_id', 'o.submitted_at', 'o.channel', 'o.content', 'o.submitter_name', 'o.submitter_phone',
      'o.state', 'o.rating', 'c.name as category', 'u.name as unit',
      caseContactVisible(ctx.actor, caseColumns('o')).as('entitled'), lastAnswer.as('answer'),
    ])
    .where(caseVisible(ctx.actor, caseColumns('o')))
    .where(condition)
    .orderBy('o.submitted_at').orderBy('o.id')
    .limit(MAX_REGISTER_ROWS + 1)
    .execute());
  return rows.map((r) => {
    const entitled = Boolean(r.entitled);
    const name = entitled ? r.submitter_name : maskName(r.submitter_name);
    const phone = entitled ? r.submitter_phone : maskPhone(r.submitter_phone);
    return {
      id: r.id, trackingCode: r.tracking_code, activityId: r.activity_id, submittedAt: r.submitted_at,
      channel: CASE_CHANNELS.labels[r.channel].zh, submitter: name ?? '匿名', phone: phone ?? '—',
      content: r.content, category: r.category, unit: r.unit ?? '', state: CASE_STATE_LABELS.labels[r.state].zh,
      answer: r.answer ?? '', rating: r.rating ? RATING_LABELS.labels[r.rating].zh : '',
    };
  });
}

/** 已交办 · 平桂区水利局 / 答复:… / 评价:满意 — the handling in one cell. */
export function handlingText(f: OpinionFact): string {
  return [
    f.unit ? `${f.state} · ${f.unit}` : f.state,
    f.answer && `答复:${f.answer}`,
    f.rating && `评价:${f.rating}`,
  ].filter(Boolean).join('\n');
}
