/**
 * Reading suggestions and motions: the list (in the reader's reach, filtered, paged) and one
 * suggestion with everything recorded about it, the reader's part and the actions offered.
 * The reach is `suggestionVisible`, inside the SQL of every query.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DeputyLevel } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { SuggestionKind } from '../../platform/db/schemaSuggestions.js';
import type { Actor } from '../../platform/access/actor.js';
import { deputyContactVisible, type Filter } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { withStoredBytes } from '../../platform/files/index.js';
import { today } from '../../platform/clock.js';
import { containsPattern, prefixPattern } from '../../platform/db/sql.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { regionPathOf } from '../../platform/regions/filters.js';
import { caseColumns, caseVisible } from '../cases/index.js';
import { suggestionActorOf, suggestionColumns, suggestionPublic, suggestionVisible } from './access.js';
import { actionChoices, congressName, eventLabel, excerpt, offeredActions } from './presenter.js';
import { HANDLING_STATES, SUGGESTION_STATE_LABELS, type SuggestionState } from './workflow.js';

/** Past its deadline: units hold it and the last day has gone by (Asia/Shanghai). */
export const overdueExpr = () =>
  sql<boolean>`(s.state in (${sql.join(HANDLING_STATES)}) and s.deadline_date < ${today()})`;

export interface SuggestionFilters {
  state?: SuggestionState | undefined;
  kind?: SuggestionKind | undefined;
  /** The congress's level. */
  level?: DeputyLevel | undefined;
  /** The region the suggestion concerns, with every region inside it. */
  regionCode?: string | undefined;
  categoryId?: number | undefined;
  /** Assigned to this unit, as lead or co-unit. */
  unitId?: number | undefined;
  /** Signed by this deputy, as lead or co-signer (not one who declined). */
  deputyId?: number | undefined;
  termId?: number | undefined;
  sessionId?: number | undefined;
  keyOnly?: boolean | undefined;
  overdue?: boolean | undefined;
  /** Words of the title, or of the number. */
  q?: string | undefined;
  /** Grown from this case, or this activity. */
  caseId?: number | undefined;
  activityId?: number | undefined;
  /** The reader's own: a deputy's as lead, a unit's as lead unit, a staff member's congress's. */
  mine?: boolean | undefined;
}

export interface SuggestionPaging {
  limit: number;
  cursor?: string | undefined;
  /** A page number (from 1) instead of a cursor. */
  page?: number | undefined;
  /** `newest` first (the default), or the nearest deadline first, those without one last. */
  sort?: 'newest' | 'deadline' | undefined;
  /** With the total that match (a count over every match: the screen's list wants it, an export or a to-do list does not). */
  count?: boolean | undefined;
}

/** The `mine` filter for the reader's role. */
function mineCondition(actor: Actor): Filter {
  switch (actor.role) {
    case 'deputy': return sql<SqlBool>`s.lead_deputy_id = ${actor.deputyId}`;
    case 'unit': return sql<SqlBool>`exists (select 1 from suggestion_unit mu where mu.suggestion_id = s.id and mu.unit_id = ${actor.unitId} and mu.role = 'lead')`;
    case 'staff': return sql<SqlBool>`s.congress_region_path = ${actor.scopePath}`;
    default: return sql<SqlBool>`true`;
  }
}

const deadlineKey = sql<string>`coalesce(s.deadline_date, '9999-12-31'::date)`;
const isDeadlineCursor = (v: unknown): v is [string, number] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v[0]) && Number.isInteger(v[1]);

/**
 * The suggestions in the reader's reach that match the filters (and `extra`, a to-do item's
 * condition), newest first or nearest deadline first, with the total that match when asked.
 */
