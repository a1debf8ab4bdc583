import { sql, type Kysely } from 'kysely';
import { ANSWER_MODES, CASE_STATE_LABELS } from '../../../common/caseVocabulary.js';
import type { DB } from '../../platform/db/schema.js';
import { fixedStatement } from '../../platform/db/fixedStatement.js';
import { containsText, likeText, prefixPattern } from '../../platform/db/sql.js';
import { DEADLINE_RECOMPUTED, PUBLIC_COMMENTS, RATING_WINDOW_DAYS } from './effects.js';
import { allowedActions, CASE_RULES, CASE_STATES, OPEN_STATES, type CaseAction, type CaseState } from './workflow.js';
import { maskPhone } from '../../platform/text/phone.js';
import { normaliseTrackingCode, queryKeyMatches } from './trackingCode.js';
import { accessKeyOpens, LOOKUP_MAX_TOTAL_FAILURES, unlockByLink } from './lookup.js';
import { nowMs, now } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { withStoredBytes } from '../../platform/files/index.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Role } from '../../../common/enums.js';
import type { Filter } from '../../platform/access/scope.js';
import { addDays as addCivilDays, endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import type { CaseChannel, Rating } from '../../../common/caseVocabulary.js';
import { onCaseSide, caseActorOf, caseContactVisible, caseColumns, caseVisible } from './access.js';
import { caseScopeSize } from './scopeSize.js';
import { DIRECT_INDEX, rareTerm } from './searchPlan.js';
import { contactRevealableExpr } from './contact.js';
import { approvedReplyOf, caseReply, publicReply, REPLY_ACTIONS } from './replyAttachments.js';
import { CASE_NOTES, isCaseNote, noteLink } from './caseNotes.js';
import { regionPathOf } from '../../platform/regions/filters.js';
import { caseClockFacts } from './clocks.js';
import { pathCodes } from '../../platform/regions/regionPath.js';
import { rulesInForce, type RuleDays } from './clocks.js';
import { loadCalendar } from '../calendar/index.js';
import { shanghaiDate, WorkingCalendar, type CalendarDay } from '../../platform/calendar/workingDays.js';
import { maskName } from '../../platform/text/personName.js';


function actionLabel(action: string) {
  if (action === 'submit') return { zh: '提交意见', en: 'Submitted' };
  if (action === 'hand_over') return { zh: '换届移交', en: 'Handed over at the election' };
  if (action === DEADLINE_RECOMPUTED) return { zh: '办理期限重算', en: 'Deadline recomputed' };
  if (isCaseNote(action)) return CASE_NOTES[action];
  return CASE_RULES[action as CaseAction]?.label ?? { zh: action, en: action };
}

/**
 * Past its deadline now, by the server's clock (read at each call, not when the module loads); a pause for
 * an extension decision stops the clock only if it began before the deadline.
 */
export const overdueExpr = (at: Date = now()) => sql<boolean>`(o.state in ('assigned', 'in_progress', 'extension_requested') and o.deadline_at < ${at} and (o.paused_at is null or o.deadline_at < o.paused_at))`;

/**
 * How many working days an overdue case is past its last day: the working days after the last day
 * up to today (or up to the day its clock stopped for an extension decision), by the calendar.
 * Null when the case is not overdue; 0 when it is, but no working day has passed yet (a weekend).
 */
export function overdueWorkingDays(
  calendar: WorkingCalendar, c: { overdue: boolean; deadline_date: string | null; paused_at: Date | null }, at: Date = now(),
): number | null {
  if (!c.overdue || !c.deadline_date) return null;
  const until = shanghaiDate(c.paused_at && c.paused_at < at ? c.paused_at : at);
  return Math.max(0, calendar.workingDaysBetween(c.deadline_date, until));
}

/** The actions offered on a case: the rule table's, with only the applicable one of flag and unflag for key supervision. */
export function offeredActions(state: CaseState, actorKind: Parameters<typeof allowedActions>[1] | null, keySupervision: boolean): CaseAction[] {
  if (!actorKind) return [];
  return allowedActions(state, actorKind).filter((a) => (keySupervision ? a !== 'flag_key' : a !== 'unflag_key'));
}

/** The unit and the deadline a timeline event names, from its stored data. */
function eventFacts(data: unknown, units: Map<number, string>) {
  const d = (data ?? {}) as { unitId?: unknown; deadlineDate?: unknown; deadlineDays?: unknown; grantedDays?: unknown; days?: unknown };
  const unitId = typeof d.unitId === 'number' ? d.unitId : null;
  return {
    unit: unitId !== null ? { id: unitId, name: units.get(unitId) ?? '' } : null,
    deadlineDate: typeof d.deadlineDate === 'string' ? d.deadlineDate : null,
    deadlineDays: typeof d.deadlineDays === 'number' ? d.deadlineDays : typeof d.days === 'number' ? d.days : typeof d.grantedDays === 'number' ? d.grantedDays : null,
  };
}

/** The side a case belongs to at a cross-province station (null elsewhere): its region and whether it is the station's home side. */
const sideOf = sql<{ code: string; name: string; home: boolean } | null>`(select json_build_object('code', sr.region_code, 'name', sr.full_name, 'home', sr.is_home)
  from (select x.region_code, x.is_home, g.full_name from station_region x join region g on g.code = x.region_code
        where x.station_id = o.station_id and x.region_path = o.side_path) sr)`;

/**
 * The deepest region rule along a case's region path for its category (null: the category's
 * default), as `rulesInForce` chooses it.
 */
const regionRuleOf = sql<{ deadlineDays: number; maxDays: number; signDays: number; fromRegion: string } | null>`(select
    json_build_object('deadlineDays', cr.deadline_days, 'maxDays', cr.max_days, 'signDays', cr.sign_days, 'fromRegion', cr.region_code)
  from case_category_rule cr
  where cr.category_id = o.category_id and cr.region_code = any(string_to_array(o.region_path, '.'))
  order by array_position(string_to_array(o.region_path, '.'), cr.region_code) desc limit 1)`;

/** A case's events as JSON rows (the columns of `opinion_event`, `at` as ISO text), with the name of the unit an event names. */
const eventsOf = sql<{
  id: number; at: string; actor_name: string; actor_kind: string; action: string; from_state: string | null; to_state: string;
  comment: string | null; public: boolean; data: unknown; unit_name: string | null;
}[]>`coalesce((select json_agg(json_build_object('id', e.id, 'at', e.at, 'actor_name', e.actor_name, 'actor_kind', e.actor_kind,
    'action', e.action, 'from_state', e.from_state, 'to_state', e.to_state, 'comment', e.comment, 'public', e.public, 'data', e.data,
    'unit_name', eu.name) order by e.id)
  from opinion_event e
  left join unit eu on eu.id = (case when jsonb_typeof(e.data->'unitId') = 'number' and e.data->>'unitId' ~ '^[0-9]{1,9}$' then (e.data->>'unitId')::int end)
  where e.opinion_id = o.id), '[]')`;

/** The files of a case's latest reply. */
const replyFilesOf = sql<{ id: number; name: string; mime: string; size: number; public: boolean }[]>`coalesce((select
    json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime, 'size', f.size, 'public', f.public) order by f.id)
  from opinion_reply_attachment f
  where f.opinion_id = o.id and f.event_id = (select max(re.id) from opinion_event re where re.opinion_id = o.id and re.action = 'reply')), '[]')`;

/** The values of a case page's statement: the case, the clock, and the reader's own (the reader's role fixes the text). */
type CaseStatementValues = { id: number; at: Date } & Omit<Actor, 'kind' | 'role'>;

/**
 * A case as its page shows it, in one statement: the case, its events, photos, co-units, the rule
 * its clocks follow, its latest reply's files and, when it is overdue, the working calendar. The
 * reader's access is written into it by role, with the reader's values as parameters, so it is
 * compiled once per role.
 */
const caseStatementOf = (role: Role) => fixedStatement((db: Kysely<DB>, v: CaseStatementValues) => {
  const actor: Actor = {
    kind: 'account', role, accountId: v.accountId, username: v.username, displayName: v.displayName, regionCode: v.regionCode,
    scopePath: v.scopePath, deputyId: v.deputyId, unitId: v.unitId, mustChangePassword: v.mustChangePassword,
  };
  return db.selectFrom('opinion as o')
    .innerJoin('case_category as c', 'c.id', 'o.category_id')
    .innerJoin('station as s', 's.id', 'o.station_id')
    .innerJoin('region as r', 'r.code', 'o.region_code')
    .leftJoin('deputy as d', 'd.id', 'o.deputy_id')
    .leftJoin('unit as u', 'u.id', 'o.assigned_unit_id')
    .leftJoin('opinion as m', 'm.id', 'o.merged_into_id')
    .leftJoin('region as pr', 'pr.code', 'o.place_region_code')
    // The columns the page uses, not `o.*`: a case has some 70, and each one sent is described,
    // sent and parsed at every page (measured: 0.03 ms of node's CPU and 0.015 ms of the server's
    // per page for the 28 the page does not use).
    .select([
      'o.id', 'o.tracking_code', 'o.state', 'o.channel', 'o.category_id', 'o.station_id', 'o.deputy_id', 'o.region_code', 'o.region_path',
      'o.side_path', 'o.content', 'o.place', 'o.place_region_code', 'o.submitter_name', 'o.submitter_phone', 'o.submitted_at',
      'o.assigned_unit_id', 'o.deadline_days', 'o.deadline_date', 'o.deadline_at', 'o.deadline_provisional', 'o.paused_at',
      'o.signed_late', 'o.replied_on_time', 'o.handling_working_days', 'o.answer_mode', 'o.rating', 'o.round', 'o.key_supervision',
      'o.urge_count', 'o.merged_into_id', 'o.closed_at', 'o.close_reason', 'o.version', 'o.accepted_at', 'o.assigned_at',
      'o.transfer_minutes', 'o.transferred_within_24h', 'o.sign_due_date', 'o.sign_due_at', 'o.signed_at', 'o.signed_on_time',
      'o.sign_overdue_at',
    ])
    .select([
      'pr.name as place_region_name', 'pr.full_name as place_region_full_name', sideOf.as('side'),
      'c.name as category_name', 's.name as station_name', 'r.name as region_name', 'd.name as deputy_name', 'u.name as unit_name',
      'm.tracking_code as merged_into_code',
      caseContactVisible(actor, caseColumns('o')).as('contact_entitled'),
      contactRevealableExpr(actor).as('contact_revealable'),
      overdueExpr(v.at).as('overdue'),
      'c.deadline_days as category_deadline_days', 'c.max_days as category_max_days', 'c.sign_days as category_sign_days',
      regionRuleOf.as('region_rule'),
      eventsOf.as('events'),
      sql<{ id: number; mime: string; size: number }[]>`coalesce((select json_agg(json_build_object('id', p.id, 'mime', p.mime, 'size', p.size) order by p.id)
        from opinion_photo p where p.opinion_id = o.id), '[]')`.as('photos'),
      sql<{ id: number; name: string }[]>`coalesce((select json_agg(json_build_object('id', cu.id, 'name', cu.name) order by cu.id)
        from unit cu where cu.id = any(o.co_unit_ids)), '[]')`.as('co_units'),
      replyFilesOf.as('reply_files'),
      sql<CalendarDay[] | null>`(case when ${overdueExpr(v.at)} then coalesce((select json_agg(json_build_object('date', h.date, 'kind', h.kind)) from holiday h), '[]') end)`.as('holidays'),
      sql<number[] | null>`(case when ${overdueExpr(v.at)} then coalesce((select json_agg(hy.year) from holiday_year hy), '[]') end)`.as('holiday_years'),
    ])
    .where('o.id', '=', v.id)
    .where(caseVisible(actor, caseColumns('o')));
});
const CASE_STATEMENTS = new Map<Role, ReturnType<typeof caseStatementOf>>();

export async function getCase(db: Kysely<DB>, actor: Actor, id: number) {
  let statement = CASE_STATEMENTS.get(actor.role);
  if (!statement) CASE_STATEMENTS.set(actor.role, (statement = caseStatementOf(actor.role)));
  const { kind: _kind, role: _role, ...reader } = actor;
  const [row] = await statement(db, { id, at: now(), ...reader });
  if (!row) throw new AppError('NOT_FOUND');
  const events = row.events.map((e) => ({ ...e, at: new Date(e.at) }));
  const photos = row.photos;
  const coUnits = row.co_units;
  const entitled = Boolean(row.contact_entitled);
  const actorKind = caseActorOf(actor, row);
  const overdue = Boolean(row.overdue);
  const calendar = overdue && row.holidays && row.holiday_years ? new WorkingCalendar(row.holidays, row.holiday_years) : null;
  const rule = row.region_rule ?? { deadlineDays: row.category_deadline_days, maxDays: row.category_max_days, signDays: row.category_sign_days, fromRegion: null };
  const unitNames = new Map<number, string>();
  for (const e of events) {
    const unitId = (e.data as { unitId?: unknown } | null)?.unitId;
    if (typeof unitId === 'number' && e.unit_name !== null) unitNames.set(unitId, e.unit_name);
  }
  const offered = offeredActions(row.state, actorKind, row.key_supervision);
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    state: row.state,
    stateLabel: CASE_STATE_LABELS.labels[row.state],
    channel: row.channel,
    category: { id: row.category_id, name: row.category_name },
    station: { id: row.station_id, name: row.station_name },
    deputy: row.deputy_id ? { id: row.deputy_id, name: row.deputy_name ?? '' } : null,
    region: { code: row.region_code, name: row.region_name },
    content: row.content,
    place: row.place,
    placeRegion: row.place_region_code ? { code: row.place_region_code, name: row.place_region_name ?? '', fullName: row.place_region_full_name ?? '' } : null,
    side: row.side ? { ...row.side, canAct: actor.role !== 'staff' || onCaseSide(actor.scopePath!, row.side_path) } : null,
    submitter: {
      name: entitled ? row.submitter_name : maskName(row.submitter_name),
      phone: entitled ? row.submitter_phone : maskPhone(row.submitter_phone),
      masked: !entitled,
    },
    photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: p.size, url: `/api/cases/${row.id}/photos/${p.id}` })),
    submittedAt: row.submitted_at.toISOString(),
    unit: row.assigned_unit_id ? { id: row.assigned_unit_id, name: row.unit_name ?? '' } : null,
    coUnits,
    deadlineDays: row.deadline_days,
    deadlineDate: row.deadline_date,
    deadlineAt: row.deadline_at?.toISOString() ?? null,
    deadlineProvisional: row.deadline_date !== null && row.deadline_provisional,
    overdue,
    overdueWorkingDays: calendar ? overdueWorkingDays(calendar, { overdue, deadline_date: row.deadline_date, paused_at: row.paused_at }) : null,
    signedLate: row.signed_late,
    clocks: caseClockFacts(rule, row),
    repliedOnTime: row.replied_on_time,
    handlingWorkingDays: row.handling_working_days,
    answerMode: row.answer_mode,
    rating: row.rating,
    round: row.round,
    keySupervision: row.key_supervision,
    urgeCount: row.urge_count,
    mergedInto: row.merged_into_id ? { id: row.merged_into_id, trackingCode: row.merged_into_code ?? '' } : null,
    closedAt: row.closed_at?.toISOString() ?? null,
    closeReason: row.close_reason,
    version: row.version,
    reply: caseReply(row.id, events, row.reply_files),
    contactRevealable: !entitled && Boolean(row.contact_revealable),
    timeline: events.map((e) => ({
      at: e.at.toISOString(), actorName: e.actor_name, actorKind: e.actor_kind, action: e.action, label: actionLabel(e.action),
      fromState: e.from_state, toState: e.to_state, comment: e.comment, public: e.public, data: e.data, ...eventFacts(e.data, unitNames),
    })),
    abilities: offered,
    actions: offered
      .map((a) => ({ action: a, label: CASE_RULES[a].label, needsComment: Boolean(CASE_RULES[a].needsComment) })),
  };
}

