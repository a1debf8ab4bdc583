/**
 * What is read of a project's delivery: its milestones (a milestone open after its planned day
 * has slipped), the money spent against the budget, the photos, the supervision visits, the
 * evaluation's counts and the rectification items; for the back office (within the reader's
 * reach, projectVisible) and for the public (published rounds, adopted projects, public photos).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Rating } from '../../../common/caseVocabulary.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { withStoredBytes } from '../../platform/files/index.js';
import { projectColumns, projectVisible } from './access.js';
import { satisfiedPercent } from './evaluation.js';

type Db = Kysely<DB> | Transaction<DB>;

/** States from adoption on: a project the public follows. */
export const DELIVERY_VIEW_STATES = ['adopted', 'in_progress', 'completed', 'evaluated', 'rectifying', 'closed'] as const;

/** Progress in percent: milestones done of those planned; 100 once accepted; 0 before any is planned. */
export function progressPercent(state: string, done: number, planned: number): number {
  if (['completed', 'evaluated', 'rectifying', 'closed'].includes(state)) return 100;
  return planned === 0 ? 0 : Math.floor((done * 100) / planned);
}

/** The delivery facts of one project (whoever reads it decides what to show). */
async function facts(db: Db, projectId: number, opts: { publicOnly: boolean }) {
  const [delivery, milestones, spending, photos, visits, rectifications] = await Promise.all([
    db.selectFrom('livelihood_delivery').selectAll().where('project_id', '=', projectId).executeTakeFirst(),
    db.selectFrom('livelihood_milestone').select(['id', 'title', 'planned_on', 'done_on', 'note']).where('project_id', '=', projectId)
      .orderBy('planned_on').orderBy('id').execute(),
    db.selectFrom('livelihood_spending').select(['id', 'spent_on', 'amount_yuan', 'note']).where('project_id', '=', projectId).orderBy('spent_on').orderBy('id').execute(),
    (() => {
      let q = db.selectFrom('livelihood_photo').select(['id', 'name', 'caption', 'mime', 'size', 'public', 'milestone_id', 'created_at']).where('project_id', '=', projectId);
      if (opts.publicOnly) q = q.where('public', '=', true);
      return q.orderBy('id').execute();
    })(),
    db.selectFrom('livelihood_visit as v').innerJoin('activity as a', 'a.id', 'v.activity_id')
      .select(['a.id', 'a.title', 'a.starts_at', 'a.place',
        sql<string[]>`coalesce((select array_agg(d.name order by d.name) from activity_participant ap join deputy d on d.id = ap.deputy_id
          where ap.activity_id = a.id and ap.attendance = 'present'), '{}')`.as('deputy_names')])
      .where('v.project_id', '=', projectId).orderBy('a.starts_at').execute(),
    db.selectFrom('livelihood_rectification').selectAll().where('project_id', '=', projectId).orderBy('id').execute(),
  ]);
  const spent = spending.reduce((sum, s) => sum + Number(s.amount_yuan), 0);
  const todayIs = today();
  return {
    delivery, spent,
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, plannedOn: m.planned_on, doneOn: m.done_on, note: m.note, slipped: m.done_on === null && m.planned_on < todayIs })),
    spending: spending.map((s) => ({ id: s.id, spentOn: s.spent_on, amountYuan: Number(s.amount_yuan), note: s.note })),
    photos, visits, rectifications,
  };
}

