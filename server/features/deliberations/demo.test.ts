/**
 * The demo's deliberation days of 平桂区西湾街道, loaded as at the first start on whatever day the
 * clock says: the last day held and published with its action plan (one item reopened on a
 * constituent's feedback), the next one with ranked topics to choose from.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { resetClock, setClock, today } from '../../platform/clock.js';
import { onTemplateDay } from '../../testing/demoDates.js';
import { verifyAuditChain } from '../audit/index.js';
import { Client, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoDeliberations } from './demo.js';

describe('the demo deliberation days of 西湾街道', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoDeliberations>>;
  before(async () => {
    // The demo loaded and read on one day: the template's, on a clock that stays put (a run may cross midnight).
    setClock(onTemplateDay());
    t = await startTestApp();
    ids = await t.database.db.transaction().execute((trx) => loadDemoDeliberations(trx));
  });
  after(async () => {
    await t.close();
    resetClock();
  });

  it('tells a day held and published before today, with its action plan partly answered and one item sent back', async () => {
    const office = await signIn(t.app, 'xiwan');
    const day = (await office.get(`/api/deliberations/days/${ids.held}`)).json<{ state: string; heldOn: string; publishedAt: string; topics: unknown[]; items: { state: string; reopenCount: number }[]; record: { participants: unknown[] } }>();
    assert.equal(day.state, 'published');
    assert.ok(day.heldOn < today());
    assert.ok(day.publishedAt < new Date().toISOString());
    assert.equal(day.topics.length, 2);
    assert.deepEqual(day.items.map((i) => [i.state, i.reopenCount]), [['signed', 1], ['answered', 0], ['signed', 0]]);
    assert.equal(day.record.participants.length, 4);
    const page = (await new Client(t.app).get(`/api/public/deliberations/${ids.held}`)).json<{ feedbackCounts: Record<string, number> }>();
    assert.deepEqual(page.feedbackCounts, { satisfied: 1, basically_satisfied: 1, unsatisfied: 1 });
    const todo = (await office.get('/api/todo')).json<{ items: { key: string; count: number }[] }>();
    assert.equal(todo.items.find((i) => i.key === 'deliberation.review')?.count, 1);
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
  });

  it('stamps the constituents\' feedback at distinct daytime moments after the publication, the decision after them', async () => {
    const db = t.database.db;
    const day = await db.selectFrom('deliberation_day').select(['published_at', 'held_on']).where('id', '=', ids.held).executeTakeFirstOrThrow();
    const rows = await db.selectFrom('deliberation_feedback').select(['created_at', 'decided_at']).where('day_id', '=', ids.held).orderBy('id').execute();
    const stamps = rows.map((r) => r.created_at.getTime());
    assert.equal(new Set(stamps).size, rows.length, 'each its own moment');
    assert.deepEqual([...stamps].sort((a, b) => a - b), stamps, 'in the order given');
    assert.ok(stamps.every((s) => s > day.published_at!.getTime() && s < Date.now()));
    const decided = rows.find((r) => r.decided_at !== null)!.decided_at!;
    assert.ok(decided.getTime() > Math.max(...stamps) && decided.getTime() < Date.now());
    // With a few days between the meeting and now (the usual case), every moment is in the daytime, Shanghai time.
    if (today() >= addDays(day.held_on, 4)) {
      const hour = (d: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(d));
      for (const d of [...rows.map((r) => r.created_at), decided]) assert.ok(hour(d) >= 8 && hour(d) < 21, `daytime: ${d.toISOString()}`);
    }
  });

  it('leaves the next day scheduled with ranked topics to choose from', async () => {
    const office = await signIn(t.app, 'xiwan');
    assert.ok(ids.next);
    const next = (await office.get(`/api/deliberations/days/${ids.next}`)).json<{ state: string; heldOn: string; actions: string[] }>();
    assert.equal(next.state, 'scheduled');
    assert.ok(next.heldOn >= today());
    assert.ok(next.actions.includes('choose'));
    const topics = (await office.get('/api/deliberations/topics?regionCode=451103001&state=proposed')).json<{ items: { rank: number | null; score: number | null }[] }>().items;
    assert.deepEqual(topics.map((x) => x.rank), [1, 2, 3, 4, null]);
    assert.ok(topics[0]!.score! >= topics[1]!.score!);
  });
});