export async function listSuggestions(db: Kysely<DB>, actor: Actor, f: SuggestionFilters, p: SuggestionPaging, extra: Filter | null = null) {
  const byDeadline = p.sort === 'deadline';
  const before = byDeadline ? null : decodeCursor(p.cursor, isIdCursor);
  const afterDeadline = byDeadline ? decodeCursor(p.cursor, isDeadlineCursor) : null;
  let q = db.selectFrom('suggestion as s')
    .innerJoin('case_category as c', 'c.id', 's.category_id')
    .innerJoin('deputy as d', 'd.id', 's.lead_deputy_id')
    .leftJoin('region as cr', 'cr.code', 's.congress_region_code')
    .leftJoin('suggestion_unit as lu', (j) => j.onRef('lu.suggestion_id', '=', 's.id').on('lu.role', '=', 'lead'))
    .leftJoin('unit as u', 'u.id', 'lu.unit_id')
    .select([
      's.id', 's.kind', 's.state', 's.title', 's.number_label', 's.congress_level', 's.deadline_date', 's.answer_category', 's.rating',
      's.key_supervision', 's.submitted_at', 's.updated_at', 's.lead_deputy_id', 'd.name as lead_name', 'c.name as category_name',
      'cr.name as congress_region_name', 'lu.unit_id as lead_unit_id', 'u.name as lead_unit_name', overdueExpr().as('overdue'),
      sql<number>`(select count(*) from suggestion_signer cs where cs.suggestion_id = s.id and cs.role = 'cosigner' and cs.status = 'confirmed')::int`.as('cosigner_count'),
      sql<number | null>`${p.count ? sql`count(*) over ()` : sql`null`}::int`.as('total'),
    ])
    .where(suggestionVisible(actor, suggestionColumns('s')))
    .limit(p.limit + 1);
  if (byDeadline) {
    q = q.orderBy(deadlineKey).orderBy('s.id');
    if (afterDeadline) q = q.where(sql<SqlBool>`(${deadlineKey}, s.id) > (${afterDeadline[0]}::date, ${afterDeadline[1]})`);
  } else {
    q = q.orderBy('s.id', 'desc');
    if (before !== null) q = q.where('s.id', '<', before);
  }
  if (f.state) q = q.where('s.state', '=', f.state);
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (f.level) q = q.where('s.congress_level', '=', f.level);
  if (f.regionCode) q = q.where('s.region_path', 'like', prefixPattern(await regionPathOf(db, f.regionCode)));
  if (f.categoryId) q = q.where('s.category_id', '=', f.categoryId);
  if (f.unitId) q = q.where(sql<SqlBool>`exists (select 1 from suggestion_unit fu where fu.suggestion_id = s.id and fu.unit_id = ${f.unitId})`);
  if (f.deputyId) {
    q = q.where(sql<SqlBool>`exists (select 1 from suggestion_signer fs where fs.suggestion_id = s.id and fs.deputy_id = ${f.deputyId} and fs.status <> 'declined')`);
  }
  if (f.termId) q = q.where('s.term_id', '=', f.termId);
  if (f.sessionId) q = q.where('s.session_id', '=', f.sessionId);
  if (f.keyOnly !== undefined) q = q.where('s.key_supervision', '=', f.keyOnly);
  if (f.overdue !== undefined) q = q.where(f.overdue ? overdueExpr() : sql<boolean>`not ${overdueExpr()}`);
  if (f.q) q = q.where((eb) => eb.or([eb('s.title', 'like', containsPattern(f.q!)), eb('s.number_label', 'like', containsPattern(f.q!))]));
  if (f.caseId) q = q.where(sql<SqlBool>`exists (select 1 from suggestion_source fc where fc.suggestion_id = s.id and fc.opinion_id = ${f.caseId})`);
  if (f.activityId) q = q.where(sql<SqlBool>`exists (select 1 from suggestion_source fa where fa.suggestion_id = s.id and fa.activity_id = ${f.activityId})`);
  if (f.mine) q = q.where(mineCondition(actor));
  if (extra) q = q.where(extra);
  if (p.page && p.page > 1 && !p.cursor) q = q.offset((p.page - 1) * p.limit);
  const rows = await q.execute();
  const total = p.count ? (rows[0]?.total ?? (p.page && p.page > 1 ? null : 0)) : null;
  const key = byDeadline ? (r: (typeof rows)[number]) => [r.deadline_date ?? '9999-12-31', r.id] : (r: (typeof rows)[number]) => r.id;
  const page = toPage(rows, p.limit, key, (r) => ({
    id: r.id, kind: r.kind, state: r.state, stateLabel: SUGGESTION_STATE_LABELS[r.state], title: r.title, numberLabel: r.number_label,
    categoryName: r.category_name, leadDeputy: { id: r.lead_deputy_id, name: r.lead_name }, cosignerCount: r.cosigner_count,
    congressName: congressName(r.congress_level, r.congress_region_name),
    leadUnit: r.lead_unit_id === null ? null : { id: r.lead_unit_id, name: r.lead_unit_name ?? '' },
    deadlineDate: r.deadline_date, overdue: Boolean(r.overdue), answerCategory: r.answer_category, rating: r.rating,
    keySupervision: r.key_supervision, submittedAt: r.submitted_at?.toISOString() ?? null, updatedAt: r.updated_at.toISOString(),
  }));
  return { ...page, total };
}

