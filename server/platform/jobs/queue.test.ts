import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/engine.js';
import type { DB } from '../db/schema.js';
import { openTestDatabase } from '../../testing/database.js';
import { retryDelayMs } from './backoff.js';
import { enqueueJob, type NewJob } from './queue.js';
import { PermanentJobError, registerJobHandler } from './registry.js';
import { claimJobs, runClaimedJob, runDueJobs } from './runner.js';
import { startWorker } from './worker.js';

const T0 = new Date('2031-03-02T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** The effect every test handler has: one row per job, in the job's transaction. */
async function recordEffect(trx: Transaction<DB>, jobId: number, note: string) {
  await sql`insert into test_effect (job_id, note) values (${jobId}, ${note})`.execute(trx);
}

// Handlers of this file. `plan` decides, per job id, how many runs fail before one succeeds.
const plan = new Map<number, number>();
const runs = new Map<number, number>();
registerJobHandler('test.effect', async ({ trx, job, payload }) => {
  runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
  await recordEffect(trx, job.id, JSON.stringify(payload));
  const failures = plan.get(job.id) ?? 0;
  if (failures > 0) {
    plan.set(job.id, failures - 1);
    throw new Error(`boom ${runs.get(job.id)}`);
  }
});
registerJobHandler('test.permanent', async () => {
  throw new PermanentJobError('cannot ever work');
});
registerJobHandler('test.typed', async ({ trx, job, payload }) => {
  await recordEffect(trx, job.id, `n=${payload.n}`);
}, { payload: z.object({ n: z.number().int() }) });

let gate: { entered: () => void; release: Promise<void> } | null = null;
registerJobHandler('test.gated', async ({ trx, job }) => {
  const g = gate;
  if (g) {
    g.entered();
    await g.release;
  }
  await recordEffect(trx, job.id, 'gated');
});

const KINDS = ['test.effect', 'test.permanent', 'test.typed', 'test.gated'];

describe('job queue', () => {
  let database: Database;
  let db: Database['db'];

  before(async () => {
    database = await openTestDatabase();
    db = database.db;
    await sql`create table test_effect (id bigint generated always as identity primary key, job_id bigint not null, note text not null)`.execute(db);
  });
  after(() => database.close());

  const enqueue = (job: NewJob) => db.transaction().execute((trx) => enqueueJob(trx, { runAt: T0, ...job }));
  const jobRow = (id: number) => db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const effects = async (jobId: number) => (await sql<{ note: string }>`select note from test_effect where job_id = ${jobId} order by id`.execute(db)).rows.map((r) => r.note);
  const run = (ms: number, workerId = 'test-worker') => runDueJobs(db, { now: at(ms), workerId, kinds: KINDS });

  it('adds a job only when the enqueuing transaction commits', async () => {
    await assert.rejects(db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { kind: 'test.effect', payload: { marker: 'rolled back' }, runAt: T0 });
      throw new Error('the business change failed');
    }), /business change failed/);
    const none = await db.selectFrom('job').select('id').where(sql<boolean>`payload->>'marker' = 'rolled back'`).execute();
    assert.equal(none.length, 0);

    const job = await enqueue({ kind: 'test.effect', payload: { marker: 'committed' } });
    assert.equal(job.attempts, 0);
    assert.equal(job.max_attempts, 5);
    assert.deepEqual(job.payload, { marker: 'committed' });
    assert.deepEqual(await run(0), { done: 1, retry: 0, failed: 0, lost: 0 });
    const done = await jobRow(job.id);
    assert.equal(done.done_at?.toISOString(), T0.toISOString());
    assert.equal(done.locked_by, null);
    assert.deepEqual(await effects(job.id), ['{"marker":"committed"}']);
  });

  it('keeps one job per dedupe key, whatever state the first one is in', async () => {
    const first = await enqueue({ kind: 'test.effect', dedupeKey: 'remind:case:1', payload: { v: 1 } });
    const again = await enqueue({ kind: 'test.effect', dedupeKey: 'remind:case:1', payload: { v: 2 } });
    assert.equal(again.id, first.id);
    assert.deepEqual(again.payload, { v: 1 }, 'the existing job, unchanged');
    const inOne = await db.transaction().execute(async (trx) => [
      await enqueueJob(trx, { kind: 'test.effect', dedupeKey: 'remind:case:2', runAt: T0 }),
      await enqueueJob(trx, { kind: 'test.effect', dedupeKey: 'remind:case:2', runAt: T0 }),
    ]);
    assert.equal(inOne[0]!.id, inOne[1]!.id);
    await run(0);
    const afterDone = await enqueue({ kind: 'test.effect', dedupeKey: 'remind:case:1' });
    assert.equal(afterDone.id, first.id);
    assert.ok(afterDone.done_at, 'a finished job still holds its key');
    const rows = await db.selectFrom('job').select('id').where('dedupe_key', 'like', 'remind:case:%').execute();
    assert.equal(rows.length, 2);
    assert.equal((await effects(first.id)).length, 1);
  });

  it('retries a failing job with exponential backoff, rolling back each failed run, then succeeds once', async () => {
    const job = await enqueue({ kind: 'test.effect', payload: { flaky: true } });
    plan.set(job.id, 2);
    assert.deepEqual(await run(0), { done: 0, retry: 1, failed: 0, lost: 0 });
    let row = await jobRow(job.id);
    assert.equal(row.attempts, 1);
    assert.equal(row.run_at.toISOString(), at(retryDelayMs(1)).toISOString());
    assert.equal(row.last_error, 'Error: boom 1');
    assert.equal(row.locked_by, null);
    assert.deepEqual(await effects(job.id), [], 'the failed run wrote nothing');

    assert.deepEqual(await run(retryDelayMs(1) - 1), { done: 0, retry: 0, failed: 0, lost: 0 }, 'not due yet');
    assert.equal((await run(retryDelayMs(1))).retry, 1);
    row = await jobRow(job.id);
    assert.equal(row.attempts, 2);
    assert.equal(row.run_at.toISOString(), at(retryDelayMs(1) + retryDelayMs(2)).toISOString());
    assert.equal(retryDelayMs(2), 2 * retryDelayMs(1));

    assert.equal((await run(retryDelayMs(1) + retryDelayMs(2))).done, 1);
    row = await jobRow(job.id);
    assert.equal(row.attempts, 3);
    assert.ok(row.done_at);
    assert.equal(row.failed_at, null);
    assert.deepEqual(await effects(job.id), ['{"flaky":true}'], 'exactly one effect');
    assert.equal(runs.get(job.id), 3);
  });

  it('marks a job failed with its last error after max attempts', async () => {
    const job = await enqueue({ kind: 'test.effect', maxAttempts: 3 });
    plan.set(job.id, 100);
    let clock = 0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const summary = await run(clock);
      assert.deepEqual(summary, attempt < 3 ? { done: 0, retry: 1, failed: 0, lost: 0 } : { done: 0, retry: 0, failed: 1, lost: 0 });
      clock += retryDelayMs(attempt);
    }
    const row = await jobRow(job.id);
    assert.equal(row.attempts, 3);
    assert.ok(row.failed_at);
    assert.equal(row.done_at, null);
    assert.equal(row.last_error, 'Error: boom 3');
    assert.equal((await run(10 * 24 * 3600_000)).failed, 0, 'a failed job is never claimed again');
    assert.deepEqual(await effects(job.id), []);
  });

  it('fails at once on a permanent error or a payload that does not fit the handler', async () => {
    const permanent = await enqueue({ kind: 'test.permanent' });
    const badPayload = await enqueue({ kind: 'test.typed', payload: { n: 'three' } });
    const good = await enqueue({ kind: 'test.typed', payload: { n: 3 } });
    assert.deepEqual(await run(0), { done: 1, retry: 0, failed: 2, lost: 0 });
    const p = await jobRow(permanent.id);
    assert.equal(p.attempts, 1);
    assert.ok(p.failed_at);
    assert.equal(p.last_error, 'PermanentJobError: cannot ever work');
    const b = await jobRow(badPayload.id);
    assert.ok(b.failed_at);
    assert.match(b.last_error!, /Payload does not fit 'test.typed'/);
    assert.deepEqual(await effects(good.id), ['n=3']);
  });

  it('does not run jobs before run_at, and runs them in run_at order', async () => {
    const later = await enqueue({ kind: 'test.effect', runAt: at(3600_000) });
    const sooner = await enqueue({ kind: 'test.effect', runAt: at(60_000) });
    assert.equal((await run(59_999)).done, 0);
    const claimed = await claimJobs(db, { workerId: 'w', now: at(3600_000), batch: 10, kinds: ['test.effect'] });
    assert.deepEqual(claimed.map((j) => j.id), [sooner.id, later.id]);
    for (const job of claimed) assert.equal(await runClaimedJob(db, job, { workerId: 'w', clock: () => at(3600_000) }), 'done');
  });

  it('lets another worker re-claim a job once the lease of a dead worker expires, and runs it once', async () => {
    const job = await enqueue({ kind: 'test.effect', payload: { lease: true } });
    const [claimed] = await claimJobs(db, { workerId: 'dead-worker', now: T0, batch: 1, leaseMs: 60_000, kinds: ['test.effect'] });
    assert.equal(claimed?.id, job.id);
    assert.equal(claimed.locked_by, 'dead-worker');
    assert.equal(claimed.locked_until?.toISOString(), at(60_000).toISOString());

    assert.equal((await run(59_999, 'live-worker')).done, 0, 'the lease holds');
    assert.deepEqual(await run(60_000, 'live-worker'), { done: 1, retry: 0, failed: 0, lost: 0 });
    const row = await jobRow(job.id);
    assert.equal(row.attempts, 2, 'both claims count');
    assert.ok(row.done_at);

    // The first worker wakes up with its stale claim: it must not run the job again.
    assert.equal(await runClaimedJob(db, claimed, { workerId: 'dead-worker', clock: () => at(61_000) }), 'lost');
    assert.deepEqual(await effects(job.id), ['{"lease":true}']);
  });

  it('fails a job whose worker died during its last attempt, without running it again', async () => {
    const job = await enqueue({ kind: 'test.effect', maxAttempts: 1 });
    await claimJobs(db, { workerId: 'dead-worker', now: T0, batch: 1, leaseMs: 1000, kinds: ['test.effect'] });
    assert.deepEqual(await run(1000), { done: 0, retry: 0, failed: 1, lost: 0 });
    const row = await jobRow(job.id);
    assert.ok(row.failed_at);
    assert.match(row.last_error!, /lease expired during the last attempt/);
    assert.deepEqual(await effects(job.id), []);
  });

  it('claims only the kinds it has handlers for', async () => {
    const unknown = await enqueue({ kind: 'test.nobody-handles-this' });
    await runDueJobs(db, { now: at(3600_000), workerId: 'w' });
    const row = await jobRow(unknown.id);
    assert.equal(row.attempts, 0);
    assert.equal(row.locked_by, null);
    assert.equal(row.done_at, null);
  });

  it('runs jobs in the background; stop() waits for the running job and gives back the rest of the batch', async () => {
    // Clear what earlier tests left due, so the worker sees only these jobs.
    await db.updateTable('job').set({ failed_at: new Date(), last_error: 'cleared by test' }).where('done_at', 'is', null).where('failed_at', 'is', null).execute();
    let entered!: () => void;
    const enteredP = new Promise<void>((resolve) => { entered = resolve; });
    let release!: () => void;
    gate = { entered: () => entered(), release: new Promise<void>((resolve) => { release = resolve; }) };
    const jobs = [];
    for (let i = 0; i < 3; i++) jobs.push(await db.transaction().execute((trx) => enqueueJob(trx, { kind: 'test.gated' })));

    const worker = startWorker({ db, workerId: 'bg-worker', pollMs: 10, batch: 5, logger: silent });
    await enteredP;
    let stopped = false;
    const stopping = worker.stop().then(() => { stopped = true; });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(stopped, false, 'stop() waits for the running job');
    gate = null;
    release();
    await stopping;

    const rows = await db.selectFrom('job').selectAll().where('id', 'in', jobs.map((j) => j.id)).orderBy('id').execute();
    assert.ok(rows[0]!.done_at, 'the running job finished');
    for (const r of rows.slice(1)) {
      assert.equal(r.done_at, null);
      assert.equal(r.locked_by, null, 'unrun jobs are given back');
      assert.equal(r.attempts, 0);
    }

    const again = startWorker({ db, workerId: 'bg-worker-2', pollMs: 10, batch: 5, logger: silent });
    for (let i = 0; i < 200; i++) {
      const left = await db.selectFrom('job').select('id').where('id', 'in', jobs.map((j) => j.id)).where('done_at', 'is', null).execute();
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await again.stop();
    for (const j of jobs) assert.deepEqual(await effects(j.id), ['gated']);
  });
});

const silent = { info() {}, warn() {}, error() {} };
