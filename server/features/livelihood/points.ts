/**
 * What livelihood projects contribute to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts):
 * - a project a deputy proposed (origin 'deputy') that the congress adopted (`livelihood_proposed`),
 *   on the day of the count, whatever became of it afterwards (carried out, evaluated, rectified);
 * - a year-end evaluation (满意度测评) a deputy rated projects at (`livelihood_rated`): one fact per
 *   deputy and round however many projects they rated, on the day of their first rating.
 * Each is placed in the congress's region (no station). Supervision visits (视察) are activities
 * and earn through the activities feature, not here.
 */
import { sql } from 'kysely';
import type { FactPeriod, PointFactSource } from '../points/index.js';

const ADOPTED = ['adopted', 'in_progress', 'completed', 'evaluated', 'rectifying', 'closed'];

export const livelihoodPointFacts: PointFactSource = {
  name: 'livelihood',
  sources: ['livelihood_proposed', 'livelihood_rated'],
  facts: (p: FactPeriod | null) => sql`
    select f.* from (
      select 'livelihood_proposed' as source, 'livelihood_project' as ref_type, x.id as ref_id, x.proposer_deputy_id as deputy_id,
        '《' || x.title || '》' as title, null as station_id, x.congress_region_path as place_path,
        to_char(x.decided_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
        null as kind, null as attendance, null as suggestions, null as present, null as rating, null as bonus_cents
      from livelihood_project x
      where x.origin = 'deputy' and x.proposer_deputy_id is not null and x.decided_at is not null
        and x.state in (${sql.join(ADOPTED)})
      union all
      select 'livelihood_rated', 'livelihood_round', r.id, g.deputy_id, '《' || r.title || '》满意度测评', null, r.congress_region_path,
        to_char(g.first_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'),
        null, null, null, null, null, null
      from livelihood_round r
      join livelihood_evaluation e on e.round_id = r.id
      join lateral (
        select lr.deputy_id, min(lr.rated_at) as first_at from livelihood_rating lr
        join livelihood_project lp on lp.id = lr.project_id where lp.round_id = r.id group by lr.deputy_id) g on true) f
    where ${p ? sql`f.day between ${p.firstDay} and ${p.lastDay}` : sql`f.day is not null`}`,
};
