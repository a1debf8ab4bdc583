/**
 * Reminders when a milestone slips (进度滞后提醒): the timer (deliveryTimers.ts) runs at 09:00 the
 * day after the milestone's planned day. If the milestone is still open and planned for that day,
 * and the project still being carried out, it is a `remind` action on the project's timeline and
 * a notice to the congress's staff and the responsible unit; it repeats every week while the
 * milestone stays open. Marking it done (or accepting the project) cancels its timers; a timer
 * made stale by a new planned day does nothing.
 */
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { jobKind } from '../../platform/feature.js';
import { notify } from '../../platform/notify/notify.js';
import { anyOf, clerksOf, staffOf } from '../../platform/notify/audience.js';
import { takeProjectAction } from './projectActions.js';
import { LIVELIHOOD_SLIP, scheduleSlipReminder, type SlipPayload } from './deliveryTimers.js';

/** A slipped milestone is told again this many days later while it stays open. */
export const SLIP_REPEAT_DAYS = 7;

export const livelihoodSlipJob = jobKind<SlipPayload>(LIVELIHOOD_SLIP, async ({ trx, payload: p, now }) => {
  const m = await trx.selectFrom('livelihood_milestone as m').innerJoin('livelihood_project as p', 'p.id', 'm.project_id')
    .innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
    .select(['m.id', 'm.title', 'm.planned_on', 'm.done_on', 'p.id as project_id', 'p.title as project_title', 'p.state', 'p.unit_id', 'r.congress_region_code'])
    .where('m.id', '=', p.milestoneId).where('m.project_id', '=', p.projectId).executeTakeFirst();
  if (!m || m.done_on !== null || m.planned_on !== p.plannedOn || m.state !== 'in_progress') return;
  const title = `民生实事项目进度滞后:节点“${m.title}”计划于 ${m.planned_on} 完成,至今未完成`;
  await takeProjectAction({ trx, actor: SYSTEM_ACTOR, ip: null }, m.project_id, { action: 'remind', comment: title }, { system: true, now });
  await notify(trx, {
    accountIds: anyOf(m.congress_region_code !== null && staffOf(trx, m.congress_region_code), m.unit_id !== null && clerksOf(trx, [m.unit_id])), kind: 'livelihood.remind', title, body: `《${m.project_title}》`,
    link: `/livelihood/projects/${m.project_id}`, dedupeKey: `livelihood:${m.project_id}:milestone:${m.id}:${p.plannedOn}:${p.day}`,
  });
  const next = addDays(p.day < shanghaiDate(now) ? shanghaiDate(now) : p.day, SLIP_REPEAT_DAYS);
  await scheduleSlipReminder(trx, { projectId: p.projectId, milestoneId: p.milestoneId, plannedOn: p.plannedOn }, now, next);
}, {
  payload: z.object({ projectId: z.number(), milestoneId: z.number(), plannedOn: z.string(), day: z.string() }),
});
