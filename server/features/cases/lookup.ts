/**
 * The constituent's look-up without the full link: the tracking code with the query PIN from the
 * receipt, or with the last four digits of the phone she gave. A success hands out a key that is
 * accepted like the query key for a day.
 *
 * Guessing is limited twice: per client address by the route's rate limit, and per tracking code
 * across every address and app node by a row in `opinion_lookup_guard`, locked `FOR UPDATE` while
 * a guess is checked. The row is kept for the code as typed, whether a case has it or not, so an
 * unknown code fails and locks exactly like a real one, and the answers never tell them apart.
 *
 * - After LOOKUP_MAX_FAILURES failures in a row the code locks. Opening the case with its full
 *   link (the query key) unlocks it, and so does staff, from the case page.
 * - After LOOKUP_MAX_TOTAL_FAILURES failures since staff last unlocked it, only staff unlock it.
 *
 * So a guesser gets at most 10 tries at a code between two unlocks by staff, whoever and wherever
 * they are: against a 6-digit PIN (10^6 values) that is a chance of 10 / 10^6 = 1 in 100,000
 * per code; against 4 phone digits (10^4) 1 in 1,000, which is why that variant needs a code that
 * was never public (`code_published`: every code Open311 listed before migration 0015). Nothing
 * public shows a tracking code any more; to find one at random, a guess has to hit one of the
 * cases among the 29^8 ≈ 5 × 10^11 well-formed codes.
 *
 * Every look-up, successful or not, and every unlock is written to `opinion_lookup_log`, never
 * with the PIN, the phone digits or a key.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { hashQueryKey, newQueryKey, normalisePin, normaliseTrackingCode, pinMatches } from './trackingCode.js';
import { caseColumns, caseVisible } from './access.js';

/** Failures in a row after which a code locks until the full link or staff unlocks it. */
export const LOOKUP_MAX_FAILURES = 5;
/** Failures since staff last unlocked a code after which only staff unlock it. */
export const LOOKUP_MAX_TOTAL_FAILURES = 10;
/** How long the key a look-up hands out opens the case. */
export const LOOKUP_KEY_HOURS = 24;

export interface LookupInput {
  code: string;
  pin?: string | undefined;
  phoneLast4?: string | undefined;
}

type Outcome = { ok: true; trackingCode: string; key: string } | { ok: false; locked: boolean };

async function guardRow(trx: Transaction<DB>, code: string, at: Date) {
  await trx.insertInto('opinion_lookup_guard').values({ code, updated_at: at }).onConflict((oc) => oc.column('code').doNothing()).execute();
  return trx.selectFrom('opinion_lookup_guard').selectAll().where('code', '=', code).forUpdate().executeTakeFirstOrThrow();
}

async function log(trx: Transaction<DB>, row: {
  at: Date; code: string; opinionId: number | null; method: 'pin' | 'phone' | 'link' | 'staff';
  outcome: 'ok' | 'wrong' | 'locked' | 'unlocked'; ip: string | null; accountId?: number | null;
}) {
  await trx.insertInto('opinion_lookup_log').values({
    at: row.at, code: row.code.slice(0, 40), opinion_id: row.opinionId, method: row.method, outcome: row.outcome, ip: row.ip, account_id: row.accountId ?? null,
  }).execute();
}

/** Whether a case matches the secret given; the phone variant only for a code never published. */
function matches(c: { tracking_code: string; pin_hash: string | null; submitter_phone: string | null; code_published: boolean }, input: LookupInput): boolean {
  if (input.pin !== undefined) {
    const pin = normalisePin(input.pin);
    return pin !== null && pinMatches(c.tracking_code, pin, c.pin_hash);
  }
  if (input.phoneLast4 !== undefined) {
    return !c.code_published && c.submitter_phone !== null && c.submitter_phone.length >= 4 && c.submitter_phone.slice(-4) === input.phoneLast4;
  }
  return false;
}

/**
 * One look-up, in its own transaction (the counters and the log row commit whatever the outcome),
 * then the answer: `{ trackingCode, key }`, or LOOKUP_FAILED for a wrong secret and an unknown
 * code alike, or LOOKUP_LOCKED.
 */
