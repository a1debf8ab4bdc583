import type { Kysely, Transaction } from 'kysely';
import { verifyPassword } from '../../platform/access/password.js';
import type { DB } from '../../platform/db/schema.js';

/** How many of an account's passwords, the current one included, a new password may not repeat. */
const PASSWORD_HISTORY_SIZE = 5;

/**
 * Whether `password` is the account's current password or one of the earlier ones kept in
 * `password_history` (the last PASSWORD_HISTORY_SIZE in all). Only scrypt hashes are stored,
 * so each is checked by hashing the candidate with that hash's salt: a few hundred
 * milliseconds for a change, never on sign-in.
 */
export async function usedRecently(db: Kysely<DB> | Transaction<DB>, accountId: number, password: string): Promise<boolean> {
  const current = await db.selectFrom('account').select('password_hash').where('id', '=', accountId).executeTakeFirstOrThrow();
  const earlier = await db.selectFrom('password_history').select('password_hash')
    .where('account_id', '=', accountId).orderBy('id', 'desc').limit(PASSWORD_HISTORY_SIZE - 1).execute();
  for (const { password_hash } of [current, ...earlier]) {
    if (await verifyPassword(password, password_hash)) return true;
  }
  return false;
}

/** Keeps the hash a change replaces, and drops what is older than the history needs. */
export async function rememberReplaced(trx: Transaction<DB>, accountId: number, replacedHash: string, at: Date): Promise<void> {
  await trx.insertInto('password_history').values({ account_id: accountId, password_hash: replacedHash, replaced_at: at }).execute();
  const keep = trx.selectFrom('password_history').select('id')
    .where('account_id', '=', accountId).orderBy('id', 'desc').limit(PASSWORD_HISTORY_SIZE - 1);
  await trx.deleteFrom('password_history').where('account_id', '=', accountId).where('id', 'not in', keep).execute();
}
