import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { generateKeyPairSync, sign } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/engine.js';
import type { DB } from '../../platform/db/schema.js';
import { auditChainOf, recordAudit } from '../../platform/audit/audit.js';
import { auditHash, canonicalJson } from '../../platform/audit/hash.js';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { openTestDatabase } from '../../testing/database.js';
import { verifyAuditChain } from './chain.js';
import { auditSigningKey, writeCheckpoint, type CheckpointLine, type CheckpointStore } from './checkpoints.js';

const ENTITY = 'cp-entity';
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function newStore(): CheckpointStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-checkpoints-'));
  dirs.push(dir);
  return { keyFile: path.join(dir, 'keys', 'audit-ed25519.pem'), file: path.join(dir, 'audit-checkpoints.jsonl') };
}

/** One record about the entity, in its own transaction (one chain for all of them). */
async function write(db: Kysely<DB>, i: number) {
  await db.transaction().execute((trx) => recordAudit({ trx, actor: PUBLIC_ACTOR, ip: '198.51.100.9' }, { action: 'test.cp', entityType: 'test', entityId: ENTITY, after: { i } }));
}

const ofChain = (db: Kysely<DB>) => db.selectFrom('audit_log').selectAll().where('chain', '=', auditChainOf('test', ENTITY)).orderBy('id').execute();

/** What a database superuser can do: triggers off for the session (`session_replication_role = replica`). */
function asSuperuser(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<unknown>) {
  return db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await fn(trx);
  });
}

/** Points the chain's head at its record `id` (the last one left), as a careful attacker would. */
async function moveHead(trx: Transaction<DB>, chain: number) {
  const rows = await trx.selectFrom('audit_log').select(['id', 'hash']).where('chain', '=', chain).orderBy('id').execute();
  await trx.updateTable('audit_chain').set({ head_id: rows.at(-1)!.id, head_hash: rows.at(-1)!.hash, length: rows.length }).where('chain', '=', chain).execute();
}

/** Recomputes every record's link and hash from `fromId` on, so the chain is whole by its own hashes again. */
async function rehash(trx: Transaction<DB>, chain: number) {
  const rows = await trx.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('id').execute();
  let prev = '0'.repeat(64);
  let prevId: number | null = null;
  for (const r of rows) {
    const hash = auditHash(prev, {
      at: r.at.toISOString(), actorAccountId: r.actor_account_id, actorName: r.actor_name, action: r.action,
      entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip,
    });
    await trx.updateTable('audit_log').set({ prev_hash: prev, hash, prev_id: prevId }).where('id', '=', r.id).execute();
    prev = hash;
    prevId = r.id;
  }
}

