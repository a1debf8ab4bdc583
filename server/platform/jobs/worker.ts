import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { claimJobs, DEFAULT_LEASE_MS, releaseJobs, runClaimedJob, type JobLogger } from './runner.js';
import { now } from '../clock.js';
import { loggedError } from '../loggedError.js';

export interface WorkerOptions {
  db: Kysely<DB>;
  /** Names this worker in `job.locked_by`; unique per process (see `defaultWorkerId`). */
  workerId: string;
  /** Pause between polls when there was less than a full batch to do. */
  pollMs?: number;
  /** Jobs claimed per poll. */
  batch?: number;
  leaseMs?: number;
  logger?: JobLogger;
}

export interface Worker {
  readonly workerId: string;
  /** Finishes the job that is running, gives back the rest of its batch, and stops polling. */
  stop(): Promise<void>;
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Without the app's logger: the console, with errors reduced as the app's log reduces them. */
const safe = (obj: object): object => ('err' in obj ? { ...obj, err: loggedError(obj.err) } : obj);
const consoleLogger: JobLogger = {
  info: (obj, msg) => console.log(msg, safe(obj)),
  warn: (obj, msg) => console.warn(msg, safe(obj)),
  error: (obj, msg) => console.error(msg, safe(obj)),
};

/**
 * Polls the job table in the background: claims a batch of due jobs, runs them one at a
 * time, and polls again at once after a full batch or after `pollMs` otherwise. Any number
 * of workers, in any number of processes, can share one PostgreSQL database.
 */
export function startWorker(opts: WorkerOptions): Worker {
  const { db, workerId } = opts;
  const pollMs = opts.pollMs ?? 1000;
  const batch = opts.batch ?? 10;
  const logger = opts.logger ?? consoleLogger;
  let stopping = false;
  let wake: (() => void) | null = null;

  const pause = () => new Promise<void>((resolve) => {
    const timer = setTimeout(() => { wake = null; resolve(); }, pollMs);
    wake = () => { clearTimeout(timer); wake = null; resolve(); };
  });

  const loop = (async () => {
    while (!stopping) {
      let claimed: number;
      try {
        const jobs = await claimJobs(db, { workerId, now: now(), batch, leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS });
        claimed = jobs.length;
        for (const [i, job] of jobs.entries()) {
          if (stopping) {
            await releaseJobs(db, jobs.slice(i), workerId);
            break;
          }
          await runClaimedJob(db, job, { workerId, logger });
        }
      } catch (err) {
        logger.error({ err, workerId }, 'job worker: poll failed');
        claimed = 0;
      }
      if (!stopping && claimed < batch) await pause();
    }
  })();

  return {
    workerId,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
