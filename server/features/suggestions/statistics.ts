/**
 * Suggestion statistics (建议办理统计), counted from the facts each transition stored on the
 * suggestion and its child rows (no timeline replay), over the suggestions the reader reaches
 * (suggestionVisible, in the SQL): submitted in the period, grouped per lead unit, congress,
 * category or month of submission.
 *
 * - total: submitted (not withdrawn); assigned: given to units; answered: with an answer letter;
 *   answeredOnTime: its latest answer came by the deadline in force then;
 * - overdue: held by the units now (assigned, reassignment asked, re-handling) past its deadline;
 * - faceToFace (面商): answered, and the lead unit met the lead deputy (a contact of mode meeting
 *   or site visit) on or before the day of the first answer; 面商率 = faceToFace / answered;
 * - rated and the ratings: the lead deputy's latest rating; a, b, c: the answer's category now
 *   (a B answer whose commitments were kept and that was upgraded counts as A);
 * - commitments and commitmentsDone: the answers' commitments, and those kept.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { DEPUTY_LEVELS, type DeputyLevel } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { SuggestionKind } from '../../platform/db/schemaSuggestions.js';
import { prefixPattern } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/access/actor.js';
import { regionPathOf } from '../../platform/regions/filters.js';
import { suggestionColumns, suggestionVisible } from './access.js';
import { HANDLING_STATES } from './workflow.js';

export interface SuggestionStatisticsFilter {
  /** The congress's level, and its region's subtree. */
  level?: DeputyLevel;
  regionCode?: string;
  kind?: SuggestionKind;
  categoryId?: number;
  /** Submitted in [from, to) — instants. */
  from?: Date;
  to?: Date;
}

export const SUGGESTION_GROUPS = ['unit', 'congress', 'category', 'month'] as const;
type SuggestionGroup = (typeof SUGGESTION_GROUPS)[number];

const handling = sql.join(HANDLING_STATES.map((s) => sql.lit(s)));

/** The counted figures; built per query, since "overdue" reads today's date. */
const counts = (today: string) => ({
  total: sql<number>`count(*)`,
  assigned: sql<number>`count(s.assigned_at)`,
  answered: sql<number>`count(s.answered_at)`,
  answeredOnTime: sql<number>`count(*) filter (where s.answered_at is not null and s.answered_on_time)`,
  overdue: sql<number>`count(*) filter (where s.state in (${handling}) and s.deadline_date < ${today}::date)`,
  faceToFace: sql<number>`count(*) filter (where s.answered_at is not null and exists (
    select 1 from suggestion_answer a join suggestion_contact c on c.suggestion_id = a.suggestion_id
    where a.suggestion_id = s.id and a.round = 1 and c.mode in ('meeting', 'site_visit')
      and c.contacted_on <= (a.answered_at at time zone 'Asia/Shanghai')::date))`,
  rated: sql<number>`count(s.rating)`,
  satisfied: sql<number>`count(*) filter (where s.rating = 'satisfied')`,
  basicallySatisfied: sql<number>`count(*) filter (where s.rating = 'basically_satisfied')`,
  unsatisfied: sql<number>`count(*) filter (where s.rating = 'unsatisfied')`,
  a: sql<number>`count(*) filter (where s.answer_category = 'A')`,
  b: sql<number>`count(*) filter (where s.answer_category = 'B')`,
  c: sql<number>`count(*) filter (where s.answer_category = 'C')`,
  commitments: sql<number>`coalesce(sum(cm.n), 0)`,
  commitmentsDone: sql<number>`coalesce(sum(cm.done), 0)`,
});
type CountKey = keyof ReturnType<typeof counts>;

export type SuggestionFigures = Record<CountKey, number> & {
  onTimeRate: number | null;
  faceToFaceRate: number | null;
  satisfactionRate: number | null;
  aShare: number | null;
  bShare: number | null;
  cShare: number | null;
  commitmentsDoneRate: number | null;
};

const rate = (part: number, whole: number) => (whole ? part / whole : null);

function figures(row: Record<string, unknown>): SuggestionFigures {
  const n = Object.fromEntries(Object.keys(counts('2000-01-01')).map((k) => [k, Number(row[k] ?? 0)])) as Record<CountKey, number>;
  const categorised = n.a + n.b + n.c;
  return {
    ...n,
    onTimeRate: rate(n.answeredOnTime, n.answered),
    faceToFaceRate: rate(n.faceToFace, n.answered),
    satisfactionRate: rate(n.satisfied + n.basicallySatisfied, n.rated),
    aShare: rate(n.a, categorised),
    bShare: rate(n.b, categorised),
    cShare: rate(n.c, categorised),
    commitmentsDoneRate: rate(n.commitmentsDone, n.commitments),
  };
}

