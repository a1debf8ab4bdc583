/**
 * The reads of deliberation days, scope in each query (access.ts): regions and rules, days with
 * their record and action plan, topics ranked by their weighted score, items with their
 * timeline, feedback; and the public pages of published days. Opinions linked to a topic are
 * shown as an excerpt with phone-like digits masked, never with the submitter.
 */
import { sql, type Kysely } from 'kysely';
import { containsPattern } from '../../platform/db/sql.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/abilities.js';
import { ref } from '../../platform/access/scope.js';
import { today } from '../../platform/clock.js';
import { maskText } from '../../platform/text/maskText.js';
import { maskNameIn } from '../../platform/text/personName.js';
import type { DB } from '../../platform/db/schema.js';
import type { DeliberationDayState, DeliberationItemState, DeliberationTopicState } from '../../platform/db/schemaDeliberations.js';
import { AppError } from '../../platform/errors.js';
import { weekday } from '../../platform/calendar/workingDays.js';
import { dayVisible, itemVisible, regionManageable, regionVisible } from './access.js';
import { ruleOf, type Rule } from './commands.js';
import { itemActions } from './items.js';
import { weightedScore } from './rule.js';
import { DAY_STATE_LABELS, ITEM_RULES, RATING_LABELS, ITEM_STATE_LABELS, TOPIC_SOURCE_LABELS, TOPIC_STATE_LABELS } from './workflow.js';

type Db = Kysely<DB>;
const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];
const EN_WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

async function manages(db: Db, actor: AnyActor, regionPath: string): Promise<boolean> {
  if (!can(actor, 'deliberation.manage')) return false;
  return Boolean(await db.selectFrom('region').select('code').where('path', '=', regionPath).where(regionManageable(actor, ref('region.path'))).executeTakeFirst());
}

export async function getRule(db: Db, actor: AnyActor, regionCode: string) {
  const region = await db.selectFrom('region').select(['code', 'name', 'path']).where('code', '=', regionCode).where(regionVisible(actor, ref('region.path'))).executeTakeFirst();
  if (!region || regionCode.length !== 9) throw new AppError('NOT_FOUND');
  const r = await ruleOf(db, regionCode);
  return { regionCode, regionName: region.name, ...r };
}

/** The streets and towns in reach that have days or a rule, and for staff of a street or town their own. */
export async function listRegions(db: Db, actor: AnyActor) {
  const rows = await db.selectFrom('region as r').select(['r.code', 'r.name', 'r.path'])
    .where(regionVisible(actor, ref('r.path'))).where(sql<boolean>`length(r.code) = 9`)
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('deliberation_day as d').select('d.id').whereRef('d.region_code', '=', 'r.code')),
      eb.exists(eb.selectFrom('deliberation_rule as u').select('u.region_code').whereRef('u.region_code', '=', 'r.code')),
      ...(actor.kind === 'account' && actor.role === 'staff' && actor.regionCode ? [eb('r.code', '=', actor.regionCode)] : []),
    ])).orderBy('r.code').limit(200).execute();
  const next = rows.length ? await db.selectFrom('deliberation_day').select(['id', 'region_code', 'held_on']).where('region_code', 'in', rows.map((r) => r.code))
    .where('held_on', '>=', today()).where('state', 'in', ['scheduled', 'noticed']).orderBy('held_on').execute() : [];
  const rules = rows.length ? new Set((await db.selectFrom('deliberation_rule').select('region_code').where('region_code', 'in', rows.map((r) => r.code)).execute()).map((r) => r.region_code)) : new Set<string>();
  return { items: rows.map((r) => {
    const n = next.find((d) => d.region_code === r.code);
    return { regionCode: r.code, name: r.name, hasRule: rules.has(r.code), nextDay: n ? { id: n.id, heldOn: n.held_on } : null };
  }) };
}

function weekdayLabel(date: string) {
  const w = weekday(date);
  return { zh: `星期${WEEKDAYS[w]}`, en: EN_WEEKDAYS[w]! };
}

