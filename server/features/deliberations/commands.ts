/**
 * The writes of deliberation days, each in the caller's transaction with its audit record last:
 * the region's rule, generating the days, topics (proposed, scored, withdrawn), choosing a day's
 * topics, the notice, the meeting record (an activity of kind `deliberation`), publication and
 * cancellation, and the public's feedback with the office's decision on it.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import { z } from 'zod';
import { SYSTEM_ACTOR, type AnyActor, type PublicActor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now as clockNow, today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { DeliberationDayState, DeliberationDayTable, DeliberationRating, DeliberationTopicSource } from '../../platform/db/schemaDeliberations.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { jobKind } from '../../platform/feature.js';
import { maskText } from '../../platform/text/maskText.js';
import { notify } from '../../platform/notify/notify.js';
import { cancelTimers, morningOf, setTimer } from '../../platform/workflow/timers.js';
import { accountsWithRole, anyOf, staffOf } from '../../platform/notify/audience.js';
import { createActivity } from '../activities/index.js';
import { loadCalendar } from '../calendar/index.js';
import { caseColumns, caseVisible, noteOnCase } from '../cases/index.js';
import { regionManageable, regionVisible } from './access.js';
import { addItem, takeItemAction, type NewItemInput } from './items.js';
import { DEFAULT_RULE, heldOn, monthsAfter, noticeOn, ruleDate } from './rule.js';
import { oneOf, requiredText, score, text, workingDays } from './fields.js';

type Ctx = WriteContext;
type Trx = Transaction<DB>;

export const DAY_NOTICE = 'deliberation.day_notice';
const dayTimerPrefix = (dayId: number) => `deliberation:day:${dayId}:`;

/** The rule of a region as stored, or the defaults. */
export async function ruleOf(trx: Trx | Kysely<DB>, regionCode: string) {
  const r = await trx.selectFrom('deliberation_rule').selectAll().where('region_code', '=', regionCode).executeTakeFirst();
  if (!r) return { stored: false as const, version: 0, ...DEFAULT_RULE, weights: { ...DEFAULT_RULE.weights } };
  return {
    stored: true as const, version: r.version, weekday: r.weekday, nth: r.nth, noticeDays: r.notice_days, topicsMin: r.topics_min, topicsMax: r.topics_max,
    weights: { importance: r.weight_importance, urgency: r.weight_urgency, impact: r.weight_impact }, itemWorkingDays: r.item_working_days, place: r.place, startTime: r.start_time,
  };
}
export type Rule = Awaited<ReturnType<typeof ruleOf>>;

/** A street or town (9-digit code) the actor runs. */
async function manageableRegion(ctx: { trx: Trx; actor: AnyActor }, regionCode: string) {
  const region = await ctx.trx.selectFrom('region').select(['code', 'path', 'name', 'level']).where('code', '=', regionCode)
    .where(regionManageable(ctx.actor, ref('region.path'))).executeTakeFirst();
  if (!region || regionCode.length !== 9) throw new AppError('DELIBERATION_REGION_INVALID');
  return region;
}

export const RuleBody = z.object({
  weekday: z.number().int().min(1).max(7), nth: z.union([z.number().int().min(1).max(5), z.literal(-1)]), noticeDays: z.number().int().min(0).max(14),
  topicsMin: z.number().int().min(1).max(5), topicsMax: z.number().int().min(1).max(5),
  weights: z.object({ importance: z.number().int().min(0).max(100), urgency: z.number().int().min(0).max(100), impact: z.number().int().min(0).max(100) }),
  itemWorkingDays: workingDays, place: text(200), startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  version: z.number().int().min(0).default(0),
});
export type RuleInput = z.infer<typeof RuleBody>;

