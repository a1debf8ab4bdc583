import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../common/enums.js';
import { createAccount, resetPassword, unlockAccount, updateAccount } from './commands.js';
import { ActiveQuery, errorResponses, IdParams, OkResponse, pageOf, PageQuery, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { AccountSchema } from './presenter.js';
import { getAccount, listAccounts } from './queries.js';

const Username = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,50}$/).meta({ description: '3–50 letters, digits, _ . -' });
const Password = z.string().min(1).max(200).meta({ description: '≥ 10 characters from ≥ 3 classes (upper, lower, digit, symbol)' });

/** The account list's filters, which its Excel export takes too. */
export const AccountFilters = {
  role: z.enum(ROLES.keys).optional(),
  q: SearchQuery.optional(),
  active: ActiveQuery.default('all'),
};

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/accounts', {
    config: { access: 'authenticated', ability: 'account.read' },
    schema: {
      tags: ['accounts'], summary: '账号列表 Accounts you manage',
      querystring: z.object({ ...AccountFilters, ...PageQuery }),
      response: { 200: pageOf(AccountSchema), ...errorResponses },
    },
  }, async (request) => listAccounts(app.db, request.actor!, request.query));

  app.post('/api/accounts', {
    config: { access: 'authenticated', ability: 'account.create' },
    schema: {
      tags: ['accounts'], summary: '新建账号 Create an account (must change its password at first sign-in)',
      body: z.object({
        username: Username,
        displayName: SearchQuery,
        role: z.enum(ROLES.keys),
        password: Password,
        regionCode: RegionCode.nullable().optional().meta({ description: 'staff: the region they run' }),
        stationIds: z.array(z.number().int().positive().max(2_147_483_647)).max(50).optional().meta({ description: 'officer: their stations' }),
        deputyId: z.number().int().positive().max(2_147_483_647).nullable().optional().meta({ description: 'deputy: the deputy record' }),
        unitId: z.number().int().positive().max(2_147_483_647).nullable().optional().meta({ description: 'unit: the handling unit' }),
      }),
      response: { 201: AccountSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createAccount(ctx, request.body));
    reply.status(201);
    return getAccount(app.db, request.actor!, id);
  });

  app.get('/api/accounts/:id', {
    config: { access: 'authenticated', ability: 'account.read' },
    schema: { tags: ['accounts'], summary: '账号详情 An account', params: IdParams, response: { 200: AccountSchema, ...errorResponses } },
  }, async (request) => getAccount(app.db, request.actor!, request.params.id));

  app.patch('/api/accounts/:id', {
    config: { access: 'authenticated', ability: 'account.update' },
    schema: {
      tags: ['accounts'], summary: '修改账号 Rename, disable or re-scope an account',
      params: IdParams,
      body: z.object({
        version: z.number().int().positive().max(2_147_483_647),
        displayName: SearchQuery.optional(),
        active: z.boolean().optional(),
        regionCode: RegionCode.optional(),
        stationIds: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(50).optional(),
      }),
      response: { 200: AccountSchema, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...patch } = request.body;
    await runWrite(request, (ctx) => updateAccount(ctx, request.params.id, version, patch));
    return getAccount(app.db, request.actor!, request.params.id);
  });

  app.post('/api/accounts/:id/reset-password', {
    config: { access: 'authenticated', ability: 'account.update' },
    schema: {
      tags: ['accounts'], summary: '重置密码 Set a new initial password',
      params: IdParams, body: z.object({ password: Password }), response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => resetPassword(ctx, request.params.id, request.body.password));
    return { ok: true as const };
  });

  app.post('/api/accounts/:id/unlock', {
    config: { access: 'authenticated', ability: 'account.update' },
    schema: { tags: ['accounts'], summary: '解除锁定 Unlock after failed sign-ins', params: IdParams, response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => unlockAccount(ctx, request.params.id));
    return { ok: true as const };
  });
};
