/** The demo's 公会镇代表法庭联络室: last year's 墙角 dispute settled, eight disputes resolved, 36 constituents received, 9 opinions collected. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resetClock, setClock, today } from '../../platform/clock.js';
import { onTemplateDay } from '../../testing/demoDates.js';
import { idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoMediation } from './demo.js';

describe('the mediation demo', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoMediation>>;
  before(async () => {
    // The demo loaded and read on one day: the template's, on a clock that stays put (a run may cross midnight).
    setClock(onTemplateDay());
    t = await startTestApp();
    ids = await t.database.db.transaction().execute((trx) => loadDemoMediation(trx));
  });
  after(async () => {
    await t.close();
    resetClock();
  });

  it('has the 墙角 dispute resolved with its agreement, and last year\'s figures consistent with the records', async () => {
    const staff = await signIn(t.app, 'pinggui');
    const wall = (await staff.get(`/api/mediation/${ids.wallCorner}`)).json();
    assert.equal(wall.outcome, 'agreed');
    assert.ok(wall.title.includes('墙角'));
    assert.equal(wall.sessions[0].legalOfficerName, '李红梅');
    assert.ok(wall.agreement);
    const court = await idOf(t.database.db, 'station', '平桂区公会镇代表法庭联络室');
    const year = Number(today().slice(0, 4)) - 1;
    const stats = (await staff.get(`/api/mediation/statistics?stationId=${court}&year=${year}`)).json();
    assert.equal(stats.resolved, 8);
    assert.equal(stats.constituentsReceived, 36);
    assert.equal(stats.opinionsCollected, 9);
    assert.deepEqual([stats.resolvedByType.labour, stats.resolvedByType.graves, stats.resolvedByType.forest_land, stats.resolvedByType.neighbours], [3, 2, 2, 1]);
    assert.equal((await staff.get(`/api/mediation/${ids.open}`)).json().state, 'in_session');
  });
});