export interface CaseFilters {
  state?: CaseState;
  open?: boolean;
  stationId?: number;
  unitId?: number;
  categoryId?: number;
  regionCode?: string;
  overdue?: boolean;
  keySupervision?: boolean;
  q?: string;
  channel?: CaseChannel;
  deputyId?: number;
  /** Submitted on or after this day, and on or before `to` (YYYY-MM-DD, Asia/Shanghai). */
  from?: string;
  to?: string;
  /** The constituent's rating, or `none` for cases not rated. */
  rating?: Rating | 'none';
  /** With the total of matching cases (`total`); without, `total` is null. */
  count?: boolean;
  /** A page number (from 1) instead of a cursor: jumps by offset, for the back office's numbered pages. */
  page?: number;
  /** `newest` first (the default), or the nearest `deadline` first, cases without one last. */
  sort?: 'newest' | 'deadline';
  limit: number;
  cursor?: string;
}

/** A deadline-order cursor: the last row's deadline (null: none) and id. */
const isDeadlineCursor = (v: unknown): v is [string | null, number] =>
  Array.isArray(v) && v.length === 2 && (v[0] === null || (typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])))) && Number.isInteger(v[1]);
const deadlineKey = sql<Date>`coalesce(o.deadline_at, 'infinity'::timestamptz)`;
/** Declined, merged, closed, archived: every state that is not open. */
const ENDED_STATES = CASE_STATES.filter((s) => !OPEN_STATES.includes(s));

