/**
 * The compilation of a topic's views (意见汇总): counts per station and per source, the texts
 * grouped by question (paged), and the same as a document (Excel and PDF) with every name
 * masked and no phone number. Counts cover every station asked; the texts, the stations the
 * reader reads (viewVisible).
 */
import { bookTitle } from '../../platform/text/bookTitle.js';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { dateText, dateTimeText, numbered, SERIAL, type RegisterDocument } from '../../platform/documents/model.js';
import { viewVisible } from './access.js';
import { maskName } from '../../platform/text/personName.js';
import { topicInReach } from './queries.js';
import { congressName, SOURCE_LABELS, type ViewSource } from './states.js';

async function counts(db: Kysely<DB>, id: number) {
  const [stations, views, activities] = await Promise.all([
    db.selectFrom('consultation_station as cs').innerJoin('station as s', 's.id', 'cs.station_id').select(['s.id', 's.name'])
      .where('cs.topic_id', '=', id).orderBy('s.name').execute(),
    db.selectFrom('consultation_view').select(['station_id', 'source', sql<number>`count(*)`.as('n')]).where('topic_id', '=', id)
      .groupBy(['station_id', 'source']).execute(),
    db.selectFrom('consultation_activity').select(['station_id', sql<number>`count(*)`.as('n')]).where('topic_id', '=', id).groupBy('station_id').execute(),
  ]);
  const rows = stations.map((s) => {
    const of = (source: 'public' | 'reception') => Number(views.find((v) => v.station_id === s.id && v.source === source)?.n ?? 0);
    const activity = Number(activities.find((a) => a.station_id === s.id)?.n ?? 0);
    const row = { stationId: s.id, stationName: s.name, public: of('public'), reception: of('reception'), activity };
    return { ...row, total: row.public + row.reception + row.activity };
  });
  const sum = (k: 'public' | 'reception' | 'activity') => rows.reduce((n, r) => n + r[k], 0);
  const totals = { public: sum('public'), reception: sum('reception'), activity: sum('activity') };
  return { totals: { total: totals.public + totals.reception + totals.activity, ...totals }, stations: rows };
}

async function questionCounts(db: Kysely<DB>, id: number) {
  const [questions, answered] = await Promise.all([
    db.selectFrom('consultation_question').select(['id', 'position', 'text']).where('topic_id', '=', id).orderBy('position').execute(),
    db.selectFrom('consultation_answer').select(['question_id', sql<number>`count(*)`.as('n')]).where('topic_id', '=', id).groupBy('question_id').execute(),
  ]);
  const count = (q: number | null) => Number(answered.find((a) => a.question_id === q)?.n ?? 0);
  return [
    ...questions.map((q) => ({ questionId: q.id as number | null, position: q.position as number | null, text: q.text, count: count(q.id) })),
    { questionId: null, position: null, text: '综合意见', count: count(null) },
  ];
}

/** The texts of one question (null: the general remarks; 'all': every question) at the stations the reader reads. */
function textsQuery(db: Kysely<DB>, actor: Actor, id: number, congressRegionPath: string, questionId: number | null | 'all') {
  return db.selectFrom('consultation_answer as a').innerJoin('consultation_view as v', 'v.id', 'a.view_id').innerJoin('station as s', 's.id', 'v.station_id')
    .leftJoin('opinion as o', 'o.id', 'v.case_id')
    .select(['a.id', 'a.view_id', 'a.question_id', 'a.text', 'v.source', 'v.name', 'v.created_at', 'v.station_id', 's.name as station_name', 'o.tracking_code'])
    .select(sql<boolean>`v.name is not null or v.phone is not null`.as('has_contact'))
    .where('a.topic_id', '=', id)
    .$if(questionId !== 'all', (x) => x.where(questionId === null ? sql<boolean>`a.question_id is null` : sql<boolean>`a.question_id = ${questionId}`))
    .where(viewVisible(actor, { congressRegionPath: sql.val(congressRegionPath) }, ref('v.station_id')));
}

type TextRow = Awaited<ReturnType<ReturnType<typeof textsQuery>['execute']>>[number];
const presentText = (r: TextRow) => ({
  viewId: r.view_id, source: r.source as ViewSource, sourceLabel: SOURCE_LABELS[r.source], stationId: r.station_id, stationName: r.station_name,
  at: r.created_at.toISOString(), text: r.text, name: maskName(r.name), caseCode: r.tracking_code ?? null, hasContact: Boolean(r.has_contact),
});

async function linkedActivities(db: Kysely<DB>, actor: Actor, id: number, congressRegionPath: string) {
  const rows = await db.selectFrom('consultation_activity as ca').innerJoin('activity as a', 'a.id', 'ca.activity_id').innerJoin('station as s', 's.id', 'ca.station_id')
    .select(['a.id', 'a.title', 'a.starts_at', 'a.summary', 's.id as station_id', 's.name as station_name'])
    .where('ca.topic_id', '=', id).where(viewVisible(actor, { congressRegionPath: sql.val(congressRegionPath) }, ref('ca.station_id')))
    .orderBy('a.starts_at').orderBy('a.id').execute();
  return rows.map((a) => ({ activityId: a.id, title: a.title, startsAt: a.starts_at.toISOString(), stationId: a.station_id, stationName: a.station_name, summary: a.summary }));
}

