/**
 * The grouping in a worker thread: takes the documents as its workerData, answers the clusters.
 * Started by `groupOpinions` (grouping.ts, through the kernel's `startWorker`) for large inputs, so the server's event loop stays free.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { clusterDocs, type ClusterDoc } from './cluster.js';

parentPort!.postMessage(clusterDocs(workerData as ClusterDoc[]));
