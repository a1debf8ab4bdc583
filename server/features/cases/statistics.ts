import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { prefixPattern } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/access/actor.js';
import { caseColumns, caseVisible } from './access.js';
import { overdueExpr } from './queries.js';
import { signOverdueExpr } from './clocks.js';
import { regionPathOf } from '../../platform/regions/filters.js';
import { hasRole } from '../../platform/access/scope.js';
import { now } from '../../platform/clock.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';

/**
 * Case statistics, counted from the facts each transition stored on the case (no timeline
 * replay): received, accepted, declined, answered on the spot, assigned, transferred within 24
 * hours, signed on time or late, replied on time, overdue now (handling, or unsigned past the
 * sign-for limit), working days taken, ratings, unrated, re-handled, answered, closed, resolved.
 */
export interface StatisticsFilter {
  regionCode?: string;
  stationId?: number;
  /** Cases of any of these stations (the station assessment counts a page of stations at once). */
  stationIds?: number[];
  unitId?: number;
  deputyId?: number;
  categoryId?: number;
  /** Cases submitted in [from, to) — instants. */
  from?: Date;
  to?: Date;
}

export const GROUPS = ['station', 'unit', 'category', 'deputy', 'week', 'month', 'side'] as const;
export type Group = (typeof GROUPS)[number];

/** The counted figures; built per query, since "overdue now" reads the clock. */
const counts = () => ({
  received: sql<number>`count(*)`,
  accepted: sql<number>`count(o.accepted_at)`,
  declined: sql<number>`count(o.declined_at)`,
  answeredOnSpot: sql<number>`count(*) filter (where o.answered_on_spot)`,
  assigned: sql<number>`count(o.assigned_at)`,
  signedLate: sql<number>`count(*) filter (where o.signed_late)`,
  replied: sql<number>`count(o.replied_on_time)`,
  repliedOnTime: sql<number>`count(*) filter (where o.replied_on_time)`,
  overdueNow: sql<number>`count(*) filter (where ${overdueExpr()})`,
  workingDaysSum: sql<number>`coalesce(sum(o.handling_working_days), 0)`,
  workingDaysCount: sql<number>`count(o.handling_working_days)`,
  satisfied: sql<number>`count(*) filter (where o.rating = 'satisfied')`,
  basicallySatisfied: sql<number>`count(*) filter (where o.rating = 'basically_satisfied')`,
  unsatisfied: sql<number>`count(*) filter (where o.rating = 'unsatisfied')`,
  unrated: sql<number>`count(*) filter (where o.close_reason = 'unrated')`,
  rehandled: sql<number>`count(*) filter (where o.rehandled)`,
  closed: sql<number>`count(o.closed_at)`,
  answered: sql<number>`count(o.answered_at)`,
  closedHandled: sql<number>`count(*) filter (where o.closed_at is not null and o.close_reason not in ('declined', 'merged'))`,
  transferred: sql<number>`count(o.transferred_within_24h)`,
  transferredWithin24h: sql<number>`count(*) filter (where o.transferred_within_24h)`,
  signedOnTime: sql<number>`count(*) filter (where o.signed_on_time)`,
  signOverdueNow: sql<number>`count(*) filter (where ${signOverdueExpr()})`,
  resolved: sql<number>`count(*) filter (where o.reply_result = 'resolved')`,
  withResult: sql<number>`count(o.reply_result)`,
});
type CountKey = keyof ReturnType<typeof counts>;

/** Ratings count each case once, by its latest rating (a re-handled case by its second one). */
export type Figures = Record<Exclude<CountKey, 'workingDaysSum' | 'workingDaysCount' | 'withResult'>, number> & {
  rated: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  averageWorkingDays: number | null;
  transferRate: number | null;
  resolutionRate: number | null;
};

const rate = (part: number, whole: number) => (whole ? part / whole : null);

function figures(row: Record<CountKey, unknown>): Figures {
  const n = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)])) as Record<CountKey, number>;
  const { workingDaysSum, workingDaysCount, withResult, ...counts } = n;
  const rated = counts.satisfied + counts.basicallySatisfied + counts.unsatisfied;
  return {
    ...counts,
    rated,
    onTimeRate: rate(counts.repliedOnTime, counts.replied),
    satisfactionRate: rate(counts.satisfied + counts.basicallySatisfied, rated),
    averageWorkingDays: workingDaysCount ? workingDaysSum / workingDaysCount : null,
    transferRate: rate(counts.transferredWithin24h, counts.transferred),
    resolutionRate: rate(counts.resolved, withResult),
  };
}