/**
 * How a wide reader's word search chooses its plan: `walk`, how many of the newest cases in reach
 * it reads before it turns to the index; `direct`, when the index is read at once (`rareTerm`).
 */
export interface SearchPlan { walk: number; direct: number }
const SEARCH_PLAN: SearchPlan = { walk: 5_000, direct: DIRECT_INDEX };

/**
 * The work queue: cases in reach, newest first or nearest deadline first, keyset-paged. `narrow`
 * forces the plan (sorting the cases found through the reader's own index, or walking the
 * primary key); by default the size of the reader's scope chooses it. Both give the same page.
 */
export async function listCases(
  db: Kysely<DB>, actor: Actor, f: CaseFilters, extra: Filter | null = null, narrow?: boolean, plan = SEARCH_PLAN,
) {
  const searchWalk = plan.walk;
  const byDeadline = f.sort === 'deadline';
  const before = byDeadline ? null : decodeCursor(f.cursor, isIdCursor);
  const afterDeadline = byDeadline ? decodeCursor(f.cursor, isDeadlineCursor) : null;
  const scope = await caseScopeSize(db, actor);
  narrow ??= scope.narrow;
  let q = db.selectFrom('opinion as o')
    .innerJoin('case_category as c', 'c.id', 'o.category_id')
    .innerJoin('station as s', 's.id', 'o.station_id')
    .leftJoin('unit as u', 'u.id', 'o.assigned_unit_id')
    .select([
      'o.id', 'o.tracking_code', 'o.state', 'o.channel', 'o.content', 'o.submitted_at', 'o.deadline_at', 'o.key_supervision',
      'o.urge_count', 'o.round', 'o.deadline_provisional', 'o.deadline_date', 'o.paused_at', 'o.rating', 'c.name as category_name', 's.name as station_name', 'u.name as unit_name', overdueExpr().as('overdue'),
    ])
    .select(['o.assigned_unit_id', 'o.region_path', 'o.side_path', sql<number | null>`${f.count ? sql`count(*) over ()` : sql`null`}::int`.as('total')])
    .where(caseVisible(actor, caseColumns('o')))
    .limit(f.limit + 1);
  if (byDeadline) {
    q = q.orderBy(deadlineKey).orderBy('o.id');
    if (afterDeadline) {
      const [deadline, id] = afterDeadline;
      q = q.where(sql<boolean>`(${deadlineKey}, o.id) > (${deadline === null ? 'infinity' : deadline}::timestamptz, ${id})`);
    }
  } else {
    // A narrow reader reaches a small part of the cases through an index of its own (scope
    // paths, unit, station): `id + 0` keeps the planner from walking the whole primary key
    // backwards in search of them, and sorts the few it finds instead (measured: 130 ms → 7 ms).
    // Readers who reach a large share (administrators, a province's or a city's staff) find
    // their first page after a short walk, where sorting would read all their cases.
    q = q.orderBy(narrow ? sql`o.id + 0` : sql`o.id`, 'desc');
  }
  if (f.state) q = q.where('o.state', '=', f.state);
  if (f.open) {
    // Two spellings of one filter, for the planner. Listing the open states matches the partial
    // index of open cases by deadline (migration 0011), from which a wide reader's first page by
    // deadline is read (657 ms → 7 ms for an administrator over a million cases). Naming the ended
    // states instead keeps the planner off that index for narrow readers, whose few cases come
    // from their own index and sort fast: with it, it combined both indexes (9 ms → 62 ms).
    q = byDeadline && !narrow ? q.where('o.state', 'in', OPEN_STATES) : q.where('o.state', 'not in', ENDED_STATES);
  }
  if (f.stationId) q = q.where('o.station_id', '=', f.stationId);
  if (f.unitId) q = q.where('o.assigned_unit_id', '=', f.unitId);
  if (f.categoryId) q = q.where('o.category_id', '=', f.categoryId);
  if (f.regionCode) q = q.where('o.region_path', 'like', prefixPattern(await regionPathOf(db, f.regionCode)));
  if (f.overdue !== undefined) q = q.where(f.overdue ? overdueExpr() : sql<boolean>`not ${overdueExpr()}`);
  if (f.keySupervision !== undefined) q = q.where('o.key_supervision', '=', f.keySupervision);
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  if (f.deputyId) q = q.where(sql<boolean>`coalesce(o.holder_deputy_id, o.deputy_id) = ${f.deputyId}`);
  if (f.from) q = q.where('o.submitted_at', '>=', endOfShanghaiDay(addCivilDays(f.from, -1)));
  if (f.to) q = q.where('o.submitted_at', '<', endOfShanghaiDay(f.to));
  if (f.rating) q = f.rating === 'none' ? q.where('o.rating', 'is', null) : q.where('o.rating', '=', f.rating);
  if (extra) q = q.where(extra);
  if (f.page && f.page > 1 && before === null && afterDeadline === null) q = q.offset((f.page - 1) * f.limit);
  const code = f.q ? normaliseTrackingCode(f.q) : null;
  const word = f.q && !code ? f.q : null;
  if (code) q = q.where('o.tracking_code', '=', code);
  if (before !== null) q = q.where('o.id', '<', before);
  let rows: Awaited<ReturnType<typeof q.execute>>;
  // A term the statistics show to be rare among all the cases is looked up in the index at once.
  if (word !== null && !narrow && !byDeadline && !f.count && !(f.page && f.page > 1) && !(await rareTerm(db, word, plan.direct))) {
    // A wide reader's word search, newest first. How common the term is decides the plan, and
    // the planner guesses it badly: the grams of a phrase come together, so it takes a common
    // phrase for a rare one and reads every match through the index (a 4-character phrase in
    // 2.5 % of 5 million cases: 44 s), and a place name common in one county's cases is common
    // in the index but rare among the newest. So the newest cases in reach are searched first by
    // walking the primary key: about `searchWalk` of them, then, while each stretch found some
    // matches but not a page, stretches four times longer, up to 16 × `searchWalk`. A term
    // those hold too few of (none in a stretch, or too few at the rate found so far to fill the
    // page, judged from the second stretch on) is looked up in the index, for the older cases. The page is the
    // same: every match found in a stretch is newer than any found after it.
    const perCase = 1 / Math.max(scope.share, 1 / 1_000_000);
    let top = before ?? Number.MAX_SAFE_INTEGER;
    rows = [];
    let walked = 0;
    for (let stretch = searchWalk; ; stretch *= 4) {
      // The stretch ends so many cases below `top`, counted on the primary key, or takes in all
      // below: counted in ids, the ids left unused by rolled-back writes would shorten it (a gap
      // of 24 000 made the first two stretches empty and sent a common word to the index: 22 s).
      const last = await db.selectFrom('opinion').select('id').where('id', '<', top).orderBy('id', 'desc')
        .offset(Math.ceil(stretch * perCase) - 1).limit(1).executeTakeFirst();
      const bound = last ? last.id - 1 : 0;
      // The bounds are written in as literals, as the term is: prepared, the statement would get
      // a generic plan after five runs, made without them, which read the whole scope's index
      // and kept the stretch's ids (5 000 cases: 3 ms planned for them, 250 ms generic).
      const found = await q.where('o.id', '>', sql.lit(bound)).where('o.id', '<', sql.lit(top)).where(likeText(sql.ref('o.content'), word)).limit(f.limit + 1 - rows.length).execute();
      rows = rows.concat(found);
      if (rows.length > f.limit || bound <= 0) break;
      top = bound + 1;
      walked += stretch;
      // At the rate found so far, the stretches left would not fill the page: the index it is.
      const expected = (rows.length / walked) * (21 * searchWalk - walked);
      if (stretch >= 16 * searchWalk || (stretch > searchWalk && (found.length === 0 || 2 * expected < f.limit + 1 - rows.length))) {
        rows = rows.concat(await q.where('o.id', '<', sql.lit(top)).where(containsText(sql.ref('o.content'), word)).limit(f.limit + 1 - rows.length).execute());
        break;
      }
    }
  } else {
    rows = await (word !== null ? q.where(containsText(sql.ref('o.content'), word)) : q).execute();
  }
  // The calendar is read only when a row needs it, to count the working days past a deadline.
  const calendar = rows.some((r) => r.overdue) ? await loadCalendar(db) : null;
  const key = byDeadline ? (r: (typeof rows)[number]) => [r.deadline_at?.toISOString() ?? null, r.id] : (r: (typeof rows)[number]) => r.id;
  /** What the reader may do on each case now (the batch actions and the actions column use it). */
  const rowActions = (r: (typeof rows)[number]) => {
    const kind = caseActorOf(actor, r);
    return kind ? allowedActions(r.state, kind) : [];
  };
  const total = f.count ? (rows[0]?.total ?? (f.page && f.page > 1 ? null : 0)) : null;
  const page = toPage(rows, f.limit, key, (r) => ({
    abilities: rowActions(r),
    content: r.content.length > 500 ? `${r.content.slice(0, 500)}…` : r.content,
    id: r.id, trackingCode: r.tracking_code, state: r.state, stateLabel: CASE_STATE_LABELS.labels[r.state], channel: r.channel,
    summary: r.content.length > 80 ? `${r.content.slice(0, 80)}…` : r.content, category: r.category_name, station: r.station_name,
    unit: r.unit_name, submittedAt: r.submitted_at.toISOString(), deadlineDate: r.deadline_date, deadlineAt: r.deadline_at?.toISOString() ?? null,
    deadlineProvisional: r.deadline_at !== null && r.deadline_provisional,
    overdue: Boolean(r.overdue),
    overdueWorkingDays: calendar ? overdueWorkingDays(calendar, { overdue: Boolean(r.overdue), deadline_date: r.deadline_date, paused_at: r.paused_at }) : null,
    rating: r.rating, keySupervision: r.key_supervision, urgeCount: r.urge_count, round: r.round,
  }));
  return { ...page, total };
}

