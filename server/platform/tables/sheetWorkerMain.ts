/**
 * The sheet worker (see sheetWorker.ts): parses the upload's bytes as the main thread hands them
 * over, one chunk for each `read`, and answers the rows in batches, one batch ahead of what the
 * main thread has taken. A hostile file can exhaust at most this thread's heap.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { parseSheet, type SheetRow } from './read.js';
import type { ToWorker, SheetWorkerData } from './sheetWorker.js';

const port = parentPort!;
const { limits, batchRows, batchChars } = workerData as SheetWorkerData;

let credit = 1;
let wake: (() => void) | null = null;
const input = new Readable({ read() { port.postMessage({ type: 'read' }); } });

port.on('message', (m: ToWorker) => {
  if (m.type === 'chunk') input.push(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  else if (m.type === 'end') input.push(null);
  else {
    credit++;
    wake?.();
  }
});

async function run(): Promise<void> {
  let batch: SheetRow[] = [];
  let chars = 0;
  const send = async () => {
    while (credit === 0) await new Promise<void>((resolve) => { wake = resolve; });
    wake = null;
    credit--;
    port.postMessage({ type: 'rows', rows: batch });
    batch = [];
    chars = 0;
  };
  try {
    for await (const row of parseSheet(input, limits)) {
      batch.push(row);
      for (const cell of row.cells) chars += cell.length;
      if (batch.length >= batchRows || chars >= batchChars) await send();
    }
    if (batch.length) await send();
    port.postMessage({ type: 'done' });
  } catch (err) {
    port.postMessage(err instanceof AppError
      ? { type: 'error', code: err.code, details: err.details }
      : { type: 'error', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  }
}

void run();
