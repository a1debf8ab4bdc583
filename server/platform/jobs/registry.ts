import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.js';
import type { Job } from '../db/schemaJobs.js';

/** What a handler gets. Its writes commit together with the job's `done_at`, or not at all. */
export interface JobContext<P = unknown> {
  /**
   * The root handle, for code that needs one outside this job. Never query it while the
   * handler runs: on PGlite the handler's transaction holds the only connection.
   */
  db: Kysely<DB>;
  /** The job's transaction: every read and write of the handler goes through it. */
  trx: Transaction<DB>;
  /** The job row, locked for the length of the transaction. */
  job: Job;
  /** The payload, checked against the handler's schema when it declared one. */
  payload: P;
  /** The clock of this run (injected by tests). */
  now: Date;
}

export interface JobFailureContext<P = unknown> extends JobContext<P> {
  error: unknown;
  /** No more attempts follow: the job is being marked failed. */
  final: boolean;
}

/**
 * Runs one job. Handlers must be idempotent: a job whose worker died after the handler's
 * side effects outside the database (a sent message, say) runs again once its lease expires.
 */
export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<void>;

export interface JobHandlerOptions<P> {
  /** Checks the payload before each run; a payload that does not fit fails the job at once. */
  payload?: z.ZodType<P>;
  /**
   * Called when a run fails, in the transaction that records the failure (the handler's own
   * transaction has been rolled back), e.g. to note the error on the row the job works on.
   */
  onError?: (ctx: JobFailureContext<P>) => Promise<void>;
}

/** Thrown by a handler (or for a payload that does not parse) when retrying cannot help. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

const MAX_ERROR_LENGTH = 2000;

/** An error as stored in `last_error` columns: name and message, at most 2,000 characters. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

export interface RegisteredHandler {
  run: JobHandler<unknown>;
  parse: (payload: unknown) => unknown;
  onError?: (ctx: JobFailureContext<unknown>) => Promise<void>;
}

const handlers = new Map<string, RegisteredHandler>();

/** Registers the handler of a job kind, once per process. Workers claim only kinds they can run. */
export function registerJobHandler<P = unknown>(kind: string, handler: JobHandler<P>, options: JobHandlerOptions<P> = {}): void {
  if (handlers.has(kind)) throw new Error(`A job handler for '${kind}' is already registered`);
  const schema = options.payload;
  handlers.set(kind, {
    run: handler as JobHandler<unknown>,
    parse: (payload) => {
      if (!schema) return payload;
      const result = schema.safeParse(payload);
      if (!result.success) throw new PermanentJobError(`Payload does not fit '${kind}': ${result.error.message}`);
      return result.data;
    },
    ...(options.onError && { onError: options.onError as (ctx: JobFailureContext<unknown>) => Promise<void> }),
  });
}

export function jobHandler(kind: string): RegisteredHandler | undefined {
  return handlers.get(kind);
}

export function registeredJobKinds(): string[] {
  return [...handlers.keys()];
}
