/**
 * The public pages of livelihood projects (/m/projects): a region's projects of a year with their
 * progress, one project with its milestones, public photos, visits and acceptance, and the form
 * on which a constituent proposes a candidate project to a round that is collecting. Rate-limited
 * per address like the other public routes; nothing personal is shown (a proposer is never named).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow, today } from '../../platform/clock.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { attachment } from '../../platform/http/download.js';
import { ErrorResponse, IdParams, MobilePhone, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { congressTermName } from '../terms/index.js';
import { getPublicPhoto, publicItem, publicProjectRow, publicProjectRows } from './deliveryQueries.js';
import { PROJECT_STATE_LABELS, PROJECT_STATES } from './workflow.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const PublicError = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
/** Read by anyone: as generous as following a case, per address. */
const READ = { max: 60, timeWindow: '1 minute' };
/** A proposal: as sparing as a new opinion. */
const WRITE = { max: 10, timeWindow: '10 minutes' };

const PublicProjectItem = z.object({
  id: z.number(), roundId: z.number(), title: z.string(), address: z.string(), regionName: z.string(), congressName: Label, year: z.number(),
  state: z.enum(PROJECT_STATES), stateLabel: Label, budgetYuan: z.number(), spentYuan: z.number(), progressPercent: z.number(),
  startedOn: z.string().nullable(), acceptedOn: z.string().nullable(), forCount: z.number().nullable().meta({ description: 'For-votes at the count' }),
  satisfiedPercent: z.number().nullable().meta({ description: 'The year-end evaluation: share 满意 + 基本满意, once decided' }),
}).meta({ id: 'PublicLivelihoodProjectItem' });

const PublicProject = PublicProjectItem.extend({
  description: z.string(), unitName: z.string().nullable(), roundTitle: z.string(), beneficiaries: z.number().nullable(),
  milestones: z.array(z.object({ title: z.string(), plannedOn: z.string(), doneOn: z.string().nullable() })),
  photos: z.array(z.object({ id: z.number(), caption: z.string(), url: z.string() })),
  visits: z.array(z.object({ title: z.string(), day: z.string() })),
  rectifications: z.array(z.object({ body: z.string(), dueOn: z.string(), closed: z.boolean() })),
}).meta({ id: 'PublicLivelihoodProject' });

const congressName = (r: { congress_level: Parameters<typeof congressTermName>[0]; congress_region_name: string | null; term_number: number }) =>
  congressTermName(r.congress_level, r.congress_region_name, r.term_number);