/**
 * The case a tracking code and a key open: the query key of the full link, or a key a look-up or
 * a notice handed out, while it lasts (lookup.ts). `byLink`: the key was a link's (the receipt's
 * or the texted one). Anything else is NOT_FOUND.
 */
export async function findByTrackingKey(db: Kysely<DB>, code: string, key: string): Promise<{ id: number; trackingCode: string; byLink: boolean }> {
  const found = await findPublicCase(db, code, key);
  return { id: found.id, trackingCode: found.tracking_code, byLink: found.byLink };
}

/**
 * `findByTrackingKey` with what the tracking page shows of the case, in one statement;
 * `lookupLocked`: look-ups of the code are locked by failures (a link's key unlocks them).
 */
/**
 * The public events of a case and of the one it was merged into, with the reply events of the
 * one whose answers it shows (to find its approved reply), as JSON rows in their order (`at` as ISO text).
 */
const publicEventsOf = sql<{
  id: number; opinion_id: number; at: string; action: string; to_state: string; comment: string | null; data: unknown; public: boolean; unit_name: string | null;
}[]>`coalesce((select json_agg(json_build_object('id', e.id, 'opinion_id', e.opinion_id, 'at', e.at, 'action', e.action, 'to_state', e.to_state,
    'comment', e.comment, 'data', e.data, 'public', e.public, 'unit_name', u.name) order by e.id)
  from opinion_event e left join unit u on u.id = (e.data->>'unitId')::int
  where e.opinion_id in (o.id, coalesce(o.merged_into_id, o.id))
    and (e.public = true or (e.opinion_id = coalesce(o.merged_into_id, o.id) and e.action in (${sql.join([...REPLY_ACTIONS])})))), '[]')`;