export type SuggestionListItem = Awaited<ReturnType<typeof listSuggestions>>['items'][number];

/** One suggestion in the reader's reach, with all its records, the reader's part and the actions offered; NOT_FOUND otherwise. */
export async function getSuggestion(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await db.selectFrom('suggestion as s')
    .innerJoin('case_category as c', 'c.id', 's.category_id')
    .innerJoin('region as r', 'r.code', 's.region_code')
    .innerJoin('congress_term as t', 't.id', 's.term_id')
    .leftJoin('region as cr', 'cr.code', 's.congress_region_code')
    .leftJoin('congress_session as cs', 'cs.id', 's.session_id')
    .selectAll('s')
    .select([
      'c.name as category_name', 'r.name as region_name', 'cr.name as congress_region_name', 't.number as term_number',
      'cs.number as session_number', overdueExpr().as('overdue'),
    ])
    .where('s.id', '=', id)
    .where(suggestionVisible(actor, suggestionColumns('s')))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const [signers, cases, activities, units, reassignments, contacts, answers, commitments, ratings, files, events] = await Promise.all([
    db.selectFrom('suggestion_signer as g').innerJoin('deputy as d', 'd.id', 'g.deputy_id')
      .select(['g.deputy_id', 'g.role', 'g.status', 'g.responded_at', 'd.name', 'd.phone', deputyContactVisible(actor, sql.ref('d.id'), sql.ref('d.region_path')).as('contact_visible')])
      .where('g.suggestion_id', '=', id).orderBy(sql`g.role = 'lead'`, 'desc').orderBy('g.invited_at').orderBy('g.deputy_id').execute(),
    db.selectFrom('suggestion_source as so').innerJoin('opinion as o', 'o.id', 'so.opinion_id')
      .select(['o.id', 'o.tracking_code', 'o.content', 'o.state', caseVisible(actor, caseColumns('o')).as('visible')])
      .where('so.suggestion_id', '=', id).orderBy('o.id').execute(),
    db.selectFrom('suggestion_source as so').innerJoin('activity as a', 'a.id', 'so.activity_id')
      .select(['a.id', 'a.title', 'a.starts_at']).where('so.suggestion_id', '=', id).orderBy('a.starts_at').execute(),
    db.selectFrom('suggestion_unit as su').innerJoin('unit as u', 'u.id', 'su.unit_id')
      .select(['su.unit_id', 'u.name', 'su.role', 'su.part', 'su.view', 'su.view_at'])
      .where('su.suggestion_id', '=', id).orderBy(sql`su.role = 'lead'`, 'desc').orderBy('u.name').execute(),
    db.selectFrom('suggestion_reassignment as ra').innerJoin('unit as u', 'u.id', 'ra.unit_id')
      .select(['ra.id', 'ra.unit_id', 'u.name as unit_name', 'ra.reason', 'ra.requested_at', 'ra.decision', 'ra.decided_at', 'ra.decision_comment'])
      .where('ra.suggestion_id', '=', id).orderBy('ra.id').execute(),
    db.selectFrom('suggestion_contact as sc').innerJoin('unit as u', 'u.id', 'sc.unit_id')
      .select(['sc.id', 'u.name as unit_name', 'sc.stage', 'sc.mode', 'sc.contacted_on', 'sc.note'])
      .where('sc.suggestion_id', '=', id).orderBy('sc.contacted_on').orderBy('sc.id').execute(),
    db.selectFrom('suggestion_answer as an').innerJoin('unit as u', 'u.id', 'an.unit_id')
      .select(['an.id', 'an.round', 'u.name as unit_name', 'an.category', 'an.body', 'an.signed_by', 'an.answered_at', 'an.on_time'])
      .where('an.suggestion_id', '=', id).orderBy('an.round').execute(),
    db.selectFrom('suggestion_commitment').select(['id', 'answer_id', 'body', 'due_on', 'done_at', 'done_note'])
      .where('suggestion_id', '=', id).orderBy('id').execute(),
    db.selectFrom('suggestion_rating as ra').innerJoin('deputy as d', 'd.id', 'ra.deputy_id')
      .leftJoin('suggestion_signer as g', (j) => j.onRef('g.suggestion_id', '=', 'ra.suggestion_id').onRef('g.deputy_id', '=', 'ra.deputy_id'))
      .select(['ra.round', 'ra.deputy_id', 'd.name', 'g.role', 'ra.rating', 'ra.comment', 'ra.rated_at'])
      .where('ra.suggestion_id', '=', id).orderBy('ra.round').orderBy('ra.rated_at').execute(),
    db.selectFrom('suggestion_attachment').select(['id', 'name', 'mime', 'size', 'purpose', 'public', 'event_id'])
      .where('suggestion_id', '=', id).orderBy('id').execute(),
    db.selectFrom('suggestion_event').select(['id', 'at', 'actor_name', 'action', 'from_state', 'to_state', 'comment', 'data'])
      .where('suggestion_id', '=', id).orderBy('id').execute(),
  ]);
  const day = today();
  const own = actor.deputyId === null ? undefined : signers.find((g) => g.deputy_id === actor.deputyId);
  const unitRole = actor.unitId === null ? null : units.find((u) => u.unit_id === actor.unitId)?.role ?? null;
  const part = suggestionActorOf(actor, {
    congressRegionPath: row.congress_region_path, state: row.state, leadDeputyId: row.lead_deputy_id,
    signer: own ? { role: own.role, status: own.status } : null, unitRole,
  });
  const openCommitments = commitments.filter((c) => c.done_at === null).length;
  const offered = offeredActions(part, {
    kind: row.kind, state: row.state, keySupervision: row.key_supervision, today: day, reassignUntil: row.reassign_until,
    signerStatus: own && own.role === 'cosigner' ? own.status : null,
    ratedThisRound: ratings.some((r) => r.round === row.round && r.deputy_id === actor.deputyId),
    openCommitments,
  });
  return {
    id: row.id, kind: row.kind, state: row.state, stateLabel: SUGGESTION_STATE_LABELS[row.state],
    title: row.title, reasons: row.reasons, proposals: row.proposals,
    category: { id: row.category_id, name: row.category_name },
    region: { code: row.region_code, name: row.region_name },
    congress: { level: row.congress_level, regionCode: row.congress_region_code, name: congressName(row.congress_level, row.congress_region_name) },
    term: { id: row.term_id, number: row.term_number },
    session: row.session_id === null || row.session_number === null ? null : { id: row.session_id, number: row.session_number },
    numberLabel: row.number_label, published: row.published, complex: row.complex,
    keySupervision: row.key_supervision, keyLeader: row.key_leader, keyPlan: row.key_plan, urgeCount: row.urge_count,
    submittedAt: iso(row.submitted_at), registeredAt: iso(row.registered_at), assignedOn: row.assigned_on,
    deadlineDate: row.deadline_date, overdue: Boolean(row.overdue), reassignUntil: row.reassign_until, coViewDue: row.co_view_due,
    answeredAt: iso(row.answered_at), answerCategory: row.answer_category, answeredOnTime: row.answered_on_time,
    round: row.round, rating: row.rating, closedAt: iso(row.closed_at), declineReason: row.decline_reason, convertedCaseId: row.converted_case_id,
    signers: signers.map((g) => ({
      deputyId: g.deputy_id, name: g.name, role: g.role, status: g.status, respondedAt: iso(g.responded_at),
      phone: g.contact_visible ? g.phone : null,
    })),
    sources: {
      cases: cases.map((o) => ({ id: o.id, trackingCode: o.tracking_code, content: o.visible ? excerpt(o.content, 120) : null, state: o.state })),
      activities: activities.map((a) => ({ id: a.id, title: a.title, date: a.starts_at.toISOString() })),
    },
    units: units.map((u) => ({ unitId: u.unit_id, name: u.name, role: u.role, part: u.part, view: u.view, viewAt: iso(u.view_at) })),
    reassignments: reassignments.map((ra) => ({
      id: ra.id, unitId: ra.unit_id, unitName: ra.unit_name, reason: ra.reason, requestedAt: ra.requested_at.toISOString(),
      decision: ra.decision, decidedAt: iso(ra.decided_at), decisionComment: ra.decision_comment,
    })),
    contacts: contacts.map((sc) => ({ id: sc.id, unitName: sc.unit_name, stage: sc.stage, mode: sc.mode, on: sc.contacted_on, note: sc.note })),
    answers: answers.map((an) => ({
      id: an.id, round: an.round, unitName: an.unit_name, category: an.category, body: an.body, signedBy: an.signed_by,
      answeredAt: an.answered_at.toISOString(), onTime: an.on_time,
    })),
    commitments: commitments.map((c) => ({
      id: c.id, answerId: c.answer_id, body: c.body, dueOn: c.due_on, doneAt: iso(c.done_at), doneNote: c.done_note,
      overdue: c.done_at === null && c.due_on < day,
    })),
    ratings: ratings.map((ra) => ({ round: ra.round, deputyName: ra.name, role: ra.role ?? 'cosigner', rating: ra.rating, comment: ra.comment, ratedAt: ra.rated_at.toISOString() })),
    files: files.map((fl) => ({
      id: fl.id, name: fl.name, mime: fl.mime, size: fl.size, purpose: fl.purpose, public: fl.public, eventId: fl.event_id,
      url: `/api/suggestions/${row.id}/files/${fl.id}`,
    })),
    events: events.map((e) => ({
      id: e.id, at: e.at.toISOString(), actorName: e.actor_name, action: e.action, actionLabel: eventLabel(e.action),
      fromState: e.from_state, toState: e.to_state, comment: e.comment, data: e.data,
    })),
    // Timers act as the system, never as a reader.
    part: part === 'system' ? null : part,
    actions: actionChoices(offered),
  };
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** The public's reach: published, numbered (registered, or a motion placed on the agenda). */
const publicOnly = () => suggestionPublic({ ...suggestionColumns('s'), published: sql.ref('s.published'), number: sql.ref('s.number') });

/** Published suggestions, newest first, a page of 20 at a time, with the total. */
export async function listPublicSuggestions(db: Kysely<DB>, f: { regionCode?: string | undefined; q?: string | undefined; page: number }) {
  const size = PUBLIC_PAGE_SIZE;
  let q = db.selectFrom('suggestion as s')
    .innerJoin('case_category as c', 'c.id', 's.category_id')
    .innerJoin('deputy as d', 'd.id', 's.lead_deputy_id')
    .innerJoin('region as r', 'r.code', 's.region_code')
    .leftJoin('region as cr', 'cr.code', 's.congress_region_code')
    .select([
      's.id', 's.kind', 's.state', 's.title', 's.number_label', 's.congress_level', 's.answer_category', 's.rating', 's.registered_at', 's.answered_at',
      'c.name as category_name', 'd.name as lead_name', 'r.name as region_name', 'cr.name as congress_region_name',
      sql<number>`count(*) over ()::int`.as('total'),
    ])
    .where(publicOnly())
    .orderBy('s.id', 'desc').limit(size).offset((f.page - 1) * size);
  if (f.regionCode) q = q.where('s.region_path', 'like', prefixPattern(await regionPathOf(db, f.regionCode)));
  if (f.q) q = q.where((eb) => eb.or([eb('s.title', 'like', containsPattern(f.q!)), eb('s.number_label', 'like', containsPattern(f.q!))]));
  const rows = await q.execute();
  return {
    total: rows[0]?.total ?? (f.page > 1 ? null : 0),
    pageSize: size,
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, state: r.state, stateLabel: SUGGESTION_STATE_LABELS[r.state], title: r.title, numberLabel: r.number_label!,
      categoryName: r.category_name, regionName: r.region_name, congressName: congressName(r.congress_level, r.congress_region_name),
      leadDeputyName: r.lead_name, answerCategory: r.answer_category, rating: r.rating,
      registeredAt: iso(r.registered_at), answeredAt: iso(r.answered_at),
    })),
  };
}