export async function setRule(ctx: Ctx, regionCode: string, input: RuleInput) {
  const region = await manageableRegion(ctx, regionCode);
  if (input.topicsMax < input.topicsMin) throw invalidFields([{ path: 'topicsMax', code: 'NOT_APPLICABLE' }]);
  if (input.weights.importance + input.weights.urgency + input.weights.impact <= 0) throw new AppError('DELIBERATION_WEIGHTS_INVALID');
  const before = await ruleOf(ctx.trx, regionCode);
  if (before.version !== input.version) throw new AppError('CONFLICT', { currentVersion: before.version });
  const values = {
    weekday: input.weekday, nth: input.nth, notice_days: input.noticeDays, topics_min: input.topicsMin, topics_max: input.topicsMax,
    weight_importance: input.weights.importance, weight_urgency: input.weights.urgency, weight_impact: input.weights.impact,
    item_working_days: input.itemWorkingDays, place: input.place, start_time: input.startTime, updated_at: clockNow(), updated_by_account_id: ctx.actor.accountId || null,
  };
  await ctx.trx.insertInto('deliberation_rule').values({ region_code: regionCode, region_path: region.path, ...values })
    .onConflict((oc) => oc.column('region_code').doUpdateSet({ ...values, version: sql`deliberation_rule.version + 1` })).execute();
  await recordAudit(ctx, { action: 'deliberation.rule', entityType: 'deliberation_rule', entityId: regionCode, before, after: input });
}

/** Sets (again) the notice timer of a scheduled day: at 09:00 on its notice day, or now when that has passed. */
async function scheduleNotice(trx: Trx, dayId: number, notice: string, now: Date) {
  await cancelTimers(trx, dayTimerPrefix(dayId));
  const at = morningOf(notice) > now ? morningOf(notice) : now;
  await setTimer(trx, { kind: DAY_NOTICE, key: `${dayTimerPrefix(dayId)}notice:${notice}`, at, payload: { dayId, noticeOn: notice } });
}

/**
 * Generates the region's days by its rule for this month and the `months - 1` after it (days
 * already there, or already past, are left as they are); each gets its notice timer.
 */
export async function generateDays(ctx: Ctx, regionCode: string, months: number): Promise<number[]> {
  await manageableRegion(ctx, regionCode);
  const rule = await ruleOf(ctx.trx, regionCode);
  const created: number[] = [];
  for (let i = 0; i < months; i++) {
    const { year, month } = monthsAfter(today(), i);
    const id = await insertDay(ctx, regionCode, ruleDate(year, month, rule), false);
    if (id !== null) created.push(id);
  }
  return created;
}

/**
 * Adds the day of a rule date (moved to the next working day when it is not one), with its
 * notice timer; null when the region has it already, or when it is past (unless `past`: the
 * demo's history).
 */
export async function insertDay(ctx: Ctx, regionCode: string, date: string, past: boolean): Promise<number | null> {
  const region = await manageableRegion(ctx, regionCode);
  const rule = await ruleOf(ctx.trx, regionCode);
  const cal = await loadCalendar(ctx.trx);
  const now = clockNow();
  const held = heldOn(cal, date);
  if (held < today() && !past) return null;
  const notice = noticeOn(held, rule.noticeDays);
  const row = await ctx.trx.insertInto('deliberation_day').values({
    region_code: regionCode, region_path: region.path, rule_date: date, held_on: held, state: 'scheduled', place: rule.place, start_time: rule.startTime,
    notice_on: notice, created_at: now, updated_at: now,
  }).onConflict((oc) => oc.columns(['region_code', 'rule_date']).doNothing()).returning('id').executeTakeFirst();
  if (!row) return null;
  await scheduleNotice(ctx.trx, row.id, notice, now);
  await recordAudit(ctx, { action: 'deliberation.day_create', entityType: 'deliberation_day', entityId: row.id, after: { regionCode, ruleDate: date, heldOn: held, noticeOn: notice } });
  return row.id;
}

/** A day the actor runs, locked. */
async function lockDay(ctx: Ctx, id: number, states?: readonly DeliberationDayState[]) {
  const day = await ctx.trx.selectFrom('deliberation_day').selectAll().where('id', '=', id).where(regionManageable(ctx.actor, ref('deliberation_day.region_path'))).forUpdate().executeTakeFirst();
  if (!day) throw new AppError('NOT_FOUND');
  if (states && !states.includes(day.state)) throw new AppError('DELIBERATION_TRANSITION_INVALID');
  return day;
}

