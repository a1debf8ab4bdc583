/**
 * The deputy's drafting routes: where a suggestion may go, drafting and changing it, its files,
 * and the deputies who may be asked to co-sign. Co-signing, submitting and review are workflow
 * actions (POST /api/suggestions/{id}/actions).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS } from '../../../common/enums.js';
import { errorResponses, Id, IdParams, OkResponse, QueryId, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { takeSuggestionAction } from './act.js';
import { addDraftFile, checkDraftFile, congressOptions, createSuggestion, invitableDeputies, MAX_DRAFT_FILES, removeDraftFile } from './draftCommands.js';
import type { EditBody } from './draftActions.js';
import { SUGGESTION_STATES } from './workflow.js';

const Label = z.object({ zh: z.string(), en: z.string() });

const Draft = z.object({
  kind: z.enum(['suggestion', 'motion']).meta({ description: '`suggestion` (建议、批评和意见) or `motion` (议案, during a session, with enough co-signers)' }),
  title: z.string().trim().min(1).max(200),
  reasons: z.string().trim().max(20000).meta({ description: '案由 / 理由' }),
  proposals: z.string().trim().max(20000).meta({ description: '建议 / 办法' }),
  categoryId: Id,
  regionCode: RegionCode.meta({ description: 'The region it concerns, inside the congress\'s region' }),
  level: z.enum(DEPUTY_LEVELS.keys).optional().meta({ description: 'The congress: one of your levels; needed when you sit at several' }),
  sessionId: Id.nullable().optional().meta({ description: 'The session (大会期间); null between sessions (闭会期间); left out: the session open today, if any' }),
  caseIds: z.array(Id).max(50).optional().meta({ description: 'The cases it grows from (you must see each)' }),
  activityIds: z.array(Id).max(50).optional().meta({ description: 'The activities it grows from' }),
  cosignerIds: z.array(Id).max(200).optional().meta({ description: 'Deputies of the same congress asked to co-sign (联名); on a change, the co-signers are exactly these' }),
});

/** Base64 grows bytes by a third; a draft's file is at most 10 MB. */
const FILE_BODY_LIMIT = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 64 * 1024;

const draftErrors = 'A deputy without a running term at that level answers 409 SUGGESTION_NO_TERM; a motion without a session 409 MOTION_NEEDS_SESSION.';

export const draftRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/suggestions/congresses', {
    config: { access: 'authenticated', ability: 'suggestion.draft' },
    schema: {
      tags: ['suggestions'], summary: '可提出建议的人大 The congresses you may file with',
      description: 'One per level you sit at whose congress has a running term: its term, its sessions (`open`: today falls in it; `closed`: it ended before today, by the server clock, and takes no more suggestions) and the co-signers a motion needs.',
      response: {
        200: z.array(z.object({
          level: z.enum(DEPUTY_LEVELS.keys), regionCode: z.string().nullable(), regionName: z.string().nullable(), congressName: Label,
          termId: z.number(), termNumber: z.number(),
          sessions: z.array(z.object({ id: z.number(), number: z.number(), opensOn: z.string(), closesOn: z.string(), open: z.boolean(), closed: z.boolean() })),
          motionMinCosigners: z.number(),
        })),
        ...errorResponses,
      },
    },
  }, async (request) => congressOptions(app.db, request.actor!));

  app.get('/api/suggestions/deputies', {
    config: { access: 'authenticated', ability: 'suggestion.draft' },
    schema: {
      tags: ['suggestions'], summary: '可邀请附议的代表 Deputies you may ask to co-sign',
      description: 'Current deputies of your congresses (of `level` only, when given), by name or pinyin; at most 50.',
      querystring: z.object({ q: SearchQuery.optional(), level: z.enum(DEPUTY_LEVELS.keys).optional() }),
      response: { 200: z.array(z.object({ id: z.number(), name: z.string(), stations: z.array(z.string()) })), ...errorResponses },
    },
  }, async (request) => invitableDeputies(app.db, request.actor!, request.query));

  app.post('/api/suggestions', {
    config: { access: 'authenticated', ability: 'suggestion.draft' },
    schema: {
      tags: ['suggestions'], summary: '起草建议或议案 Draft a suggestion or motion',
      description: `You are its lead deputy (领衔); the deputies in cosignerIds are asked to co-sign, each in their own account. ${draftErrors}`,
      body: Draft,
      response: { 201: z.object({ id: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createSuggestion(ctx, request.body));
    reply.status(201);
    return { id };
  });

  app.put('/api/suggestions/:id', {
    config: { access: 'authenticated', ability: 'suggestion.draft' },
    schema: {
      tags: ['suggestions'], summary: '修改草稿 Change your draft',
      description: `The whole draft again (the edit action; only its lead deputy, only while a draft). ${draftErrors}`,
      params: IdParams, body: Draft,
      response: { 200: z.object({ id: z.number(), from: z.enum(SUGGESTION_STATES), to: z.enum(SUGGESTION_STATES) }), ...errorResponses },
    },
  }, async (request) => {
    const body: EditBody = { action: 'edit', draft: request.body };
    const result = await runWrite(request, (ctx) => takeSuggestionAction(ctx, request.params.id, body));
    return { id: result.id, from: result.from, to: result.to };
  });

  app.post('/api/suggestions/:id/files', {
    config: { access: 'authenticated', ability: 'suggestion.draft' },
    bodyLimit: FILE_BODY_LIMIT,
    schema: {
      tags: ['suggestions'], summary: '添加草稿附件 Attach a file to your draft',
      description: `A PDF (up to 10 MB) or a photo (JPEG, PNG, WebP, up to 5 MB), judged by its content (400 DRAFT_FILE_TYPE, DRAFT_FILE_TOO_LARGE); at most ${MAX_DRAFT_FILES} (409 DRAFT_FILES_TOO_MANY).`,
      params: IdParams,
      body: z.object({
        name: z.string().trim().min(1).max(200),
        data: z.base64().min(1).max(FILE_BODY_LIMIT).meta({ description: 'The file\'s bytes, base64' }),
        public: z.boolean().default(false).meta({ description: 'Shown on the public page once the suggestion is published' }),
      }),
      response: { 201: z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), public: z.boolean() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const { name, data, public: isPublic } = request.body;
    // Checked, and a photo cleaned, before the transaction opens: no connection is held while libvips works.
    const checked = await checkDraftFile({ name, bytes: Buffer.from(data, 'base64'), public: isPublic });
    const file = await runWrite(request, (ctx) => addDraftFile(ctx, request.params.id, checked));
    reply.status(201);
    return file;
  });

  app.delete('/api/suggestions/:id/files/:fileId', {
    config: { access: 'authenticated', ability: 'suggestion.draft' },
    schema: {
      tags: ['suggestions'], summary: '删除草稿附件 Remove a file from your draft',
      params: IdParams.extend({ fileId: QueryId }),
      response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => removeDraftFile(ctx, request.params.id, request.params.fileId));
    return { ok: true as const };
  });
};
