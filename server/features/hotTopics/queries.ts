/**
 * Reading hot topics: the counties in reach with their latest runs, a run's topics (a topic in
 * reach when one of its opinions is, in the SQL), one topic with its representative opinions
 * (those the reader may see, text masked, never a name or a phone) and what was made of it.
 */
import { sql, type Kysely } from 'kysely';
import type { Label } from '../../../common/enums.js';
import { CASE_STATE_LABELS, type CaseState } from '../../../common/caseVocabulary.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import type { HotTopicActionKind, HotTopicStation, HotTopicVillage } from '../../platform/db/schemaHotTopics.js';
import { can } from '../../platform/access/abilities.js';
import { ref } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/paging.js';
import { caseColumns, caseVisible } from '../cases/index.js';
import { countyRefreshable, countyVisible, topicVisible } from './access.js';
import { topicManageable as consultationManageable } from '../consultations/index.js';
import { DEFAULT_WINDOW, villageOf, windowWeeks } from './compute.js';
import { maskText } from './mask.js';
import { maskNameIn } from '../../platform/text/personName.js';

const ACTION_LABELS: Record<HotTopicActionKind, Label> = {
  deliberation: { zh: '转为议事议题', en: 'Made a deliberation topic' },
  suggestion: { zh: '起草代表建议', en: 'Started a draft suggestion' },
  consultation: { zh: '作为议题征询意见', en: 'Linked to a consultation as input' },
};

function iso(d: Date | string): string {
  return new Date(d).toISOString();
}

export async function listCounties(db: Kysely<DB>, actor: Actor) {
  const counties = await db.selectFrom('region as c').select(['c.code', 'c.name', 'c.full_name', 'c.path'])
    .where('c.level', '=', 'county').where(countyVisible(actor, ref('c.path'))).orderBy('c.code').limit(200).execute();
  const runs = counties.length === 0 ? [] : await db.selectFrom('hot_topic_run as r')
    .select(['r.region_code', 'r.window_days', 'r.computed_at', 'r.topic_count'])
    .where('r.region_code', 'in', counties.map((c) => c.code))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('hot_topic_run as n').select(sql`1`.as('one'))
      .whereRef('n.region_code', '=', 'r.region_code').whereRef('n.window_days', '=', 'r.window_days')
      .where(sql<boolean>`(n.computed_at, n.id) > (r.computed_at, r.id)`))))
    .orderBy('r.window_days').execute();
  return {
    items: counties.map((c) => ({
      code: c.code, name: c.name, fullName: c.full_name,
      runs: runs.filter((r) => r.region_code === c.code).map((r) => ({ windowDays: r.window_days, computedAt: iso(r.computed_at), topicCount: r.topic_count })),
    })),
  };
}

async function latestRun(db: Kysely<DB>, regionCode: string, windowDays: number) {
  return db.selectFrom('hot_topic_run as r').innerJoin('region as g', 'g.code', 'r.region_code')
    .selectAll('r').select('g.name as region_name')
    .where('r.region_code', '=', regionCode).where('r.window_days', '=', windowDays)
    .orderBy('r.computed_at', 'desc').orderBy('r.id', 'desc').limit(1).executeTakeFirst();
}

type RunRow = NonNullable<Awaited<ReturnType<typeof latestRun>>>;

function presentRun(r: RunRow) {
  return {
    id: r.id, regionCode: r.region_code, regionName: r.region_name, windowDays: r.window_days,
    windowStart: String(r.window_start).slice(0, 10), windowEnd: String(r.window_end).slice(0, 10),
    computedAt: iso(r.computed_at), durationMs: r.duration_ms, opinionCount: r.opinion_count, topicCount: r.topic_count,
  };
}

function topicSelect(db: Kysely<DB>) {
  return db.selectFrom('hot_topic as t').innerJoin('hot_topic_run as r', 'r.id', 't.run_id')
    .leftJoin('case_category as cc', 'cc.id', 't.category_id')
    .selectAll('t').select(['r.region_code', 'r.region_path', 'r.window_end', 'r.window_days', 'cc.name as category_name', 'cc.name_en as category_name_en']);
}

