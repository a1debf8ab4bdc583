/**
 * The facts points are counted from, read from the records as they are now: attendance at
 * activities, the cases a deputy collected, answered and had rated, and the bonuses staff
 * entered. Nothing is stored per point: an activity edited after the fact, a case re-rated or a
 * bonus withdrawn changes the points on the next read.
 *
 * The features whose records count hand their facts in as SQL fragments under the fact contract
 * (contract.ts, `pointSources` in their manifests); this module puts them together, keeps those
 * the reader reaches and finds the rule set in force for each (by the place it happened and its
 * day); what a fact is worth under that rule set is scoring.ts. A ledger reads the facts one by
 * one; a ranking reads them grouped, so a county's year is a few thousand rows rather than tens
 * of thousands.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ActivityKind, Attendance, Label } from '../../../common/enums.js';
import { BUDGET_RULE_DEFAULTS, CONSULTATION_RULE_DEFAULT, LIVELIHOOD_RULE_DEFAULTS, POINT_RULES_FORMAT, REPORT_BACK_RULE_DEFAULT, MEDIATION_RULE_DEFAULT, SUGGESTION_RULE_DEFAULTS, type PointRules, type PointSource } from '../../../common/points.js';
import type { DB } from '../../platform/db/schema.js';
import { contributions } from '../../platform/feature.js';
import { FACT_COLUMNS, type FactPeriod, type PointFactRow, type PointFactSource, type PointRefType } from './contract.js';
import { scoreFact, yearPeriod, type PointFact, type Rating } from './scoring.js';
import type { Actor } from '../../platform/access/actor.js';
import { pointFactColumns, pointFactVisible } from './access.js';

export interface FactFilter {
  /** A calendar year (Beijing time), or every year. */
  year: number | null;
  deputyIds?: number[];
  /** Facts placed in this region's subtree. */
  regionPath?: string;
  /** Facts at this station. */
  stationId?: number;
}

/** The fact sources the composition root installed (each feature's `pointSources`). */
function installedSources(): PointFactSource[] {
  return contributions('pointSources');
}

/**
 * The contributions put together: each fragment's rows, read through the contract's columns in
 * one order and with one type each, so a fragment may list its columns in any order and leave
 * a null untyped.
 */
function factUnion(sources: readonly PointFactSource[], p: FactPeriod | null): RawBuilder<PointFactRow> {
  if (!sources.length) throw new Error('No point fact sources are installed');
  const columns = sql.raw(Object.entries(FACT_COLUMNS).map(([c, type]) => `x.${c}::${type} as ${c}`).join(', '));
  return sql<PointFactRow>`${sql.join(sources.map((s) => sql`select ${columns} from (${s.facts(p)}) x`), sql` union all `)}`;
}

/**
 * The dated facts the reader reaches under the filter, from every installed source: an activity
 * attended (and, for those present, organising it and its share of suggestions), a case's
 * collection, answer and rating (each on its own day, which may fall in different years), a
 * bonus. Each carries the rule set in force for its place and day: the nearest region (the
 * place's own or an ancestor, '' being the nationwide default) with a version effective by then,
 * that region's latest such version.
 */
function datedFacts(actor: Actor, f: FactFilter): RawBuilder<unknown> {
  const where: RawBuilder<SqlBool>[] = [pointFactVisible(actor, pointFactColumns('f'))];
  if (f.deputyIds) where.push(f.deputyIds.length ? sql<SqlBool>`f.deputy_id in (${sql.join(f.deputyIds)})` : sql<SqlBool>`false`);
  if (f.regionPath !== undefined) where.push(sql<SqlBool>`f.place_path like ${`${f.regionPath}%`}`);
  if (f.stationId !== undefined) where.push(sql<SqlBool>`f.station_id = ${f.stationId}`);
  const p = f.year === null ? null : yearPeriod(f.year);
  return sql`
    select f.*, (select rs.id from point_rule_set rs
        where f.place_path like rs.region_path || '%' and rs.effective_from <= f.day::date
        order by length(rs.region_path) desc, rs.effective_from desc limit 1) as rule_set_id
    from (${factUnion(installedSources(), p)}) f
    where ${sql.join(where, sql` and `)}`;
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
    case 'activity_suggestion': return { source: 'activity_suggestion', suggestions: r.suggestions!, present: r.present! };
    case 'case_rated': return { source: 'case_rated', rating: r.rating! };
    case 'suggestion_rated': return { source: 'suggestion_rated', rating: r.rating! };
    case 'bonus': return { source: 'bonus', cents: r.bonus_cents ?? 0 };
    default: return { source: r.source };
  }
}

