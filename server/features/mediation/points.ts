/**
 * What mediation rooms contribute to 履职积分 (the points feature's fact contract,
 * features/points/contract.ts): each deputy present at a session of a mediation that ended in
 * agreement (调解成功) earns `mediation_agreement` once for that mediation, on the day it was
 * closed, at its station. Attending the session itself counts as an activity (kind `mediation`)
 * when the session was logged as one.
 */
import { sql } from 'kysely';
import { DISPUTE_TYPES } from '../../../common/mediation.js';
import type { FactPeriod, PointFactSource } from '../points/index.js';

// The ledger names the dispute by its type and day: its title may name private people.
const typeLabel = sql.raw(`(case m.dispute_type ${DISPUTE_TYPES.keys.map((k) => `when '${k}' then '${DISPUTE_TYPES.labels[k].zh}'`).join(' ')} end)`);

export const mediationPointFacts: PointFactSource = {
  name: 'mediation',
  sources: ['mediation_agreement'],
  facts: (p: FactPeriod | null) => sql`
    select 'mediation_agreement' as source, 'mediation' as ref_type, m.id as ref_id, x.deputy_id, ${typeLabel} || '调解成功(' || to_char(m.received_on, 'YYYY-MM-DD') || '受理)' as title,
      m.station_id, h.region_path as place_path, to_char(m.closed_on, 'YYYY-MM-DD') as day,
      null as kind, null as attendance, null as suggestions, null as present, null as rating, null as bonus_cents
    from mediation m
    join station_region h on h.station_id = m.station_id and h.is_home
    cross join lateral (select distinct md.deputy_id from mediation_session ms join mediation_session_deputy md on md.session_id = ms.id
      where ms.mediation_id = m.id) x
    where m.outcome = 'agreed' and ${p ? sql`m.closed_on between ${p.firstDay}::date and ${p.lastDay}::date` : sql`m.closed_on is not null`}`,
};
