/**
 * Deputies' comments on a review's projects, questions on its reports, and general comments,
 * each addressed to the finance office or a project's department and answered by that unit,
 * tracked open → answered by a due day (the review's answer days after it was made). A
 * reminder timer runs on the due day's morning and, while the comment stays open, every day
 * after it (the congress's staff hear of the overdue ones too).
 */
import { z } from 'zod';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { jobKind } from '../../platform/feature.js';
import { notify } from '../../platform/notify/notify.js';
import { clerksOf, deputiesOf, staffOf } from '../../platform/notify/audience.js';
import { cancelTimers, morningOf, setTimer } from '../../platform/workflow/timers.js';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { lockReview, requirePart } from './review.js';
import { COMMENTING_STATES, REPORT_STATES } from './workflow.js';

export const BUDGET_REMIND = 'budget.remind';

export interface CommentInput {
  projectId?: number | null | undefined;
  reportId?: number | null | undefined;
  body: string;
  addressedTo?: 'finance' | 'department' | undefined;
}

interface RemindPayload { commentId: number; day: string }

async function scheduleReminder(ctx: { trx: WriteContext['trx'] }, commentId: number, day: string): Promise<void> {
  await setTimer(ctx.trx, { kind: BUDGET_REMIND, key: `budget:comment:${commentId}:${day}`, at: morningOf(day), payload: { commentId, day } satisfies RemindPayload });
}

