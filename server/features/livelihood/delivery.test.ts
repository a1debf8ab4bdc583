/**
 * An adopted livelihood project carried out, through the API: started with its milestones,
 * spending, photos and a supervision visit recorded as an activity; accepted only once every
 * milestone is done (its source case told); a milestone slipping reminded by the job to the staff
 * and the unit, weekly, until done; the year-end evaluation: a project below the threshold gets a
 * rectification item tracked to closure, one above it is evaluated; each deputy rates once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { runDueJobs } from '../../platform/jobs/runner.js';
import { morningOf } from '../../platform/workflow/timers.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type Factories, type SignedIn } from '../../testing/factories.js';
import { libreOfficeCsv } from '../../testing/officeFiles.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex').toString('base64');

type Person = SignedIn;

describe('livelihood project delivery', () => {
  let t: TestApp;
  let make: Factories;
  let staff: Person;
  let unit: Person;
  let otherUnit: Person;
  let deputies: Person[];
  let outsider: Person;
  let townCode: string;
  let villageCode: string;
  let roundId: number;
  const today = shanghaiDate(clockNow());
  const year = Number(today.slice(0, 4));

  const db = () => t.database.db;
  const person = (role: 'staff' | 'deputy' | 'unit', o: Parameters<Factories['signedIn']>[1]): Promise<Person> => make.signedIn(role, o);
  /** A project action through its route (POST /api/livelihood/projects/{id}/actions); a refusal rejects with its code. */
  const act = async (who: Person, id: number, body: Record<string, unknown> & { action: string }) => {
    const res = await who.client.post(`/api/livelihood/projects/${id}/actions`, body);
    if (res.statusCode !== 200) throw Object.assign(new Error(res.body), { code: res.json<{ error: { code: string } }>().error.code });
    return res.json<unknown>();
  };
  const refused = async (p: Promise<unknown>, code: string) => {
    await assert.rejects(p, (e: { code?: string }) => e.code === code || assert.fail(`expected ${code}, got ${JSON.stringify(e.code ?? e)}`));
  };
  const todo = async (who: Person, key: string) => {
    const res = await who.client.get('/api/todo');
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ items: { key: string; count: number }[] }>().items.find((i) => i.key === key)?.count;
  };
  const state = async (id: number) => (await db().selectFrom('livelihood_project').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  /** An adopted project of the round, as the count leaves it. */
  const adopted = async (title: string, extra: { caseId?: number } = {}) => {
    const region = await db().selectFrom('region').select(['code', 'path']).where('code', '=', villageCode).executeTakeFirstOrThrow();
    const round = await db().selectFrom('livelihood_round').select('congress_region_path').where('id', '=', roundId).executeTakeFirstOrThrow();
    const p = await db().insertInto('livelihood_project').values({
      round_id: roundId, congress_region_path: round.congress_region_path, title, region_code: region.code, region_path: region.path,
      address: '村委旁', description: `${title}:群众反映强烈。`, budget_yuan: 440_000, unit_id: unit.unitId!, origin: 'department',
      proposer_unit_id: unit.unitId!, proposer_deputy_id: null, proposer_name: null, proposer_phone: null, station_id: null,
      created_by_account_id: null, state: 'adopted', updated_at: clockNow(),
    }).returning('id').executeTakeFirstOrThrow();
    if (extra.caseId) await db().insertInto('livelihood_project_source').values({ project_id: p.id, opinion_id: extra.caseId, activity_id: null }).execute();
    return p.id;
  };

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    const county = await make.county();
    const town = county.towns[0]!;
    townCode = town.code;
    villageCode = (await db().selectFrom('region').select('code').where('parent_code', '=', town.code).orderBy('code').executeTakeFirst())?.code ?? town.code;
    const term = await make.term({ level: 'township', regionCode: town.code });
    const seat = [{ level: 'township' as const, term: term.number, regionCode: town.code }];
    deputies = [];
    for (let i = 0; i < 4; i++) deputies.push(await person('deputy', { deputyId: (await make.deputy({ regionCode: town.code, levels: seat })).id }));
    outsider = await person('deputy', { deputyId: (await make.deputy({ regionCode: (await make.county()).towns[0]!.code })).id });
    staff = await person('staff', { regionCode: town.code });
    unit = await person('unit', { unitId: (await make.unit({ regionCode: county.code })).id });
    otherUnit = await person('unit', { unitId: (await make.unit({ regionCode: county.code })).id });
    const r = await db().insertInto('livelihood_round').values({
      term_id: term.id, session_id: null, congress_level: 'township', congress_region_code: town.code, congress_region_path: town.path, year,
      title: `${year}年民生实事项目票决`, collect_opens_on: addDays(today, -60), collect_closes_on: addDays(today, -30), places: 2, ballot_size: 3,
      mode: 'for_against', state: 'counted', published_at: clockNow(), created_by_account_id: null, updated_at: clockNow(),
    }).returning('id').executeTakeFirstOrThrow();
    roundId = r.id;
  });
  after(() => t.close());

  it('carries a project from its start to its acceptance: milestones, spending, photos, a visit; the source case is told', async () => {
    const c = await make.case({ state: 'accepted' });
    const id = await adopted('路花村茶产业园园路硬化', { caseId: c.id });
    await refused(act(otherUnit, id, { action: 'start' }), 'LIVELIHOOD_ACTION_FORBIDDEN');
    // A day that does not exist is bad input, not a database failure.
    await refused(act(staff, id, { action: 'start', startedOn: '2026-02-30' }), 'VALIDATION_FAILED');
    assert.equal(await state(id), 'adopted', 'nothing written');
    await act(staff, id, { action: 'start', startedOn: addDays(today, -20), milestones: [
      { title: '完成招投标', plannedOn: addDays(today, -10) }, { title: '路基施工完成', plannedOn: addDays(today, 20) },
    ] });
    assert.equal(await state(id), 'in_progress');
    const view = async () => {
      const res = await staff.client.get(`/api/livelihood/projects/${id}/delivery`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ milestones: { id: number; title: string; doneOn: string | null; slipped: boolean }[]; spentYuan: number; progressPercent: number;
        photos: { url: string; public: boolean }[]; visits: { activityId: number; deputyNames: string[] }[]; acceptedOn: string | null; startedOn: string }>();
    };
    let v = await view();
    assert.equal(v.startedOn, addDays(today, -20));
    assert.deepEqual(v.milestones.map((m) => [m.title, m.slipped]), [['完成招投标', true], ['路基施工完成', false]]);
    // To-dos: the staff see the slipped milestone, the unit the one due (the other is weeks away).
    assert.equal(await todo(staff, 'livelihood.slipped'), 1);
    assert.equal(await todo(unit, 'livelihood.milestone_due'), 1);
    assert.equal(await todo(otherUnit, 'livelihood.milestone_due'), 0);
    const listed = await unit.client.get('/api/todo/livelihood.milestone_due');
    assert.equal(listed.statusCode, 200, listed.body);
    assert.ok(listed.body.includes('完成招投标'));
    // The unit records what it did; another unit reaches nothing.
    await act(unit, id, { action: 'record_milestone', milestoneId: v.milestones[0]!.id, doneOn: addDays(today, -8), comment: '已确定施工单位' });
    await act(unit, id, { action: 'record_spending', spending: { spentOn: addDays(today, -5), amountYuan: 150_000 }, comment: '首期工程款' });
    await refused(act(unit, id, { action: 'record_spending', spending: { spentOn: addDays(today, 1), amountYuan: 1 } }), 'VALIDATION_FAILED');
    await act(unit, id, { action: 'add_photo', photos: [{ name: '施工.png', data: PNG, caption: '路基施工' }, { name: '内部.png', data: PNG, public: false }] });
    await refused(act(unit, id, { action: 'add_photo', photos: [{ name: 'x.png', data: Buffer.from('not an image').toString('base64') }] }), 'VALIDATION_FAILED');
    await refused(act(unit, id, { action: 'complete', acceptance: { acceptedOn: today, beneficiaries: 4273 } }), 'LIVELIHOOD_ACTION_FORBIDDEN');
    // A deputy of the congress records a supervision visit: an activity (视察) of the activities feature.
    const visit = await deputies[0]!.client.post(`/api/livelihood/projects/${id}/visits`, {
      title: '视察茶产业园园路硬化项目', startsAt: `${addDays(today, -3)}T09:30:00+08:00`, place: '路花村', summary: '查看路基施工进度',
    });
    assert.equal(visit.statusCode, 200, visit.body);
    const activity = await db().selectFrom('activity').select(['kind', 'title']).where('id', '=', visit.json<{ activityId: number }>().activityId).executeTakeFirstOrThrow();
    assert.deepEqual([activity.kind, activity.title], ['inspection', '视察茶产业园园路硬化项目']);
    assert.equal((await outsider.client.post(`/api/livelihood/projects/${id}/visits`, { title: 'x', startsAt: `${today}T09:00:00+08:00` })).statusCode, 404);
    v = await view();
    assert.equal(v.spentYuan, 150_000);
    assert.equal(v.progressPercent, 50);
    assert.equal(v.photos.length, 2);
    assert.equal(v.visits.length, 1);
    assert.equal(v.visits[0]!.deputyNames.length, 1);
    // The staff record one with several deputies, the unit invited.
    const staffVisit = await staff.client.post(`/api/livelihood/projects/${id}/visits`, {
      title: '人大主席团视察民生实事项目', startsAt: `${addDays(today, -2)}T15:00:00+08:00`, deputyIds: [deputies[1]!.deputyId!, deputies[2]!.deputyId!],
    });
    assert.equal(staffVisit.statusCode, 200, staffVisit.body);
    const invited = await db().selectFrom('activity_unit').select('unit_id').where('activity_id', '=', staffVisit.json<{ activityId: number }>().activityId).execute();
    assert.deepEqual(invited.map((u) => u.unit_id), [unit.unitId]);
    const photo = await unit.client.get(v.photos[0]!.url);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    // Acceptance waits for every milestone.
    await refused(act(staff, id, { action: 'complete', acceptance: { acceptedOn: today, beneficiaries: 4273 } }), 'LIVELIHOOD_MILESTONES_OPEN');
    await act(unit, id, { action: 'record_milestone', milestoneId: v.milestones[1]!.id });
    await act(staff, id, { action: 'complete', acceptance: { acceptedOn: today, beneficiaries: 4273 }, comment: '工程质量合格' });
    assert.equal(await state(id), 'completed');
    v = await view();
    assert.equal(v.acceptedOn, today);
    assert.equal(v.progressPercent, 100);
    const note = await db().selectFrom('opinion_event').select(['comment', 'data', 'public']).where('opinion_id', '=', c.id).where('action', '=', 'project_completed').executeTakeFirstOrThrow();
    assert.equal(note.public, true);
    assert.ok(note.comment?.includes('路花村茶产业园园路硬化'));
    assert.equal((note.data as { link?: string }).link, `/projects/${id}`);
    const audit = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'livelihood_project').where('entity_id', '=', String(id)).execute();
    assert.ok(audit.some((a) => a.action === 'livelihood_project.complete'));
  });

  it('reminds the staff and the unit through the job when a milestone slips, weekly, until it is done', async () => {
    const id = await adopted('村级文化广场建设');
    await act(staff, id, { action: 'start', milestones: [{ title: '广场硬化完成', plannedOn: today }] });
    const jobs = async () => db().selectFrom('job').select(['dedupe_key', 'run_at']).where('kind', '=', 'livelihood.milestone_slip')
      .where('done_at', 'is', null).where('dedupe_key', 'like', `livelihood:${id}:%`).orderBy('run_at').execute();
    const first = await jobs();
    assert.equal(first.length, 1);
    assert.equal(first[0]!.run_at.getTime(), morningOf(addDays(today, 1)).getTime());
    const runAt = (day: string) => runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(day).getTime() + 60_000) });
    await runAt(addDays(today, 1));
    const reminders = async () => (await db().selectFrom('livelihood_project_event').select('comment').where('project_id', '=', id).where('action', '=', 'remind').execute()).map((e) => e.comment);
    assert.equal((await reminders()).length, 1);
    assert.ok((await reminders())[0]!.includes('广场硬化完成'));
    const told = async (who: Person) => db().selectFrom('notification').select('title').where('account_id', '=', who.id)
      .where('kind', '=', 'livelihood.remind').where('link', '=', `/livelihood/projects/${id}`).execute();
    assert.equal((await told(staff)).length, 1);
    assert.equal((await told(unit)).length, 1);
    assert.equal((await told(otherUnit)).length, 0);
    const next = await jobs();
    assert.equal(next.length, 1);
    assert.equal(next[0]!.run_at.getTime(), morningOf(addDays(today, 8)).getTime());
    // Done: the next reminder is cancelled.
    const m = await db().selectFrom('livelihood_milestone').select('id').where('project_id', '=', id).executeTakeFirstOrThrow();
    await act(unit, id, { action: 'record_milestone', milestoneId: m.id });
    assert.equal((await jobs()).length, 0);
    await runAt(addDays(today, 9));
    assert.equal((await reminders()).length, 1);
  });

  it('evaluates at year end: below the threshold a rectification item is tracked to closure, above it the project is evaluated', async () => {
    const low = await adopted('村道路灯安装');
    const high = await adopted('饮水安全巩固提升');
    for (const id of [low, high]) {
      await act(staff, id, { action: 'start' });
      await act(staff, id, { action: 'complete', acceptance: { acceptedOn: today, beneficiaries: 100 } });
    }
    const rate = (who: Person, id: number, rating: string) => who.client.post(`/api/livelihood/projects/${id}/rating`, { rating });
    assert.equal((await rate(deputies[0]!, low, 'satisfied')).json<{ error: { code: string } }>().error.code, 'LIVELIHOOD_EVALUATION_NOT_OPEN');
    assert.equal((await deputies[0]!.client.post(`/api/livelihood/rounds/${roundId}/evaluation`, { closesOn: addDays(today, 10) })).statusCode, 403);
    const opened = await staff.client.post(`/api/livelihood/rounds/${roundId}/evaluation`, { thresholdPercent: 60, closesOn: addDays(today, 10) });
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal(opened.json<{ totalDeputies: number }>().totalDeputies, 4);
    assert.equal((await staff.client.post(`/api/livelihood/rounds/${roundId}/evaluation`, { closesOn: addDays(today, 10) })).json<{ error: { code: string } }>().error.code, 'LIVELIHOOD_EVALUATION_EXISTS');
    assert.equal(await todo(deputies[3]!, 'livelihood.evaluate'), 4, 'the four projects being carried out or accepted');
    assert.equal(await todo(outsider, 'livelihood.evaluate'), 0);
    // low: 1 of 3 satisfied (33.3%); high: 2 of 3 (66.7%), the threshold being 60%.
    const ratings: [number, string[]][] = [[low, ['satisfied', 'unsatisfied', 'unsatisfied']], [high, ['satisfied', 'basically_satisfied', 'unsatisfied']]];
    for (const [id, rs] of ratings) {
      for (const [i, r] of rs.entries()) assert.equal((await rate(deputies[i]!, id, r)).statusCode, 200);
    }
    assert.equal((await rate(deputies[0]!, low, 'unsatisfied')).json<{ error: { code: string } }>().error.code, 'LIVELIHOOD_ALREADY_RATED');
    assert.equal((await rate(outsider, low, 'satisfied')).statusCode, 404, 'a deputy outside the congress does not reach the project');
    const mine = await deputies[0]!.client.get(`/api/livelihood/rounds/${roundId}/evaluation`);
    const rows = mine.json<{ canRate: boolean; projects: { projectId: number; myRating: string | null; satisfiedPercent: number | null }[] }>();
    assert.equal(rows.canRate, true);
    assert.equal(rows.projects.find((p) => p.projectId === low)!.myRating, 'satisfied');
    assert.equal(rows.projects.find((p) => p.projectId === low)!.satisfiedPercent, 33.3);
    const closed = await staff.client.post(`/api/livelihood/rounds/${roundId}/evaluation/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(await state(low), 'rectifying');
    assert.equal(await state(high), 'evaluated');
    assert.equal((await rate(deputies[3]!, high, 'satisfied')).json<{ error: { code: string } }>().error.code, 'LIVELIHOOD_EVALUATION_NOT_OPEN');
    const told = await db().selectFrom('notification').select('body').where('account_id', '=', unit.id).where('kind', '=', 'livelihood.open_rectification').execute();
    assert.equal(told.length, 1);
    const delivery = await staff.client.get(`/api/livelihood/projects/${low}/delivery`);
    const items = delivery.json<{ rectifications: { id: number; closedAt: string | null; body: string }[]; evaluation: { satisfiedPercent: number } }>();
    assert.equal(items.rectifications.length, 1);
    assert.ok(items.rectifications[0]!.body.includes('33.3%'));
    const item = items.rectifications[0]!;
    await refused(act(staff, low, { action: 'close_rectification', rectificationId: item.id }), 'VALIDATION_FAILED');
    await refused(act(staff, low, { action: 'close_rectification', rectificationId: item.id + 1000, comment: 'x' }), 'LIVELIHOOD_RECTIFICATION_UNKNOWN');
    await act(staff, low, { action: 'close_rectification', rectificationId: item.id, comment: '已增设路灯 12 盏,经代表复查满意' });
    assert.equal(await state(low), 'closed');
    const after = await staff.client.get(`/api/livelihood/projects/${low}/delivery`);
    assert.ok(after.json<{ rectifications: { closedAt: string | null }[] }>().rectifications[0]!.closedAt);
  });

  it('exports the year\'s projects with their progress as Excel, read back by LibreOffice', async () => {
    const res = await staff.client.get(`/api/livelihood/projects.xlsx?year=${year}`);
    assert.equal(res.statusCode, 200, res.body);
    const rows = libreOfficeCsv(res.rawPayload);
    assert.equal(rows[0]![1], '项目名称');
    const road = rows.find((r) => r[1] === '路花村茶产业园园路硬化');
    assert.ok(road, JSON.stringify(rows));
    assert.deepEqual([road[5], road[6], road[7], road[8], road[12]], ['440000', '150000', '100', '2/2', '4273']);
    assert.equal((await outsider.client.get(`/api/livelihood/projects.xlsx?year=${year}`)).statusCode, 200);
    assert.equal(libreOfficeCsv((await outsider.client.get(`/api/livelihood/projects.xlsx?year=${year}`)).rawPayload).length, 1, 'nothing outside the reader\'s reach');
  });

  it('shows the public the region\'s projects of the year with their progress, and one project without internal photos', async () => {
    const list = await t.app.inject({ method: 'GET', url: `/api/public/livelihood/projects?regionCode=${townCode}&year=${year}` });
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json<{ items: { id: number; title: string; progressPercent: number; budgetYuan: number; spentYuan: number; stateLabel: { zh: string } }[] }>().items;
    const road = items.find((i) => i.title === '路花村茶产业园园路硬化');
    assert.ok(road, JSON.stringify(items));
    assert.deepEqual([road.progressPercent, road.budgetYuan, road.spentYuan], [100, 440_000, 150_000]);
    const one = await t.app.inject({ method: 'GET', url: `/api/public/livelihood/projects/${road.id}` });
    assert.equal(one.statusCode, 200, one.body);
    const p = one.json<{ photos: { url: string }[]; milestones: unknown[]; visits: unknown[]; acceptedOn: string; beneficiaries: number }>();
    assert.equal(p.photos.length, 1, 'the internal photo is not public');
    assert.equal(p.milestones.length, 2);
    assert.equal(p.visits.length, 2);
    assert.equal(p.beneficiaries, 4273);
    assert.equal((await t.app.inject({ method: 'GET', url: p.photos[0]!.url })).statusCode, 200);
    assert.ok(!one.body.includes('proposer'), 'no proposer');
    // A round not published shows nothing.
    await db().updateTable('livelihood_round').set({ published_at: null }).where('id', '=', roundId).execute();
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/public/livelihood/projects/${road.id}` })).statusCode, 404);
    await db().updateTable('livelihood_round').set({ published_at: clockNow() }).where('id', '=', roundId).execute();
  });

  it('takes a constituent\'s proposal on the public form while a round collects, and keeps the name and phone for the staff', async () => {
    const term = await db().selectFrom('livelihood_round').select(['term_id', 'congress_region_path']).where('id', '=', roundId).executeTakeFirstOrThrow();
    const open = await db().insertInto('livelihood_round').values({
      term_id: term.term_id, session_id: null, congress_level: 'township', congress_region_code: townCode, congress_region_path: term.congress_region_path, year: year + 1,
      title: `${year + 1}年民生实事项目征集`, collect_opens_on: addDays(today, -1), collect_closes_on: addDays(today, 20), places: 3, ballot_size: 5,
      mode: 'for_against', state: 'collecting', published_at: null, created_by_account_id: null, updated_at: clockNow(),
    }).returning('id').executeTakeFirstOrThrow();
    const rounds = await t.app.inject({ method: 'GET', url: `/api/public/livelihood/rounds?regionCode=${villageCode}` });
    assert.ok(rounds.json<{ items: { id: number }[] }>().items.some((r) => r.id === open.id), rounds.body);
    const propose = (body: object) => t.app.inject({ method: 'POST', url: '/api/public/livelihood/proposals', payload: body });
    const res = await propose({ roundId: open.id, title: '修建村口停车场', regionCode: villageCode, description: '赶集日车辆乱停,堵塞道路。', name: '廖大姐', phone: '13877412345' });
    assert.equal(res.statusCode, 200, res.body);
    const row = await db().selectFrom('livelihood_project').selectAll().where('id', '=', res.json<{ id: number }>().id).executeTakeFirstOrThrow();
    assert.deepEqual([row.origin, row.state, row.proposer_name, row.proposer_phone, row.round_id], ['constituent', 'proposed', '廖大姐', '13877412345', open.id]);
    const audit = await db().selectFrom('audit_log').select(['after']).where('entity_type', '=', 'livelihood_project').where('entity_id', '=', String(row.id)).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit.after).includes('13877412345') && !JSON.stringify(audit.after).includes('廖大姐'), 'the audit record names no one');
    // The published, counted round takes no proposal; a place outside the congress is refused.
    assert.equal((await propose({ roundId, title: 'x', description: 'y', name: '某' })).json<{ error: { code: string } }>().error.code, 'LIVELIHOOD_ROUND_NOT_COLLECTING');
    const elsewhere = await make.county();
    assert.equal((await propose({ roundId: open.id, title: 'x', description: 'y', name: '某', regionCode: elsewhere.code })).statusCode, 400);
  });
});