async function bumpDay(trx: Trx, id: number, set: Updateable<DeliberationDayTable>) {
  await trx.updateTable('deliberation_day').set({ ...set, updated_at: clockNow() }).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

export const DayBody = z.object({
  place: text(200), startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  unitIds: z.array(z.number().int().positive()).max(30), version: z.number().int().positive(),
});

/** The place, time and invited units of a day not held yet. */
export async function updateDay(ctx: Ctx, id: number, input: z.infer<typeof DayBody>) {
  const day = await lockDay(ctx, id, ['scheduled', 'noticed']);
  if (day.version !== input.version) throw new AppError('CONFLICT', { currentVersion: day.version });
  const units = [...new Set(input.unitIds)];
  if (units.length) {
    const found = await ctx.trx.selectFrom('unit').select('id').where('id', 'in', units).where('active', '=', true).execute();
    if (found.length !== units.length) throw invalidFields([{ path: 'unitIds', code: 'UNKNOWN_REFERENCE' }]);
  }
  await ctx.trx.deleteFrom('deliberation_day_unit').where('day_id', '=', id).execute();
  if (units.length) await ctx.trx.insertInto('deliberation_day_unit').values(units.map((u) => ({ day_id: id, unit_id: u }))).execute();
  await bumpDay(ctx.trx, id, { place: input.place, start_time: input.startTime });
  await recordAudit(ctx, { action: 'deliberation.day_update', entityType: 'deliberation_day', entityId: id, before: { place: day.place, startTime: day.start_time }, after: input });
}

export const TopicBody = z.object({
  regionCode: z.string().regex(/^\d{9}$/, { message: 'REGION_CODE_INVALID' }),
  title: requiredText(200),
  description: text(5000).default(''),
  source: oneOf(['deputy', 'staff', 'case', 'hot_topic']).optional(),
  caseIds: z.array(z.number().int().positive()).max(50).default([]),
  hotTopicId: z.number().int().positive().optional(),
  scores: z.object({ importance: score, urgency: score, impact: score }).optional(),
});
export type TopicInput = z.input<typeof TopicBody>;

/**
 * Proposes a topic for a street or town (the command the hot topics use too): by staff running
 * it, or by a deputy of it. Its cases must be in the proposer's reach; each gets a public note.
 */
export async function createDeliberationTopic(ctx: Ctx, raw: TopicInput): Promise<number> {
  const input = TopicBody.parse(raw);
  const now = clockNow();
  const actor = ctx.actor;
  const region = await ctx.trx.selectFrom('region').select(['code', 'path', 'name']).where('code', '=', input.regionCode)
    .where(actor.role === 'deputy' ? regionVisible(actor, ref('region.path')) : regionManageable(actor, ref('region.path'))).executeTakeFirst();
  if (!region) throw new AppError('DELIBERATION_REGION_INVALID');
  const source: DeliberationTopicSource = input.source ?? (input.hotTopicId ? 'hot_topic' : input.caseIds.length ? 'case' : actor.role === 'deputy' ? 'deputy' : 'staff');
  if (source === 'hot_topic' && !input.hotTopicId) throw new AppError('DELIBERATION_HOT_TOPIC_REQUIRED');
  if (source === 'hot_topic') {
    // A hot topic of the county the street or town lies in, never one made up or of elsewhere.
    const hot = await ctx.trx.selectFrom('hot_topic as h').innerJoin('hot_topic_run as r', 'r.id', 'h.run_id').select('h.id')
      .where('h.id', '=', input.hotTopicId!).where(sql<boolean>`${region.path} like r.region_path || '%'`).executeTakeFirst();
    if (!hot) throw invalidFields([{ path: 'hotTopicId', code: 'UNKNOWN_REFERENCE' }]);
  }
  if (input.scores && actor.role === 'deputy') throw new AppError('FORBIDDEN');
  const caseIds = [...new Set(input.caseIds)];
  if (caseIds.length) {
    const seen = new Set((await ctx.trx.selectFrom('opinion as o').select('o.id').where('o.id', 'in', caseIds).where(caseVisible(actor, caseColumns('o'))).execute()).map((r) => r.id));
    const missing = caseIds.map((id, i) => ({ id, i })).filter((c) => !seen.has(c.id));
    if (missing.length) throw invalidFields(missing.map((m) => ({ path: `caseIds.${m.i}`, code: 'UNKNOWN_REFERENCE' as const })));
  }
  const row = await ctx.trx.insertInto('deliberation_topic').values({
    region_code: region.code, region_path: region.path, title: input.title, description: input.description, source,
    hot_topic_id: source === 'hot_topic' ? input.hotTopicId! : null, state: 'proposed', proposed_by_account_id: actor.accountId || null,
    proposer_name: actor.displayName, proposer_deputy_id: actor.deputyId,
    importance: input.scores?.importance ?? null, urgency: input.scores?.urgency ?? null, impact: input.scores?.impact ?? null,
    scored_at: input.scores ? now : null, scored_by_account_id: input.scores ? actor.accountId || null : null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  if (caseIds.length) {
    await ctx.trx.insertInto('deliberation_topic_case').values(caseIds.map((c) => ({ topic_id: row.id, case_id: c }))).execute();
    for (const c of caseIds) await noteOnCase(ctx.trx, c, 'deliberation_included', `${region.name}逢四议事议题:${input.title}`, { link: '/deliberations' }, now);
  }
  await recordAudit(ctx, { action: 'deliberation.topic_create', entityType: 'deliberation_topic', entityId: row.id, after: { ...input, source, caseIds } });
  return row.id;
}

async function lockTopic(ctx: Ctx, id: number) {
  const t = await ctx.trx.selectFrom('deliberation_topic').selectAll().where('id', '=', id).where(regionVisible(ctx.actor, ref('deliberation_topic.region_path'))).forUpdate().executeTakeFirst();
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

async function canManagePath(ctx: Ctx, path: string) {
  const r = await ctx.trx.selectFrom('region').select('code').where('path', '=', path).where(regionManageable(ctx.actor, ref('region.path'))).executeTakeFirst();
  return Boolean(r);
}

export const ScoresBody = z.object({ importance: score, urgency: score, impact: score });

/** Scores a proposed topic on importance, urgency and social impact (1–5 each). */
export async function scoreTopic(ctx: Ctx, id: number, s: z.infer<typeof ScoresBody>) {
  const t = await lockTopic(ctx, id);
  if (!await canManagePath(ctx, t.region_path)) throw new AppError('NOT_FOUND');
  if (t.state !== 'proposed') throw new AppError('DELIBERATION_TOPIC_NOT_OPEN');
  await ctx.trx.updateTable('deliberation_topic').set({ importance: s.importance, urgency: s.urgency, impact: s.impact, scored_at: clockNow(), scored_by_account_id: ctx.actor.accountId || null, updated_at: clockNow() })
    .set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'deliberation.topic_score', entityType: 'deliberation_topic', entityId: id, before: { importance: t.importance, urgency: t.urgency, impact: t.impact }, after: s });
}

/** Withdraws a proposed topic: the office, or the one who proposed it. */
export async function withdrawTopic(ctx: Ctx, id: number, comment: string) {
  const t = await lockTopic(ctx, id);
  const mine = t.proposed_by_account_id !== null && t.proposed_by_account_id === ctx.actor.accountId;
  if (!mine && !await canManagePath(ctx, t.region_path)) throw new AppError('FORBIDDEN');
  if (t.state !== 'proposed') throw new AppError('DELIBERATION_TOPIC_NOT_OPEN');
  await ctx.trx.updateTable('deliberation_topic').set({ state: 'withdrawn', withdrawn_reason: comment, updated_at: clockNow() }).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'deliberation.topic_withdraw', entityType: 'deliberation_topic', entityId: id, before: { state: t.state }, after: { state: 'withdrawn', comment } });
}

