import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { VERSION, type Config } from './platform/config.js';
import type { Database } from './platform/db/engine.js';
import { checkFixedStatements } from './platform/db/fixedStatement.js';
import { loggedUrl, registerRequestLog } from './platform/http/requestLog.js';
import { loggedError } from './platform/loggedError.js';
import { setPublicBaseUrl } from './platform/publicLinks.js';
import { registerAuth } from './platform/http/auth.js';
import { registerCompression } from './platform/http/compression.js';
import { frameworkErrors, registerErrorHandler } from './platform/http/errorHandler.js';
import { registerRateLimit } from './platform/http/rateLimit.js';
import { responseSerializerCompiler, type ResponseWriting } from './platform/http/serialize.js';
import { registerTextInput } from './platform/http/textInput.js';
import { registerNoStore, registerSecurityHeaders } from './platform/http/security.js';
import { registerWebApp } from './platform/http/webApp.js';
import './platform/http/types.js';
import { composeServer, FEATURES, KERNEL } from './composition.js';

export type App = FastifyInstance;

export interface AppOptions {
  database: Database;
  config: Config;
  logger?: boolean | object;
  /** How answers are written (see http/serialize.ts): the tests check each one; by default as `config.checkResponses` says. */
  responses?: ResponseWriting;
}

/** Every route the API serves, as registered (method + URL); the access-matrix test reads it. */
export const registeredRoutes = new WeakMap<FastifyInstance, { method: string; url: string; access?: string; ability?: string }[]>();

/** How the log writes a request and an error. */
export const LOG_SERIALIZERS = {
  req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: loggedUrl(req.url), remoteAddress: req.ip }),
  // Errors without the values they carry (a unique violation's detail names the phone number).
  err: loggedError,
};

function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/**
 * A connection that does not finish its headers, or its whole request (headers and body), in
 * time is closed, and so is a kept-alive connection idle between requests. Node checks the first
 * two at an interval (30 s by default); it is shortened so that short limits hold to within a
 * quarter of themselves. A handler's own work and its answer are not bounded here.
 */
function connectionTimeouts(config: Config) {
  const headersTimeout = Math.min(config.headersTimeoutMs, config.requestTimeoutMs);
  return {
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: {
      headersTimeout, requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(25, Math.min(5_000, Math.floor(headersTimeout / 4))),
    },
  };
}

export async function buildApp({ database, config, logger = false, responses = config.checkResponses ? 'checked' : 'projected' }: AppOptions): Promise<FastifyInstance> {
  composeServer();
  const app = Fastify({
    // Request logs never carry a tracking key (`?key=` opens a case's public page), nor personal data from errors.
    logger: logger && {
      ...(typeof logger === 'object' ? logger : {}),
      serializers: LOG_SERIALIZERS,
    },
    // One line per request, written by registerRequestLog, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A hop count trusts the nearest N peers (proxy-addr numbers them from the socket, 0 first).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    ...connectionTimeouts(config),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  // Where answers are checked (the tests), statements compiled once are checked against a fresh build too.
  if (responses === 'checked') checkFixedStatements(true);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(responses));
  app.decorate('db', database.db);
  app.decorate('readDb', database.reader ?? database.db);
  app.decorate('engine', database.engine);
  app.decorate('config', config);
  setPublicBaseUrl(config.publicBaseUrl);

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
      // A route's request limit (per client address, shared by every app node) is documented as `x-rate-limit`.
      const limit = (route.config as { rateLimit?: { max: number; timeWindow: string } } | undefined)?.rateLimit;
      route.schema = {
        ...route.schema, security: access === 'public' ? [] : reads ? [{ session: [] }] : [{ session: [], csrf: [] }],
        ...(limit && { 'x-rate-limit': { max: limit.max, timeWindow: limit.timeWindow } }),
      };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const cfg = (route.config ?? {}) as { access?: string; ability?: string };
      routes.push({ method, url: route.url, access: cfg.access, ability: cfg.ability });
    }
  });

  registerSecurityHeaders(app, config);
  registerRequestLog(app, config.requestLog);
  registerCompression(app);
  registerNoStore(app);
  registerErrorHandler(app, await registerWebApp(app));
  registerTextInput(app);
  await app.register(cookie);
  await registerRateLimit(app, { db: database.db, redisUrl: config.redisUrl });
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
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', validatorUrl: null } });

  // The kernel's own routes (health, vocabulary), then each feature's, in the order of FEATURES.
  for (const routes of KERNEL.routes) await app.register(routes);
  for (const feature of FEATURES) for (const routes of feature.routes) await app.register(routes);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
