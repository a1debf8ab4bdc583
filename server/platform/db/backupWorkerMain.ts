/** The backup's worker thread: packs the staged copy into the backup file (see backup.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { packPayload } from './backup.js';

const { staging, file } = workerData as { staging: string; file: string };
parentPort!.postMessage(await packPayload(staging, file));
