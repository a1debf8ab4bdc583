/**
 * The facts points are counted from, read from the records as they are now: attendance at
 * activities, the cases a deputy collected, answered and had rated, and the bonuses staff
 * entered. Nothing is stored per point: an activity edited after the fact, a case re-rated or a
 * bonus withdrawn changes the points on the next read.
 *
 * The SQL says which dated facts there are and which rule set is in force for each (by the
 * place it happened and its day); what a fact is worth under that rule set is domain/points.ts.
 * A ledger reads the facts one by one; a ranking reads them grouped, so a county's year is a
 * few thousand rows rather than tens of thousands.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ActivityKind, Attendance, Label } from '../../../common/enums.js';
import type { PointRules, PointSource } from '../../../common/points.js';
import type { DB } from '../../platform/db/schema.js';
import { scoreFact, yearPeriod, type PointFact, type Rating } from './scoring.js';
import type { Actor } from '../../platform/access/actor.js';
import { pointFactVisible } from './access.js';

export interface FactFilter {
  /** A calendar year (Beijing time), or every year. */
  year: number | null;
  deputyIds?: number[];
  /** Facts placed in this region's subtree. */
  regionPath?: string;
  /** Facts at this station. */
  stationId?: number;
}

const day = (column: string) => sql`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** One row per deputy and activity taken part in, case credited, or bonus, touching the period. */
function recordRows(year: number | null): RawBuilder<unknown> {
  const p = year === null ? null : yearPeriod(year);
  const during = (column: string) => (p ? sql`(${sql.ref(column)} >= ${p.from} and ${sql.ref(column)} < ${p.to})` : sql`${sql.ref(column)} is not null`);
  return sql`
    select 'activity'::text as type, a.id as ref_id, pa.deputy_id, a.title, a.station_id, a.region_path as place_path,
      ${day('a.starts_at')} as on_date, a.kind as activity_kind, pa.attendance, a.suggestions_made as suggestions,
      (select count(*) from activity_participant q where q.activity_id = a.id and q.attendance = 'present')::int as present_count,
      coalesce(acc.deputy_id = pa.deputy_id, false) as recorded_by_self,
      null::text as submitted_on, null::text as answered_on, null::text as rated_on, null::text as rating,
      null::boolean as counted, null::int as bonus_cents
    from activity a
    join activity_participant pa on pa.activity_id = a.id
    left join account acc on acc.id = a.created_by_account_id
    where ${during('a.starts_at')}
    union all
    -- A case is credited to the deputy it is addressed to, or else to the deputy who registered it.
    select 'case', o.id, coalesce(o.deputy_id, reg.deputy_id), o.tracking_code || '(' || c.name || ')', o.station_id, h.region_path,
      null, null, null, null, null, null,
      ${day('o.submitted_at')}, ${day('o.answered_at')}, ${day('o.rated_at')}, o.rating,
      (o.declined_at is null and o.merged_into_id is null), null
    from opinion o
    join case_category c on c.id = o.category_id
    join station_region h on h.station_id = o.station_id and h.is_home
    left join account reg on reg.id = o.created_by_account_id
    where coalesce(o.deputy_id, reg.deputy_id) is not null
      and (${during('o.submitted_at')} or ${during('o.answered_at')} or ${during('o.rated_at')})
    union all
    select 'bonus', b.id, b.deputy_id, b.reason, b.station_id, b.region_path, to_char(b.on_date, 'YYYY-MM-DD'),
      null, null, null, null, null, null, null, null, null, null, (b.points * 100)::int
    from point_bonus b
    where b.voided_at is null ${p ? sql`and b.on_date between ${p.firstDay} and ${p.lastDay}` : sql``}`;
}

/**
 * The dated facts the reader reaches under the filter: an activity attended (and, for those
 * present, organising it and its share of suggestions), a case's collection, answer and rating
 * (each on its own day, which may fall in different years), a bonus. Each carries the rule set
 * in force for its place and day: the nearest region (the place's own or an ancestor, '' being
 * the nationwide default) with a version effective by then, that region's latest such version.
 */
function datedFacts(actor: Actor, f: FactFilter): RawBuilder<unknown> {
  const where: RawBuilder<SqlBool>[] = [pointFactVisible(actor)];
  if (f.deputyIds) where.push(f.deputyIds.length ? sql<SqlBool>`f.deputy_id in (${sql.join(f.deputyIds)})` : sql<SqlBool>`false`);
  if (f.regionPath !== undefined) where.push(sql<SqlBool>`f.place_path like ${`${f.regionPath}%`}`);
  if (f.stationId !== undefined) where.push(sql<SqlBool>`f.station_id = ${f.stationId}`);
  const p = f.year === null ? null : yearPeriod(f.year);
  const inYear = (column: string) => (p ? sql`${sql.ref(column)} between ${p.firstDay} and ${p.lastDay}` : sql`${sql.ref(column)} is not null`);
  const base = sql`f.deputy_id, f.type, f.ref_id, f.title, f.station_id, f.place_path`;
  const none = sql`null::text as kind, null::text as attendance, null::int as suggestions, null::int as present, null::text as rating, null::int as bonus_cents`;
  return sql`
    with f as (select * from (${recordRows(f.year)}) f where ${sql.join(where, sql` and `)}),
    u as (
      select ${base}, f.on_date as day, 'attendance'::text as source, f.activity_kind as kind, f.attendance,
        null::int as suggestions, null::int as present, null::text as rating, null::int as bonus_cents
      from f where f.type = 'activity'
      union all
      -- Organising means bringing others: a deputy logging a visit of their own earns no organiser points.
      select ${base}, f.on_date, 'organiser', ${none} from f
      where f.type = 'activity' and f.attendance = 'present' and f.recorded_by_self and f.present_count > 1
      union all
      select ${base}, f.on_date, 'suggestion', null, null, f.suggestions, f.present_count, null, null from f
      where f.type = 'activity' and f.attendance = 'present' and f.suggestions > 0
      union all
      -- A declined or merged opinion was not collected; its answer and rating still count.
      select ${base}, f.submitted_on, 'case_collected', ${none} from f where f.type = 'case' and f.counted and ${inYear('f.submitted_on')}
      union all
      select ${base}, f.answered_on, 'case_answered', ${none} from f where f.type = 'case' and ${inYear('f.answered_on')}
      union all
      select ${base}, f.rated_on, 'case_rated', null, null, null, null, f.rating, null from f
      where f.type = 'case' and f.rating is not null and ${inYear('f.rated_on')}
      union all
      select ${base}, f.on_date, 'bonus', null, null, null, null, null, f.bonus_cents from f where f.type = 'bonus'
    )
    select u.*, (select rs.id from point_rule_set rs
        where u.place_path like rs.region_path || '%' and rs.effective_from <= u.day::date
        order by length(rs.region_path) desc, rs.effective_from desc limit 1) as rule_set_id
    from u`;
}

/**
 * Runs a fact query with JIT compilation off. The planner prices the per-participant count of
 * those present far above its real cost, which on PostgreSQL would trigger JIT compilation
 * taking longer (about a second) than the query itself (a tenth of that for a county's year).
 */
async function withoutJit<R>(db: Kysely<DB>, query: RawBuilder<R>): Promise<R[]> {
  const run = async (trx: Kysely<DB>) => {
    await sql`set local jit = off`.execute(trx);
    return (await query.execute(trx)).rows;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** The fields that decide what a dated fact is worth. */
interface Priced {
  source: PointSource;
  kind: ActivityKind | null;
  attendance: Attendance | null;
  suggestions: number | null;
  present: number | null;
  rating: Rating | null;
  bonus_cents: number | null;
  rule_set_id: number | null;
}

function factOf(r: Priced): PointFact {
  switch (r.source) {
    case 'attendance': return { source: 'attendance', kind: r.kind!, attendance: r.attendance! };
    case 'suggestion': return { source: 'suggestion', suggestions: r.suggestions!, present: r.present! };
    case 'case_rated': return { source: 'case_rated', rating: r.rating! };
    case 'bonus': return { source: 'bonus', cents: r.bonus_cents ?? 0 };
    default: return { source: r.source };
  }
}

export interface LoadedRuleSet { id: number; regionCode: string | null; regionName: string | null; regionPath: string; effectiveFrom: string; rules: PointRules }

/** Every rule set (a handful per region that has its own): small enough to read whole. */
export async function loadRuleSets(db: Kysely<DB>): Promise<Map<number, LoadedRuleSet>> {
  const rows = await db.selectFrom('point_rule_set as rs').leftJoin('region as r', 'r.code', 'rs.region_code')
    .select(['rs.id', 'rs.region_code', 'rs.region_path', 'rs.effective_from', 'rs.rules', 'r.full_name']).execute();
  return new Map(rows.map((r) => [r.id, {
    id: r.id, regionCode: r.region_code, regionName: r.full_name, regionPath: r.region_path, effectiveFrom: r.effective_from, rules: r.rules,
  }]));
}

/** A fact priced by its rule set; a fact with no rule set in force (none before the default) is worth nothing. */
function price(r: Priced, sets: Map<number, LoadedRuleSet>) {
  const set = r.rule_set_id === null ? null : sets.get(r.rule_set_id) ?? null;
  if (r.source !== 'bonus' && !set) return { set: null, scored: { source: r.source, cents: 0, rule: null, value: null } };
  return { set, scored: scoreFact(factOf(r), set?.rules ?? ({} as PointRules)) };
}

export interface LedgerEntry {
  deputyId: number;
  date: string;
  source: PointSource;
  ref: { type: 'activity' | 'case' | 'bonus'; id: number; title: string };
  station: { id: number; name: string } | null;
  /** The rule that priced it: its key and value in the rule set in force that day. */
  rule: { key: string; value: number; ruleSetId: number; effectiveFrom: string; regionName: string | null } | null;
  note: Label | null;
  cents: number;
}

const RATING_NOTES: Record<Rating, Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

function noteOf(r: Priced): Label | null {
  if (r.source === 'suggestion') {
    return { zh: `${r.suggestions} 条建议,${r.present} 名代表出席均分`, en: `${r.suggestions} suggestions shared by ${r.present} deputies present` };
  }
  return r.source === 'case_rated' && r.rating ? RATING_NOTES[r.rating] : null;
}

/**
 * The ledger entries the reader reaches under the filter, newest first. Facts worth nothing
 * (leave, an unsatisfied rating) stay in the ledger, so a deputy sees that they were counted.
 */
export async function ledgerEntries(db: Kysely<DB>, actor: Actor, f: FactFilter, sets?: Map<number, LoadedRuleSet>): Promise<LedgerEntry[]> {
  type Row = Priced & { deputy_id: number; type: LedgerEntry['ref']['type']; ref_id: number; title: string; station_id: number | null; station_name: string | null; day: string };
  const [rows, ruleSets] = await Promise.all([
    withoutJit(db, sql<Row>`select d.*, s.name as station_name from (${datedFacts(actor, f)}) d left join station s on s.id = d.station_id`),
    sets ? Promise.resolve(sets) : loadRuleSets(db),
  ]);
  const entries = rows.map((r): LedgerEntry => {
    const { set, scored } = price(r, ruleSets);
    return {
      deputyId: r.deputy_id, date: r.day, source: r.source,
      ref: { type: r.type, id: r.ref_id, title: r.title },
      station: r.station_id ? { id: r.station_id, name: r.station_name ?? '' } : null,
      rule: set && scored.rule !== null
        ? { key: scored.rule, value: scored.value!, ruleSetId: set.id, effectiveFrom: set.effectiveFrom, regionName: set.regionName }
        : null,
      note: noteOf(r),
      cents: scored.cents,
    };
  });
  // Newest first. Plain comparisons: dates and types are ASCII.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return entries.sort((a, b) => order(b.date, a.date) || order(a.ref.type, b.ref.type) || b.ref.id - a.ref.id);
}

/**
 * Each deputy's total and number of entries under the filter: the same dated facts as the
 * ledger, grouped in the database by what decides their worth and priced once per group.
 */
export async function pointTotals(db: Kysely<DB>, actor: Actor, f: FactFilter): Promise<Map<number, { cents: number; entries: number }>> {
  type Row = Priced & { deputy_id: number; n: number };
  const [rows, sets] = await Promise.all([
    withoutJit(db, sql<Row>`select deputy_id, rule_set_id, source, kind, attendance, suggestions, present, rating,
        count(*)::int as n, sum(bonus_cents)::int as bonus_cents
      from (${datedFacts(actor, f)}) d group by 1, 2, 3, 4, 5, 6, 7, 8`),
    loadRuleSets(db),
  ]);
  const totals = new Map<number, { cents: number; entries: number }>();
  for (const r of rows) {
    // A bonus group carries its sum; every other group is n facts of one worth.
    const cents = r.source === 'bonus' ? r.bonus_cents ?? 0 : price(r, sets).scored.cents * r.n;
    const t = totals.get(r.deputy_id) ?? { cents: 0, entries: 0 };
    totals.set(r.deputy_id, { cents: t.cents + cents, entries: t.entries + r.n });
  }
  return totals;
}