export interface LoadedRuleSet { id: number; regionCode: string | null; regionName: string | null; regionPath: string; effectiveFrom: string; rules: PointRules }

/**
 * A stored rule table, read only in the current format: one of an earlier format (the
 * migrations rewrite them all) or a later one (a newer server wrote it) is an error, never
 * priced by a guess.
 */
export function storedRules(row: { id: number; rules: PointRules; rules_format: number }): Required<PointRules> {
  if (row.rules_format !== POINT_RULES_FORMAT) {
    throw new Error(`Point rule set ${row.id} is stored in format ${row.rules_format}; this server reads format ${POINT_RULES_FORMAT} only`);
  }
  // Rules added since (代表建议) take their defaults where a stored table does not name them.
  return { ...SUGGESTION_RULE_DEFAULTS, consultation: CONSULTATION_RULE_DEFAULT, ...BUDGET_RULE_DEFAULTS, ...LIVELIHOOD_RULE_DEFAULTS, reportBackEvaluated: REPORT_BACK_RULE_DEFAULT, mediationAgreement: MEDIATION_RULE_DEFAULT, ...row.rules };
}

/** Every rule set (a handful per region that has its own): small enough to read whole. */
export async function loadRuleSets(db: Kysely<DB>): Promise<Map<number, LoadedRuleSet>> {
  const rows = await db.selectFrom('point_rule_set as rs').leftJoin('region as r', 'r.code', 'rs.region_code')
    .select(['rs.id', 'rs.region_code', 'rs.region_path', 'rs.effective_from', 'rs.rules', 'rs.rules_format', 'r.full_name']).execute();
  return new Map(rows.map((r) => [r.id, {
    id: r.id, regionCode: r.region_code, regionName: r.full_name, regionPath: r.region_path, effectiveFrom: r.effective_from, rules: storedRules(r),
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
  ref: { type: PointRefType; id: number; title: string };
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
  if (r.source === 'activity_suggestion') {
    return { zh: `${r.suggestions} 条建议,${r.present} 名代表出席均分`, en: `${r.suggestions} suggestions shared by ${r.present} deputies present` };
  }
  return (r.source === 'case_rated' || r.source === 'suggestion_rated') && r.rating ? RATING_NOTES[r.rating] : null;
}

/**
 * The ledger entries the reader reaches under the filter, newest first. Facts worth nothing
 * (leave, an unsatisfied rating) stay in the ledger, so a deputy sees that they were counted.
 */
export async function ledgerEntries(db: Kysely<DB>, actor: Actor, f: FactFilter, sets?: Map<number, LoadedRuleSet>): Promise<LedgerEntry[]> {
  type Row = Priced & Pick<PointFactRow, 'deputy_id' | 'ref_type' | 'ref_id' | 'title' | 'station_id' | 'day'> & { station_name: string | null };
  const [rows, ruleSets] = await Promise.all([
    withoutJit(db, sql<Row>`select d.*, s.name as station_name from (${datedFacts(actor, f)}) d left join station s on s.id = d.station_id`),
    sets ? Promise.resolve(sets) : loadRuleSets(db),
  ]);
  const entries = rows.map((r): LedgerEntry => {
    const { set, scored } = price(r, ruleSets);
    return {
      deputyId: r.deputy_id, date: r.day, source: r.source,
      ref: { type: r.ref_type, id: r.ref_id, title: r.title },
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
