import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { VERSION, type Config } from './platform/config.js';
import type { Database } from './platform/db/engine.js';
import { AppError } from './platform/errors.js';
import { registerAuth } from './platform/http/auth.js';
import { registerErrorHandler } from './platform/http/errorHandler.js';
import { registerWebApp } from './platform/http/webApp.js';
import './platform/http/types.js';
import { accountRoutes } from './features/accounts/routes.js';
import { activityRoutes } from './features/activities/routes.js';
import { campaignRoutes } from './features/activities/campaignRoutes.js';
import { rotaRoutes } from './features/activities/rotaRoutes.js';
import { assessmentRoutes } from './features/assessments/routes.js';
import { pointRoutes } from './features/points/routes.js';
import { auditRoutes } from './features/audit/routes.js';
import { calendarRoutes } from './features/calendar/routes.js';
import { caseRoutes } from './features/cases/routes.js';
import { publicDirectoryRoutes } from './features/directory/routes.js';
import { publicOpinionRoutes } from './features/cases/publicRoutes.js';
import { statisticsRoutes } from './features/cases/statisticsRoutes.js';
import { open311Routes } from './features/cases/open311.js';
import { authRoutes } from './features/accounts/authRoutes.js';
import { deputyRoutes } from './features/deputies/routes.js';
import { exportRoutes } from './features/exports/routes.js';
import { healthRoutes } from './platform/http/health.js';
import { importRoutes } from './features/imports/routes.js';
import { metaRoutes } from './platform/http/meta.js';
import { notificationRoutes } from './features/inbox/routes.js';
import { posterRoutes } from './features/posters/routes.js';
import { archiveRoutes } from './features/archive/routes.js';
import { regionRoutes } from './features/regions/routes.js';
import { registerRoutes } from './features/registers/routes.js';
import { stationRoutes } from './features/stations/routes.js';
import { unitRoutes } from './features/units/routes.js';
import { termRoutes } from './features/terms/routes.js';
import { electionRoundRoutes } from './features/terms/roundRoutes.js';

export type App = FastifyInstance;

export interface AppOptions {
  database: Database;
  config: Config;
  logger?: boolean | object;
}

/** Every route the API serves, as registered (method + URL); the access-matrix test reads it. */
export const registeredRoutes = new WeakMap<FastifyInstance, { method: string; url: string; access?: string; ability?: string }[]>();

export async function buildApp({ database, config, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Request logs never carry a tracking key (`?key=` opens a case's public page).
    logger: logger && {
      ...(typeof logger === 'object' ? logger : {}),
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method, url: req.url.replace(/([?&]key=)[^&]*/g, '$1***'), remoteAddress: req.ip,
        }),
      },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('engine', database.engine);
  app.decorate('config', config);

  const routes: { method: string; url: string; access?: string; ability?: string }[] = [];
  registeredRoutes.set(app, routes);
  app.addHook('onRoute', (route) => {
    // The docs UI (page, assets, its copy of the document) is public like the document itself.
    // The docs UI and the web clients' assets are public files.
    if (route.url.startsWith('/api/docs') || route.url.startsWith('/assets/')) route.config = { ...(route.config ?? {}), access: 'public' };
    // Document how each route authenticates: nothing, the session cookie, or cookie + CSRF header on writes.
    const access = (route.config as { access?: string } | undefined)?.access;
    if (route.schema) {
      const reads = route.method === 'GET' || (Array.isArray(route.method) && route.method.every((m) => m === 'GET' || m === 'HEAD'));
      route.schema = { ...route.schema, security: access === 'public' ? [] : reads ? [{ session: [] }] : [{ session: [], csrf: [] }] };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const cfg = (route.config ?? {}) as { access?: string; ability?: string };
      routes.push({ method, url: route.url, access: cfg.access, ability: cfg.ability });
    }
  });

  registerErrorHandler(app, await registerWebApp(app));
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', { retryAfter: Math.ceil(ctx.ttl / 1000) }),
  });
  registerAuth(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '连心桥 Lianxin API',
        version: VERSION,
        description: '人大代表联络站平台接口。Errors carry a stable `code` and a message in zh-CN or en (by Accept-Language). '
          + 'Cookie-authenticated writes need the `X-CSRF-Token` header from the login answer.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lx_session', description: 'Set by POST /api/auth/login' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The csrfToken answered by login and /api/auth/me (also in the lx_csrf cookie)' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(metaRoutes);
  await app.register(regionRoutes);
  await app.register(stationRoutes);
  await app.register(deputyRoutes);
  await app.register(posterRoutes);
  await app.register(unitRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(caseRoutes);
  await app.register(publicOpinionRoutes);
  await app.register(publicDirectoryRoutes);
  await app.register(statisticsRoutes);
  await app.register(open311Routes);
  await app.register(notificationRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
  await app.register(activityRoutes);
  await app.register(campaignRoutes);
  await app.register(rotaRoutes);
  await app.register(pointRoutes);
  await app.register(assessmentRoutes);
  await app.register(registerRoutes);
  await app.register(archiveRoutes);
  await app.register(termRoutes);
  await app.register(electionRoundRoutes);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
