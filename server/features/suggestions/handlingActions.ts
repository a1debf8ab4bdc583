/**
 * The handlers of assignment, handling and supervision (交办、申请调整、会办意见、沟通、督办);
 * those of the answer, the rating and the follow-up (答复、评价、跟踪) are in evaluationActions.ts.
 * The rule table (workflow.ts) has already checked the state and the actor's part; a handler
 * checks its own fields and facts and says what to write.
 */
import type { WriteContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, within } from '../../platform/access/scope.js';
import { isValidDate, shanghaiDate, type WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { loadCalendar } from '../calendar/index.js';
import type { ActionHandler, SuggestionRow } from './act.js';
import type { ActionBody } from './actionBody.js';
import { handlingClock, type HandlingClock } from './clock.js';
import { EVALUATION_HANDLERS } from './evaluationActions.js';
import { fileFacts, insertActionFiles } from './files.js';
import { tellAbout, unitsOf } from './handlingNotices.js';
import { cancelHandlingReminders, scheduleCoViewReminder, scheduleDeadlineReminders } from './reminders.js';
import { settingsFor } from './settings.js';
import type { SuggestionAction } from './workflow.js';

const required = (path: string) => invalidFields([{ path, code: 'REQUIRED' }]);

interface Assignment { lead: { unitId: number; part: string }; co: { unitId: number; part: string }[] }

/**
 * The lead unit and the co-units of an assignment: active units in the congress's region
 * (UNKNOWN_REFERENCE otherwise); the lead named as a co-unit too, or a co-unit named twice, is refused.
 */
async function assignmentOf(ctx: WriteContext<Actor>, s: SuggestionRow, body: ActionBody): Promise<Assignment> {
  if (!body.leadUnit) throw required('leadUnit');
  const lead = body.leadUnit;
  const coUnits = body.coUnits ?? [];
  const clash = coUnits.findIndex((u) => u.unitId === lead.unitId);
  if (clash >= 0) throw invalidFields([{ path: `coUnits.${clash}.unitId`, code: 'LEAD_ALSO_CO_UNIT' }]);
  const repeated = coUnits.findIndex((u, i) => coUnits.findIndex((v) => v.unitId === u.unitId) !== i);
  if (repeated >= 0) throw invalidFields([{ path: `coUnits.${repeated}.unitId`, code: 'DUPLICATE_VALUES' }]);
  const co = coUnits;
  const ids = [lead.unitId, ...co.map((u) => u.unitId)];
  const found = new Set((await ctx.trx.selectFrom('unit as u').select('u.id').where('u.id', 'in', ids).where('u.active', '=', true)
    .where(within(ref('u.region_path'), s.congress_region_path)).execute()).map((u) => u.id));
  const missing = [{ id: lead.unitId, path: 'leadUnit.unitId' }, ...(body.coUnits ?? []).map((u, i) => ({ id: u.unitId, path: `coUnits.${i}.unitId` }))]
    .filter((u) => !found.has(u.id));
  if (missing.length) throw invalidFields(missing.map((m) => ({ path: m.path, code: 'UNKNOWN_REFERENCE' })));
  return { lead, co };
}

/** The clock columns of an assignment made today. */
async function clockOf(ctx: WriteContext<Actor>, s: SuggestionRow, complex: boolean, now: Date): Promise<{ clock: HandlingClock; calendar: WorkingCalendar }> {
  const [calendar, settings] = await Promise.all([loadCalendar(ctx.trx), settingsFor(ctx.trx, s.congress_level, s.congress_region_code)]);
  return { clock: handlingClock(calendar, shanghaiDate(now), settings, complex), calendar };
}

/**
 * Writes the units of an assignment (replacing any before) and starts their reminders. A co-unit
 * that stays a co-unit after a reassignment keeps the view it already sent.
 */
async function startHandling(ctx: WriteContext<Actor>, s: SuggestionRow, a: Assignment, clock: HandlingClock, calendar: WorkingCalendar, now: Date) {
  const views = new Map((await ctx.trx.selectFrom('suggestion_unit').select(['unit_id', 'view', 'view_at'])
    .where('suggestion_id', '=', s.id).where('role', '=', 'co').where('view', 'is not', null).execute()).map((v) => [v.unit_id, v]));
  await ctx.trx.deleteFrom('suggestion_unit').where('suggestion_id', '=', s.id).execute();
  await ctx.trx.insertInto('suggestion_unit').values([
    { suggestion_id: s.id, unit_id: a.lead.unitId, role: 'lead', part: a.lead.part },
    ...a.co.map((u) => ({
      suggestion_id: s.id, unit_id: u.unitId, role: 'co' as const, part: u.part,
      view: views.get(u.unitId)?.view ?? null, view_at: views.get(u.unitId)?.view_at ?? null,
    })),
  ]).execute();
  await cancelHandlingReminders(ctx.trx, s.id);
  await scheduleDeadlineReminders(ctx.trx, calendar, s.id, clock.deadlineDate, now);
  if (a.co.length) await scheduleCoViewReminder(ctx.trx, calendar, s.id, clock.coViewDue, now);
}

function clockColumns(clock: HandlingClock, complex: boolean, now: Date) {
  return {
    assigned_at: now, assigned_on: clock.assignedOn, complex, deadline_date: clock.deadlineDate,
    reassign_until: clock.reassignUntil, co_view_due: clock.coViewDue,
  };
}

function assignmentFacts(a: Assignment, clock: HandlingClock, complex: boolean) {
  return {
    leadUnitId: a.lead.unitId, coUnitIds: a.co.map((u) => u.unitId), complex,
    deadlineDate: clock.deadlineDate, reassignUntil: clock.reassignUntil, coViewDue: clock.coViewDue,
  };
}

const except = (ctx: WriteContext<Actor>) => ctx.actor.accountId || null;

/** 交办: a lead unit and co-units, the clock from today (6 months when complex). */
const assign: ActionHandler = async (ctx, { row: s }, body, now) => {
  const a = await assignmentOf(ctx, s, body);
  const complex = body.complex ?? false;
  const { clock, calendar } = await clockOf(ctx, s, complex, now);
  return {
    set: clockColumns(clock, complex, now),
    data: assignmentFacts(a, clock, complex),
    after: async () => {
      await startHandling(ctx, s, a, clock, calendar, now);
      await tellAbout(ctx.trx, s, 'assign', `新交办的代表建议,请于 ${clock.deadlineDate} 前答复`, { unitIds: [a.lead.unitId, ...a.co.map((u) => u.unitId)] }, { except: except(ctx) });
    },
  };
};

/** 申请调整: a unit asks for a different assignment, within the window after assignment. */
const requestReassignment: ActionHandler = async (ctx, { row: s, comment }, _body, now) => {
  const today = shanghaiDate(now);
  if (!s.reassign_until || today > s.reassign_until) throw new AppError('REASSIGN_WINDOW_PASSED', { until: s.reassign_until ?? '' });
  const unitId = ctx.actor.unitId!;
  return {
    data: { unitId },
    after: async () => {
      await ctx.trx.insertInto('suggestion_reassignment').values({ suggestion_id: s.id, unit_id: unitId, reason: comment!, requested_at: now }).execute();
      await tellAbout(ctx.trx, s, 'request_reassignment', '承办单位申请调整交办,请审定', { staff: true }, { except: except(ctx) });
    },
  };
};

/** The request the staff decide on: the latest one undecided. */
async function pendingRequest(ctx: WriteContext<Actor>, id: number) {
  return ctx.trx.selectFrom('suggestion_reassignment').select(['id', 'unit_id']).where('suggestion_id', '=', id)
    .where('decision', 'is', null).orderBy('id', 'desc').executeTakeFirst();
}

/** 同意调整: new units, and the clock starts again from today. */
const grantReassignment: ActionHandler = async (ctx, { row: s, comment }, body, now) => {
  const a = await assignmentOf(ctx, s, body);
  const complex = body.complex ?? s.complex;
  const { clock, calendar } = await clockOf(ctx, s, complex, now);
  const request = await pendingRequest(ctx, s.id);
  const before = await unitsOf(ctx.trx, s.id);
  return {
    set: clockColumns(clock, complex, now),
    data: { ...assignmentFacts(a, clock, complex), requestId: request?.id ?? null, previousUnitIds: before },
    after: async () => {
      if (request) {
        await ctx.trx.updateTable('suggestion_reassignment').set({ decision: 'granted', decided_at: now, decided_by_account_id: except(ctx), decision_comment: comment })
          .where('id', '=', request.id).execute();
      }
      await startHandling(ctx, s, a, clock, calendar, now);
      const units = [a.lead.unitId, ...a.co.map((u) => u.unitId)];
      await tellAbout(ctx.trx, s, 'grant_reassignment', `代表建议已调整交办,请于 ${clock.deadlineDate} 前答复`, { unitIds: units }, { except: except(ctx) });
      const dropped = before.filter((u) => !units.includes(u));
      if (dropped.length) await tellAbout(ctx.trx, s, 'grant_reassignment', '代表建议已调整交办给其他单位', { unitIds: dropped }, { except: except(ctx) });
    },
  };
};

/** 不同意调整: everything stays, the clock runs on. */
const refuseReassignment: ActionHandler = async (ctx, { row: s, comment }, _body, now) => {
  const request = await pendingRequest(ctx, s.id);
  return {
    data: { requestId: request?.id ?? null },
    after: async () => {
      if (!request) return;
      await ctx.trx.updateTable('suggestion_reassignment').set({ decision: 'refused', decided_at: now, decided_by_account_id: except(ctx), decision_comment: comment })
        .where('id', '=', request.id).execute();
      await tellAbout(ctx.trx, s, 'refuse_reassignment', '调整交办申请未获同意,请继续办理', { unitIds: [request.unit_id] }, { except: except(ctx) });
    },
  };
};

/** 会办意见: a co-unit's view for the lead unit (a later one replaces it), with files. */
const sendView: ActionHandler = async (ctx, { row: s, comment }, body, now, files) => {
  const unitId = ctx.actor.unitId!;
  return {
    data: { unitId, late: s.co_view_due !== null && shanghaiDate(now) > s.co_view_due, ...(files.length ? { files: fileFacts(files) } : {}) },
    after: async (eventId) => {
      await ctx.trx.updateTable('suggestion_unit').set({ view: comment, view_at: now }).where('suggestion_id', '=', s.id).where('unit_id', '=', unitId).execute();
      await insertActionFiles(ctx, s.id, eventId, 'co_view', files, now);
      await tellAbout(ctx.trx, s, 'send_view', '会办单位已提交会办意见', { unitIds: await unitsOf(ctx.trx, s.id, 'lead') }, { except: except(ctx) });
    },
  };
};

/** 办前/办中/办后沟通: the lead unit's contact with the deputy; the comment is the note. */
const recordContact: ActionHandler = async (ctx, { row: s, comment }, body, now) => {
  const c = body.contact;
  if (!c) throw required('contact');
  if (!isValidDate(c.on)) throw invalidFields([{ path: 'contact.on', code: 'DATE_INVALID' }]);
  if (c.on > shanghaiDate(now)) throw invalidFields([{ path: 'contact.on', code: 'DATE_IN_FUTURE' }]);
  const unitId = ctx.actor.unitId!;
  return {
    data: { unitId, stage: c.stage, mode: c.mode, on: c.on },
    after: async () => {
      await ctx.trx.insertInto('suggestion_contact').values({
        suggestion_id: s.id, unit_id: unitId, stage: c.stage, mode: c.mode, contacted_on: c.on, note: comment!,
        recorded_by_account_id: except(ctx), recorded_at: now,
      }).execute();
    },
  };
};

/** 催办: the units are urged. */
const urge: ActionHandler = async (ctx, { row: s }) => ({
  set: { urge_count: s.urge_count + 1 },
  data: { urgeCount: s.urge_count + 1 },
  after: async () => { await tellAbout(ctx.trx, s, 'urge', '催办通知:请加快办理代表建议', { unitIds: await unitsOf(ctx.trx, s.id) }, { except: except(ctx) }); },
});

/** 重点督办: the leading official and the plan (flagging again changes them). */
const flagKey: ActionHandler = async (ctx, { row: s }, body) => {
  if (!body.keyLeader) throw required('keyLeader');
  if (!body.keyPlan) throw required('keyPlan');
  return {
    set: { key_supervision: true, key_leader: body.keyLeader, key_plan: body.keyPlan },
    data: { keyLeader: body.keyLeader, keyPlan: body.keyPlan, changed: s.key_supervision },
    after: async () => {
      await tellAbout(ctx.trx, s, 'flag_key', '代表建议已列为重点督办', { unitIds: await unitsOf(ctx.trx, s.id), signers: true }, { except: except(ctx) });
    },
  };
};

const unflagKey: ActionHandler = async (_ctx, { row: s }) => {
  if (!s.key_supervision) throw new AppError('KEY_SUPERVISION_UNCHANGED', { keySupervision: false });
  return { set: { key_supervision: false, key_leader: null, key_plan: null } };
};

/** Whether the suggestion and its answer are shown on the public pages. */
const setPublication: ActionHandler = async (_ctx, _t, body) => {
  if (body.published === undefined) throw required('published');
  return { set: { published: body.published }, data: { published: body.published } };
};

/** A reminder taken by the timers; the comment says what it is about (timers.ts tells the units). */
const remind: ActionHandler = async () => ({});

export const HANDLING_HANDLERS: Partial<Record<SuggestionAction, ActionHandler>> = {
  assign,
  request_reassignment: requestReassignment,
  grant_reassignment: grantReassignment,
  refuse_reassignment: refuseReassignment,
  send_view: sendView,
  record_contact: recordContact,
  urge,
  flag_key: flagKey,
  unflag_key: unflagKey,
  set_publication: setPublication,
  remind,
  ...EVALUATION_HANDLERS,
};