/** Chooses the day's topics (replacing an earlier choice): proposed and scored topics of its region, between the rule's minimum and maximum. */
export async function chooseTopics(ctx: Ctx, dayId: number, topicIds: number[]) {
  const day = await lockDay(ctx, dayId, ['scheduled']);
  const rule = await ruleOf(ctx.trx, day.region_code);
  const ids = [...new Set(topicIds)];
  if (ids.length < rule.topicsMin || ids.length > rule.topicsMax) throw new AppError('DELIBERATION_TOPIC_COUNT', { min: rule.topicsMin, max: rule.topicsMax });
  const previous = await ctx.trx.selectFrom('deliberation_topic').select('id').where('day_id', '=', dayId).execute();
  await ctx.trx.updateTable('deliberation_topic').set({ state: 'proposed', day_id: null, updated_at: clockNow() }).where('day_id', '=', dayId).where('state', '=', 'chosen').execute();
  const rows = await ctx.trx.selectFrom('deliberation_topic').select(['id', 'state', 'importance', 'region_code']).where('id', 'in', ids).forUpdate().execute();
  for (const id of ids) {
    const t = rows.find((r) => r.id === id);
    if (!t || t.region_code !== day.region_code || t.state !== 'proposed') throw new AppError('DELIBERATION_TOPIC_UNAVAILABLE');
    if (t.importance === null) throw new AppError('DELIBERATION_TOPIC_UNSCORED');
  }
  await ctx.trx.updateTable('deliberation_topic').set({ state: 'chosen', day_id: dayId, updated_at: clockNow() }).set((eb) => ({ version: eb('version', '+', 1) })).where('id', 'in', ids).execute();
  await bumpDay(ctx.trx, dayId, {});
  await recordAudit(ctx, { action: 'deliberation.choose', entityType: 'deliberation_day', entityId: dayId, before: { topicIds: previous.map((p) => p.id) }, after: { topicIds: ids } });
}