const PUBLIC_PAGE_SIZE = 20;

/**
 * A published suggestion as the public sees it: the text, who signed it (names only), the
 * units, each answer letter with its category, the commitments and whether each is kept, the
 * ratings, the public files and the public steps of its timeline. No contact details, no
 * internal notes, views, reasons for reassignment or internal files. NOT_FOUND otherwise.
 */
export async function getPublicSuggestion(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('suggestion as s')
    .innerJoin('case_category as c', 'c.id', 's.category_id')
    .innerJoin('region as r', 'r.code', 's.region_code')
    .innerJoin('congress_term as t', 't.id', 's.term_id')
    .leftJoin('region as cr', 'cr.code', 's.congress_region_code')
    .leftJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      's.id', 's.kind', 's.state', 's.title', 's.reasons', 's.proposals', 's.number_label', 's.congress_level', 's.registered_at', 's.deadline_date',
      's.answered_at', 's.answer_category', 's.answered_on_time', 's.rating', 's.closed_at', 's.key_supervision',
      'c.name as category_name', 'r.name as region_name', 'cr.name as congress_region_name', 't.number as term_number', 'cs.number as session_number',
    ])
    .where('s.id', '=', id).where(publicOnly()).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const [signers, units, answers, commitments, ratings, files, events] = await Promise.all([
    db.selectFrom('suggestion_signer as g').innerJoin('deputy as d', 'd.id', 'g.deputy_id').select(['d.name', 'g.role'])
      .where('g.suggestion_id', '=', id).where('g.status', '=', 'confirmed').orderBy(sql`g.role = 'lead'`, 'desc').orderBy('g.invited_at').execute(),
    db.selectFrom('suggestion_unit as su').innerJoin('unit as u', 'u.id', 'su.unit_id').select(['u.name', 'su.role'])
      .where('su.suggestion_id', '=', id).orderBy(sql`su.role = 'lead'`, 'desc').orderBy('u.name').execute(),
    db.selectFrom('suggestion_answer as an').innerJoin('unit as u', 'u.id', 'an.unit_id')
      .select(['an.round', 'u.name as unit_name', 'an.category', 'an.body', 'an.signed_by', 'an.answered_at', 'an.on_time'])
      .where('an.suggestion_id', '=', id).orderBy('an.round').execute(),
    db.selectFrom('suggestion_commitment').select(['body', 'due_on', 'done_at']).where('suggestion_id', '=', id).orderBy('id').execute(),
    db.selectFrom('suggestion_rating as ra').innerJoin('deputy as d', 'd.id', 'ra.deputy_id').select(['ra.round', 'd.name', 'ra.rating', 'ra.rated_at'])
      .where('ra.suggestion_id', '=', id).orderBy('ra.round').orderBy('ra.rated_at').execute(),
    db.selectFrom('suggestion_attachment').select(['id', 'name', 'mime', 'size', 'purpose'])
      .where('suggestion_id', '=', id).where('public', '=', true).orderBy('id').execute(),
    db.selectFrom('suggestion_event').select(['at', 'action', 'to_state']).where('suggestion_id', '=', id).where('public', '=', true).orderBy('id').execute(),
  ]);
  return {
    id: row.id, kind: row.kind, state: row.state, stateLabel: SUGGESTION_STATE_LABELS[row.state], title: row.title, reasons: row.reasons, proposals: row.proposals,
    numberLabel: row.number_label!, categoryName: row.category_name, regionName: row.region_name,
    congressName: congressName(row.congress_level, row.congress_region_name), termNumber: row.term_number, sessionNumber: row.session_number,
    leadDeputyName: signers.find((g) => g.role === 'lead')?.name ?? '', cosignerNames: signers.filter((g) => g.role === 'cosigner').map((g) => g.name),
    units: units.map((u) => ({ name: u.name, role: u.role })),
    keySupervision: row.key_supervision, registeredAt: iso(row.registered_at), deadlineDate: row.deadline_date,
    answeredAt: iso(row.answered_at), answerCategory: row.answer_category, answeredOnTime: row.answered_on_time, rating: row.rating, closedAt: iso(row.closed_at),
    answers: answers.map((an) => ({
      round: an.round, unitName: an.unit_name, category: an.category, body: an.body, signedBy: an.signed_by, answeredAt: an.answered_at.toISOString(), onTime: an.on_time,
    })),
    commitments: commitments.map((c) => ({ body: c.body, dueOn: c.due_on, done: c.done_at !== null, doneAt: iso(c.done_at) })),
    ratings: ratings.map((ra) => ({ round: ra.round, deputyName: ra.name, rating: ra.rating, ratedAt: ra.rated_at.toISOString() })),
    files: files.map((fl) => ({ id: fl.id, name: fl.name, mime: fl.mime, size: fl.size, purpose: fl.purpose, url: `/api/public/suggestions/${row.id}/files/${fl.id}` })),
    timeline: events.map((e) => ({ at: e.at.toISOString(), action: e.action, label: eventLabel(e.action), toState: e.to_state })),
  };
}

/** A public file of a published suggestion; NOT_FOUND for anything else. */
export async function getPublicSuggestionFile(db: Kysely<DB>, id: number, fileId: number) {
  const file = await db.selectFrom('suggestion_attachment as a').innerJoin('suggestion as s', 's.id', 'a.suggestion_id')
    .select(['a.name', 'a.mime', 'a.sha256']).where('a.id', '=', fileId).where('s.id', '=', id).where('a.public', '=', true)
    .where(publicOnly()).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND');
  return withStoredBytes(file);
}
