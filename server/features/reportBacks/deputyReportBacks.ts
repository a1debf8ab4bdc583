/**
 * A deputy's report-backs, for their performance archive (履职档案) and public disclosure
 * (履职公示): those held in a period (not cancelled, meeting begun), with the number of
 * evaluations, the share satisfied or basically satisfied and the issue list's progress.
 * Nothing of the constituents: no comment, no phone.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { periodBounds, type Period } from '../../platform/documents/model.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { satisfiedPercent } from './workflow.js';

export async function deputyReportBacks(db: Kysely<DB>, deputyId: number, period: Period) {
  const bounds = periodBounds(period);
  const at = clockNow();
  let q = db.selectFrom('report_back as r').innerJoin('activity as a', 'a.id', 'r.activity_id')
    .select(['r.id', 'r.title', 'a.starts_at', 'a.place',
      sql<number>`(select count(*) from report_back_evaluation e where e.report_back_id = r.id)`.as('total'),
      sql<number>`(select count(*) from report_back_evaluation e where e.report_back_id = r.id and e.rating = 'satisfied')`.as('satisfied'),
      sql<number>`(select count(*) from report_back_evaluation e where e.report_back_id = r.id and e.rating = 'basically_satisfied')`.as('basically'),
      sql<number>`(select count(*) from report_back_issue i where i.report_back_id = r.id)`.as('issues'),
      sql<number>`(select count(*) from report_back_issue i where i.report_back_id = r.id and i.state <> 'open')`.as('issues_done')])
    .where('r.deputy_id', '=', deputyId).where('r.state', '<>', 'cancelled').where('a.starts_at', '<=', bounds.to < at ? bounds.to : at);
  if (bounds.from) q = q.where('a.starts_at', '>', bounds.from);
  const rows = await q.orderBy('a.starts_at').orderBy('r.id').execute();
  const items = rows.map((r) => {
    const c = { satisfied: Number(r.satisfied), basically_satisfied: Number(r.basically), total: Number(r.total) };
    return {
      id: r.id, date: shanghaiDate(r.starts_at), title: r.title, place: r.place, evaluationCount: c.total, satisfiedPercent: satisfiedPercent(c),
      issues: { total: Number(r.issues), closed: Number(r.issues_done) },
    };
  });
  const all = items.reduce((n, i) => n + i.evaluationCount, 0);
  const content = rows.reduce((n, r) => n + Number(r.satisfied) + Number(r.basically), 0);
  return {
    summary: { count: items.length, evaluations: all, satisfiedPercent: all ? Math.round((content * 1000) / all) / 10 : null, last: items.length ? { date: items.at(-1)!.date } : null },
    items,
  };
}
