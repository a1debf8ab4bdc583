/**
 * A worker process for the two-process job test (server/jobs/exactlyOnce.test.ts):
 *   node --import tsx server/testing/jobWorkerProcess.ts <postgres url> <worker id> <lease ms>
 * Runs `test.exactly_once` jobs, whose effect is one row per job in `job_effect`. Prints
 * `ready` once polling, and on SIGTERM stops the worker and prints, as one JSON line, the ids
 * of the jobs whose handler it entered (counted before the transaction commits) and the errors
 * it saw.
 */
import { sql } from 'kysely';
import { composeServer } from '../composition.js';
import { openPostgres } from '../platform/db/engine.js';
import { registerJobHandler } from '../platform/jobs/registry.js';
import { startWorker } from '../platform/jobs/worker.js';

// Every job kind of the server is registered, as in the server's own worker.
composeServer();

const [, , url, workerId, leaseMs] = process.argv;
if (!url || !workerId || !leaseMs) throw new Error('usage: jobWorkerProcess <postgres url> <worker id> <lease ms>');

const database = await openPostgres(url);
const invocations: number[] = [];
const errors: string[] = [];

registerJobHandler('test.exactly_once', async ({ trx, job }) => {
  invocations.push(job.id);
  await sql`select pg_sleep(0.002)`.execute(trx);
  await sql`insert into job_effect (job_id, worker) values (${job.id}, ${workerId})`.execute(trx);
});

const note = (obj: object, msg?: string) => errors.push(`${msg ?? ''} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.message : v))}`);
const worker = startWorker({
  db: database.db, workerId, pollMs: 10, batch: 10, leaseMs: Number(leaseMs),
  logger: { info() {}, warn: note, error: note },
});

process.once('SIGTERM', () => {
  void (async () => {
    await worker.stop();
    await database.close();
    process.stdout.write(`${JSON.stringify({ workerId, invocations, errors })}\n`);
    process.exit(0);
  })();
});
process.stdout.write('ready\n');
