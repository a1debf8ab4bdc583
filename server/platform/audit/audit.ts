import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { auditHash, canonicalJson, GENESIS_HASH, type AuditFacts } from './hash.js';
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

/**
 * The first row `run` answers on the chain's head: a chain nobody has written to yet has no head
 * row, which is then created (by whichever writer comes first) and `run` sent again.
 */
async function onChainHead<R>(trx: Transaction<DB>, chain: number, run: () => Promise<R[]>): Promise<R> {
  const [first] = await run();
  if (first) return first;
  await createChainHead(trx, chain);
  const [row] = await run();
  if (!row) throw new Error(`audit chain ${chain} has no head row`);
  return row;
}

/** Creates a chain's head row (the genesis hash, no record yet), unless a writer has created it already. */
export async function createChainHead(db: Kysely<DB>, chain: number): Promise<void> {
  await db.insertInto('audit_chain').values({ chain, head_id: null, head_hash: GENESIS_HASH, length: 0 }).onConflict((oc) => oc.column('chain').doNothing()).execute();
}

/** Locks the transaction's chain's head row (once per transaction) and answers the chain and its head hash. */
async function lockChain(trx: Transaction<DB>, entityType: string, entityId: string | number | null): Promise<ChainState> {
  const held = chainOfTransaction.get(trx);
  if (held) return held;
  const chain = auditChainOf(entityType, entityId);
  // FOR UPDATE waits for the chain's previous writer and then reads the head it committed.
  const row = await onChainHead(trx, chain, () => chainHead(trx, { chain }));
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

/** The facts of one record, as they are hashed. */
function auditFacts(ctx: Pick<WriteContext<AnyActor>, 'actor' | 'ip'>, entry: AuditEntry): AuditFacts {
  const { actor, ip } = ctx;
  return {
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
}

/** The columns of a record that hold its facts. */
function factColumns(facts: AuditFacts) {
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
  };
}

/** The row of one record linked after `prevHash`. */
function linkedRow(chain: number, prevHash: string, facts: AuditFacts): AuditRow {
  return { ...factColumns(facts), prev_hash: prevHash, hash: auditHash(prevHash, facts), chain, prev_id: null };
}

/**
 * A transaction's first record, in one statement: the chain's head locked, the record linked to
 * it (its hash worked out by PostgreSQL as `auditHash` works it out: SHA-256 of the head's hash, a
 * newline and the facts' canonical JSON, in UTF-8) and the head moved to it. FOR UPDATE waits for
 * the chain's previous writer and then reads the head it committed. Every audited write that
 * records one entry sends it, so it is compiled once. No row when the chain has no head row yet
 * (`onChainHead` creates it).
 */
const lockAndAppend = fixedStatement((db: Kysely<DB>, v: ReturnType<typeof factColumns> & { chain: number; canonical: string }) => db
  .with('head', (d) => d.selectFrom('audit_chain').select(['head_hash', 'head_id']).where('chain', '=', v.chain).forUpdate())
  .with('added', (d) => d.insertInto('audit_log')
    .columns(['at', 'actor_account_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'before', 'after', 'ip', 'prev_hash', 'hash', 'chain', 'prev_id'])
    .expression((eb) => eb.selectFrom('head').select([
      sql<string>`${v.at}::timestamptz`.as('at'), sql<number | null>`${v.actor_account_id}::int`.as('actor_account_id'),
      sql<string>`${v.actor_name}::text`.as('actor_name'), sql<string>`${v.action}::text`.as('action'),
      sql<string>`${v.entity_type}::text`.as('entity_type'), sql<string | null>`${v.entity_id}::text`.as('entity_id'),
      sql<unknown>`${v.before}::jsonb`.as('before'), sql<unknown>`${v.after}::jsonb`.as('after'), sql<string | null>`${v.ip}::text`.as('ip'),
      'head.head_hash as prev_hash',
      sql<string>`encode(sha256(convert_to(head.head_hash || chr(10) || ${v.canonical}::text, 'UTF8')), 'hex')`.as('hash'),
      sql<number>`${v.chain}::int`.as('chain'), 'head.head_id as prev_id',
    ]))
    .returning(['id', 'hash']))
  .updateTable('audit_chain')
  .from('added')
  .set((eb) => ({ head_id: eb.ref('added.id'), head_hash: eb.ref('added.hash'), length: sql<number>`audit_chain.length + 1` }))
  .where('audit_chain.chain', '=', v.chain)
  .returning(['audit_chain.head_id', 'audit_chain.head_hash']));

/**
 * Appends one record to the audit log, inside the caller's transaction: to the chain of the
 * transaction's first record (locked until commit), so call this as late in the transaction as
 * the write allows. One statement for each record.
 */
export async function recordAudit(ctx: WriteContext<AnyActor>, entry: AuditEntry): Promise<void> {
  const facts = auditFacts(ctx, entry);
  const held = chainOfTransaction.get(ctx.trx);
  if (held) {
    await appendRows(ctx.trx, held, [linkedRow(held.chain, held.head, facts)]);
    return;
  }
  const chain = auditChainOf(entry.entityType, entry.entityId);
  const values = { ...factColumns(facts), chain, canonical: canonicalJson(facts) };
  const head = await onChainHead(ctx.trx, chain, () => lockAndAppend(ctx.trx, values));
  chainOfTransaction.set(ctx.trx, { chain, head: head.head_hash, headId: head.head_id });
}

/** Stands for the entity id in the canonical facts of a record whose entity the statement writes. */
const ENTITY_MARK = '\u0000';

/** The values of a record written by the statement that writes its entity (see `auditOfWrittenRow`). */
export interface WrittenRowAudit {
  auditAt: string;
  auditActorAccountId: number | null;
  auditActorName: string;
  auditAction: string;
  auditEntityType: string;
  auditBefore: string | null;
  auditAfter: string | null;
  auditIp: string | null;
  auditChain: number;
  /** The record's canonical facts before and after its entity id's digits. */
  auditFactsBefore: string;
  auditFactsAfter: string;
}

/**
 * A write of one statement, which is its own transaction: sent on the database itself, or inside a
 * caller's transaction that may write more (`WriteContext`).
 */
export interface StatementContext<A extends AnyActor = Actor> {
  trx: Kysely<DB>;
  actor: A;
  ip: string | null;
}

/**
 * The audit record of a row that a statement inserts, written by that same statement: one round
 * trip fewer than `recordAudit` after it. `values` go into the statement (`writtenRowAuditCtes`
 * builds its parts from them), and the statement must write nothing when its chain has no head
 * row yet (`audit_head` empty: create it with `createChainHead` and send the statement again).
 * The record is hashed exactly as `recordAudit` would hash it with the row's id, and links into
 * the chain the transaction holds, or else `chain`, chosen by `chooseBy` (the row's id is not
 * known before). Inside a transaction, `settle` holds that chain for its further records.
 */
export function auditOfWrittenRow(ctx: StatementContext<AnyActor>, entry: Omit<AuditEntry, 'entityId'>, chooseBy: string) {
  const facts = auditFacts(ctx, { ...entry, entityId: ENTITY_MARK });
  const [factsBefore, factsAfter, ...more] = canonicalJson(facts).split(JSON.stringify(ENTITY_MARK));
  if (factsAfter === undefined || more.length > 0) throw new Error('the entity mark must occur once in the canonical facts');
  const trx = ctx.trx.isTransaction ? ctx.trx as Transaction<DB> : null;
  const held = trx ? chainOfTransaction.get(trx) : undefined;
  const chain = held?.chain ?? auditChainOf(entry.entityType, chooseBy);
  const columns = factColumns(facts);
  const values: WrittenRowAudit = {
    auditAt: columns.at, auditActorAccountId: columns.actor_account_id, auditActorName: columns.actor_name, auditAction: columns.action,
    auditEntityType: columns.entity_type, auditBefore: columns.before, auditAfter: columns.after, auditIp: columns.ip, auditChain: chain,
    auditFactsBefore: `${factsBefore}"`, auditFactsAfter: `"${factsAfter}`,
  };
  return {
    values,
    chain,
    /** Holds the chain, moved to `head` by the statement, for the rest of the transaction (none outside one). */
    settle: (head: { head_id: number; head_hash: string }): void => {
      if (trx) chainOfTransaction.set(trx, { chain, head: head.head_hash, headId: head.head_id });
    },
  };
}

/**
 * The parts of a statement that write the audit record of the row its CTE `rows` inserted (its
 * column `id`): `audit_head` locks the chain's head (put it before `rows`, whose insert must
 * require it), `audit_added` links the record to it, and `audit_moved` moves the head and answers
 * it (`head_id`, `head_hash`). No record when `rows` is empty. Values are parameters only, so the
 * statement can be compiled once (`fixedStatement`).
 */
export function writtenRowAuditCtes(v: WrittenRowAudit, rows: string) {
  const source = sql.table(rows);
  return {
    head: sql<{ head_hash: string; head_id: number | null }>`(select head_hash, head_id from audit_chain where chain = ${v.auditChain}::int for update)`,
    added: sql<{ id: number; hash: string }>`(insert into audit_log (at, actor_account_id, actor_name, action, entity_type, entity_id, before, after, ip, prev_hash, hash, chain, prev_id)
      select ${v.auditAt}::timestamptz, ${v.auditActorAccountId}::int, ${v.auditActorName}::text, ${v.auditAction}::text, ${v.auditEntityType}::text,
        r.id::text, ${v.auditBefore}::jsonb, ${v.auditAfter}::jsonb, ${v.auditIp}::text, h.head_hash,
        encode(sha256(convert_to(h.head_hash || chr(10) || ${v.auditFactsBefore}::text || r.id::text || ${v.auditFactsAfter}::text, 'UTF8')), 'hex'),
        ${v.auditChain}::int, h.head_id
      from audit_head h cross join ${source} r
      returning id, hash)`,
    moved: sql<{ head_id: number; head_hash: string }>`(update audit_chain set head_id = a.id, head_hash = a.hash, length = audit_chain.length + 1
      from audit_added a where audit_chain.chain = ${v.auditChain}::int returning audit_chain.head_id, audit_chain.head_hash)`,
  };
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
      for (const e of entries.slice(i, i + 2000)) rows.push(linkedRow(state.chain, rows.at(-1)?.hash ?? state.head, auditFacts(this.ctx, e)));
      await appendRows(this.ctx.trx, state, rows);
    }
  }
}