const daySelect = ['d.id', 'd.region_code', 'd.region_path', 'd.rule_date', 'd.held_on', 'd.state', 'd.notice_on', 'r.name as region_name',
  sql<number>`(select count(*) from deliberation_topic t where t.day_id = d.id)`.as('topic_count'),
  sql<number>`(select count(*) from deliberation_item i where i.day_id = d.id)`.as('item_count')] as const;

type DayRow = { id: number; region_code: string; rule_date: string; held_on: string; state: DeliberationDayState; notice_on: string; region_name: string; topic_count: number; item_count: number };
function dayItem(r: DayRow) {
  return {
    id: r.id, regionCode: r.region_code, regionName: r.region_name, heldOn: r.held_on, movedFrom: r.held_on !== r.rule_date ? r.rule_date : null,
    weekdayLabel: weekdayLabel(r.held_on), state: r.state, stateLabel: DAY_STATE_LABELS[r.state], topicCount: Number(r.topic_count), itemCount: Number(r.item_count), noticeOn: r.notice_on,
  };
}

export async function listDays(db: Db, actor: AnyActor, q: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined; state?: DeliberationDayState | undefined }) {
  const rows = await db.selectFrom('deliberation_day as d').innerJoin('region as r', 'r.code', 'd.region_code').select(daySelect)
    .where(dayVisible(actor, ref('d.id'), ref('d.region_path')))
    .$if(q.regionCode !== undefined, (b) => b.where('d.region_code', '=', q.regionCode!))
    .$if(q.from !== undefined, (b) => b.where('d.held_on', '>=', q.from!))
    .$if(q.to !== undefined, (b) => b.where('d.held_on', '<=', q.to!))
    .$if(q.state !== undefined, (b) => b.where('d.state', '=', q.state!))
    .orderBy('d.held_on').orderBy('d.id').limit(200).execute();
  return { items: rows.map(dayItem) };
}

type TopicRow = {
  id: number; region_code: string; region_path: string; title: string; description: string; source: 'deputy' | 'staff' | 'case' | 'hot_topic'; state: DeliberationTopicState;
  importance: number | null; urgency: number | null; impact: number | null; proposer_name: string; day_id: number | null; held_on: string | null; created_at: Date;
  case_count: number; hot_topic_id: number | null; proposed_by_account_id: number | null;
};

function topicSelect(db: Db) {
  return db.selectFrom('deliberation_topic as t').leftJoin('deliberation_day as d', 'd.id', 't.day_id')
    .select(['t.id', 't.region_code', 't.region_path', 't.title', 't.description', 't.source', 't.state', 't.importance', 't.urgency', 't.impact', 't.proposer_name', 't.day_id',
      'd.held_on', 't.created_at', 't.hot_topic_id', 't.proposed_by_account_id', sql<number>`(select count(*) from deliberation_topic_case c where c.topic_id = t.id)`.as('case_count')]);
}

async function rulesFor(db: Db, regionCodes: string[]): Promise<Map<string, Rule>> {
  const out = new Map<string, Rule>();
  for (const code of new Set(regionCodes)) out.set(code, await ruleOf(db, code));
  return out;
}

function topicItem(r: TopicRow, rule: Rule, rank: number | null) {
  const scores = r.importance === null ? null : { importance: r.importance, urgency: r.urgency!, impact: r.impact! };
  return {
    id: r.id, regionCode: r.region_code, title: r.title, source: r.source, sourceLabel: TOPIC_SOURCE_LABELS[r.source], state: r.state, stateLabel: TOPIC_STATE_LABELS[r.state],
    scores, score: scores ? weightedScore(scores, rule.weights) : null, rank, proposer: r.proposer_name, caseCount: Number(r.case_count),
    dayId: r.day_id, heldOn: r.held_on, createdAt: r.created_at.toISOString(),
  };
}

