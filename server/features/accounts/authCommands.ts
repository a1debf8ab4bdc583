import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { selectActorRow } from '../../platform/access/actors.js';
import { createSession, hashToken, type NewSession } from '../../platform/access/sessions.js';
import type { Config } from '../../platform/config.js';
import type { DB } from '../../platform/db/schema.js';
import { dummyPasswordHash, hashPassword, isStrongPassword, verifyPassword } from '../../platform/access/password.js';
import { AppError } from '../../platform/errors.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/access/actor.js';
import { now as clockNow } from '../../platform/clock.js';
import { notify } from '../../platform/notify/notify.js';
import { rememberReplaced, usedRecently } from './passwordHistory.js';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
  /** The token of the session the browser held before, dropped at login (rotation). */
  previousToken?: string;
}

function actorFor(account: { id: number; username: string; display_name: string }): Actor {
  return { ...SYSTEM_ACTOR, accountId: account.id, username: account.username, displayName: account.display_name };
}

/**
 * Signs in. Wrong passwords count up to `loginMaxFailures`, which locks the account for
 * `loginLockMinutes`; a locked account is refused even with the right password. The result
 * of every attempt — success, failure, lock — is committed with its audit record; failures
 * are reported to the caller after the commit. The password is checked before the
 * transaction (a memory-hard hash must not hold the row lock or, on PGlite, the database),
 * against a dummy hash when the username is unknown. An unknown user, a wrong password and a
 * locked account are answered alike (INVALID_CREDENTIALS, same body, one hash verification
 * each), so the answer never tells whether a username exists or is locked. The lock's end goes
 * to the account's holder instead, as one notification per lock.
 */
export async function login(db: Kysely<DB>, config: Config, input: LoginInput): Promise<{ accountId: number; session: NewSession }> {
  const username = input.username.trim().toLowerCase();
  const seen = await db.selectFrom('account').selectAll().where(sql`lower(username)`, '=', username).executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, seen?.password_hash ?? await dummyPasswordHash());

  const outcome = await db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('account').selectAll()
      .where(sql`lower(username)`, '=', username)
      .forUpdate()
      .executeTakeFirst();
    const now = clockNow();
    const ctx = (actor: Actor) => ({ trx, actor, ip: input.ip });

    if (!account) {
      await recordAudit(ctx(SYSTEM_ACTOR), { action: 'auth.login_failed', entityType: 'account', entityId: null, after: { username: input.username.slice(0, 100), reason: 'unknown_user' } });
      return { error: new AppError('INVALID_CREDENTIALS') };
    }
    const actor = actorFor(account);
    if (account.locked_until && account.locked_until > now) {
      await recordAudit(ctx(actor), { action: 'auth.login_refused_locked', entityType: 'account', entityId: account.id });
      return { error: new AppError('INVALID_CREDENTIALS') };
    }
    // A password changed between the check and the lock counts as a failed attempt.
    if (!passwordOk || account.password_hash !== seen?.password_hash) {
      await countFailure(trx, config, account, input.ip, now);
      return { error: new AppError('INVALID_CREDENTIALS') };
    }
    const { usable } = await selectActorRow(trx).where('account.id', '=', account.id).executeTakeFirstOrThrow();
    if (!usable) {
      await recordAudit(ctx(actor), { action: 'auth.login_refused_disabled', entityType: 'account', entityId: account.id });
      return { error: new AppError('ACCOUNT_DISABLED') };
    }
    if (input.previousToken) await trx.deleteFrom('session').where('id_hash', '=', hashToken(input.previousToken)).execute();
    // Sweep this account's dead sessions (past their absolute or idle expiry).
    await trx.deleteFrom('session').where('account_id', '=', account.id)
      .where((eb) => eb.or([
        eb('expires_at', '<=', now),
        eb('last_seen_at', '<=', new Date(now.getTime() - config.sessionIdleMinutes * 60_000)),
      ])).execute();
    await trx.updateTable('account').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', account.id).execute();
    const session = await createSession(trx, config, account.id, { ip: input.ip, userAgent: input.userAgent });
    await recordAudit(ctx(actor), { action: 'auth.login', entityType: 'account', entityId: account.id });
    return { accountId: account.id, session };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

/** One more failed attempt on `account`, which locks it at `loginMaxFailures`; audited, and the lock told to its holder. */
async function countFailure(
  trx: Transaction<DB>, config: Config, account: { id: number; username: string; display_name: string; failed_logins: number }, ip: string, now: Date,
  reason?: string,
): Promise<void> {
  const failures = account.failed_logins + 1;
  const locks = failures >= config.loginMaxFailures;
  const lockedUntil = locks ? new Date(now.getTime() + config.loginLockMinutes * 60_000) : null;
  await trx.updateTable('account')
    .set({ failed_logins: locks ? 0 : failures, locked_until: lockedUntil })
    .where('id', '=', account.id).execute();
  await recordAudit({ trx, actor: actorFor(account), ip }, {
    action: locks ? 'auth.account_locked' : 'auth.login_failed', entityType: 'account', entityId: account.id,
    after: { failedLogins: failures, lockedUntil, ...(reason && { reason }) },
  });
  if (lockedUntil) await notifyLocked(trx, account.id, failures, lockedUntil);
}