/**
 * Where a query counts from the rollups (migration 0036) instead of the cases: their column of
 * each figure. For the two figures that read the clock it holds the part that does not
 * (`overdue_capable`, `sign_due`); the cases whose deadline or sign-for limit has not passed
 * yet are counted live and taken off (notYetDue).
 */
const ROLLUP_COLUMNS: Record<CountKey, string> = {
  received: 'received', accepted: 'accepted', declined: 'declined', answeredOnSpot: 'answered_on_spot', assigned: 'assigned',
  signedLate: 'signed_late', replied: 'replied', repliedOnTime: 'replied_on_time', overdueNow: 'overdue_capable',
  workingDaysSum: 'working_days_sum', workingDaysCount: 'working_days_count', satisfied: 'satisfied', basicallySatisfied: 'basically_satisfied',
  unsatisfied: 'unsatisfied', unrated: 'unrated', rehandled: 'rehandled', closed: 'closed', answered: 'answered', closedHandled: 'closed_handled',
  transferred: 'transferred', transferredWithin24h: 'transferred_within_24h', signedOnTime: 'signed_on_time', signOverdueNow: 'sign_due',
  resolved: 'resolved', withResult: 'with_result',
};

const rollupSums = () => Object.entries(ROLLUP_COLUMNS).map(([k, c]) => sql<number>`coalesce(sum(${sql.ref(`o.${c}`)}), 0)`.as(k));

/** The Shanghai day starting at this instant, or null when it is not a Shanghai midnight. */
function dayStarting(at: Date): string | null {
  const day = shanghaiDate(at);
  return Date.parse(`${day}T00:00:00+08:00`) === at.getTime() ? day : null;
}

/** Submission days [from, to) of a period whose bounds are Shanghai midnights. */
interface Days { from?: string; to?: string }

/**
 * Which rollup answers the query, or null when only the cases can: the rollups hold neither
 * deputies nor co-units (a unit clerk reaches cases through both) and count whole Shanghai days,
 * so a period must start and end at midnight. Without a period, or grouped by week or month,
 * the query reads `case_rollup` or `case_rollup_day`.
 */
function rollupFor(actor: Actor, f: StatisticsFilter, group?: Group): { table: 'case_rollup' | 'case_rollup_day'; days: Days } | null {
  if (!hasRole(actor, 'admin', 'staff', 'officer', 'deputy') || f.deputyId || group === 'deputy') return null;
  const from = f.from ? dayStarting(f.from) : undefined;
  const to = f.to ? dayStarting(f.to) : undefined;
  if (from === null || to === null) return null;
  const days: Days = { ...(from && { from }), ...(to && { to }) };
  return { table: from || to || group === 'week' || group === 'month' ? 'case_rollup_day' : 'case_rollup', days };
}

/**
 * The cases of the query whose handling deadline or sign-for limit has not passed at `at`, per
 * group key: what the rollups' time-independent part holds beyond "overdue now".
 */
async function notYetDue(db: Kysely<DB>, actor: Actor, f: StatisticsFilter, at: Date, key?: RawBuilder<unknown>) {
  const handling = sql<SqlBool>`(o.state in ('assigned', 'in_progress', 'extension_requested') and o.deadline_at >= ${at} and (o.paused_at is null or o.deadline_at < o.paused_at))`;
  const signing = sql<SqlBool>`(o.state = 'assigned' and o.sign_due_at >= ${at})`;
  const where = await conditions(db, actor, f);
  // The few cases come from the two partial indexes of deadlines and sign-for limits; `offset 0`
  // keeps the planner from also reading a wide scope's whole entry of the scope index to AND
  // them with (a city of 400 000 cases: 70 ms of its 94).
  const due = db.selectFrom('opinion as o').selectAll('o').where(sql<SqlBool>`(${handling} or ${signing})`).offset(0);
  const rows = await db.selectFrom(due.as('o'))
    .select([(key ?? sql`''`).as('key'), sql<number>`count(*) filter (where ${handling})`.as('overdue'), sql<number>`count(*) filter (where ${signing})`.as('sign')])
    .where((eb) => eb.and(where))
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((r) => [String(r.key), { overdue: Number(r.overdue), sign: Number(r.sign) }]));
}

/** Takes the cases not yet due off the rollups' time-independent part. */
function lessNotYetDue<R extends Record<string, unknown>>(row: R, due: { overdue: number; sign: number } | undefined): R {
  if (!due) return row;
  return { ...row, overdueNow: Number(row.overdueNow ?? 0) - due.overdue, signOverdueNow: Number(row.signOverdueNow ?? 0) - due.sign };
}

