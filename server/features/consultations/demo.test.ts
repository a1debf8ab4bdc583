/**
 * The demo's consultations of 平桂区人大常委会, loaded as at the first start on whatever day the
 * clock says: one deliberated with views from three stations, one open now to answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { resetClock, setClock, today } from '../../platform/clock.js';
import { onTemplateDay } from '../../testing/demoDates.js';
import { verifyAuditChain } from '../audit/index.js';
import { Client, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoConsultations } from './demo.js';

describe('the demo consultations of 平桂区', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoConsultations>>;
  before(async () => {
    // The demo loaded and read on one day: the template's, on a clock that stays put (a run may cross midnight).
    setClock(onTemplateDay());
    t = await startTestApp();
    ids = await t.database.db.transaction().execute((trx) => loadDemoConsultations(trx));
  });
  after(async () => {
    await t.close();
    resetClock();
  });

  it('tells a deliberated topic with views from three stations, its days before today', async () => {
    const staff = await signIn(t.app, 'pinggui');
    const topic = (await staff.get(`/api/consultations/${ids.closed}`)).json<{ state: string; congress: { name: string }; closesOn: string; opinion: { at: string } | null }>();
    assert.equal(topic.state, 'deliberated');
    assert.equal(topic.congress.name, '平桂区人大常委会');
    assert.equal(topic.closesOn, addDays(today(), -14));
    assert.ok(topic.opinion && topic.opinion.at < new Date().toISOString());
    const c = (await staff.get(`/api/consultations/${ids.closed}/compilation`)).json<{ stations: { total: number }[]; totals: Record<string, number> }>();
    assert.equal(c.stations.filter((s) => s.total > 0).length, 3, 'views from three stations');
    assert.deepEqual(c.totals, { total: 5, public: 3, reception: 1, activity: 1 });
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
  });

  it('leaves one topic open for anyone to answer on the phone page', async () => {
    const anon = new Client(t.app);
    const page = (await anon.get(`/api/public/consultations/${ids.open}`)).json<{ windowOpen: boolean; questions: { id: number }[]; stations: { id: number }[] }>();
    assert.equal(page.windowOpen, true);
    const res = await anon.post(`/api/public/consultations/${ids.open}/views`, { stationId: page.stations[0]!.id, answers: [{ questionId: page.questions[0]!.id, text: '水压正常。' }] });
    assert.equal(res.statusCode, 201, res.body);
    const todo = (await (await signIn(t.app, 'huangtian')).get('/api/todo')).json<{ items: { key: string; count: number }[] }>();
    assert.equal(todo.items.find((i) => i.key === 'consultation.gather')?.count, 1);
  });
});
