import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
const COMPRESS_THRESHOLD = 1024;

/** Text answers worth compressing; images, PDF, spreadsheets and archives are compressed already. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|problem\+json|[\w.+-]*\+json|[\w.+-]*\+xml)|image\/svg\+xml)/i;

/** The encoding the client accepts, brotli first: `br`, `gzip` or none (a q=0 refuses). */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const offered = new Map<string, number>();
  for (const part of String(header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}

/** Whether `text` takes at least `bytes` bytes in UTF-8, counted only when its length leaves it open (a long answer's walk costs 2 % of a queue page's CPU). */
export function textBytesAtLeast(text: string, bytes: number): boolean {
  if (text.length >= bytes) return true;
  if (text.length * 3 < bytes) return false;
  return Buffer.byteLength(text) >= bytes;
}

/**
 * Compresses the server's own text answers (JSON of the API, the web pages' shells, Open311)
 * of {@link COMPRESS_THRESHOLD} bytes or more with brotli or gzip, by Accept-Encoding, and says
 * `Vary: Accept-Encoding` on them. Streams (files, exports, the built assets, which
 * @fastify/static sends precompressed) and answers already encoded are left alone.
 */
export function registerCompression(app: FastifyInstance): void {
  // A callback hook, not an async one: most answers pass through untouched, and those need no promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    const encoding = compressionFor(request, reply, payload);
    if (!encoding) {
      done(null, payload);
      return;
    }
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload as Buffer;
    // Quality 5 / level 6: most of the saving at a small share of the cost of the build's settings.
    const compressed = encoding === 'br'
      ? brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
      : gzipAsync(bytes, { level: 6 });
    compressed.then((body) => {
      reply.header('content-encoding', encoding);
      reply.removeHeader('content-length');
      done(null, body);
    }, (err: Error) => done(err));
  });
}

/**
 * The encoding to compress an answer with, or null to send it as it is. Says `Vary:
 * Accept-Encoding` on every answer large enough to be compressed for some client.
 */
function compressionFor(request: FastifyRequest, reply: FastifyReply, payload: unknown): 'br' | 'gzip' | null {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return null;
  if (reply.hasHeader('content-encoding') || request.method === 'HEAD' || reply.statusCode === 204 || reply.statusCode === 304) return null;
  if (!COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return null;
  // Measured without copying (a client that takes no encoding gets the text as it is), and
  // without counting bytes where the length tells: each UTF-16 unit is one UTF-8 byte or more.
  const large = typeof payload === 'string' ? textBytesAtLeast(payload, COMPRESS_THRESHOLD) : payload.length >= COMPRESS_THRESHOLD;
  if (!large) return null;
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  return acceptedEncoding(request.headers['accept-encoding']);
}