async function conditions(db: Kysely<DB>, actor: Actor, f: StatisticsFilter, days?: Days): Promise<Expression<SqlBool>[]> {
  const where: Expression<SqlBool>[] = [caseVisible(actor, caseColumns('o'))];
  if (f.regionCode) where.push(sql<SqlBool>`o.region_path like ${prefixPattern(await regionPathOf(db, f.regionCode))}`);
  if (f.stationId) where.push(sql<SqlBool>`o.station_id = ${f.stationId}`);
  if (f.stationIds) where.push(f.stationIds.length ? sql<SqlBool>`o.station_id in (${sql.join(f.stationIds)})` : sql<SqlBool>`false`);
  if (f.unitId) where.push(sql<SqlBool>`o.assigned_unit_id = ${f.unitId}`);
  if (f.deputyId) where.push(sql<SqlBool>`o.deputy_id = ${f.deputyId}`);
  if (f.categoryId) where.push(sql<SqlBool>`o.category_id = ${f.categoryId}`);
  if (days) {
    if (days.from) where.push(sql<SqlBool>`o.day >= ${days.from}`);
    if (days.to) where.push(sql<SqlBool>`o.day < ${days.to}`);
    return where;
  }
  if (f.from) where.push(sql<SqlBool>`o.submitted_at >= ${f.from}`);
  if (f.to) where.push(sql<SqlBool>`o.submitted_at < ${f.to}`);
  return where;
}

/** The key each group counts by, and its label — looked up once per group, after counting. */
const GROUP_KEYS: Record<Group, { key: RawBuilder<unknown>; label: RawBuilder<unknown> }> = {
  station: { key: sql`o.station_id::text`, label: sql`(select name from station where id::text = t.key)` },
  unit: { key: sql`coalesce(o.assigned_unit_id::text, '')`, label: sql`coalesce((select name from unit where id::text = t.key), '')` },
  category: { key: sql`o.category_id::text`, label: sql`(select name from case_category where id::text = t.key)` },
  deputy: { key: sql`coalesce(o.deputy_id::text, '')`, label: sql`coalesce((select name from deputy where id::text = t.key), '')` },
  // A week is named by its Monday, in Beijing time.
  week: { key: sql`to_char(date_trunc('week', o.submitted_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`, label: sql`t.key` },
  month: { key: sql`to_char(o.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM')`, label: sql`t.key` },
  // The side of a cross-province station a case belongs to (属地管理): the code of the member
  // region holding its place, or of the home region — the last code of side_path; '' elsewhere.
  side: { key: sql`coalesce(substring(o.side_path from '([0-9]+)[.]$'), '')`, label: sql`coalesce((select full_name from region where code = t.key), '')` },
};

/** The group keys of a rollup row (the same columns as the case's; the day for weeks and months). */
const ROLLUP_GROUP_KEYS: Partial<Record<Group, RawBuilder<unknown>>> = {
  week: sql`to_char(date_trunc('week', o.day::timestamp), 'YYYY-MM-DD')`,
  month: sql`to_char(o.day::timestamp, 'YYYY-MM')`,
};

/**
 * The figures of the cases the actor reaches that match the filter: from the rollups where they
 * answer it (rollupFor), else counted from the cases. `live` forces the count from the cases.
 */
export async function caseStatistics(db: Kysely<DB>, actor: Actor, f: StatisticsFilter, options: { live?: boolean } = {}): Promise<Figures> {
  const rollup = options.live ? null : rollupFor(actor, f);
  if (rollup) {
    const at = now();
    const where = await conditions(db, actor, f, rollup.days);
    const [row, due] = await Promise.all([
      db.selectFrom(`${rollup.table} as o` as 'case_rollup_day as o').select(rollupSums()).where((eb) => eb.and(where)).executeTakeFirstOrThrow(),
      notYetDue(db, actor, f, at),
    ]);
    return figures(lessNotYetDue(row, due.get('')) as Record<CountKey, unknown>);
  }
  const where = await conditions(db, actor, f);
  const row = await db.selectFrom('opinion as o')
    .select(Object.entries(counts()).map(([k, v]) => v.as(k)))
    .where((eb) => eb.and(where))
    .executeTakeFirstOrThrow();
  return figures(row as Record<CountKey, unknown>);
}

