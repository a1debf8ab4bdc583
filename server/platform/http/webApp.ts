import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROJECT_ROOT } from '../config.js';

export const WEB_DIR = path.join(PROJECT_ROOT, 'dist', 'web');

/**
 * Serves the built web clients (`npm run build` → dist/web): hashed assets under /assets/
 * (cached for a year, brotli or gzip copies made at build time), the phone pages' shell for /m/…,
 * the back office's shell for any other page path (no-cache, compressed on the way out). API paths
 * keep their JSON 404. Without a build (tests from source) only the API is served.
 */
export async function registerWebApp(app: FastifyInstance, webDir = WEB_DIR): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const adminShell = path.join(webDir, 'index.html');
  const phoneShell = path.join(webDir, 'm', 'index.html');
  if (!existsSync(adminShell) || !existsSync(phoneShell)) return () => false;
  await app.register(fastifyStatic, {
    // Hashed names: a file never changes, so browsers keep it a year without asking again. The
    // build writes .br and .gz copies (vite.config.ts); the one the browser accepts is sent.
    root: path.join(webDir, 'assets'), prefix: '/assets/', decorateReply: false, immutable: true, maxAge: '365d', preCompressed: true,
  });
  const admin = readFileSync(adminShell);
  const phone = readFileSync(phoneShell);
  return (request, reply) => {
    const url = request.url.split('?')[0]!;
    if (request.method !== 'GET' || url.startsWith('/api/') || url.startsWith('/open311/') || url.startsWith('/assets/')) return false;
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').status(200)
      .send(url === '/m' || url.startsWith('/m/') ? phone : admin);
    return true;
  };
}
