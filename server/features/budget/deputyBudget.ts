/**
 * The budget reviews a deputy took part in, for their performance archive (履职档案): the reviews
 * (opened, of any congress) on which, in the period, they commented, asked a question on a report,
 * or scored a performance evaluation; with how many of each.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { periodBounds, type Period } from '../../platform/documents/model.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { BUDGET_KIND_LABELS, BUDGET_STATE_LABELS } from './workflow.js';

export async function deputyBudgetReviews(db: Kysely<DB>, deputyId: number, period: Period) {
  const bounds = periodBounds(period);
  const from = bounds.from ?? new Date(0);
  const comments = sql`from budget_comment c where c.review_id = r.id and c.deputy_id = ${deputyId} and c.created_at > ${from} and c.created_at <= ${bounds.to}`;
  const scored = sql`from budget_evaluation e join budget_evaluation_participant ep on ep.evaluation_id = e.id and ep.deputy_id = ${deputyId}
    where e.review_id = r.id and ep.scored_at > ${from} and ep.scored_at <= ${bounds.to}`;
  const rows = await db.selectFrom('budget_review as r').innerJoin('region as g', 'g.code', 'r.region_code')
    .select(['r.id', 'r.title', 'r.year', 'r.kind', 'r.state', 'g.name as region_name',
      sql<number>`(select count(*) ${comments} and c.report_id is null)`.as('comments'),
      sql<number>`(select count(*) ${comments} and c.report_id is not null)`.as('questions'),
      sql<number>`(select count(*) ${scored})`.as('evaluations'),
      sql<Date | null>`least((select min(c.created_at) ${comments}), (select min(ep.scored_at) ${scored}))`.as('first_at')])
    .where('r.state', '<>', 'preparing')
    .orderBy('r.year').orderBy('r.id').execute();
  const items = rows.filter((r) => Number(r.comments) + Number(r.questions) + Number(r.evaluations) > 0).map((r) => ({
    id: r.id, title: r.title, year: r.year, kind: r.kind, kindLabel: BUDGET_KIND_LABELS[r.kind], congress: `${r.region_name}人民代表大会`,
    state: r.state, stateLabel: BUDGET_STATE_LABELS[r.state], date: r.first_at ? shanghaiDate(new Date(r.first_at)) : '',
    comments: Number(r.comments), questions: Number(r.questions), evaluations: Number(r.evaluations),
  }));
  const sum = (k: 'comments' | 'questions' | 'evaluations') => items.reduce((n, i) => n + i[k], 0);
  return { summary: { reviews: items.length, comments: sum('comments'), questions: sum('questions'), evaluations: sum('evaluations') }, items };
}
