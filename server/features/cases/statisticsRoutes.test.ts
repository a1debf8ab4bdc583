/**
 * Statistics are read from facts stored at each transition; here they must equal a recount
 * from the raw timeline of generated cases that took every path of the workflow.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Event { opinion_id: number; action: string; to_state: string; data: Record<string, unknown> }

/** The statistics, counted a second way: by replaying each case's timeline. */
function recount(events: Event[]) {
  const byCase = new Map<number, Event[]>();
  for (const e of events) byCase.set(e.opinion_id, [...(byCase.get(e.opinion_id) ?? []), e]);
  const n = { received: 0, accepted: 0, declined: 0, answeredOnSpot: 0, assigned: 0, signedLate: 0, replied: 0, repliedOnTime: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, unrated: 0, rehandled: 0, closed: 0, workingDays: [] as number[],
    answered: 0, closedHandled: 0, transferred: 0, transferredWithin24h: 0, signedOnTime: 0 };
  for (const evs of byCase.values()) {
    const has = (a: string) => evs.some((e) => e.action === a);
    let signedLate: boolean | null = null;
    let onTime: boolean | null = null;
    let days: number | null = null;
    let rating: string | null = null;
    for (const e of evs) {
      if (e.action === 'assign' || e.action === 'return') { signedLate = null; onTime = null; days = null; }
      if (e.action === 'sign') signedLate = e.data.signedLate as boolean;
      if (e.action === 'send_back_reply') { onTime = null; days = null; }
      if (e.action === 'reply') { onTime = e.data.onTime as boolean; days = e.data.workingDays as number | null; }
      if (e.action === 'rate') rating = e.data.rating as string;
    }
    n.received += has('submit') ? 1 : 0;
    n.accepted += has('accept') || has('answer_on_spot') ? 1 : 0;
    n.declined += has('decline') ? 1 : 0;
    n.answeredOnSpot += has('answer_on_spot') ? 1 : 0;
    n.assigned += has('assign') ? 1 : 0;
    n.signedLate += signedLate ? 1 : 0;
    n.replied += onTime !== null ? 1 : 0;
    n.repliedOnTime += onTime ? 1 : 0;
    if (days !== null) n.workingDays.push(days);
    if (rating === 'satisfied') n.satisfied++;
    if (rating === 'basically_satisfied') n.basicallySatisfied++;
    if (rating === 'unsatisfied') n.unsatisfied++;
    n.unrated += has('auto_close') ? 1 : 0;
    n.rehandled += evs.some((e) => e.action === 'rate' && e.to_state === 'rehandling') ? 1 : 0;
    n.closed += evs.some((e) => ['closed', 'declined', 'merged'].includes(e.to_state)) ? 1 : 0;
    n.answered += has('answer') || has('answer_on_spot') ? 1 : 0;
    n.closedHandled += evs.some((e) => e.to_state === 'closed') ? 1 : 0;
    // The station's transfer is the first assignment's; signing on time is the latest assignment's signature.
    const transfer = evs.find((e) => e.action === 'assign' && typeof e.data.transferredWithin24h === 'boolean');
    n.transferred += transfer ? 1 : 0;
    n.transferredWithin24h += transfer?.data.transferredWithin24h ? 1 : 0;
    n.signedOnTime += signedLate === false ? 1 : 0;
  }
  return n;
}

