/**
 * What activities contribute to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts): for every participant of an activity held in the period, their
 * attendance; for the deputy who recorded it, present with at least one other deputy present,
 * organising it; for every deputy present, their share of the suggestions made at it. All on the
 * activity's day (its start, Beijing time), in the activity's region and at its station.
 */
import { sql } from 'kysely';
import type { FactPeriod, PointFactSource } from '../points/index.js';

export const activityPointFacts: PointFactSource = {
  name: 'activities',
  sources: ['attendance', 'organiser', 'activity_suggestion'],
  facts: (p: FactPeriod | null) => sql`
    select s.source, 'activity' as ref_type, a.id as ref_id, pa.deputy_id, a.title, a.station_id, a.region_path as place_path,
      to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
      case when s.source = 'attendance' then a.kind end as kind,
      case when s.source = 'attendance' then pa.attendance end as attendance,
      case when s.source = 'activity_suggestion' then a.suggestions_made end as suggestions,
      case when s.source = 'activity_suggestion' then n.present end as present,
      null as rating, null as bonus_cents
    from activity a
    join activity_participant pa on pa.activity_id = a.id
    left join account acc on acc.id = a.created_by_account_id
    cross join lateral (select count(*)::int as present from activity_participant q where q.activity_id = a.id and q.attendance = 'present') n
    -- Organising means bringing others: a deputy logging a visit of their own earns no organiser points.
    join (values ('attendance'), ('organiser'), ('activity_suggestion')) s(source) on s.source = 'attendance'
      or (pa.attendance = 'present' and case s.source
        when 'organiser' then coalesce(acc.deputy_id = pa.deputy_id, false) and n.present > 1
        else a.suggestions_made > 0 end)
    where ${p ? sql`a.starts_at >= ${p.from} and a.starts_at < ${p.to}` : sql`a.starts_at is not null`}`,
};
