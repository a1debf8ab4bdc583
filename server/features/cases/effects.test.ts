import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../platform/config.js';
import { WorkingCalendar, type CalendarDay } from '../../platform/calendar/workingDays.js';
import { caseEffect, type CaseFacts } from './effects.js';

// The shipped State Council schedules of 2024–2026; 2027 has none yet, so it is counted on the provisional calendar.
const YEARS = [2024, 2025, 2026];
const shipped = YEARS.flatMap((y) => (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'resources/holidays', `${y}.json`), 'utf8')) as { days: CalendarDay[] }).days);
const cal = new WorkingCalendar(shipped, YEARS);

/** An instant in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);
/** The end of a civil day in Beijing (what `deadline_at` holds). */
const endOf = (date: string) => bj(`${date}T24:00:00`);

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'assigned', round: 1, assigned_at: null, signed_at: null, deadline_days: 3, deadline_date: null, deadline_at: null,
  deadline_provisional: false, return_until: null, paused_at: null, paused_working_days: 0, extension_days: 0,
  overdue_at: null, accepted_at: null, sign_due_date: null, sign_due_at: null, sign_overdue_at: null, transfer_minutes: null,
  urge_count: 0, escalation_count: 0, ...over,
});

describe('case effects: deadlines in working days', () => {
  it('gives the unit until the next working day to return an assignment (the make-up Sunday before 国庆 2025 counts)', () => {
    const e = caseEffect(facts({ state: 'accepted' }), { action: 'assign', unitId: 7, coUnitIds: [8], deadlineDays: 3 }, bj('2025-09-26T10:00:00'), cal);
    assert.equal(e.set.return_until, '2025-09-28');
    assert.deepEqual(e.data, { unitId: 7, coUnitIds: [8], deadlineDays: 3, returnUntil: '2025-09-28', signDueDate: '2025-09-28' });
    assert.deepEqual([e.set.sign_due_date, e.set.sign_due_at], ['2025-09-28', endOf('2025-09-28')]);
    assert.equal(e.set.deadline_date, null);
    assert.equal(e.set.paused_working_days, 0);
  });

  it('starts the clock at signing: across a weekend', () => {
    // Friday 7 March 2025 + 3 working days: Monday 10 … Wednesday 12.
    const e = caseEffect(facts({ assigned_at: bj('2025-03-07T09:00:00') }), { action: 'sign' }, bj('2025-03-07T15:00:00'), cal);
    assert.deepEqual(e.set, {
      signed_at: bj('2025-03-07T15:00:00'), signed_late: false, signed_on_time: true, sign_overdue_at: null,
      deadline_date: '2025-03-12', deadline_at: endOf('2025-03-12'), deadline_provisional: false,
    });
    assert.deepEqual(e.data, { deadlineDate: '2025-03-12', signedLate: false });
    assert.equal(endOf('2025-03-12').toISOString(), '2025-03-12T16:00:00.000Z');
  });

  it('starts the clock at signing: over 春节 2025 (28 Jan – 4 Feb off, Sunday 26 Jan worked)', () => {
    const e = caseEffect(facts({ assigned_at: bj('2025-01-24T09:00:00') }), { action: 'sign' }, bj('2025-01-24T11:00:00'), cal);
    assert.equal(e.set.deadline_date, '2025-02-05');
    const two = caseEffect(facts({ assigned_at: bj('2025-01-24T09:00:00'), deadline_days: 2 }), { action: 'sign' }, bj('2025-01-24T11:00:00'), cal);
    assert.equal(two.set.deadline_date, '2025-01-27', 'the make-up Sunday is the first working day');
  });

  it('starts the clock at signing: over 国庆 2025, and marks a signature later than the next working day', () => {
    // Assigned Friday 26 Sep; the next working day is the make-up Sunday 28 Sep.
    const onTime = caseEffect(facts({ assigned_at: bj('2025-09-26T10:00:00') }), { action: 'sign' }, bj('2025-09-28T09:30:00'), cal);
    assert.deepEqual(onTime.data, { deadlineDate: '2025-10-09', signedLate: false });
    // Signed a day late: the clock counts from the sign-for limit's last day (28 Sep), not from the signing — 29, 30 Sep, 9 Oct.
    const late = caseEffect(facts({ assigned_at: bj('2025-09-26T10:00:00') }), { action: 'sign' }, bj('2025-09-29T09:00:00'), cal);
    assert.deepEqual(late.data, { deadlineDate: '2025-10-09', signedLate: true, clockStartedOn: '2025-09-28' });
    assert.deepEqual(late.set.deadline_at, endOf('2025-10-09'));
    assert.deepEqual([late.set.signed_on_time, late.set.sign_overdue_at], [false, endOf('2025-09-28')]);
  });

  it('takes the sign-for limit stored at assignment, and gives a unit signing 14 days late no fresh period', () => {
    // Assigned Monday 3 Nov 2025 with a 2-day sign-for limit: due Wednesday 5 Nov.
    const assigned = caseEffect(facts({ state: 'accepted' }), { action: 'assign', unitId: 7, coUnitIds: [], deadlineDays: 3, signDays: 2 }, bj('2025-11-03T10:00:00'), cal);
    assert.equal(assigned.set.sign_due_date, '2025-11-05');
    const c = facts({ assigned_at: bj('2025-11-03T10:00:00'), sign_due_date: '2025-11-05', sign_due_at: endOf('2025-11-05') });
    assert.deepEqual(caseEffect(c, { action: 'sign' }, bj('2025-11-05T23:00:00'), cal).data, { deadlineDate: '2025-11-10', signedLate: false });
    // Signed Wednesday 19 Nov, 10 working days after the limit: the 3 days ran out on Monday 10 Nov.
    const late = caseEffect(c, { action: 'sign' }, bj('2025-11-19T10:00:00'), cal);
    assert.deepEqual(late.data, { deadlineDate: '2025-11-10', signedLate: true, clockStartedOn: '2025-11-05' });
    // …so the reply the same day is late, and the working days taken count from the limit too.
    const reply = caseEffect({ ...c, state: 'in_progress', signed_at: bj('2025-11-19T10:00:00'), deadline_date: '2025-11-10', deadline_at: endOf('2025-11-10') },
      { action: 'reply', comment: '已办结' }, bj('2025-11-19T16:00:00'), cal);
    assert.deepEqual(reply.data, { onTime: false, workingDays: 10 });
  });

  it('records the station\'s transfer time at the first assignment only, within 24 hours or not', () => {
    const accepted = facts({ state: 'accepted', accepted_at: bj('2025-11-03T10:00:00') });
    const quick = caseEffect(accepted, { action: 'assign', unitId: 7, coUnitIds: [], deadlineDays: 3 }, bj('2025-11-04T10:00:00'), cal);
    assert.deepEqual([quick.set.transfer_minutes, quick.set.transferred_within_24h], [1440, true]);
    assert.deepEqual([quick.data.transferMinutes, quick.data.transferredWithin24h], [1440, true]);
    const slow = caseEffect(accepted, { action: 'assign', unitId: 7, coUnitIds: [], deadlineDays: 3 }, bj('2025-11-04T10:01:00'), cal);
    assert.deepEqual([slow.set.transfer_minutes, slow.set.transferred_within_24h], [1441, false]);
    const again = caseEffect({ ...accepted, state: 'returned', transfer_minutes: 30 }, { action: 'assign', unitId: 8, coUnitIds: [], deadlineDays: 3 }, bj('2025-11-10T10:00:00'), cal);
    assert.equal('transfer_minutes' in again.set, false, 'a reassignment after a return keeps the first transfer');
  });

  it('marks a deadline counted over a year without its official schedule as provisional', () => {
    // 30, 31 Dec 2026; 元旦 2027 (statutory) and the weekend; 4, 5, 6 Jan.
    const e = caseEffect(facts({ assigned_at: bj('2026-12-29T09:00:00'), deadline_days: 5 }), { action: 'sign' }, bj('2026-12-29T10:00:00'), cal);
    assert.equal(e.set.deadline_date, '2027-01-06');
    assert.equal(e.set.deadline_provisional, true);
    assert.deepEqual(e.data, { deadlineDate: '2027-01-06', signedLate: false, deadlineProvisional: true });
    const inYear = caseEffect(facts({ assigned_at: bj('2026-12-24T09:00:00') }), { action: 'sign' }, bj('2026-12-24T10:00:00'), cal);
    assert.deepEqual([inYear.set.deadline_date, inYear.set.deadline_provisional], ['2026-12-29', false]);
  });
});

