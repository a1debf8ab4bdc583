/**
 * What budget review contributes to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts):
 * - `budget_comment`: one fact per deputy and review they took part in by commenting (on a project
 *   or the whole) or asking a question on a report, on the first day they did, however many they made;
 * - `budget_evaluation`: one fact per performance evaluation a deputy scored, on the day they last
 *   scored it (scoring again moves the day, it adds nothing).
 * A review is a congress's, not a station's: its facts happen in the congress's region, at no station.
 */
import { sql } from 'kysely';
import type { FactPeriod, PointFactSource } from '../points/index.js';

export const budgetPointFacts: PointFactSource = {
  name: 'budget',
  sources: ['budget_comment', 'budget_evaluation'],
  facts: (p: FactPeriod | null) => sql`
    select f.source, 'budget_review' as ref_type, r.id as ref_id, f.deputy_id, '《' || r.title || '》' || f.what as title,
      null as station_id, r.region_path as place_path, f.day,
      null as kind, null as attendance, null as suggestions, null as present, null as rating, null as bonus_cents
    from budget_review r
    cross join lateral (
      select 'budget_comment' as source, c.deputy_id, '' as what,
        to_char(min(c.created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
      from budget_comment c where c.review_id = r.id group by c.deputy_id
      union all
      select 'budget_evaluation', ep.deputy_id, ' ' || e.title, to_char(ep.scored_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')
      from budget_evaluation e join budget_evaluation_participant ep on ep.evaluation_id = e.id and ep.scored_at is not null
      where e.review_id = r.id) f
    where r.state <> 'preparing' and ${p ? sql`f.day between ${p.firstDay} and ${p.lastDay}` : sql`f.day is not null`}`,
};
