/** The worker thread's side of renderWorker.ts: renders each document it is sent and answers with the bytes. */
import { parentPort } from 'node:worker_threads';
import type { PosterFont } from './font.js';
import type { RegisterDocument } from './model.js';
import { renderRegisterPdf } from './pdf.js';
import { registerXlsx } from './xlsx.js';

interface Job { id: number; doc: RegisterDocument; format: 'pdf' | 'xlsx'; font: PosterFont | null }

async function render(job: Job): Promise<void> {
  try {
    const bytes = job.format === 'pdf' ? await renderRegisterPdf(job.doc, job.font!) : await registerXlsx(job.doc);
    parentPort!.postMessage({ id: job.id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
}

// render() answers every job itself, failures included, so nothing waits on its promise.
parentPort!.on('message', (job: Job) => { void render(job); });