describe('case effects: extensions pause the clock', () => {
  // Signed Monday 22 Sep 2025 for 5 working days: 23–26 Sep and the make-up Sunday 28 Sep.
  const signed = facts({
    state: 'in_progress', assigned_at: bj('2025-09-22T09:00:00'), signed_at: bj('2025-09-22T10:00:00'), deadline_days: 5,
    deadline_date: '2025-09-28', deadline_at: endOf('2025-09-28'),
  });

  it('pauses when the unit asks', () => {
    const e = caseEffect(signed, { action: 'request_extension', comment: '需协调', days: 2 }, bj('2025-09-24T15:00:00'), cal);
    assert.deepEqual(e, { set: { paused_at: bj('2025-09-24T15:00:00') }, data: { days: 2 } });
  });

  const waiting = { ...signed, state: 'extension_requested' as const, paused_at: bj('2025-09-24T15:00:00') };

  it('moves the deadline by the working days waited plus the days granted', () => {
    // Waited 25, 26, 28, 29, 30 Sep (5); 28 Sep + 7: 29, 30 Sep, 9, 10, 11 (make-up Saturday), 13, 14 Oct.
    const e = caseEffect(waiting, { action: 'grant_extension', days: 2 }, bj('2025-09-30T11:00:00'), cal);
    assert.deepEqual(e.set, {
      paused_at: null, paused_working_days: 5, extension_days: 2, deadline_date: '2025-10-14', deadline_at: endOf('2025-10-14'), deadline_provisional: false,
    });
    assert.deepEqual(e.data, { pausedWorkingDays: 5, grantedDays: 2, deadlineDate: '2025-10-14' });
  });

  it('moves it by the days waited alone when refused, adding to earlier waits and extensions', () => {
    const e = caseEffect({ ...waiting, paused_working_days: 1, extension_days: 3 }, { action: 'refuse_extension', comment: '不符合条件' }, bj('2025-09-30T11:00:00'), cal);
    assert.deepEqual(
      [e.set.deadline_date, e.set.paused_working_days, e.set.extension_days, e.data],
      ['2025-10-11', 6, 3, { pausedWorkingDays: 5, grantedDays: 0, deadlineDate: '2025-10-11' }],
    );
  });

  it('counts nothing for a decision on the day of the request', () => {
    const e = caseEffect(waiting, { action: 'grant_extension', days: 1 }, bj('2025-09-24T17:00:00'), cal);
    assert.deepEqual(e.data, { pausedWorkingDays: 0, grantedDays: 1, deadlineDate: '2025-09-29' });
  });

  it('becomes provisional when the wait or the moved deadline meets a year without its schedule', () => {
    // Signed Monday 21 Dec 2026 for 5: 22–25, 28 Dec. Waited 25, 28–31 Dec, 4, 5 Jan (7); 28 Dec + 7 = 7 Jan 2027.
    const e = caseEffect(facts({
      state: 'extension_requested', signed_at: bj('2026-12-21T10:00:00'), deadline_days: 5, deadline_date: '2026-12-28',
      deadline_at: endOf('2026-12-28'), paused_at: bj('2026-12-24T10:00:00'),
    }), { action: 'refuse_extension', comment: '否' }, bj('2027-01-05T10:00:00'), cal);
    assert.deepEqual(e.data, { pausedWorkingDays: 7, grantedDays: 0, deadlineDate: '2027-01-07', deadlineProvisional: true });
    assert.equal(e.set.deadline_provisional, true);
  });
});

