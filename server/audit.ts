import { sql, type Transaction } from 'kysely';
import { auditHash, GENESIS_HASH, type AuditFacts } from './domain/auditHash.js';
import type { DB } from './db/schema.js';
import type { Actor } from './policies/actor.js';

/** Any advisory-lock key unique to the audit chain. */
const AUDIT_CHAIN_LOCK = 72_741_001;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface WriteContext {
  trx: Transaction<DB>;
  actor: Actor;
  ip: string | null;
}

/** Plain JSON (dates as ISO strings, no undefined), exactly as it will read back from jsonb. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends one record to the audit chain, inside the caller's transaction. The chain is
 * serialised with a transaction-scoped advisory lock so concurrent writers link in order; the
 * lock is held until commit, so call this as late in the transaction as the write allows.
 */
export async function recordAudit(ctx: WriteContext, entry: AuditEntry): Promise<void> {
  const { trx, actor, ip } = ctx;
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const facts: AuditFacts = {
    at: new Date().toISOString(),
    actorAccountId: actor.accountId || null,
    actorName: actor.displayName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: toJson(entry.before),
    after: toJson(entry.after),
    ip,
  };
  await trx.insertInto('audit_log').values({
    at: facts.at,
    actor_account_id: facts.actorAccountId,
    actor_name: facts.actorName,
    action: facts.action,
    entity_type: facts.entityType,
    entity_id: facts.entityId,
    before: facts.before === null ? null : JSON.stringify(facts.before),
    after: facts.after === null ? null : JSON.stringify(facts.after),
    ip: facts.ip,
    prev_hash: prevHash,
    hash: auditHash(prevHash, facts),
  }).execute();
}
