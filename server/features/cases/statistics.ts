import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { prefixPattern } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/access/actor.js';
import { caseColumns, caseVisible } from './access.js';
import { overdueExpr } from './queries.js';
import { regionPathOf } from '../../platform/regions/filters.js';

/**
 * Case statistics, counted from the facts each transition stored on the case (no timeline
 * replay): received, accepted, declined, answered on the spot, assigned, signed late, replied
 * on time, overdue now, working days taken, ratings, unrated, re-handled.
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

export const GROUPS = ['station', 'unit', 'category', 'deputy', 'week', 'month'] as const;
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
});
type CountKey = keyof ReturnType<typeof counts>;

/** Ratings count each case once, by its latest rating (a re-handled case by its second one). */
export type Figures = Record<Exclude<CountKey, 'workingDaysSum' | 'workingDaysCount'>, number> & {
  rated: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  averageWorkingDays: number | null;
};

function figures(row: Record<CountKey, unknown>): Figures {
  const n = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)])) as Record<CountKey, number>;
  const { workingDaysSum, workingDaysCount, ...counts } = n;
  const rated = counts.satisfied + counts.basicallySatisfied + counts.unsatisfied;
  return {
    ...counts,
    rated,
    onTimeRate: counts.replied ? counts.repliedOnTime / counts.replied : null,
    satisfactionRate: rated ? (counts.satisfied + counts.basicallySatisfied) / rated : null,
    averageWorkingDays: workingDaysCount ? workingDaysSum / workingDaysCount : null,
  };
}

async function conditions(db: Kysely<DB>, actor: Actor, f: StatisticsFilter): Promise<Expression<SqlBool>[]> {
  const where: Expression<SqlBool>[] = [caseVisible(actor, caseColumns('o'))];
  if (f.regionCode) where.push(sql<SqlBool>`o.region_path like ${prefixPattern(await regionPathOf(db, f.regionCode))}`);
  if (f.stationId) where.push(sql<SqlBool>`o.station_id = ${f.stationId}`);
  if (f.stationIds) where.push(f.stationIds.length ? sql<SqlBool>`o.station_id in (${sql.join(f.stationIds)})` : sql<SqlBool>`false`);
  if (f.unitId) where.push(sql<SqlBool>`o.assigned_unit_id = ${f.unitId}`);
  if (f.deputyId) where.push(sql<SqlBool>`o.deputy_id = ${f.deputyId}`);
  if (f.categoryId) where.push(sql<SqlBool>`o.category_id = ${f.categoryId}`);
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
};

export async function caseStatistics(db: Kysely<DB>, actor: Actor, f: StatisticsFilter): Promise<Figures> {
  const where = await conditions(db, actor, f);
  const row = await db.selectFrom('opinion as o')
    .select(Object.entries(counts()).map(([k, v]) => v.as(k)))
    .where((eb) => eb.and(where))
    .executeTakeFirstOrThrow();
  return figures(row as Record<CountKey, unknown>);
}

export async function caseStatisticsBy(db: Kysely<DB>, actor: Actor, f: StatisticsFilter, group: Group) {
  const where = await conditions(db, actor, f);
  const g = GROUP_KEYS[group];
  const counted = db.selectFrom('opinion as o')
    .select([g.key.as('key'), ...Object.entries(counts()).map(([k, v]) => v.as(k))])
    .where((eb) => eb.and(where))
    .groupBy(sql`1`);
  const rows = await db.selectFrom(counted.as('t')).selectAll('t').select(g.label.as('label')).orderBy('t.key').execute();
  return rows.map((r) => {
    const { key, label, ...counts } = r as Record<string, unknown>;
    return { key: String(key), label: String(label), ...figures(counts as Record<CountKey, unknown>) };
  });
}
