import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { now as clockNow } from '../../platform/clock.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { verifyAuditChain } from '../audit/index.js';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoLivelihood, type DemoLivelihood } from './demo.js';

describe('the demo livelihood projects of 黄田镇', () => {
  let t: TestApp;
  let ids: DemoLivelihood;
  // The demo as it is loaded today, whatever day that is (the suite also runs years ahead under faketime).
  const now = clockNow();
  const year = Number(shanghaiDate(now).slice(0, 4));
  before(async () => {
    t = await startTestApp();
    ids = await t.database.db.transaction().execute((trx) => loadDemoLivelihood(trx, now));
  });
  after(() => t.close());

  it('voted 路花村茶产业园园路硬化 in with a high vote in 2024, more than half of all the deputies, by secret paper ballots', async () => {
    const db = t.database.db;
    const round = await db.selectFrom('livelihood_round').selectAll().where('id', '=', ids.round2024).executeTakeFirstOrThrow();
    assert.deepEqual([round.year, round.state, round.places, round.ballot_size, round.published_at !== null], [2024, 'counted', 5, 7, true]);
    const vote = await db.selectFrom('livelihood_vote').selectAll().where('round_id', '=', ids.round2024).executeTakeFirstOrThrow();
    assert.deepEqual([vote.outcome, vote.total_deputies, vote.present, vote.turnout_paper], ['counted', 30, 28, 28]);
    const results = await db.selectFrom('livelihood_result as r').innerJoin('livelihood_project as p', 'p.id', 'r.project_id')
      .select(['p.title', 'r.for_count', 'r.passed', 'r.adopted']).where('r.vote_id', '=', vote.id).orderBy('r.for_count', 'desc').execute();
    assert.equal(results.length, 7);
    assert.deepEqual(results[0], { title: '路花村茶产业园园路硬化', for_count: 27, passed: true, adopted: true });
    assert.equal(results.filter((r) => r.adopted).length, 5);
    assert.ok(results.filter((r) => !r.passed).every((r) => r.for_count <= 15), 'not more than half of all 30 deputies');
    // The box holds the 28 ballots and no deputy; the turnout the 28 deputies and no choice.
    const box = await db.selectFrom('livelihood_ballot_box').select('ballots').where('vote_id', '=', vote.id).executeTakeFirstOrThrow();
    assert.equal((box.ballots as unknown[]).length, 28);
    const proposer = await db.selectFrom('livelihood_project as p').innerJoin('deputy as d', 'd.id', 'p.proposer_deputy_id').select('d.name').where('p.id', '=', ids.road).executeTakeFirstOrThrow();
    assert.equal(proposer.name, '廖学聪');
    // Its days are its own: voted and published at the session, every step of the road's timeline in order.
    assert.ok(vote.closed_at!.toISOString().startsWith('2024-'), `counted in 2024, not ${vote.closed_at!.toISOString()}`);
    assert.ok(round.published_at!.toISOString().startsWith('2024-'));
    const timeline = await db.selectFrom('livelihood_project_event').select(['at', 'action']).where('project_id', '=', ids.road).orderBy('id').execute();
    const when = (action: string) => timeline.find((e) => e.action === action)!.at.getTime();
    const shown = timeline.map((e) => `${e.action} ${e.at.toISOString()}`).join(', ');
    assert.ok(when('create') < when('shortlist') && when('shortlist') < when('place_on_ballot') && when('place_on_ballot') < when('adopt')
      && when('adopt') < when('start') && when('start') < when('complete'), `the steps in their order: ${shown}`);
    assert.ok(timeline.every((e) => e.at.getTime() < Date.parse('2025-12-31')), `no step stamped with the loading day: ${shown}`);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('built the road through 2024 and accepted it on 2024-12-22, serving 4273 people; evaluated satisfactory at year end', async () => {
    const staff = await signIn(t.app, 'admin');
    const res = await staff.get(`/api/livelihood/projects/${ids.road}/delivery`);
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json<{ state: string; acceptedOn: string; beneficiaries: number; spentYuan: number; budgetYuan: number; progressPercent: number;
      milestones: { doneOn: string | null }[]; visits: { deputyNames: string[] }[]; evaluation: { satisfiedPercent: number; thresholdPercent: number } }>();
    assert.deepEqual([d.state, d.acceptedOn, d.beneficiaries, d.budgetYuan, d.spentYuan, d.progressPercent], ['evaluated', '2024-12-22', 4273, 440_000, 418_000, 100]);
    assert.equal(d.milestones.length, 4);
    assert.ok(d.milestones.every((m) => m.doneOn !== null && m.doneOn <= '2024-12-22'));
    assert.ok(d.visits[0]!.deputyNames.includes('廖学聪'));
    assert.ok(d.evaluation.satisfiedPercent >= d.evaluation.thresholdPercent);
    // The rain shelter fell short, was rectified and closed in 2025.
    const shelter = await t.database.db.selectFrom('livelihood_project').select('state').where('id', '=', ids.rectified).executeTakeFirstOrThrow();
    assert.equal(shelter.state, 'closed');
    const item = await t.database.db.selectFrom('livelihood_rectification').selectAll().where('project_id', '=', ids.rectified).executeTakeFirstOrThrow();
    assert.ok(item.closed_at && shanghaiDate(item.closed_at) === '2025-03-20');
    // The 2024 congress's deputies not re-elected are former deputies now.
    const former = await t.database.db.selectFrom('deputy').select('status').where('id', 'in', ids.deputies2024).execute();
    assert.ok(former.every((f) => f.status === 'former'));
  });

  it('shows the 2024 projects on the public page of 黄田镇 with their progress', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/livelihood/projects?regionCode=451103101&year=2024' });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json<{ items: { id: number; title: string; acceptedOn: string | null; forCount: number; progressPercent: number }[] }>().items;
    assert.equal(items.length, 5);
    const road = items.find((i) => i.id === ids.road)!;
    assert.deepEqual([road.title, road.acceptedOn, road.forCount, road.progressPercent], ['路花村茶产业园园路硬化', '2024-12-22', 27, 100]);
  });

  it('has this year\'s ballot of the 13th congress approved and ready for the vote', async () => {
    const round = await t.database.db.selectFrom('livelihood_round').selectAll().where('id', '=', ids.current).executeTakeFirstOrThrow();
    assert.deepEqual([round.year, round.state, round.places, round.ballot_size], [year, 'ballot_ready', 3, 5]);
    const onBallot = await t.database.db.selectFrom('livelihood_project').select('id').where('round_id', '=', ids.current).where('state', '=', 'on_ballot').execute();
    assert.equal(onBallot.length, 5);
  });

  it('has 平桂区 collecting next year\'s candidates, which the public form offers and takes', async () => {
    assert.ok(ids.collecting, 'the county congress collects');
    const round = await t.database.db.selectFrom('livelihood_round').selectAll().where('id', '=', ids.collecting!).executeTakeFirstOrThrow();
    assert.deepEqual([round.year, round.state, round.mode], [year + 1, 'collecting', 'choose']);
    const origins = (await t.database.db.selectFrom('livelihood_project').select('origin').where('round_id', '=', ids.collecting!).orderBy('id').execute()).map((p) => p.origin);
    assert.deepEqual(origins, ['deputy', 'department', 'constituent']);
    const offered = await t.app.inject({ method: 'GET', url: '/api/public/livelihood/rounds?regionCode=451103101' });
    assert.equal(offered.statusCode, 200, offered.body);
    assert.ok(offered.json<{ items: { id: number }[] }>().items.some((r) => r.id === ids.collecting), 'a 黄田镇 villager is offered the county\'s round');
    const sent = await t.app.inject({
      method: 'POST', url: '/api/public/livelihood/proposals',
      payload: { roundId: ids.collecting, title: '沙田镇农贸市场改造', regionCode: '451103103', description: '市场地面坑洼积水,建议硬化并加盖雨棚。', name: '何阿姨' },
    });
    assert.equal(sent.statusCode, 200, sent.body);
  });
});