export const livelihoodPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/livelihood/projects', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags: ['public'], summary: '民生实事项目公开 A region\'s livelihood projects of a year, with their progress',
      description: 'Projects voted in (adopted and on) of rounds whose result is published, of the congresses in the region or placed in it; newest year first, at most 200.',
      querystring: z.object({ regionCode: RegionCode.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: z.object({ items: z.array(PublicProjectItem) }), ...PublicError },
    },
  }, async (request) => {
    const rows = await publicProjectRows(app.db, request.query);
    return { items: rows.map((r) => ({ ...publicItem(r, congressName(r)), stateLabel: PROJECT_STATE_LABELS[r.state] })) };
  });

  app.get('/api/public/livelihood/projects/:id', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags: ['public'], summary: '民生实事项目进展 One project: milestones, public photos, supervision visits, acceptance, evaluation',
      description: 'A project not voted in, or of a round not published, answers 404. No proposer, no internal photo.',
      params: IdParams, response: { 200: PublicProject, ...PublicError },
    },
  }, async (request) => {
    const { row, facts } = await publicProjectRow(app.db, request.params.id);
    return {
      ...publicItem(row, congressName(row)), stateLabel: PROJECT_STATE_LABELS[row.state],
      description: row.description, unitName: row.unit_name, roundTitle: row.round_title, beneficiaries: row.beneficiaries,
      milestones: facts.milestones.map((m) => ({ title: m.title, plannedOn: m.plannedOn, doneOn: m.doneOn })),
      photos: facts.photos.map((p) => ({ id: p.id, caption: p.caption, url: `/api/public/livelihood/projects/${row.id}/photos/${p.id}` })),
      visits: facts.visits.map((v) => ({ title: v.title, day: shanghaiDate(v.starts_at) })),
      rectifications: facts.rectifications.map((r) => ({ body: r.body, dueOn: r.due_on, closed: r.closed_at !== null })),
    };
  });

  app.get('/api/public/livelihood/projects/:id/photos/:photoId', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags: ['public'], summary: '民生实事项目进度照片 A public progress photo',
      description: 'An internal photo, or a project not public, answers 404.',
      params: IdParams.extend({ photoId: QueryId }),
    },
  }, async (request, reply) => {
    const { id, photoId } = request.params;
    const photo = await getPublicPhoto(app.db, id, photoId);
    reply.header('content-type', photo.mime).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachment(photo.name, `project-${id}-photo-${photoId}`).replace(/^attachment/, 'inline'));
    return reply.send(Buffer.from(photo.bytes));
  });

  app.get('/api/public/livelihood/rounds', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags: ['public'], summary: '正在征集的民生实事项目 Rounds collecting candidate projects now',
      description: 'Rounds in their collection window today, of the congresses in the region (or above it, for a town inside a county).',
      querystring: z.object({ regionCode: RegionCode.optional() }),
      response: {
        200: z.object({ items: z.array(z.object({ id: z.number(), title: z.string(), congressName: Label, year: z.number(), collectClosesOn: z.string(), regionCode: z.string().nullable() })) }),
        ...PublicError,
      },
    },
  }, async (request) => {
    const on = today();
    let q = app.db.selectFrom('livelihood_round as r').innerJoin('congress_term as t', 't.id', 'r.term_id').leftJoin('region as cr', 'cr.code', 'r.congress_region_code')
      .select(['r.id', 'r.title', 'r.year', 'r.collect_closes_on', 'r.congress_level', 'r.congress_region_code', 't.number as term_number', 'cr.name as congress_region_name'])
      .where('r.state', '=', 'collecting').where('r.collect_opens_on', '<=', on).where('r.collect_closes_on', '>=', on);
    if (request.query.regionCode) {
      const region = await app.db.selectFrom('region').select('path').where('code', '=', request.query.regionCode).executeTakeFirst();
      if (!region) return { items: [] };
      q = q.where(sql<SqlBool>`(r.congress_region_path like ${`${region.path}%`} or ${region.path} like r.congress_region_path || '%')`);
    }
    const rows = await q.orderBy('r.collect_closes_on').orderBy('r.id').limit(50).execute();
    return { items: rows.map((r) => ({ id: r.id, title: r.title, congressName: congressName(r), year: r.year, collectClosesOn: r.collect_closes_on, regionCode: r.congress_region_code })) };
  });

  app.post('/api/public/livelihood/proposals', {
    config: { access: 'public', rateLimit: WRITE },
    schema: {
      tags: ['public'], summary: '群众提出民生实事项目建议 A constituent proposes a candidate project',
      description: 'To a round collecting today (409 LIVELIHOOD_ROUND_NOT_COLLECTING). The place must lie in the congress\'s region. '
        + 'The name and phone are kept for the congress\'s staff only (others see them masked); no estimate of cost is asked (0 until the government\'s shortlist).',
      body: z.object({
        roundId: z.number().int().positive().max(2_147_483_647),
        title: z.string().trim().min(1).max(200),
        regionCode: RegionCode.optional().meta({ description: 'Where: a village or community inside the congress\'s region (default: the congress\'s region)' }),
        address: z.string().trim().max(200).default(''),
        description: z.string().trim().min(1).max(5000),
        name: z.string().trim().min(1).max(50),
        phone: MobilePhone.optional(),
      }),
      response: { 200: z.object({ id: z.number(), roundTitle: z.string() }), ...PublicError },
    },
  }, async (request) => {
    const b = request.body;
    return app.db.transaction().execute(async (trx) => {
      const on = today();
      const round = await trx.selectFrom('livelihood_round').select(['id', 'title', 'state', 'collect_opens_on', 'collect_closes_on', 'congress_region_path', 'congress_region_code'])
        .where('id', '=', b.roundId).forUpdate().executeTakeFirst();
      if (!round) throw new AppError('NOT_FOUND');
      if (round.state !== 'collecting' || on < round.collect_opens_on || on > round.collect_closes_on) throw new AppError('LIVELIHOOD_ROUND_NOT_COLLECTING');
      const code = b.regionCode ?? round.congress_region_code;
      const region = code ? await trx.selectFrom('region').select(['code', 'path']).where('code', '=', code).executeTakeFirst() : undefined;
      if (!region) throw invalidFields([{ path: 'regionCode', code: code ? 'UNKNOWN_REFERENCE' : 'REQUIRED' }]);
      if (!region.path.startsWith(round.congress_region_path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
      const now = clockNow();
      const row = await trx.insertInto('livelihood_project').values({
        round_id: round.id, congress_region_path: round.congress_region_path, title: b.title, region_code: region.code, region_path: region.path,
        address: b.address, description: b.description, budget_yuan: 0, unit_id: null, origin: 'constituent', proposer_deputy_id: null, proposer_unit_id: null,
        proposer_name: b.name, proposer_phone: b.phone ?? null, station_id: null, created_by_account_id: null, state: 'proposed', updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('livelihood_project_event').values({
        project_id: row.id, at: now, actor_kind: 'proposer', actor_account_id: null, actor_name: PUBLIC_ACTOR.displayName,
        action: 'create', from_state: null, to_state: 'proposed', comment: null, public: false, data: JSON.stringify({ origin: 'constituent', channel: 'public_form' }),
      }).execute();
      // The audit record names no one: the name and phone are in the project's row, for its staff.
      await recordAudit({ trx, actor: PUBLIC_ACTOR, ip: request.ip }, {
        action: 'livelihood_project.create', entityType: 'livelihood_project', entityId: row.id,
        after: { roundId: round.id, title: b.title, origin: 'constituent', channel: 'public_form' },
      });
      return { id: row.id, roundTitle: round.title };
    });
  });
};
