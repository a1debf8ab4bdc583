/**
 * Opinions (cases) linked to a consultation as input (`consultation_case`), typically a hot
 * topic's opinions: those running the topic link the cases they reach while the committee has not
 * deliberated yet; each newly linked case gets the public note 已纳入人大常委会议题征询. Readers of
 * the topic see the linked cases they may see, text masked, with the hot topic they came from.
 */
import { sql, type Kysely } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { now } from '../../platform/clock.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { errorResponses, Id, IdParams, PageQuery } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { bookTitle } from '../../platform/text/bookTitle.js';
import { caseColumns, caseVisible, noteOnCase } from '../cases/index.js';
import { presentOpinion, recordAction, topicInReach as hotTopicInReach } from '../hotTopics/index.js';
import { topicInReach } from './queries.js';

const CLOSED_STATES = ['deliberated', 'handled'];

/**
 * Links cases to a consultation, in the caller's transaction: the topic must be run by the actor
 * (else 404 / 403) and not deliberated yet; every case must be in the actor's reach (else 400 on
 * the field, nothing written). Already linked cases are skipped. With `hotTopicId`, the hot topic
 * (in reach) is recorded as the action's origin.
 */
export async function linkCasesToConsultation(ctx: WriteContext, consultationId: number, caseIds: number[], hotTopicId: number | null): Promise<{ linked: number; actionId: number | null }> {
  const { trx, actor } = ctx;
  const topic = await topicInReach(trx, actor, consultationId);
  if (!topic.manage) throw new AppError('FORBIDDEN');
  if (CLOSED_STATES.includes(topic.state)) throw new AppError('HOT_TOPIC_CONSULTATION_CLOSED');
  const unique = [...new Set(caseIds)];
  const seen = new Set((await trx.selectFrom('opinion as o').select('o.id').where('o.id', 'in', unique).where(caseVisible(actor, caseColumns('o'))).execute()).map((r) => r.id));
  const missing = caseIds.map((id, i) => ({ id, i })).filter(({ id }) => !seen.has(id));
  if (missing.length > 0) throw invalidFields(missing.map(({ i }) => ({ path: `caseIds.${i}`, code: 'UNKNOWN_REFERENCE' })));
  const at = now();
  const inserted = await trx.insertInto('consultation_case')
    .values(unique.map((id) => ({ topic_id: consultationId, case_id: id, linked_by_account_id: actor.accountId || null, linked_at: at })))
    .onConflict((oc) => oc.columns(['topic_id', 'case_id']).doNothing()).returning('case_id').execute();
  for (const r of inserted) await noteOnCase(trx, r.case_id, 'consultation_included', bookTitle(topic.title), { link: `/consultations/${consultationId}` }, at);
  let actionId: number | null = null;
  if (hotTopicId !== null) {
    await hotTopicInReach(trx, actor, hotTopicId);
    actionId = await recordAction(ctx, hotTopicId, 'consultation', consultationId, unique);
  }
  await recordAudit(ctx, { action: 'consultation.link_cases', entityType: 'consultation', entityId: consultationId, after: { caseIds: inserted.map((r) => r.case_id), hotTopicId } });
  return { linked: inserted.length, actionId };
}

