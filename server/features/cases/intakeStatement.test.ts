import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/engine.js';
import type { DB } from '../../platform/db/schema.js';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { loadActor } from '../../platform/access/actors.js';
import { auditChainOf } from '../../platform/audit/audit.js';
import { GENESIS_HASH } from '../../platform/audit/hash.js';
import { openTestDatabase } from '../../testing/database.js';
import { verifyAuditChain } from '../audit/index.js';
import { registerOpinions, submitPublic, submitPublicOpinion, type PublicSubmission } from './intake.js';
import { trackingCodes } from './trackingCode.js';
import { submitRecipientsQuery } from './followUps.js';

/** A node of a plan as `explain (format json)` gives it. */
interface PlanNode { 'Plan Rows': number; 'Relation Name'?: string; Plans?: PlanNode[] }

/** The case, its first event and its audit record, as the statement that wrote them left them. */
async function written(db: Kysely<DB>, trackingCode: string) {
  const c = await db.selectFrom('opinion').select(['id', 'tracking_code']).where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
  const events = await db.selectFrom('opinion_event').select('action').where('opinion_id', '=', c.id).execute();
  const audit = await db.selectFrom('audit_log').select(['chain', 'prev_hash', 'after']).where('entity_type', '=', 'case').where('entity_id', '=', String(c.id))
    .where('action', '=', 'case.submit').execute();
  return { id: c.id, events: events.map((e) => e.action), audit };
}

/** Codes taken from `codes` first, then fresh ones. */
async function withCodes<T>(codes: string[], run: () => Promise<T>): Promise<T> {
  const fresh = trackingCodes.next;
  trackingCodes.next = () => codes.shift() ?? fresh();
  try {
    return await run();
  } finally {
    trackingCodes.next = fresh;
  }
}

