import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/engine.js';
import type { DB } from '../../platform/db/schema.js';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from '../../platform/db/migrate.js';
import { AuditAppender, auditChainOf, AUDIT_CHAINS, recordAudit } from '../../platform/audit/audit.js';
import { ensureYearPartitions } from '../../platform/db/partitions.js';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { openTestDatabase } from '../../testing/database.js';
import { verifyAuditChain } from './chain.js';

const ADMIN = { kind: 'account', accountId: 1, displayName: '管理员', role: 'admin', regionCode: null, regionPath: '', unitId: null, deputyId: null, stationIds: [] } as never;

/** Writes `n` records about one entity in one transaction. */
async function write(db: Kysely<DB>, entityId: string, n = 1) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) await recordAudit({ trx, actor: PUBLIC_ACTOR, ip: '198.51.100.7' }, { action: 'test.write', entityType: 'test', entityId, after: { i } });
  });
}

async function withTriggersOff(db: Kysely<DB>, fn: () => Promise<unknown>) {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  try {
    await fn();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  }
}

describe('audit hash chains', () => {
  let database: Database;
  let db: Kysely<DB>;
  before(async () => {
    database = await openTestDatabase();
    db = database.db;
  });
  after(() => database.close());

  it('spreads transactions over the chains by their first entity, keeps one transaction in one chain, and verifies every chain and its head', async () => {
    assert.equal(auditChainOf('case', 17), auditChainOf('case', '17'));
    const chains = new Set(Array.from({ length: 400 }, (_, i) => auditChainOf('case', i)));
    assert.equal(chains.size, AUDIT_CHAINS, 'every chain gets writes');
    // Concurrent writers (on PostgreSQL really in parallel, each holding its chain until commit).
    await Promise.all(Array.from({ length: 24 }, (_, i) => write(db, `w${i}`, 2)));
    // Writers of one chain wait for each other: each links to the head the one before committed
    // (a transaction's first record locks, links and moves the head in one statement).
    await Promise.all(Array.from({ length: 8 }, (_, i) => write(db, 'same', 1 + (i % 2))));
    const same = await db.selectFrom('audit_log').select(['id', 'prev_id']).where('entity_id', '=', 'same').orderBy('id').execute();
    assert.equal(same.length, 12);
    assert.equal(new Set(same.map((r) => r.prev_id)).size, 12, 'no two records link to the same predecessor');
    const rows = await db.selectFrom('audit_log').select(['entity_id', 'chain']).where('action', '=', 'test.write').where('entity_id', '<>', 'same').execute();
    assert.equal(rows.length, 48);
    for (const r of rows) assert.equal(r.chain, auditChainOf('test', r.entity_id));
    // A bulk append links into the chain of the transaction's first record.
    await db.transaction().execute(async (trx) => {
      const ctx = { trx, actor: ADMIN, ip: null };
      await recordAudit(ctx, { action: 'test.bulk', entityType: 'test', entityId: 'bulk', after: { n: 3 } });
      await new AuditAppender(ctx).append([1, 2, 3].map((n) => ({ action: 'test.bulk_row', entityType: 'test_row', entityId: n, after: { n } })));
    });
    const bulk = await db.selectFrom('audit_log').select('chain').where('action', 'like', 'test.bulk%').execute();
    assert.deepEqual(bulk.map((r) => r.chain), Array(4).fill(auditChainOf('test', 'bulk')));
    const report = await verifyAuditChain(db);
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.ok(report.chains > 10, `${report.chains} chains`);
    assert.match(report.root!, /^[0-9a-f]{64}$/);
    const heads = await db.selectFrom('audit_chain').select(({ fn }) => fn.sum<number>('length').as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(heads.n), report.checked);
    assert.equal((await verifyAuditChain(db, 7)).root, report.root, 'the same in small batches');
  });

  it('keeps this year\'s records in this year\'s partition and creates the next year\'s ahead', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const where = await sql<{ p: string }>`select tableoid::regclass::text as p from audit_log where action = 'test.write' limit 1`.execute(db);
    assert.match(where.rows[0]!.p, /^audit_log_(y\d{4}|default)$/);
    const far = new Date(Date.UTC(year + 30, 5, 1));
    assert.deepEqual(await ensureYearPartitions(db, far), {
      created: [`audit_log_y${year + 30}`, `audit_log_y${year + 31}`, `opinion_event_y${year + 30}`, `opinion_event_y${year + 31}`], skipped: [],
    });
    assert.deepEqual(await ensureYearPartitions(db, far), { created: [], skipped: [] }, 'once');
    await assert.rejects(sql.raw(`truncate audit_log_y${year + 30}`).execute(db), /append-only/);
  });

  it('names a record removed from the middle of a chain by its own id', async () => {
    const ofChain = (entityId: string) => db.selectFrom('audit_log').select(['id', 'chain']).where('entity_id', '=', entityId).where('action', '=', 'test.write').orderBy('id').execute();
    const [first, second] = await ofChain('w3');
    const before = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).where('chain', '=', first!.chain).where('id', '<', first!.id).executeTakeFirst();
    // The next record of the same chain names the one removed as its predecessor.
    await withTriggersOff(db, () => sql`delete from audit_log where id = ${first!.id}`.execute(db));
    assert.deepEqual((await verifyAuditChain(db)).broken, { id: first!.id, chain: second!.chain, reason: 'missing', gap: { afterId: before?.id ?? null, throughId: first!.id, count: null } });
  });
});

describe('audit chains across migration 0037', () => {
  let database: Database;
  before(async () => { database = await openTestDatabase(); });
  after(() => database.close());

  it('undoes to plain tables with every row and back, and the chains still verify', async () => {
    const db = database.db;
    await Promise.all(Array.from({ length: 6 }, (_, i) => write(db, `m${i}`)));
    const before = await verifyAuditChain(db);
    assert.equal(before.ok, true);
    const counts = async () => ({
      audit: Number((await sql<{ n: number }>`select count(*) as n from audit_log`.execute(db)).rows[0]!.n),
      events: Number((await sql<{ n: number }>`select count(*) as n from opinion_event`.execute(db)).rows[0]!.n),
    });
    const rows = await counts();
    const later = MIGRATION_NAMES.filter((n) => n > '0034_former_deputies');
    assert.deepEqual(await migrateTo(db, '0034_former_deputies'), [...later].reverse());
    const kinds = await sql<{ relname: string; relkind: string }>`select relname, relkind from pg_class where relname in ('audit_log', 'opinion_event') order by relname`.execute(db);
    assert.deepEqual(kinds.rows, [{ relname: 'audit_log', relkind: 'r' }, { relname: 'opinion_event', relkind: 'r' }]);
    assert.deepEqual(await counts(), rows);
    assert.deepEqual(await migrateToLatest(db), later);
    assert.deepEqual(await counts(), rows);
    const again = await verifyAuditChain(db);
    assert.equal(again.ok, true, JSON.stringify(again));
    assert.equal(again.chains, before.chains);
    assert.equal(again.checked, before.checked);
    // A record cut off the end of a chain: its head names it.
    const last = await db.selectFrom('audit_chain').select(['chain', 'head_id']).where('head_id', 'is not', null).orderBy('head_id', 'desc').executeTakeFirstOrThrow();
    await withTriggersOff(db, () => sql`delete from audit_log where id = ${last.head_id}`.execute(db));
    assert.deepEqual((await verifyAuditChain(db)).broken, { id: last.head_id, chain: last.chain, reason: 'head_mismatch', gap: null });
  });
});