describe('case statistics', () => {
  let t: TestApp;
  let officer: Client;
  let clerk: Client;
  let deputy: Client;
  let pinggui: Client;

  before(async () => {
    t = await startTestApp();
    officer = await signIn(t.app, 'huangtian');
    clerk = await signIn(t.app, 'shuiliju');
    deputy = await signIn(t.app, 'liangjun');
    pinggui = await signIn(t.app, 'pinggui');
    const db = t.database.db;
    const station = (await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;
    const water = (await db.selectFrom('unit').select('id').where('name', '=', '贺州市平桂区水利局').executeTakeFirstOrThrow()).id;
    const categories = (await db.selectFrom('case_category').select('id').orderBy('id').execute()).map((c) => c.id);
    const random = prng(20261121);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const act = async (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => {
      const res = await client.post(`/api/cases/${id}/actions/${action}`, body);
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    };
    let phone = 0;
    const rate = async (code: string, key: string, rating: string) => {
      // Each constituent rates from their own phone.
      const res = await t.app.inject({ method: 'POST', url: `/api/public/opinions/${code}/rating?key=${key}`, payload: { rating }, remoteAddress: `100.64.0.${++phone}` });
      assert.equal(res.statusCode, 200, res.body);
    };
    const registered = await officer.post('/api/cases', {
      stationId: station, channel: 'reception',
      items: Array.from({ length: 36 }, (_, i) => ({ categoryId: pick(categories), content: `生成的意见 ${i}` })),
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const answerAndRate = async (id: number, code: string, key: string) => {
      await act(clerk, id, 'reply', { comment: '已办理' });
      if (random() < 0.3) {
        await act(officer, id, 'send_back_reply', { comment: '请补充' });
        await act(clerk, id, 'reply', { comment: '已补充' });
      }
      await act(officer, id, 'approve_reply');
      await act(deputy, id, 'answer', { comment: '答复群众' });
      const r = pick(['satisfied', 'basically_satisfied', 'unsatisfied', 'none'] as const);
      if (r !== 'none') await rate(code, key, r);
      return r;
    };
    for (const { id, trackingCode, queryKey } of registered.json().items as { id: number; trackingCode: string; queryKey: string }[]) {
      const path = pick(['leave', 'decline', 'spot', 'full', 'full', 'full', 'return', 'extension', 'rehandle'] as const);
      if (path === 'leave') continue;
      if (path === 'decline') { await act(officer, id, 'decline', { comment: '不属于人大职责' }); continue; }
      if (path === 'spot') {
        await act(deputy, id, 'answer_on_spot', { comment: '当场解释' });
        if (random() < 0.5) await rate(trackingCode, queryKey, pick(['satisfied', 'unsatisfied']));
        continue;
      }
      await act(officer, id, 'accept');
      await act(officer, id, 'assign', { unitId: water });
      if (path === 'return') { await act(clerk, id, 'return', { comment: '不属本单位' }); continue; }
      await act(clerk, id, 'sign');
      if (path === 'extension') {
        await act(clerk, id, 'request_extension', { days: 2, comment: '需勘察' });
        await act(pinggui, id, random() < 0.5 ? 'grant_extension' : 'refuse_extension', { comment: '按期办理' });
      }
      const r = await answerAndRate(id, trackingCode, queryKey);
      if (path === 'rehandle' && r === 'unsatisfied') {
        await act(officer, id, 'assign', { unitId: water });
        await act(clerk, id, 'sign');
        await answerAndRate(id, trackingCode, queryKey);
      }
    }
    // Some answers stay unrated beyond the window and are closed by the timer.
    const { runDueJobs } = await import('../../platform/jobs/runner.js');
    await runDueJobs(t.database.db, { workerId: 'stats', now: new Date(Date.now() + 16 * 86_400_000) });
  });
  after(() => t.close());

  it('equal a recount from the raw timeline', async () => {
    const stats = (await pinggui.get('/api/statistics/cases')).json();
    // The events of the cases 平桂区's staff reach: those at a station with a region in 平桂区 (other demo features hold cases elsewhere).
    const pingguiPath = (await t.database.db.selectFrom('region').select('path').where('code', '=', '451103').executeTakeFirstOrThrow()).path;
    const events = await t.database.db.selectFrom('opinion_event as e').innerJoin('opinion as o', 'o.id', 'e.opinion_id')
      .select(['e.opinion_id', 'e.action', 'e.to_state', 'e.data'])
      .where((eb) => eb.exists(eb.selectFrom('station_region as sr').select('sr.station_id').whereRef('sr.station_id', '=', 'o.station_id').where('sr.region_path', 'like', `${pingguiPath}%`)))
      .orderBy('e.id').execute() as Event[];
    const n = recount(events);
    assert.ok(n.received >= 36);
    for (const key of ['received', 'accepted', 'declined', 'answeredOnSpot', 'assigned', 'signedLate', 'replied', 'repliedOnTime', 'satisfied', 'basicallySatisfied', 'unsatisfied', 'unrated', 'rehandled', 'closed',
      'answered', 'closedHandled', 'transferred', 'transferredWithin24h', 'signedOnTime'] as const) {
      assert.equal(stats[key], n[key], key);
    }
    const rated = n.satisfied + n.basicallySatisfied + n.unsatisfied;
    assert.equal(stats.rated, rated);
    assert.equal(stats.satisfactionRate, rated ? (n.satisfied + n.basicallySatisfied) / rated : null);
    assert.equal(stats.onTimeRate, n.replied ? n.repliedOnTime / n.replied : null);
    const avg = n.workingDays.length ? n.workingDays.reduce((a, b) => a + b, 0) / n.workingDays.length : null;
    assert.equal(stats.averageWorkingDays, avg);
    assert.equal(stats.transferRate, n.transferred ? n.transferredWithin24h / n.transferred : null);
    assert.ok(n.declined > 0 && n.answeredOnSpot > 0 && n.replied > 0 && n.unrated > 0 && n.transferred > 0 && n.signedOnTime > 0, JSON.stringify(n));
  });

  it('adds up per group to the whole, and narrows to a scope', async () => {
    const whole = (await pinggui.get('/api/statistics/cases')).json();
    for (const group of ['station', 'unit', 'category', 'deputy', 'week', 'month']) {
      const rows = (await pinggui.get(`/api/statistics/cases/by/${group}`)).json() as { received: number; repliedOnTime: number }[];
      assert.equal(rows.reduce((s, r) => s + r.received, 0), whole.received, group);
      assert.equal(rows.reduce((s, r) => s + r.repliedOnTime, 0), whole.repliedOnTime, group);
    }
    const weeks = (await pinggui.get('/api/statistics/cases/by/week')).json() as { key: string }[];
    for (const w of weeks) assert.equal(new Date(`${w.key}T12:00:00+08:00`).getUTCDay(), 1, `${w.key} is a Monday`);
    const water = (await t.database.db.selectFrom('unit').select('id').where('name', '=', '贺州市平桂区水利局').executeTakeFirstOrThrow()).id;
    const unit = (await clerk.get(`/api/statistics/cases?unitId=${water}`)).json();
    const own = (await clerk.get('/api/statistics/cases')).json();
    assert.deepEqual(unit, own, 'a unit clerk counts only what reaches their unit');
    const yicheng = (await (await signIn(t.app, 'yicheng')).get('/api/statistics/cases')).json();
    assert.equal(yicheng.received, 0, 'other regions see none of it');
    const future = (await pinggui.get(`/api/statistics/cases?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`)).json();
    assert.equal(future.received, 0);
  });
});
