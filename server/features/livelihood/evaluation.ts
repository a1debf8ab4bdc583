/**
 * The year-end satisfaction evaluation (满意度测评) of a round's projects: the congress's staff open
 * it with a threshold (the share of 满意 and 基本满意 ratings a project needs, 80% unless set) and
 * a closing day; every serving deputy of the congress term rates each project once (completed
 * ones, and those still in progress, which are rated as they stand); at the close every accepted
 * project is `evaluate`d when it reaches the threshold, and gets a rectification item
 * (`open_rectification`, due in three months, its unit told) when it does not. Each write is one
 * transaction with its audit record; the ratings are read as counts only, never shown one by one.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Rating } from '../../../common/caseVocabulary.js';
import type { Actor, AnyActor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { notify } from '../../platform/notify/notify.js';
import { clerksOf } from '../../platform/notify/audience.js';
import { projectColumns, projectVisible, roundColumns, roundVisible, runsCongress } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { takeProjectAction } from './projectActions.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The threshold when staff name none. */
export const DEFAULT_THRESHOLD_PERCENT = 80;
/** The states in which a project may be rated. */
export const RATABLE_STATES = ['in_progress', 'completed'] as const;

/** The share satisfied (满意 + 基本满意) of the ratings given, in percent with one decimal; null without ratings. */
export function satisfiedPercent(ratingCount: number, satisfiedCount: number): number | null {
  return ratingCount === 0 ? null : Math.round((satisfiedCount * 1000) / ratingCount) / 10;
}

/** Does a project with these ratings reach the threshold? Exactly the threshold reaches it. */
export function reachesThreshold(ratingCount: number, satisfiedCount: number, thresholdPercent: number): boolean {
  return satisfiedCount * 100 >= thresholdPercent * ratingCount;
}

