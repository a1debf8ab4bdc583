/**
 * 考核评价 of stations, computed on the fly for any year from the facts as they stand: the
 * activities held at the station, the reception days of its rota held out of those due, the
 * cases it received and how they were answered (counted by queries/caseStatistics.ts, the same
 * figures the dashboard shows), and its 八有一册六簿 checklist. A confirmed assessment is a
 * stored snapshot; the list shows it beside today's computation.
 */
import { sql, type Kysely } from 'kysely';
import { STATION_GRADES, type StationGrade } from '../../../common/enums.js';
import { ASSESSMENT_INDICATORS, type IndicatorKey } from '../../../common/points.js';
import type { DB } from '../../platform/db/schema.js';
import { assess, checklistShare, receptionRate, schemeFor, type IndicatorValues, type StoredScheme } from './scheme.js';
import { yearPeriod } from '../points/index.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { requireRegionRulesReadable } from '../../platform/access/regionRules.js';
import { ref, regionOrNationManageable, stationManageable, stationVisible } from '../../platform/access/scope.js';
import { caseStatisticsBy } from '../cases/index.js';
import { regionPathOf } from '../../platform/regions/filters.js';
import { now as clockNow } from '../../platform/clock.js';

export interface LoadedScheme extends StoredScheme {
  regionCode: string | null;
  regionName: string | null;
  note: string;
  version: number;
  createdBy: string | null;
  createdAt: Date;
}

export async function loadSchemes(db: Kysely<DB>): Promise<LoadedScheme[]> {
  const rows = await db.selectFrom('assessment_scheme as a').leftJoin('region as r', 'r.code', 'a.region_code')
    .leftJoin('account as c', 'c.id', 'a.created_by_account_id')
    .select(['a.id', 'a.region_code', 'a.region_path', 'r.full_name', 'a.from_year', 'a.indicators', 'a.grades', 'a.note', 'a.version', 'c.display_name', 'a.created_at'])
    .orderBy('a.region_path').orderBy('a.from_year').execute();
  return rows.map((r) => ({
    id: r.id, regionCode: r.region_code, regionName: r.full_name, regionPath: r.region_path, fromYear: r.from_year,
    indicators: r.indicators, grades: r.grades, note: r.note, version: r.version, createdBy: r.display_name, createdAt: r.created_at,
  }));
}

const presentScheme = (actor: Actor, s: LoadedScheme, path: string) => ({
  id: s.id, region: s.regionCode ? { code: s.regionCode, fullName: s.regionName ?? '' } : null, inherited: s.regionPath !== path,
  fromYear: s.fromYear, indicators: s.indicators.map((i) => ({ ...i, label: ASSESSMENT_INDICATORS.labels[i.key] })), grades: s.grades,
  note: s.note, version: s.version, createdBy: s.createdBy, createdAt: s.createdAt.toISOString(),
  abilities: regionOrNationManageable(actor, s.regionPath) ? ['update' as const] : [],
});

/** The schemes that bear on a region (its own and its ancestors'), newest first, and the one in force for the year. */
export async function schemeVersions(db: Kysely<DB>, actor: Actor, regionCode: string | null, year: number) {
  const path = regionCode ? await regionPathOf(db, regionCode) : '';
  await requireRegionRulesReadable(db, actor, path);
  const region = regionCode ? await db.selectFrom('region').select(['code', 'full_name']).where('code', '=', regionCode).executeTakeFirstOrThrow() : null;
  const schemes = (await loadSchemes(db)).filter((s) => path.startsWith(s.regionPath));
  const inForce = schemeFor(schemes, path, year);
  return {
    region: region ? { code: region.code, fullName: region.full_name } : null,
    year,
    inForceId: inForce?.id ?? null,
    versions: schemes.sort((a, b) => b.fromYear - a.fromYear || b.regionPath.length - a.regionPath.length).map((s) => presentScheme(actor, s, path)),
    abilities: regionOrNationManageable(actor, path) ? ['create' as const] : [],
  };
}

export interface StationRow { id: number; name: string; grade: StationGrade | null; version: number; home_path: string; checklist: Record<string, boolean>; manageable: boolean }