export async function lookUpCase(db: Kysely<DB>, input: LookupInput, ip: string | null): Promise<{ trackingCode: string; key: string }> {
  const at = clockNow();
  const method = input.pin !== undefined ? 'pin' as const : 'phone' as const;
  const code = normaliseTrackingCode(input.code);
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
    // A string that cannot be a tracking code (its check character is wrong) matches no case; no counter to keep.
    if (!code) {
      await log(trx, { at, code: input.code, opinionId: null, method, outcome: 'wrong', ip });
      return { ok: false, locked: false };
    }
    const guard = await guardRow(trx, code, at);
    const c = await trx.selectFrom('opinion').select(['id', 'tracking_code', 'pin_hash', 'submitter_phone', 'code_published'])
      .where('tracking_code', '=', code).executeTakeFirst();
    if (guard.locked_at) {
      await log(trx, { at, code, opinionId: c?.id ?? null, method, outcome: 'locked', ip });
      return { ok: false, locked: true };
    }
    if (c && matches(c, input)) {
      const key = newQueryKey();
      await trx.insertInto('opinion_access_key').values({
        key_hash: hashQueryKey(key), opinion_id: c.id, purpose: 'lookup', created_at: at, expires_at: new Date(at.getTime() + LOOKUP_KEY_HOURS * 3_600_000),
      }).execute();
      await trx.updateTable('opinion_lookup_guard').set({ failures: 0, updated_at: at }).where('code', '=', code).execute();
      await log(trx, { at, code, opinionId: c.id, method, outcome: 'ok', ip });
      return { ok: true, trackingCode: c.tracking_code, key };
    }
    const failures = guard.failures + 1;
    const total = guard.total_failures + 1;
    const locks = failures >= LOOKUP_MAX_FAILURES || total >= LOOKUP_MAX_TOTAL_FAILURES;
    await trx.updateTable('opinion_lookup_guard').set({ failures, total_failures: total, locked_at: locks ? at : null, updated_at: at })
      .where('code', '=', code).execute();
    await log(trx, { at, code, opinionId: c?.id ?? null, method, outcome: 'wrong', ip });
    return { ok: false, locked: locks };
  });
  if (outcome.ok) return { trackingCode: outcome.trackingCode, key: outcome.key };
  throw new AppError(outcome.locked ? 'LOOKUP_LOCKED' : 'LOOKUP_FAILED');
}

/**
 * The submitter opened her case with the full link (the receipt's, or the one texted to her
 * phone): that proves her, so a code locked by failures in a row unlocks (not one past the total
 * limit: that takes staff).
 */
export async function unlockByLink(db: Kysely<DB>, trackingCode: string, opinionId: number, ip: string | null): Promise<void> {
  const pending = await db.selectFrom('opinion_lookup_guard').select('code').where('code', '=', trackingCode)
    .where('failures', '>', 0).where('total_failures', '<', LOOKUP_MAX_TOTAL_FAILURES).executeTakeFirst();
  if (!pending) return;
  const at = clockNow();
  await db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('opinion_lookup_guard').set({ failures: 0, locked_at: null, updated_at: at })
      .where('code', '=', trackingCode).where('failures', '>', 0).where('total_failures', '<', LOOKUP_MAX_TOTAL_FAILURES).executeTakeFirst();
    if (Number(done.numUpdatedRows) > 0) await log(trx, { at, code: trackingCode, opinionId, method: 'link', outcome: 'unlocked', ip });
  });
}

/** What a key handed out by a look-up or a notice is, when it opens this case now; null otherwise. */
export async function accessKeyOpens(db: Kysely<DB>, opinionId: number, key: string): Promise<'lookup' | 'notice' | null> {
  if (!key) return null;
  const found = await db.selectFrom('opinion_access_key').select('purpose')
    .where('key_hash', '=', hashQueryKey(key)).where('opinion_id', '=', opinionId).where('expires_at', '>', clockNow()).executeTakeFirst();
  return found?.purpose ?? null;
}

/** Hands out a key that opens the case until `expiresAt` (the link in a notice to the submitter). */
export async function issueAccessKey(trx: Transaction<DB>, opinionId: number, purpose: 'lookup' | 'notice', at: Date, expiresAt: Date): Promise<string> {
  const key = newQueryKey();
  await trx.insertInto('opinion_access_key').values({ key_hash: hashQueryKey(key), opinion_id: opinionId, purpose, created_at: at, expires_at: expiresAt }).execute();
  return key;
}