/** Deputies of the day's street or town (elected there, or at a station of it) with a login, and the clerks of its invited units. */
function audienceOf(trx: Trx, day: { id: number; region_path: string }, withUnits: boolean) {
  const deputies = accountsWithRole(trx, 'deputy').innerJoin('deputy as d', 'd.id', 'account.deputy_id').where('d.status', '=', sql.lit('current'))
    .where((eb) => eb.or([
      eb('d.region_path', 'like', `${day.region_path}%`),
      eb.exists(eb.selectFrom('deputy_station as ds').innerJoin('station_region as sr', 'sr.station_id', 'ds.station_id')
        .select('ds.deputy_id').whereRef('ds.deputy_id', '=', 'd.id').where('sr.region_path', 'like', `${day.region_path}%`)),
    ]));
  const units = withUnits && accountsWithRole(trx, 'unit').innerJoin('deliberation_day_unit as du', 'du.unit_id', 'account.unit_id').where('du.day_id', '=', day.id);
  return anyOf(deputies, units);
}

/** The notice's dossier, as text: each topic with its description and how many opinions it came from. */
async function dossierText(trx: Trx, dayId: number): Promise<{ titles: string[]; body: string }> {
  const topics = await trx.selectFrom('deliberation_topic as t').select(['t.title', 't.description', sql<number>`(select count(*) from deliberation_topic_case c where c.topic_id = t.id)`.as('cases')])
    .where('t.day_id', '=', dayId).orderBy('t.id').execute();
  const body = topics.map((t, i) => `议题${i + 1}:${maskText(t.title)}${t.description ? `\n${maskText(t.description)}` : ''}${Number(t.cases) ? `\n(关联群众意见 ${t.cases} 件)` : ''}`).join('\n\n');
  return { titles: topics.map((t) => maskText(t.title)), body };
}

