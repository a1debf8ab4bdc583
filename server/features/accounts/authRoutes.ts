import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActor } from '../../platform/access/actors.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/access/sessions.js';
import { changePassword, login, logout, refuseLogin } from './authCommands.js';
import { findLoneSurrogate } from '../../platform/http/textInput.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses, ErrorResponse, OkResponse } from '../../platform/http/schemas.js';
import { describeMe, MeSchema } from './mePresenter.js';
import { listSessions, revokeOtherSessions, revokeSession, SessionSchema } from './sessions.js';
import { runWrite } from '../../platform/http/write.js';
import { IdParams } from '../../platform/http/schemas.js';

const SessionAnswer = z.object({ account: MeSchema, csrfToken: z.string() });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: app.config.secureCookies };

  app.post('/api/auth/login', {
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: '登录 Sign in',
      description: 'Sets an httpOnly session cookie and answers the CSRF token to send as X-CSRF-Token on writes. '
        + 'Five wrong passwords in a row lock the account for 15 minutes. An unknown username, a wrong password and a locked account '
        + 'all answer 401 INVALID_CREDENTIALS with the same body; the lock and its end are told to the account\'s holder by notification.',
      body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
      response: { 200: SessionAnswer, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse },
    },
    // A sign-in refused as bad input (400) before its handler ran counts and is audited as a failed one.
    errorHandler: (error, request, reply) => {
      if (!(error instanceof AppError ? error.status === 400 : error.statusCode === 400 || (error as { validation?: unknown }).validation)) {
        app.errorHandler(error, request, reply);
        return;
      }
      const name = (request.body as { username?: unknown } | undefined)?.username;
      const username = typeof name === 'string' && name.trim().length > 0 && name.length <= 100 && findLoneSurrogate(name) === null ? name : null;
      const code = (error as { code?: unknown }).code;
      refuseLogin(app.db, app.config, { username, ip: request.ip, reason: typeof code === 'string' ? code.slice(0, 60) : 'VALIDATION_FAILED' })
        .then(() => app.errorHandler(error, request, reply), (failed: unknown) => app.errorHandler(failed as typeof error, request, reply));
    },
  }, async (request, reply) => {
    const { accountId, session } = await login(app.db, app.config, {
      ...request.body,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      previousToken: request.cookies[SESSION_COOKIE],
    });
    reply.setCookie(SESSION_COOKIE, session.token, { ...cookieBase, httpOnly: true, expires: session.expiresAt });
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieBase, httpOnly: false, expires: session.expiresAt });
    const me = await describeMe(app.db, await loadActor(app.db, accountId), {
      expiresAt: session.expiresAt, idleMinutes: app.config.sessionIdleMinutes,
    });
    return { account: me, csrfToken: session.csrfToken };
  });

  app.post('/api/auth/logout', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: '退出登录 Sign out', response: { 200: OkResponse, ...errorResponses } },
  }, async (request, reply) => {
    await logout(app.db, request.actor!, request.sessionInfo!.token, request.ip);
    reply.clearCookie(SESSION_COOKIE, cookieBase);
    reply.clearCookie(CSRF_COOKIE, cookieBase);
    return { ok: true as const };
  });

  app.get('/api/auth/me', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: '当前账号 The signed-in account, its scope and abilities', response: { 200: SessionAnswer, ...errorResponses } },
  }, async (request) => {
    const me = await describeMe(app.db, request.actor!, { expiresAt: request.sessionInfo!.expiresAt, idleMinutes: app.config.sessionIdleMinutes });
    return { account: me, csrfToken: request.sessionInfo!.csrfToken };
  });

  app.get('/api/auth/sessions', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['auth'], summary: '我的登录设备 Where you are signed in',
      description: 'Your live sessions, the most recently used first; `current` marks this one.',
      response: { 200: z.object({ items: z.array(SessionSchema) }), ...errorResponses },
    },
  }, async (request) => ({ items: await listSessions(app.db, request.actor!, request.sessionInfo!.token, app.config.sessionIdleMinutes) }));

  app.delete('/api/auth/sessions/:id', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['auth'], summary: '退出该设备 Sign out one of your other sessions',
      description: 'Another account\'s session answers 404 like a missing one; this session answers SESSION_IS_CURRENT (sign out instead).',
      params: IdParams,
      response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => revokeSession(ctx, request.sessionInfo!.token, request.params.id));
    return { ok: true as const };
  });

  app.post('/api/auth/sessions/revoke-others', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['auth'], summary: '退出其他设备 Sign out everywhere else',
      response: { 200: z.object({ count: z.number().int().meta({ description: 'How many sessions ended' }) }), ...errorResponses },
    },
  }, async (request) => ({ count: await runWrite(request, (ctx) => revokeOtherSessions(ctx, request.sessionInfo!.token)) }));

  app.post('/api/auth/password', {
    config: { access: 'authenticated', allowPendingPasswordChange: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: '修改密码 Change own password',
      description: 'Ends every other session of the account.',
      body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
      response: { 200: OkResponse, ...errorResponses, 429: ErrorResponse },
    },
  }, async (request) => {
    await changePassword(app.db, request.actor!, { ...request.body, currentToken: request.sessionInfo!.token, ip: request.ip });
    return { ok: true as const };
  });
};