type TopicRow = Awaited<ReturnType<ReturnType<typeof topicSelect>['executeTakeFirstOrThrow']>>;

function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

function presentItem(t: TopicRow) {
  const weeks = windowWeeks(String(t.window_end).slice(0, 10), t.window_days);
  return {
    id: t.id, rank: t.rank, label: t.label, keywords: t.keywords,
    category: t.category_id === null ? null : { id: t.category_id, name: t.category_name!, nameEn: t.category_name_en! },
    count: t.opinion_count, recentCount: t.recent_count, stationCount: t.station_count, villageCount: t.village_count,
    weekly: weeks.map((w, i) => ({ weekStart: w, count: t.weekly_counts[i] ?? 0 })),
    risingScore: Number(t.rising_score), rising: t.rising,
    stations: parseJson<HotTopicStation[]>(t.stations), villages: parseJson<HotTopicVillage[]>(t.villages),
    firstAt: iso(t.first_at), lastAt: iso(t.last_at),
  };
}

export async function countyInReach(db: Kysely<DB>, actor: Actor, regionCode: string) {
  const county = await db.selectFrom('region as c').select(['c.code', 'c.path', 'c.level'])
    .where('c.code', '=', regionCode).where(countyVisible(actor, ref('c.path'))).executeTakeFirst();
  if (!county) throw new AppError('NOT_FOUND');
  if (county.level !== 'county') throw new AppError('HOT_TOPIC_REGION_NOT_COUNTY');
  return county;
}

export async function listTopics(db: Kysely<DB>, actor: Actor, q: { regionCode?: string | undefined; windowDays?: number | undefined; risingOnly?: boolean | undefined }) {
  const windowDays = q.windowDays ?? DEFAULT_WINDOW;
  const regionCode = q.regionCode ?? (await listCounties(db, actor)).items[0]?.code;
  if (regionCode === undefined) return { run: null, canRefresh: false, items: [] };
  const county = await countyInReach(db, actor, regionCode);
  const canRefresh = await countyRefreshableCheck(db, actor, county.code);
  const run = await latestRun(db, county.code, windowDays);
  if (!run) return { run: null, canRefresh, items: [] };
  let query = topicSelect(db).where('t.run_id', '=', run.id).where(topicVisible(actor, ref('t.id'), ref('r.region_path')));
  if (q.risingOnly) query = query.where('t.rising', '=', true);
  const rows = await query.orderBy('t.rank').limit(200).execute();
  const samples = await topicSamples(db, actor, rows.map((r) => r.id));
  return { run: presentRun(run), canRefresh, items: rows.map((r) => ({ ...presentItem(r), samples: samples.get(r.id) ?? [] })) };
}

/** Whether the actor may compute this county's topics now. */
export async function countyRefreshableCheck(db: Kysely<DB>, actor: Actor, code: string): Promise<boolean> {
  if (!can(actor, 'hotTopic.refresh')) return false;
  const row = await db.selectFrom('region as c').select('c.code').where('c.code', '=', code).where(countyRefreshable(actor, ref('c.path'))).executeTakeFirst();
  return row !== undefined;
}

