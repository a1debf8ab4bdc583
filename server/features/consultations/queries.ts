/**
 * Reading topics: the list and one topic in the reader's reach (topicVisible, in the SQL), with
 * the steps the reader may take now; the views (viewVisible), always with the constituent's name
 * and phone masked; the public page of a topic and the feedback read with a receipt code.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ConsultationState } from '../../platform/db/schemaConsultation.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { withStoredBytes } from '../../platform/files/index.js';
import { today } from '../../platform/clock.js';
import { containsPattern } from '../../platform/db/sql.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { maskPhone } from '../../platform/text/phone.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { contactRevealable, gatherableAt, topicColumns, topicManageable, topicVisible, viewVisible } from './access.js';
import { receiptHash } from './views.js';
import { congressName, SOURCE_LABELS, STATE_LABELS, type ViewSource } from './states.js';
import { maskName } from '../../platform/text/personName.js';


const windowOpenExpr = () => sql<boolean>`(t.state = 'open' and t.opens_on <= ${today()} and t.closes_on >= ${today()})`;

function topicItemSelect(db: Kysely<DB>) {
  return db.selectFrom('consultation_topic as t').innerJoin('region as r', 'r.code', 't.congress_region_code')
    .select([
      't.id', 't.title', 't.state', 't.congress_level', 't.congress_region_code', 'r.name as region_name', 't.opens_on', 't.closes_on',
      't.created_at', 't.published_at', windowOpenExpr().as('window_open'),
      sql<number>`(select count(*) from consultation_station cs where cs.topic_id = t.id)`.as('station_count'),
      sql<number>`((select count(*) from consultation_view cv where cv.topic_id = t.id) + (select count(*) from consultation_activity ca where ca.topic_id = t.id))`.as('view_count'),
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof topicItemSelect>['executeTakeFirstOrThrow']>>;

function presentItem(r: ItemRow) {
  return {
    id: r.id, title: r.title, state: r.state, stateLabel: STATE_LABELS[r.state],
    congress: { level: r.congress_level, regionCode: r.congress_region_code, name: congressName(r.region_name) },
    opensOn: r.opens_on, closesOn: r.closes_on, windowOpen: Boolean(r.window_open),
    stationCount: Number(r.station_count), viewCount: Number(r.view_count),
    createdAt: r.created_at.toISOString(), publishedAt: r.published_at?.toISOString() ?? null,
  };
}

export interface TopicFilters { state?: ConsultationState | undefined; q?: string | undefined; limit: number; cursor?: string | undefined; extra?: SqlBool | ReturnType<typeof sql<SqlBool>> | undefined }

export async function listTopics(db: Kysely<DB>, actor: Actor, f: TopicFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  const rows = await topicItemSelect(db)
    .where(topicVisible(actor, topicColumns('t')))
    .$if(f.state !== undefined, (q) => q.where('t.state', '=', f.state!))
    .$if(f.q !== undefined, (q) => q.where('t.title', 'like', containsPattern(f.q!)))
    .$if(f.extra !== undefined, (q) => q.where(f.extra as ReturnType<typeof sql<SqlBool>>))
    .$if(after !== null, (q) => q.where('t.id', '<', after!))
    .orderBy('t.id', 'desc').limit(f.limit + 1).execute();
  return toPage(rows, f.limit, (r) => r.id, presentItem);
}

/** The topic's row in the reader's reach, with whether the reader runs it; NOT_FOUND otherwise. */
export async function topicInReach(db: Kysely<DB>, actor: Actor, id: number) {
  const t = topicColumns('t');
  const row = await db.selectFrom('consultation_topic as t').selectAll('t').select(topicManageable(actor, t).as('manage'))
    .where('t.id', '=', id).where(topicVisible(actor, t)).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getTopic(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await topicInReach(db, actor, id);
  const item = presentItem(await topicItemSelect(db).where('t.id', '=', id).executeTakeFirstOrThrow());
  const path = { congressRegionPath: sql.val(row.congress_region_path) };
  const [questions, documents, stations, activities, whole] = await Promise.all([
    db.selectFrom('consultation_question').select(['id', 'position', 'text']).where('topic_id', '=', id).orderBy('position').execute(),
    db.selectFrom('consultation_document').select(['id', 'name', 'mime', 'size']).where('topic_id', '=', id).orderBy('id').execute(),
    db.selectFrom('consultation_station as cs').innerJoin('station as s', 's.id', 'cs.station_id')
      .select(['s.id', 's.name', gatherableAt(actor, path, ref('s.id')).as('mine'),
        sql<number>`((select count(*) from consultation_view cv where cv.topic_id = cs.topic_id and cv.station_id = s.id)
          + (select count(*) from consultation_activity ca where ca.topic_id = cs.topic_id and ca.station_id = s.id))`.as('view_count')])
      .where('cs.topic_id', '=', id).orderBy('s.name').execute(),
    db.selectFrom('consultation_activity as ca').innerJoin('activity as a', 'a.id', 'ca.activity_id').innerJoin('station as s', 's.id', 'ca.station_id')
      .select(['a.id', 'a.title', 'a.starts_at', 'a.summary', 's.id as station_id', 's.name as station_name'])
      .where('ca.topic_id', '=', id).where(viewVisible(actor, path, ref('ca.station_id'))).orderBy('a.starts_at').execute(),
    row.whole_region_code
      ? db.selectFrom('region').select(['code', 'name']).where('code', '=', row.whole_region_code).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const manage = Boolean(row.manage);
  const myStations = stations.filter((s) => s.mine).map((s) => ({ id: s.id, name: s.name }));
  const gathering = item.windowOpen && myStations.length > 0;
  const actions: TopicAction[] = [];
  if (manage && row.state === 'draft') actions.push('edit', 'publish');
  if (manage && row.state === 'open') actions.push('close');
  if (manage && row.state === 'closed') actions.push('deliberate');
  if (manage && row.state === 'deliberated') actions.push('handle');
  if (gathering) actions.push('register_view', 'link_activity');
  if (manage || actor.role === 'officer') actions.push('reveal');
  return {
    ...item,
    background: row.background,
    questions,
    documents: documents.map((d) => ({ ...d, url: `/api/consultations/${id}/documents/${d.id}` })),
    wholeRegion: whole ? { code: whole.code, name: whole.name } : null,
    stations: stations.map((s) => ({ id: s.id, name: s.name, viewCount: Number(s.view_count) })),
    activities: activities.map((a) => ({ id: a.id, title: a.title, startsAt: a.starts_at.toISOString(), stationId: a.station_id, stationName: a.station_name, summary: a.summary })),
    opinion: row.opinion ? { text: row.opinion, at: row.opinion_at!.toISOString(), by: row.opinion_by ?? '' } : null,
    handlingReport: row.handling ? { text: row.handling, at: row.handling_at!.toISOString(), by: row.handling_by ?? '' } : null,
    closedAt: row.closed_at?.toISOString() ?? null,
    version: row.version,
    actions,
    myStations,
  };
}

export async function getDocument(db: Kysely<DB>, actor: Actor | null, id: number, documentId: number) {
  const q = db.selectFrom('consultation_document as d').innerJoin('consultation_topic as t', 't.id', 'd.topic_id')
    .select(['d.name', 'd.mime', 'd.sha256']).where('d.id', '=', documentId).where('t.id', '=', id);
  const doc = await (actor ? q.where(topicVisible(actor, topicColumns('t'))) : q.where('t.state', '<>', 'draft')).executeTakeFirst();
  if (!doc) throw new AppError('NOT_FOUND');
  return withStoredBytes(doc);
}

export interface ViewFilters { stationId?: number | undefined; source?: 'public' | 'reception' | undefined; limit: number; cursor?: string | undefined }

/** The views of a topic the reader reads, newest first, names and phones masked. */
export async function listViews(db: Kysely<DB>, actor: Actor, id: number, f: ViewFilters) {
  const topic = await topicInReach(db, actor, id);
  const path = { congressRegionPath: sql.val(topic.congress_region_path) };
  const after = decodeCursor(f.cursor, isIdCursor);
  const rows = await db.selectFrom('consultation_view as v').innerJoin('station as s', 's.id', 'v.station_id')
    .leftJoin('opinion as o', 'o.id', 'v.case_id').leftJoin('account as acc', 'acc.id', 'v.recorded_by_account_id')
    .select(['v.id', 'v.source', 'v.station_id', 's.name as station_name', 'v.created_at', 'v.heard_on', 'v.name', 'v.phone', 'v.case_id',
      'o.tracking_code', 'acc.display_name as recorded_by', contactRevealable(actor, path, ref('v.station_id')).as('revealable')])
    .where('v.topic_id', '=', id).where(viewVisible(actor, path, ref('v.station_id')))
    .$if(f.stationId !== undefined, (q) => q.where('v.station_id', '=', f.stationId!))
    .$if(f.source !== undefined, (q) => q.where('v.source', '=', f.source!))
    .$if(after !== null, (q) => q.where('v.id', '<', after!))
    .orderBy('v.id', 'desc').limit(f.limit + 1).execute();
  const page = toPage(rows, f.limit, (r) => r.id, (r) => r);
  const answers = page.items.length
    ? await db.selectFrom('consultation_answer as a').leftJoin('consultation_question as q', 'q.id', 'a.question_id')
      .select(['a.view_id', 'a.question_id', 'a.text']).where('a.view_id', 'in', page.items.map((r) => r.id))
      .orderBy('a.view_id').orderBy(sql`q.position nulls last`).execute()
    : [];
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id, source: r.source as ViewSource, sourceLabel: SOURCE_LABELS[r.source], stationId: r.station_id, stationName: r.station_name,
      at: r.created_at.toISOString(), heardOn: r.heard_on,
      name: maskName(r.name), phone: maskPhone(r.phone), masked: r.name !== null || r.phone !== null, canReveal: Boolean(r.revealable) && (r.name !== null || r.phone !== null),
      answers: answers.filter((a) => a.view_id === r.id).map((a) => ({ questionId: a.question_id, text: a.text })),
      caseId: r.case_id, caseCode: r.tracking_code ?? null, recordedBy: r.recorded_by ?? null,
    })),
  };
}