/** A case by its tracking code, with or without its public events; on every tracking page, so compiled once each. */
const publicCaseOf = (events: boolean) => fixedStatement((db: Kysely<DB>, v: { code: string }) => db.selectFrom('opinion as o')
  .innerJoin('case_category as c', 'c.id', 'o.category_id').innerJoin('station as s', 's.id', 'o.station_id')
  .select(['o.id', 'o.tracking_code', 'o.query_key_hash', 'o.state', 'o.submitted_at', 'o.answered_at', 'o.rating', 'o.merged_into_id', 'c.name as category', 's.name as station'])
  .select((eb) => eb.exists(eb.selectFrom('opinion_lookup_guard as g').select('g.code').whereRef('g.code', '=', 'o.tracking_code')
    .where('g.failures', '>', 0).where('g.total_failures', '<', LOOKUP_MAX_TOTAL_FAILURES)).as('lookup_locked'))
  .select(events ? publicEventsOf.as('events') : sql<null>`null`.as('events'))
  .where('o.tracking_code', '=', v.code));
const PUBLIC_CASE = { withEvents: publicCaseOf(true), alone: publicCaseOf(false) };

/** The case of a tracking code opened by `key`; with `events`, its public events read in the same statement. */
async function findPublicCase(db: Kysely<DB>, code: string, key: string, events = false) {
  const normalised = normaliseTrackingCode(code);
  const row = normalised ? (await PUBLIC_CASE[events ? 'withEvents' : 'alone'](db, { code: normalised }))[0] : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const fullKey = queryKeyMatches(key, row.query_key_hash);
  const handedOut = fullKey ? null : await accessKeyOpens(db, row.id, key);
  if (!fullKey && !handedOut) throw new AppError('NOT_FOUND');
  // The receipt's link and the texted link prove the submitter; a look-up's key only opens the case.
  return { ...row, byLink: fullKey || handedOut === 'notice' };
}