describe('case effects: the reply', () => {
  it('is on time up to the end of the deadline day; the working days taken leave out the waits', () => {
    const e = caseEffect(facts({
      state: 'in_progress', signed_at: bj('2025-09-22T10:00:00'), deadline_date: '2025-10-14', deadline_at: endOf('2025-10-14'), paused_working_days: 5,
    }), { action: 'reply', comment: '已办结' }, bj('2025-10-10T16:00:00'), cal);
    // 23–26, 28–30 Sep, 9, 10 Oct: 9 working days, 5 of them waiting.
    assert.deepEqual(e.set, { replied_at: bj('2025-10-10T16:00:00'), replied_on_time: true, handling_working_days: 4, overdue_at: null });
    assert.deepEqual(e.data, { onTime: true, workingDays: 4 });
  });

  it('is late after it and records since when the case was overdue', () => {
    // Signed Friday 26 Sep for 3: 28, 29, 30 Sep. Replied Thursday 9 Oct.
    const e = caseEffect(facts({
      state: 'in_progress', signed_at: bj('2025-09-26T10:00:00'), deadline_date: '2025-09-30', deadline_at: endOf('2025-09-30'),
    }), { action: 'reply', comment: '已办结' }, bj('2025-10-09T10:00:00'), cal);
    assert.deepEqual(e.data, { onTime: false, workingDays: 4 });
    assert.deepEqual(e.set.overdue_at, endOf('2025-09-30'));
    assert.equal(caseEffect(facts({
      state: 'in_progress', signed_at: bj('2025-09-26T10:00:00'), deadline_date: '2025-09-30', deadline_at: endOf('2025-09-30'),
    }), { action: 'reply', comment: '已办结' }, bj('2025-09-30T23:59:00'), cal).data.onTime, true);
  });
});

