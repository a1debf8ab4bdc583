import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { auditHash, GENESIS_HASH } from '../../platform/audit/hash.js';
import { readCheckpoints, rootOf, type CheckpointLine, type CheckpointProblem, type CheckpointStore } from './checkpoints.js';

export type ChainBreak =
  | 'prev_hash_mismatch' | 'hash_mismatch' | 'beyond_head' | 'head_mismatch'
  | 'missing' | 'checkpoint_mismatch' | 'checkpoint_cut';

/** Where the records that are missing or were rewritten lie in their chain: after one id, up to and including another. */
export interface ChainGap {
  /** The last good record of the chain before it (null: from the chain's start). */
  afterId: number | null;
  /** The last record of the span. */
  throughId: number;
  /** How many records are missing from the span, when that is known. */
  count: number | null;
}

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
   * stands for the whole log (null when it does not verify). A checkpoint seals the same value.
   */
  root: string | null;
  /**
   * The first bad record in id order:
   * - `missing`: a record was removed from the chain; `id` is the removed record's own id (its
   *   successor names it), `gap` says which span of the chain lost records;
   * - `prev_hash_mismatch`: its link does not name the hash of its chain's previous record;
   * - `hash_mismatch`: its hash is not the hash of its facts;
   * - `beyond_head`: it lies past its chain's recorded head;
   * - `checkpoint_mismatch`: the chain is whole by its own hashes, but a signed checkpoint sealed
   *   another record or hash at this place: the span after the last record a checkpoint still
   *   vouches for was rebuilt; `id` is the span's first record, `gap` the span;
   * and after the walk:
   * - `head_mismatch`: a chain's recorded head (its last id, hash and length) is not where its
   *   records end, naming the id the head names;
   * - `checkpoint_cut`: the chain ends before a head a signed checkpoint sealed: records were cut
   *   off its end; `id` is the first record removed when a checkpoint sealed it, else the
   *   checkpoint's head, and `gap` the span.
   */
  broken: { id: number; chain: number; reason: ChainBreak; gap: ChainGap | null } | null;
  /** The comparison with the checkpoint file (null when there is none to compare with). */
  checkpoints: CheckpointComparison | null;
}

export interface CheckpointComparison {
  /** The lines whose signature verifies. */
  lines: number;
  /** The newest of them. */
  last: { seq: number; at: string; root: string } | null;
  /** Lines that are unreadable, forged (signature) or relinked (a line before them removed or replaced). */
  problems: CheckpointProblem[];
}

/** One head a checkpoint sealed: the chain's record number `length` is `id` with `hash`. */
interface Pin { length: number; id: number; hash: string }

interface Walked {
  head: string;
  lastId: number | null;
  length: number;
  /** The last record a checkpoint vouches for, and the first record after it. */
  pinnedId: number | null;
  afterPin: number | null;
  /** The next pin to meet. */
  nextPin: number;
}

/** Every sealed head of the lines, per chain, by length (each once). */
function pinsOf(lines: readonly CheckpointLine[]): Map<number, Pin[]> {
  const pins = new Map<number, Map<number, Pin>>();
  for (const line of lines) {
    for (const [chain, length, id, hash] of line.chains) {
      if (id === null || length <= 0) continue;
      const of = pins.get(chain) ?? new Map<number, Pin>();
      if (!of.has(length)) of.set(length, { length, id, hash });
      pins.set(chain, of);
    }
  }
  return new Map([...pins].map(([chain, of]) => [chain, [...of.values()].sort((a, b) => a.length - b.length)]));
}