export async function addComment(ctx: WriteContext, reviewId: number, c: CommentInput): Promise<number> {
  const r = await lockReview(ctx, reviewId);
  requirePart(r, 'deputy');
  const now = clockNow();
  const today = shanghaiDate(now);
  if (c.projectId != null && c.reportId != null) throw invalidFields([{ path: 'reportId', code: 'NOT_APPLICABLE' }]);
  let unitId = r.row.finance_unit_id;
  let kind: 'finance' | 'department' = 'finance';
  let about = r.row.title;
  if (c.reportId != null) {
    // A question on a report: while reports are filed, answered by the finance office.
    if (!REPORT_STATES.includes(r.row.state) || r.row.state === 'preparing') throw new AppError('BUDGET_COMMENTS_CLOSED');
    const report = await ctx.trx.selectFrom('budget_report').select(['id', 'title']).where('id', '=', c.reportId).where('review_id', '=', reviewId).executeTakeFirst();
    if (!report) throw invalidFields([{ path: 'reportId', code: 'UNKNOWN_REFERENCE' }]);
    about = report.title;
  } else {
    if (!COMMENTING_STATES.includes(r.row.state)) throw new AppError('BUDGET_COMMENTS_CLOSED');
    if (c.projectId != null) {
      const project = await ctx.trx.selectFrom('budget_project').select(['id', 'name', 'department_unit_id'])
        .where('id', '=', c.projectId).where('review_id', '=', reviewId).executeTakeFirst();
      if (!project) throw invalidFields([{ path: 'projectId', code: 'UNKNOWN_REFERENCE' }]);
      about = project.name;
      if (c.addressedTo !== 'finance' && project.department_unit_id !== null) {
        unitId = project.department_unit_id;
        kind = 'department';
      }
    } else if (c.addressedTo === 'department') {
      throw invalidFields([{ path: 'addressedTo', code: 'NOT_APPLICABLE' }]);
    }
  }
  const dueOn = addDays(today, r.row.answer_days);
  const row = await ctx.trx.insertInto('budget_comment').values({
    review_id: reviewId, project_id: c.projectId ?? null, report_id: c.reportId ?? null, deputy_id: ctx.actor.deputyId!,
    body: c.body.trim(), addressed_kind: kind, addressed_unit_id: unitId, state: 'open', due_on: dueOn, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await scheduleReminder(ctx, row.id, dueOn);
  await notify(ctx.trx, {
    accountIds: clerksOf(ctx.trx, [unitId]), kind: 'budget.comment',
    title: `代表对“${about}”提出意见,请于 ${dueOn} 前答复`, body: c.body.trim().slice(0, 200), link: `/budget/${reviewId}`,
  });
  await recordAudit(ctx, {
    action: 'budget_comment.create', entityType: 'budget_comment', entityId: row.id,
    after: { reviewId, projectId: c.projectId ?? null, reportId: c.reportId ?? null, addressedUnitId: unitId, addressedKind: kind, dueOn },
  });
  return row.id;
}

export async function answerComment(ctx: WriteContext, commentId: number, answer: string): Promise<number> {
  const c = await ctx.trx.selectFrom('budget_comment').select(['review_id', 'addressed_unit_id', 'state', 'deputy_id']).where('id', '=', commentId).executeTakeFirst();
  const r = await lockReview(ctx, c?.review_id ?? 0);
  if (!c) throw new AppError('NOT_FOUND');
  const isAddressed = ctx.actor.role === 'unit' && ctx.actor.unitId === c.addressed_unit_id;
  if (!isAddressed && ctx.actor.role !== 'admin') {
    if (r.part === 'department') throw new AppError('NOT_FOUND');
    throw new AppError('FORBIDDEN');
  }
  if (c.state === 'answered') throw new AppError('BUDGET_COMMENT_ANSWERED');
  const now = clockNow();
  await ctx.trx.updateTable('budget_comment').set({
    state: 'answered', answer: answer.trim(), answered_at: now, answered_by_account_id: ctx.actor.accountId || null, answered_by: ctx.actor.displayName,
  }).where('id', '=', commentId).execute();
  await cancelTimers(ctx.trx, `budget:comment:${commentId}:`);
  await notify(ctx.trx, {
    accountIds: deputiesOf(ctx.trx, [c.deputy_id]), kind: 'budget.answer', title: `您对${r.row.title}提出的意见已答复`,
    body: answer.trim().slice(0, 200), link: `/budget/${r.row.id}`,
  });
  await recordAudit(ctx, { action: 'budget_comment.answer', entityType: 'budget_comment', entityId: commentId, before: { state: 'open' }, after: { state: 'answered' } });
  return r.row.id;
}

/**
 * The reminder: while the comment stays open, its unit hears of it on the due day and, once
 * overdue, every following day, with the congress's staff; an answered comment ends it.
 */
export const budgetRemindJob = jobKind<RemindPayload>(BUDGET_REMIND, async ({ trx, payload: p, now }) => {
  const c = await trx.selectFrom('budget_comment as c').innerJoin('budget_review as r', 'r.id', 'c.review_id')
    .leftJoin('budget_project as p', 'p.id', 'c.project_id')
    .select(['c.id', 'c.state', 'c.due_on', 'c.addressed_unit_id', 'c.review_id', 'r.title', 'r.region_code', 'p.name as project_name'])
    .where('c.id', '=', p.commentId).forUpdate('c').executeTakeFirst();
  if (!c || c.state !== 'open') return;
  const today = shanghaiDate(now);
  const overdue = today > c.due_on;
  const about = c.project_name ? `“${c.project_name}”` : c.title;
  const title = overdue ? `代表对${about}的意见已超过答复期限(${c.due_on}),请尽快答复` : `代表对${about}的意见今天到期,请今日答复`;
  await notify(trx, {
    accountIds: clerksOf(trx, [c.addressed_unit_id]), kind: 'budget.remind', title, body: title,
    link: `/budget/${c.review_id}`, dedupeKey: `budget:remind:${c.id}:${today}`,
  });
  if (overdue) {
    await notify(trx, {
      accountIds: staffOf(trx, c.region_code), kind: 'budget.remind', title: `督办提醒:${title}`, body: title,
      link: `/budget/${c.review_id}`, dedupeKey: `budget:remind:${c.id}:${today}:staff`,
    });
  }
  await trx.updateTable('budget_comment').set({ reminded_on: today }).where('id', '=', c.id).execute();
  await recordAudit({ trx, actor: SYSTEM_ACTOR, ip: null }, {
    action: 'budget_comment.remind', entityType: 'budget_comment', entityId: c.id, after: { day: today, overdue },
  });
  const next = addDays(today > p.day ? today : p.day, 1);
  await setTimer(trx, { kind: BUDGET_REMIND, key: `budget:comment:${c.id}:${next}`, at: morningOf(next), payload: { commentId: c.id, day: next } });
}, { payload: z.object({ commentId: z.number(), day: z.string() }) });