/** Activities the reader may link: of the stations asked that the reader gathers for, seen by the reader, not linked yet. */
export async function activityCandidates(db: Kysely<DB>, actor: Actor, id: number) {
  const topic = await topicInReach(db, actor, id);
  const path = { congressRegionPath: sql.val(topic.congress_region_path) };
  const rows = await db.selectFrom('activity as a').innerJoin('consultation_station as cs', (j) => j.onRef('cs.station_id', '=', 'a.station_id').on('cs.topic_id', '=', id))
    .innerJoin('station as s', 's.id', 'a.station_id')
    .select(['a.id', 'a.title', 'a.starts_at', 's.id as station_id', 's.name as station_name'])
    .where(activityVisible(actor, activityColumns('a'))).where(gatherableAt(actor, path, ref('a.station_id')))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('consultation_activity as ca').select('ca.activity_id').whereRef('ca.activity_id', '=', 'a.id').where('ca.topic_id', '=', id))))
    .orderBy('a.starts_at', 'desc').limit(100).execute();
  return rows.map((a) => ({ id: a.id, title: a.title, startsAt: a.starts_at.toISOString(), stationId: a.station_id, stationName: a.station_name }));
}

// ----- Public -----

export async function listPublicTopics(db: Kysely<DB>, regionCode: string | undefined) {
  let path: string | null = null;
  if (regionCode) {
    const r = await db.selectFrom('region').select('path').where('code', '=', regionCode).executeTakeFirst();
    if (!r) throw new AppError('REGION_NOT_FOUND', { code: regionCode });
    path = r.path;
  }
  const rows = await topicItemSelect(db).where('t.state', '<>', 'draft')
    .$if(path !== null, (q) => q.where('t.congress_region_path', 'like', `${path}%`))
    .orderBy('t.id', 'desc').limit(50).execute();
  return { items: rows.map((r) => { const i = presentItem(r); return { id: i.id, title: i.title, state: i.state, stateLabel: i.stateLabel, congressName: i.congress.name, opensOn: i.opensOn, closesOn: i.closesOn, windowOpen: i.windowOpen, stationCount: i.stationCount }; }) };
}