/** Topics in reach, ranked: the proposed ones by weighted score (the unscored after), then the others, newest first. */
export async function listTopics(db: Db, actor: AnyActor, q: { regionCode?: string | undefined; state?: DeliberationTopicState | undefined; q?: string | undefined }) {
  const rows = await topicSelect(db).where(regionVisible(actor, ref('t.region_path')))
    .$if(q.regionCode !== undefined, (b) => b.where('t.region_code', '=', q.regionCode!))
    .$if(q.state !== undefined, (b) => b.where('t.state', '=', q.state!))
    .$if(q.q !== undefined, (b) => b.where('t.title', 'like', containsPattern(q.q!)))
    .orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(300).execute() as TopicRow[];
  const rules = await rulesFor(db, rows.map((r) => r.region_code));
  const items = rows.map((r) => topicItem(r, rules.get(r.region_code)!, null));
  const order = (s: string) => (s === 'proposed' ? 0 : s === 'chosen' ? 1 : 2);
  items.sort((a, b) => order(a.state) - order(b.state) || (b.score ?? -1) - (a.score ?? -1) || b.createdAt.localeCompare(a.createdAt));
  const ranks = new Map<string, number>();
  for (const t of items) {
    if (t.state !== 'proposed' || t.score === null) continue;
    const n = (ranks.get(t.regionCode) ?? 0) + 1;
    ranks.set(t.regionCode, n);
    t.rank = n;
  }
  const weights = q.regionCode ? (await ruleOf(db, q.regionCode)).weights : null;
  return { items, weights };
}

async function topicCases(db: Db, topicIds: number[]) {
  if (!topicIds.length) return [];
  return db.selectFrom('deliberation_topic_case as c').innerJoin('opinion as o', 'o.id', 'c.case_id').innerJoin('case_category as k', 'k.id', 'o.category_id')
    .select(['c.topic_id', 'o.id', 'o.tracking_code', 'o.content', 'o.submitter_name', 'o.state', 'k.name as category']).where('c.topic_id', 'in', topicIds).orderBy('o.id').execute();
}

export async function getTopic(db: Db, actor: AnyActor, id: number) {
  const r = await topicSelect(db).where('t.id', '=', id).where(regionVisible(actor, ref('t.region_path'))).executeTakeFirst() as TopicRow | undefined;
  if (!r) throw new AppError('NOT_FOUND');
  const rule = await ruleOf(db, r.region_code);
  const cases = await topicCases(db, [id]);
  const manage = await manages(db, actor, r.region_path);
  const mine = actor.kind === 'account' && r.proposed_by_account_id === actor.accountId;
  const actions: ('score' | 'withdraw')[] = r.state === 'proposed' ? [...(manage ? ['score' as const] : []), ...(manage || mine ? ['withdraw' as const] : [])] : [];
  return {
    ...topicItem(r, rule, null), description: r.description, hotTopicId: r.hot_topic_id,
    cases: cases.map((c) => ({ id: c.id, code: c.tracking_code, title: maskText(maskNameIn(c.content, c.submitter_name)).slice(0, 80), category: c.category, state: c.state })),
    actions,
  };
}

type ItemRow = {
  id: number; day_id: number; held_on: string; region_name: string; region_path: string; topic_id: number | null; topic_title: string | null; title: string; unit_id: number; unit_name: string;
  state: DeliberationItemState; due_on: string | null; reopen_count: number;
};
function itemSelect(db: Db) {
  return db.selectFrom('deliberation_item as i').innerJoin('deliberation_day as d', 'd.id', 'i.day_id').innerJoin('region as r', 'r.code', 'd.region_code')
    .innerJoin('unit as u', 'u.id', 'i.unit_id').leftJoin('deliberation_topic as t', 't.id', 'i.topic_id')
    .select(['i.id', 'i.day_id', 'd.held_on', 'r.name as region_name', 'd.region_path', 'i.topic_id', 't.title as topic_title', 'i.title', 'i.unit_id', 'u.name as unit_name', 'i.state', 'i.due_on', 'i.reopen_count']);
}
function itemSummary(r: ItemRow) {
  return {
    id: r.id, dayId: r.day_id, heldOn: r.held_on, regionName: r.region_name, topicId: r.topic_id, topicTitle: r.topic_title, title: r.title, unitId: r.unit_id, unitName: r.unit_name,
    state: r.state, stateLabel: ITEM_STATE_LABELS[r.state], dueOn: r.due_on, overdue: r.state === 'signed' && r.due_on !== null && r.due_on < today(), reopenCount: r.reopen_count,
  };
}

