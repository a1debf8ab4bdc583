import { sql, type Transaction } from 'kysely';
import { auditHash, GENESIS_HASH, type AuditFacts } from './hash.js';
import type { DB } from '../db/schema.js';
import type { Actor, AnyActor } from '../access/actor.js';
import { now } from '../clock.js';

/** Any advisory-lock key unique to the audit chain. */
const AUDIT_CHAIN_LOCK = 72_741_001;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** A write's transaction, who does it (an account by default; the public where a write serves it) and from where. */
export interface WriteContext<A extends AnyActor = Actor> {
  trx: Transaction<DB>;
  actor: A;
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
export async function recordAudit(ctx: WriteContext<AnyActor>, entry: AuditEntry): Promise<void> {
  const { trx, actor, ip } = ctx;
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const facts: AuditFacts = {
    at: now().toISOString(),
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

/**
 * Appends many records to the audit chain at once, for a bulk write that has already taken
 * the chain's lock: the caller records its own summary entry with `recordAudit` first, and
 * the transaction-scoped lock that took is held until commit, so nobody else can append in
 * between. Each record is hashed exactly as `recordAudit` hashes one.
 */
export class AuditAppender {
  private prevHash: string | null = null;

  constructor(private readonly ctx: WriteContext) {}

  async append(entries: { action: string; entityType: string; entityId: number | string; before?: unknown; after: unknown }[]): Promise<void> {
    if (entries.length === 0) return;
    const { trx, actor, ip } = this.ctx;
    if (this.prevHash === null) {
      const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      this.prevHash = last.hash;
    }
    const rows = entries.map((e) => {
      const facts: AuditFacts = {
        at: now().toISOString(),
        actorAccountId: actor.accountId || null,
        actorName: actor.displayName,
        action: e.action,
        entityType: e.entityType,
        entityId: String(e.entityId),
        before: toJson(e.before),
        // Exactly what jsonb will read back: dates as ISO strings, no undefined.
        after: JSON.parse(JSON.stringify(e.after)),
        ip,
      };
      const hash = auditHash(this.prevHash!, facts);
      const row = {
        at: facts.at, actor_account_id: facts.actorAccountId, actor_name: facts.actorName, action: facts.action,
        entity_type: facts.entityType, entity_id: facts.entityId, before: facts.before === null ? null : JSON.stringify(facts.before), after: JSON.stringify(facts.after),
        ip: facts.ip, prev_hash: this.prevHash!, hash,
      };
      this.prevHash = hash;
      return row;
    });
    for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('audit_log').values(rows.slice(i, i + 2000)).execute();
  }
}