describe('audit checkpoints against a database superuser', () => {
  let database: Database;
  let db: Kysely<DB>;
  let store: CheckpointStore;
  let rows: Awaited<ReturnType<typeof ofChain>>;
  let chain: number;

  beforeEach(async () => {
    database = await openTestDatabase();
    db = database.db;
    store = newStore();
    // Five records of one chain, each sealed by a checkpoint as it is written.
    for (let i = 1; i <= 5; i++) {
      await write(db, i);
      assert.equal((await writeCheckpoint(db, store, new Date())).written, true);
    }
    assert.equal((await writeCheckpoint(db, store, new Date())).written, false, 'nothing changed: no new line');
    rows = await ofChain(db);
    chain = rows[0]!.chain;
    assert.equal(rows.length, 5);
    const clean = await verifyAuditChain(db, 3, store);
    assert.equal(clean.ok, true, JSON.stringify(clean));
    assert.equal(clean.checkpoints?.lines, 5);
    assert.equal(clean.checkpoints?.last?.root, clean.root, 'the last checkpoint sealed the log as it is');
  });
  afterEach(() => database.close());

  it('keeps the key outside the database, readable by its owner only, and appends signed linked lines', () => {
    assert.equal(statSync(store.keyFile).mode & 0o777, 0o600);
    const lines = readFileSync(store.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CheckpointLine);
    assert.deepEqual(lines.map((l) => l.seq), [1, 2, 3, 4, 5]);
    assert.equal(lines[0]!.prev, '0'.repeat(64));
    assert.equal(lines[4]!.key, auditSigningKey(store.keyFile).id);
    assert.ok(lines[4]!.chains.some(([c, length, id]) => c === chain && length === 5 && id === rows[4]!.id));
  });

  it('finds the end of a chain cut off (head moved back too) and names the first record removed', async () => {
    await asSuperuser(db, async (trx) => {
      await trx.deleteFrom('audit_log').where('id', 'in', [rows[3]!.id, rows[4]!.id]).execute();
      await moveHead(trx, chain);
    });
    assert.equal((await verifyAuditChain(db)).ok, true, 'by its own hashes the log is whole');
    const report = await verifyAuditChain(db, 3, store);
    assert.equal(report.ok, false);
    assert.deepEqual(report.broken, { id: rows[3]!.id, chain, reason: 'checkpoint_cut', gap: { afterId: rows[2]!.id, throughId: rows[4]!.id, count: 2 } });
    // Nor is the cut sealed by the next checkpoint.
    await assert.rejects(writeCheckpoint(db, store, new Date()), (e: Error & { code?: string }) => e.code === 'AUDIT_CHECKPOINT_CONFLICT');
  });

  it('finds a chain rebuilt with fresh hashes and names the first record changed', async () => {
    await asSuperuser(db, async (trx) => {
      await trx.updateTable('audit_log').set({ after: JSON.stringify({ i: 'rewritten' }) }).where('id', '=', rows[2]!.id).execute();
      await rehash(trx, chain);
      await moveHead(trx, chain);
    });
    assert.equal((await verifyAuditChain(db)).ok, true, 'by its own hashes the log is whole');
    const report = await verifyAuditChain(db, 2, store);
    assert.deepEqual(report.broken, { id: rows[2]!.id, chain, reason: 'checkpoint_mismatch', gap: { afterId: rows[1]!.id, throughId: rows[2]!.id, count: null } });
  });

  it('finds a record removed and the chain relinked around it, and names the removed record', async () => {
    await asSuperuser(db, async (trx) => {
      await trx.deleteFrom('audit_log').where('id', '=', rows[1]!.id).execute();
      await rehash(trx, chain);
      await moveHead(trx, chain);
    });
    assert.equal((await verifyAuditChain(db)).ok, true, 'by its own hashes the log is whole');
    const report = await verifyAuditChain(db, 2, store);
    assert.deepEqual(report.broken, { id: rows[1]!.id, chain, reason: 'missing', gap: { afterId: rows[0]!.id, throughId: rows[1]!.id, count: 1 } });
  });

  it('names a record deleted from the middle by its own id, with or without checkpoints', async () => {
    await asSuperuser(db, (trx) => trx.deleteFrom('audit_log').where('id', '=', rows[2]!.id).execute());
    const expected = { id: rows[2]!.id, chain, reason: 'missing', gap: { afterId: rows[1]!.id, throughId: rows[2]!.id, count: null } };
    assert.deepEqual((await verifyAuditChain(db)).broken, expected);
    assert.deepEqual((await verifyAuditChain(db, 2, store)).broken, expected);
  });

  it('reports a forged checkpoint line, and a line removed from the file', async () => {
    const text = readFileSync(store.file, 'utf8').trim().split('\n');
    // The last line with a root of the forger's choosing, and a line signed by another key.
    const forged = { ...JSON.parse(text[4]!) as CheckpointLine, root: 'f'.repeat(64) };
    const { privateKey } = generateKeyPairSync('ed25519');
    const { sig: _, ...fields } = forged;
    const otherKey = { ...fields, sig: sign(null, Buffer.from(canonicalJson(fields)), privateKey).toString('base64') };
    appendFileSync(store.file, `${JSON.stringify(forged)}\n${JSON.stringify(otherKey)}\nnot json\n`);
    const report = await verifyAuditChain(db, 100, store);
    assert.equal(report.ok, false);
    assert.equal(report.broken, null, 'the log itself is whole');
    assert.deepEqual(report.checkpoints?.problems, [
      { line: 6, reason: 'signature_invalid' }, { line: 7, reason: 'signature_invalid' }, { line: 8, reason: 'unreadable' },
    ]);
    assert.equal(report.checkpoints?.lines, 5);
    // A genuine line taken out of the middle: the line after it no longer links.
    writeFileSync(store.file, `${[text[0], text[1], text[3], text[4]].join('\n')}\n`);
    assert.deepEqual((await verifyAuditChain(db, 100, store)).checkpoints?.problems, [{ line: 3, reason: 'link_broken' }]);
  });
});
