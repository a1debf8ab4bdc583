/**
 * Worker threads for CPU-heavy work (rendering registers, grouping opinions), so the server's
 * event loop keeps answering meanwhile. Run from the sources (tsx: development and tests), a
 * worker does not inherit the TypeScript loader: it registers it before loading its entry. The
 * build runs the compiled entry.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Starts a worker on the module `entry` (a path without extension, e.g. `./renderWorkerMain`) beside the module at `base` (its import.meta.url). */
export function startWorker(base: string, entry: string, options: WorkerOptions = {}): Worker {
  const fromSources = base.endsWith('.ts');
  const url = new URL(`${entry}${fromSources ? '.ts' : '.js'}`, base);
  if (!fromSources) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true });
}
