/**
 * Computing a county's hot topics for a window: the opinions of the county's stations submitted
 * in the window are grouped (cluster.ts), groups of at least MIN_TOPIC_SIZE become topics with
 * their counts, weekly counts, stations, villages and rising score, stored as one run.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { HotTopicTrigger } from '../../platform/db/schemaHotTopics.js';
import { now } from '../../platform/clock.js';
import { addDays, shanghaiDate, weekday } from '../../platform/calendar/workingDays.js';
import type { ClusterDoc } from './cluster.js';
import { groupOpinions } from './grouping.js';

export const WINDOWS = [28, 56, 84] as const;
type WindowDays = (typeof WINDOWS)[number];
export const DEFAULT_WINDOW: WindowDays = 56;
/** A group needs this many opinions to be a topic. */
const MIN_TOPIC_SIZE = 3;
/** Days counted as "recent" for the rising score. */
const RECENT_DAYS = 14;

const VILLAGE = /([\u4e00-\u9fff]{1,6}?(?:村委会|村|社区|居委会))/u;

/** The village or community an opinion's place (or text) names. */
export function villageOf(place: string, content: string): string | null {
  return VILLAGE.exec(place)?.[1] ?? VILLAGE.exec(content.slice(0, 40))?.[1] ?? null;
}

interface OpinionRow {
  id: number; content: string; place: string; category_id: number; station_id: number; station_name: string;
  town_name: string | null; submitted_at: Date;
}

/** The county's opinions in the window (merged duplicates and declined ones left out). */
export async function windowOpinions(db: Kysely<DB> | Transaction<DB>, countyPath: string, from: Date, to: Date): Promise<OpinionRow[]> {
  const rows = await db.selectFrom('opinion as o')
    .innerJoin('station as s', 's.id', 'o.station_id')
    .leftJoin('region as hr', 'hr.code', 's.home_region_code')
    .select(['o.id', 'o.content', 'o.place', 'o.category_id', 'o.station_id', 's.name as station_name', 'o.submitted_at',
      sql<string | null>`case when hr.level = 'town' then hr.name else null end`.as('town_name')])
    .where(sql<boolean>`o.scope_paths @> array[${countyPath}]::text[]`)
    .where('o.submitted_at', '>=', from).where('o.submitted_at', '<=', to)
    .where('o.merged_into_id', 'is', null).where('o.state', '<>', 'declined')
    .orderBy('o.submitted_at').orderBy('o.id')
    .execute();
  return rows.map((r) => ({ ...r, submitted_at: new Date(r.submitted_at) }));
}

interface ComputedTopic {
  label: string; keywords: string[]; categoryId: number | null; count: number; recentCount: number;
  weekly: number[]; risingScore: number; rising: boolean;
  stations: { id: number; name: string; count: number }[]; villages: { name: string; count: number }[];
  firstAt: Date; lastAt: Date; members: { id: number; similarity: number }[];
}

/** The Monday (Asia/Shanghai) of the week holding `date`. */
function mondayOf(date: string): string {
  return addDays(date, -(weekday(date) - 1));
}