/** Today's assessment of the given stations for a year, as the actor counts the cases. */
export async function assessStations(db: Kysely<DB>, actor: Actor, year: number, stations: StationRow[], now = clockNow()) {
  const ids = stations.map((s) => s.id);
  if (!ids.length) return [];
  const p = yearPeriod(year);
  const today = shanghaiDate(now);
  // Activities count once they have taken place; one recorded ahead does not yet.
  const until = p.to < now ? p.to : now;
  const [activities, rota, cases, schemes] = await Promise.all([
    db.selectFrom('activity').select(['station_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('station_id', 'in', ids).where('starts_at', '>=', p.from).where('starts_at', '<', until).groupBy('station_id').execute(),
    db.selectFrom('rota_slot').select([
      'station_id',
      sql<number>`count(*) filter (where activity_id is not null and not cancelled)`.as('held'),
      sql<number>`count(*) filter (where not cancelled and (activity_id is not null or on_date < ${today}))`.as('due'),
    ]).where('station_id', 'in', ids).where('on_date', '>=', p.firstDay).where('on_date', '<=', p.lastDay).groupBy('station_id').execute(),
    caseStatisticsBy(db, actor, { from: p.from, to: p.to, stationIds: ids }, 'station'),
    loadSchemes(db),
  ]);
  const activitiesOf = new Map(activities.map((a) => [a.station_id, Number(a.n)]));
  const rotaOf = new Map(rota.map((r) => [r.station_id, { held: Number(r.held), due: Number(r.due) }]));
  const casesOf = new Map(cases.map((c) => [Number(c.key), c]));
  return stations.map((s) => {
    const figures = casesOf.get(s.id);
    const days = rotaOf.get(s.id) ?? { held: 0, due: 0 };
    const values: IndicatorValues = {
      activities: activitiesOf.get(s.id) ?? 0,
      receptionRate: receptionRate(days.held, days.due),
      opinions: figures?.received ?? 0,
      onTimeRate: figures?.onTimeRate ?? null,
      satisfactionRate: figures?.satisfactionRate ?? null,
      checklist: checklistShare(s.checklist),
    };
    const scheme = schemeFor(schemes, s.home_path, year)!;
    const result = assess(values, scheme);
    return { station: s, scheme, values, receptionDays: days, ...result };
  });
}

const CONFIRMED_COLUMNS = [
  'a.station_id', 'a.indicators', 'a.grades', sql<number>`a.score::float8`.as('score'), 'a.grade', 'a.grade_applied',
  'a.confirmed_by_name', 'a.confirmed_at', 'a.version',
] as const;

export interface AssessmentFilters { year: number; regionCode?: string | undefined; stationId?: number | undefined; limit: number; cursor?: string | undefined }

/**
 * The stations in reach (their home region in `regionCode` if given), one page by id, each
 * with today's indicator values, score and grade, and the confirmed assessment if there is one.
 */
export async function listAssessments(db: Kysely<DB>, actor: Actor, f: AssessmentFilters, now = clockNow()) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = db.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .innerJoin('region as r', 'r.code', 'h.region_code')
    .select(['s.id', 's.name', 's.grade', 's.version', 's.checklist', 'h.region_path as home_path', 'r.full_name as region_name',
      stationManageable(actor, ref('h.region_path')).as('manageable')])
    .where(stationVisible(actor, ref('s.id')))
    .where((eb) => eb.or([
      eb('s.active', '=', true),
      eb.exists(eb.selectFrom('station_assessment as x').select('x.id').whereRef('x.station_id', '=', 's.id').where('x.year', '=', f.year)),
    ]))
    .orderBy('s.id').limit(f.limit + 1);
  if (f.regionCode) q = q.where('h.region_path', 'like', `${await regionPathOf(db, f.regionCode)}%`);
  if (f.stationId) q = q.where('s.id', '=', f.stationId);
  if (after !== null) q = q.where('s.id', '>', after);
  const rows = await q.execute();
  const page = rows.slice(0, f.limit);
  const [assessed, confirmed] = await Promise.all([
    assessStations(db, actor, f.year, page.map((r) => ({ ...r, manageable: Boolean(r.manageable) })), now),
    page.length
      ? db.selectFrom('station_assessment as a').select([...CONFIRMED_COLUMNS]).where('a.year', '=', f.year).where('a.station_id', 'in', page.map((r) => r.id)).execute()
      : Promise.resolve([]),
  ]);
  const confirmedOf = new Map(confirmed.map((c) => [c.station_id, c]));
  const regionOf = new Map(page.map((r) => [r.id, r.region_name]));
  const byId = new Map(assessed.map((a) => [a.station.id, a]));
  return toPage(rows, f.limit, (r) => r.id, (r) => {
    const a = byId.get(r.id)!;
    const c = confirmedOf.get(r.id);
    return {
      station: { id: r.id, name: r.name, regionName: regionOf.get(r.id) ?? '', grade: r.grade, gradeLabel: r.grade ? STATION_GRADES.labels[r.grade] : null },
      year: f.year,
      scheme: { id: a.scheme.id, region: a.scheme.regionCode ? { code: a.scheme.regionCode, fullName: a.scheme.regionName ?? '' } : null, fromYear: a.scheme.fromYear, grades: a.scheme.grades },
      indicators: a.indicators.map((i) => ({ ...i, label: ASSESSMENT_INDICATORS.labels[i.key as IndicatorKey] })),
      receptionDays: a.receptionDays,
      score: a.score,
      grade: a.grade,
      gradeLabel: STATION_GRADES.labels[a.grade],
      confirmed: c ? {
        score: Number(c.score), grade: c.grade, gradeLabel: STATION_GRADES.labels[c.grade], gradeApplied: c.grade_applied,
        indicators: c.indicators.map((i) => ({ ...i, label: ASSESSMENT_INDICATORS.labels[i.key as IndicatorKey] ?? { zh: i.key, en: i.key } })),
        grades: c.grades, confirmedBy: c.confirmed_by_name, confirmedAt: c.confirmed_at.toISOString(), version: c.version,
      } : null,
      /** Today's computation differs from the confirmed one: facts changed after the confirmation. */
      changedSince: c ? Number(c.score) !== a.score : null,
      abilities: r.manageable ? ['confirm' as const] : [],
    };
  });
}
