import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, errorResponses, IdParams } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { LOOKUP_KEY_HOURS, LOOKUP_MAX_FAILURES, LOOKUP_MAX_TOTAL_FAILURES, lookUpCase, lookupStatus, unlockLookup } from './lookup.js';
import { PIN_DIGITS } from './trackingCode.js';

const LookupStatus = z.object({
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  failures: z.number().meta({ description: `Failed look-ups in a row; the code locks at ${LOOKUP_MAX_FAILURES}` }),
  totalFailures: z.number().meta({ description: `Failed look-ups since staff last unlocked it; at ${LOOKUP_MAX_TOTAL_FAILURES} only staff unlock it` }),
  linkUnlocks: z.boolean().meta({ description: 'Opening the case with its full link would unlock it (false once only staff may)' }),
  hasPin: z.boolean().meta({ description: 'The submitter was given a query PIN' }),
  phoneLookup: z.boolean().meta({ description: 'The look-up by the phone\'s last four digits is open for this case (a phone was given and the code was never public)' }),
  recent: z.array(z.object({ at: z.string(), method: z.enum(['pin', 'phone', 'link', 'staff']), outcome: z.enum(['ok', 'wrong', 'locked', 'unlocked']) })),
}).meta({ id: 'CaseLookupStatus' });

export const lookupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/public/opinions/lookup', {
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
    schema: {
      tags: ['public'],
      summary: '凭编号查询 Find one\'s case again with the tracking code and the PIN (or the phone\'s last four digits)',
      description: `Exactly one secret: \`pin\` (the ${PIN_DIGITS} digits on the receipt) or \`phoneLast4\`. Answers a key accepted like the query key `
        + `(\`?key=\` or \`X-Query-Key\`) for ${LOOKUP_KEY_HOURS} hours. A wrong secret and an unknown code answer alike (404 LOOKUP_FAILED). `
        + `After ${LOOKUP_MAX_FAILURES} failures in a row, from any address, the code locks (423 LOOKUP_LOCKED) until the case is opened with its full link or staff unlock it.`,
      body: z.object({
        code: z.string().trim().min(1).max(20),
        pin: z.string().trim().regex(new RegExp(`^\\d[\\d\\s-]{${PIN_DIGITS - 2},${PIN_DIGITS + 4}}\\d$`)).optional(),
        phoneLast4: z.string().trim().regex(/^\d{4}$/).optional(),
      }).refine((b) => (b.pin === undefined) !== (b.phoneLast4 === undefined), { message: 'REQUIRED', path: ['pin'] }),
      response: {
        200: z.object({ trackingCode: z.string(), key: z.string() }).meta({ id: 'LookupResult' }),
        400: ErrorResponse, 404: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse,
      },
    },
  }, async (request) => lookUpCase(app.db, request.body, request.ip));

  app.get('/api/cases/:id/lookup', {
    config: { access: 'authenticated', ability: 'case.lookup' },
    schema: {
      tags: ['cases'], summary: '群众查询状态 Whether the constituent\'s look-up of a case is locked, and its latest look-ups',
      params: IdParams, response: { 200: LookupStatus, ...errorResponses },
    },
  }, async (request) => lookupStatus(app.db, request.actor!, request.params.id));

  app.post('/api/cases/:id/lookup/unlock', {
    config: { access: 'authenticated', ability: 'case.lookup' },
    schema: {
      tags: ['cases'], summary: '解锁群众查询 Unlock the constituent\'s look-up (after she proved who she is)',
      params: IdParams, response: { 200: LookupStatus, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => unlockLookup(ctx, request.params.id));
    return lookupStatus(app.db, request.actor!, request.params.id);
  });
};
