/**
 * Statistics read from the rollups (migration 0036) must equal the count from the cases, for
 * every scope, filter and group the rollups answer: here on generated cases that went through
 * the workflow's real transitions, then through direct changes of their facts (state, deadline,
 * pause, sign-for limit, unit, category, escalation, submission across Shanghai midnight), with
 * the clock at several instants around the deadlines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { loadActor } from '../../platform/access/actors.js';
import type { Actor } from '../../platform/access/actor.js';
import { now, resetClock, setClock } from '../../platform/clock.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { caseStatistics, caseStatisticsBy, GROUPS, type StatisticsFilter } from './statistics.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const midnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

describe('case statistics from rollups', () => {
  let t: TestApp;
  const actors: Actor[] = [];
  const filters: StatisticsFilter[] = [];
  let casesBefore = 0;

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const officer = await signIn(t.app, 'huangtian');
    const clerk = await signIn(t.app, 'shuiliju');
    const deputy = await signIn(t.app, 'liangjun');
    const station = (await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;
    const water = (await db.selectFrom('unit').select('id').where('name', '=', '贺州市平桂区水利局').executeTakeFirstOrThrow()).id;
    const categories = (await db.selectFrom('case_category').select('id').orderBy('id').execute()).map((c) => c.id);
    const random = prng(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const act = async (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => {
      const res = await client.post(`/api/cases/${id}/actions/${action}`, body);
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    };
    const registered = await officer.post('/api/cases', {
      stationId: station, channel: 'reception',
      items: Array.from({ length: 24 }, (_, i) => ({ categoryId: pick(categories), content: `汇总核对 ${i}` })),
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const ids: number[] = [];
    for (const { id } of registered.json().items as { id: number }[]) {
      ids.push(id);
      const path = pick(['leave', 'decline', 'spot', 'assigned', 'signed', 'extension', 'replied', 'answered'] as const);
      if (path === 'leave') continue;
      if (path === 'decline') { await act(officer, id, 'decline', { comment: '不属于人大职责' }); continue; }
      if (path === 'spot') { await act(deputy, id, 'answer_on_spot', { comment: '当场解释' }); continue; }
      await act(officer, id, 'accept');
      await act(officer, id, 'assign', { unitId: water });
      if (path === 'assigned') continue;
      await act(clerk, id, 'sign');
      if (path === 'extension') { await act(clerk, id, 'request_extension', { days: 2, comment: '需勘察' }); continue; }
      if (path === 'signed') continue;
      await act(clerk, id, 'reply', { comment: '已办理' });
      if (path === 'replied') continue;
      await act(officer, id, 'approve_reply');
      await act(deputy, id, 'answer', { comment: '答复群众' });
    }
    // Direct changes of the stored facts, as repairs and migrations make them; some twice in one transaction.
    const at = now().getTime();
    const day = 86_400_000;
    const units = (await db.selectFrom('unit').select('id').orderBy('id').limit(3).execute()).map((u) => u.id);
    const city = (await db.selectFrom('region').select('path').where('code', '=', '451100').executeTakeFirstOrThrow()).path;
    for (const id of ids) {
      await db.transaction().execute(async (trx) => {
        for (let n = random() < 0.3 ? 2 : 1; n > 0; n--) {
          const change = pick(['deadline', 'pause', 'sign', 'state', 'unit', 'category', 'escalate', 'midnight', 'rating', 'none'] as const);
          const o = trx.updateTable('opinion').where('id', '=', id);
          if (change === 'deadline') await o.set({ deadline_at: new Date(at + (random() - 0.5) * 10 * day) }).execute();
          if (change === 'pause') await o.set({ paused_at: random() < 0.5 ? null : new Date(at + (random() - 0.5) * 10 * day) }).execute();
          if (change === 'sign') await o.set({ state: 'assigned', sign_due_at: new Date(at + (random() - 0.5) * 6 * day) }).execute();
          if (change === 'state') await o.set({ state: pick(['assigned', 'in_progress', 'extension_requested', 'replied', 'closed'] as const) }).execute();
          if (change === 'unit') await o.set({ assigned_unit_id: random() < 0.2 ? null : pick(units) }).execute();
          if (change === 'category') await o.set({ category_id: pick(categories) }).execute();
          if (change === 'escalate') {
            await o.set({ region_path: city, region_code: '451100', scope_paths: sql<string[]>`case_scope_paths(station_id, ${city})` }).execute();
          }
          // Either side of a Shanghai midnight: 23:59:59.999 and 00:00 of the next day.
          if (change === 'midnight') await o.set({ submitted_at: new Date(midnight(shanghaiDate(new Date(at - 3 * day))).getTime() - (random() < 0.5 ? 1 : 0)) }).execute();
          if (change === 'rating') await o.set({ rating: pick(['satisfied', 'basically_satisfied', 'unsatisfied', null] as const) }).execute();
        }
      });
    }
    // Cases written directly (a bulk load), one of them removed again in a later transaction.
    const copy = (n: number) => sql`insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths,
        content, submitted_at, accepted_at, assigned_at, assigned_unit_id, deadline_date, deadline_at, updated_at)
      select 'RC' || id || '-' || ${n}, md5('rollup' || id || ${n}), query_key_hash, channel, 'in_progress', category_id, station_id, region_code, region_path, scope_paths,
        content, submitted_at, submitted_at, submitted_at, ${water}, deadline_date, ${new Date(at - day)}, updated_at
      from opinion where id = any(${ids.slice(0, 4)}) returning id`.execute(db);
    casesBefore = Number((await sql<{ n: number }>`select count(*) as n from opinion`.execute(db)).rows[0]!.n);
    await copy(1);
    const removed = (await copy(2)).rows as { id: number }[];
    await db.deleteFrom('opinion').where('id', 'in', removed.map((r) => r.id)).execute();
    const account = async (username: string) => loadActor(db, (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
    const admin = await account('admin');
    const staff = await account('pinggui');
    actors.push(admin, staff, await account('huangtian'), await account('liangjun'), await account('yicheng'));
    // Staff of the city and of the province above 平桂区.
    for (const code of ['451100', '450000']) {
      const r = await db.selectFrom('region').select(['code', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
      actors.push({ ...staff, regionCode: r.code, scopePath: r.path });
    }
    const today = shanghaiDate(now());
    const back = (n: number) => shanghaiDate(new Date(now().getTime() - n * day));
    filters.push(
      {}, { stationId: station }, { unitId: water }, { categoryId: categories[0]! }, { regionCode: '451103' }, { stationIds: [station] },
      { from: midnight(back(3)) }, { to: midnight(back(3)) }, { from: midnight(back(3)), to: midnight(today) }, { from: midnight(today), to: midnight(back(-1)) },
      { from: new Date(midnight(back(3)).getTime() + 1) },
    );
  });
  after(() => {
    resetClock();
    return t.close();
  });

  it('equal the count from the cases for every scope, filter and group, at several instants', async () => {
    const day = 86_400_000;
    const start = now().getTime();
    let compared = 0;
    for (const offset of [0, -2 * day, 2 * day, 40 * day]) {
      setClock(new Date(start + offset));
      for (const actor of actors) {
        for (const f of filters) {
          const label = `${actor.username}@${actor.scopePath ?? ''} ${JSON.stringify(f)} at ${offset / day}d`;
          assert.deepEqual(await caseStatistics(t.database.db, actor, f), await caseStatistics(t.database.db, actor, f, { live: true }), label);
          for (const group of GROUPS) {
            assert.deepEqual(await caseStatisticsBy(t.database.db, actor, f, group), await caseStatisticsBy(t.database.db, actor, f, group, { live: true }), `${label} by ${group}`);
          }
          compared++;
        }
      }
    }
    resetClock();
    const admin = actors[0]!;
    const whole = await caseStatistics(t.database.db, admin, {}, { live: true });
    assert.equal(whole.received, casesBefore + 4, 'the 4 copies that stayed');
    setClock(new Date(start + 2 * day));
    const later = await caseStatistics(t.database.db, admin, {}, { live: true });
    assert.ok(whole.overdueNow > 0 && later.signOverdueNow > 0 && whole.replied > 0, JSON.stringify(whole));
    assert.ok(later.overdueNow + later.signOverdueNow > whole.overdueNow + whole.signOverdueNow, 'more are overdue two days later');
    resetClock();
    assert.ok(compared > 100);
  });

  it('hold what a recount from the cases would hold', async () => {
    const db = t.database.db;
    const read = async () => Promise.all(['case_rollup', 'case_rollup_day'].map(async (table) =>
      (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where received <> 0 order by 1, 2, 3, 4, 5, 6, 7`.execute(db)).rows));
    const kept = await read();
    await sql`select case_rollup_rebuild()`.execute(db);
    assert.deepEqual(await read(), kept);
  });
});
