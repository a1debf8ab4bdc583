import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { auditHash, GENESIS_HASH, type AuditFacts } from './hash.js';
import type { AuditLogTable, DB } from '../db/schema.js';
import type { Actor, AnyActor } from '../access/actor.js';
import { now } from '../clock.js';
import { fixedStatement } from '../db/fixedStatement.js';
import { maskPhonesInSnapshot } from './personalData.js';

/**
 * The number of hash chains new records are spread over. A transaction links all its records
 * into one chain, chosen from its first record's entity, and holds that chain's head row locked
 * until it commits: writers of different chains never wait for each other.
 */
export const AUDIT_CHAINS = 64;

/** The chain of a transaction whose first record is about this entity (FNV-1a of type and id). */
export function auditChainOf(entityType: string, entityId: string | number | null): number {
  let h = 0x811c9dc5;
  for (const ch of `${entityType}:${entityId ?? ''}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % AUDIT_CHAINS;
}

/** The chain a transaction links into and its head (hash and id) as the transaction has left it (held locked until commit). */
interface ChainState { chain: number; head: string; headId: number | null }
const chainOfTransaction = new WeakMap<Transaction<DB>, ChainState>();

/** A chain's head, locked: every audited write's first look at the log, so compiled once. */
const chainHead = fixedStatement((db: Kysely<DB>, v: { chain: number }) => db.selectFrom('audit_chain')
  .select(['head_hash', 'head_id']).where('chain', '=', v.chain).forUpdate());

/** Locks the transaction's chain's head row (once per transaction) and answers the chain and its head hash. */
async function lockChain(trx: Transaction<DB>, entityType: string, entityId: string | number | null): Promise<ChainState> {
  const held = chainOfTransaction.get(trx);
  if (held) return held;
  const chain = auditChainOf(entityType, entityId);
  // FOR UPDATE waits for the chain's previous writer and then reads the head it committed.
  let [row] = await chainHead(trx, { chain });
  if (!row) {
    await trx.insertInto('audit_chain').values({ chain, head_id: null, head_hash: GENESIS_HASH, length: 0 }).onConflict((oc) => oc.column('chain').doNothing()).execute();
    [row] = await chainHead(trx, { chain });
    if (!row) throw new Error(`audit chain ${chain} has no head row`);
  }
  const state = { chain, head: row.head_hash, headId: row.head_id };
  chainOfTransaction.set(trx, state);
  return state;
}

type AuditRow = Insertable<AuditLogTable>;

/** One record appended and the chain's head moved to it: every audited write's last statement, so compiled once. */
const appendOne = fixedStatement((db: Kysely<DB>, v: AuditRow & { chain: number }) => db
  .with('added', (d) => d.insertInto('audit_log').values({
    at: v.at, actor_account_id: v.actor_account_id, actor_name: v.actor_name, action: v.action, entity_type: v.entity_type,
    entity_id: v.entity_id, before: v.before, after: v.after, ip: v.ip, prev_hash: v.prev_hash, hash: v.hash, chain: v.chain, prev_id: v.prev_id,
  }).returning('id'))
  .updateTable('audit_chain')
  .set((eb) => ({ head_id: eb.selectFrom('added').select((a) => a.fn.max('id').as('id')), head_hash: v.hash, length: sql<number>`length + 1` }))
  .where('chain', '=', v.chain)
  .returning('head_id'));

/**
 * Inserts the rows (already linked by hash, in order) and moves the chain's head to the last one.
 * Each row names its predecessor's id (`prev_id`): one row takes the head's id and needs no more
 * than the one statement; several take ids drawn from the sequence first, in order.
 */
async function appendRows(trx: Transaction<DB>, state: ChainState, rows: AuditRow[]): Promise<void> {
  if (rows.length === 1) {
    const [head] = await appendOne(trx, { ...rows[0]!, chain: state.chain, prev_id: state.headId });
    state.head = rows[0]!.hash;
    state.headId = head!.head_id;
    return;
  }
  const ids = await sql<{ id: number }>`select nextval('audit_log_id_sequence')::bigint as id from generate_series(1, ${rows.length}) order by 1`.execute(trx);
  rows.forEach((r, i) => { r.id = Number(ids.rows[i]!.id); r.prev_id = i === 0 ? state.headId : rows[i - 1]!.id!; });
  const head = await trx.with('added', (db) => db.insertInto('audit_log').values(rows).returning('id'))
    .updateTable('audit_chain')
    .set((eb) => ({
      head_id: eb.selectFrom('added').select((a) => a.fn.max('id').as('id')),
      head_hash: rows.at(-1)!.hash,
      length: sql<number>`length + ${rows.length}`,
    }))
    .where('chain', '=', state.chain)
    .returning('head_id')
    .executeTakeFirstOrThrow();
  state.head = rows.at(-1)!.hash;
  state.headId = head.head_id;
}

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

/** Plain JSON (dates as ISO strings, no undefined, phone numbers masked), exactly as it will read back from jsonb. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value, maskPhonesInSnapshot));
}

/** The row of one record linked after `prevHash`. */
function linkedRow(ctx: WriteContext<AnyActor>, chain: number, prevHash: string, entry: AuditEntry): AuditRow {
  const { actor, ip } = ctx;
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
  return {
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
    chain,
    prev_id: null,
  };
}

/**
 * Appends one record to the audit log, inside the caller's transaction: to the chain of the
 * transaction's first record (locked until commit), so call this as late in the transaction as
 * the write allows. Two statements for a transaction's first record, one for each further one.
 */
export async function recordAudit(ctx: WriteContext<AnyActor>, entry: AuditEntry): Promise<void> {
  const state = await lockChain(ctx.trx, entry.entityType, entry.entityId);
  await appendRows(ctx.trx, state, [linkedRow(ctx, state.chain, state.head, entry)]);
}

/**
 * Appends many records to the audit log at once, for a bulk write: the caller records its own
 * summary entry with `recordAudit` first, which chooses the transaction's chain and holds it
 * locked until commit, so nobody else can append in between. Each record is hashed exactly as
 * `recordAudit` hashes one, into the same chain.
 */
export class AuditAppender {
  constructor(private readonly ctx: WriteContext) {}

  async append(entries: { action: string; entityType: string; entityId: number | string; before?: unknown; after: unknown }[]): Promise<void> {
    if (entries.length === 0) return;
    const state = await lockChain(this.ctx.trx, entries[0]!.entityType, entries[0]!.entityId);
    for (let i = 0; i < entries.length; i += 2000) {
      const rows: AuditRow[] = [];
      for (const e of entries.slice(i, i + 2000)) rows.push(linkedRow(this.ctx, state.chain, rows.at(-1)?.hash ?? state.head, e));
      await appendRows(this.ctx.trx, state, rows);
    }
  }
}
