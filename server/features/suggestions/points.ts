/**
 * What suggestions contribute to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts):
 * - each suggestion registered (立案, or a motion placed on the agenda), on that day, to its lead
 *   deputy (`suggestion_lead`) and to each co-signer who confirmed (`suggestion_cosigner`), so a
 *   region's rules may price leading and co-signing apart;
 * - the lead deputy's rating of the answer (`suggestion_rated`), on the day rated, priced by
 *   its outcome (a re-handled suggestion by its latest rating).
 * Each is placed in the congress's region (no station); drafts, declined and withdrawn
 * suggestions earn nothing.
 */
import { sql, type RawBuilder } from 'kysely';
import type { FactPeriod, PointFactSource } from '../points/index.js';

const day = (column: RawBuilder<unknown>) => sql`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

export const suggestionPointFacts: PointFactSource = {
  name: 'suggestions',
  sources: ['suggestion_lead', 'suggestion_cosigner', 'suggestion_rated'],
  facts: (p: FactPeriod | null) => {
    const filed = sql`coalesce(x.registered_at, x.agenda_at)`;
    const during = (column: RawBuilder<unknown>) => (p ? sql`(${column} >= ${p.from} and ${column} < ${p.to})` : sql`${column} is not null`);
    return sql`
      select f.source, 'suggestion' as ref_type, x.id as ref_id, f.deputy_id,
        coalesce(x.number_label || ' ', '') || '《' || x.title || '》' as title, null as station_id, x.congress_region_path as place_path, f.day,
        null as kind, null as attendance, null as suggestions, null as present, f.rating, null as bonus_cents
      from suggestion x
      cross join lateral (
        select case when sg.role = 'lead' then 'suggestion_lead' else 'suggestion_cosigner' end as source, sg.deputy_id,
          ${day(filed)} as day, null as rating
        from suggestion_signer sg where sg.suggestion_id = x.id and sg.status = 'confirmed' and ${filed} is not null
        union all
        select 'suggestion_rated', x.lead_deputy_id, ${day(sql.ref('x.rated_at'))}, x.rating where x.rating is not null) f
      where x.state <> 'withdrawn' and (${during(filed)} or ${during(sql.ref('x.rated_at'))})
        and ${p ? sql`f.day between ${p.firstDay} and ${p.lastDay}` : sql`f.day is not null`}`;
  },
};
