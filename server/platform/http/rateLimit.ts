/**
 * Request limits that hold across every app node (`config.rateLimit` on a route: at most `max`
 * requests per client address in `timeWindow`). The counters live where every node sees them:
 * in Redis when `REDIS_URL` is set, otherwise in the database's `rate_limit` table (PGlite or
 * PostgreSQL). Both count the same way: a window opens at a key's first request and lasts
 * `timeWindow`; each request adds one, atomically, and the request that makes the count pass
 * `max` and every one after it until the window ends is refused (`RATE_LIMITED`, 429).
 *
 * The database store counts with one upsert per request; the daily housekeeping deletes the
 * counters whose window has ended (`sweepRateLimits`).
 */
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely, type Transaction } from 'kysely';
import { now } from '../clock.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Counts one request under `key`: the hits in the key's current window and the milliseconds it has left. */
export async function countRequest(db: Kysely<DB>, key: string, windowMs: number, at: Date = now()): Promise<{ current: number; ttl: number }> {
  const resetAt = new Date(at.getTime() + windowMs);
  const { rows } = await sql<{ hits: number; reset_at: Date }>`
    insert into rate_limit (key, hits, reset_at) values (${key}, 1, ${resetAt})
    on conflict (key) do update set
      hits = case when rate_limit.reset_at <= ${at} then 1 else rate_limit.hits + 1 end,
      reset_at = case when rate_limit.reset_at <= ${at} then excluded.reset_at else rate_limit.reset_at end
    returning hits, reset_at`.execute(db);
  const row = rows[0]!;
  return { current: row.hits, ttl: Math.max(0, new Date(row.reset_at).getTime() - at.getTime()) };
}

/** Deletes the counters whose window ended before `at`; part of the daily housekeeping. */
export async function sweepRateLimits(trx: Transaction<DB> | Kysely<DB>, at: Date): Promise<number> {
  const result = await trx.deleteFrom('rate_limit').where('reset_at', '<=', at).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A store for @fastify/rate-limit over the `rate_limit` table; each route's child prefixes its keys with the route. */
function databaseStore(db: Kysely<DB>) {
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(_options: unknown, private readonly prefix = '') {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      countRequest(db, this.prefix + key, timeWindow).then((r) => callback(null, r), (err: unknown) => callback(err as Error));
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      const { method, url } = (routeOptions as { routeInfo: { method: string | string[]; url: string } }).routeInfo;
      return new DatabaseStore(null, `${String(method)}${url}-`);
    }
  }
  return DatabaseStore;
}

/**
 * Registers the limits: no global one, only the routes' own `config.rateLimit`. With a Redis URL
 * the counters go to Redis (the connection closes with the app), otherwise to the database.
 */
export async function registerRateLimit(app: FastifyInstance, opts: { db: Kysely<DB>; redisUrl: string | null }): Promise<void> {
  const errorResponseBuilder = (_req: unknown, ctx: { ttl: number }) => new AppError('RATE_LIMITED', { retryAfter: Math.ceil(ctx.ttl / 1000) });
  if (opts.redisUrl) {
    const { Redis } = await import('ioredis');
    const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5000 });
    app.addHook('onClose', async () => { await redis.quit(); });
    await app.register(rateLimit, { global: false, redis, nameSpace: 'lianxin:rate:', errorResponseBuilder });
    return;
  }
  await app.register(rateLimit, { global: false, store: databaseStore(opts.db), errorResponseBuilder });
}