export async function listItems(db: Db, actor: AnyActor, q: { state?: DeliberationItemState | undefined; dayId?: number | undefined; cursor?: string | undefined; limit: number }) {
  const after = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString('utf8')) : null;
  const rows = await itemSelect(db).where(itemVisible(actor, ref('i.unit_id'), ref('d.region_path')))
    .$if(q.state !== undefined, (b) => b.where('i.state', '=', q.state!))
    .$if(q.dayId !== undefined, (b) => b.where('i.day_id', '=', q.dayId!))
    .$if(after !== null && Number.isInteger(after), (b) => b.where('i.id', '<', after!))
    .orderBy('i.id', 'desc').limit(q.limit + 1).execute() as ItemRow[];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map(itemSummary), nextCursor: more ? Buffer.from(String(page.at(-1)!.id)).toString('base64url') : null };
}

export async function getItem(db: Db, actor: AnyActor, id: number) {
  const r = await itemSelect(db).select(['i.body', 'i.working_days', 'i.answer', 'i.answered_at', 'i.approved_at'])
    .where('i.id', '=', id).where(itemVisible(actor, ref('i.unit_id'), ref('d.region_path'))).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const events = await db.selectFrom('deliberation_item_event').selectAll().where('item_id', '=', id).orderBy('id').execute();
  const manage = await manages(db, actor, r.region_path);
  return {
    ...itemSummary(r as ItemRow), body: r.body, workingDays: r.working_days, answer: r.answer, answeredAt: r.answered_at?.toISOString() ?? null, approvedAt: r.approved_at?.toISOString() ?? null,
    timeline: events.map((e) => ({
      at: e.at.toISOString(), action: e.action, actionLabel: ITEM_RULES[e.action as keyof typeof ITEM_RULES]?.label ?? { zh: e.action, en: e.action },
      fromState: e.from_state, toState: e.to_state, actor: e.actor_name, comment: e.comment,
    })),
    actions: itemActions(actor, { state: r.state, unit_id: r.unit_id }, manage),
  };
}

