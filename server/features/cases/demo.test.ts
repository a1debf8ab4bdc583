import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { now as clockNow } from '../../platform/clock.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { verifyAuditChain } from '../audit/index.js';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoCases } from './demo.js';

describe('the demo cases', () => {
  let t: TestApp;
  let made = 0;
  // The demo as it is loaded today, whatever day that is (the suite also runs at other dates under faketime).
  const now = clockNow();
  before(async () => {
    t = await startTestApp();
    made = await t.database.db.transaction().execute((trx) => loadDemoCases(trx, now));
  });
  after(() => t.close());

  it('spread twelve weeks of cases over every stage, none in the future', async () => {
    assert.ok(made >= 60, `${made} cases`);
    const db = t.database.db;
    const states = new Set((await db.selectFrom('opinion').select('state').execute()).map((r) => r.state));
    for (const s of ['closed', 'declined', 'in_progress', 'answered']) assert.ok(states.has(s as never), `some ${s}: ${[...states]}`);
    const latest = await db.selectFrom('opinion_event').select((eb) => eb.fn.max('at').as('at')).executeTakeFirstOrThrow();
    assert.ok(new Date(latest.at as Date) <= now);
    const earliest = await db.selectFrom('opinion').select((eb) => eb.fn.min('submitted_at').as('at')).executeTakeFirstOrThrow();
    assert.ok(now.getTime() - new Date(earliest.at as Date).getTime() <= 84 * 86_400_000);
  });

  it('are true to the rules: figures from stored facts, the audit chain intact', async () => {
    const staff = await signIn(t.app, 'pinggui');
    const stats = (await staff.get('/api/statistics/cases')).json();
    assert.equal(stats.received, made);
    assert.ok(stats.replied > 0 && stats.rated > 0 && stats.onTimeRate > 0.5 && stats.onTimeRate < 1, JSON.stringify(stats));
    assert.ok(stats.unsatisfied + stats.rehandled > 0);
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
  });

  it('go to the units whose business they are, and staff and clerks act in office hours', async () => {
    const db = t.database.db;
    const assigned = await db.selectFrom('opinion as o').innerJoin('unit as u', 'u.id', 'o.assigned_unit_id')
      .select(['o.content', 'u.name']).execute();
    assert.ok(new Set(assigned.map((a) => a.name)).size >= 5, 'cases spread over the units');
    for (const a of assigned) {
      if (a.content.includes('幼儿园')) assert.equal(a.name, '贺州市平桂区教育局');
      if (a.content.includes('卫生室')) assert.equal(a.name, '贺州市平桂区卫生健康局');
      if (a.content.includes('自来水')) assert.equal(a.name, '贺州市平桂区水利局');
    }
    // Every step by an account (staff, officer, deputy, clerk) on a weekday between 8:30 and 17:30 Beijing time,
    // on the cases of 平桂区's stations (other features' demos keep cases elsewhere, on their own days).
    const pingguiPath = (await db.selectFrom('region').select('path').where('code', '=', '451103').executeTakeFirstOrThrow()).path;
    const steps = await db.selectFrom('opinion_event as e').innerJoin('opinion as o', 'o.id', 'e.opinion_id')
      .select(['e.at', 'e.action']).where('e.actor_account_id', 'is not', null)
      .where((eb) => eb.exists(eb.selectFrom('station_region as sr').select('sr.station_id').whereRef('sr.station_id', '=', 'o.station_id').where('sr.region_path', 'like', `${pingguiPath}%`)))
      .execute();
    assert.ok(steps.length > 100);
    for (const { at, action } of steps) {
      const beijing = new Date(at.getTime() + 8 * 3_600_000);
      const minutes = beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
      assert.ok(beijing.getUTCDay() >= 1 && beijing.getUTCDay() <= 5 && minutes >= 510 && minutes < 1080, `${action} at ${at.toISOString()}`);
    }
  });

  it('tell the same story on any day: the campaign is running, the rota has days held and days to come', async () => {
    const today = shanghaiDate(now);
    const staff = await signIn(t.app, 'pinggui');
    const running = (await staff.get('/api/campaigns?current=true')).json<{ name: string; startsOn: string; endsOn: string; figures: { activities: number } }[]>();
    const campaign = running.find((c) => c.name === '产业协同发展·代表在行动');
    assert.ok(campaign && campaign.startsOn < today && today < campaign.endsOn && campaign.figures.activities === 3, JSON.stringify(running));
    const turns = (await (await signIn(t.app, 'liangjun')).get('/api/rota/mine')).json<{ date: string; status: string }[]>();
    assert.ok(turns.some((d) => d.date < today && d.status === 'held'), 'a day held in the last month');
    assert.ok(turns.some((d) => d.date > today && d.status === 'scheduled'), 'a day to come');
  });
});