/** The suggestions a filter reaches, as conditions on `suggestion as s`. */
export async function statisticsConditions(db: Kysely<DB>, actor: Actor, f: SuggestionStatisticsFilter): Promise<Expression<SqlBool>[]> {
  const where: Expression<SqlBool>[] = [
    suggestionVisible(actor, suggestionColumns('s')),
    sql<SqlBool>`s.submitted_at is not null`,
    sql<SqlBool>`s.state <> 'withdrawn'`,
  ];
  if (f.level) where.push(sql<SqlBool>`s.congress_level = ${f.level}`);
  if (f.regionCode) where.push(sql<SqlBool>`s.congress_region_path like ${prefixPattern(await regionPathOf(db, f.regionCode))}`);
  if (f.kind) where.push(sql<SqlBool>`s.kind = ${f.kind}`);
  if (f.categoryId) where.push(sql<SqlBool>`s.category_id = ${f.categoryId}`);
  if (f.from) where.push(sql<SqlBool>`s.submitted_at >= ${f.from}`);
  if (f.to) where.push(sql<SqlBool>`s.submitted_at < ${f.to}`);
  return where;
}

/** The key each group counts by, and its label — looked up once per group, after counting. */
const GROUP_KEYS: Record<SuggestionGroup, { key: RawBuilder<unknown>; label: RawBuilder<unknown> }> = {
  unit: { key: sql`coalesce(lu.unit_id::text, '')`, label: sql`coalesce((select name from unit where id = nullif(t.key, '')::int), '')` },
  // A congress is its level and its region ('' for the National People's Congress).
  congress: {
    key: sql`s.congress_level || ':' || coalesce(s.congress_region_code, '')`,
    label: sql`coalesce((select name from region where code = split_part(t.key, ':', 2)), '')`,
  },
  category: { key: sql`s.category_id::text`, label: sql`(select name from case_category where id = t.key::int)` },
  month: { key: sql`to_char(s.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM')`, label: sql`t.key` },
};

/** A congress's name from its level and region's name: 平桂区人民代表大会, 全国人民代表大会. */
function congressLabel(key: string, regionName: string): string {
  const level = key.split(':')[0] as DeputyLevel;
  if (level === 'national') return '全国人民代表大会';
  return regionName ? `${regionName}人民代表大会` : DEPUTY_LEVELS.labels[level]?.zh ?? key;
}

function base(db: Kysely<DB>, where: Expression<SqlBool>[]) {
  return db.selectFrom('suggestion as s')
    .leftJoin('suggestion_unit as lu', (j) => j.onRef('lu.suggestion_id', '=', 's.id').on('lu.role', '=', 'lead'))
    .leftJoinLateral(
      (eb) => eb.selectFrom('suggestion_commitment as c').select([sql<number>`count(*)`.as('n'), sql<number>`count(c.done_at)`.as('done')])
        .whereRef('c.suggestion_id', '=', 's.id').as('cm'),
      (j) => j.onTrue(),
    )
    .where((eb) => eb.and(where));
}

/**
 * Runs a statistics query with JIT compilation off: over a whole country's suggestions the
 * planner's estimate (a lateral count per suggestion) triggers JIT, whose compilation took
 * longer (about 3 s) than the query itself on the benchmark (docs/BENCHMARKS.md).
 */
async function withoutJit<R>(db: Kysely<DB>, run: (db: Kysely<DB>) => Promise<R>): Promise<R> {
  const inner = async (trx: Kysely<DB>) => {
    await sql`set local jit = off`.execute(trx);
    return run(trx);
  };
  return db.isTransaction ? inner(db) : db.transaction().execute(inner);
}

/** The figures over everything the filter reaches. */
export async function suggestionStatistics(db: Kysely<DB>, actor: Actor, f: SuggestionStatisticsFilter, today: string): Promise<SuggestionFigures> {
  const where = await statisticsConditions(db, actor, f);
  const row = await withoutJit(db, (q) => base(q, where)
    .select(Object.entries(counts(today)).map(([k, v]) => v.as(k)))
    .executeTakeFirstOrThrow());
  return figures(row as Record<string, unknown>);
}

/** The figures per group, ordered by key; the unit group's '' key holds the suggestions not assigned yet. */
export async function suggestionStatisticsBy(db: Kysely<DB>, actor: Actor, f: SuggestionStatisticsFilter, group: SuggestionGroup, today: string) {
  const g = GROUP_KEYS[group];
  const where = await statisticsConditions(db, actor, f);
  const rows = await withoutJit(db, (q) => {
    const counted = base(q, where)
      .select([g.key.as('key'), ...Object.entries(counts(today)).map(([k, v]) => v.as(k))])
      .groupBy(sql`1`);
    return q.selectFrom(counted.as('t')).selectAll('t').select(g.label.as('label')).orderBy('t.key').execute();
  });
  return rows.map((r) => {
    const { key, label, ...rest } = r as Record<string, unknown>;
    const k = String(key);
    return { key: k, label: group === 'congress' ? congressLabel(k, String(label)) : String(label ?? ''), ...figures(rest) };
  });
}
