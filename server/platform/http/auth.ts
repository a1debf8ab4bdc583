import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { CSRF_HEADER, hashToken, SESSION_COOKIE, sessionState } from '../access/sessions.js';
import { AppError } from '../errors.js';
import { can } from '../access/abilities.js';
import { selectActorRow, toActor } from '../access/actors.js';
import { now as clockNow } from '../clock.js';
import { fixedStatement } from '../db/fixedStatement.js';
import type { DB } from '../db/schema.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Refresh `last_seen_at` at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 30_000;

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * The CSRF header's value as received, compared byte for byte: taken from the raw header list
 * (not the parsed one, which joins repeated headers with ", "), and null when the header is
 * missing or sent more than once. The HTTP parser has already dropped the whitespace around
 * the value (RFC 9110 §5.5: it is not part of the field value, and the parser strips it from
 * the raw list too); any other difference — a character added, removed or changed, inner
 * whitespace, another case — is a different token.
 */
function csrfHeaderOf(request: FastifyRequest): string | null {
  const raw = request.raw.rawHeaders;
  let value: string | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() !== CSRF_HEADER) continue;
    if (value !== null) return null;
    value = raw[i + 1]!;
  }
  return value;
}

/** The account a session stands for, with the session's own columns: on every signed-in request, so compiled once. */
const sessionActor = fixedStatement((db: Kysely<DB>, v: { idHash: string }) => selectActorRow(db)
  .innerJoin('session', 'session.account_id', 'account.id')
  .select(['session.id_hash', 'session.csrf_token', 'session.last_seen_at', 'session.expires_at'])
  .where('session.id_hash', '=', v.idHash));

async function loadActor(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  request.actor = null;
  request.sessionInfo = null;
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const [row] = await sessionActor(app.db, { idHash: hashToken(token) });
  const now = clockNow();
  if (!row || !row.usable) throw new AppError('SESSION_EXPIRED');
  if (sessionState(row, now, app.config.sessionIdleMinutes) !== 'active') {
    await app.db.deleteFrom('session').where('id_hash', '=', row.id_hash).execute();
    throw new AppError('SESSION_EXPIRED');
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await app.db.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', row.id_hash).execute();
  }
  request.actor = toActor(row);
  request.sessionInfo = { token, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

/**
 * Runs before validation on every request: resolves the session, then enforces the route's
 * declared access, CSRF on cookie-authenticated writes, a pending password change and the
 * route's ability. Routes without an `access` declaration are refused (closed by default).
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionInfo', null);
  // A callback hook, not an async one: a public request without a session cookie (a villager's
  // form, a tracking page) has no session to look up and goes on without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.routeOptions.url) { // 404: nothing to protect
      done();
      return;
    }
    const access = request.routeOptions.config.access;
    if (access === 'public') {
      if (!request.cookies[SESSION_COOKIE]) {
        done();
        return;
      }
      // Public routes still know who is signed in, but never fail on a stale cookie.
      loadActor(app, request).then(() => done(), () => {
        request.actor = null;
        done();
      });
      return;
    }
    if (access !== 'authenticated') {
      done(new AppError('FORBIDDEN'));
      return;
    }
    const hadCookie = Boolean(request.cookies[SESSION_COOKIE]);
    loadActor(app, request).then(() => {
      let refusal: AppError | null;
      try {
        refusal = accessRefusal(request, hadCookie);
      } catch (err) {
        done(err as Error);
        return;
      }
      done(refusal ?? undefined);
    }, (err: Error) => done(err));
  });
}

/** Why an authenticated route refuses the request once its session is loaded, or null when it may go on. */
function accessRefusal(request: FastifyRequest, hadCookie: boolean): AppError | null {
  const config = request.routeOptions.config;
  const actor = request.actor;
  if (!actor) return new AppError(hadCookie ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (!SAFE_METHODS.has(request.method)) {
    const header = csrfHeaderOf(request);
    if (header === null || !sameToken(header, request.sessionInfo!.csrfToken)) return new AppError('CSRF_FAILED');
  }
  if (actor.mustChangePassword && !config.allowPendingPasswordChange) return new AppError('PASSWORD_CHANGE_REQUIRED');
  if (config.ability && !can(actor, config.ability)) return new AppError('FORBIDDEN');
  return null;
}
