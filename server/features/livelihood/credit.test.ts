/**
 * What taking part in livelihood projects earns a deputy, read through the API: the points (a
 * project they proposed that the congress adopted; one fact per evaluation round they rated at,
 * however many projects), and the performance archive with its PDF.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type SignedIn } from '../../testing/factories.js';

describe('livelihood projects in the points and the performance archive', () => {
  let t: TestApp;
  let dir: string;
  let staff: SignedIn;
  let proposer: SignedIn;
  let rater: SignedIn;
  let roundId: number;
  let adoptedId: number;
  const today = shanghaiDate(clockNow());
  const year = Number(today.slice(0, 4));

  before(async () => {
    t = await startTestApp();
    dir = mkdtempSync(path.join(tmpdir(), 'livelihood-credit-'));
    const make = factories(t);
    const county = await make.county();
    const town = county.towns[0]!;
    const term = await make.term({ level: 'township', regionCode: town.code });
    const seat = [{ level: 'township' as const, term: term.number, regionCode: town.code }];
    proposer = await make.signedIn('deputy', { deputyId: (await make.deputy({ regionCode: town.code, levels: seat })).id });
    rater = await make.signedIn('deputy', { deputyId: (await make.deputy({ regionCode: town.code, levels: seat })).id });
    staff = await make.signedIn('staff', { regionCode: town.code });
    const db = t.database.db;
    roundId = (await db.insertInto('livelihood_round').values({
      term_id: term.id, session_id: null, congress_level: 'township', congress_region_code: town.code, congress_region_path: town.path, year,
      title: `${year}年民生实事项目票决`, collect_opens_on: addDays(today, -60), collect_closes_on: addDays(today, -30), places: 1, ballot_size: 2,
      mode: 'for_against', state: 'counted', published_at: clockNow(), created_by_account_id: null, updated_at: clockNow(),
    }).returning('id').executeTakeFirstOrThrow()).id;
    // Two projects the deputy proposed, as the count left them: one adopted (and accepted), one not.
    const project = async (title: string, state: 'completed' | 'not_adopted') => (await db.insertInto('livelihood_project').values({
      round_id: roundId, congress_region_path: town.path, title, region_code: town.code, region_path: town.path, address: '村委旁',
      description: `${title}:群众反映强烈。`, budget_yuan: 440_000, unit_id: null, origin: 'deputy', proposer_deputy_id: proposer.deputyId!,
      proposer_unit_id: null, proposer_name: null, proposer_phone: null, station_id: null, created_by_account_id: proposer.id, state,
      decided_at: clockNow(), updated_at: clockNow(),
    }).returning('id').executeTakeFirstOrThrow()).id;
    adoptedId = await project('茶产业园园路硬化', 'completed');
    await project('村级文化广场', 'not_adopted');
    const second = (await db.insertInto('livelihood_project').values({
      round_id: roundId, congress_region_path: town.path, title: '饮水安全巩固提升', region_code: town.code, region_path: town.path, address: '村委旁',
      description: '饮水工程。', budget_yuan: 100_000, unit_id: null, origin: 'station', proposer_deputy_id: null, proposer_unit_id: null,
      proposer_name: null, proposer_phone: null, station_id: null, created_by_account_id: null, state: 'completed', decided_at: clockNow(), updated_at: clockNow(),
    }).returning('id').executeTakeFirstOrThrow()).id;
    for (const id of [adoptedId, second]) await db.insertInto('livelihood_delivery').values({ project_id: id, started_on: addDays(today, -20), accepted_on: today }).execute();
    // The year-end evaluation, opened by the staff; the rater rates both projects through the API.
    const opened = await staff.client.post(`/api/livelihood/rounds/${roundId}/evaluation`, { thresholdPercent: 60, closesOn: addDays(today, 10) });
    assert.equal(opened.statusCode, 200, opened.body);
    for (const id of [adoptedId, second]) {
      const res = await rater.client.post(`/api/livelihood/projects/${id}/rating`, { rating: 'satisfied' });
      assert.equal(res.statusCode, 200, res.body);
    }
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const ledger = async (who: SignedIn) => {
    const res = await who.client.get(`/api/points/deputies/${who.deputyId}?year=${year}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ entries: { source: string; ref: { type: string; id: number; link: string | null }; rule: { key: string; value: number } | null }[] }>()
      .entries.filter((e) => e.source.startsWith('livelihood_'));
  };

  it('credits the adopted project to its proposer and one evaluation to the rater, however many projects rated', async () => {
    assert.deepEqual((await ledger(proposer)).map((e) => [e.source, e.ref.type, e.ref.id, e.ref.link, e.rule?.key, e.rule?.value]),
      [['livelihood_proposed', 'livelihood_project', adoptedId, `/livelihood/projects/${adoptedId}`, 'livelihoodProposed', 2]], 'the project not adopted earns nothing');
    assert.deepEqual((await ledger(rater)).map((e) => [e.source, e.ref.type, e.ref.id, e.ref.link, e.rule?.key, e.rule?.value]),
      [['livelihood_rated', 'livelihood_round', roundId, `/livelihood/${roundId}`, 'livelihoodRated', 1]]);
  });

  it('lists the projects proposed with their outcome and the evaluations taken part in, on the archive and its PDF', async () => {
    const res = await proposer.client.get(`/api/deputies/${proposer.deputyId}/archive`);
    assert.equal(res.statusCode, 200, res.body);
    const archive = res.json<{ summary: { livelihood: unknown }; livelihoodProjects: { title: string; stateLabel: { zh: string }; adopted: boolean }[]; livelihoodEvaluations: unknown[] }>();
    assert.deepEqual(archive.summary.livelihood, { proposed: 2, adopted: 1, evaluations: 0, rated: 0 });
    assert.deepEqual(archive.livelihoodProjects.map((p) => [p.title, p.stateLabel.zh, p.adopted]), [['茶产业园园路硬化', '已验收', true], ['村级文化广场', '未获通过', false]]);
    const theirs = (await rater.client.get(`/api/deputies/${rater.deputyId}/archive`)).json<{ summary: { livelihood: unknown }; livelihoodEvaluations: { roundId: number; rated: number }[] }>();
    assert.deepEqual(theirs.summary.livelihood, { proposed: 0, adopted: 0, evaluations: 1, rated: 2 });
    assert.deepEqual(theirs.livelihoodEvaluations.map((e) => [e.roundId, e.rated]), [[roundId, 2]]);
    const pdf = await proposer.client.get(`/api/deputies/${proposer.deputyId}/archive.pdf`);
    assert.equal(pdf.statusCode, 200, pdf.body);
    const file = path.join(dir, 'archive.pdf');
    writeFileSync(file, pdf.rawPayload);
    const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const text = run.stdout.replace(/\s+/g, '');
    for (const s of ['民生实事项目', '茶产业园园路硬化', '未获通过', '参加满意度测评0次']) assert.ok(text.includes(s), `${s} in ${text}`);
  });
});
