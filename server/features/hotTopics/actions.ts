/**
 * What is made of a hot topic, each in one transaction with its audit record and a
 * `hot_topic_action` row naming the topic it came from: a deliberation-day topic (through the
 * deliberations feature's command, source `hot_topic`), a deputy's draft suggestion (the existing
 * draft page, opened with the topic's opinions), or input to a standing-committee consultation
 * (`consultation_case`). Only the topic's opinions the actor reaches are carried over.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { HotTopicActionKind } from '../../platform/db/schemaHotTopics.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { now } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { createDeliberationTopic } from '../deliberations/index.js';
import { linkCasesToConsultation } from '../consultations/index.js';
import { actionsTakenOn, countyInReach, countyRefreshableCheck, topicActions, topicInReach, visibleCaseIds } from './queries.js';
import { computeRun, pruneRuns, type RunSummary } from './compute.js';
import { recordAction } from './record.js';

/** Most opinions carried into a deliberation topic (the deliberations feature's limit). */
const DELIBERATION_CASES = 50;
/** Most opinions carried into a draft suggestion's address or a consultation at once. */
const MAX_CASES = 200;
/** A street's or town's region code. */
export const TOWN_CODE = /^\d{9}$/;

export async function refreshRun(ctx: WriteContext, regionCode: string, windowDays: number): Promise<RunSummary> {
  const county = await countyInReach(ctx.trx, ctx.actor, regionCode);
  if (!(await countyRefreshableCheck(ctx.trx, ctx.actor, county.code))) throw new AppError('NOT_FOUND');
  const run = await computeRun(ctx.trx, county.code, windowDays, 'refresh', ctx.actor.accountId);
  await pruneRuns(ctx.trx, now());
  await recordAudit(ctx, { action: 'hot_topic.refresh', entityType: 'hot_topic_run', entityId: run.id, after: run });
  return run;
}

async function prepare(ctx: WriteContext, topicId: number, kind: HotTopicActionKind, limit: number) {
  const topic = await topicInReach(ctx.trx, ctx.actor, topicId);
  if (!topicActions(ctx.actor).includes(kind)) throw new AppError('FORBIDDEN');
  const caseIds = await visibleCaseIds(ctx.trx, ctx.actor, topicId, limit);
  if (caseIds.length === 0) throw new AppError('HOT_TOPIC_NO_OPINIONS');
  return { topic, caseIds };
}

/** The street or town most of these opinions come from (their stations' home regions at town level). */
async function commonTown(trx: Transaction<DB>, caseIds: number[]): Promise<string | null> {
  const row = await trx.selectFrom('opinion as o').innerJoin('station as s', 's.id', 'o.station_id')
    .innerJoin('region as g', 'g.code', 's.home_region_code')
    .select(['g.code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('o.id', 'in', caseIds).where('g.level', '=', 'town')
    .groupBy('g.code').orderBy(sql`count(*)`, 'desc').orderBy('g.code').limit(1).executeTakeFirst();
  return row?.code ?? null;
}

/** Whether the code names a street or town (9 digits, level `town`). */
async function isTown(trx: Transaction<DB>, code: string): Promise<boolean> {
  if (!TOWN_CODE.test(code)) return false;
  return Boolean(await trx.selectFrom('region').select('code').where('code', '=', code).where('level', '=', 'town').executeTakeFirst());
}

export async function makeDeliberationTopic(ctx: WriteContext, topicId: number, input: { regionCode?: string | undefined; title?: string | undefined; description?: string | undefined }) {
  const { topic, caseIds } = await prepare(ctx, topicId, 'deliberation', DELIBERATION_CASES);
  const regionCode = input.regionCode ?? (await commonTown(ctx.trx, caseIds));
  // A deliberation is held by a street or town: a 9-digit code of an existing one (else no town to default to).
  if (regionCode === null || !(await isTown(ctx.trx, regionCode))) throw new AppError('DELIBERATION_REGION_INVALID');
  // Once per street or town for these opinions, whichever run's topic made it.
  const done = await actionsTakenOn(ctx.trx, topic).select('a.id')
    .where('a.kind', '=', 'deliberation').where('a.target_region_code', '=', regionCode).executeTakeFirst();
  if (done) throw new AppError('HOT_TOPIC_ACTION_DONE');
  const description = input.description ?? `热点议题:${topic.label}(${topic.opinion_count} 条群众意见,来自 ${topic.station_count} 个联络站)。关键词:${topic.keywords.join('、')}`;
  const deliberationTopicId = await createDeliberationTopic(ctx, { regionCode, title: (input.title ?? topic.label).slice(0, 200), description: description.slice(0, 5000), source: 'hot_topic', caseIds, hotTopicId: topicId });
  const actionId = await recordAction(ctx, topicId, 'deliberation', deliberationTopicId, caseIds, regionCode);
  return { actionId, deliberationTopicId, url: `/deliberations/topics/${deliberationTopicId}` };
}

export async function startSuggestion(ctx: WriteContext, topicId: number) {
  const { caseIds } = await prepare(ctx, topicId, 'suggestion', 20);
  const actionId = await recordAction(ctx, topicId, 'suggestion', null, caseIds);
  return { actionId, caseIds, url: `/my-suggestions/new?caseIds=${caseIds.join(',')}&hotTopicId=${topicId}` };
}

export async function giveToConsultation(ctx: WriteContext, topicId: number, consultationId: number) {
  const { caseIds } = await prepare(ctx, topicId, 'consultation', MAX_CASES);
  const { linked, actionId } = await linkCasesToConsultation(ctx, consultationId, caseIds, topicId);
  return { actionId: actionId!, linked, consultationId, url: `/consultations/${consultationId}` };
}