/**
 * A sign-in refused before its password was read (a body that is not UTF-8, a text with a lone
 * surrogate, a field too long): audited as a failed sign-in and, when the username in it can be
 * read, counted against that account's lock like a wrong password, so that malformed attempts
 * cannot guess past the lock unseen. No password is checked, for a known username or not.
 * `username` is null when the body could not be read at all; `reason` is the refusal's code.
 */
export async function refuseLogin(db: Kysely<DB>, config: Config, input: { username: string | null; ip: string; reason: string }): Promise<void> {
  const username = input.username?.trim().toLowerCase() ?? null;
  await db.transaction().execute(async (trx) => {
    const account = username ? await trx.selectFrom('account').selectAll().where(sql`lower(username)`, '=', username).forUpdate().executeTakeFirst() : undefined;
    const now = clockNow();
    if (!account) {
      await recordAudit({ trx, actor: SYSTEM_ACTOR, ip: input.ip }, {
        action: 'auth.login_failed', entityType: 'account', entityId: null,
        after: { username: input.username?.slice(0, 100) ?? null, reason: input.reason },
      });
    } else if (account.locked_until && account.locked_until > now) {
      await recordAudit({ trx, actor: actorFor(account), ip: input.ip }, { action: 'auth.login_refused_locked', entityType: 'account', entityId: account.id, after: { reason: input.reason } });
    } else {
      await countFailure(trx, config, account, input.ip, now, input.reason);
    }
  });
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

/**
 * Tells the account's holder (in-app and on every channel they receive on) that the account is
 * locked and until when; the person typing at the sign-in form learns nothing. Keyed by the
 * lock's end, so one lock is told once.
 */
async function notifyLocked(trx: Transaction<DB>, accountId: number, failures: number, lockedUntil: Date): Promise<void> {
  await notify(trx, {
    accountIds: [accountId],
    kind: 'account.locked',
    title: '账号已临时锁定',
    body: `因连续 ${failures} 次登录密码错误,您的账号已锁定至 ${SHANGHAI_TIME.format(lockedUntil)}(北京时间)。如非本人操作,请尽快联系管理员并修改密码。`,
    link: '/me',
    dedupeKey: `account.locked:${lockedUntil.toISOString()}`,
  });
}

export async function logout(db: Kysely<DB>, actor: Actor, token: string, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('session').where('id_hash', '=', hashToken(token)).execute();
    await recordAudit({ trx, actor, ip }, { action: 'auth.logout', entityType: 'account', entityId: actor.accountId });
  });
}

/**
 * Changes one's own password: the current one must be right, the new one strong and none of
 * the account's last PASSWORD_HISTORY_SIZE passwords (the current one included). The replaced
 * hash joins the history. Every other session of the account ends; the current one stays.
 */
export async function changePassword(
  db: Kysely<DB>, actor: Actor, input: { currentPassword: string; newPassword: string; currentToken: string; ip: string },
): Promise<void> {
  const account = await db.selectFrom('account').select(['password_hash']).where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, account.password_hash))) throw new AppError('WRONG_PASSWORD');
  if (!isStrongPassword(input.newPassword)) throw new AppError('PASSWORD_TOO_WEAK');
  if (await usedRecently(db, actor.accountId, input.newPassword)) throw new AppError('PASSWORD_REUSED');
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    const { password_hash: replaced } = await trx.selectFrom('account').select('password_hash').where('id', '=', actor.accountId).forUpdate().executeTakeFirstOrThrow();
    // Changed by another request since the check: the current password given is no longer it.
    if (replaced !== account.password_hash) throw new AppError('WRONG_PASSWORD');
    await rememberReplaced(trx, actor.accountId, replaced, clockNow());
    await trx.updateTable('account')
      .set({ password_hash: hash, must_change_password: false, password_changed_at: clockNow(), updated_at: clockNow(), version: sql`version + 1` })
      .where('id', '=', actor.accountId).execute();
    await trx.deleteFrom('session')
      .where('account_id', '=', actor.accountId)
      .where('id_hash', '<>', hashToken(input.currentToken)).execute();
    await recordAudit({ trx, actor, ip: input.ip }, { action: 'account.password_changed', entityType: 'account', entityId: actor.accountId });
  });
}