/**
 * A case as its submitter sees it with the tracking code and the key: status, public timeline
 * and answers — no one's personal data. A wrong key answers exactly like an unknown code.
 * A merged case shows the answers of the case it was merged into. Opening it with a link's key
 * unlocks look-ups of the code locked by failures (`unlockByLink`, from the caller's address `ip`).
 */
export async function getPublicCase(db: Kysely<DB>, code: string, key: string, ip?: string | null) {
  const row = await findPublicCase(db, code, key, true);
  if (ip !== undefined && row.byLink && row.lookup_locked) await unlockByLink(db, row.tracking_code, row.id, ip);
  const answerSource = row.merged_into_id ?? row.id;
  const events = (row.events ?? []).map((e) => ({ ...e, at: new Date(e.at) }));
  const own = events.filter((e) => e.opinion_id === row.id && e.public);
  const answers = events.filter((e) => e.opinion_id === answerSource && e.public && (e.action === 'answer' || e.action === 'answer_on_spot'));
  const reply = approvedReplyOf(events.filter((e) => e.opinion_id === answerSource).map((e) => ({ ...e, id: Number(e.id) })));
  const ratingOpen = row.state === 'answered' && row.answered_at !== null
    && nowMs() - row.answered_at.getTime() <= RATING_WINDOW_DAYS * 86_400_000;
  return {
    trackingCode: row.tracking_code,
    state: row.state,
    stateLabel: CASE_STATE_LABELS.labels[row.state],
    category: row.category,
    station: row.station,
    submittedAt: row.submitted_at.toISOString(),
    timeline: own.map((e) => ({
      at: e.at.toISOString(), action: e.action, label: actionLabel(e.action), toState: e.to_state,
      note: PUBLIC_COMMENTS.has(e.action as CaseAction) || isCaseNote(e.action) ? e.comment : e.action === 'assign' ? e.unit_name : null,
      suggestionId: isCaseNote(e.action) ? Number((e.data as { suggestionId?: number }).suggestionId) || null : null,
      link: isCaseNote(e.action) ? noteLink(e.data) : null,
    })),
    answers: answers.map((e) => {
      const mode = (e.data as { mode?: keyof typeof ANSWER_MODES.labels }).mode;
      return { at: e.at.toISOString(), text: e.comment ?? '', mode: mode ?? null };
    }),
    rating: row.rating,
    canRate: ratingOpen,
    mergedInto: row.merged_into_id !== null,
    ...await publicReply(db, answerSource, row.tracking_code, reply),
  };
}