describe('case effects: windows and timers', () => {
  it('lets a unit return an assignment up to its return day only', () => {
    const c = facts({ return_until: '2025-09-28' });
    assert.equal(caseEffect(c, { action: 'return', comment: '非本单位职责' }, bj('2025-09-28T18:00:00'), cal).error, undefined);
    assert.equal(caseEffect(c, { action: 'return', comment: '非本单位职责' }, bj('2025-09-29T08:00:00'), cal).error, 'RETURN_WINDOW_PASSED');
  });

  it('records the sign-for overdue fact at the first reminder after the limit, once', () => {
    const c = facts({ state: 'assigned', sign_due_date: '2025-09-30', sign_due_at: endOf('2025-09-30') });
    assert.deepEqual(caseEffect(c, { action: 'remind' }, bj('2025-09-30T09:00:00'), cal).set, {});
    assert.deepEqual(caseEffect(c, { action: 'remind' }, bj('2025-10-09T09:00:00'), cal).set, { sign_overdue_at: endOf('2025-09-30') });
    assert.deepEqual(caseEffect({ ...c, sign_overdue_at: endOf('2025-09-30') }, { action: 'remind' }, bj('2025-10-10T09:00:00'), cal).set, {});
  });

  it('records the overdue fact at the first reminder after the deadline, once', () => {
    const c = facts({ state: 'in_progress', deadline_date: '2025-09-30', deadline_at: endOf('2025-09-30') });
    assert.deepEqual(caseEffect(c, { action: 'remind' }, bj('2025-09-30T09:00:00'), cal).set, {});
    assert.deepEqual(caseEffect(c, { action: 'remind' }, bj('2025-10-09T09:00:00'), cal).set, { overdue_at: endOf('2025-09-30') });
    assert.deepEqual(caseEffect({ ...c, overdue_at: endOf('2025-09-30') }, { action: 'remind' }, bj('2025-10-10T09:00:00'), cal).set, {});
  });

  it('sends a first unsatisfied rating back for re-handling and closes on any other', () => {
    const answered = facts({ state: 'answered' });
    const now = bj('2025-10-10T09:00:00');
    const unhappy = caseEffect(answered, { action: 'rate', rating: 'unsatisfied', comment: null }, now, cal);
    assert.deepEqual([unhappy.state, unhappy.set], ['rehandling', { rating: 'unsatisfied', rating_comment: null, rated_at: now, round: 2, rehandled: true }]);
    const again = caseEffect({ ...answered, round: 2 }, { action: 'rate', rating: 'unsatisfied', comment: '仍不满意' }, now, cal);
    assert.deepEqual([again.state, again.set.close_reason], ['closed', 'rated']);
  });
});
