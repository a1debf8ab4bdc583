/**
 * The points feature's own facts under the fact contract (contract.ts): bonuses and deductions
 * staff entered, on the day entered for them, at their station (if any) and region. A withdrawn
 * bonus no longer counts.
 */
import { sql } from 'kysely';
import type { FactPeriod, PointFactSource } from './contract.js';

export const bonusPointFacts: PointFactSource = {
  name: 'bonuses',
  sources: ['bonus'],
  facts: (p: FactPeriod | null) => sql`
    select 'bonus' as source, 'bonus' as ref_type, b.id as ref_id, b.deputy_id, b.reason as title, b.station_id, b.region_path as place_path,
      to_char(b.on_date, 'YYYY-MM-DD') as day, null as kind, null as attendance, null as suggestions, null as present, null as rating,
      (b.points * 100)::int as bonus_cents
    from point_bonus b
    where b.voided_at is null ${p ? sql`and b.on_date between ${p.firstDay} and ${p.lastDay}` : sql``}`,
};
