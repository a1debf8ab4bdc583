/**
 * Registers written out off the event loop. Shaping text in a 20 MB CJK font takes about a
 * second per thousand rows of PDF, and a workbook of ten thousand rows a few seconds: on the
 * main thread either would stall every other request (and, on PGlite, the database with them).
 * One worker thread renders one file at a time; it is started on first use and stopped after
 * a minute idle.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers.js';
import type { PosterFont } from './font.js';
import type { RegisterDocument } from './model.js';

const IDLE_MS = 60_000;

let worker: Worker | null = null;
let idle: NodeJS.Timeout | null = null;
let nextId = 1;
let busy: Promise<unknown> = Promise.resolve(); // settles, never rejects

function started(): Worker {
  if (!worker) {
    const w = startWorker(import.meta.url, './renderWorkerMain');
    // The worker never keeps the process alive: a server stopping, or a test file ending, does not wait for it.
    w.unref();
    w.on('exit', () => { if (worker === w) worker = null; });
    worker = w;
  }
  return worker;
}

function renderOnce(doc: RegisterDocument, format: 'pdf' | 'xlsx', font: PosterFont | null): Promise<Buffer> {
  if (idle) clearTimeout(idle);
  const w = started();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    const cleanup = () => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
    const onMessage = (m: { id: number; bytes?: Uint8Array; error?: string }) => {
      if (m.id !== id) return;
      cleanup();
      if (m.bytes) resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else reject(new Error(`Rendering the register failed: ${m.error}`));
    };
    const onError = (err: Error) => { cleanup(); reject(err); };
    const onExit = (code: number) => { cleanup(); reject(new Error(`The register worker stopped (exit code ${code})`)); };
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
    w.postMessage({ id, doc, format, font });
  }).finally(() => {
    idle = setTimeout(() => { void worker?.terminate(); }, IDLE_MS);
    idle.unref();
  });
}

/** The register as a file, rendered in the worker, one at a time. PDF needs the CJK font. */
export function renderRegister(doc: RegisterDocument, format: 'pdf', font: PosterFont): Promise<Buffer>;
export function renderRegister(doc: RegisterDocument, format: 'xlsx'): Promise<Buffer>;
export function renderRegister(doc: RegisterDocument, format: 'pdf' | 'xlsx', font: PosterFont | null = null): Promise<Buffer> {
  const result = busy.then(() => renderOnce(doc, format, font));
  busy = result.catch(() => undefined);
  return result;
}
