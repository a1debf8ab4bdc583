/**
 * The delivery actions on an adopted project (民生实事项目实施), each run by the project action
 * runner (projectActions.ts) through the rule table: its own checks and the facts it writes.
 *
 * - start (开始实施): the delivery row with its start day, and the milestones planned;
 * - record_milestone: a milestone planned (with its slip reminder) or one done;
 * - record_spending (资金执行), add_photo (进度照片);
 * - complete (验收): every milestone done, the acceptance day, whom it serves; the cases it
 *   answers get the note project_completed with a link to its public page;
 * - evaluate / open_rectification (测评达标 / 整改), taken when a round's evaluation closes
 *   (evaluation.ts) or by staff; close_rectification (整改销号): the project closes when its
 *   last item does;
 * - remind: a slipped milestone, by the timer (deliveryReminders.ts).
 */
import type { AnyActor } from '../../platform/access/actor.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError, invalidFields, type FieldMessageCode } from '../../platform/errors.js';
import { storeFile, type StoredFile } from '../../platform/files/index.js';
import { cancelTimers } from '../../platform/workflow/timers.js';
import { noteOnCase, photoProblems } from '../cases/index.js';
import { DeliveryFields, type DeliveryAction } from './deliveryBody.js';
import type { CheckedProjectAction, ProjectEffect, ProjectHandler } from './projectActions.js';
import { milestoneTimerPrefix, projectTimerPrefix, scheduleSlipReminder } from './deliveryTimers.js';

/** How long a rectification item has by default. */
export const RECTIFICATION_MONTHS = 3;

type Ctx = WriteContext<AnyActor>;
type Handler = (ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date) => Promise<ProjectEffect>;

const required = (path: string) => invalidFields([{ path, code: 'REQUIRED' }]);
const notAfterToday = (path: string, day: string, now: Date) => {
  if (day > shanghaiDate(now)) throw invalidFields([{ path, code: 'DATE_IN_FUTURE' }]);
};