/** The figures per group (see caseStatistics), ordered by key. */
export async function caseStatisticsBy(db: Kysely<DB>, actor: Actor, f: StatisticsFilter, group: Group, options: { live?: boolean } = {}) {
  const g = GROUP_KEYS[group];
  const rollup = options.live ? null : rollupFor(actor, f, group);
  let rows: Record<string, unknown>[];
  if (rollup) {
    const at = now();
    const where = await conditions(db, actor, f, rollup.days);
    const counted = db.selectFrom(`${rollup.table} as o` as 'case_rollup_day as o')
      .select([(ROLLUP_GROUP_KEYS[group] ?? g.key).as('key'), ...rollupSums()])
      .where((eb) => eb.and(where))
      .groupBy(sql`1`)
      .having(sql`sum(o.received)`, '>', 0);
    const [summed, due] = await Promise.all([
      db.selectFrom(counted.as('t')).selectAll('t').select(g.label.as('label')).orderBy('t.key').execute(),
      notYetDue(db, actor, f, at, g.key),
    ]);
    rows = summed.map((r) => lessNotYetDue(r as Record<string, unknown>, due.get(String(r.key))));
  } else {
    const where = await conditions(db, actor, f);
    const counted = db.selectFrom('opinion as o')
      .select([g.key.as('key'), ...Object.entries(counts()).map(([k, v]) => v.as(k))])
      .where((eb) => eb.and(where))
      .groupBy(sql`1`);
    rows = await db.selectFrom(counted.as('t')).selectAll('t').select(g.label.as('label')).orderBy('t.key').execute();
  }
  return rows.map((r) => {
    const { key, label, ...counts } = r;
    return { key: String(key), label: String(label), ...figures(counts as Record<CountKey, unknown>) };
  });
}

export interface LeagueFilter {
  regionCode?: string;
  /** Cases assigned in [from, to) — instants. */
  from?: Date;
  to?: Date;
}

export interface LeagueRow {
  unitId: number;
  unitName: string;
  assigned: number;
  replied: number;
  repliedOnTime: number;
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  satisfactionRate: number | null;
  resolved: number;
  resolutionRate: number | null;
  overdueNow: number;
}

/** Highest first, a rate not yet measurable (null) after every measured one. */
const byRate = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);

/**
 * The unit league table (承办单位排名): per lead unit, over the cases the caller reaches that were
 * assigned in the period (to the unit holding them now), 按期办复率, 满意率 and 解决率, ranked
 * best first by those three in that order, then by more cases assigned, then by name.
 */
export async function unitLeague(db: Kysely<DB>, actor: Actor, f: LeagueFilter): Promise<LeagueRow[]> {
  const where: Expression<SqlBool>[] = [caseVisible(actor, caseColumns('o')), sql<SqlBool>`o.assigned_unit_id is not null`];
  if (f.regionCode) where.push(sql<SqlBool>`o.region_path like ${prefixPattern(await regionPathOf(db, f.regionCode))}`);
  if (f.from) where.push(sql<SqlBool>`o.assigned_at >= ${f.from}`);
  if (f.to) where.push(sql<SqlBool>`o.assigned_at < ${f.to}`);
  const rows = await db.selectFrom('opinion as o').innerJoin('unit as u', 'u.id', 'o.assigned_unit_id')
    .select([
      'u.id as unitId', 'u.name as unitName',
      sql<number>`count(*)`.as('assigned'),
      sql<number>`count(o.replied_on_time)`.as('replied'),
      sql<number>`count(*) filter (where o.replied_on_time)`.as('repliedOnTime'),
      sql<number>`count(*) filter (where o.rating = 'satisfied')`.as('satisfied'),
      sql<number>`count(*) filter (where o.rating = 'basically_satisfied')`.as('basicallySatisfied'),
      sql<number>`count(o.rating)`.as('rated'),
      sql<number>`count(*) filter (where o.reply_result = 'resolved')`.as('resolved'),
      sql<number>`count(o.reply_result)`.as('withResult'),
      sql<number>`count(*) filter (where ${overdueExpr()} or ${signOverdueExpr()})`.as('overdueNow'),
    ])
    .where((eb) => eb.and(where))
    .groupBy(['u.id', 'u.name'])
    .execute();
  return rows.map((r) => {
    const n = (v: unknown) => Number(v ?? 0);
    const [replied, repliedOnTime, satisfied, basicallySatisfied, rated, resolved, withResult] =
      [r.replied, r.repliedOnTime, r.satisfied, r.basicallySatisfied, r.rated, r.resolved, r.withResult].map(n) as [number, number, number, number, number, number, number];
    return {
      unitId: r.unitId, unitName: r.unitName, assigned: n(r.assigned), replied, repliedOnTime, onTimeRate: rate(repliedOnTime, replied),
      rated, satisfied, basicallySatisfied, satisfactionRate: rate(satisfied + basicallySatisfied, rated),
      resolved, resolutionRate: rate(resolved, withResult), overdueNow: n(r.overdueNow),
    };
  }).sort((a, b) => byRate(a.onTimeRate, b.onTimeRate) || byRate(a.satisfactionRate, b.satisfactionRate)
    || byRate(a.resolutionRate, b.resolutionRate) || b.assigned - a.assigned || a.unitName.localeCompare(b.unitName, 'zh-CN') || a.unitId - b.unitId);
}