/** Sends the day's notice (议事通知) with its dossier to the region's deputies and the invited units: by the office, or by the notice job. */
export async function sendNotice(ctx: WriteContext<AnyActor>, dayId: number, byJob = false) {
  const day = byJob
    ? await ctx.trx.selectFrom('deliberation_day').selectAll().where('id', '=', dayId).forUpdate().executeTakeFirst()
    : await lockDay(ctx as Ctx, dayId);
  if (!day) return;
  if (day.state !== 'scheduled') throw new AppError('DELIBERATION_TRANSITION_INVALID');
  const dossier = await dossierText(ctx.trx, dayId);
  if (!dossier.titles.length) throw new AppError('DELIBERATION_NO_TOPICS');
  const now = clockNow();
  await ctx.trx.updateTable('deliberation_day').set({ state: 'noticed', noticed_at: now, updated_at: now }).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', dayId).execute();
  await cancelTimers(ctx.trx, dayTimerPrefix(dayId));
  await notify(ctx.trx, {
    accountIds: audienceOf(ctx.trx, day, true), kind: 'deliberation.notice',
    title: `逢四议事通知:${day.held_on} ${day.start_time}${day.place ? ` 于${day.place}` : ''}议事`, body: dossier.body,
    link: `/deliberations/days/${dayId}`, dedupeKey: `deliberation:day:${dayId}:notice`,
  });
  await recordAudit(ctx, { action: 'deliberation.notice', entityType: 'deliberation_day', entityId: dayId, after: { topics: dossier.titles, byJob } });
}

/** The notice job: on the notice day, a scheduled day with its topics chosen is noticed; without topics the office is reminded to choose them. */
export const dayNoticeJob = jobKind<{ dayId: number; noticeOn: string }>(DAY_NOTICE, async ({ trx, payload }) => {
  const day = await trx.selectFrom('deliberation_day').select(['id', 'state', 'notice_on', 'held_on', 'region_code']).where('id', '=', payload.dayId).executeTakeFirst();
  if (!day || day.state !== 'scheduled' || day.notice_on !== payload.noticeOn) return;
  const chosen = await trx.selectFrom('deliberation_topic').select('id').where('day_id', '=', day.id).limit(1).executeTakeFirst();
  if (chosen) {
    await sendNotice({ trx, actor: SYSTEM_ACTOR, ip: null }, day.id, true);
    return;
  }
  await notify(trx, { accountIds: staffOf(trx, day.region_code), kind: 'deliberation.remind', title: `${day.held_on} 议事日尚未选定议题,通知未能发出`, body: '', link: `/deliberations/days/${day.id}`, dedupeKey: `deliberation:day:${day.id}:no_topics:${day.notice_on}` });
}, { payload: z.object({ dayId: z.number(), noticeOn: z.string() }) });

export const RecordBody = z.object({
  startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  place: requiredText(200),
  participants: z.array(z.object({ deputyId: z.number().int().positive(), attendance: oneOf(['present', 'absent', 'leave']) })).max(300),
  unitIds: z.array(z.number().int().positive()).max(30).default([]),
  minutes: requiredText(20000),
  decisions: z.array(requiredText(1000)).min(1, { error: 'REQUIRED' }).max(30),
});

/** Records the meeting: an activity of kind `deliberation` (attendance, the units present), the minutes and the decisions; the day's topics are deliberated. */
export async function recordMeeting(ctx: Ctx, dayId: number, input: z.infer<typeof RecordBody>) {
  const day = await lockDay(ctx, dayId, ['scheduled', 'noticed']);
  const topics = await ctx.trx.selectFrom('deliberation_topic').select(['id', 'title']).where('day_id', '=', dayId).orderBy('id').execute();
  if (!topics.length) throw new AppError('DELIBERATION_NO_TOPICS');
  // Minutes are of a meeting that took place: on its day or, brought forward, earlier; never ahead of the clock.
  if (new Date(input.startsAt).getTime() > clockNow().getTime()) throw new AppError('DELIBERATION_MEETING_NOT_HELD');
  const region = await ctx.trx.selectFrom('region').select('name').where('code', '=', day.region_code).executeTakeFirstOrThrow();
  const activityId = await createActivity(ctx, {
    kind: 'deliberation', title: `${region.name}逢四议事:${topics.map((t) => t.title).join(';')}`.slice(0, 200), stationId: null, regionCode: day.region_code,
    campaignId: null, startsAt: new Date(input.startsAt), endsAt: input.endsAt ? new Date(input.endsAt) : null, place: input.place,
    summary: input.minutes.slice(0, 2000), suggestionsMade: 0, participants: input.participants, unitIds: input.unitIds, rotaSlotId: null,
  });
  const now = clockNow();
  await bumpDay(ctx.trx, dayId, { state: 'held', activity_id: activityId, minutes: input.minutes, decisions: JSON.stringify(input.decisions), held_at: now, place: input.place });
  await ctx.trx.updateTable('deliberation_topic').set({ state: 'deliberated', updated_at: now }).where('day_id', '=', dayId).execute();
  await cancelTimers(ctx.trx, dayTimerPrefix(dayId));
  await recordAudit(ctx, { action: 'deliberation.record', entityType: 'deliberation_day', entityId: dayId, before: { state: day.state }, after: { state: 'held', activityId, decisions: input.decisions, unitIds: input.unitIds } });
}

