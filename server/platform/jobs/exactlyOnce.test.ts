import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { PROJECT_ROOT } from '../config.js';
import { openPostgres } from '../db/engine.js';
import { migrateToLatest } from '../db/migrate.js';
import { adminQuery, createPostgresDatabase } from '../../testing/database.js';
import { enqueueJob } from './queue.js';

const JOBS = 200;
const databaseUrl = process.env.DATABASE_URL;

interface Report { workerId: string; invocations: number[]; errors: string[] }

function startChild(url: string, workerId: string, leaseMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/jobWorkerProcess.ts', url, workerId, String(leaseMs)], {
    cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${workerId} exited early (${code})`)));
  });
  const report = new Promise<Report>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${workerId} exited with ${code}`));
      resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as Report);
    });
  });
  report.catch(() => {});
  return { child, ready, report };
}

describe('job queue across processes', () => {
  it('runs every job exactly once with two worker processes on one PostgreSQL database',
    databaseUrl ? {} : { skip: 'needs DATABASE_URL: two processes cannot share one PGlite data directory' },
    async (t) => {
      const name = `lianxin_test_${process.pid}_jobs_${randomBytes(3).toString('hex')}`;
      const url = await createPostgresDatabase(databaseUrl!, name);
      const children: ChildProcess[] = [];
      const database = await openPostgres(url);
      try {
        const db = database.db;
        await migrateToLatest(db);
        await sql`create table job_effect (job_id bigint primary key, worker text not null)`.execute(db);

        // A lease far shorter than a batch takes, so workers also take over each other's
        // claimed-but-unstarted jobs; attempts are plentiful so that never fails a job.
        const workers = ['worker-a', 'worker-b'].map((id) => startChild(url, id, 25));
        children.push(...workers.map((w) => w.child));
        await Promise.all(workers.map((w) => w.ready));

        const ids = await db.transaction().execute(async (trx) => {
          const out: number[] = [];
          for (let i = 0; i < JOBS; i++) out.push((await enqueueJob(trx, { kind: 'test.exactly_once', payload: { i }, maxAttempts: 100 })).id);
          return out;
        });

        const deadline = Date.now() + 60_000;
        for (;;) {
          const open = await db.selectFrom('job').select((eb) => eb.fn.countAll<string>().as('n'))
            .where('done_at', 'is', null).where('failed_at', 'is', null).executeTakeFirstOrThrow();
          if (Number(open.n) === 0) break;
          assert.ok(Date.now() < deadline, `${open.n} jobs still open after 60 s`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        for (const c of children) c.kill('SIGTERM');
        const reports = await Promise.all(workers.map((w) => w.report));

        const jobs = await db.selectFrom('job').select(['id', 'done_at', 'failed_at', 'attempts']).orderBy('id').execute();
        assert.deepEqual(jobs.map((j) => j.id), ids);
        assert.ok(jobs.every((j) => j.done_at && !j.failed_at), 'every job done, none failed');

        const effects = (await sql<{ job_id: number; worker: string }>`select job_id, worker from job_effect order by job_id`.execute(db)).rows;
        assert.equal(effects.length, JOBS);
        assert.deepEqual(effects.map((e) => Number(e.job_id)), ids, 'one effect per job');

        const invoked = reports.flatMap((r) => r.invocations).sort((a, b) => a - b);
        assert.deepEqual(invoked, ids, 'each handler entered exactly once across both processes');
        for (const r of reports) {
          assert.deepEqual(r.errors, [], `${r.workerId} saw no errors`);
          assert.ok(r.invocations.length > 0, `${r.workerId} took part`);
          assert.equal(effects.filter((e) => e.worker === r.workerId).length, r.invocations.length);
        }
        const reclaimed = jobs.filter((j) => j.attempts > 1).length;
        t.diagnostic(`jobs per worker: ${reports.map((r) => `${r.workerId} ${r.invocations.length}`).join(', ')}; claimed more than once: ${reclaimed}`);
      } finally {
        for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
        await database.close();
        await adminQuery(databaseUrl!, `drop database if exists "${name}" with (force)`);
      }
    });
});