export async function getPublicTopic(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('consultation_topic as t').selectAll('t').where('t.id', '=', id).where('t.state', '<>', 'draft').executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const item = presentItem(await topicItemSelect(db).where('t.id', '=', id).executeTakeFirstOrThrow());
  const [questions, documents, stations] = await Promise.all([
    db.selectFrom('consultation_question').select(['id', 'position', 'text']).where('topic_id', '=', id).orderBy('position').execute(),
    db.selectFrom('consultation_document').select(['id', 'name', 'mime', 'size']).where('topic_id', '=', id).orderBy('id').execute(),
    db.selectFrom('consultation_station as cs').innerJoin('station as s', 's.id', 'cs.station_id').select(['s.id', 's.name']).where('cs.topic_id', '=', id).orderBy('s.name').execute(),
  ]);
  return {
    id, title: row.title, background: row.background, state: row.state, stateLabel: STATE_LABELS[row.state], congressName: item.congress.name,
    opensOn: row.opens_on, closesOn: row.closes_on, windowOpen: item.windowOpen, questions,
    documents: documents.map((d) => ({ ...d, url: `/api/public/consultations/${id}/documents/${d.id}` })), stations,
    opinion: row.opinion ? { text: row.opinion, at: row.opinion_at!.toISOString() } : null,
    handlingReport: row.handling ? { text: row.handling, at: row.handling_at!.toISOString() } : null,
  };
}

