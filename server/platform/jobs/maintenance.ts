/**
 * Daily housekeeping at 03:00 Asia/Shanghai: forget public-submission idempotency keys older
 * than a day, and clear the staged rows of imports left uncommitted for a week. The job schedules the next day's run itself; every start schedules it too (the
 * dedupe key makes that a no-op when it is already planned).
 */
import type { Transaction } from 'kysely';
import { purgeIdempotency } from '../../features/cases/intake.js';
import { expireImports } from '../../features/imports/commands.js';
import type { DB } from '../db/schema.js';
import { addDays, shanghaiDate } from '../calendar/workingDays.js';
import { enqueueJob } from './queue.js';
import { registerJobHandler } from './registry.js';

export const MAINTENANCE_DAILY = 'maintenance.daily';

export async function scheduleMaintenance(trx: Transaction<DB>, now: Date): Promise<void> {
  const day = addDays(shanghaiDate(now), 1);
  await enqueueJob(trx, { kind: MAINTENANCE_DAILY, payload: { day }, runAt: new Date(`${day}T03:00:00+08:00`), dedupeKey: `maintenance:${day}` });
}

registerJobHandler(MAINTENANCE_DAILY, async ({ trx, now }) => {
  await purgeIdempotency(trx, now);
  await expireImports(trx, now);
  await scheduleMaintenance(trx, now);
});
