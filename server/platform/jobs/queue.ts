import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Job } from '../db/schemaJobs.js';
import { now } from '../clock.js';

export interface NewJob {
  /** The handler's kind, e.g. `outbox.deliver`. */
  kind: string;
  /** Plain JSON; the handler receives it as read back from `jsonb`. */
  payload?: unknown;
  /** Not before this instant (default: now). */
  runAt?: Date;
  /** At most one job ever exists per key: enqueuing the same key again returns the existing job. */
  dedupeKey?: string;
  /** Runs before the job is marked failed (default 5). */
  maxAttempts?: number;
}

/**
 * Adds a job inside the caller's transaction, so the job exists exactly when the business
 * change that asked for it commits. With a `dedupeKey` already taken (by a job in any state)
 * nothing is added and the existing job is returned.
 */
export async function enqueueJob(trx: Transaction<DB>, job: NewJob): Promise<Job> {
  const inserted = await trx.insertInto('job').values({
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    dedupe_key: job.dedupeKey ?? null,
    run_at: job.runAt ?? now(),
    ...(job.maxAttempts !== undefined && { max_attempts: job.maxAttempts }),
  })
    .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  return trx.selectFrom('job').selectAll().where('dedupe_key', '=', job.dedupeKey!).executeTakeFirstOrThrow();
}
