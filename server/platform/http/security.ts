import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';

/**
 * The Content-Security-Policy of every answer: the built pages load only their own hashed
 * scripts (no inline script, no eval). antd and antd-mobile put their styles in <style>
 * elements and style attributes at run time, hence 'unsafe-inline' for styles only; photos
 * picked on a phone are previewed from data: and blob: URLs. No other site may frame a page.
 */
function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'worker-src': ["'self'", 'blob:'],
    // Only where the site is served over https: on a station's plain-http LAN it would break every request.
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

function servesHttps(config: Config): boolean {
  return config.publicBaseUrl.startsWith('https:');
}

/**
 * The headers helmet sets with these options, worked out once: its middleware, run on a
 * stand-in answer that records them. None of them depends on the request (no CSP nonce), so
 * every answer gets the same list; helmet's Fastify plugin built the middleware, the CSP
 * string included, again for every request.
 */
function helmetHeaders(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = { setHeader: (name: string, value: unknown) => { headers.push([name, String(value)]); }, removeHeader: () => {} };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => { if (err) throw err; });
  if (!headers.some(([name]) => name.toLowerCase() === 'content-security-policy')) throw new Error('helmet set no Content-Security-Policy');
  return headers;
}

/**
 * Security headers on every answer (pages, assets, API, errors), as helmet writes them: the CSP
 * above, X-Frame-Options DENY, nosniff, Referrer-Policy no-referrer (a case's tracking key travels in
 * the page's URL and must not leak to a linked site), Strict-Transport-Security when the public
 * base URL is https, and helmet's other defaults. Registered first, so refusals by later hooks
 * carry them too.
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const https = servesHttps(config);
  const headers = helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/** A path whose answers are the API's (data), not the web clients' files or the docs UI. */
function isApi(url: string): boolean {
  return (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/open311/');
}

/**
 * `Cache-Control: no-store` on API answers that may carry personal data, so neither a shared
 * cache nor the browser's disk keeps them: every answer to a signed-in person or to an
 * authenticated route (errors included), and every public answer except files a route
 * explicitly marks `public` (published photos and documents). Tracking lookups, whose answers
 * are a case's own data, are public routes without such a mark, so they are never stored.
 */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', (request: FastifyRequest, reply, payload, done) => {
    if (isApi(request.url)) {
      const personal = request.routeOptions.config?.access === 'authenticated' || request.actor;
      const marked = String(reply.getHeader('cache-control') ?? '');
      if (personal || !marked.startsWith('public')) reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
