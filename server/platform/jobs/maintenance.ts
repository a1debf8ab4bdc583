/**
 * Daily housekeeping at 03:00 Asia/Shanghai: the features' housekeeping tasks in the order of the
 * feature list (the cases forget public-submission idempotency keys older than a day, the imports
 * clear the staged rows of imports left uncommitted for a week, the inbox folds the notifications
 * kept for the daily digest), after the kernel deletes the request counters whose window has
 * ended; then the kernel sweeps stored files that no row names and the temporaries a crash left
 * behind, and creates this year's and next year's partitions of the tables partitioned by year
 * where missing. The job schedules the next day's run itself; every start schedules it too (the dedupe key makes that a no-op when it is already
 * planned).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays, shanghaiDate } from '../calendar/workingDays.js';
import { housekeepingTasks, jobKind } from '../feature.js';
import { fileStore, ORPHAN_GRACE_MS, sweepUnreferencedFiles } from '../files/index.js';
import { sweepRateLimits } from '../http/rateLimit.js';
import { enqueueJob } from './queue.js';
import { ensureYearPartitions } from '../db/partitions.js';

export const MAINTENANCE_DAILY = 'maintenance.daily';

export async function scheduleMaintenance(trx: Transaction<DB>, now: Date): Promise<void> {
  const day = addDays(shanghaiDate(now), 1);
  await enqueueJob(trx, { kind: MAINTENANCE_DAILY, payload: { day }, runAt: new Date(`${day}T03:00:00+08:00`), dedupeKey: `maintenance:${day}` });
}

/** The daily housekeeping run; a kernel job kind. */
export const maintenanceJob = jobKind(MAINTENANCE_DAILY, async ({ trx, now }) => {
  await sweepRateLimits(trx, now);
  for (const task of housekeepingTasks()) await task(trx, now);
  // Stored files that no row names (their upload's transaction rolled back), a day after they were
  // stored; and what a crash between writing a file and renaming it into place left, after a day.
  await sweepUnreferencedFiles(trx, fileStore(), new Date());
  await fileStore().removeStaleTemporaries(ORPHAN_GRACE_MS);
  // Last: adding a partition locks its table until the job commits.
  await ensureYearPartitions(trx, now);
  await scheduleMaintenance(trx, now);
});
