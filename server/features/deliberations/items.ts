/**
 * The action plan (行动方案) of a held deliberation day: items assigned to a responsible unit,
 * signed for, answered, reviewed by the street's congress office, urged, reminded by timers and
 * reopened on a constituent's unsatisfied feedback. Every step runs through the workflow kit's
 * transition (lock, rule table, facts, timeline, follow-ups, audit) in one transaction.
 */
import type { Transaction, Updateable } from 'kysely';
import { z } from 'zod';
import { SYSTEM_ACTOR, type AnyActor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { DeliberationItemState, DeliberationItemTable } from '../../platform/db/schemaDeliberations.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { jobKind } from '../../platform/feature.js';
import { notify } from '../../platform/notify/notify.js';
import { cancelTimers, morningOf, nextOverdueDay, planDeadlineReminders, setTimer } from '../../platform/workflow/timers.js';
import { transition } from '../../platform/workflow/transition.js';
import { anyOf, clerksOf, staffOf } from '../../platform/notify/audience.js';
import { loadCalendar } from '../calendar/index.js';
import { itemVisible } from './access.js';
import { ITEM_RULES, ITEM_WORKFLOW, type ItemAction, type ItemActor } from './workflow.js';
import { requiredText, text, workingDays } from './fields.js';

type Ctx = WriteContext<AnyActor>;

export const ITEM_REMIND = 'deliberation.item_remind';
const timerPrefix = (itemId: number) => `deliberation:item:${itemId}:`;

interface ItemRow {
  id: number; state: DeliberationItemState; day_id: number; unit_id: number; title: string; working_days: number;
  due_on: string | null; region_code: string; region_path: string; held_on: string; reopen_count: number;
}


async function lockItem(trx: Transaction<DB>, actor: AnyActor, id: number): Promise<ItemRow | undefined> {
  return trx.selectFrom('deliberation_item as i').innerJoin('deliberation_day as d', 'd.id', 'i.day_id')
    .select(['i.id', 'i.state', 'i.day_id', 'i.unit_id', 'i.title', 'i.working_days', 'i.due_on', 'i.reopen_count', 'd.region_code', 'd.region_path', 'd.held_on'])
    .where('i.id', '=', id).where(itemVisible(actor, ref('i.unit_id'), ref('d.region_path')))
    .forUpdate('i').executeTakeFirst();
}

function actorOf(actor: AnyActor, row: ItemRow, system: boolean): ItemActor | null {
  if (system) return 'system';
  if (actor.kind !== 'account') return null;
  if (actor.role === 'unit') return actor.unitId === row.unit_id ? 'unit' : null;
  if (actor.role === 'staff' || actor.role === 'admin') return 'staff';
  return null;
}

/** The actions the reader may take on an item now (what the UI offers; the server checks again). */
export function itemActions(actor: AnyActor, row: { state: DeliberationItemState; unit_id: number }, canManage: boolean): ItemAction[] {
  if (actor.kind !== 'account') return [];
  const part: ItemActor | null = actor.role === 'unit' ? (actor.unitId === row.unit_id ? 'unit' : null) : canManage ? 'staff' : null;
  if (!part) return [];
  return ITEM_WORKFLOW.allowed(row.state, part).filter((a) => a !== 'assign' && a !== 'remind');
}

/** Sets the reminders of a signed item's due day: the working day before, the day itself, then overdue. */
async function scheduleReminders(trx: Transaction<DB>, itemId: number, dueOn: string, now: Date) {
  const cal = await loadCalendar(trx);
  const plan = planDeadlineReminders(cal, dueOn, now, [{ kind: 'before', offset: -1 }, { kind: 'due', offset: 0 }], 'overdue');
  for (const r of plan) {
    await setTimer(trx, { kind: ITEM_REMIND, key: `${timerPrefix(itemId)}${dueOn}:${r.kind}:${r.day}`, at: morningOf(r.day), payload: { itemId, dueOn, kind: r.kind, day: r.day } });
  }
}

interface ItemEffect { dueOn?: string; state?: DeliberationItemState }

export interface TakeItemInput { action: ItemAction; comment?: string | null | undefined; feedbackId?: number }

/** One action on an item, in the caller's transaction. */
export async function takeItemAction(ctx: Ctx, id: number, input: TakeItemInput, opts: { system?: boolean; now?: Date } = {}) {
  const now = opts.now ?? clockNow();
  const actorName = ctx.actor.displayName;
  return transition<ItemRow, DeliberationItemState, ItemAction, ItemActor, ItemEffect>(ctx, {
    workflow: ITEM_WORKFLOW, action: input.action, comment: input.comment,
    lock: () => lockItem(ctx.trx, opts.system ? SYSTEM_ACTOR : ctx.actor, id),
    actorOf: (row) => actorOf(ctx.actor, row, opts.system ?? false),
    notFound: () => new AppError('NOT_FOUND'),
    refused: (reason) => (reason === 'COMMENT' ? new AppError('DELIBERATION_COMMENT_REQUIRED') : reason === 'ROLE' ? new AppError('FORBIDDEN') : new AppError('DELIBERATION_ITEM_ACTION_INVALID')),
    async effect(t): Promise<ItemEffect> {
      if (t.action === 'sign' || t.action === 'send_back' || t.action === 'reopen') {
        const cal = await loadCalendar(ctx.trx);
        return { dueOn: cal.addWorkingDays(shanghaiDate(now), t.row.working_days) };
      }
      return {};
    },
    async apply(t) {
      const e = t.effect;
      const set: Updateable<DeliberationItemTable> = { state: t.to, updated_at: now };
      if (e.dueOn) set.due_on = e.dueOn;
      if (t.action === 'answer') Object.assign(set, { answer: t.comment, answered_at: now });
      if (t.action === 'approve') set.approved_at = now;
      if (t.action === 'reopen') Object.assign(set, { approved_at: null, reopen_count: t.row.reopen_count + 1 });
      await ctx.trx.updateTable('deliberation_item').set(set).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', t.row.id).execute();
    },
    async event(t) {
      await ctx.trx.insertInto('deliberation_item_event').values({
        item_id: t.row.id, at: now, action: t.action, from_state: t.from, to_state: t.to,
        actor_account_id: ctx.actor.accountId || null, actor_name: opts.system ? '系统' : actorName, comment: t.comment,
        data: JSON.stringify({ ...t.effect, ...(input.feedbackId ? { feedbackId: input.feedbackId } : {}) }),
      }).execute();
    },
    async followUps(t) {
      const e = t.effect;
      if (t.to !== t.from || e.dueOn) await cancelTimers(ctx.trx, timerPrefix(t.row.id));
      if (e.dueOn) await scheduleReminders(ctx.trx, t.row.id, e.dueOn, now);
      const link = `/deliberations/items/${t.row.id}`;
      const label = ITEM_RULES[t.action].label.zh;
      if (t.action === 'answer') {
        await notify(ctx.trx, { accountIds: staffOf(ctx.trx, t.row.region_code), kind: 'deliberation.answer', title: `议事行动方案事项已办复,待审核:${t.row.title}`, body: t.comment ?? '', link });
      } else if (t.action === 'urge' || t.action === 'send_back' || t.action === 'reopen') {
        await notify(ctx.trx, { accountIds: clerksOf(ctx.trx, [t.row.unit_id]), kind: `deliberation.${t.action}`, title: `${label}:${t.row.title}`, body: t.comment ?? '', link });
      } else if (t.action === 'approve') {
        await notify(ctx.trx, { accountIds: clerksOf(ctx.trx, [t.row.unit_id]), kind: 'deliberation.approve', title: `答复已审核通过:${t.row.title}`, body: '', link });
      }
    },
    audit: (t) => ({
      action: `deliberation_item.${t.action}`, entityType: 'deliberation_item', entityId: t.row.id,
      before: { state: t.from, dueOn: t.row.due_on }, after: { state: t.to, comment: t.comment, ...t.effect },
    }),
  });
}

export const NewItem = z.object({
  topicId: z.number().int().positive().nullable().default(null),
  title: requiredText(200),
  body: text(5000).default(''),
  unitId: z.number().int().positive(),
  workingDays: workingDays.optional(),
});
export type NewItemInput = z.infer<typeof NewItem>;

/** Adds an item to a held day's action plan (交办): the unit's clerks are told; the item waits for their signature. */
export async function addItem(ctx: WriteContext, day: { id: number; region_code: string; held_on: string }, input: NewItemInput, defaultDays: number): Promise<number> {
  const now = clockNow();
  const unit = await ctx.trx.selectFrom('unit').select(['id', 'name']).where('id', '=', input.unitId).where('active', '=', true).executeTakeFirst();
  if (!unit) throw invalidFields([{ path: 'unitId', code: 'UNKNOWN_REFERENCE' }]);
  if (input.topicId !== null) {
    const topic = await ctx.trx.selectFrom('deliberation_topic').select('id').where('id', '=', input.topicId).where('day_id', '=', day.id).executeTakeFirst();
    if (!topic) throw invalidFields([{ path: 'topicId', code: 'UNKNOWN_REFERENCE' }]);
  }
  const workingDays = input.workingDays ?? defaultDays;
  const row = await ctx.trx.insertInto('deliberation_item').values({
    day_id: day.id, topic_id: input.topicId, title: input.title, body: input.body, unit_id: unit.id, state: 'assigned', working_days: workingDays, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.trx.insertInto('deliberation_item_event').values({
    item_id: row.id, at: now, action: 'assign', from_state: null, to_state: 'assigned', actor_account_id: ctx.actor.accountId || null, actor_name: ctx.actor.displayName,
    comment: null, data: JSON.stringify({ unitId: unit.id, unitName: unit.name, workingDays }),
  }).execute();
  // The unit has until the working day after the sign-for limit (3 working days) before the first reminder.
  const cal = await loadCalendar(ctx.trx);
  const signBy = cal.addWorkingDays(shanghaiDate(now), 3);
  await setTimer(ctx.trx, { kind: ITEM_REMIND, key: `${timerPrefix(row.id)}sign:${signBy}`, at: morningOf(signBy), payload: { itemId: row.id, dueOn: null, kind: 'sign', day: signBy } });
  await notify(ctx.trx, {
    accountIds: clerksOf(ctx.trx, [unit.id]), kind: 'deliberation.assign', title: `议事行动方案交办:${input.title}`,
    body: `${day.held_on} 议事日议定事项,请签收并在 ${workingDays} 个工作日内办复`, link: `/deliberations/items/${row.id}`,
  });
  await recordAudit(ctx, { action: 'deliberation_item.assign', entityType: 'deliberation_item', entityId: row.id, after: { dayId: day.id, ...input, workingDays } });
  return row.id;
}

interface RemindPayload { itemId: number; dueOn: string | null; kind: string; day: string }

/**
 * A reminder timer: the item is still waiting (not signed for by the sign-for day, or not
 * answered by its due day) → a `remind` on its timeline and a notice to the unit's clerks (and,
 * once overdue, the office); overdue ones repeat each working day. A stale timer does nothing.
 */
export const itemRemindJob = jobKind<RemindPayload>(ITEM_REMIND, async ({ trx, payload: p, now }) => {
  const item = await trx.selectFrom('deliberation_item as i').innerJoin('deliberation_day as d', 'd.id', 'i.day_id')
    .select(['i.id', 'i.state', 'i.due_on', 'i.title', 'i.unit_id', 'd.region_code']).where('i.id', '=', p.itemId).executeTakeFirst();
  if (!item) return;
  const waiting = p.kind === 'sign' ? item.state === 'assigned' : item.state === 'signed' && item.due_on === p.dueOn;
  if (!waiting) return;
  const overdue = p.kind === 'overdue';
  const title = p.kind === 'sign' ? `议事行动方案事项尚未签收:${item.title}` : overdue ? `议事行动方案事项已超期:${item.title}` : `议事行动方案事项将于 ${item.due_on} 到期:${item.title}`;
  await takeItemAction({ trx, actor: SYSTEM_ACTOR, ip: null }, item.id, { action: 'remind', comment: title }, { system: true, now });
  const accounts = anyOf(clerksOf(trx, [item.unit_id]), (overdue || p.kind === 'sign') && staffOf(trx, item.region_code));
  await notify(trx, { accountIds: accounts, kind: 'deliberation.remind', title, body: '', link: `/deliberations/items/${item.id}`, dedupeKey: `deliberation:item:${item.id}:${p.dueOn ?? 'sign'}:${p.kind}:${p.day}` });
  if (overdue && p.dueOn) {
    const cal = await loadCalendar(trx);
    const next = nextOverdueDay(cal, p.dueOn, p.day);
    await setTimer(trx, { kind: ITEM_REMIND, key: `${timerPrefix(item.id)}${p.dueOn}:overdue:${next}`, at: morningOf(next), payload: { ...p, day: next } });
  }
}, { payload: z.object({ itemId: z.number(), dueOn: z.string().nullable(), kind: z.string(), day: z.string() }) });
