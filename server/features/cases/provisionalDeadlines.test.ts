import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resetClock, setClock } from '../../platform/clock.js';
import { importShippedSchedules } from '../calendar/index.js';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

/**
 * Deadlines counted on the provisional calendar of 2027 (no official schedule shipped) and what
 * entering the year's schedule does to them. The schedule entered here is this test's own, not
 * the State Council's: 春节 rest days 5–12 February, one makeup Saturday (20 February).
 */
const SCHEDULE_2027 = {
  source: '测试用安排',
  days: [
    { date: '2027-01-01', kind: 'rest', name: '元旦' },
    ...['05', '06', '07', '08', '09', '10', '11', '12'].map((d) => ({ date: `2027-02-${d}`, kind: 'rest', name: '春节' })),
    { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
  ],
};

describe('entering an official schedule recomputes the provisional deadlines', () => {
  let t: TestApp;
  let ids: { deputy: number; water: number; category: number };
  let submissions = 0;

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    ids = {
      deputy: await idOf(db, 'deputy', '梁俊华'),
      water: await idOf(db, 'unit', '贺州市平桂区水利局'),
      category: (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id,
    };
  });
  after(async () => {
    resetClock();
    await t.close();
  });

  /** The people of the day: the clock is set to 10:00 of `date` (Shanghai) and everyone signs in afresh. */
  const on = async (date: string) => {
    setClock(date);
    const [officer, clerk, admin, staff] = await Promise.all(['huangtian', 'shuiliju', 'admin', 'pinggui'].map((u) => signIn(t.app, u)));
    return { officer: officer!, clerk: clerk!, admin: admin!, staff: staff! };
  };
  const ok = async (p: Promise<{ statusCode: number; body: string; json: () => any }>, status = 200) => {
    const res = await p;
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  /** A case submitted, accepted and assigned to the water bureau on the day, signed by its clerk. */
  const signedCase = async (day: Awaited<ReturnType<typeof on>>) => {
    submissions++;
    const receipt = await ok(t.app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress: `198.51.100.${submissions}`,
      payload: { deputyId: ids.deputy, categoryId: ids.category, content: `村里停水第${submissions}天`, channel: 'qr' },
    }), 201);
    const { id } = await t.database.db.selectFrom('opinion').select('id').where('tracking_code', '=', receipt.trackingCode).executeTakeFirstOrThrow();
    await ok(day.officer.post(`/api/cases/${id}/actions/accept`));
    await ok(day.officer.post(`/api/cases/${id}/actions/assign`, { unitId: ids.water }));
    const signed = (await ok(day.clerk.post(`/api/cases/${id}/actions/sign`))).case;
    return { id, code: receipt.trackingCode as string, signed };
  };
  const facts = async () => new Map((await t.database.db.selectFrom('opinion')
    .select(['id', 'deadline_date', 'deadline_provisional', 'version']).execute()).map((r) => [r.id, r]));
  const recomputeEvents = async (id: number) => (await t.database.db.selectFrom('opinion_event').select(['comment', 'data'])
    .where('opinion_id', '=', id).where('action', '=', 'deadline_recomputed').execute());

  it('at start, moves a deadline counted before on weekends alone onto the provisional calendar', async () => {
    const X = await signedCase(await on('2027-02-03'));
    assert.deepEqual([X.signed.deadlineDate, X.signed.deadlineProvisional], ['2027-02-10', true]);
    // As a deadline set before migration 0012 would stand: 4, 5, 8 February, flagged by the migration.
    await t.database.db.updateTable('opinion').set({ deadline_date: '2027-02-08' }).where('id', '=', X.id).execute();
    const moved = await t.database.db.transaction().execute(async (trx) => {
      await importShippedSchedules({ trx, actor: SYSTEM_ACTOR, ip: null });
      return trx.selectFrom('opinion').select(['deadline_date', 'deadline_provisional']).where('id', '=', X.id).executeTakeFirstOrThrow();
    });
    assert.deepEqual(moved, { deadline_date: '2027-02-10', deadline_provisional: true });
    const events = await recomputeEvents(X.id);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.comment, '按暂定放假安排重新计算:办理期限由 2027-02-08 调整为 2027-02-10(仍为暂定)');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.action, 'calendar.deadlines_recomputed');
    // Nothing to move the next time.
    await t.database.db.transaction().execute((trx) => importShippedSchedules({ trx, actor: SYSTEM_ACTOR, ip: null }));
    assert.equal((await recomputeEvents(X.id)).length, 1);
  });

  it('marks them provisional, moves those the schedule changes, tells their unit, and leaves every other deadline alone', async () => {
    // D: signed and due in 2026, on the official calendar.
    const d1 = await on('2026-12-01');
    const D = await signedCase(d1);
    assert.equal(D.signed.deadlineDate, '2026-12-04');
    assert.equal(D.signed.deadlineProvisional, false);

    // A: signed Monday 1 February 2027: 2, 3, 4 February; the official schedule agrees.
    const A = await signedCase(await on('2027-02-01'));
    assert.equal(A.signed.deadlineDate, '2027-02-04');
    assert.equal(A.signed.deadlineProvisional, true);

    // C: signed Tuesday 2 February: 3, 4, then 除夕 to 初三 off (5–8), 9 February.
    const feb2 = await on('2027-02-02');
    const C = await signedCase(feb2);
    assert.equal(C.signed.deadlineDate, '2027-02-09');

    // B, E, F: signed Wednesday 3 February: 4, 9, 10 February. C asks for more time that day.
    const feb3 = await on('2027-02-03');
    const B = await signedCase(feb3);
    const E = await signedCase(feb3);
    const F = await signedCase(feb3);
    assert.equal(B.signed.deadlineDate, '2027-02-10');
    await ok(feb3.clerk.post(`/api/cases/${C.id}/actions/request_extension`, { comment: '需协调施工队', days: 2 }));

    // 4 February: C is granted 2 days after waiting 1 working day (9 → 12 February); E is replied to; F asks for more time.
    const feb4 = await on('2027-02-04');
    const granted = (await ok(feb4.staff.post(`/api/cases/${C.id}/actions/grant_extension`, { days: 2 }))).case;
    assert.equal(granted.deadlineDate, '2027-02-12');
    assert.equal(granted.deadlineProvisional, true);
    await ok(feb4.clerk.post(`/api/cases/${E.id}/actions/reply`, { comment: '已恢复供水' }));
    await ok(feb4.clerk.post(`/api/cases/${F.id}/actions/request_extension`, { comment: '管网待检修', days: 1 }));

    // The list and the detail say which deadlines are provisional.
    const list = await ok(feb4.staff.get('/api/cases?open=true&limit=200'));
    const listed = new Map((list.items as { id: number; deadlineProvisional: boolean }[]).map((c) => [c.id, c.deadlineProvisional]));
    assert.deepEqual([A, B, C, D, E, F].map((c) => listed.get(c.id)), [true, true, true, false, true, true]);

    // The banner is due for administrators and staff, not for the unit's clerk.
    const status = await ok(feb4.admin.get('/api/calendar/status'));
    assert.deepEqual([status.bannerYear, status.provisionalYears], [2027, [2027, 2028]]);
    assert.ok(status.provisionalDeadlines >= 4);
    assert.equal((await ok(feb4.staff.get('/api/calendar/status'))).bannerYear, 2027);
    assert.equal((await ok(feb4.clerk.get('/api/calendar/status'))).bannerYear, null);

    // The holidays page offers the statutory days of 2027 as the starting point.
    const offered = await ok(feb4.admin.get('/api/calendar/holidays?year=2027'));
    assert.equal(offered.covered, false);
    assert.deepEqual(offered.provisionalDays.filter((x: { name: string }) => x.name === '春节').map((x: { date: string }) => x.date),
      ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);

    // 5 February: the administrator enters the schedule.
    const feb5 = await on('2027-02-05');
    const before = await facts();
    const noticesBefore = (await ok(feb5.clerk.get('/api/notifications?limit=200'))).items.length as number;
    const saved = await ok(feb5.admin.request('PUT', '/api/calendar/holidays/2027', SCHEDULE_2027));
    const after = await facts();

    // B: 4, then 5–12 off, 15, 16. C: 3, 4, then 15 → waited 1 (4 February) + 2 granted → 18. F (waiting for a decision): as B.
    const expected = new Map([[B.id, ['2027-02-10', '2027-02-16']], [C.id, ['2027-02-12', '2027-02-18']], [F.id, ['2027-02-10', '2027-02-16']]]);
    assert.deepEqual(
      (saved.deadlinesMoved as { caseId: number; from: string; to: string }[]).filter((m) => [A, B, C, D, E, F].some((c) => c.id === m.caseId))
        .map((m) => [m.caseId, m.from, m.to]).sort(),
      [...expected].map(([id, [from, to]]) => [id, from, to]).sort(),
    );
    for (const [id, [from, to]] of expected) {
      assert.equal(after.get(id)!.deadline_date, to);
      assert.equal(after.get(id)!.deadline_provisional, false);
      const events = await recomputeEvents(id);
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.data, { from, to, provisional: false });
      assert.match(events[0]!.comment!, new RegExp(`${from} 调整为 ${to}`));
    }
    // A keeps its date, loses the flag, and gets no timeline entry.
    assert.equal(after.get(A.id)!.deadline_date, '2027-02-04');
    assert.equal(after.get(A.id)!.deadline_provisional, false);
    assert.deepEqual(await recomputeEvents(A.id), []);
    // E had been replied to: its deadline stays as it was judged, flag and all. D was never provisional.
    assert.deepEqual([after.get(E.id)!.deadline_date, after.get(E.id)!.deadline_provisional], ['2027-02-10', true]);
    assert.deepEqual(await recomputeEvents(E.id), []);
    assert.deepEqual(after.get(D.id), before.get(D.id));
    // No deadline moved but the provisional running ones: every case not flagged before is untouched.
    for (const [id, row] of before) {
      if (!row.deadline_provisional) assert.deepEqual(after.get(id), row, `case ${id}`);
    }

    // The unit hears of each move; the case page shows the entry and no longer the tag.
    const notices = ((await ok(feb5.clerk.get('/api/notifications?limit=200'))).items as { title: string; body: string }[])
      .slice(0, -noticesBefore || undefined).filter((n) => n.title.startsWith('交办件办理期限调整为'));
    for (const c of [A, B, C, D, E, F]) {
      assert.equal(notices.filter((n) => n.body.startsWith(c.code)).length, expected.has(c.id) ? 1 : 0, c.code);
    }
    assert.ok(notices.some((n) => n.title === '交办件办理期限调整为 2027-02-16(原 2027-02-10)' && n.body.startsWith(B.code)));
    const detail = await ok(feb5.staff.get(`/api/cases/${B.id}`));
    assert.equal(detail.deadlineDate, '2027-02-16');
    assert.equal(detail.deadlineProvisional, false);
    const entry = detail.timeline.at(-1);
    assert.deepEqual([entry.action, entry.label.zh], ['deadline_recomputed', '办理期限重算']);

    // One audit record for the schedule, naming the deadlines it moved.
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'holiday_year')
      .where('entity_id', '=', '2027').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.action, 'calendar.update');
    assert.equal((audit.after as { deadlinesMoved: unknown[] }).deadlinesMoved.length, saved.deadlinesMoved.length);

    // The banner is gone until 1 October, when 2028's schedule is due.
    assert.equal((await ok(feb5.admin.get('/api/calendar/status'))).bannerYear, null);
    setClock('2027-09-30');
    assert.equal((await ok((await signIn(t.app, 'admin')).get('/api/calendar/status'))).bannerYear, null);
    setClock('2027-10-01');
    const october = await ok((await signIn(t.app, 'admin')).get('/api/calendar/status'));
    assert.deepEqual([october.bannerYear, october.provisionalYears], [2028, [2028]]);

    // E's reply is sent back: its deadline runs again, and is counted on the schedule now entered.
    setClock('2027-02-05');
    await ok((await signIn(t.app, 'huangtian')).post(`/api/cases/${E.id}/actions/send_back_reply`, { comment: '请补充供水恢复的时间' }));
    const resent = await t.database.db.selectFrom('opinion').select(['deadline_date', 'deadline_provisional']).where('id', '=', E.id).executeTakeFirstOrThrow();
    assert.deepEqual(resent, { deadline_date: '2027-02-16', deadline_provisional: false });
    assert.deepEqual((await recomputeEvents(E.id)).map((e) => e.data), [{ from: '2027-02-10', to: '2027-02-16', provisional: false }]);

    // Saving the same schedule again moves nothing.
    setClock('2027-10-01');
    const again = await ok((await signIn(t.app, 'admin')).request('PUT', '/api/calendar/holidays/2027', SCHEDULE_2027));
    assert.deepEqual(again.deadlinesMoved, []);
  });
});
