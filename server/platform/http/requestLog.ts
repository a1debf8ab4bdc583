import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Writable } from 'node:stream';

/** A request URL as logged: the tracking key (`?key=`), which opens a case's public page, is never written. */
export function loggedUrl(url: string): string {
  return url.replace(/([?&]key=)[^&]*/g, '$1***');
}

/** Files and probes that would drown the log: logged only when they fail. */
const QUIET = [/^\/assets\//, /^\/m\/assets\//, /^\/favicon/, /^\/api\/health/];

/**
 * Which answers get a line: `all`, `errors` (4xx and 5xx only), or a share of the successful ones
 * from 0 to 1 (`0.01`: one in a hundred, picked at random). Failed answers are always written.
 */
export type RequestLogMode = 'all' | 'errors' | number;

/**
 * One line per request, written when the answer has gone (method, address, status, time), instead of
 * Fastify's two lines per request. Static assets and the health probe are left out unless they fail.
 * A server error is logged at `error`, a refused request (4xx) at `warn`, a success at `info`; with
 * `mode` other than `all`, successes are left out or sampled, since a busy server spends several
 * percent of its time writing them.
 */
export function registerRequestLog(app: FastifyInstance, mode: RequestLogMode = 'all'): void {
  const share = mode === 'all' ? 1 : mode === 'errors' ? 0 : mode;
  app.addHook('onResponse', (request, reply, done) => {
    logRequest(request, reply, share);
    done();
  });
}

/** Writes a request's line: always when it failed, else for the `share` of successes (0 to 1) outside the quiet paths. */
function logRequest(request: FastifyRequest, reply: FastifyReply, share: number): void {
  const status = reply.statusCode;
  if (status < 400 && (share === 0 || (share < 1 && Math.random() >= share) || QUIET.some((pattern) => pattern.test(request.url)))) return;
  const line = { method: request.method, url: loggedUrl(request.url), status, ms: Math.round(reply.elapsedTime), ip: request.ip };
  if (status >= 500) request.log.error(line, 'request');
  else if (status >= 400) request.log.warn(line, 'request');
  else request.log.info(line, 'request');
}

/** LIANXIN_REQUEST_LOG's value, or null when it is none of `all`, `errors` or a number from 0 to 1. */
export function requestLogModeFrom(value: string): RequestLogMode | null {
  const v = value.trim();
  if (v === 'all' || v === 'errors') return v;
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(v)) return null;
  return Number(v);
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
/** pino's own fields, not repeated at the end of a readable line. */
const OWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'method', 'url', 'status', 'ms', 'ip', 'err']);

/** A pino JSON line as a person reads it: `20:41:03 INFO  GET /api/cases 200 12 ms`. */
export function readableLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'number' ? TIME.format(new Date(entry.time)) : '';
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  const parts = [time, level];
  if (entry.msg === 'request' && typeof entry.url === 'string') {
    parts.push(`${String(entry.method)} ${entry.url} ${String(entry.status)} ${String(entry.ms)} ms`);
  } else if (entry.msg !== undefined) {
    parts.push(String(entry.msg));
  }
  const rest = Object.entries(entry).filter(([k]) => !OWN.has(k)).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  if (rest.length) parts.push(rest.join(' '));
  const err = entry.err as { stack?: string; message?: string } | undefined;
  if (err) parts.push(`\n${err.stack ?? err.message ?? JSON.stringify(err)}`);
  return parts.join(' ');
}

/** A destination for pino that prints readable lines (development, a terminal) instead of JSON. */
export function readableLogStream(out: NodeJS.WritableStream = process.stdout): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0) {
        out.write(`${readableLogLine(pending.slice(0, newline))}\n`);
        pending = pending.slice(newline + 1);
      }
      done();
    },
  });
}