/** Adds an action-plan item to a held (or published) day. */
export async function addDayItem(ctx: Ctx, dayId: number, input: NewItemInput) {
  const day = await lockDay(ctx, dayId, ['held', 'published']);
  const rule = await ruleOf(ctx.trx, day.region_code);
  return addItem(ctx, day, input, rule.itemWorkingDays);
}

/** Publishes the results to the region's deputies (a notification) and on the public pages; the cases the topics came from get a public note. */
export async function publishDay(ctx: Ctx, dayId: number, summary: string) {
  const day = await lockDay(ctx, dayId, ['held']);
  const items = await ctx.trx.selectFrom('deliberation_item').select('id').where('day_id', '=', dayId).limit(1).execute();
  if (!items.length) throw new AppError('DELIBERATION_NO_ITEMS');
  const now = clockNow();
  await bumpDay(ctx.trx, dayId, { state: 'published', summary, published_at: now });
  const region = await ctx.trx.selectFrom('region').select('name').where('code', '=', day.region_code).executeTakeFirstOrThrow();
  await notify(ctx.trx, {
    accountIds: audienceOf(ctx.trx, day, false), kind: 'deliberation.publish', title: `${region.name} ${day.held_on} 逢四议事结果已公布`, body: summary,
    link: `/deliberations/days/${dayId}`, dedupeKey: `deliberation:day:${dayId}:publish`,
  });
  const cases = await ctx.trx.selectFrom('deliberation_topic_case as c').innerJoin('deliberation_topic as t', 't.id', 'c.topic_id').select(['c.case_id', 't.title'])
    .where('t.day_id', '=', dayId).execute();
  for (const c of cases) await noteOnCase(ctx.trx, c.case_id, 'deliberation_published', `${region.name} ${day.held_on} 议事结果:${c.title}`, { link: `/deliberations/${dayId}` }, now);
  await recordAudit(ctx, { action: 'deliberation.publish', entityType: 'deliberation_day', entityId: dayId, before: { state: day.state }, after: { state: 'published', summary } });
}

/** Cancels a day not held yet; its chosen topics go back to the proposed ones. */
export async function cancelDay(ctx: Ctx, dayId: number, comment: string) {
  const day = await lockDay(ctx, dayId, ['scheduled', 'noticed']);
  const now = clockNow();
  await bumpDay(ctx.trx, dayId, { state: 'cancelled', cancelled_at: now, cancel_reason: comment });
  await ctx.trx.updateTable('deliberation_topic').set({ state: 'proposed', day_id: null, updated_at: now }).where('day_id', '=', dayId).execute();
  await cancelTimers(ctx.trx, dayTimerPrefix(dayId));
  await recordAudit(ctx, { action: 'deliberation.cancel', entityType: 'deliberation_day', entityId: dayId, before: { state: day.state }, after: { state: 'cancelled', comment } });
}

export const FeedbackBody = z.object({
  rating: oneOf(['satisfied', 'basically_satisfied', 'unsatisfied']),
  comment: text(500).default(''),
  itemId: z.number().int().positive().optional(),
}).refine((b) => b.rating !== 'unsatisfied' || b.comment.length > 0, { message: 'REQUIRED', path: ['comment'] });

