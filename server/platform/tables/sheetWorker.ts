/**
 * An uploaded sheet parsed in a worker thread of its own, with a capped heap, so that a hostile
 * file can neither block the event loop (every other request, and PGlite with them) nor exhaust
 * the server's memory: at worst the worker dies, and the import fails with
 * IMPORT_FILE_TOO_COMPLEX. The upload is counted here (its size limit) and handed to the worker
 * a chunk at a time as the worker asks for it; the rows come back in batches, the worker at most
 * one batch ahead. Aborting (a cancelled import, the server stopping) terminates the worker at
 * once, whatever it is doing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { setImmediate } from 'node:timers/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.js';
import { startWorker } from '../workers.js';
import { counted, type ParseLimits, type ReadOptions, type SheetRow } from './read.js';

export interface SheetWorkerData {
  limits: ParseLimits;
  batchRows: number;
  batchChars: number;
}

export type ToWorker = { type: 'chunk'; data: Uint8Array } | { type: 'end' } | { type: 'more' };

type FromWorker =
  | { type: 'read' }
  | { type: 'rows'; rows: SheetRow[] }
  | { type: 'done' }
  | { type: 'error'; code: string; details?: Record<string, unknown>; message?: string };

type Event = Exclude<FromWorker, { type: 'read' }>
  | { type: 'source'; err: unknown } | { type: 'crash'; err: Error } | { type: 'exit'; code: number } | { type: 'abort' };

export interface SheetReadOptions extends ReadOptions {
  limits: Omit<ParseLimits, 'tmpDir'>;
  /** The worker's heap (V8's old generation), in MB. */
  workerMb: number;
  signal?: AbortSignal;
}

/** Rows per batch, and characters per batch, whichever comes first. */
const BATCH_ROWS = 500;
const BATCH_CHARS = 2_000_000;

/** Events in arrival order, taken one at a time. */
class Inbox {
  private readonly queue: Event[] = [];
  private waiting: ((e: Event) => void) | null = null;

  put(e: Event): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(e);
    } else {
      this.queue.push(e);
    }
  }

  take(): Promise<Event> {
    const next = this.queue.shift();
    return next ? Promise.resolve(next) : new Promise((resolve) => { this.waiting = resolve; });
  }
}

function crashed(err: Error & { code?: string }, workerMb: number): Error {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError('IMPORT_FILE_TOO_COMPLEX', {
      reason: { zh: `读取时所需内存超过 ${workerMb} MB`, en: `reading it needs more than ${workerMb} MB of memory` },
    });
  }
  return err;
}

/**
 * How many sheet workers may run at once (LIANXIN_IMPORT_WORKERS): each may take its whole heap,
 * so many concurrent hostile imports would otherwise take many times LIANXIN_IMPORT_WORKER_MB.
 * Further imports wait for a worker in the order they came, their upload held (not read) meanwhile.
 */
let maxWorkers = 2;
let running = 0;
let peak = 0;
const queue: (() => void)[] = [];

/** Sets how many sheet workers may run at once (at least 1). */
export function setImportWorkers(n: number): void {
  maxWorkers = Math.max(1, Math.floor(n));
  while (running < maxWorkers && queue.length) queue.shift()!();
}

/** The sheet workers running now, those waiting for one, and the most that ran at once since the last reset. */
export function sheetWorkerCounts(reset = false): { running: number; waiting: number; peak: number } {
  const counts = { running, waiting: queue.length, peak };
  if (reset) peak = running;
  return counts;
}

/** Waits for a free worker slot, in order; an abort while waiting leaves the queue and throws its reason. */
function takeSlot(signal: AbortSignal | undefined): Promise<void> {
  const take = () => { running++; peak = Math.max(peak, running); };
  if (running < maxWorkers && queue.length === 0) {
    take();
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const entry = () => { signal?.removeEventListener('abort', onAbort); take(); resolve(); };
    const onAbort = () => {
      const i = queue.indexOf(entry);
      if (i >= 0) queue.splice(i, 1);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    queue.push(entry);
  });
}

function releaseSlot(): void {
  running--;
  while (running < maxWorkers && queue.length) queue.shift()!();
}

/**
 * The rows of an uploaded sheet, in order and in batches, parsed in a worker (see read.ts for
 * what is read and how). The upload is drained, not destroyed, when reading stops early.
 */
export async function* readSheet(input: AsyncIterable<Buffer | string>, options: SheetReadOptions): AsyncGenerator<SheetRow[]> {
  if (options.signal?.aborted) throw options.signal.reason;
  await takeSlot(options.signal);
  try {
    yield* readInWorker(input, options);
  } finally {
    releaseSlot();
  }
}

async function* readInWorker(input: AsyncIterable<Buffer | string>, options: SheetReadOptions): AsyncGenerator<SheetRow[]> {
  const source = counted(input, options);
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'lianxin-import-'));
  const inbox = new Inbox();
  let worker: Worker | null = null;
  const onAbort = () => inbox.put({ type: 'abort' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) throw options.signal.reason;
    const data: SheetWorkerData = { limits: { ...options.limits, tmpDir }, batchRows: BATCH_ROWS, batchChars: BATCH_CHARS };
    const w = startWorker(import.meta.url, './sheetWorkerMain', {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: options.workerMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.floor(options.workerMb / 8))) },
    });
    worker = w;
    // A stopping server or an ending test does not wait for it (it is terminated below anyway),
    // except while its next event is awaited: then it alone may be what keeps the process running.
    w.unref();
    const pump = async () => {
      try {
        const next = await source.next();
        w.postMessage(next.done ? { type: 'end' } satisfies ToWorker : { type: 'chunk', data: next.value } satisfies ToWorker);
      } catch (err) {
        inbox.put({ type: 'source', err });
      }
    };
    w.on('message', (m: FromWorker) => {
      if (m.type === 'read') void pump();
      else inbox.put(m);
    });
    w.on('error', (err) => inbox.put({ type: 'crash', err }));
    w.on('exit', (code) => inbox.put({ type: 'exit', code }));
    for (;;) {
      w.ref();
      const e = await inbox.take().finally(() => w.unref());
      if (e.type === 'rows') {
        w.postMessage({ type: 'more' } satisfies ToWorker);
        // The next batch is usually here already, and PGlite answers within the same turn: without a
        // turn of the event loop between batches, a whole file would be checked before any other request.
        await setImmediate();
        yield e.rows;
      } else if (e.type === 'done') {
        return;
      } else if (e.type === 'error') {
        if (e.code === 'INTERNAL') throw new Error(`Reading the sheet failed: ${e.message}`);
        throw new AppError(e.code as ErrorCode, e.details ?? {});
      } else if (e.type === 'source') {
        throw e.err;
      } else if (e.type === 'abort') {
        throw options.signal!.reason;
      } else if (e.type === 'crash') {
        throw crashed(e.err, options.workerMb);
      } else {
        throw new Error(`The sheet worker stopped (exit code ${e.code})`);
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await worker?.terminate();
    // Not awaited: a stalled upload would keep it waiting; the rest of the upload is drained.
    source.return(undefined).catch(() => {});
    await rm(tmpDir, { recursive: true, force: true });
  }
}
