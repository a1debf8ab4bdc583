/** The worker thread's side of renderWorker.ts: renders each document it is sent and answers with the bytes. */
import { parentPort } from 'node:worker_threads';
import type { PosterFont } from './font.js';
import type { RegisterDocument } from './model.js';
import { renderRegisterPdf } from './pdf.js';
import { registerXlsx } from './xlsx.js';

interface Job { id: number; doc: RegisterDocument; format: 'pdf' | 'xlsx'; font: PosterFont | null }

parentPort!.on('message', async (job: Job) => {
  try {
    const bytes = job.format === 'pdf' ? await renderRegisterPdf(job.doc, job.font!) : await registerXlsx(job.doc);
    parentPort!.postMessage({ id: job.id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