/** What a constituent reads with the receipt code: their own answers and the feedback. Unknown codes answer 404. */
export async function getReceipt(db: Kysely<DB>, code: string) {
  const hash = receiptHash(code);
  if (!hash) throw new AppError('CONSULTATION_RECEIPT_UNKNOWN');
  const v = await db.selectFrom('consultation_view as v').innerJoin('consultation_topic as t', 't.id', 'v.topic_id').innerJoin('station as s', 's.id', 'v.station_id')
    .select(['v.id', 'v.created_at', 's.name as station_name', 't.id as topic_id', 't.title', 't.state', 't.opinion', 't.opinion_at', 't.handling', 't.handling_at'])
    .where('v.receipt_hash', '=', hash).executeTakeFirst();
  if (!v) throw new AppError('CONSULTATION_RECEIPT_UNKNOWN');
  const answers = await db.selectFrom('consultation_answer as a').leftJoin('consultation_question as q', 'q.id', 'a.question_id')
    .select(['q.text as question', 'a.text']).where('a.view_id', '=', v.id).orderBy(sql`q.position nulls last`).execute();
  return {
    topicId: v.topic_id, title: v.title, state: v.state, stateLabel: STATE_LABELS[v.state], stationName: v.station_name, submittedAt: v.created_at.toISOString(),
    answers: answers.map((a) => ({ question: a.question ?? null, text: a.text })),
    opinion: v.opinion ? { text: v.opinion, at: v.opinion_at!.toISOString() } : null,
    handlingReport: v.handling ? { text: v.handling, at: v.handling_at!.toISOString() } : null,
  };
}

export type TopicAction = 'edit' | 'publish' | 'close' | 'deliberate' | 'handle' | 'register_view' | 'link_activity' | 'reveal';