/** A project's delivery, for a reader who reaches the project (404 otherwise). */
export async function getDelivery(db: Db, actor: AnyActor, projectId: number) {
  const p = await db.selectFrom('livelihood_project as p').select(['p.id', 'p.state', 'p.budget_yuan', 'p.round_id'])
    .where('p.id', '=', projectId).where(projectVisible(actor, projectColumns('p'))).executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND');
  const f = await facts(db, projectId, { publicOnly: false });
  const e = await db.selectFrom('livelihood_evaluation').selectAll().where('round_id', '=', p.round_id).executeTakeFirst();
  const deputyId = actor.kind === 'account' ? actor.deputyId : null;
  const counts = await db.selectFrom('livelihood_rating').select([
    sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) filter (where rating in ('satisfied', 'basically_satisfied')))::int`.as('ok'),
    sql<Rating | null>`max(rating) filter (where deputy_id = ${deputyId})`.as('mine'),
  ]).where('project_id', '=', projectId).executeTakeFirstOrThrow();
  const open = !!e && e.closed_at === null && today() <= e.closes_on;
  return {
    projectId: p.id, state: p.state, budgetYuan: Number(p.budget_yuan), spentYuan: f.spent,
    progressPercent: progressPercent(p.state, f.milestones.filter((m) => m.doneOn !== null).length, f.milestones.length),
    startedOn: f.delivery?.started_on ?? null, acceptedOn: f.delivery?.accepted_on ?? null, acceptanceNote: f.delivery?.acceptance_note ?? null,
    beneficiaries: f.delivery?.beneficiaries ?? null,
    milestones: f.milestones, spending: f.spending,
    photos: f.photos.map((x) => ({
      id: x.id, name: x.name, caption: x.caption, mime: x.mime, size: x.size, public: x.public, milestoneId: x.milestone_id,
      url: `/api/livelihood/projects/${p.id}/photos/${x.id}`,
    })),
    visits: f.visits.map((v) => ({ activityId: Number(v.id), title: v.title, startsAt: v.starts_at.toISOString(), place: v.place, deputyNames: v.deputy_names })),
    evaluation: e ? {
      open, thresholdPercent: e.threshold_percent, closesOn: e.closes_on, ratingCount: counts.n, satisfiedCount: counts.ok,
      satisfiedPercent: satisfiedPercent(counts.n, counts.ok), myRating: counts.mine,
    } : null,
    rectifications: f.rectifications.map((r) => ({
      id: r.id, body: r.body, dueOn: r.due_on, openedAt: r.opened_at.toISOString(), closedAt: r.closed_at ? r.closed_at.toISOString() : null, closingNote: r.closing_note,
    })),
  };
}

/** A photo of a project the reader reaches. */
export async function getDeliveryPhoto(db: Db, actor: AnyActor, projectId: number, photoId: number) {
  const photo = await db.selectFrom('livelihood_photo as f').innerJoin('livelihood_project as p', 'p.id', 'f.project_id')
    .select(['f.name', 'f.mime', 'f.sha256']).where('f.id', '=', photoId).where('p.id', '=', projectId)
    .where(projectVisible(actor, projectColumns('p'))).executeTakeFirst();
  if (!photo) throw new AppError('NOT_FOUND');
  return withStoredBytes(photo);
}

/** The public's projects: adopted onward, of rounds whose result is published. */
function publicProjects(db: Db) {
  return db.selectFrom('livelihood_project as p').innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
    .innerJoin('congress_term as t', 't.id', 'r.term_id')
    .innerJoin('region as pr', 'pr.code', 'p.region_code')
    .leftJoin('region as cr', 'cr.code', 'r.congress_region_code')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .leftJoin('livelihood_delivery as d', 'd.project_id', 'p.id')
    .select(['p.id', 'p.title', 'p.address', 'p.state', 'p.budget_yuan', 'p.description', 'r.id as round_id', 'r.title as round_title', 'r.year',
      'r.congress_level', 't.number as term_number', 'cr.name as congress_region_name', 'pr.name as region_name', 'u.name as unit_name',
      'd.started_on', 'd.accepted_on', 'd.beneficiaries', 'd.rating_count', 'd.satisfied_count',
      sql<number>`coalesce((select sum(s.amount_yuan) from livelihood_spending s where s.project_id = p.id), 0)::bigint`.as('spent'),
      sql<number>`(select count(*)::int from livelihood_milestone m where m.project_id = p.id)`.as('planned'),
      sql<number>`(select count(*)::int from livelihood_milestone m where m.project_id = p.id and m.done_on is not null)`.as('done'),
      sql<number | null>`(select lr.for_count from livelihood_result lr join livelihood_vote v on v.id = lr.vote_id
        where lr.project_id = p.id and v.outcome = 'counted' order by v.id desc limit 1)`.as('for_count')])
    .where('r.published_at', 'is not', null)
    .where('p.state', 'in', DELIVERY_VIEW_STATES);
}
type PublicRow = Awaited<ReturnType<ReturnType<typeof publicProjects>['executeTakeFirstOrThrow']>>;

export interface PublicListFilters { regionCode?: string | undefined; year?: number | undefined }

export function publicItem(r: PublicRow, congressName: { zh: string; en: string }) {
  return {
    id: r.id, roundId: r.round_id, title: r.title, address: r.address, regionName: r.region_name, congressName, year: r.year, state: r.state,
    budgetYuan: Number(r.budget_yuan), spentYuan: Number(r.spent), progressPercent: progressPercent(r.state, r.done, r.planned),
    startedOn: r.started_on, acceptedOn: r.accepted_on, forCount: r.for_count,
    satisfiedPercent: r.rating_count ? satisfiedPercent(r.rating_count, r.satisfied_count ?? 0) : null,
  };
}

/** The published projects of a region (its congresses and the places inside it) in a year. */
export async function publicProjectRows(db: Db, f: PublicListFilters) {
  let q = publicProjects(db);
  if (f.year !== undefined) q = q.where('r.year', '=', f.year);
  if (f.regionCode) {
    const region = await db.selectFrom('region').select('path').where('code', '=', f.regionCode).executeTakeFirst();
    if (!region) return [];
    q = q.where((eb) => eb.or([eb('r.congress_region_path', 'like', `${region.path}%`), eb('p.region_path', 'like', `${region.path}%`)]));
  }
  return q.orderBy('r.year', 'desc').orderBy(sql`p.ballot_order nulls last`).orderBy('p.id').limit(200).execute();
}

export async function publicProjectRow(db: Db, id: number) {
  const r = await publicProjects(db).where('p.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const f = await facts(db, id, { publicOnly: true });
  return { row: r, facts: f };
}

/** A public photo of a published project. */
export async function getPublicPhoto(db: Db, projectId: number, photoId: number) {
  const photo = await db.selectFrom('livelihood_photo as f').innerJoin('livelihood_project as p', 'p.id', 'f.project_id')
    .innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
    .select(['f.name', 'f.mime', 'f.sha256']).where('f.id', '=', photoId).where('p.id', '=', projectId).where('f.public', '=', true)
    .where('r.published_at', 'is not', null).where('p.state', 'in', DELIVERY_VIEW_STATES).executeTakeFirst();
  if (!photo) throw new AppError('NOT_FOUND');
  return withStoredBytes(photo);
}