/** The active case categories with their working-day deadlines, in their order. */
/**
 * The active categories with their working days: the defaults, or with `stationId` the rules in
 * force for a case at that station (its home region's own rules win), which the submit page
 * shows as the expected answer time.
 */
export async function listCaseCategories(db: Kysely<DB>, stationId?: number) {
  const rows = await db.selectFrom('case_category').selectAll().where('active', '=', true).orderBy('sort').execute();
  const home = stationId === undefined ? undefined : await db.selectFrom('station_region').select('region_path')
    .where('station_id', '=', stationId).where('is_home', '=', true).executeTakeFirst();
  const rules = home ? await rulesInForce(db, rows.map((c) => c.id), pathCodes(home.region_path)) : new Map<number, RuleDays>();
  return rows.map((c) => {
    const rule = rules.get(c.id);
    return {
      id: c.id, code: c.code, name: c.name, nameEn: c.name_en,
      deadlineDays: rule?.deadlineDays ?? c.deadline_days, maxDays: rule?.maxDays ?? c.max_days, signDays: rule?.signDays ?? c.sign_days,
    };
  });
}

/** A photo of a case the reader can see; NOT_FOUND otherwise. */
export async function getCasePhoto(db: Kysely<DB>, actor: Actor, caseId: number, photoId: number) {
  const photo = await db.selectFrom('opinion_photo as p').innerJoin('opinion as o', 'o.id', 'p.opinion_id')
    .select(['p.mime', 'p.sha256']).where('p.id', '=', photoId).where('o.id', '=', caseId)
    .where(caseVisible(actor, caseColumns('o'))).executeTakeFirst();
  if (!photo) throw new AppError('NOT_FOUND');
  return withStoredBytes(photo);
}