/** Adds a planned milestone and its slip reminder. */
async function planMilestone(ctx: Ctx, projectId: number, m: { title: string; plannedOn: string }, now: Date) {
  const row = await ctx.trx.insertInto('livelihood_milestone').values({
    project_id: projectId, title: m.title, planned_on: m.plannedOn, created_at: now, created_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  const id = Number(row.id);
  await scheduleSlipReminder(ctx.trx, { projectId, milestoneId: id, plannedOn: m.plannedOn }, now);
  return id;
}

async function start(ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date): Promise<ProjectEffect> {
  const startedOn = body.startedOn ?? shanghaiDate(now);
  notAfterToday('startedOn', startedOn, now);
  return {
    public: true,
    data: { startedOn, milestones: body.milestones ?? [] },
    after: async () => {
      await ctx.trx.insertInto('livelihood_delivery').values({ project_id: t.row.id, started_on: startedOn })
        .onConflict((oc) => oc.column('project_id').doUpdateSet({ started_on: startedOn })).execute();
      for (const m of body.milestones ?? []) await planMilestone(ctx, t.row.id, m, now);
    },
  };
}

async function recordMilestone(ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date): Promise<ProjectEffect> {
  if (body.milestone) {
    const m = body.milestone;
    return { data: { planned: m }, after: async () => { await planMilestone(ctx, t.row.id, m, now); } };
  }
  if (body.milestoneId === undefined) throw required('milestoneId');
  const doneOn = body.doneOn ?? shanghaiDate(now);
  notAfterToday('doneOn', doneOn, now);
  const m = await ctx.trx.selectFrom('livelihood_milestone').select(['id', 'title', 'planned_on']).where('id', '=', body.milestoneId)
    .where('project_id', '=', t.row.id).where('done_on', 'is', null).forUpdate().executeTakeFirst();
  if (!m) throw new AppError('LIVELIHOOD_MILESTONE_UNKNOWN');
  await ctx.trx.updateTable('livelihood_milestone')
    .set({ done_on: doneOn, note: t.comment ?? '', done_at: now, done_by_account_id: ctx.actor.accountId || null })
    .where('id', '=', m.id).execute();
  await cancelTimers(ctx.trx, milestoneTimerPrefix(t.row.id, m.id));
  return { public: true, data: { milestoneId: m.id, title: m.title, plannedOn: m.planned_on, doneOn, late: doneOn > m.planned_on } };
}

async function recordSpending(ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date): Promise<ProjectEffect> {
  const s = body.spending;
  if (!s) throw required('spending');
  notAfterToday('spending.spentOn', s.spentOn, now);
  await ctx.trx.insertInto('livelihood_spending').values({
    project_id: t.row.id, spent_on: s.spentOn, amount_yuan: s.amountYuan, note: t.comment ?? '', created_at: now, created_by_account_id: ctx.actor.accountId || null,
  }).execute();
  return { public: true, data: { spentOn: s.spentOn, amountYuan: s.amountYuan } };
}

/**
 * The add_photo action's photos checked and cleaned, or refused with every photo's problem;
 * undefined when there are none (the action refuses that). Called before the transaction, so
 * that no connection is held while libvips works.
 */
export async function checkDeliveryPhotos(photos: DeliveryFields['photos']): Promise<{ mime: string; bytes: Uint8Array }[] | undefined> {
  if (!photos?.length) return undefined;
  const problems: { path: string; code: FieldMessageCode }[] = [];
  const checked = await photoProblems(photos.map((p) => ({ bytes: new Uint8Array(Buffer.from(p.data, 'base64')) })), problems);
  if (problems.length) throw invalidFields(problems);
  return checked;
}

/** The add_photo handler for photos checked by `checkDeliveryPhotos`. */
export function addPhotoWith(checked: { mime: string; bytes: Uint8Array }[] | undefined): ProjectHandler {
  return (ctx, t, body, now) => addPhoto(ctx, t, DeliveryFields.parse(body), now, checked);
}

async function addPhoto(ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date, checked?: { mime: string; bytes: Uint8Array }[]): Promise<ProjectEffect> {
  const photos = body.photos;
  if (!photos?.length) throw required('photos');
  if (!checked || checked.length !== photos.length) throw new Error('The photos were not checked before the transaction');
  if (body.milestoneId !== undefined) {
    const m = await ctx.trx.selectFrom('livelihood_milestone').select('id').where('id', '=', body.milestoneId).where('project_id', '=', t.row.id).executeTakeFirst();
    if (!m) throw new AppError('LIVELIHOOD_MILESTONE_UNKNOWN');
  }
  const decoded = photos;
  const stored: StoredFile[] = [];
  for (const p of checked) stored.push(await storeFile(p.bytes, p.mime));
  const rows = await ctx.trx.insertInto('livelihood_photo').values(decoded.map((p, i) => ({
    project_id: t.row.id, milestone_id: body.milestoneId ?? null, name: p.name, caption: p.caption, mime: checked[i]!.mime, size: stored[i]!.size,
    sha256: stored[i]!.sha256, public: p.public, created_at: now, created_by_account_id: ctx.actor.accountId || null,
  }))).returning('id').execute();
  return { data: { photoIds: rows.map((r) => Number(r.id)), names: photos.map((p) => p.name) } };
}

async function complete(ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date): Promise<ProjectEffect> {
  const a = body.acceptance;
  if (!a) throw required('acceptance');
  notAfterToday('acceptance.acceptedOn', a.acceptedOn, now);
  const delivery = await ctx.trx.selectFrom('livelihood_delivery').select('started_on').where('project_id', '=', t.row.id).executeTakeFirst();
  if (delivery && a.acceptedOn < delivery.started_on) throw invalidFields([{ path: 'acceptance.acceptedOn', code: 'DATE_INVALID' }]);
  const open = await ctx.trx.selectFrom('livelihood_milestone').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', t.row.id).where('done_on', 'is', null).executeTakeFirstOrThrow();
  if (Number(open.n) > 0) throw new AppError('LIVELIHOOD_MILESTONES_OPEN', { open: Number(open.n) });
  return {
    public: true,
    data: { acceptedOn: a.acceptedOn, beneficiaries: a.beneficiaries },
    after: async () => {
      await ctx.trx.updateTable('livelihood_delivery')
        .set({ accepted_on: a.acceptedOn, acceptance_note: t.comment, beneficiaries: a.beneficiaries })
        .where('project_id', '=', t.row.id).execute();
      await cancelTimers(ctx.trx, projectTimerPrefix(t.row.id));
      const cases = await ctx.trx.selectFrom('livelihood_project_source').select('opinion_id')
        .where('project_id', '=', t.row.id).where('opinion_id', 'is not', null).execute();
      for (const c of cases) {
        await noteOnCase(ctx.trx, c.opinion_id!, 'project_completed', `《${t.row.title}》${a.acceptedOn} 通过验收`, { link: `/projects/${t.row.id}` }, now);
      }
    },
  };
}

/** Records the evaluation's figures on the delivery row (evaluate, open_rectification). */
async function storeOutcome(ctx: Ctx, projectId: number, now: Date) {
  const r = await ctx.trx.selectFrom('livelihood_rating').select((eb) => [
    eb.fn.countAll<number>().as('n'),
    eb.fn.countAll<number>().filterWhere('rating', 'in', ['satisfied', 'basically_satisfied']).as('ok'),
  ]).where('project_id', '=', projectId).executeTakeFirstOrThrow();
  await ctx.trx.updateTable('livelihood_delivery').set({ rating_count: Number(r.n), satisfied_count: Number(r.ok), evaluated_at: now })
    .where('project_id', '=', projectId).execute();
  return { ratingCount: Number(r.n), satisfiedCount: Number(r.ok) };
}

async function evaluate(ctx: Ctx, t: CheckedProjectAction, _body: DeliveryFields, now: Date): Promise<ProjectEffect> {
  const figures = await storeOutcome(ctx, t.row.id, now);
  return { public: true, data: figures };
}

async function openRectification(ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date): Promise<ProjectEffect> {
  const dueOn = body.dueOn ?? addDays(shanghaiDate(now), RECTIFICATION_MONTHS * 30);
  if (dueOn < shanghaiDate(now)) throw invalidFields([{ path: 'dueOn', code: 'DATE_INVALID' }]);
  const figures = await storeOutcome(ctx, t.row.id, now);
  const item = await ctx.trx.insertInto('livelihood_rectification').values({
    project_id: t.row.id, body: t.comment!, due_on: dueOn, opened_at: now, opened_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  return { public: true, data: { ...figures, rectificationId: Number(item.id), dueOn } };
}

async function closeRectification(ctx: Ctx, t: CheckedProjectAction, body: DeliveryFields, now: Date): Promise<ProjectEffect> {
  if (body.rectificationId === undefined) throw required('rectificationId');
  if (!t.comment) throw required('comment');
  const item = await ctx.trx.selectFrom('livelihood_rectification').select('id').where('id', '=', body.rectificationId)
    .where('project_id', '=', t.row.id).where('closed_at', 'is', null).forUpdate().executeTakeFirst();
  if (!item) throw new AppError('LIVELIHOOD_RECTIFICATION_UNKNOWN');
  await ctx.trx.updateTable('livelihood_rectification')
    .set({ closed_at: now, closed_by_account_id: ctx.actor.accountId || null, closing_note: t.comment }).where('id', '=', item.id).execute();
  const left = await ctx.trx.selectFrom('livelihood_rectification').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', t.row.id).where('closed_at', 'is', null).executeTakeFirstOrThrow();
  const open = Number(left.n);
  return { public: true, data: { rectificationId: item.id, open }, ...(open > 0 ? { state: t.from } : {}) };
}

async function remind(_ctx: Ctx, _t: CheckedProjectAction, _body: DeliveryFields, _now: Date): Promise<ProjectEffect> {
  return {};
}

const HANDLERS: Record<DeliveryAction, Handler> = {
  start, record_milestone: recordMilestone, record_spending: recordSpending, add_photo: (ctx, t, body, now) => addPhoto(ctx, t, body, now), complete,
  evaluate, open_rectification: openRectification, close_rectification: closeRectification, remind,
};

/** The delivery actions' handlers, for the project action runner: each reads its own fields of the body. */
export const DELIVERY_HANDLERS: Record<DeliveryAction, ProjectHandler> = Object.fromEntries(Object.entries(HANDLERS).map(([action, handler]) => [
  action, (ctx: Ctx, t: CheckedProjectAction, body: unknown, now: Date) => handler(ctx, t, DeliveryFields.parse(body), now),
])) as Record<DeliveryAction, ProjectHandler>;