/** The weeks of a window ending on `end` (Mondays, oldest first). */
export function windowWeeks(end: string, days: number): string[] {
  const first = mondayOf(addDays(end, -(days - 1)));
  const weeks: string[] = [];
  for (let w = first; w <= end; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

function countBy<K>(keys: K[]): Map<K, number> {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Groups the opinions and describes the topics, most rising first. */
export async function topicsOf(rows: OpinionRow[], endDate: string, days: number, at: Date): Promise<ComputedTopic[]> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const docs: ClusterDoc[] = rows.map((r) => ({
    id: r.id, text: r.content, category: String(r.category_id), village: villageOf(r.place, r.content), town: r.town_name,
  }));
  const villageById = new Map(docs.map((d) => [d.id, d.village]));
  const weeks = windowWeeks(endDate, days);
  const recentFrom = at.getTime() - RECENT_DAYS * 86_400_000;
  const topics: ComputedTopic[] = [];
  for (const c of await groupOpinions(docs)) {
    if (c.members.length < MIN_TOPIC_SIZE) continue;
    const members = c.members.map((m) => byId.get(m.id)!);
    const weekly = weeks.map(() => 0);
    for (const m of members) {
      const wk = weeks.indexOf(mondayOf(shanghaiDate(m.submitted_at)));
      if (wk >= 0) weekly[wk]! += 1;
    }
    const recentCount = members.filter((m) => m.submitted_at.getTime() >= recentFrom).length;
    // Rising: the recent two weeks against the earlier weeks' average, weighted by size.
    const earlierDays = Math.max(1, days - RECENT_DAYS);
    const earlierRate = (members.length - recentCount) / earlierDays;
    const recentRate = recentCount / RECENT_DAYS;
    const ratio = (recentRate + 0.05) / (earlierRate + 0.05);
    const risingScore = Math.round(Math.log2(ratio) * Math.log2(1 + members.length) * 100) / 100;
    const stationCounts = countBy(members.map((m) => m.station_id));
    const stations = [...stationCounts].map(([id, count]) => ({ id, name: members.find((m) => m.station_id === id)!.station_name, count }))
      .sort((a, b) => b.count - a.count || a.id - b.id);
    const villages = [...countBy(members.map((m) => villageById.get(m.id)).filter((v): v is string => !!v))]
      .map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    const cats = [...countBy(members.map((m) => m.category_id))].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const times = members.map((m) => m.submitted_at.getTime());
    topics.push({
      label: c.label, keywords: c.keywords.slice(0, 6), categoryId: cats[0]?.[0] ?? null, count: members.length, recentCount, weekly,
      risingScore, rising: recentCount >= 2 && ratio >= 1.5, stations, villages,
      firstAt: new Date(Math.min(...times)), lastAt: new Date(Math.max(...times)), members: c.members,
    });
  }
  return topics.sort((a, b) => b.risingScore - a.risingScore || b.count - a.count || a.members[0]!.id - b.members[0]!.id);
}

export interface RunSummary { id: number; regionCode: string; windowDays: number; opinionCount: number; topicCount: number; durationMs: number }

/**
 * Computes and stores one run for a county and window ending now, in the caller's transaction.
 * `countyCode` must be a county (checked by callers that take it from a request).
 */
export async function computeRun(trx: Transaction<DB>, countyCode: string, windowDays: number, trigger: HotTopicTrigger, accountId: number | null): Promise<RunSummary> {
  const started = performance.now();
  const region = await trx.selectFrom('region').select(['code', 'path']).where('code', '=', countyCode).executeTakeFirstOrThrow();
  const at = now();
  const endDate = shanghaiDate(at);
  const startDate = addDays(endDate, -(windowDays - 1));
  const from = new Date(`${startDate}T00:00:00+08:00`);
  const rows = await windowOpinions(trx, region.path, from, at);
  const topics = await topicsOf(rows, endDate, windowDays, at);
  const run = await trx.insertInto('hot_topic_run').values({
    region_code: region.code, region_path: region.path, window_days: windowDays, window_start: startDate, window_end: endDate,
    computed_at: at, duration_ms: 0, opinion_count: rows.length, topic_count: topics.length, trigger, requested_by_account_id: accountId,
  }).returning('id').executeTakeFirstOrThrow();
  let rank = 0;
  for (const t of topics) {
    rank += 1;
    const topic = await trx.insertInto('hot_topic').values({
      run_id: run.id, rank, label: t.label.slice(0, 200), keywords: t.keywords, category_id: t.categoryId, opinion_count: t.count,
      recent_count: t.recentCount, station_count: t.stations.length, village_count: t.villages.length, weekly_counts: t.weekly,
      rising_score: t.risingScore, rising: t.rising, stations: JSON.stringify(t.stations), villages: JSON.stringify(t.villages),
      first_at: t.firstAt, last_at: t.lastAt,
    }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < t.members.length; i += 1000) {
      await trx.insertInto('hot_topic_case').values(t.members.slice(i, i + 1000).map((m) => ({ topic_id: topic.id, case_id: m.id, similarity: m.similarity }))).execute();
    }
  }
  const durationMs = Math.round(performance.now() - started);
  await trx.updateTable('hot_topic_run').set({ duration_ms: durationMs }).where('id', '=', run.id).execute();
  return { id: run.id, regionCode: region.code, windowDays, opinionCount: rows.length, topicCount: topics.length, durationMs };
}

/**
 * Runs kept: the latest per county and window always, others for RETAIN_DAYS, at most RETAIN_RUNS
 * per county and window; and every run one of whose topics something was made of (the deliberation
 * topic or consultation it went to keeps pointing to a topic that can be opened).
 */
const RETAIN_DAYS = 30;
const RETAIN_RUNS = 3;

/** Prunes old runs without actions (their topics and memberships go with them). */
export async function pruneRuns(trx: Transaction<DB>, at: Date): Promise<number> {
  const cutoff = new Date(at.getTime() - RETAIN_DAYS * 86_400_000);
  const res = await sql<{ id: number }>`delete from hot_topic_run r where r.id in (
      select id from (select id, computed_at, row_number() over (partition by region_code, window_days order by computed_at desc, id desc) as n
        from hot_topic_run) x where (x.n > ${RETAIN_RUNS} or (x.n > 1 and x.computed_at < ${cutoff}))
          and not exists (select 1 from hot_topic_action a where a.run_id = x.id))
      returning r.id`.execute(trx);
  return res.rows.length;
}

/** The counties with opinions submitted within the longest window: the ones the nightly run computes. */
async function countiesWithOpinions(trx: Transaction<DB>, since: Date): Promise<string[]> {
  const rows = await trx.selectFrom('region as c')
    .select('c.code')
    .where('c.level', '=', 'county')
    .where(({ exists, selectFrom }) => exists(selectFrom('opinion as o').select(sql`1`.as('one'))
      .where(sql<boolean>`o.scope_paths @> array[c.path]::text[]`).where('o.submitted_at', '>=', since)))
    .orderBy('c.code').execute();
  return rows.map((r) => r.code);
}

/** The nightly task: every county with recent opinions, the default window; then prune. */
export async function nightlyHotTopics(trx: Transaction<DB>, at: Date): Promise<void> {
  for (const code of await countiesWithOpinions(trx, new Date(at.getTime() - DEFAULT_WINDOW * 86_400_000))) {
    await computeRun(trx, code, DEFAULT_WINDOW, 'nightly', null);
  }
  await pruneRuns(trx, at);
}
