/**
 * One's own sessions: where one is signed in (browser, address, last seen), and signing out the
 * others. An account reaches its own sessions and no one else's; a session is named by its
 * number (`session.id`), never by its token or the token's hash.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/actor.js';
import { hashToken } from '../../platform/access/sessions.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { Timestamp } from '../../platform/http/schemas.js';
import { now } from '../../platform/clock.js';

export const SessionSchema = z.object({
  id: z.number().int(),
  userAgent: z.string().meta({ description: 'The browser\'s User-Agent as sent at sign-in' }),
  ip: z.string().meta({ description: 'The address it signed in from' }),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
  current: z.boolean().meta({ description: 'The session of this request' }),
}).meta({ id: 'Session' });
export type SessionView = z.infer<typeof SessionSchema>;

/** Live sessions only: past the absolute or idle expiry they no longer sign anyone in. */
function live(db: Kysely<DB>, accountId: number, idleMinutes: number) {
  const at = now();
  return db.selectFrom('session').where('account_id', '=', accountId)
    .where('expires_at', '>', at).where('last_seen_at', '>', new Date(at.getTime() - idleMinutes * 60_000));
}

export async function listSessions(db: Kysely<DB>, actor: Actor, currentToken: string, idleMinutes: number): Promise<SessionView[]> {
  const current = hashToken(currentToken);
  const rows = await live(db, actor.accountId, idleMinutes)
    .select(['id', 'id_hash', 'user_agent', 'ip', 'created_at', 'last_seen_at', 'expires_at'])
    .orderBy('last_seen_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: Number(r.id), userAgent: r.user_agent, ip: r.ip, createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(), expiresAt: r.expires_at.toISOString(), current: r.id_hash === current,
  }));
}

/** Signs out one of one's other sessions. Someone else's, or a gone one, answers 404; this one, SESSION_IS_CURRENT. */
export async function revokeSession(ctx: WriteContext, currentToken: string, id: number): Promise<void> {
  const row = await ctx.trx.selectFrom('session').select(['id', 'id_hash', 'user_agent', 'ip'])
    .where('id', '=', id).where('account_id', '=', ctx.actor.accountId).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.id_hash === hashToken(currentToken)) throw new AppError('SESSION_IS_CURRENT');
  await ctx.trx.deleteFrom('session').where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'auth.session_revoked', entityType: 'account', entityId: ctx.actor.accountId,
    before: { session: Number(row.id), userAgent: row.user_agent, ip: row.ip },
  });
}

/** Signs out every other session of one's own; answers how many ended. */
export async function revokeOtherSessions(ctx: WriteContext, currentToken: string): Promise<number> {
  const gone = await ctx.trx.deleteFrom('session').where('account_id', '=', ctx.actor.accountId)
    .where('id_hash', '<>', hashToken(currentToken)).returning('id').execute();
  if (gone.length) {
    await recordAudit(ctx, {
      action: 'auth.sessions_revoked', entityType: 'account', entityId: ctx.actor.accountId,
      after: { count: gone.length },
    });
  }
  return gone.length;
}