export interface CompilationQuery { questionId?: number | undefined; stationId?: number | undefined; limit: number; cursor?: string | undefined }

/** The compilation as the screen reads it: counts, the questions with their counts, one page of one question's texts, the linked activities. */
export async function compilation(db: Kysely<DB>, actor: Actor, id: number, q: CompilationQuery) {
  const topic = await topicInReach(db, actor, id);
  const questions = await questionCounts(db, id);
  // questionId 0: the general remarks (综合意见); none given: the first question.
  const chosen = q.questionId === undefined ? questions[0]!.questionId : q.questionId === 0 ? null : q.questionId;
  if (chosen !== null && !questions.some((x) => x.questionId === chosen)) throw new AppError('CONSULTATION_QUESTION_UNKNOWN');
  const after = decodeCursor(q.cursor, isIdCursor);
  const rows = await textsQuery(db, actor, id, topic.congress_region_path, chosen)
    .$if(q.stationId !== undefined, (x) => x.where('v.station_id', '=', q.stationId!))
    .$if(after !== null, (x) => x.where('a.id', '>', after!))
    .orderBy('a.id').limit(q.limit + 1).execute();
  const texts = toPage(rows, q.limit, (r) => r.id, presentText);
  return {
    ...(await counts(db, id)),
    questions,
    texts: { questionId: chosen, ...texts },
    activities: await linkedActivities(db, actor, id, topic.congress_region_path),
  };
}

/** The compilation as a document: counts, each question's texts, the general remarks and the activities; names masked, no phones. */
export async function compilationDocument(db: Kysely<DB>, actor: Actor, id: number, now: Date): Promise<RegisterDocument & { fileBase: string }> {
  const topic = await topicInReach(db, actor, id);
  const region = await db.selectFrom('region').select('name').where('code', '=', topic.congress_region_code).executeTakeFirstOrThrow();
  const c = await counts(db, id);
  const questions = await questionCounts(db, id);
  const all = await textsQuery(db, actor, id, topic.congress_region_path, 'all').orderBy('a.id').execute();
  const byQuestion = new Map<number | null, TextRow[]>();
  for (const r of all) {
    const list = byQuestion.get(r.question_id) ?? [];
    list.push(r);
    byQuestion.set(r.question_id, list);
  }
  const textColumns = [SERIAL, { header: '联络站', width: 8 }, { header: '来源', width: 5 }, { header: '时间', width: 7 }, { header: '意见人', width: 4 }, { header: '意见内容', width: 30 }];
  const textRows = (list: TextRow[]) => numbered(list.map((r) => [r.station_name, SOURCE_LABELS[r.source].zh, dateTimeText(r.created_at), maskName(r.name) ?? '', r.text]));
  const activities = await linkedActivities(db, actor, id, topic.congress_region_path);
  return {
    title: '议题征询意见汇总',
    place: `${congressName(region.name)}${bookTitle(topic.title)}`,
    period: `${topic.opens_on} 至 ${topic.closes_on}`,
    generatedAt: now,
    fileBase: `议题征询意见汇总-${topic.title}`,
    sections: [
      {
        heading: '各联络站意见数',
        columns: [{ header: '联络站', width: 12 }, { header: '群众扫码提交', width: 5, align: 'center' }, { header: '接待日登记', width: 5, align: 'center' },
          { header: '征询活动', width: 5, align: 'center' }, { header: '合计', width: 4, align: 'center' }],
        rows: [...c.stations.map((s) => [s.stationName, s.public, s.reception, s.activity, s.total]),
          ['合计', c.totals.public, c.totals.reception, c.totals.activity, c.totals.total]],
      },
      ...questions.filter((q) => q.questionId !== null).map((q) => ({
        heading: `问题${q.position}:${q.text}`.slice(0, 120), columns: textColumns, rows: textRows(byQuestion.get(q.questionId) ?? []), empty: '暂无意见',
      })),
      { heading: '综合意见', columns: textColumns, rows: textRows(byQuestion.get(null) ?? []), empty: '暂无意见' },
      {
        heading: '征询活动', columns: [SERIAL, { header: '活动', width: 10 }, { header: '联络站', width: 8 }, { header: '日期', width: 5 }, { header: '活动情况', width: 30 }],
        rows: numbered(activities.map((a) => [a.title, a.stationName, dateText(new Date(a.startsAt)), a.summary])), empty: '暂无关联活动',
      },
    ],
    notes: ['群众姓名已作脱敏处理,联系电话不列入汇总。', `共收集意见 ${c.totals.total} 条(群众扫码 ${c.totals.public} 条、接待日登记 ${c.totals.reception} 条、征询活动 ${c.totals.activity} 场)。`],
  };
}