/** The look-up state of a case as its staff see it: locked or not, the failures, the latest look-ups. */
export async function lookupStatus(db: Kysely<DB>, actor: Parameters<typeof caseVisible>[0], caseId: number) {
  const c = await db.selectFrom('opinion as o').select(['o.id', 'o.tracking_code', 'o.pin_hash', 'o.submitter_phone', 'o.code_published'])
    .where('o.id', '=', caseId).where(caseVisible(actor, caseColumns('o'))).executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const guard = await db.selectFrom('opinion_lookup_guard').selectAll().where('code', '=', c.tracking_code).executeTakeFirst();
  const recent = await db.selectFrom('opinion_lookup_log').select(['at', 'method', 'outcome'])
    .where('code', '=', c.tracking_code).orderBy('id', 'desc').limit(10).execute();
  return {
    locked: guard?.locked_at != null,
    lockedAt: guard?.locked_at?.toISOString() ?? null,
    failures: guard?.failures ?? 0,
    totalFailures: guard?.total_failures ?? 0,
    linkUnlocks: (guard?.total_failures ?? 0) < LOOKUP_MAX_TOTAL_FAILURES,
    hasPin: c.pin_hash !== null,
    phoneLookup: !c.code_published && c.submitter_phone !== null,
    recent: recent.map((r) => ({ at: r.at.toISOString(), method: r.method, outcome: r.outcome })),
  };
}

/** Staff unlock a case's look-up (after the submitter proved herself to them), with its audit record. */
export async function unlockLookup(ctx: WriteContext, caseId: number): Promise<void> {
  const c = await ctx.trx.selectFrom('opinion as o').select(['o.id', 'o.tracking_code'])
    .where('o.id', '=', caseId).where(caseVisible(ctx.actor, caseColumns('o'))).forUpdate().executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const at = clockNow();
  const before = await ctx.trx.selectFrom('opinion_lookup_guard').select(['failures', 'total_failures', 'locked_at'])
    .where('code', '=', c.tracking_code).forUpdate().executeTakeFirst();
  await ctx.trx.updateTable('opinion_lookup_guard').set({ failures: 0, total_failures: 0, locked_at: null, updated_at: at })
    .where('code', '=', c.tracking_code).execute();
  await log(ctx.trx, { at, code: c.tracking_code, opinionId: c.id, method: 'staff', outcome: 'unlocked', ip: ctx.ip, accountId: ctx.actor.accountId });
  await recordAudit(ctx, {
    action: 'case.lookup_unlock', entityType: 'case', entityId: c.id,
    before: { locked: before?.locked_at != null, failures: before?.failures ?? 0, totalFailures: before?.total_failures ?? 0 },
    after: { locked: false, failures: 0, totalFailures: 0 },
  });
}

/**
 * Daily maintenance: forgets expired keys, the counters of codes no case has that nobody tried for
 * 30 days, and the link keys in text messages sent more than a day ago.
 */
export async function purgeLookupState(trx: Transaction<DB>, now: Date): Promise<number> {
  const keys = await trx.deleteFrom('opinion_access_key').where('expires_at', '<', now).executeTakeFirst();
  const guards = await trx.deleteFrom('opinion_lookup_guard').where('updated_at', '<', new Date(now.getTime() - 30 * 86_400_000))
    .where(sql<boolean>`not exists (select 1 from opinion o where o.tracking_code = opinion_lookup_guard.code)`).executeTakeFirst();
  // A text message's link key stays in the outbox only until a day after it was sent.
  const texts = await trx.updateTable('outbox').set({ body: sql<string>`regexp_replace(body, '([?&]key=)[^&[:space:]]+', '\\1***', 'g')` })
    .where('channel', '=', 'sms').where('sent_at', '<', new Date(now.getTime() - 86_400_000)).where('body', 'like', '%key=%').where('body', 'not like', '%key=***%')
    .executeTakeFirst();
  return Number(keys.numDeletedRows) + Number(guards.numDeletedRows) + Number(texts.numUpdatedRows);
}
