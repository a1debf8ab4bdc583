import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { auditHash, GENESIS_HASH } from '../../platform/audit/hash.js';

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastId: number | null;
  broken: { id: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' } | null;
}

/** Walks the whole chain in id order, recomputing every link. */
export async function verifyAuditChain(db: Kysely<DB>, batch = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute();
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, lastId: r.id, broken: { id: r.id, reason: 'prev_hash_mismatch' } };
      const expected = auditHash(prev, {
        at: r.at.toISOString(), actorAccountId: r.actor_account_id, actorName: r.actor_name, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip,
      });
      if (expected !== r.hash) return { ok: false, checked, lastId: r.id, broken: { id: r.id, reason: 'hash_mismatch' } };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
    if (rows.length < batch) return { ok: true, checked, lastId: checked ? lastId : null, broken: null };
  }
}
