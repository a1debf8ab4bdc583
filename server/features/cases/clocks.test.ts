/**
 * The 普宁 clocks on a running server: the station's transfer time and the sign-for limit are
 * stored at the transitions, sign-for reminders run as jobs, a late signature does not restart
 * the handling period, statistics count the new facts, and deadline rules per category and
 * region (with the higher approval an extension beyond the maximum needs) hold. Every instant
 * is placed relative to the server's clock, on working days found by the calendar.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCalendar } from '../calendar/index.js';
import { morningOf } from './followUps.js';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { runDueJobs } from '../../platform/jobs/runner.js';
import { now, resetClock, setClock, today } from '../../platform/clock.js';
import type { WorkingCalendar } from '../../platform/calendar/workingDays.js';

const MINUTE = 60_000;

describe('case clocks: transfer, sign-for limit, rules', () => {
  let t: TestApp;
  let cal: WorkingCalendar;
  let water: number;
  let waterUnit: number;
  let station: number;
  /** A working day well ahead of the template's demo cases, at 10:00 Beijing time. */
  let base: Date;
  let seq = 0;

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    cal = await loadCalendar(db);
    water = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    waterUnit = (await db.selectFrom('unit').select('id').where('name', '=', '贺州市平桂区水利局').executeTakeFirstOrThrow()).id;
    station = (await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;
    base = new Date(`${cal.addWorkingDays(today(), 40)}T10:00:00+08:00`);
  });
  after(async () => {
    resetClock();
    await t.close();
  });

  const db = () => t.database.db;
  const at = (d: Date) => setClock(d);
  /** Signed in at the clock's present time (a jump of days would outlive an earlier session). */
  const who = (username: string) => signIn(t.app, username);
  const admin = 'admin';
  const staff = 'pinggui';
  const officer = 'huangtian';
  const clerk = 'shuiliju';
  const act = async (username: string, id: number, action: string, body: Record<string, unknown> = {}, status = 200) => {
    const res = await (await who(username)).post(`/api/cases/${id}/actions/${action}`, body);
    assert.equal(res.statusCode, status, `${action}: ${res.body}`);
    return res.json();
  };
  const accepted = async (when: Date) => {
    at(when);
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress: `198.51.100.${++seq}`,
      payload: { stationId: station, categoryId: water, content: `时限测试 ${seq}` },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { id } = await db().selectFrom('opinion').select('id').where('tracking_code', '=', res.json().trackingCode).executeTakeFirstOrThrow();
    await act(officer, id, 'accept');
    return id;
  };
  const detail = async (username: string, id: number) => {
    const res = await (await who(username)).get(`/api/cases/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const inbox = async (username: string, caseId: number) => (await db().selectFrom('notification as n').innerJoin('account as a', 'a.id', 'n.account_id')
    .select('n.title').where('a.username', '=', username).where('n.case_id', '=', caseId).execute()).map((n) => n.title);
  const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  it('stores the station\'s transfer time at the first assignment, within 24 hours or not, and shows it on the case', async () => {
    const quick = await accepted(base);
    at(new Date(base.getTime() + 24 * 60 * MINUTE));
    const q = await act(officer, quick, 'assign', { unitId: waterUnit });
    assert.deepEqual([q.case.clocks.transferMinutes, q.case.clocks.transferredWithin24h], [1440, true]);

    const slow = await accepted(base);
    at(new Date(base.getTime() + 24 * 60 * MINUTE + MINUTE));
    await act(officer, slow, 'assign', { unitId: waterUnit });
    const s = await detail(officer, slow);
    assert.deepEqual([s.clocks.transferMinutes, s.clocks.transferredWithin24h], [1441, false]);
    const row = await db().selectFrom('opinion').select(['transfer_minutes', 'transferred_within_24h']).where('id', '=', slow).executeTakeFirstOrThrow();
    assert.deepEqual(row, { transfer_minutes: 1441, transferred_within_24h: false });

    // A return and a new assignment keep the first transfer: the station's time was spent once.
    await act(clerk, slow, 'return', { comment: '非本单位职责' });
    at(new Date(base.getTime() + 30 * 60 * MINUTE));
    await act(officer, slow, 'assign', { unitId: waterUnit });
    assert.equal((await detail(officer, slow)).clocks.transferMinutes, 1441);
  });

  it('sets the sign-for limit at assignment, reminds on its day and each working day while unsigned, and records the overdue fact', async () => {
    const id = await accepted(base);
    await act(officer, id, 'assign', { unitId: waterUnit });
    const signDue = cal.addWorkingDays(shanghaiDay(base), 1);
    const c = await detail(clerk, id);
    assert.equal(c.clocks.signDueDate, signDue);
    assert.equal(c.clocks.signOverdue, false);
    assert.equal(c.clocks.rule.signDays, 1);

    await runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(signDue).getTime() + MINUTE) });
    assert.ok((await inbox('shuiliju', id)).includes('交办件今天签收到期,请及时签收'));
    const nextDay = cal.addWorkingDays(signDue, 1);
    await runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(nextDay).getTime() + MINUTE) });
    assert.ok((await inbox('shuiliju', id)).includes('交办件已超过签收时限,请立即签收'));
    assert.ok((await inbox('huangtian', id)).some((title) => title.startsWith('督办提醒:交办件超期未签收')));
    const row = await db().selectFrom('opinion').select(['sign_overdue_at', 'sign_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row.sign_overdue_at, row.sign_due_at);
    // The chain goes on: the next working day's reminder is set.
    const next = await db().selectFrom('job').select('dedupe_key').where('dedupe_key', '=', `case:${id}:remind:${signDue}:sign_overdue:${cal.addWorkingDays(nextDay, 1)}`).executeTakeFirst();
    assert.ok(next, 'the next sign-for reminder is set');

    at(new Date(morningOf(nextDay).getTime() + 2 * 60 * MINUTE));
    const shown = await detail(officer, id);
    assert.equal(shown.clocks.signOverdue, true);
  });

  it('gives a unit that signs late no fresh period: its handling clock starts at the limit\'s last day', async () => {
    const id = await accepted(base);
    await act(officer, id, 'assign', { unitId: waterUnit });
    const signDue = cal.addWorkingDays(shanghaiDay(base), 1);
    // Signed 5 working days after the limit: the 3 working days of 饮水供水 ran out already.
    at(new Date(`${cal.addWorkingDays(signDue, 5)}T10:00:00+08:00`));
    const signed = await act(clerk, id, 'sign');
    assert.equal(signed.case.deadlineDate, cal.addWorkingDays(signDue, 3));
    assert.equal(signed.case.signedLate, true);
    assert.equal(signed.case.clocks.signedOnTime, false);
    assert.equal(signed.case.overdue, true, 'already past the handling deadline at signing');
    const event = signed.case.timeline.at(-1);
    assert.deepEqual([event.action, event.data.clockStartedOn], ['sign', signDue]);

    // Signed in time: the clock starts that day, as before.
    const onTime = await accepted(base);
    await act(officer, onTime, 'assign', { unitId: waterUnit });
    at(new Date(`${signDue}T16:00:00+08:00`));
    const s = await act(clerk, onTime, 'sign');
    assert.deepEqual([s.case.deadlineDate, s.case.clocks.signedOnTime], [cal.addWorkingDays(signDue, 3), true]);
  });

  it('counts transfers and signatures in the statistics and ranks the units in the league table', async () => {
    const from = new Date(base.getTime() - MINUTE).toISOString();
    const to = new Date(base.getTime() + MINUTE).toISOString();
    at(new Date(`${cal.addWorkingDays(shanghaiDay(base), 6)}T12:00:00+08:00`));
    const res = await (await who(staff)).get(`/api/statistics/cases?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    assert.equal(res.statusCode, 200, res.body);
    const f = res.json();
    // Submitted at `base`: the two transfer cases, the unsigned one, the late and the on-time signatures.
    assert.equal(f.received, 5);
    assert.deepEqual([f.transferred, f.transferredWithin24h, f.transferRate], [5, 4, 4 / 5]);
    assert.deepEqual([f.signedOnTime, f.signedLate, f.signOverdueNow], [1, 1, 3], 'the three never signed are past the limit now');
    assert.equal(f.overdueNow, 2, 'the two signed ones are past their handling deadlines');
    assert.equal(f.resolutionRate, null);
    const byUnit = await (await who(staff)).get(`/api/statistics/cases/by/unit?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    assert.equal(byUnit.json().find((r: { key: string }) => r.key === String(waterUnit)).transferred, 5);

    const assignedFrom = new Date(base.getTime() - MINUTE).toISOString();
    const league = await (await who(staff)).get(`/api/statistics/units/league?from=${encodeURIComponent(assignedFrom)}`);
    assert.equal(league.statusCode, 200, league.body);
    const rows = league.json() as { unitId: number; assigned: number; overdueNow: number; onTimeRate: number | null }[];
    const mine = rows.find((r) => r.unitId === waterUnit)!;
    assert.equal(mine.assigned, 5);
    assert.equal(mine.overdueNow, 5, 'three unsigned past the limit, and the two signed ones past their handling deadlines');
    const rated = rows.filter((r) => r.onTimeRate !== null);
    assert.deepEqual(rated.map((r) => r.onTimeRate), [...rated.map((r) => r.onTimeRate)].sort((a, b) => b! - a!), 'best on-time rate first');
    assert.equal((await (await who(clerk)).get('/api/statistics/units/league')).json().every((r: { unitId: number }) => r.unitId === waterUnit), true, 'a unit sees its own row only');
  });

  it('applies a region\'s own rule to its cases; staff may not raise the maximum set above them', async () => {
    at(base);
    const put = async (username: string, region: string, body: Record<string, unknown>) => (await who(username)).request('PUT', `/api/case-rules/categories/${water}/regions/${region}`, body);
    const tooHigh = await put(staff, '451103', { deadlineDays: 2, maxDays: 6, signDays: 2 });
    assert.equal(tooHigh.statusCode, 403, tooHigh.body);
    assert.equal(tooHigh.json().error.code, 'CASE_RULE_MAX_TOO_HIGH');
    const daysAboveMax = await put(staff, '451103', { deadlineDays: 5, maxDays: 4, signDays: 2 });
    assert.equal(daysAboveMax.json().error.code, 'CASE_RULE_DAYS_ABOVE_MAX');
    assert.equal((await put(staff, '451103', { deadlineDays: 2, maxDays: 4, signDays: 2 })).statusCode, 200);
    assert.equal((await (await who(staff)).request('PUT', `/api/case-rules/categories/${water}`, { deadlineDays: 2, maxDays: 9, signDays: 1 })).statusCode, 403, 'defaults are the administrators\'');
    assert.equal((await (await who(officer)).get('/api/case-rules?regionCode=451103')).statusCode, 403);

    const probe = await accepted(base);
    const caseRegion = (await db().selectFrom('opinion').select('region_code').where('id', '=', probe).executeTakeFirstOrThrow()).region_code;
    const list = await (await who(staff)).get(`/api/case-rules?regionCode=${caseRegion}`);
    assert.equal(list.statusCode, 200, list.body);
    const row = list.json().rules.find((r: { categoryId: number }) => r.categoryId === water);
    assert.deepEqual(row.inForce, { deadlineDays: 2, maxDays: 4, signDays: 2, fromRegion: '451103' });
    assert.equal(row.maxCeiling, 5);

    const id = await accepted(base);
    const tooLong = await (await who(officer)).post(`/api/cases/${id}/actions/assign`, { unitId: waterUnit, deadlineDays: 5 });
    assert.equal(tooLong.statusCode, 400);
    assert.deepEqual([tooLong.json().error.code, tooLong.json().error.details], ['DEADLINE_TOO_LONG', { max: 4 }]);
    const assigned = await act(officer, id, 'assign', { unitId: waterUnit });
    assert.equal(assigned.case.deadlineDays, 2);
    assert.equal(assigned.case.clocks.signDueDate, cal.addWorkingDays(shanghaiDay(base), 2));
    assert.deepEqual(assigned.case.clocks.rule, { deadlineDays: 2, maxDays: 4, signDays: 2, fromRegion: '451103' });

    // The administrator removes nothing the staff set, but may set any maximum; the audit log keeps both.
    const audits = await db().selectFrom('audit_log').select('action').where('action', 'like', 'case_rule.%').execute();
    assert.ok(audits.some((a) => a.action === 'case_rule.set_region'));
    assert.equal((await (await who(admin)).request('DELETE', `/api/case-rules/categories/${water}/regions/451103`)).statusCode, 200);
    const after = (await (await who(staff)).get(`/api/case-rules?regionCode=451103`)).json().rules.find((r: { categoryId: number }) => r.categoryId === water);
    assert.deepEqual([after.own, after.inForce.fromRegion], [null, null]);
  });

  it('lets only the level above grant an extension beyond the maximum', async () => {
    at(base);
    const id = await accepted(base);
    const caseRegion = (await db().selectFrom('opinion').select('region_code').where('id', '=', id).executeTakeFirstOrThrow()).region_code;
    assert.notEqual(caseRegion, '451103', 'the case sits below 平桂区, whose staff are the level above');
    // A staff account of the case's own region (the town's congress).
    await db().updateTable('account').set({ region_code: caseRegion }).where('username', '=', 'yicheng').execute();
    const town = 'yicheng';

    await act(officer, id, 'assign', { unitId: waterUnit, deadlineDays: 3 });
    await act(clerk, id, 'sign');
    // 饮水供水: at most 5. 3 + 3 would be 6.
    await act(clerk, id, 'request_extension', { comment: '需协调', days: 3 });
    const refused = await (await who('yicheng')).post(`/api/cases/${id}/actions/grant_extension`, { days: 3 });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.deepEqual([refused.json().error.code, refused.json().error.details], ['EXTENSION_NEEDS_HIGHER_APPROVAL', { total: 6, max: 5 }]);
    // Within the maximum the town's staff decide.
    await act(town, id, 'grant_extension', { days: 2 });
    // Beyond it, the district's staff (the level above).
    await act(clerk, id, 'request_extension', { comment: '仍需协调', days: 2 });
    const granted = await act(staff, id, 'grant_extension', { days: 2 });
    assert.equal(granted.case.state, 'in_progress');
    assert.equal((await db().selectFrom('opinion').select('extension_days').where('id', '=', id).executeTakeFirstOrThrow()).extension_days, 4);
    assert.ok(now() >= base);
  });
});
