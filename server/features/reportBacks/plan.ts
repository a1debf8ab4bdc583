/**
 * The plan (述职计划) of a congress and its overview: who of the running term's deputies must
 * report back by when, and who has. County (and higher) deputies report at least once a term,
 * township deputies every year (白坭镇's "区人大代表每届任期内至少回选区述职一次,镇人大代表每年回选区述职一次");
 * a congress may change its cadence, the number of report-backs per period and the date they are due by.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/errors.js';
import { now as clockNow, today as clockToday } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { planManageable } from './access.js';
import { CADENCE_LABELS, PLAN_STATUS_LABELS } from './workflow.js';
import type { ReportBackCadence, ReportBackLevel } from './types.js';

export function defaultCadence(level: ReportBackLevel): ReportBackCadence {
  return level === 'township' ? 'yearly' : 'per_term';
}

/** A term's last day: its end when recorded, else five years after its start. */
export function termEnd(startsOn: string, endsOn: string | null): string {
  if (endsOn) return endsOn;
  const [y, m, d] = startsOn.split('-');
  return addDays(`${Number(y) + 5}-${m}-${d}`, -1);
}

function congresses(db: Kysely<DB>, actor: Actor, on: string) {
  return db.selectFrom('congress_term as t').innerJoin('region as g', 'g.code', 't.region_code')
    .leftJoin('report_back_plan as p', (j) => j.onRef('p.congress_level', '=', 't.level').onRef('p.congress_region_code', '=', 't.region_code'))
    .select(['t.id as term_id', 't.level', 't.region_code', 'g.name as region_name', 'g.path', 't.number', 't.starts_on', 't.ends_on',
      'p.cadence', 'p.times', 'p.due_on', 'p.version'])
    .where('t.level', 'in', ['county', 'township', 'city', 'provincial']).where('t.starts_on', '<=', on)
    .where((eb) => eb.or([eb('t.ends_on', 'is', null), eb('t.ends_on', '>=', on)]))
    .where(planManageable(actor, sql.ref('t.region_path')));
}

type CongressRow = Awaited<ReturnType<ReturnType<typeof congresses>['execute']>>[number];

function presentCongress(r: CongressRow) {
  const level = r.level as ReportBackLevel;
  const cadence = r.cadence ?? defaultCadence(level);
  return {
    level, regionCode: r.region_code!, regionName: r.region_name, name: `${r.region_name}人民代表大会`, termId: r.term_id, termNumber: r.number,
    termStartsOn: r.starts_on, termEndsOn: termEnd(r.starts_on, r.ends_on), cadence, cadenceLabel: CADENCE_LABELS[cadence], times: r.times ?? 1,
    dueOn: r.due_on ?? null, stored: r.cadence !== null, version: r.version ?? null,
  };
}

export async function listCongresses(db: Kysely<DB>, actor: Actor) {
  const rows = await congresses(db, actor, clockToday()).orderBy('g.path').orderBy('t.level').execute();
  return { items: rows.map(presentCongress) };
}

/**
 * The yearly period `day` falls in: the calendar year within the term. A term begun in the second
 * half of a year has no report-back due that year: its first period runs from its start to the end
 * of the next year, so deputies elected in the autumn first report a full year later.
 */
export function yearlyPeriod(termStartsOn: string, day: string): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const startYear = Number(termStartsOn.slice(0, 4));
  const lateStart = termStartsOn.slice(5) > '06-30';
  if (lateStart && year === startYear) return { from: termStartsOn, to: `${year + 1}-12-31` };
  if (lateStart && year === startYear + 1) return { from: termStartsOn, to: `${year}-12-31` };
  return { from: [termStartsOn, `${year}-01-01`].sort().at(-1)!, to: `${year}-12-31` };
}

export async function planOverview(db: Kysely<DB>, actor: Actor, level: ReportBackLevel, regionCode: string) {
  const day = clockToday();
  const row = await congresses(db, actor, day).where('t.level', '=', level).where('t.region_code', '=', regionCode).orderBy('t.starts_on', 'desc').executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const congress = presentCongress(row);
  const period = congress.cadence === 'per_term' ? { from: congress.termStartsOn, to: congress.termEndsOn } : yearlyPeriod(congress.termStartsOn, day);
  const dueBy = congress.dueOn ?? period.to;
  const deputies = await db.selectFrom('deputy as d')
    .select(['d.id', 'd.name',
      sql<string[]>`coalesce((select array_agg(s.name order by s.id) from deputy_station ds join station s on s.id = ds.station_id where ds.deputy_id = d.id), '{}')`.as('stations'),
      sql<number>`(select count(*) from report_back r join activity a on a.id = r.activity_id
        where r.deputy_id = d.id and r.congress_level = ${level} and r.congress_region_code = ${regionCode} and r.state <> 'cancelled'
          and a.starts_at < ${clockNow()} and to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') between ${period.from} and ${period.to})`.as('held'),
      sql<{ id: number; date: string } | null>`(select json_build_object('id', r.id, 'date', to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))
        from report_back r join activity a on a.id = r.activity_id
        where r.deputy_id = d.id and r.congress_level = ${level} and r.congress_region_code = ${regionCode} and r.state <> 'cancelled' and a.starts_at < ${clockNow()}
        order by a.starts_at desc limit 1)`.as('last')])
    .where('d.status', '=', 'current').where('d.active', '=', true)
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('deputy_level as l').select('l.deputy_id').whereRef('l.deputy_id', '=', 'd.id')
        .where('l.level', '=', level).where('l.region_code', '=', regionCode).where('l.term', '=', row.number)),
      eb.exists(eb.selectFrom('deputy_term as dt').select('dt.deputy_id').whereRef('dt.deputy_id', '=', 'd.id').where('dt.term_id', '=', row.term_id).where('dt.outcome', 'is', null)),
    ]))
    .orderBy('d.name_pinyin').execute();
  const rank = { overdue: 0, due: 1, reported: 2 } as const;
  const items = deputies.map((d) => {
    const held = Number(d.held);
    const status: keyof typeof rank = held >= congress.times ? 'reported' : dueBy < day ? 'overdue' : 'due';
    return { deputyId: d.id, name: d.name, stationNames: d.stations, status, statusLabel: PLAN_STATUS_LABELS[status], dueBy, held, lastReportBack: d.last };
  }).sort((a, b) => rank[a.status] - rank[b.status]);
  const count = (s: keyof typeof rank) => items.filter((i) => i.status === s).length;
  return { congress, period, counts: { total: items.length, reported: count('reported'), due: count('due'), overdue: count('overdue') }, deputies: items };
}
