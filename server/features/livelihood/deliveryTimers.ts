/**
 * The slip reminder timers of milestones (deliveryReminders.ts runs them): one set when a
 * milestone is planned, at 09:00 the day after its planned day; cancelled when it is done or the
 * project accepted.
 */
import type { Transaction } from 'kysely';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import type { DB } from '../../platform/db/schema.js';
import { morningOf, setTimer } from '../../platform/workflow/timers.js';

export const LIVELIHOOD_SLIP = 'livelihood.milestone_slip';

export interface SlipPayload { projectId: number; milestoneId: number; plannedOn: string; day: string }

export const projectTimerPrefix = (projectId: number) => `livelihood:${projectId}:`;
export const milestoneTimerPrefix = (projectId: number, milestoneId: number) => `livelihood:${projectId}:milestone:${milestoneId}:`;

/** Sets a slip reminder of a milestone on `day`: by default the day after its planned day (or tomorrow, for one planned in the past). */
export async function scheduleSlipReminder(trx: Transaction<DB>, m: { projectId: number; milestoneId: number; plannedOn: string }, now: Date, day?: string) {
  const tomorrow = addDays(shanghaiDate(now), 1);
  const first = day ?? (addDays(m.plannedOn, 1) > tomorrow ? addDays(m.plannedOn, 1) : tomorrow);
  await setTimer(trx, {
    kind: LIVELIHOOD_SLIP, key: `${milestoneTimerPrefix(m.projectId, m.milestoneId)}${m.plannedOn}:${first}`, at: morningOf(first),
    payload: { ...m, day: first } satisfies SlipPayload,
  });
}
