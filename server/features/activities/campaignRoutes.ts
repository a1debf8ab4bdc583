import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCampaign, updateCampaign } from './campaignCommands.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { CivilDate, errorResponses, IdParams, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { getCampaign, listCampaigns } from './campaignQueries.js';
import { now } from '../../platform/clock.js';

const CampaignBody = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  regionCode: RegionCode,
  startsOn: CivilDate,
  endsOn: CivilDate,
});
const Campaign = z.object({
  id: z.number(), name: z.string(), description: z.string(), region: z.object({ code: z.string(), fullName: z.string() }),
  startsOn: z.string(), endsOn: z.string(), version: z.number(),
  figures: z.object({
    activities: z.number(), stations: z.number(), deputies: z.number().meta({ description: 'Deputies present at any of its activities' }),
    opinions: z.number().meta({ description: 'Opinions collected during its activities' }), suggestions: z.number(),
  }),
  abilities: z.array(z.enum(['update'])),
}).meta({ id: 'Campaign' });

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/campaigns', {
    config: { access: 'authenticated', ability: 'campaign.read' },
    schema: {
      tags: ['activities'], summary: '主题活动 Campaigns you see, with what they produced',
      querystring: z.object({ current: z.enum(['true', 'false']).optional().meta({ description: '`true`: only those running today' }) }),
      response: { 200: z.array(Campaign), ...errorResponses },
    },
  }, async (request) => listCampaigns(app.db, request.actor!, { current: request.query.current === 'true', today: shanghaiDate(now()) }));

  app.post('/api/campaigns', {
    config: { access: 'authenticated', ability: 'campaign.manage' },
    schema: { tags: ['activities'], summary: '新建主题活动 Create a campaign', body: CampaignBody, response: { 201: Campaign, ...errorResponses } },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createCampaign(ctx, request.body));
    reply.status(201);
    return getCampaign(app.db, request.actor!, id);
  });

  app.get('/api/campaigns/:id', {
    config: { access: 'authenticated', ability: 'campaign.read' },
    schema: { tags: ['activities'], summary: '主题活动详情 A campaign', params: IdParams, response: { 200: Campaign, ...errorResponses } },
  }, async (request) => getCampaign(app.db, request.actor!, request.params.id));

  app.put('/api/campaigns/:id', {
    config: { access: 'authenticated', ability: 'campaign.manage' },
    schema: {
      tags: ['activities'], summary: '修改主题活动 Edit a campaign',
      params: IdParams, body: CampaignBody.extend({ version: z.number().int().positive() }), response: { 200: Campaign, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...body } = request.body;
    await runWrite(request, (ctx) => updateCampaign(ctx, request.params.id, version, body));
    return getCampaign(app.db, request.actor!, request.params.id);
  });
};