/** Walks every chain in id order, recomputing every link and meeting every sealed head, then checks each chain's end. */
async function walk(trx: Transaction<DB>, batch: number, pins: Map<number, Pin[]>): Promise<Omit<ChainReport, 'checkpoints'>> {
  const heads = new Map((await trx.selectFrom('audit_chain').selectAll().execute()).map((h) => [h.chain, h]));
  const sealedLength = new Map([...pins].map(([chain, of]) => [chain, new Map(of.map((p) => [p.id, p.length]))]));
  const walked = new Map<number, Walked>();
  let lastId = 0;
  let checked = 0;
  const fail = (id: number, chain: number, reason: ChainBreak, gap: ChainGap | null = null) =>
    ({ ok: false, checked, lastId: checked ? lastId : null, chains: walked.size, root: null, broken: { id, chain, reason, gap } });
  for (;;) {
    const rows = await trx.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute();
    for (const r of rows) {
      const at = walked.get(r.chain) ?? { head: GENESIS_HASH, lastId: null, length: 0, pinnedId: null, afterPin: null, nextPin: 0 };
      const recorded = heads.get(r.chain);
      if (!recorded || recorded.head_id === null || r.id > recorded.head_id) return fail(r.id, r.chain, 'beyond_head');
      // Its predecessor is not the chain's previous record: the records in between were removed.
      if (r.prev_id !== null && r.prev_id !== at.lastId) return fail(r.prev_id, r.chain, 'missing', { afterId: at.lastId, throughId: r.prev_id, count: null });
      if (r.prev_hash !== at.head) return fail(r.id, r.chain, 'prev_hash_mismatch');
      const expected = auditHash(at.head, {
        at: r.at.toISOString(), actorAccountId: r.actor_account_id, actorName: r.actor_name, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip,
      });
      if (expected !== r.hash) return fail(r.id, r.chain, 'hash_mismatch');
      const length = at.length + 1;
      const next = { ...at, head: r.hash, lastId: r.id, length, afterPin: at.afterPin ?? r.id };
      const pin = pins.get(r.chain)?.[at.nextPin];
      if (pin?.length === length) {
        if (pin.id !== r.id || pin.hash !== r.hash) {
          // A record sealed further on now stands here: the records in between are gone.
          const sealedAt = sealedLength.get(r.chain)?.get(r.id);
          const count = sealedAt !== undefined && sealedAt > length ? sealedAt - length : null;
          // The sealed record is the first one gone when the span since the last sealed record is this one only.
          if (pin.id < r.id && next.afterPin === r.id) return fail(pin.id, r.chain, 'missing', { afterId: at.pinnedId, throughId: pin.id, count });
          return fail(next.afterPin, r.chain, 'checkpoint_mismatch', { afterId: at.pinnedId, throughId: Math.max(pin.id, r.id), count });
        }
        Object.assign(next, { pinnedId: r.id, afterPin: null, nextPin: at.nextPin + 1 });
      }
      walked.set(r.chain, next);
      lastId = r.id;
      checked++;
    }
    if (rows.length < batch) break;
  }
  for (const h of [...heads.values()].sort((a, b) => a.chain - b.chain)) {
    const at = walked.get(h.chain) ?? { head: GENESIS_HASH, lastId: null, length: 0, nextPin: 0 };
    if (at.head !== h.head_hash || at.lastId !== h.head_id || at.length !== Number(h.length)) return fail(h.head_id ?? 0, h.chain, 'head_mismatch');
  }
  for (const [chain, of] of [...pins].sort(([a], [b]) => a - b)) {
    const at = walked.get(chain) ?? { lastId: null, length: 0, nextPin: 0 };
    const beyond = of.slice(at.nextPin);
    if (beyond.length === 0) continue;
    const first = beyond[0]!;
    const last = beyond.at(-1)!;
    // The first record removed is known when a checkpoint sealed it (the chain's next record).
    return fail(first.length === at.length + 1 ? first.id : last.id, chain, 'checkpoint_cut', { afterId: at.lastId, throughId: last.id, count: last.length - at.length });
  }
  return { ok: true, checked, lastId: checked ? lastId : null, chains: walked.size, root: rootOf([...heads.values()]), broken: null };
}

/**
 * Verifies the whole audit log: every record of every chain against its facts and its
 * predecessor, every chain's recorded head against where its records end, and — given the
 * checkpoint store — every head a verified checkpoint line sealed against the record now at
 * that place. Reads the checkpoint file first and then one snapshot (repeatable read), so every
 * sealed head was committed before the snapshot, and writes going on meanwhile neither break nor
 * extend the walk.
 */
export async function verifyAuditChain(db: Kysely<DB>, batch = 5000, store: CheckpointStore | null = null): Promise<ChainReport> {
  const file = store ? readCheckpoints(store) : null;
  const pins = pinsOf(file?.lines ?? []);
  const report = await db.transaction().setIsolationLevel('repeatable read').execute((trx) => walk(trx, batch, pins));
  if (!file || (file.lines.length === 0 && file.problems.length === 0)) return { ...report, checkpoints: null };
  const last = file.lines.at(-1);
  return {
    ...report,
    ok: report.ok && file.problems.length === 0,
    checkpoints: { lines: file.lines.length, last: last ? { seq: last.seq, at: last.at, root: last.root } : null, problems: file.problems },
  };
}