async function listLinkedCases(db: Kysely<DB>, actor: Actor, consultationId: number, q: { cursor?: string | undefined; limit: number }) {
  const topic = await topicInReach(db, actor, consultationId);
  const after = decodeCursor(q.cursor, isIdCursor);
  let query = db.selectFrom('consultation_case as l').innerJoin('opinion as o', 'o.id', 'l.case_id')
    .innerJoin('station as s', 's.id', 'o.station_id').leftJoin('case_category as cc', 'cc.id', 'o.category_id')
    .leftJoin('account as ac', 'ac.id', 'l.linked_by_account_id')
    .select(['l.case_id', 'l.linked_at', 'ac.display_name as linked_by', 'o.tracking_code', 'o.content', 'o.place', 'o.submitter_name', 'o.station_id',
      's.name as station_name', 'o.submitted_at', 'o.state', 'cc.name as category_name', 'cc.name_en as category_name_en',
      sql<number | null>`(select a.topic_id from hot_topic_action a where a.kind = 'consultation' and a.target_id = l.topic_id and l.case_id = any(a.case_ids) order by a.id limit 1)`.as('hot_topic_id'),
      sql<string | null>`(select a.topic_label from hot_topic_action a where a.kind = 'consultation' and a.target_id = l.topic_id and l.case_id = any(a.case_ids) order by a.id limit 1)`.as('hot_topic_label')])
    .where('l.topic_id', '=', consultationId).where(caseVisible(actor, caseColumns('o')));
  if (after !== null) query = query.where('l.case_id', '>', after);
  const rows = await query.orderBy('l.case_id').limit(q.limit + 1).execute();
  const total = await db.selectFrom('consultation_case').select((eb) => eb.fn.countAll<number>().as('n')).where('topic_id', '=', consultationId).executeTakeFirstOrThrow();
  const page = toPage(rows, q.limit, (r) => r.case_id, (r) => ({
    ...presentOpinion(r), linkedAt: new Date(r.linked_at).toISOString(), linkedBy: r.linked_by ?? '',
    hotTopic: r.hot_topic_label === null ? null : { id: r.hot_topic_id, label: r.hot_topic_label },
  }));
  return { ...page, total: Number(total.n), canLink: Boolean(topic.manage) && !CLOSED_STATES.includes(topic.state) };
}

const Label = z.object({ zh: z.string(), en: z.string() });
const LinkedCase = z.object({
  caseId: z.number(), trackingCode: z.string(), content: z.string().meta({ description: 'Phone-like digits and ID numbers masked' }),
  category: Label.nullable(), stationId: z.number(), stationName: z.string(), village: z.string().nullable(), place: z.string(),
  submittedAt: z.string(), state: z.string(), stateLabel: Label,
  linkedAt: z.string(), linkedBy: z.string(), hotTopic: z.object({ id: z.number().nullable(), label: z.string() }).nullable(),
}).meta({ id: 'ConsultationCase' });

const tags = ['consultations'];

export const consultationCaseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/consultations/:id/cases', {
    config: { access: 'authenticated', ability: 'consultation.read' },
    schema: {
      tags, summary: '关联的群众意见 Opinions linked to the topic as input (masked)',
      description: 'Only the cases you may see are listed; `total` counts all links. `canLink`: you run the topic and it is not deliberated yet.',
      params: IdParams, querystring: z.object(PageQuery),
      response: { 200: z.object({ items: z.array(LinkedCase), nextCursor: z.string().nullable(), total: z.number(), canLink: z.boolean() }), ...errorResponses },
    },
  }, async (request) => listLinkedCases(app.db, request.actor!, request.params.id, request.query));

  app.post('/api/consultations/:id/cases', {
    config: { access: 'authenticated', ability: 'consultation.manage' },
    schema: {
      tags, summary: '关联群众意见 Link opinions to the topic as input',
      description: 'Cases in your reach (else 400 caseIds.N UNKNOWN_REFERENCE, nothing written); duplicates skipped; each newly linked case gets the public note 已纳入人大常委会议题征询. `hotTopicId`: the hot topic they come from (recorded). 409 HOT_TOPIC_CONSULTATION_CLOSED once deliberated.',
      params: IdParams, body: z.object({ caseIds: z.array(Id).min(1).max(200), hotTopicId: Id.optional() }),
      response: { 201: z.object({ linked: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const { linked } = await runWrite(request, (ctx) => linkCasesToConsultation(ctx, request.params.id, request.body.caseIds, request.body.hotTopicId ?? null));
    reply.status(201);
    return { linked };
  });
};
