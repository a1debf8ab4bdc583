/**
 * The consultations a deputy took part in, for their performance archive (履职档案): the topics
 * (published, of any committee) for which, in the period, they registered views heard at a
 * reception day or attended a linked activity; with how many views they registered.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { periodBounds, type Period } from '../../platform/documents/model.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { congressName, STATE_LABELS } from './states.js';

export async function deputyConsultations(db: Kysely<DB>, deputyId: number, period: Period) {
  const bounds = periodBounds(period);
  const from = bounds.from ?? new Date(0);
  const rows = await db.selectFrom('consultation_topic as t').innerJoin('region as r', 'r.code', 't.congress_region_code')
    .select(['t.id', 't.title', 't.state', 'r.name as region_name',
      sql<number>`(select count(*) from consultation_view v where v.topic_id = t.id and v.recorded_by_deputy_id = ${deputyId}
        and v.created_at > ${from} and v.created_at <= ${bounds.to})`.as('views'),
      sql<number>`(select count(*) from consultation_activity ca join activity a on a.id = ca.activity_id
        join activity_participant ap on ap.activity_id = a.id and ap.deputy_id = ${deputyId} and ap.attendance = 'present'
        where ca.topic_id = t.id and a.starts_at > ${from} and a.starts_at <= ${bounds.to})`.as('activities'),
      sql<Date | null>`least(
        (select min(v.created_at) from consultation_view v where v.topic_id = t.id and v.recorded_by_deputy_id = ${deputyId} and v.created_at > ${from} and v.created_at <= ${bounds.to}),
        (select min(a.starts_at) from consultation_activity ca join activity a on a.id = ca.activity_id
          join activity_participant ap on ap.activity_id = a.id and ap.deputy_id = ${deputyId} and ap.attendance = 'present'
          where ca.topic_id = t.id and a.starts_at > ${from} and a.starts_at <= ${bounds.to}))`.as('first_at')])
    .where('t.state', '<>', 'draft')
    .orderBy('t.id').execute();
  const items = rows.filter((r) => Number(r.views) > 0 || Number(r.activities) > 0).map((r) => ({
    id: r.id, title: r.title, committee: congressName(r.region_name), state: r.state, stateLabel: STATE_LABELS[r.state],
    date: r.first_at ? shanghaiDate(new Date(r.first_at)) : '', views: Number(r.views), activities: Number(r.activities),
  }));
  return { summary: { topics: items.length, views: items.reduce((n, i) => n + i.views, 0), activities: items.reduce((n, i) => n + i.activities, 0) }, items };
}
