/**
 * Where the grouping runs. A county's window can hold 100 000 opinions, whose grouping takes
 * seconds of CPU: from OFF_THREAD_FROM documents on it runs in a worker thread, so the server
 * keeps answering requests meanwhile (on PostgreSQL fully; on PGlite the run's own transaction
 * still holds the one connection). Smaller inputs are grouped in place, where starting a thread
 * would cost more than it saves. Both give the same groups: the grouping is deterministic.
 */
import { startWorker } from '../../platform/workers.js';
import { clusterDocs, type Cluster, type ClusterDoc } from './cluster.js';

const OFF_THREAD_FROM = 2_000;

/** Groups the documents, in a worker thread from `offThreadFrom` documents on. */
export function groupOpinions(docs: ClusterDoc[], offThreadFrom = OFF_THREAD_FROM): Promise<Cluster[]> {
  if (docs.length < offThreadFrom) return Promise.resolve(clusterDocs(docs));
  return new Promise<Cluster[]>((resolve, reject) => {
    const worker = startWorker(import.meta.url, './clusterWorkerMain', { workerData: docs });
    let answered = false;
    worker.once('message', (clusters: Cluster[]) => { answered = true; resolve(clusters); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (!answered) reject(new Error(`The grouping worker stopped (exit code ${code}) without an answer`)); });
  });
}
