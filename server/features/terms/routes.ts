import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS } from '../../../common/enums.js';
import { createTerm, updateTerm } from './commands.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { CivilDate, errorResponses, IdParams, PageQuery, pageOf, patchOf, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { ArchiveTermSchema, TermSchema } from './presenter.js';
import { getArchiveTerms } from '../archive/index.js';
import { getTerm, listTerms } from './queries.js';
import { now } from '../../platform/clock.js';

const TermBody = z.object({
  level: z.enum(DEPUTY_LEVELS.keys),
  regionCode: RegionCode.nullable().default(null).meta({ description: 'The congress\'s region, of the level\'s region level; null for the National People\'s Congress' }),
  number: z.number().int().min(1).max(30).meta({ description: 'The term\'s number: 4 for 第四届' }),
  startsOn: CivilDate.meta({ description: 'First day: the first session of the congress' }),
  endsOn: CivilDate.nullable().default(null).meta({ description: 'Last day; null while it is the running term' }),
});

const today = () => shanghaiDate(now());

export const termRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/terms', {
    config: { access: 'authenticated', ability: 'term.read' },
    schema: {
      tags: ['terms'],
      summary: '人大届次 Terms of the congresses you work under',
      description: 'Staff see the congresses of their subtree and of the regions above it (the NPC included); officers and deputies those at, above '
        + 'and below their stations\' regions (and, for deputies, their own region).',
      querystring: z.object({
        level: z.enum(DEPUTY_LEVELS.keys).optional(),
        regionCode: RegionCode.optional().meta({ description: 'Congresses of this region and of the regions below it' }),
        ...PageQuery,
      }),
      response: { 200: pageOf(TermSchema), ...errorResponses },
    },
  }, async (request) => listTerms(app.db, request.actor!, request.query, today()));

  app.post('/api/terms', {
    config: { access: 'authenticated', ability: 'term.manage' },
    schema: {
      tags: ['terms'], summary: '登记届次 Record a term of a congress',
      description: 'Staff record the terms of the congresses of their region and below; the NPC\'s are the administrators\'. '
        + 'A congress\'s terms may not share a day (409 TERM_OVERLAP), repeat a number (409 TERM_EXISTS) or run against their numbers (409 TERM_OUT_OF_ORDER).',
      body: TermBody, response: { 201: TermSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createTerm(ctx, request.body));
    reply.status(201);
    return getTerm(app.db, request.actor!, id, today());
  });

  app.get('/api/terms/:id', {
    config: { access: 'authenticated', ability: 'term.read' },
    schema: { tags: ['terms'], summary: '届次详情 A term', params: IdParams, response: { 200: TermSchema, ...errorResponses } },
  }, async (request) => getTerm(app.db, request.actor!, request.params.id, today()));

  app.get('/api/deputies/:id/terms', {
    config: { access: 'authenticated', ability: 'archive.read' },
    schema: {
      tags: ['deputies'], summary: '代表的届次 The terms a deputy sits in, for their archive',
      description: 'Each of the deputy\'s levels names a congress and a term number; the terms recorded for them, highest level first. '
        + '`current` is the running term of the highest level, which the archive opens on, or null. Readable as the archive is (404 otherwise).',
      params: IdParams,
      response: { 200: z.object({ terms: z.array(ArchiveTermSchema), current: z.number().nullable() }), ...errorResponses },
    },
  }, async (request) => getArchiveTerms(app.db, request.actor!, request.params.id));

  app.patch('/api/terms/:id', {
    config: { access: 'authenticated', ability: 'term.manage' },
    schema: {
      tags: ['terms'], summary: '修改届次 Correct a term',
      description: 'Its dates (set `endsOn` when the next term begins), its number or its congress, with the version read.',
      params: IdParams, body: patchOf(TermBody), response: { 200: TermSchema, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...patch } = request.body;
    await runWrite(request, (ctx) => updateTerm(ctx, request.params.id, version, patch));
    return getTerm(app.db, request.actor!, request.params.id, today());
  });
};
