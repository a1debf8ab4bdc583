/**
 * What each workflow action writes on the case: the facts statistics are counted from
 * (on time or not, working days taken, signed late, overdue) are decided here, once, at the
 * moment of the transition — never recomputed later. Pure: the caller supplies the clock,
 * the calendar and whatever it looked up.
 */
import type { AnswerMode, Rating } from '../../../common/caseVocabulary.js';
import { afterRating, type CaseAction, type CaseState } from './workflow.js';
import { endOfShanghaiDay, shanghaiDate, type WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { pausedSoFar, resumeClock, startClock, workingDaysTaken } from '../../platform/workflow/deadlineClock.js';

/** A unit has this many working days after assignment to return a case that is not theirs. */
export const RETURN_WINDOW_WORKING_DAYS = 1;
/** …and, by default, this many to sign for it before the signature counts as late (日清日结); a category or region rule may set another sign-for limit. */
export const SIGN_WINDOW_WORKING_DAYS = 1;
/** The station transfers (assigns) a case within this many hours of accepting it (日清日结). */
export const TRANSFER_WITHIN_MS = 24 * 3_600_000;
/** A constituent may rate an answer this many calendar days after it. */
export const RATING_WINDOW_DAYS = 15;

export interface CaseFacts {
  state: CaseState;
  round: number;
  assigned_at: Date | null;
  signed_at: Date | null;
  deadline_days: number | null;
  deadline_date: string | null;
  deadline_at: Date | null;
  /** The deadline was counted over a year without an official holiday schedule (see workingDays.ts). */
  deadline_provisional: boolean;
  return_until: string | null;
  paused_at: Date | null;
  paused_working_days: number;
  extension_days: number;
  overdue_at: Date | null;
  accepted_at: Date | null;
  /** The sign-for limit's last day (set at assignment) and since when the case was unsigned past it (0016). */
  sign_due_date: string | null;
  sign_due_at: Date | null;
  sign_overdue_at: Date | null;
  /** Minutes from acceptance to the first assignment; null until the first assignment. */
  transfer_minutes: number | null;
  urge_count: number;
  escalation_count: number;
}

export type ActionInput =
  | { action: 'accept' | 'approve_reply' | 'sign' | 'auto_close' | 'flag_key' | 'unflag_key' | 'archive' | 'remind' }
  | { action: 'decline' | 'return' | 'refuse_extension' | 'reply' | 'send_back_reply' | 'urge'; comment: string }
  | { action: 'answer_on_spot'; comment: string }
  | { action: 'answer'; comment: string; mode: AnswerMode }
  | { action: 'assign'; unitId: number; coUnitIds: number[]; deadlineDays: number; /** The sign-for limit in working days (default SIGN_WINDOW_WORKING_DAYS). */ signDays?: number }
  | { action: 'request_extension'; comment: string; days: number }
  | { action: 'grant_extension'; days: number }
  | { action: 'rate'; rating: Rating; comment: string | null }
  | { action: 'escalate'; comment: string; to: { code: string; path: string } }
  | { action: 'merge'; intoId: number };

export type CaseUpdate = Record<string, unknown>;

export type EffectError = 'RETURN_WINDOW_PASSED';

export interface Effect {
  /** Columns to set on the case (besides `state`). */
  set: CaseUpdate;
  /** The state after the action, when the rule table leaves it to the effect (rating). */
  state?: CaseState;
  /** Facts recorded on the timeline event. */
  data: Record<string, unknown>;
  error?: EffectError;
}

const clearedHandling = {
  signed_at: null, signed_late: null, signed_on_time: null, sign_due_date: null, sign_due_at: null, sign_overdue_at: null, deadline_date: null, deadline_at: null, deadline_provisional: false, paused_at: null,
  replied_at: null, replied_on_time: null, handling_working_days: null, return_until: null,
};

export function caseEffect(c: CaseFacts, input: ActionInput, now: Date, cal: WorkingCalendar): Effect {
  const today = shanghaiDate(now);
  switch (input.action) {
    case 'accept':
      return { set: { accepted_at: now }, data: {} };
    case 'decline':
      return { set: { declined_at: now, closed_at: now, close_reason: 'declined' }, data: {} };
    case 'answer_on_spot':
      return {
        set: { accepted_at: c.accepted_at ?? now, answered_at: now, answer_mode: 'on_spot', answered_on_spot: true },
        data: { mode: 'on_spot' },
      };
    case 'assign': {
      const returnUntil = cal.addWorkingDays(today, RETURN_WINDOW_WORKING_DAYS);
      // The sign-for limit runs from assignment; the handling deadline is counted at signing (see 'sign').
      const signDueDate = cal.addWorkingDays(today, input.signDays ?? SIGN_WINDOW_WORKING_DAYS);
      // The station's transfer time (日清日结): acceptance to the first assignment, kept through returns and re-handling.
      const transfer = c.transfer_minutes === null && c.accepted_at
        ? { transfer_minutes: Math.max(0, Math.floor((now.getTime() - c.accepted_at.getTime()) / 60_000)), transferred_within_24h: now.getTime() - c.accepted_at.getTime() <= TRANSFER_WITHIN_MS }
        : {};
      return {
        set: {
          ...clearedHandling, assigned_at: now, assigned_unit_id: input.unitId, co_unit_ids: input.coUnitIds,
          deadline_days: input.deadlineDays, return_until: returnUntil, paused_working_days: 0, extension_days: 0, overdue_at: null,
          sign_due_date: signDueDate, sign_due_at: endOfShanghaiDay(signDueDate), ...transfer,
        },
        data: {
          unitId: input.unitId, coUnitIds: input.coUnitIds, deadlineDays: input.deadlineDays, returnUntil, signDueDate,
          ...('transfer_minutes' in transfer ? { transferMinutes: transfer.transfer_minutes, transferredWithin24h: transfer.transferred_within_24h } : {}),
        },
      };
    }
    case 'sign': {
      // The handling clock starts on the day of signing, or on the sign-for limit's last day when the unit signs
      // after it: the days signed late are taken from the handling period, not added to it.
      const signBy = c.sign_due_date ?? cal.addWorkingDays(shanghaiDate(c.assigned_at ?? now), SIGN_WINDOW_WORKING_DAYS);
      const late = today > signBy;
      const clockStartedOn = late ? signBy : today;
      const { deadline: deadlineDate, provisional } = startClock(cal, clockStartedOn, c.deadline_days ?? 3);
      return {
        set: {
          signed_at: now, signed_late: late, signed_on_time: !late, sign_overdue_at: late ? (c.sign_overdue_at ?? endOfShanghaiDay(signBy)) : null,
          deadline_date: deadlineDate, deadline_at: endOfShanghaiDay(deadlineDate), deadline_provisional: provisional,
        },
        data: { deadlineDate, signedLate: late, ...(late ? { clockStartedOn } : {}), ...(provisional ? { deadlineProvisional: true } : {}) },
      };
    }
    case 'return': {
      if (c.return_until && today > c.return_until) return { set: {}, data: {}, error: 'RETURN_WINDOW_PASSED' };
      return { set: { ...clearedHandling, assigned_unit_id: null, co_unit_ids: [] }, data: {} };
    }
    case 'request_extension':
      return { set: { paused_at: now }, data: { days: input.days } };
    case 'grant_extension':
    case 'refuse_extension': {
      // The unit's clock (started when it signed) was paused while waiting for the decision:
      // those days do not count against the unit. It resumes, extended by the days granted.
      const granted = input.action === 'grant_extension' ? input.days : 0;
      const pausedOn = c.paused_at ? shanghaiDate(c.paused_at) : null;
      const paused = pausedSoFar(cal, { pausedOn }, today);
      const resumed = c.deadline_date
        ? resumeClock(cal, { deadline: c.deadline_date, pausedOn, pausedWorkingDays: c.paused_working_days, extendedDays: c.extension_days, provisional: c.deadline_provisional }, today, granted)
        : null;
      const deadlineDate = resumed?.deadline ?? null;
      const provisional = resumed?.provisional ?? (c.deadline_provisional || (pausedOn !== null && cal.provisionalWithin(pausedOn, today)));
      return {
        set: {
          paused_at: null, paused_working_days: c.paused_working_days + paused, extension_days: c.extension_days + granted,
          deadline_date: deadlineDate, deadline_at: deadlineDate ? endOfShanghaiDay(deadlineDate) : null, deadline_provisional: provisional,
        },
        data: { pausedWorkingDays: paused, grantedDays: granted, deadlineDate, ...(provisional ? { deadlineProvisional: true } : {}) },
      };
    }
    case 'reply': {
      const onTime = c.deadline_at ? now <= c.deadline_at : true;
      const taken = c.signed_at
        ? workingDaysTaken(cal, { startedOn: handlingStartedOn(c.signed_at, c.sign_due_date), pausedOn: null, pausedWorkingDays: c.paused_working_days }, today)
        : null;
      return {
        set: {
          replied_at: now, replied_on_time: onTime, handling_working_days: taken,
          overdue_at: c.overdue_at ?? (onTime ? null : c.deadline_at),
        },
        data: { onTime, workingDays: taken },
      };
    }
    case 'approve_reply':
      return { set: {}, data: {} };
    case 'send_back_reply':
      return { set: { replied_at: null, replied_on_time: null, handling_working_days: null }, data: {} };
    case 'answer':
      return { set: { answered_at: now, answer_mode: input.mode }, data: { mode: input.mode } };
    case 'rate': {
      const next = afterRating(input.rating, c.round);
      const set: CaseUpdate = { rating: input.rating, rating_comment: input.comment, rated_at: now };
      if (next === 'rehandling') Object.assign(set, { round: c.round + 1, rehandled: true });
      else Object.assign(set, { closed_at: now, close_reason: 'rated' });
      return { set, state: next, data: { rating: input.rating, round: c.round } };
    }
    case 'auto_close':
      return { set: { closed_at: now, close_reason: 'unrated' }, data: {} };
    case 'escalate':
      return {
        set: { region_code: input.to.code, region_path: input.to.path, escalation_count: c.escalation_count + 1 },
        data: { toRegion: input.to.code },
      };
    case 'merge':
      return { set: { merged_into_id: input.intoId, closed_at: now, close_reason: 'merged' }, data: { intoId: input.intoId } };
    case 'urge':
      return { set: { urge_count: c.urge_count + 1 }, data: {} };
    case 'flag_key':
      return { set: { key_supervision: true }, data: {} };
    case 'unflag_key':
      return { set: { key_supervision: false }, data: {} };
    case 'remind': {
      if (c.state === 'assigned') {
        // Not signed for: the reminder is about the sign-for limit.
        return { set: c.sign_due_at && now > c.sign_due_at && !c.sign_overdue_at ? { sign_overdue_at: c.sign_due_at } : {}, data: { clock: 'sign' } };
      }
      return { set: c.deadline_at && now > c.deadline_at && !c.overdue_at ? { overdue_at: c.deadline_at } : {}, data: {} };
    }
    case 'archive':
      return { set: { archived_at: now }, data: {} };
  }
}

/** The day the handling clock started: the signing day, or the sign-for limit's last day when signed after it. */
export function handlingStartedOn(signedAt: Date, signDueDate: string | null): string {
  const signed = shanghaiDate(signedAt);
  return signDueDate !== null && signDueDate < signed ? signDueDate : signed;
}

/** Actions whose event the constituent sees on the tracking page (with the comment where it is an answer or a reason). */
export const PUBLIC_ACTIONS: ReadonlySet<CaseAction | 'submit'> = new Set([
  'submit', 'accept', 'decline', 'answer_on_spot', 'assign', 'sign', 'answer', 'rate', 'auto_close', 'escalate', 'merge', 'archive',
]);

/** …and those whose comment is meant for the constituent (an answer, a reason for declining). */
export const PUBLIC_COMMENTS: ReadonlySet<CaseAction> = new Set(['decline', 'answer_on_spot', 'answer']);

/** The timeline action of a deadline moved by the holiday schedule (not a workflow action: the state stays). */
export const DEADLINE_RECOMPUTED = 'deadline_recomputed';
