/**
 * A congress's sessions and its suggestion settings, for its staff: staff above read them, the
 * congress's own staff (and administrators) change them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS } from '../../../common/enums.js';
import { CivilDate, errorResponses, Id, IdParams, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { createSession, listSessions, updateSession } from './sessions.js';
import { congressInReach, saveSettings, settingsFor } from './settings.js';

const Session = z.object({ id: z.number(), termId: z.number(), number: z.number(), opensOn: z.string(), closesOn: z.string() });
const SessionBody = z.object({
  number: z.number().int().min(1).max(30).meta({ description: '3 for 第三次会议' }),
  opensOn: CivilDate, closesOn: CivilDate,
});
const sessionErrors = 'Its dates lie within the term\'s (409 SESSION_OUTSIDE_TERM); a number taken answers 409 SESSION_EXISTS, days shared with another session 409 SESSION_OVERLAP.';

const Congress = z.object({
  level: z.enum(DEPUTY_LEVELS.keys),
  regionCode: RegionCode.optional().meta({ description: 'The congress\'s region; left out for the National People\'s Congress' }),
});
const Settings = z.object({
  motionMinCosigners: z.number().int().min(1).max(100).meta({ description: 'Confirmed co-signers a motion needs' }),
  reassignWindowDays: z.number().int().min(1).max(30).meta({ description: 'Working days after assignment to ask for a different assignment' }),
  coViewDaysBefore: z.number().int().min(1).max(90).meta({ description: 'Calendar days before the lead unit\'s deadline by which co-units send their views' }),
  normalMonths: z.number().int().min(1).max(12),
  complexMonths: z.number().int().min(1).max(12),
  rehandleMonths: z.number().int().min(1).max(6),
});

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/congress-sessions', {
    config: { access: 'authenticated', ability: 'suggestion.manage' },
    schema: {
      tags: ['suggestions'], summary: '大会会议 The sessions of a congress term',
      querystring: z.object({ termId: QueryId }),
      response: { 200: z.array(Session), ...errorResponses },
    },
  }, async (request) => listSessions(app.db, request.actor!, request.query.termId));

  app.post('/api/congress-sessions', {
    config: { access: 'authenticated', ability: 'suggestion.manage' },
    schema: {
      tags: ['suggestions'], summary: '登记大会会议 Record a session of a term',
      description: `By the congress's own staff. ${sessionErrors}`,
      body: SessionBody.extend({ termId: Id }),
      response: { 201: Session, ...errorResponses },
    },
  }, async (request, reply) => {
    const { termId, ...session } = request.body;
    const created = await runWrite(request, (ctx) => createSession(ctx, termId, session));
    reply.status(201);
    return created;
  });

  app.put('/api/congress-sessions/:id', {
    config: { access: 'authenticated', ability: 'suggestion.manage' },
    schema: {
      tags: ['suggestions'], summary: '修改大会会议 Change a session',
      description: sessionErrors, params: IdParams, body: SessionBody, response: { 200: Session, ...errorResponses },
    },
  }, async (request) => runWrite(request, (ctx) => updateSession(ctx, request.params.id, request.body)));

  app.get('/api/suggestion-settings', {
    config: { access: 'authenticated', ability: 'suggestion.manage' },
    schema: {
      tags: ['suggestions'], summary: '建议办理设置 A congress\'s suggestion settings',
      description: 'Its own (`custom`) or its level\'s defaults (a motion needs 10 co-signers at county level and above, 5 at township level).',
      querystring: Congress,
      response: { 200: Settings.extend({ custom: z.boolean() }), ...errorResponses },
    },
  }, async (request) => {
    const { level, regionCode = null } = request.query;
    await congressInReach(app.db, request.actor!, { level, regionCode });
    return settingsFor(app.db, level, regionCode);
  });

  app.put('/api/suggestion-settings', {
    config: { access: 'authenticated', ability: 'suggestion.manage' },
    schema: {
      tags: ['suggestions'], summary: '修改建议办理设置 Change a congress\'s suggestion settings',
      description: 'By the congress\'s own staff; staff above read them only (403).',
      body: Congress.extend(Settings.shape),
      response: { 200: Settings.extend({ custom: z.boolean() }), ...errorResponses },
    },
  }, async (request) => {
    const { level, regionCode = null, ...settings } = request.body;
    await runWrite(request, (ctx) => saveSettings(ctx, { level, regionCode }, settings));
    return settingsFor(app.db, level, regionCode);
  });
};