describe('a case written by one statement: its event, its audit record and an Idempotency-Key\'s claim', () => {
  let database: Database;
  let db: Kysely<DB>;
  let stationId: number;
  let categoryId: number;
  const submission = (content: string, idempotencyKey: string | null): PublicSubmission => ({
    target: { stationId }, categoryId, content, place: '', name: null, phone: null, channel: 'qr', photos: [], idempotencyKey,
  });
  const submit = (s: PublicSubmission) => db.transaction().execute((trx) => submitPublicOpinion({ trx, actor: PUBLIC_ACTOR, ip: '203.0.113.40' }, s));

  before(async () => {
    database = await openTestDatabase();
    db = database.db;
    stationId = (await db.selectFrom('station').select('id').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow()).id;
    categoryId = (await db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow()).id;
  });
  after(() => database.close());

  it('writes the audit record with the case, hashed as recordAudit hashes it, and every chain verifies', async () => {
    const receipt = await submit(submission('同一条语句写下的意见', null));
    const w = await written(db, receipt.trackingCode);
    assert.deepEqual(w.events, ['submit']);
    assert.equal(w.audit.length, 1);
    assert.deepEqual(w.audit[0]!.after, { trackingCode: receipt.trackingCode, channel: 'qr', stationId, deputyId: null, categoryId, photos: 0 });
    assert.equal(w.audit[0]!.chain, auditChainOf('case', receipt.trackingCode));
    const report = await verifyAuditChain(db);
    assert.equal(report.ok, true, JSON.stringify(report));
  });

  it('tells the station\'s people and its head deputy in the same statement, as each wishes, with their messages and delivery jobs', async () => {
    // Who should hear: the station's accounts and the head deputy's, active ones only.
    const expected = (await db.selectFrom('account as a').select('a.id').where('a.active', '=', true)
      .where((eb) => eb.or([
        eb('a.id', 'in', eb.selectFrom('account_station').select('account_id').where('station_id', '=', stationId)),
        eb('a.deputy_id', 'in', eb.selectFrom('deputy_station').select('deputy_id').where('station_id', '=', stationId).where('role', '=', 'head')),
      ])).orderBy('a.id').execute()).map((a) => a.id);
    assert.ok(expected.length >= 2, `${expected.length} accounts hear of the station's cases`);
    // The first wants new cases in the daily digest in the inbox and not in the log; the others have no wish.
    const waiting = expected[0]!;
    await db.insertInto('notification_pref').values([
      { account_id: waiting, type: 'task', channel: 'app', mode: 'digest' }, { account_id: waiting, type: 'task', channel: 'log', mode: 'off' },
    ]).execute();
    try {
      const receipt = await submit(submission('请修一下村口的路灯,晚上太黑了', null));
      const notes = await db.selectFrom('notification').select(['id', 'account_id', 'kind', 'title', 'body', 'link', 'case_id', 'shown', 'digest_channels'])
        .where('case_id', '=', receipt.id).orderBy('account_id').execute();
      assert.deepEqual(notes.map((n) => n.account_id), expected, 'the station\'s people and nobody else');
      for (const n of notes) {
        assert.deepEqual([n.kind, n.title, n.body, n.link], ['case.submit', '收到新的群众意见', `${receipt.trackingCode}:请修一下村口的路灯,晚上太黑了`, `/cases/${receipt.id}`]);
        assert.deepEqual([n.shown, n.digest_channels], n.account_id === waiting ? [false, ['app']] : [true, []]);
      }
      const outbox = await db.selectFrom('outbox').innerJoin('notification as n', 'n.id', 'outbox.notification_id')
        .select(['outbox.id', 'outbox.channel', 'n.account_id']).where('n.case_id', '=', receipt.id).orderBy('outbox.id').execute();
      assert.deepEqual(outbox.map((o) => [o.channel, o.account_id]), expected.slice(1).map((id) => ['log', id]),
        'a message now for each account that wants one, in account order');
      const jobs = await db.selectFrom('job').select('dedupe_key').where('dedupe_key', 'in', outbox.map((o) => `outbox:${o.id}`)).execute();
      assert.equal(jobs.length, outbox.length);
    } finally {
      await db.deleteFrom('notification_pref').where('account_id', '=', waiting).where('type', '=', 'task').execute();
    }
  });

  it('takes the next code when one collides, with or without a key, and a retry answers the case written', async () => {
    const taken = (await submit(submission('先占用这个编号', null))).trackingCode;
    const plain = await withCodes([taken], () => submit(submission('编号撞上之后的意见', null)));
    assert.notEqual(plain.trackingCode, taken);
    assert.deepEqual((await written(db, plain.trackingCode)).events, ['submit']);
    const keyed = await withCodes([taken, plain.trackingCode], () => submit(submission('带键的意见,编号撞了两次', 'collide-key-0001')));
    assert.ok(![taken, plain.trackingCode].includes(keyed.trackingCode));
    const claims = await db.selectFrom('idempotency').select('response').where('scope', '=', 'public-opinion').execute();
    assert.equal(claims.filter((c) => JSON.stringify(c.response).includes(keyed.trackingCode)).length, 1, 'the claim names the code the case has');
    const again = await submit(submission('带键的意见,编号撞了两次', 'collide-key-0001'));
    assert.deepEqual(again, keyed, 'the retry answers the first receipt, its query key and PIN derived again');
    assert.equal((await written(db, keyed.trackingCode)).audit.length, 1);
    await assert.rejects(submit(submission('换了内容', 'collide-key-0001')), { code: 'IDEMPOTENCY_KEY_REUSED' });
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('links the cases a transaction registers into the chain its first record holds, one after another', async () => {
    const admin = await db.selectFrom('account').select('id').where('role', '=', 'admin').orderBy('id').executeTakeFirstOrThrow();
    const actor = await loadActor(db, admin.id);
    const receipts = await db.transaction().execute((trx) => registerOpinions({ trx, actor, ip: null }, {
      stationId, deputyId: null, channel: 'visit', receivedAt: null,
      items: ['第一件', '第二件', '第三件'].map((content) => ({ categoryId, content, place: '', name: null, phone: null })),
    }));
    const rows = await db.selectFrom('audit_log').select(['id', 'prev_id', 'chain']).where('action', '=', 'case.submit')
      .where('entity_id', 'in', receipts.map((r) => String(r.id))).orderBy('id').execute();
    assert.equal(rows.length, 3);
    assert.equal(new Set(rows.map((r) => r.chain)).size, 1, 'one transaction, one chain');
    assert.equal(rows[1]!.prev_id, rows[0]!.id);
    assert.equal(rows[2]!.prev_id, rows[1]!.id);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('creates an audit chain\'s head row when it has none, and then writes the case into that chain', async () => {
    const rolledBack = new Error('rolled back');
    await assert.rejects(db.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_chain').execute();
      const first = 'HDL-ESS-CHN';
      const receipt = await withCodes([first], () => submitPublicOpinion({ trx, actor: PUBLIC_ACTOR, ip: null }, submission('链头还不存在时的意见', null)));
      assert.notEqual(receipt.trackingCode, first, 'the first try wrote nothing');
      assert.equal((await trx.selectFrom('opinion').select('id').where('tracking_code', '=', first).execute()).length, 0);
      const w = await written(trx, receipt.trackingCode);
      assert.deepEqual(w.events, ['submit']);
      assert.equal(w.audit.length, 1);
      assert.equal(w.audit[0]!.chain, auditChainOf('case', first), 'the chain the first try chose');
      assert.equal(w.audit[0]!.prev_hash, GENESIS_HASH);
      throw rolledBack;
    }), rolledBack);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('writes a submission without photos as one statement on the database itself: all of it, and a retry answers it', async () => {
    const receipt = await submitPublic(db, '203.0.113.41', submission('不开事务的一条语句', 'alone-key-0001'));
    const w = await written(db, receipt.trackingCode);
    assert.deepEqual(w.events, ['submit']);
    assert.equal(w.audit.length, 1);
    assert.ok((await db.selectFrom('notification').select('id').where('case_id', '=', receipt.id).execute()).length > 0);
    assert.deepEqual(await submitPublic(db, '203.0.113.41', submission('不开事务的一条语句', 'alone-key-0001')), receipt);
    await assert.rejects(submitPublic(db, '203.0.113.41', submission('另一条', 'alone-key-0001')), { code: 'IDEMPOTENCY_KEY_REUSED' });
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('is planned once per connection on PostgreSQL, on the demo data: after its first five runs one generic plan serves', { skip: process.env.DATABASE_URL ? false : 'PostgreSQL only (DATABASE_URL)' }, async () => {
    // With the wishes looked up per recipient and channel, the generic plan looked twice as dear
    // and the statement was planned again at every run (docs/ARCHITECTURE.md, prepared statements).
    await db.connection().execute(async (c) => {
      for (let i = 0; i < 8; i++) await submitPublic(c, '203.0.113.43', submission(`计划只做一次 ${i}`, `planned-once-${i}`));
      // The variant that checks the station and category itself, for a case to a station.
      const plans = await sql<{ generic_plans: number; custom_plans: number }>`/* catalogue */ select generic_plans, custom_plans
        from pg_prepared_statements where statement like '%from case_category%insert into idempotency%' and statement not like '%deputy_id = $%'`.execute(c);
      assert.equal(plans.rows.length, 1);
      assert.equal(plans.rows[0]!.custom_plans, 5);
      assert.ok(plans.rows[0]!.generic_plans >= 2);
    });
  });

  it('finds a station\'s people by a plan made once for every station that expects one head deputy, at a province\'s twenty deputies a station', { skip: process.env.DATABASE_URL ? false : 'PostgreSQL only (DATABASE_URL)' }, async () => {
    // With the head's role sent as a value, the plan made once for every station guessed a third
    // of a station's deputies to be its head. The submission's statement then looked dearer with
    // that plan than planned for each run, and at province scale PostgreSQL planned it again at
    // every submission (docs/BENCHMARKS.md, bench:bare).
    const rolledBack = new Error('rolled back');
    await assert.rejects(db.transaction().execute(async (trx) => {
      await sql`insert into deputy (name, name_pinyin, name_initials, gender, status, region_code, region_path)
        select '代表' || s.id || '-' || n, 'daibiao', 'db', 'female', 'current', h.region_code, h.region_path
        from station s join station_region h on h.station_id = s.id and h.is_home, generate_series(1, 20) n`.execute(trx);
      await sql`insert into deputy_station (deputy_id, station_id, role)
        select d.id, s.id, 'resident' from deputy d join station s on d.name like '代表' || s.id || '-%'`.execute(trx);
      // Every deputy signs in on a phone.
      await sql`insert into account (username, display_name, role, password_hash, deputy_id, anchor_path)
        select 'plan-d' || d.id, d.name, 'deputy', '!', d.id, d.region_path from deputy d where d.name like '代表%-%'`.execute(trx);
      await sql`analyze deputy_station`.execute(trx);
      await sql`analyze account`.execute(trx);
      // The generic plan of the station's people, as the submission's statement holds them.
      const q = submitRecipientsQuery(trx, stationId, null, null).compile();
      const literal = (v: unknown) => (v === null ? 'null' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));
      await sql.raw(`prepare station_people as ${q.sql}`).execute(trx);
      await sql`set local plan_cache_mode = force_generic_plan`.execute(trx);
      const args = q.parameters.length ? `(${q.parameters.map(literal).join(', ')})` : '';
      const plan = await sql.raw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) execute station_people${args}`).execute(trx);
      await sql`deallocate station_people`.execute(trx);
      // The branch that reads deputy_station: the head deputy's account.
      const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
      const head = nodes(plan.rows[0]!['QUERY PLAN'][0].Plan).filter((n) => (n.Plans ?? []).some((c) => nodes(c).some((d) => d['Relation Name'] === 'deputy_station')));
      assert.equal(head.at(-1)?.['Plan Rows'], 1);
      throw rolledBack;
    }), rolledBack);
  });

  it('leaves the key free when it refuses a submission, so that the corrected one is written', async () => {
    const claims = async () => (await db.selectFrom('idempotency').select('key').execute()).length;
    const before = await claims();
    const wrong = { ...submission('类别写错了的意见', 'refused-key-0001'), categoryId: 99_999 };
    await assert.rejects(submitPublic(db, '203.0.113.42', wrong), { code: 'VALIDATION_FAILED' });
    await assert.rejects(submitPublic(db, '203.0.113.42', { ...wrong, categoryId, target: { stationId: 99_999 } }), { code: 'TARGET_NOT_FOUND' });
    assert.equal(await claims(), before, 'no claim kept');
    const right = await submitPublic(db, '203.0.113.42', submission('类别改对了的意见', 'refused-key-0001'));
    assert.deepEqual((await written(db, right.trackingCode)).events, ['submit']);
    // A retry of a written submission still answers its receipt though its category is refused now.
    await db.updateTable('case_category').set({ active: false }).where('id', '=', categoryId).execute();
    try {
      assert.deepEqual(await submitPublic(db, '203.0.113.42', submission('类别改对了的意见', 'refused-key-0001')), right);
    } finally {
      await db.updateTable('case_category').set({ active: true }).where('id', '=', categoryId).execute();
    }
  });
});