async function roundFor(db: Db, actor: AnyActor, roundId: number) {
  const r = await db.selectFrom('livelihood_round as r').select(['r.id', 'r.term_id', 'r.title', 'r.state', 'r.congress_region_path', 'r.congress_region_code'])
    .where('r.id', '=', roundId).where(roundVisible(actor, roundColumns('r'))).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

/** The evaluation of a round as the reader sees it: its window, and each adopted project's counts (and the reader's own rating). */
export async function getEvaluation(db: Db, actor: AnyActor, roundId: number) {
  const round = await roundFor(db, actor, roundId);
  const e = await db.selectFrom('livelihood_evaluation').selectAll().where('round_id', '=', roundId).executeTakeFirst();
  const deputyId = actor.kind === 'account' ? actor.deputyId : null;
  const projects = await db.selectFrom('livelihood_project as p')
    .select(['p.id', 'p.title', 'p.state',
      sql<number>`(select count(*)::int from livelihood_rating lr where lr.project_id = p.id)`.as('rating_count'),
      sql<number>`(select count(*)::int from livelihood_rating lr where lr.project_id = p.id and lr.rating in ('satisfied', 'basically_satisfied'))`.as('satisfied_count'),
      sql<Rating | null>`(select lr.rating from livelihood_rating lr where lr.project_id = p.id and lr.deputy_id = ${deputyId})`.as('my_rating')])
    .where('p.round_id', '=', roundId).where('p.state', 'in', ['adopted', 'in_progress', 'completed', 'evaluated', 'rectifying', 'closed'])
    .where(projectVisible(actor, projectColumns('p'))).orderBy('p.ballot_order').orderBy('p.id').execute();
  const total = await db.selectFrom('deputy as dep').select(sql<number>`count(*)::int`.as('n')).where(sitsInTerm(sql.ref('dep.id'), round.term_id)).executeTakeFirstOrThrow();
  const open = !!e && e.closed_at === null && shanghaiDate(clockNow()) <= e.closes_on;
  const member = deputyId !== null && (await db.selectFrom('deputy as d').select('d.id').where('d.id', '=', deputyId).where(sitsInTerm(deputyId, round.term_id)).executeTakeFirst()) !== undefined;
  return {
    roundId, title: round.title, open, thresholdPercent: e?.threshold_percent ?? null, closesOn: e?.closes_on ?? null,
    openedAt: e ? e.opened_at.toISOString() : null, closedAt: e?.closed_at ? e.closed_at.toISOString() : null, totalDeputies: total.n,
    canRate: open && member, canManage: runsCongress(actor, round.congress_region_path),
    projects: projects.map((p) => ({
      projectId: p.id, title: p.title, state: p.state, ratingCount: p.rating_count, satisfiedCount: p.satisfied_count,
      satisfiedPercent: satisfiedPercent(p.rating_count, p.satisfied_count),
      belowThreshold: e && p.rating_count > 0 ? !reachesThreshold(p.rating_count, p.satisfied_count, e.threshold_percent) : null,
      myRating: p.my_rating, ratable: (RATABLE_STATES as readonly string[]).includes(p.state),
    })),
  };
}

async function lockOwnRound(ctx: WriteContext<Actor>, roundId: number) {
  const round = await ctx.trx.selectFrom('livelihood_round as r').select(['r.id', 'r.term_id', 'r.title', 'r.state', 'r.congress_region_path', 'r.congress_region_code'])
    .where('r.id', '=', roundId).where(roundVisible(ctx.actor, roundColumns('r'))).forUpdate().executeTakeFirst();
  if (!round) throw new AppError('NOT_FOUND');
  if (!runsCongress(ctx.actor, round.congress_region_path)) throw new AppError('FORBIDDEN');
  return round;
}

/** Opens a round's evaluation (once), from a counted round. */
export async function openEvaluation(ctx: WriteContext<Actor>, roundId: number, input: { thresholdPercent: number; closesOn: string }, now = clockNow()) {
  const round = await lockOwnRound(ctx, roundId);
  if (round.state !== 'counted') throw new AppError('LIVELIHOOD_EVALUATION_NOT_OPEN');
  if (input.closesOn < shanghaiDate(now)) throw invalidFields([{ path: 'closesOn', code: 'DATE_INVALID' }]);
  const row = await ctx.trx.insertInto('livelihood_evaluation').values({
    round_id: roundId, threshold_percent: input.thresholdPercent, opened_at: now, opened_by_account_id: ctx.actor.accountId || null, closes_on: input.closesOn,
  }).onConflict((oc) => oc.column('round_id').doNothing()).returning('round_id').executeTakeFirst();
  if (!row) throw new AppError('LIVELIHOOD_EVALUATION_EXISTS');
  await recordAudit(ctx, { action: 'livelihood.evaluation_open', entityType: 'livelihood_round', entityId: roundId, after: input });
}

/** A deputy of the round's congress term rates one project, once, while the evaluation is open. */
export async function rateProject(ctx: WriteContext<Actor>, projectId: number, rating: Rating, now = clockNow()) {
  const p = await ctx.trx.selectFrom('livelihood_project as p').innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
    .leftJoin('livelihood_evaluation as e', 'e.round_id', 'r.id')
    .select(['p.id', 'p.state', 'r.term_id', 'e.closes_on', 'e.closed_at', 'e.round_id as evaluation'])
    .where('p.id', '=', projectId).where(projectVisible(ctx.actor, projectColumns('p'))).executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND');
  const deputyId = ctx.actor.deputyId;
  const member = deputyId !== null && await ctx.trx.selectFrom('deputy as d').select('d.id').where('d.id', '=', deputyId).where(sitsInTerm(deputyId, p.term_id)).executeTakeFirst();
  if (!member) throw new AppError('LIVELIHOOD_NOT_A_DEPUTY_OF_CONGRESS');
  if (p.evaluation === null || p.closed_at !== null || shanghaiDate(now) > p.closes_on! || !(RATABLE_STATES as readonly string[]).includes(p.state)) {
    throw new AppError('LIVELIHOOD_EVALUATION_NOT_OPEN');
  }
  const row = await ctx.trx.insertInto('livelihood_rating').values({ project_id: projectId, deputy_id: deputyId!, rating, rated_at: now })
    .onConflict((oc) => oc.columns(['project_id', 'deputy_id']).doNothing()).returning('project_id').executeTakeFirst();
  if (!row) throw new AppError('LIVELIHOOD_ALREADY_RATED');
  await recordAudit(ctx, { action: 'livelihood.rate', entityType: 'livelihood_project', entityId: projectId, after: { deputyId, rating } });
}

/**
 * Closes a round's evaluation: each accepted project reaching the threshold is evaluated, each
 * below it gets a rectification item and its unit is told. Projects without a rating stay as they are.
 */
export async function closeEvaluation(ctx: WriteContext<Actor>, roundId: number, now = clockNow()) {
  await lockOwnRound(ctx, roundId);
  const e = await ctx.trx.selectFrom('livelihood_evaluation').selectAll().where('round_id', '=', roundId).forUpdate().executeTakeFirst();
  if (!e || e.closed_at !== null) throw new AppError('LIVELIHOOD_EVALUATION_NOT_OPEN');
  await ctx.trx.updateTable('livelihood_evaluation').set({ closed_at: now, closed_by_account_id: ctx.actor.accountId || null }).where('round_id', '=', roundId).execute();
  const projects = await ctx.trx.selectFrom('livelihood_project as p')
    .select(['p.id', 'p.title', 'p.unit_id',
      sql<number>`(select count(*)::int from livelihood_rating lr where lr.project_id = p.id)`.as('n'),
      sql<number>`(select count(*)::int from livelihood_rating lr where lr.project_id = p.id and lr.rating in ('satisfied', 'basically_satisfied'))`.as('ok')])
    .where('p.round_id', '=', roundId).where('p.state', '=', 'completed').orderBy('p.id').execute();
  const outcome: { projectId: number; percent: number | null; to: string }[] = [];
  for (const p of projects) {
    if (p.n === 0) { outcome.push({ projectId: p.id, percent: null, to: 'completed' }); continue; }
    const percent = satisfiedPercent(p.n, p.ok)!;
    if (reachesThreshold(p.n, p.ok, e.threshold_percent)) {
      await takeProjectAction(ctx, p.id, { action: 'evaluate', comment: `满意度测评满意率 ${percent}%(${p.ok}/${p.n}),达到 ${e.threshold_percent}%` }, { now });
      outcome.push({ projectId: p.id, percent, to: 'evaluated' });
    } else {
      const comment = `满意度测评满意率 ${percent}%(${p.ok}/${p.n}),低于 ${e.threshold_percent}%:请责任单位对照代表意见整改并报告整改情况`;
      await takeProjectAction(ctx, p.id, { action: 'open_rectification', comment }, { now });
      if (p.unit_id !== null) {
        await notify(ctx.trx, { accountIds: clerksOf(ctx.trx, [p.unit_id]), kind: 'livelihood.open_rectification', title: '民生实事项目满意度测评未达标,请整改', body: `《${p.title}》${comment}`, link: `/livelihood/projects/${p.id}` });
      }
      outcome.push({ projectId: p.id, percent, to: 'rectifying' });
    }
  }
  await recordAudit(ctx, { action: 'livelihood.evaluation_close', entityType: 'livelihood_round', entityId: roundId, after: { thresholdPercent: e.threshold_percent, outcome } });
  return outcome;
}
