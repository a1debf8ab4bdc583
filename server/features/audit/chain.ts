import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { auditHash, GENESIS_HASH } from '../../platform/audit/hash.js';

export type ChainBreak = 'prev_hash_mismatch' | 'hash_mismatch' | 'beyond_head' | 'head_mismatch';

export interface ChainReport {
  ok: boolean;
  /** Records checked (all of them when ok). */
  checked: number;
  /** The last record checked. */
  lastId: number | null;
  /** How many chains hold records. */
  chains: number;
  /**
   * sha256 over every chain's number, length and head hash, in chain order: one value that
   * stands for the whole log (null when it does not verify). Noted down elsewhere, it shows
   * later that nothing was rewritten or cut off up to then.
   */
  root: string | null;
  /**
   * The first bad record in id order: its link does not name the hash of its chain's previous
   * record (prev_hash_mismatch), its hash is not the hash of its facts (hash_mismatch), or it
   * lies past its chain's recorded head (beyond_head); or, after the walk, a chain's recorded
   * head (its last id, hash and length) is not where its records end (head_mismatch, naming the
   * id the head names).
   */
  broken: { id: number; chain: number; reason: ChainBreak } | null;
}

interface Walked { head: string; lastId: number | null; length: number }

/** Walks every chain in id order, recomputing every link, then checks each chain's head. */
async function walk(trx: Transaction<DB>, batch: number): Promise<ChainReport> {
  const heads = new Map((await trx.selectFrom('audit_chain').selectAll().execute()).map((h) => [h.chain, h]));
  const walked = new Map<number, Walked>();
  let lastId = 0;
  let checked = 0;
  const fail = (id: number, chain: number, reason: ChainBreak): ChainReport =>
    ({ ok: false, checked, lastId: checked ? lastId : null, chains: walked.size, root: null, broken: { id, chain, reason } });
  for (;;) {
    const rows = await trx.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute();
    for (const r of rows) {
      const at = walked.get(r.chain) ?? { head: GENESIS_HASH, lastId: null, length: 0 };
      const recorded = heads.get(r.chain);
      if (!recorded || recorded.head_id === null || r.id > recorded.head_id) return fail(r.id, r.chain, 'beyond_head');
      if (r.prev_hash !== at.head) return fail(r.id, r.chain, 'prev_hash_mismatch');
      const expected = auditHash(at.head, {
        at: r.at.toISOString(), actorAccountId: r.actor_account_id, actorName: r.actor_name, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip,
      });
      if (expected !== r.hash) return fail(r.id, r.chain, 'hash_mismatch');
      walked.set(r.chain, { head: r.hash, lastId: r.id, length: at.length + 1 });
      lastId = r.id;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const root = createHash('sha256');
  for (const h of [...heads.values()].sort((a, b) => a.chain - b.chain)) {
    const at = walked.get(h.chain) ?? { head: GENESIS_HASH, lastId: null, length: 0 };
    if (at.head !== h.head_hash || at.lastId !== h.head_id || at.length !== Number(h.length)) return fail(h.head_id ?? 0, h.chain, 'head_mismatch');
    root.update(`${h.chain}:${h.length}:${h.head_hash}\n`);
  }
  return { ok: true, checked, lastId: checked ? lastId : null, chains: walked.size, root: root.digest('hex'), broken: null };
}

/**
 * Verifies the whole audit log: every record of every chain against its facts and its
 * predecessor, and every chain's recorded head against where its records end. Reads one
 * snapshot (repeatable read), so writes going on meanwhile neither break nor extend the walk.
 */
export async function verifyAuditChain(db: Kysely<DB>, batch = 5000): Promise<ChainReport> {
  return db.transaction().setIsolationLevel('repeatable read').execute((trx) => walk(trx, batch));
}
