import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { now as clockNow } from '../clock.js';

export const SESSION_COOKIE = 'lx_session';
export const CSRF_COOKIE = 'lx_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Only hashes of session tokens are stored: a leaked table cannot be replayed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  trx: Transaction<DB>,
  config: Config,
  accountId: number,
  meta: { ip: string; userAgent: string },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = clockNow();
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteHours * 3600_000);
  await trx.insertInto('session').values({
    id_hash: hashToken(token),
    account_id: accountId,
    csrf_token: csrfToken,
    last_seen_at: now,
    expires_at: expiresAt,
    ip: meta.ip,
    user_agent: meta.userAgent.slice(0, 300),
  }).execute();
  return { token, csrfToken, expiresAt };
}

export type SessionState = 'active' | 'idle_expired' | 'absolute_expired';

/** The session rule: expired after `idle` minutes without use, or `absolute` hours after sign-in. */
export function sessionState(
  s: { last_seen_at: Date; expires_at: Date },
  now: Date,
  idleMinutes: number,
): SessionState {
  if (now >= s.expires_at) return 'absolute_expired';
  if (now.getTime() - s.last_seen_at.getTime() >= idleMinutes * 60_000) return 'idle_expired';
  return 'active';
}
