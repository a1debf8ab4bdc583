import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Job } from '../db/schemaJobs.js';
import { retryDelayMs } from './backoff.js';
import { describeError, jobHandler, PermanentJobError, registeredJobKinds, type RegisteredHandler } from './registry.js';
import { now } from '../clock.js';

/** Where the worker reports failures; pino (Fastify's `app.log`) fits. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const DEFAULT_LEASE_MS = 60_000;

export interface ClaimOptions {
  workerId: string;
  now: Date;
  batch: number;
  leaseMs?: number;
  /** Only these kinds (default: every kind with a handler in this process). */
  kinds?: string[];
}

/**
 * Claims up to `batch` due jobs for one worker: `FOR UPDATE SKIP LOCKED` lets concurrent
 * workers pass each other's rows, and the lease (`locked_until`) keeps the claimed rows off
 * the other workers until it expires. A claim counts as an attempt, so a job that keeps
 * killing its worker still runs out of attempts.
 */
export async function claimJobs(db: Kysely<DB>, opts: ClaimOptions): Promise<Job[]> {
  const kinds = opts.kinds ?? registeredJobKinds();
  if (kinds.length === 0 || opts.batch < 1) return [];
  const { now } = opts;
  const rows = await db
    .with((cte) => cte('due').materialized(), (qb) => qb.selectFrom('job').select('id')
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .where('kind', 'in', kinds)
      .orderBy('run_at').orderBy('id')
      .limit(opts.batch)
      .forUpdate().skipLocked())
    .updateTable('job')
    .from('due')
    .set((eb) => ({
      locked_by: opts.workerId,
      locked_until: new Date(now.getTime() + (opts.leaseMs ?? DEFAULT_LEASE_MS)),
      attempts: eb('job.attempts', '+', 1),
    }))
    .whereRef('job.id', '=', 'due.id')
    .returningAll('job')
    .execute();
  return rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id);
}

/** Gives claimed jobs back unrun (a stopping worker), so others need not wait for the lease. */
export async function releaseJobs(db: Kysely<DB>, jobs: Job[], workerId: string): Promise<void> {
  if (jobs.length === 0) return;
  await db.updateTable('job')
    .set((eb) => ({ locked_by: null, locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', jobs.map((j) => j.id))
    .where('locked_by', '=', workerId)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .execute();
}

/** The job row, locked, if this worker still holds it and it is unfinished. */
function lockOwned(trx: Transaction<DB>, id: number, workerId: string) {
  return trx.selectFrom('job').selectAll()
    .where('id', '=', id).where('locked_by', '=', workerId)
    .where('done_at', 'is', null).where('failed_at', 'is', null)
    .forUpdate().executeTakeFirst();
}

export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

export interface RunJobOptions {
  workerId: string;
  /** The clock (default: the real one). */
  clock?: () => Date;
  logger?: JobLogger;
}

/**
 * Runs one claimed job: the handler and `done_at` in one transaction. A job whose lease
 * another worker has taken over in the meantime is left alone ('lost'). On failure the job is
 * rescheduled with exponential backoff, or marked failed after its last attempt.
 */
export async function runClaimedJob(db: Kysely<DB>, job: Job, opts: RunJobOptions): Promise<JobOutcome> {
  const clock = opts.clock ?? (() => now());
  const handler = jobHandler(job.kind);
  if (!handler) return recordFailure(db, job, opts, clock(), new Error(`No handler for job kind '${job.kind}'`), undefined);
  if (job.attempts > job.max_attempts) {
    return recordFailure(db, job, opts, clock(), new PermanentJobError('The lease expired during the last attempt (the worker stopped)'), undefined);
  }
  let payload: unknown;
  try {
    payload = handler.parse(job.payload);
  } catch (error) {
    return recordFailure(db, job, opts, clock(), error, undefined);
  }
  try {
    const ran = await db.transaction().execute(async (trx) => {
      const row = await lockOwned(trx, job.id, opts.workerId);
      if (!row) return false;
      const now = clock();
      await handler.run({ db, trx, job: row, payload, now });
      await trx.updateTable('job').set({ done_at: now, locked_by: null, locked_until: null }).where('id', '=', job.id).execute();
      return true;
    });
    return ran ? 'done' : 'lost';
  } catch (error) {
    return recordFailure(db, job, opts, clock(), error, { handler, payload });
  }
}

async function recordFailure(
  db: Kysely<DB>, job: Job, opts: RunJobOptions, now: Date, error: unknown,
  hook: { handler: RegisteredHandler; payload: unknown } | undefined,
): Promise<JobOutcome> {
  const record = (withHook: boolean) => db.transaction().execute(async (trx): Promise<JobOutcome> => {
    const row = await lockOwned(trx, job.id, opts.workerId);
    if (!row) return 'lost';
    const final = error instanceof PermanentJobError || row.attempts >= row.max_attempts;
    if (withHook && hook?.handler.onError) {
      await hook.handler.onError({ db, trx, job: row, payload: hook.payload, now, error, final });
    }
    await trx.updateTable('job').set({
      locked_by: null,
      locked_until: null,
      last_error: describeError(error),
      ...(final ? { failed_at: now } : { run_at: new Date(now.getTime() + retryDelayMs(row.attempts)) }),
    }).where('id', '=', row.id).execute();
    return final ? 'failed' : 'retry';
  });
  let outcome: JobOutcome;
  try {
    outcome = await record(true);
  } catch (hookError) {
    opts.logger?.error({ err: hookError, jobId: job.id, kind: job.kind }, 'job error hook failed');
    outcome = await record(false);
  }
  if (outcome === 'failed') opts.logger?.error({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job failed for good');
  else if (outcome === 'retry') opts.logger?.warn({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job failed; will retry');
  return outcome;
}

export interface RunDueOptions {
  workerId: string;
  /** A fixed clock for the whole run (tests); default: the real one. */
  now?: Date;
  batch?: number;
  leaseMs?: number;
  kinds?: string[];
  logger?: JobLogger;
}

export type RunSummary = Record<JobOutcome, number>;

/** Claims and runs due jobs until none is left (jobs rescheduled by this run are not due again in it). */
export async function runDueJobs(db: Kysely<DB>, opts: RunDueOptions): Promise<RunSummary> {
  const clock = opts.now ? () => opts.now! : () => now();
  const summary: RunSummary = { done: 0, retry: 0, failed: 0, lost: 0 };
  for (;;) {
    const claimed = await claimJobs(db, { ...opts, now: clock(), batch: opts.batch ?? 20 });
    if (claimed.length === 0) return summary;
    for (const job of claimed) summary[await runClaimedJob(db, job, { ...opts, clock })]++;
  }
}