async function feedbackCounts(db: Db, dayId: number) {
  const rows = await db.selectFrom('deliberation_feedback').select(['rating', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where rating = 'unsatisfied' and decision is null)`.as('open')])
    .where('day_id', '=', dayId).groupBy('rating').execute();
  const n = (k: string) => Number(rows.find((r) => r.rating === k)?.n ?? 0);
  return { satisfied: n('satisfied'), basically_satisfied: n('basically_satisfied'), unsatisfied: n('unsatisfied'), undecided: rows.reduce((s, r) => s + Number(r.open), 0) };
}

async function recordOf(db: Db, day: { activity_id: number | null; minutes: string | null; decisions: string[] | null }) {
  if (day.activity_id === null) return null;
  const a = await db.selectFrom('activity').select(['id', 'starts_at', 'ends_at', 'place']).where('id', '=', day.activity_id).executeTakeFirstOrThrow();
  const participants = await db.selectFrom('activity_participant as p').innerJoin('deputy as d', 'd.id', 'p.deputy_id').select(['d.id', 'd.name', 'p.attendance'])
    .where('p.activity_id', '=', a.id).orderBy('d.id').execute();
  const units = await db.selectFrom('activity_unit as au').innerJoin('unit as u', 'u.id', 'au.unit_id').select(['u.id', 'u.name']).where('au.activity_id', '=', a.id).orderBy('u.id').execute();
  return {
    activityId: a.id, startsAt: a.starts_at.toISOString(), endsAt: a.ends_at?.toISOString() ?? null, place: a.place, minutes: day.minutes ?? '', decisions: day.decisions ?? [],
    participants: participants.map((p) => ({ deputyId: p.id, name: p.name, attendance: p.attendance })), unitsPresent: units,
  };
}

export async function getDay(db: Db, actor: AnyActor, id: number) {
  const d = await db.selectFrom('deliberation_day as d').innerJoin('region as r', 'r.code', 'd.region_code')
    .select([...daySelect, 'd.place', 'd.start_time', 'd.noticed_at', 'd.held_at', 'd.published_at', 'd.summary', 'd.version', 'd.activity_id', 'd.minutes', 'd.decisions'])
    .where('d.id', '=', id).where(dayVisible(actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND');
  const rule = await ruleOf(db, d.region_code);
  const topics = await topicSelect(db).where('t.day_id', '=', id).orderBy('t.id').execute() as TopicRow[];
  const units = await db.selectFrom('deliberation_day_unit as du').innerJoin('unit as u', 'u.id', 'du.unit_id').select(['u.id', 'u.name']).where('du.day_id', '=', id).orderBy('u.id').execute();
  const items = await itemSelect(db).where('i.day_id', '=', id).where(itemVisible(actor, ref('i.unit_id'), ref('d.region_path'))).orderBy('i.id').execute() as ItemRow[];
  const manage = await manages(db, actor, d.region_path);
  type DayAction = 'edit' | 'choose' | 'notice' | 'record' | 'add_item' | 'publish' | 'cancel';
  const actions: DayAction[] = !manage ? [] : ({
    scheduled: ['edit', 'choose', 'notice', 'record', 'cancel'], noticed: ['edit', 'record', 'cancel'], held: ['add_item', 'publish'], published: ['add_item'], cancelled: [],
  } as Record<DeliberationDayState, DayAction[]>)[d.state];
  const deputies = await db.selectFrom('deputy as dp').select(['dp.id', 'dp.name']).where('dp.status', '=', 'current').where('dp.active', '=', true)
    .where((eb) => eb.or([
      eb('dp.region_path', 'like', `${d.region_path}%`),
      eb.exists(eb.selectFrom('deputy_station as ds').innerJoin('station_region as sr', 'sr.station_id', 'ds.station_id').select('ds.deputy_id')
        .whereRef('ds.deputy_id', '=', 'dp.id').where('sr.region_path', 'like', `${d.region_path}%`)),
    ])).orderBy('dp.name_pinyin').limit(300).execute();
  return {
    ...dayItem(d as DayRow), place: d.place, startTime: d.start_time,
    rule: { topicsMin: rule.topicsMin, topicsMax: rule.topicsMax, weights: rule.weights, noticeDays: rule.noticeDays }, deputies, noticedAt: d.noticed_at?.toISOString() ?? null, heldAt: d.held_at?.toISOString() ?? null,
    publishedAt: d.published_at?.toISOString() ?? null, summary: d.summary, version: d.version,
    topics: topics.map((t) => topicItem(t, rule, null)), invitedUnits: units,
    record: await recordOf(db, d), items: items.map(itemSummary), feedbackCounts: await feedbackCounts(db, id), actions,
  };
}

export async function listFeedback(db: Db, actor: AnyActor, dayId: number) {
  const day = await db.selectFrom('deliberation_day').select('id').where('id', '=', dayId).where(regionManageable(actor, ref('deliberation_day.region_path'))).executeTakeFirst();
  if (!day) throw new AppError('NOT_FOUND');
  const rows = await db.selectFrom('deliberation_feedback as f').leftJoin('deliberation_item as i', 'i.id', 'f.item_id')
    .select(['f.id', 'f.item_id', 'i.title as item_title', 'f.rating', 'f.comment', 'f.created_at', 'f.decision', 'f.decided_at', 'f.decision_note'])
    .where('f.day_id', '=', dayId).orderBy('f.id', 'desc').limit(500).execute();
  return {
    items: rows.map((f) => ({
      id: f.id, itemId: f.item_id, itemTitle: f.item_title, rating: f.rating, ratingLabel: RATING_LABELS[f.rating], comment: maskText(f.comment), createdAt: f.created_at.toISOString(),
      decision: f.decision, decidedAt: f.decided_at?.toISOString() ?? null, decisionNote: f.decision_note,
    })),
    counts: await feedbackCounts(db, dayId),
  };
}

export async function listPublicDays(db: Db, regionCode?: string) {
  const rows = await db.selectFrom('deliberation_day as d').innerJoin('region as r', 'r.code', 'd.region_code')
    .select(['d.id', 'r.name as region_name', 'd.held_on', 'd.published_at',
      sql<number>`(select count(*) from deliberation_item i where i.day_id = d.id)`.as('item_count'),
      sql<number>`(select count(*) from deliberation_item i where i.day_id = d.id and i.state = 'approved')`.as('approved_count')])
    .where('d.state', '=', 'published')
    .$if(regionCode !== undefined, (b) => b.where('d.region_path', 'like', sql<string>`(select path from region where code = ${regionCode!}) || '%'`))
    .orderBy('d.held_on', 'desc').limit(50).execute();
  const topics = rows.length ? await db.selectFrom('deliberation_topic').select(['day_id', 'title']).where('day_id', 'in', rows.map((r) => r.id)).orderBy('id').execute() : [];
  return { items: rows.map((r) => ({
    id: r.id, regionName: r.region_name, heldOn: r.held_on, topics: topics.filter((t) => t.day_id === r.id).map((t) => maskText(t.title)),
    publishedAt: r.published_at!.toISOString(), itemCount: Number(r.item_count), approvedCount: Number(r.approved_count),
  })) };
}

export async function getPublicDay(db: Db, id: number) {
  const d = await db.selectFrom('deliberation_day as d').innerJoin('region as r', 'r.code', 'd.region_code')
    .select(['d.id', 'r.name as region_name', 'd.held_on', 'd.place', 'd.summary', 'd.published_at', 'd.decisions', 'd.activity_id', 'd.minutes'])
    .where('d.id', '=', id).where('d.state', '=', 'published').executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND');
  const topics = await db.selectFrom('deliberation_topic').select(['title', 'description']).where('day_id', '=', id).orderBy('id').execute();
  const record = await recordOf(db, d);
  const items = await db.selectFrom('deliberation_item as i').innerJoin('unit as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.title', 'u.name as unit_name', 'i.state', 'i.due_on', 'i.answer', 'i.answered_at']).where('i.day_id', '=', id).orderBy('i.id').execute();
  const counts = await feedbackCounts(db, id);
  return {
    id: d.id, regionName: d.region_name, heldOn: d.held_on, place: maskText(d.place), summary: maskText(d.summary ?? ''), publishedAt: d.published_at!.toISOString(),
    topics: topics.map((t) => ({ title: maskText(t.title), description: maskText(t.description) })), decisions: (d.decisions ?? []).map(maskText),
    attendance: { present: record?.participants.filter((p) => p.attendance === 'present').length ?? 0, total: record?.participants.length ?? 0 },
    unitsPresent: record?.unitsPresent.map((u) => u.name) ?? [],
    items: items.map((i) => ({
      id: i.id, title: maskText(i.title), unitName: i.unit_name, state: i.state, stateLabel: ITEM_STATE_LABELS[i.state], dueOn: i.due_on,
      // The answer is public once the office has approved it.
      answer: i.state === 'approved' && i.answer !== null ? maskText(i.answer) : null, answeredAt: i.state === 'approved' ? i.answered_at?.toISOString() ?? null : null,
    })),
    feedbackCounts: { satisfied: counts.satisfied, basically_satisfied: counts.basically_satisfied, unsatisfied: counts.unsatisfied },
  };
}