/** A constituent's feedback on a published day (no account): the address is kept only as a salted hash. */
export async function submitFeedback(ctx: WriteContext<PublicActor>, dayId: number, input: z.infer<typeof FeedbackBody>) {
  const day = await ctx.trx.selectFrom('deliberation_day').select(['id', 'state', 'region_code']).where('id', '=', dayId).where('state', '<>', 'cancelled').executeTakeFirst();
  if (!day) throw new AppError('NOT_FOUND');
  if (day.state !== 'published') throw new AppError('DELIBERATION_NOT_PUBLISHED');
  if (input.itemId !== undefined) {
    const item = await ctx.trx.selectFrom('deliberation_item').select('id').where('id', '=', input.itemId).where('day_id', '=', dayId).executeTakeFirst();
    if (!item) throw invalidFields([{ path: 'itemId', code: 'UNKNOWN_REFERENCE' }]);
  }
  const ipHash = ctx.ip ? createHash('sha256').update(`deliberation:${dayId}:${ctx.ip}`).digest('hex') : null;
  const row = await ctx.trx.insertInto('deliberation_feedback').values({
    day_id: dayId, item_id: input.itemId ?? null, rating: input.rating as DeliberationRating, comment: input.comment, ip_hash: ipHash, created_at: clockNow(),
  }).returning('id').executeTakeFirstOrThrow();
  if (input.rating === 'unsatisfied') {
    await notify(ctx.trx, { accountIds: staffOf(ctx.trx, day.region_code), kind: 'deliberation.feedback', title: '群众对议事办理结果不满意', body: input.comment, link: `/deliberations/days/${dayId}` });
  }
  await recordAudit(ctx, { action: 'deliberation.feedback', entityType: 'deliberation_feedback', entityId: row.id, after: { dayId, itemId: input.itemId ?? null, rating: input.rating } });
  return row.id;
}

export const DecideBody = z.object({
  decision: oneOf(['reopen', 'dismiss']), itemId: z.number().int().positive().optional(), comment: requiredText(2000),
});

/** The office decides on a feedback: reopen an item of the day for re-handling (重新办理), or dismiss it with a reason. */
export async function decideFeedback(ctx: Ctx, feedbackId: number, input: z.infer<typeof DecideBody>) {
  const f = await ctx.trx.selectFrom('deliberation_feedback as f').innerJoin('deliberation_day as d', 'd.id', 'f.day_id')
    .select(['f.id', 'f.day_id', 'f.item_id', 'f.decision', 'f.rating']).where('f.id', '=', feedbackId)
    .where(regionManageable(ctx.actor, ref('d.region_path'))).forUpdate('f').executeTakeFirst();
  if (!f) throw new AppError('NOT_FOUND');
  if (f.decision !== null) throw new AppError('DELIBERATION_FEEDBACK_DECIDED');
  const itemId = input.itemId ?? f.item_id;
  if (input.decision === 'reopen') {
    if (itemId === null || itemId === undefined) throw invalidFields([{ path: 'itemId', code: 'REQUIRED' }]);
    const item = await ctx.trx.selectFrom('deliberation_item').select('id').where('id', '=', itemId).where('day_id', '=', f.day_id).executeTakeFirst();
    if (!item) throw invalidFields([{ path: 'itemId', code: 'UNKNOWN_REFERENCE' }]);
    await takeItemAction(ctx, itemId, { action: 'reopen', comment: input.comment, feedbackId });
  }
  await ctx.trx.updateTable('deliberation_feedback').set({
    decision: input.decision, decided_at: clockNow(), decided_by_account_id: ctx.actor.accountId || null, decision_note: input.comment,
    ...(input.decision === 'reopen' ? { item_id: itemId! } : {}),
  }).where('id', '=', feedbackId).execute();
  await recordAudit(ctx, { action: 'deliberation.feedback_decide', entityType: 'deliberation_feedback', entityId: feedbackId, after: { ...input, itemId } });
}