/** One topic in reach (404 otherwise). */
export async function topicInReach(db: Kysely<DB>, actor: Actor, id: number): Promise<TopicRow> {
  const t = await topicSelect(db).where('t.id', '=', id).where(topicVisible(actor, ref('t.id'), ref('r.region_path'))).executeTakeFirst();
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

function opinionSelect(db: Kysely<DB>, actor: Actor, topicId: number) {
  return db.selectFrom('hot_topic_case as h').innerJoin('opinion as o', 'o.id', 'h.case_id')
    .innerJoin('station as s', 's.id', 'o.station_id').leftJoin('case_category as cc', 'cc.id', 'o.category_id')
    .select(['h.case_id', 'h.similarity', 'o.tracking_code', 'o.content', 'o.place', 'o.submitter_name', 'o.station_id', 's.name as station_name',
      'o.submitted_at', 'o.state', 'cc.name as category_name', 'cc.name_en as category_name_en'])
    .where('h.topic_id', '=', topicId).where(caseVisible(actor, caseColumns('o')));
}

type OpinionRow = Awaited<ReturnType<ReturnType<typeof opinionSelect>['execute']>>[number];

/** An opinion's own words as shown outside its handling: phone-like digits, ID numbers and its submitter's name masked. */
function maskOpinionText(text: string, submitterName: string | null): string {
  return maskNameIn(maskText(text), submitterName);
}

/** An opinion as shown with a topic or a consultation: text masked (the submitter's name where it repeats it too), no name or phone. */
export function presentOpinion(o: Pick<OpinionRow, 'case_id' | 'tracking_code' | 'content' | 'place' | 'submitter_name' | 'station_id' | 'station_name' | 'submitted_at' | 'state' | 'category_name' | 'category_name_en'>) {
  const village = villageOf(o.place, o.content);
  return {
    caseId: o.case_id, trackingCode: o.tracking_code, content: maskOpinionText(o.content, o.submitter_name),
    category: o.category_name === null ? null : { zh: o.category_name, en: o.category_name_en ?? o.category_name },
    stationId: o.station_id, stationName: o.station_name, village: village === null ? null : maskNameIn(village, o.submitter_name), place: maskOpinionText(o.place, o.submitter_name),
    submittedAt: iso(o.submitted_at), state: o.state, stateLabel: CASE_STATE_LABELS.labels[o.state as CaseState],
  };
}

/** Two opinions of each topic the reader may see, nearest the centre first (one query). */
async function topicSamples(db: Kysely<DB>, actor: Actor, topicIds: number[]) {
  const out = new Map<number, ReturnType<typeof presentOpinion>[]>();
  if (topicIds.length === 0) return out;
  const ranked = db.selectFrom('hot_topic_case as h').innerJoin('opinion as o', 'o.id', 'h.case_id')
    .select(['h.topic_id', 'h.case_id', 'h.similarity', sql<number>`row_number() over (partition by h.topic_id order by h.similarity desc, h.case_id)`.as('n')])
    .where('h.topic_id', 'in', topicIds).where(caseVisible(actor, caseColumns('o')));
  const rows = await db.selectFrom(ranked.as('x')).innerJoin('opinion as o', 'o.id', 'x.case_id')
    .innerJoin('station as s', 's.id', 'o.station_id').leftJoin('case_category as cc', 'cc.id', 'o.category_id')
    .select(['x.topic_id', 'x.case_id', 'o.tracking_code', 'o.content', 'o.place', 'o.submitter_name', 'o.station_id', 's.name as station_name',
      'o.submitted_at', 'o.state', 'cc.name as category_name', 'cc.name_en as category_name_en'])
    .where('x.n', '<=', 2).orderBy('x.topic_id').orderBy('x.n').execute();
  for (const r of rows) {
    const list = out.get(r.topic_id) ?? [];
    list.push(presentOpinion(r));
    out.set(r.topic_id, list);
  }
  return out;
}

/** The topic's opinions in the reader's reach, most similar first: their ids (for the actions). */
export async function visibleCaseIds(db: Kysely<DB>, actor: Actor, topicId: number, limit: number): Promise<number[]> {
  const rows = await opinionSelect(db, actor, topicId).orderBy('h.similarity', 'desc').orderBy('h.case_id').limit(limit).execute();
  return rows.map((r) => r.case_id);
}

export async function listTopicOpinions(db: Kysely<DB>, actor: Actor, topicId: number, q: { cursor?: string | undefined; limit: number }) {
  await topicInReach(db, actor, topicId);
  const after = decodeCursor(q.cursor, (v): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number'));
  let query = opinionSelect(db, actor, topicId);
  if (after) query = query.where(sql<boolean>`(h.similarity < ${after[0]} or (h.similarity = ${after[0]} and h.case_id > ${after[1]}))`);
  const rows = await query.orderBy('h.similarity', 'desc').orderBy('h.case_id').limit(q.limit + 1).execute();
  return toPage(rows, q.limit, (r) => [r.similarity, r.case_id], presentOpinion);
}

/**
 * What was already made of this topic's opinions: the actions on the topic itself, and those on a
 * topic of an earlier run (topic ids change with every run) that carried mostly the same opinions,
 * i.e. more than half of the opinions an action carried are among this topic's. Within one run the
 * topics share no opinion, so an earlier action counts for one topic at most.
 */
export function actionsTakenOn(db: Kysely<DB>, t: Pick<TopicRow, 'id' | 'region_code'>) {
  return db.selectFrom('hot_topic_action as a').where('a.region_code', '=', t.region_code)
    .where(sql<boolean>`(a.topic_id = ${t.id} or 2 * (select count(*) from hot_topic_case h where h.topic_id = ${t.id} and h.case_id = any(a.case_ids)) > cardinality(a.case_ids))`);
}

/** What the reader may do with a topic now. */
export function topicActions(actor: Actor): HotTopicActionKind[] {
  const out: HotTopicActionKind[] = [];
  if (!can(actor, 'hotTopic.act')) return out;
  if (['admin', 'staff', 'deputy'].includes(actor.role)) out.push('deliberation');
  if (actor.role === 'deputy') out.push('suggestion');
  if (['admin', 'staff'].includes(actor.role)) out.push('consultation');
  return out;
}

/** The actions, with `consultation` only when the reader runs a consultation not yet deliberated. */
async function honestActions(db: Kysely<DB>, actor: Actor): Promise<HotTopicActionKind[]> {
  const actions = topicActions(actor);
  if (!actions.includes('consultation')) return actions;
  const open = await db.selectFrom('consultation_topic as c').select('c.id')
    .where('c.state', 'in', ['draft', 'open', 'closed']).where(consultationManageable(actor, { congressRegionPath: ref('c.congress_region_path') })).limit(1).executeTakeFirst();
  return open ? actions : actions.filter((a) => a !== 'consultation');
}

export async function getTopic(db: Kysely<DB>, actor: Actor, id: number) {
  const t = await topicInReach(db, actor, id);
  const run = (await db.selectFrom('hot_topic_run as r').innerJoin('region as g', 'g.code', 'r.region_code')
    .selectAll('r').select('g.name as region_name').where('r.id', '=', t.run_id).executeTakeFirstOrThrow());
  const opinions = await opinionSelect(db, actor, id).orderBy('h.similarity', 'desc').orderBy('h.case_id').limit(8).execute();
  const visible = await db.selectFrom('hot_topic_case as h').innerJoin('opinion as o', 'o.id', 'h.case_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('h.topic_id', '=', id).where(caseVisible(actor, caseColumns('o'))).executeTakeFirstOrThrow();
  const actions = await actionsTakenOn(db, t).leftJoin('account as ac', 'ac.id', 'a.created_by_account_id')
    .select(['a.id', 'a.kind', 'a.target_id', 'a.case_ids', 'a.created_at', 'ac.display_name'])
    .orderBy('a.created_at').orderBy('a.id').execute();
  const titles = new Map<string, string>();
  const consultationIds = actions.filter((a) => a.kind === 'consultation' && a.target_id !== null).map((a) => a.target_id!);
  if (consultationIds.length > 0) {
    for (const c of await db.selectFrom('consultation_topic').select(['id', 'title']).where('id', 'in', consultationIds).execute()) titles.set(`consultation:${c.id}`, c.title);
  }
  const deliberationIds = actions.filter((a) => a.kind === 'deliberation' && a.target_id !== null).map((a) => a.target_id!);
  if (deliberationIds.length > 0) {
    for (const d of await db.selectFrom('deliberation_topic').select(['id', 'title']).where('id', 'in', deliberationIds).execute()) titles.set(`deliberation:${d.id}`, d.title);
  }
  return {
    ...presentItem(t), run: presentRun(run),
    opinions: opinions.map(presentOpinion), visibleCount: Number(visible.n),
    actionsTaken: actions.map((a) => ({
      id: a.id, kind: a.kind, kindLabel: ACTION_LABELS[a.kind], targetId: a.target_id,
      targetTitle: titles.get(`${a.kind}:${a.target_id}`) ?? null,
      targetUrl: a.target_id === null ? null : a.kind === 'deliberation' ? `/deliberations/topics/${a.target_id}` : a.kind === 'consultation' ? `/consultations/${a.target_id}` : null,
      caseCount: a.case_ids.length, by: a.display_name ?? '', at: iso(a.created_at),
    })),
    actions: await honestActions(db, actor),
  };
}
