/**
 * What cases contribute to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts). A case is credited to the deputy it is addressed to, or else to
 * the deputy who registered it, with up to three facts, each on its own day (Beijing time),
 * which may fall in different years: collecting it (on submission; a declined or merged opinion
 * was not collected), answering the constituent (the latest answer) and the constituent's
 * rating. Each is placed at the case's station and that station's home region.
 */
import { sql, type RawBuilder } from 'kysely';
import type { FactPeriod, PointFactSource } from '../points/index.js';

const day = (column: RawBuilder<unknown>) => sql`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

export const casePointFacts: PointFactSource = {
  name: 'cases',
  sources: ['case_collected', 'case_answered', 'case_rated'],
  facts: (p: FactPeriod | null) => {
    const during = (column: string) => (p ? sql`(${sql.ref(column)} >= ${p.from} and ${sql.ref(column)} < ${p.to})` : sql`${sql.ref(column)} is not null`);
    return sql`
      select s.source, 'case' as ref_type, o.id as ref_id, coalesce(o.deputy_id, reg.deputy_id) as deputy_id,
        o.tracking_code || '(' || c.name || ')' as title, o.station_id, h.region_path as place_path, s.day,
        null as kind, null as attendance, null as suggestions, null as present,
        case when s.source = 'case_rated' then o.rating end as rating, null as bonus_cents
      from opinion o
      join case_category c on c.id = o.category_id
      join station_region h on h.station_id = o.station_id and h.is_home
      left join account reg on reg.id = o.created_by_account_id
      cross join lateral (values
        ('case_collected', case when o.declined_at is null and o.merged_into_id is null then ${day(sql.ref('o.submitted_at'))} end),
        ('case_answered', ${day(sql.ref('o.answered_at'))}),
        ('case_rated', case when o.rating is not null then ${day(sql.ref('o.rated_at'))} end)) s(source, day)
      where coalesce(o.deputy_id, reg.deputy_id) is not null
        and (${during('o.submitted_at')} or ${during('o.answered_at')} or ${during('o.rated_at')})
        and ${p ? sql`s.day between ${p.firstDay} and ${p.lastDay}` : sql`s.day is not null`}`;
  },
};
