/**
 * What consultations contribute to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts): one `consultation` fact per deputy and topic they took part in —
 * views they registered at a reception day, or a linked activity they attended — on the first day
 * they did, at the station of that first part. Drafts earn nothing (they take no views).
 */
import { sql } from 'kysely';
import type { FactPeriod, PointFactSource } from '../points/index.js';

export const consultationPointFacts: PointFactSource = {
  name: 'consultations',
  sources: ['consultation'],
  facts: (p: FactPeriod | null) => sql`
    select 'consultation' as source, 'consultation' as ref_type, t.id as ref_id, f.deputy_id, '《' || t.title || '》' as title,
      f.station_id, coalesce((select sr.region_path from station_region sr where sr.station_id = f.station_id and sr.is_home), t.congress_region_path) as place_path,
      f.day, null as kind, null as attendance, null as suggestions, null as present, null as rating, null as bonus_cents
    from consultation_topic t
    cross join lateral (
      select distinct on (x.deputy_id) x.deputy_id, x.station_id, x.day from (
        select v.recorded_by_deputy_id as deputy_id, v.station_id, to_char(v.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
        from consultation_view v where v.topic_id = t.id and v.recorded_by_deputy_id is not null
        union all
        select ap.deputy_id, ca.station_id, to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')
        from consultation_activity ca join activity a on a.id = ca.activity_id
        join activity_participant ap on ap.activity_id = a.id and ap.attendance = 'present'
        where ca.topic_id = t.id) x
      order by x.deputy_id, x.day) f
    where t.state <> 'draft' and ${p ? sql`f.day between ${p.firstDay} and ${p.lastDay}` : sql`f.day is not null`}`,
};
