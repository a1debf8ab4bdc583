/**
 * What report-backs contribute to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts): one `report_back` fact per report-back held and evaluated (its
 * evaluation closed with at least one evaluation), for its deputy, on the meeting's day, at its
 * station. The meeting itself earns the activity's attendance points (kind 述职) as any activity.
 */
import { sql } from 'kysely';
import type { FactPeriod, PointFactSource } from '../points/index.js';

export const reportBackPointFacts: PointFactSource = {
  name: 'reportBacks',
  sources: ['report_back'],
  facts: (p: FactPeriod | null) => sql`
    select 'report_back' as source, 'report_back' as ref_type, r.id as ref_id, r.deputy_id, r.title as title,
      r.station_id, coalesce((select sr.region_path from station_region sr where sr.station_id = r.station_id and sr.is_home), r.congress_region_path) as place_path,
      to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, null as kind, null as attendance, null as suggestions, null as present, null as rating, null as bonus_cents
    from report_back r join activity a on a.id = r.activity_id
    where r.state = 'evaluated' and exists (select 1 from report_back_evaluation e where e.report_back_id = r.id)
      and ${p ? sql`a.starts_at >= ${p.from} and a.starts_at < ${p.to}` : sql`true`}`,
};
